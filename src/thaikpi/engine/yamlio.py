"""Safe, exact reading of YAML (and JSON) files with a line number for every value.

- Decimals are read exactly (``2.4`` becomes ``Decimal("2.4")``, never a float).
- Aliases (``*name``) are refused: they are how "billion laughs" files explode in size.
- Duplicate keys are refused rather than silently overwritten.
- Every value's path (``("kpis", 0, "weight")``) maps to its 1-based line.
"""

from __future__ import annotations

import datetime
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

MAX_BYTES = 5 * 1024 * 1024
Path_ = tuple[str | int, ...]


class YamlProblem(Exception):
    """A file that is not readable YAML/JSON, with the line where reading stopped."""

    def __init__(self, message: str, line: int | None = None) -> None:
        self.message = message
        self.line = line
        super().__init__(message)


class _NoAliasLoader(yaml.SafeLoader):
    """A SafeLoader that refuses aliases before any expansion can happen."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise YamlProblem(
                f"YAML aliases (*{event.anchor}) are not allowed in ThaiKPI files",
                event.start_mark.line + 1,
            )
        return super().compose_node(parent, index)


_SCALARS = yaml.SafeLoader("")  # only its constructor methods are used, for scalar tags


def _scalar(node: yaml.ScalarNode) -> object:
    tag = node.tag
    if tag == "tag:yaml.org,2002:float":
        text = node.value.replace("_", "").replace(",", "")
        if text.lower().lstrip("+-") in (".nan", ".inf"):
            raise YamlProblem(f"not a finite number: {node.value}", node.start_mark.line + 1)
        try:
            return Decimal(text)
        except InvalidOperation as exc:
            raise YamlProblem(f"not a number: {node.value}", node.start_mark.line + 1) from exc
    if tag == "tag:yaml.org,2002:str":
        return unicodedata.normalize("NFC", node.value)
    try:
        if tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"):
            return _SCALARS.construct_object(node, deep=True)
        if tag == "tag:yaml.org,2002:timestamp":
            value = _SCALARS.construct_object(node, deep=True)
            return value.date() if isinstance(value, datetime.datetime) else value
    except ValueError as exc:  # e.g. 2023-13-01: month must be in 1..12
        raise YamlProblem(
            f"not a valid value {node.value!r}: {exc}", node.start_mark.line + 1
        ) from exc
    raise YamlProblem(f"unsupported YAML tag {tag}", node.start_mark.line + 1)


def _build(node: yaml.Node, path: Path_, lines: dict[Path_, int]) -> object:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[str, object] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem("mapping keys must be plain values", key_node.start_mark.line + 1)
            key = unicodedata.normalize("NFC", str(key_node.value))
            if key in result:
                raise YamlProblem(f"duplicate key {key!r}", key_node.start_mark.line + 1)
            result[key] = _build(value_node, (*path, key), lines)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), lines) for i, item in enumerate(node.value)]
    assert isinstance(node, yaml.ScalarNode)
    return _scalar(node)


def parse(text: str) -> tuple[object, dict[Path_, int]]:
    """Parse YAML or JSON text into plain data (Decimals for decimals) and a path→line map."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise YamlProblem(f"file is larger than {MAX_BYTES // (1024 * 1024)} MB")
    try:
        node = yaml.compose(text, Loader=_NoAliasLoader)
    except RecursionError:
        raise YamlProblem("the file is nested too deeply to be a ThaiKPI file") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise YamlProblem(f"not valid YAML/JSON: {exc.problem or exc}", line) from exc
    except yaml.YAMLError as exc:
        raise YamlProblem(f"not valid YAML/JSON: {exc}") from exc
    if node is None:
        raise YamlProblem("the file is empty", 1)
    lines: dict[Path_, int] = {}
    try:
        return _build(node, (), lines), lines
    except RecursionError:
        raise YamlProblem("the file is nested too deeply to be a ThaiKPI file") from None


def line_for(lines: dict[Path_, int], path: Path_) -> int | None:
    """The line of ``path``, or of its nearest ancestor that has one."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get(())


def read_text(raw: bytes) -> str:
    """Decode a file as UTF-8 (with or without BOM), refusing anything else clearly."""
    if len(raw) > MAX_BYTES:
        raise YamlProblem(f"file is larger than {MAX_BYTES // (1024 * 1024)} MB")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlProblem(f"not UTF-8 text (byte {exc.start} cannot be decoded)", line) from exc
