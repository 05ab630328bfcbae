"""Safe, exact reading of YAML (and JSON) files with a line number for every value.

- Decimals are read exactly (``2.4`` becomes ``Decimal("2.4")``, never a float).
- Aliases (``*name``) are refused: they are how "billion laughs" files explode in size.
- Data is built from parser events with an explicit stack, so no nesting depth can
  exhaust the C or Python stack (libyaml is used when present, for speed).
- Duplicate keys are refused rather than silently overwritten.
- Every value's path (``("kpis", 0, "weight")``) maps to its 1-based line.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

import yaml

from thaikpi.engine.messages import Both, worded

MAX_BYTES = 5 * 1024 * 1024
Path_ = tuple[str | int, ...]


class YamlProblem(Exception):
    """A file that is not readable YAML/JSON, with the line where reading stopped.

    ``message`` is English, ``message_th`` the same in Thai.
    """

    def __init__(self, message: str, line: int | None = None, message_th: str = "") -> None:
        self.message = message
        self.line = line
        self.message_th = unicodedata.normalize("NFC", message_th)
        self.code = ""  # of the message catalogue, when the words come from there
        self.params: Mapping[str, object] = {}
        super().__init__(message)

    @classmethod
    def of(cls, code: str, line: int | None = None, **params: object) -> YamlProblem:
        """The problem ``code`` of the message catalogue at ``line``, worded from ``params``."""
        english, thai = worded(code, params)
        problem = cls(english, line, thai)
        problem.code, problem.params = code, params
        return problem


_SCALARS = yaml.SafeLoader("")  # only its constructor methods are used, for scalar tags
_DECIMAL_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_FAST = getattr(yaml, "CSafeLoader", None)  # libyaml: the same YAML, many times faster


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")


def _scalar(node: yaml.ScalarNode) -> object:
    tag = node.tag
    if tag in _NUMBER_TAGS and "_" in node.value:
        # YAML 1.1 (and Python) read 1_000 as 1000; a person writing figures never means that.
        raise YamlProblem(
            f"{node.value!r} is not a plain decimal number: write it without '_'",
            _line(node),
            f"{node.value!r} ไม่ใช่ตัวเลขธรรมดา ให้เขียนโดยไม่มีเครื่องหมาย '_'",
        )
    if tag == "tag:yaml.org,2002:float":
        text = node.value.replace("_", "")
        if text.lower().lstrip("+-") in (".nan", ".inf"):
            raise YamlProblem.of("yaml.not_finite", _line(node), value=node.value)
        try:
            return Decimal(text)
        except InvalidOperation as exc:
            raise YamlProblem.of("yaml.not_a_number", _line(node), value=node.value) from exc
    if tag == "tag:yaml.org,2002:str":
        return unicodedata.normalize("NFC", node.value)
    if tag == "tag:yaml.org,2002:int" and not _DECIMAL_INT.match(node.value):
        # YAML 1.1 reads 0477 as octal 319, 1:10 as 70 and 0x10 as 16: never what was meant.
        raise YamlProblem.of("yaml.not_decimal", _line(node), value=node.value)
    try:
        if tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"):
            return _SCALARS.construct_object(node, deep=True)
        if tag == "tag:yaml.org,2002:timestamp":
            value = _SCALARS.construct_object(node, deep=True)
            return value.date() if isinstance(value, datetime.datetime) else value
    except Exception as exc:
        reason = str(exc) if isinstance(exc, ValueError) else ""
        if not reason:
            raise YamlProblem.of("yaml.invalid_value", _line(node), value=node.value) from exc
        why = Both(reason, _REASONS_TH.get(reason, reason))
        raise YamlProblem.of(
            "yaml.invalid_value_why", _line(node), value=node.value, why=why
        ) from exc
    raise YamlProblem.of("yaml.unsupported_tag", _line(node), tag=tag)


# Python's reasons for an impossible date or time (datetime.date(2023, 13, 1)), in Thai.
_REASONS_TH = {
    "month must be in 1..12": "เดือนต้องอยู่ระหว่าง 1 ถึง 12",
    "day is out of range for month": "วันที่เกินจำนวนวันของเดือนนั้น",
    "year 0 is out of range": "ปี 0 อยู่นอกช่วงที่ใช้ได้",
    "hour must be in 0..23": "ชั่วโมงต้องอยู่ระหว่าง 0 ถึง 23",
    "minute must be in 0..59": "นาทีต้องอยู่ระหว่าง 0 ถึง 59",
    "second must be in 0..59": "วินาทีต้องอยู่ระหว่าง 0 ถึง 59",
}


MAX_DEPTH = 64  # a scorecard nests about 8 deep; far deeper is an attack or an accident
_RESOLVER = yaml.resolver.Resolver()
Container = dict[str, object] | list[object]


# In a flow mapping ``{value: 1,150.40}`` the comma ends the field: YAML reads ``value: 1`` and a
# key ``150.40`` with no value. A key of three digits (and decimals) right after a value of one to
# three digits is that misreading; the written figure is recovered from its line.
_GROUP_KEY = re.compile(r"^[0-9]{3}(\.[0-9]+)?$")
_GROUP_HEAD = re.compile(r"^[-+]?[0-9]{1,3}$")
_GROUPED = re.compile(r"[-+]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")


class _Builder:
    """Builds plain data from YAML events with an explicit stack (no recursion, no aliases)."""

    def __init__(self, source: str = "") -> None:
        self.lines: dict[Path_, int] = {}
        self.stack: list[tuple[Container, Path_]] = []
        self.keys: list[str | None] = []  # the key waiting for its value, per open mapping
        self.flows: list[bool] = []  # per open container: written in flow style ({…} or […])
        self.last: list[tuple[str, int, int] | None] = []  # its last plain value: text, line, col
        self.source = source.splitlines()
        self.suspect: tuple[str, int, int] | None = None  # a key that may be a misread group
        self.root: object = None
        self.done = False

    def _place(self, value: object, line: int) -> Path_:
        """Put a finished value into the open container (or make it the root); its path."""
        if not self.stack:
            self.root, self.done = value, True
            self.lines[()] = line
            return ()
        container, path = self.stack[-1]
        if isinstance(container, list):
            where: Path_ = (*path, len(container))
            container.append(value)
        else:
            key = self.keys[-1]
            assert key is not None
            where = (*path, key)
            container[key] = value
            self.keys[-1] = None
        self.lines[where] = line
        return where

    def _wants_key(self) -> bool:
        return bool(self.stack) and isinstance(self.stack[-1][0], dict) and self.keys[-1] is None

    def event(self, event: yaml.Event) -> None:
        """Take one parser event."""
        line = int(event.start_mark.line) + 1 if event.start_mark else 0
        if isinstance(event, yaml.AliasEvent):
            raise YamlProblem.of("yaml.alias", line, anchor=event.anchor)
        if isinstance(event, yaml.ScalarEvent):
            self._scalar_event(event, line)
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            if self._wants_key():
                raise YamlProblem.of("yaml.key_not_plain", line)
            self.suspect = None
            if len(self.stack) >= MAX_DEPTH:
                raise YamlProblem.of("yaml.too_deep", line)
            container: Container = {} if isinstance(event, yaml.MappingStartEvent) else []
            path = self._place(container, line)
            self.stack.append((container, path))
            self.keys.append(None)
            self.flows.append(bool(event.flow_style))
            self.last.append(None)
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            self.stack.pop()
            self.keys.pop()
            self.flows.pop()
            self.last.pop()

    def _scalar_event(self, event: yaml.ScalarEvent, line: int) -> None:
        if self._wants_key():
            misread = self.flows[-1] and not event.style and _GROUP_KEY.match(event.value)
            self.suspect = self.last[-1] if misread else None  # refused if it has no value
            key = unicodedata.normalize("NFC", str(event.value))
            if key in self.stack[-1][0]:
                raise YamlProblem.of("yaml.duplicate_key", line, key=key)
            self.keys[-1] = key
            return
        if self.suspect is not None and event.value == "" and not event.style:
            self._refuse_grouped(self.suspect, line)
        self.suspect = None
        tag = event.tag
        if tag is None or tag == "!":
            tag = _RESOLVER.resolve(  # type: ignore[no-untyped-call]
                yaml.ScalarNode, event.value, event.implicit
            )
        node = yaml.ScalarNode(tag, event.value, None, None)
        node.start_mark = event.start_mark
        self._place(_scalar(node), line)
        mark = event.start_mark
        if self.stack:
            plain = not event.style and mark is not None
            self.last[-1] = (event.value, line, int(mark.column)) if plain and mark else None

    def _refuse_grouped(self, previous: tuple[str, int, int] | None, line: int) -> None:
        """Refuse ``{value: 1,150.40}``: a thousands separator YAML took for the field's end."""
        if previous is None or not _GROUP_HEAD.match(previous[0]):
            return
        text, at, column = previous
        source = self.source[at - 1] if 0 < at <= len(self.source) else ""
        found = _GROUPED.match(source, column)
        written = found.group(0) if found else text
        raise YamlProblem.of(
            "yaml.thousands_in_flow", at or line, number=written, plain=written.replace(",", "")
        )


def parse(text: str) -> tuple[object, dict[Path_, int]]:
    """Parse YAML or JSON text into plain data (Decimals for decimals) and a path→line map."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise _too_large()
    builder = _Builder(text)
    try:
        for event in yaml.parse(text, Loader=_FAST or yaml.SafeLoader):
            builder.event(event)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc
        raise YamlProblem.of("yaml.invalid", line, problem=problem) from exc
    except yaml.YAMLError as exc:
        raise YamlProblem.of("yaml.invalid", problem=str(exc)) from exc
    if not builder.done:
        raise YamlProblem.of("yaml.empty", 1)
    return builder.root, builder.lines


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
        raise _too_large()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlProblem.of("yaml.not_utf8", line, byte=exc.start) from exc


def _too_large() -> YamlProblem:
    megabytes = MAX_BYTES // (1024 * 1024)
    return YamlProblem.of("yaml.too_large", megabytes=megabytes)
