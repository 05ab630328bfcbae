"""Drafting next year's levels: the same rules, moved on a year, over an extended baseline.

A template's rules say how its levels were set ("best of 2564–2566"). Moving every rule's
years forward and adding the year just ended to the baseline proposes next year's levels
with their provenance, ready for the planning officer to check and put in a new template.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from thaikpi.engine.model import Baseline, BaselineRow, Kpi, Rule, Scorecard
from thaikpi.engine.numbers import apply
from thaikpi.engine.rules import RuleContext, derive


@dataclass(frozen=True, slots=True)
class Proposal:
    """A proposed level for next year, with how it was derived."""

    kpi: str
    round: int
    score: int
    value: Decimal | None
    provenance: str
    current: Decimal | None  # this year's level, for comparison
    provenance_th: str = ""  # the provenance in Thai


def shift_rule(rule: Rule, years: int) -> Rule:
    """The same rule over a window moved ``years`` forward."""
    window = rule.params.get("years")
    if not isinstance(window, tuple):
        return rule
    moved = (window[0] + years, window[1] + years)
    return Rule(rule.kind, {**rule.params, "years": moved})


def extend_baseline(baseline: Baseline, rows: list[Mapping[str, Decimal | None]]) -> Baseline:
    """The baseline with more years appended (raw inputs; derived columns are recomputed)."""
    known = {row.year for row in baseline.rows}
    extra = tuple(
        BaselineRow(int(row["year"] or 0), {k: v for k, v in row.items() if k != "year"})
        for row in rows
        if row.get("year") is not None and int(row["year"] or 0) not in known
    )
    return replace(baseline, rows=tuple(sorted(baseline.rows + extra, key=lambda r: r.year)))


def propose(
    scorecard: Scorecard,
    new_rows: Mapping[str, list[Mapping[str, Decimal | None]]],
    years: int = 1,
) -> list[Proposal]:
    """Next year's levels for every rule-derived level, from ``new_rows`` per KPI id."""
    parameters = {p.id: p.value for p in scorecard.parameters}
    proposals: list[Proposal] = []
    for kpi in scorecard.kpis:
        baseline = kpi.baseline
        if baseline is not None and kpi.id in new_rows:
            baseline = extend_baseline(baseline, new_rows[kpi.id])
        proposals.extend(_propose_kpi(kpi, baseline, parameters, years))
    return proposals


def _propose_kpi(
    kpi: Kpi,
    baseline: Baseline | None,
    parameters: Mapping[str, Decimal | None],
    years: int,
) -> list[Proposal]:
    found: dict[tuple[int, int], Proposal] = {}

    def level(round_no: int, score: int) -> Decimal | None:
        if (round_no, score) not in found:
            compute(round_no, score)
        proposal = found.get((round_no, score))
        return proposal.value if proposal else None

    ctx = RuleContext(kpi.direction, kpi.rounding, baseline, parameters, level)

    def compute(round_no: int, score: int) -> None:
        kpi_round = kpi.round(round_no)
        current = (
            next((lv for lv in kpi_round.levels if lv.score == score), None) if kpi_round else None
        )
        if current is None or current.rule is None:
            return
        derivation = derive(shift_rule(current.rule, years), ctx)
        value = None if derivation.value is None else apply(derivation.value, kpi.rounding)
        found[(round_no, score)] = Proposal(
            kpi.id,
            round_no,
            score,
            value,
            derivation.provenance,
            current.value,
            derivation.provenance_th,
        )

    for number in sorted(kpi.rounds, reverse=True):  # round 1 may refer to round 2
        for lv in kpi.rounds[number].levels:
            if (number, int(lv.score)) not in found:
                compute(number, int(lv.score))
    return sorted(found.values(), key=lambda p: (p.round, p.score))
