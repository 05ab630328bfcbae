"""The difference between two versions of a scorecard, field by field, as plain values.

Every field of the engine's model takes part (weights, groups, levels and their rules,
parameters, formulas, inputs and bounds, direction, measure kind, scoring policy, rounding,
texts), so a change the list does not name cannot slip through. Only what is derived from
other fields or says where a figure came from (line numbers, provenance, interpolation points)
is left out: it changes when the fields it comes from change, and those are listed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields, is_dataclass
from enum import Enum

from thaikpi.engine import model as m
from thaikpi.engine.scales import Scale

# Derived or locational: a change here always comes with a change in a compared field.
_SKIP = frozenset(
    {"line", "file", "provenance", "provenance_th", "points", "derived", "open_reason",
     "open_reason_th"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Change:
    """One field that differs: which KPI (None for the scorecard itself), where, old → new."""

    kpi: str | None
    field: str
    old: str | None
    new: str | None

    def as_dict(self) -> dict[str, str | None]:
        """The change as JSON-ready values."""
        return {"kpi": self.kpi, "field": self.field, "old": self.old, "new": self.new}


def compare(old: m.Scorecard, new: m.Scorecard) -> list[Change]:
    """Every field that differs between ``old`` and ``new``: scorecard fields, then by KPI."""
    before, after = dict(_flatten(old, ())), dict(_flatten(new, ()))
    changes = [
        _change(path, before.get(path), after.get(path))
        for path in sorted(set(before) | set(after), key=_order)
        if before.get(path) != after.get(path)
    ]
    return changes


def _change(path: tuple[str, ...], old: str | None, new: str | None) -> Change:
    """A path such as ('kpis', '3', 'weight') becomes KPI 3, field 'weight'."""
    if len(path) > 2 and path[0] == "kpis":
        return Change(path[1], ".".join(path[2:]), old, new)
    return Change(None, ".".join(path), old, new)


def _order(path: tuple[str, ...]) -> tuple[int, tuple[str, ...]]:
    """Scorecard fields first, then KPIs in the order of their paths."""
    return (1 if path[:1] == ("kpis",) else 0, path)


def _flatten(value: object, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], str]]:
    """(path, text) of every leaf; None leaves are absent, so unset and None compare equal."""
    if value is None:
        return
    if isinstance(value, Scale):  # one of a few named scales: its id says it all
        yield path, value.id
        return
    if is_dataclass(value) and not isinstance(value, type):
        for f in fields(value):
            if f.name not in _SKIP:
                yield from _flatten(getattr(value, f.name), (*path, f.name))
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _flatten(item, (*path, str(key)))
    elif isinstance(value, tuple | list):
        for index, item in enumerate(value, start=1):
            key = getattr(item, "id", None) or getattr(item, "number", None) or index
            yield from _flatten(item, (*path, str(key)))
    elif isinstance(value, Enum):
        yield path, str(value.value)
    else:
        yield path, str(value)
