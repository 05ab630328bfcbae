"""Two versions of a scorecard side by side: what changed, per KPI and field (engine.diff)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from thaikpi.engine import model as m
from thaikpi.engine.diff import Change, compare
from thaikpi.scorecards.models import Scorecard, ScorecardVersion
from thaikpi.services import editor, engine
from thaikpi.services.errors import Invalid


@dataclass(frozen=True)
class KpiChanges:
    """The changed fields of one KPI (``kpi`` None: the scorecard's own fields)."""

    kpi: str | None
    name: m.Text | None  # the KPI's name in the newer version (or the older, if removed)
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Comparison:
    """Version ``old`` and version ``new`` of a scorecard, and their differences by KPI."""

    old: ScorecardVersion
    new: ScorecardVersion
    groups: tuple[KpiChanges, ...]

    @property
    def count(self) -> int:
        """How many fields differ."""
        return sum(len(g.changes) for g in self.groups)


def listing(scorecard: Scorecard) -> list[ScorecardVersion]:
    """The scorecard's versions, newest first, without their template text."""
    return list(scorecard.versions.select_related("author").defer("template_text"))


def compare_versions(scorecard: Scorecard, old_number: int, new_number: int) -> Comparison:
    """The differences between two of the scorecard's versions, grouped by KPI."""
    found = {
        v.number: v
        for v in scorecard.versions.filter(number__in=[old_number, new_number]).select_related(
            "author"
        )
    }
    if old_number not in found or new_number not in found:
        raise Invalid(_("No such version of this scorecard."))
    old, new = found[old_number], found[new_number]
    old_sc, new_sc = engine.parsed(old), engine.parsed(new)
    groups: dict[str | None, list[Change]] = {}
    for change in compare(old_sc, new_sc):
        groups.setdefault(change.kpi, []).append(by_name(change, new_sc, old_sc))

    def name(kpi_id: str | None) -> m.Text | None:
        kpi = (new_sc.kpi(kpi_id) or old_sc.kpi(kpi_id)) if kpi_id else None
        return kpi.name if kpi else None

    order = [None, *[k.id for k in new_sc.kpis], *[k.id for k in old_sc.kpis]]
    seen: list[str | None] = []
    for kpi_id in [*order, *groups]:
        if kpi_id in groups and kpi_id not in seen:
            seen.append(kpi_id)
    return Comparison(old, new, tuple(KpiChanges(k, name(k), tuple(groups[k])) for k in seen))


def by_name(change: Change, *scorecards: m.Scorecard) -> Change:
    """A change's field with its level named by score and its baseline row by year, not by
    place: ``rounds.2.levels.3.stated`` → ``levels.100``, ``baseline.rows.5`` → ``rows.2566``.

    The first of ``scorecards`` that has the level or row names it (the new version, then the old).
    """
    parts = change.field.split(".")
    if change.kpi is None:
        return change
    for sc in scorecards:
        kpi = sc.kpi(change.kpi)
        named = _level_by_score(kpi, parts) or _row_by_year(kpi, parts)
        if named is not None:
            return Change(change.kpi, ".".join(named), change.old, change.new)
    return change


def _level_by_score(kpi: m.Kpi | None, parts: list[str]) -> list[str] | None:
    if kpi is None or len(parts) < 4 or parts[0] != "rounds" or parts[2] != "levels":
        return None
    kpi_round = kpi.round(int(parts[1])) if parts[1].isdigit() else None
    place = int(parts[3]) if parts[3].isdigit() else 0
    if kpi_round is None or not 0 < place <= len(kpi_round.levels):
        return None
    return [*parts[:3], format(kpi_round.levels[place - 1].score, "f"), *parts[4:]]


def _row_by_year(kpi: m.Kpi | None, parts: list[str]) -> list[str] | None:
    if kpi is None or kpi.baseline is None or parts[:2] != ["baseline", "rows"] or len(parts) < 3:
        return None
    place = int(parts[2]) if parts[2].isdigit() else 0
    if not 0 < place <= len(kpi.baseline.rows):
        return None
    return [*parts[:2], str(kpi.baseline.rows[place - 1].year), *parts[3:]]


def words_of(changes: tuple[Change, ...], *scorecards: m.Scorecard) -> list[tuple[Change, str]]:
    """Each change with its field in words, levels by score and rows by year (:func:`by_name`)."""
    return [(c, editor.field_words(by_name(c, *scorecards).field)) for c in changes]


def default_pair(versions: list[Any]) -> tuple[int, int]:
    """The current version and the one before it (the same one twice for a single version)."""
    numbers = sorted(v.number for v in versions)
    if not numbers:
        return (0, 0)
    return (numbers[-2] if len(numbers) > 1 else numbers[-1], numbers[-1])
