"""Repairing the Thai of a template file without touching its YAML structure.

``normalize-thai`` on a template repairs the text line by line and leaves indentation, keys,
comments and layout as they are (:func:`repair_thai` with ``keep_spacing``). The result must
read to the same structure: the same keys, lists and non-text values, only texts differing; if
a repair would change more (a repair reaching into YAML syntax), nothing is written.
"""

from __future__ import annotations

from thaikpi.engine import yamlio
from thaikpi.textimport.pdf_text_repair import Repair, repair_thai

TEMPLATE_SUFFIXES = (".yaml", ".yml", ".json")


class StructureChanged(ValueError):
    """Repairing the text would change the template's structure; nothing was repaired."""


def shape(value: object) -> object:
    """The structure of parsed YAML with every text replaced by a placeholder (keys kept)."""
    if isinstance(value, str):
        return str
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [shape(item) for item in value]
    return value


def repair_template(text: str) -> tuple[str, list[Repair]]:
    """The template with its Thai repaired in place, and the repairs; StructureChanged if unsafe.

    A template that does not read as YAML is repaired line by line all the same (the loader
    will report its own errors); one that reads must read to the same structure afterwards.
    """
    repaired, repairs = repair_thai(text, keep_spacing=True)
    try:
        before = yamlio.parse(text)[0]
    except yamlio.YamlProblem:
        return repaired, repairs
    try:
        after = yamlio.parse(repaired)[0]
    except yamlio.YamlProblem as exc:
        raise StructureChanged(f"line {exc.line}: {exc.message}") from exc
    if _keys_repaired(shape(before)) != shape(after):
        raise StructureChanged("the repair would change the template's keys or values")
    return repaired, repairs


def _repaired(text: str) -> str:
    return repair_thai(text, keep_spacing=True)[0]


def _keys_repaired(value: object) -> object:
    """``shape`` with Thai keys (item names) repaired as their lines are."""
    if isinstance(value, dict):
        return {
            repair_thai(key, keep_spacing=True)[0]: _keys_repaired(v) for key, v in value.items()
        }
    if isinstance(value, list):
        return [_keys_repaired(item) for item in value]
    return value
