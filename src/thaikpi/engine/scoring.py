"""Scoring: a KPI's score from its actual value, weighted scores, group subtotals, totals.

Numeric KPIs interpolate linearly between consecutive levels (50 → 75 → 100), score 0
below the 50 level (or extrapolate, by policy) and 100 at or beyond the 100 level; a
lower-is-better KPI is the mirror image. Count, judged and conditions KPIs score the
level reached. Scores are rounded to 2 places half-up, weighted scores to 4 (the policy
in :class:`~thaikpi.engine.model.ScoringPolicy`); the total is the sum of weighted scores.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from itertools import pairwise
from typing import NamedTuple

from thaikpi.engine.model import (
    BelowEntry,
    Direction,
    Kpi,
    KpiRound,
    MeasureKind,
    Scorecard,
    ScoringMethod,
    ScoringPolicy,
)
from thaikpi.engine.numbers import CONTEXT, HUNDRED, ZERO, apply
from thaikpi.engine.results import Result

_TWENTY_FIVE = Decimal(25)


class Status(str, Enum):
    """Why a KPI has the score it has."""

    SCORED = "scored"
    NO_RESULT = "no_result"
    NOT_ASSESSED = "not_assessed"
    LEVELS_OPEN = "levels_open"


class KpiScore(NamedTuple):
    """A KPI's score in a round, with the pieces that explain it.

    An immutable NamedTuple (like beancount's Amount) rather than a frozen dataclass:
    it is made once per evaluation, and tuple construction is several times cheaper.
    """

    kpi_id: str
    round: int
    status: Status
    weight: Decimal
    actual: Decimal | None
    score: Decimal | None  # None when not assessed or the levels are still open
    weighted: Decimal
    level: Decimal | None  # the highest level reached: 0, 50, 75 or 100
    case: str = ""  # which rule applied: between, at_or_beyond_top, below_entry, step, ...
    lower: tuple[Decimal, Decimal] | None = None  # (level value, level score) below the actual
    upper: tuple[Decimal, Decimal] | None = None
    exact: Decimal | None = None  # the score before rounding
    detail: str = ""

    @property
    def explanation(self) -> str:
        """One line a person can check by hand, e.g. '2.40 lies between 2.1 (75) and 2.7 (100)…'."""
        return explain(self)


def _num(value: Decimal) -> str:
    return f"{value:,}"


def explain(s: KpiScore) -> str:
    """The one-line explanation of a KPI score."""
    if s.status is Status.NOT_ASSESSED:
        return f"not assessed in round {s.round}"
    if s.status is Status.NO_RESULT:
        return "no result → 0"
    if s.status is Status.LEVELS_OPEN:
        return f"levels not set yet ({s.detail})"
    assert s.score is not None and s.actual is not None
    score = f"{s.score:.2f}"
    if s.case == "between" and s.lower and s.upper:
        (lv, ls), (uv, us) = s.lower, s.upper
        return (
            f"{_num(s.actual)} lies between {_num(lv)} ({ls:.0f}) and {_num(uv)} ({us:.0f})"
            f" → {score}"
        )
    if s.case == "at_or_beyond_top" and s.upper:
        return f"{_num(s.actual)} reaches the 100 level ({_num(s.upper[0])}) → {score}"
    if s.case == "below_entry" and s.upper:
        return f"{_num(s.actual)} is short of the 50 level ({_num(s.upper[0])}) → {score}"
    if s.case == "extrapolated" and s.lower and s.upper:
        return (
            f"{_num(s.actual)} is below the 50 level ({_num(s.upper[0])}); the 50→75 slope"
            f" continued → {score}"
        )
    if s.case == "judged":
        return f"judged level reached: {s.level:.0f} → {score}"
    if s.case == "conditions":
        return f"{s.detail} → level {s.level:.0f} → {score}"
    if s.case == "step":
        reached = (
            f"reaches level {s.level:.0f} ({_num(s.lower[0])})"
            if s.lower
            else f"is short of the 50 level ({_num(s.upper[0]) if s.upper else '?'})"
        )
        return f"{_num(s.actual)} {reached} → {score}"
    return f"{_num(s.actual)} → {score}"


def _reached(actual: Decimal, value: Decimal, direction: Direction) -> bool:
    return actual >= value if direction is Direction.HIGHER else actual <= value


def interpolate(
    actual: Decimal,
    levels: tuple[tuple[Decimal, Decimal], ...],
    direction: Direction,
    below_entry: BelowEntry = BelowEntry.ZERO,
) -> tuple[Decimal, str, tuple[Decimal, Decimal] | None, tuple[Decimal, Decimal] | None]:
    """Score ``actual`` against (value, score) levels 50, 75, 100: (score, case, lower, upper)."""
    higher = direction is Direction.HIGHER
    top = levels[-1]
    if (actual >= top[0]) if higher else (actual <= top[0]):
        return top[1], "at_or_beyond_top", None, top
    entry = levels[0]
    if (actual < entry[0]) if higher else (actual > entry[0]):
        if below_entry is BelowEntry.EXTRAPOLATE and len(levels) > 1 and levels[1][0] != entry[0]:
            slope = CONTEXT.divide(levels[1][1] - entry[1], levels[1][0] - entry[0])
            score = entry[1] + CONTEXT.multiply(actual - entry[0], slope)
            return max(score, ZERO), "extrapolated", levels[1], entry
        return ZERO, "below_entry", None, entry
    lower, upper = entry, levels[1]
    for current, following in pairwise(levels):
        if (actual >= current[0]) if higher else (actual <= current[0]):
            lower, upper = current, following
    (lv, ls), (uv, us) = lower, upper
    score = ls + CONTEXT.divide(CONTEXT.multiply(actual - lv, us - ls), uv - lv)
    return score, "between", lower, upper


def step(
    actual: Decimal, levels: tuple[tuple[Decimal, Decimal], ...], direction: Direction
) -> tuple[Decimal, tuple[Decimal, Decimal] | None, tuple[Decimal, Decimal] | None]:
    """The score of the highest level ``actual`` reaches (0 if none): (score, reached, next)."""
    reached = None
    for level in levels:
        if _reached(actual, level[0], direction):
            reached = level
    following = next((lv for lv in levels if reached is None or lv[1] > reached[1]), None)
    return (reached[1] if reached else ZERO), reached, following


def _conditions_level(kpi_round: KpiRound, inputs: Mapping[str, Decimal]) -> tuple[Decimal, str]:
    best = ZERO
    failed = ""
    for level in kpi_round.levels:
        unmet = [
            c for c in level.conditions if c.input not in inputs or not c.holds(inputs[c.input])
        ]
        if not unmet:
            best = max(best, level.score)
        elif not failed and level.score > best:
            failed = f"; level {level.score:.0f} needs {unmet[0]}"
    shown = ", ".join(f"{k} = {v}" for k, v in inputs.items())
    return best, shown + failed


def score_kpi(kpi: Kpi, round_no: int, result: Result | None, policy: ScoringPolicy) -> KpiScore:
    """Score one KPI in one round from its (checked) result."""
    kpi_round = kpi.rounds.get(round_no)
    if kpi_round is None or not kpi_round.assessed:
        return KpiScore(kpi.id, round_no, Status.NOT_ASSESSED, kpi.weight, None, None, ZERO, None)
    if kpi_round.open_reason:
        actual = result.actual if result else None
        return KpiScore(
            kpi.id,
            round_no,
            Status.LEVELS_OPEN,
            kpi.weight,
            actual,
            None,
            ZERO,
            None,
            detail=kpi_round.open_reason,
        )
    if result is None:
        return KpiScore(kpi.id, round_no, Status.NO_RESULT, kpi.weight, None, ZERO, ZERO, ZERO)
    raw_score, case, lower, upper, level, detail = _raw_score(kpi, kpi_round, result, policy)
    score = apply(raw_score, policy.score_rounding)
    weighted = apply(
        CONTEXT.divide(CONTEXT.multiply(kpi.weight, score), HUNDRED), policy.weighted_rounding
    )
    return KpiScore(
        kpi.id,
        round_no,
        Status.SCORED,
        kpi.weight,
        result.actual,
        score,
        weighted,
        level,
        case,
        lower,
        upper,
        raw_score,
        detail,
    )


def _raw_score(
    kpi: Kpi, kpi_round: KpiRound, result: Result, policy: ScoringPolicy
) -> tuple[
    Decimal, str, tuple[Decimal, Decimal] | None, tuple[Decimal, Decimal] | None, Decimal, str
]:
    kind = kpi_round.measure.kind
    if kind is MeasureKind.JUDGED:
        return result.actual, "judged", None, None, result.actual, ""
    if kind is MeasureKind.CONDITIONS:
        level, detail = _conditions_level(kpi_round, result.inputs)
        return level, "conditions", None, None, level, detail
    levels = kpi_round.points
    if kind is MeasureKind.COUNT or policy.method is ScoringMethod.STEP:
        score, reached, following = step(result.actual, levels, kpi.direction)
        return score, "step", reached, following, score, ""
    score, case, lower, upper = interpolate(
        result.actual, levels, kpi.direction, policy.below_entry
    )
    if case == "at_or_beyond_top":
        level_reached = levels[-1][1]
    else:
        level_reached = lower[1] if case == "between" and lower else ZERO
    return score, case, lower, upper, level_reached, ""


@dataclass(frozen=True, slots=True)
class GroupScore:
    """A group's subtotal in a round."""

    group_id: str
    weight: Decimal  # the group's weight in the template
    covered_weight: Decimal  # the weight of its KPIs assessed in this round
    weighted: Decimal  # the sum of its KPIs' weighted scores


@dataclass(frozen=True, slots=True)
class RoundScore:
    """A whole round: every KPI's score, group subtotals, the total and the most it could reach."""

    scorecard_id: str
    round: int
    kpis: tuple[KpiScore, ...]
    groups: tuple[GroupScore, ...]
    total: Decimal
    max_total: Decimal  # the sum of the weights of the KPIs assessed in this round

    @property
    def covered(self) -> tuple[str, ...]:
        """Ids of the KPIs this round's total covers."""
        return tuple(k.kpi_id for k in self.kpis if k.status is not Status.NOT_ASSESSED)

    @property
    def missing(self) -> tuple[str, ...]:
        """Ids of assessed KPIs that have no result yet."""
        return tuple(k.kpi_id for k in self.kpis if k.status is Status.NO_RESULT)

    def kpi(self, kpi_id: str) -> KpiScore | None:
        """The score of one KPI."""
        return next((k for k in self.kpis if k.kpi_id == kpi_id), None)


def score_round(scorecard: Scorecard, round_no: int, results: Mapping[str, Result]) -> RoundScore:
    """Score every KPI of ``scorecard`` in ``round_no`` and add them up."""
    policy = scorecard.scoring
    kpis = tuple(score_kpi(k, round_no, results.get(k.id), policy) for k in scorecard.kpis)
    by_id = {k.id: k for k in scorecard.kpis}
    groups = []
    for group in scorecard.groups:
        members = [s for s in kpis if by_id[s.kpi_id].group == group.id]
        covered = sum((s.weight for s in members if s.status is not Status.NOT_ASSESSED), ZERO)
        groups.append(
            GroupScore(group.id, group.weight, covered, sum((s.weighted for s in members), ZERO))
        )
    total = sum((s.weighted for s in kpis), ZERO)
    max_total = sum((s.weight for s in kpis if s.status is not Status.NOT_ASSESSED), ZERO)
    return RoundScore(scorecard.id, round_no, kpis, tuple(groups), total, max_total)
