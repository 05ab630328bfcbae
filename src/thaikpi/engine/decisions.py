"""Decisions on mismatched figures: which of a level's two figures the scoring follows.

The audit recomputes every level a rule derives; where the signed document states another
figure, a planner decides which one counts — the stated figure (what was signed) or the
recomputed one (what the rule gives) — and why. :func:`apply_decisions` returns the scorecard
with those levels set to the chosen figure; everything else is the same object. It is pure:
the decisions come in as values, the scorecard is never changed in place.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from thaikpi.engine.messages import worded
from thaikpi.engine.model import Kpi, KpiRound, Level, MeasureKind, Scorecard
from thaikpi.engine.numbers import apply, pad


class Choice(StrEnum):
    """Which figure of a level the scoring follows."""

    STATED = "stated"  # the figure printed in the signed document
    RECOMPUTED = "recomputed"  # the figure the level's rule gives


@dataclass(frozen=True, slots=True)
class Decision:
    """What was decided about one level of one KPI in one round."""

    kpi_id: str
    round_no: int
    score: Decimal  # the level: 50, 75, 100 (or 1–5)
    choice: Choice
    reason: str = ""


def recomputed(kpi: Kpi, level: Level) -> Decimal | None:
    """The figure the level's rule gives, at the KPI's places; None without a rule figure."""
    if level.derived is None:
        return None
    return pad(apply(level.derived, kpi.rounding), kpi.rounding.places)


def figures(kpi: Kpi, level: Level) -> tuple[Decimal | None, Decimal | None]:
    """(stated, recomputed) of a level, each at the KPI's places; None where there is none."""
    stated = None if level.stated is None else pad(level.stated, kpi.rounding.places)
    return stated, recomputed(kpi, level)


def is_decidable(kpi: Kpi, level: Level) -> bool:
    """A level has two different figures to choose between."""
    return _differ(*figures(kpi, level))


def _differ(stated: Decimal | None, again: Decimal | None) -> bool:
    return stated is not None and again is not None and stated != again


def apply_decisions(scorecard: Scorecard, decisions: Iterable[Decision]) -> Scorecard:
    """``scorecard`` with each decided level using the chosen figure.

    A decision naming a KPI, round or level the scorecard lacks, or a level without two
    figures to choose between, changes nothing. A level keeps its stated figure, rule and
    derivation; only its value (what scoring reads) and the sentence saying how it was set
    change. Without any decision that changes a level the same scorecard object comes back.
    """
    by_kpi: dict[str, dict[tuple[int, Decimal], Decision]] = {}
    for d in decisions:
        by_kpi.setdefault(d.kpi_id, {})[(d.round_no, Decimal(d.score))] = d
    if not by_kpi:
        return scorecard
    kpis = tuple(_decided_kpi(kpi, by_kpi.get(kpi.id, {})) for kpi in scorecard.kpis)
    if all(new is old for new, old in zip(kpis, scorecard.kpis, strict=True)):
        return scorecard
    return replace(scorecard, kpis=kpis)


def _decided_kpi(kpi: Kpi, decided: dict[tuple[int, Decimal], Decision]) -> Kpi:
    if not decided:
        return kpi
    rounds = {n: _decided_round(kpi, kr, decided) for n, kr in kpi.rounds.items()}
    if all(rounds[n] is kr for n, kr in kpi.rounds.items()):
        return kpi
    return replace(kpi, rounds=rounds)


def _decided_round(
    kpi: Kpi, kr: KpiRound, decided: dict[tuple[int, Decimal], Decision]
) -> KpiRound:
    levels = tuple(
        _decided_level(kpi, kr, lv, decided.get((kr.number, lv.score))) for lv in kr.levels
    )
    if all(new is old for new, old in zip(levels, kr.levels, strict=True)):
        return kr
    return replace(kr, levels=levels)  # its points are derived again from the new levels


def _decided_level(kpi: Kpi, kr: KpiRound, level: Level, decision: Decision | None) -> Level:
    if decision is None or kr.measure.kind is not MeasureKind.NUMERIC:
        return level
    stated, again = figures(kpi, level)  # once: each recomputation rounds the rule again
    if not _differ(stated, again):
        return level
    params = {"stated": stated, "recomputed": again, "reason": decision.reason or "—"}
    provenance, provenance_th = worded(f"decision.{decision.choice.value}", params)
    return replace(
        level,
        value=stated if decision.choice is Choice.STATED else again,
        provenance=provenance,
        provenance_th=provenance_th,
        open_reason=None,
        open_reason_th="",
    )


def out_of_order(kpi: Kpi, round_no: int) -> bool:
    """True when the round's level figures no longer rise toward the better direction.

    Keeping both of KPI 1's printed round-1 figures (1.18 for 75, 1.05 for 100) would do this:
    a score could not be interpolated between them.
    """
    kr = kpi.round(round_no)
    return kr is not None and bool(kr.out_of_order(kpi.direction))
