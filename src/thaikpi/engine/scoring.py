"""Scoring: a KPI's score from its actual value, weighted scores, group subtotals, totals.

Numeric KPIs interpolate linearly between consecutive levels of the scorecard's scale
(50 → 75 → 100, or 1 → 2 → … → 5), score 0 below the entry level (or extrapolate, by
policy) and the top score at or beyond the top level; a lower-is-better KPI is the mirror
image. Count, judged and conditions KPIs score the level reached. Scores are rounded to 2
places half-up (4 on the five-level scale), weighted scores to 4 (the policy in
:class:`~thaikpi.engine.model.ScoringPolicy`); the total is the sum of weighted scores,
each weight × score / the scale's divisor (see :mod:`thaikpi.engine.scales`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from itertools import pairwise
from typing import NamedTuple

from thaikpi.engine.findings import in_language
from thaikpi.engine.formatting import figure
from thaikpi.engine.messages import worded
from thaikpi.engine.model import (
    BelowEntry,
    Condition,
    Direction,
    Kpi,
    KpiRound,
    MeasureKind,
    Scorecard,
    ScoringMethod,
    ScoringPolicy,
)
from thaikpi.engine.numbers import CONTEXT, HUNDRED, ZERO, apply
from thaikpi.engine.results import Result, input_th, inputs_shown, inputs_shown_th
from thaikpi.engine.scales import level_named

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
    level: Decimal | None  # the highest level reached: 0 or a level of the scale
    case: str = ""  # which rule applied: between, at_or_beyond_top, below_entry, step, ...
    lower: tuple[Decimal, Decimal] | None = None  # (level value, level score) below the actual
    upper: tuple[Decimal, Decimal] | None = None
    exact: Decimal | None = None  # the score before rounding
    detail: str = ""
    needs: str = ""  # conditions KPIs: the first condition of the next level not met
    needs_level: Decimal | None = None
    detail_th: str = ""  # ``detail`` in Thai: why the levels are open, how the actual was got
    needs_th: str = ""  # ``needs`` in Thai, the input named by its Thai name

    @property
    def explanation(self) -> str:
        """One line a person can check by hand, e.g. '2.40 lies between 2.1 (75) and 2.7 (100)…'."""
        return explain(self)

    @property
    def explanation_th(self) -> str:
        """The explanation in Thai."""
        return explain(self, "th")


# The explanation in each language the product speaks; {placeholders} are filled by explain().
PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "not_assessed": "not assessed in round {round}",
        "no_result": "no result → 0",
        "levels_open": "levels not set yet ({detail})",
        "between": "{actual} lies between {lower} ({lower_score}) and {upper} ({upper_score})"
        " → {score}",
        "top": "{actual} reaches the {upper_score} level ({upper}) → {score}",
        "below": "{actual} is short of the {upper_score} level ({upper}) → {score}",
        "extrapolated": "{actual} is below the {upper_score} level ({upper}); the"
        " {upper_score}→{lower_score} slope continued → {score}",
        "judged": "judged level reached: {level} → {score}",
        "conditions": "{detail} → level {level} → {score}",
        "conditions_short": "{detail} → level {level} (level {needs_level} needs {needs})"
        " → {score}",
        "step": "{actual} reaches level {level} ({lower}) → {score}",
        "step_below": "{actual} is short of the {upper_score} level ({upper}) → {score}",
        "plain": "{actual} → {score}",
    },
    "th": {
        "not_assessed": "ไม่ประเมินในรอบที่ {round}",
        "no_result": "ยังไม่มีผลการดำเนินงาน → 0",
        "levels_open": "ยังไม่ได้กำหนดค่าเป้าหมาย ({detail})",
        "between": "{actual} อยู่ระหว่าง {lower} ({lower_score}) และ {upper} ({upper_score})"
        " → {score}",
        "top": "{actual} ถึง{upper_name} ({upper}) → {score}",
        "below": "{actual} ต่ำกว่า{upper_name} ({upper}) → {score}",
        "extrapolated": "{actual} ต่ำกว่า{upper_name} ({upper})"
        " คิดตามความชันช่วง {upper_score}→{lower_score} → {score}",
        "judged": "ผลการพิจารณาอยู่ที่ระดับ {level} → {score}",
        "conditions": "{detail} → ระดับ {level} → {score}",
        "conditions_short": "{detail} → ระดับ {level} (ระดับ {needs_level} ต้อง {needs}) → {score}",
        "step": "{actual} ถึงระดับ {level} ({lower}) → {score}",
        "step_below": "{actual} ต่ำกว่า{upper_name} ({upper}) → {score}",
        "plain": "{actual} → {score}",
    },
}


def _phrase(s: KpiScore) -> str:
    if s.status is Status.NOT_ASSESSED:
        return "not_assessed"
    if s.status is Status.NO_RESULT:
        return "no_result"
    if s.status is Status.LEVELS_OPEN:
        return "levels_open"
    if s.case == "between" and s.lower and s.upper:
        return "between"
    if s.case == "at_or_beyond_top" and s.upper:
        return "top"
    if s.case in ("below_entry", "extrapolated") and s.upper:
        return "below" if s.case == "below_entry" else "extrapolated"
    if s.case == "conditions":
        return "conditions_short" if s.needs else "conditions"
    if s.case == "step":
        return "step" if s.lower else "step_below"
    return "judged" if s.case == "judged" else "plain"


def explain(s: KpiScore, language: str = "en") -> str:
    """The one-line explanation of a KPI score, in English ('en') or Thai ('th')."""
    phrases = PHRASES.get(language, PHRASES["en"])
    lower = s.lower or (None, None)
    upper = s.upper or (None, None)
    detail = in_language(language, s.detail, s.detail_th)
    fields = {
        "round": s.round,
        "detail": detail,
        "actual": "" if s.actual is None else figure(s.actual),
        "score": "" if s.score is None else figure(s.score),  # at the places it was rounded to
        "level": "" if s.level is None else figure(s.level, 0),
        "lower": "" if lower[0] is None else figure(lower[0]),
        "lower_score": "" if lower[1] is None else figure(lower[1], 0),
        "upper": "" if upper[0] is None else figure(upper[0]),
        "upper_score": "" if upper[1] is None else figure(upper[1], 0),
        "upper_name": "" if upper[1] is None else level_named(upper[1], language),
        "needs": in_language(language, s.needs, s.needs_th),
        "needs_level": "" if s.needs_level is None else figure(s.needs_level, 0),
    }
    phrase = _phrase(s)
    text = phrases[phrase].format(**fields)
    if detail and phrase in _NUMERIC_PHRASES:
        return f"{detail}; {text}"
    return text


_NUMERIC_PHRASES = frozenset(("between", "top", "below", "extrapolated", "step", "step_below"))


def _reached(actual: Decimal, value: Decimal, direction: Direction) -> bool:
    return actual >= value if direction is Direction.HIGHER else actual <= value


def interpolate(
    actual: Decimal,
    levels: tuple[tuple[Decimal, Decimal], ...],
    direction: Direction,
    below_entry: BelowEntry = BelowEntry.ZERO,
) -> tuple[Decimal, str, tuple[Decimal, Decimal] | None, tuple[Decimal, Decimal] | None]:
    """Score ``actual`` against (value, score) levels, lowest first: (score, case, lower, upper)."""
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


def condition_th(kpi: Kpi, condition: Condition) -> str:
    """A condition as Thai text names it: 'ลงทะเบียน (registered_pct) >= 100'."""
    return f"{input_th(kpi, condition.input)} {condition.op} {condition.value}"


def _conditions_level(
    kpi_round: KpiRound, inputs: Mapping[str, Decimal]
) -> tuple[Decimal, Decimal | None, Condition | None]:
    """(level reached, the next level, its first unmet condition)."""
    met: dict[Decimal, bool] = {}
    first_unmet: dict[Decimal, Condition] = {}
    for level in kpi_round.levels:
        unmet = [
            c for c in level.conditions if c.input not in inputs or not c.holds(inputs[c.input])
        ]
        met[level.score] = not unmet
        if unmet:
            first_unmet[level.score] = unmet[0]
    best = max((score for score, ok in met.items() if ok), default=ZERO)
    following = next((sc for sc in sorted(first_unmet) if sc > best), None)
    return best, following, first_unmet[following] if following is not None else None


def score_kpi(
    kpi: Kpi,
    round_no: int,
    result: Result | None,
    policy: ScoringPolicy,
    divisor: Decimal = HUNDRED,
) -> KpiScore:
    """Score one KPI in one round; its weighted score is weight × score / ``divisor``.

    ``divisor`` is 100 on OPDC's 50/75/100 scale, the weights assessed in the round on the
    five-level scale (:meth:`thaikpi.engine.scales.Scale.divisor`).
    """
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
            detail_th=kpi_round.open_reason_th,
        )
    if result is None:
        return KpiScore(kpi.id, round_no, Status.NO_RESULT, kpi.weight, None, ZERO, ZERO, ZERO)
    if kpi_round.measure.kind is MeasureKind.CONDITIONS:
        level, needs_level, needs = _conditions_level(kpi_round, result.inputs)
        weighted = apply(
            CONTEXT.divide(CONTEXT.multiply(kpi.weight, level), divisor), policy.weighted_rounding
        )
        score = apply(level, policy.score_rounding)
        return KpiScore(
            kpi.id,
            round_no,
            Status.SCORED,
            kpi.weight,
            None,  # a conditions KPI has inputs, not one actual value
            score,
            weighted,
            level,
            "conditions",
            None,
            None,
            level,
            inputs_shown(result.inputs),
            str(needs) if needs else "",
            needs_level,
            inputs_shown_th(kpi, result.inputs),
            condition_th(kpi, needs) if needs else "",
        )
    raw_score, case, lower, upper, level, detail = _raw_score(kpi, kpi_round, result, policy)
    detail_th = ""
    if result.inputs:
        # How raw inputs became the actual, for checking by hand.
        detail, detail_th = result.derivation, result.derivation_th
    score = apply(raw_score, policy.score_rounding)
    weighted = apply(
        CONTEXT.divide(CONTEXT.multiply(kpi.weight, score), divisor), policy.weighted_rounding
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
        detail_th=detail_th,
    )


def _raw_score(
    kpi: Kpi, kpi_round: KpiRound, result: Result, policy: ScoringPolicy
) -> tuple[
    Decimal, str, tuple[Decimal, Decimal] | None, tuple[Decimal, Decimal] | None, Decimal, str
]:
    kind = kpi_round.measure.kind
    if kind is MeasureKind.JUDGED:
        return result.actual, "judged", None, None, result.actual, ""
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
    no_result: bool = False  # assessed KPIs, not one with a result: its subtotal of 0 is no sum


def no_result_among(scores: Iterable[KpiScore]) -> bool:
    """True when some of ``scores`` are assessed but not one has a result (a KPI whose levels
    are open has one once its actual is entered): their sum of 0 is no sum."""
    assessed = [k for k in scores if k.status is not Status.NOT_ASSESSED]
    return bool(assessed) and all(
        k.status is not Status.SCORED and k.actual is None for k in assessed
    )


@dataclass(frozen=True, slots=True)
class RoundScore:
    """A whole round: every KPI's score, group subtotals, the total and the most it could reach."""

    scorecard_id: str
    round: int
    kpis: tuple[KpiScore, ...]
    groups: tuple[GroupScore, ...]
    total: Decimal
    max_total: Decimal  # the most the total can reach: the weights assessed (50/75/100), or 5
    assessed_weight: Decimal = ZERO  # the sum of the weights of the KPIs assessed in this round

    @property
    def covered(self) -> tuple[str, ...]:
        """Ids of the KPIs this round's total covers."""
        return tuple(k.kpi_id for k in self.kpis if k.status is not Status.NOT_ASSESSED)

    @property
    def nothing_assessed(self) -> bool:
        """True when no KPI is assessed in this round: its total of 0 out of 0 means nothing."""
        return not self.covered

    def note(self, language: str = "en") -> str:
        """Why the round has no score, in English ('en') or Thai ('th'); '' when it has one."""
        if not self.nothing_assessed:
            return ""
        en, th = worded("round.nothing_assessed", {"round": self.round})
        return in_language(language, en, th)

    @property
    def missing(self) -> tuple[str, ...]:
        """Ids of assessed KPIs that have no result yet."""
        return tuple(k.kpi_id for k in self.kpis if k.status is Status.NO_RESULT)

    @property
    def no_result(self) -> bool:
        """True when KPIs are assessed but not one has a result: its total of 0 is no total.
        (A KPI whose levels are still open counts as having one once its actual is entered.)"""
        return no_result_among(self.kpis)

    def total_text(self, language: str = "th") -> str:
        """The total as shown (4 places), or "no result yet" when not one KPI has a result: a
        total of 0 from nothing entered is not a score."""
        if not self.no_result:
            return figure(self.total, 4)
        en, th = worded("round.no_result", {})
        return in_language(language, en, th)

    def kpi(self, kpi_id: str) -> KpiScore | None:
        """The score of one KPI."""
        return next((k for k in self.kpis if k.kpi_id == kpi_id), None)


def assessed_weight(scorecard: Scorecard, round_no: int) -> Decimal:
    """The sum of the weights of the KPIs assessed in ``round_no``."""
    return sum((k.weight for k in scorecard.kpis if (r := k.round(round_no)) and r.assessed), ZERO)


def round_divisor(scorecard: Scorecard, round_no: int) -> Decimal:
    """What each weight × score is divided by in ``round_no`` (see Scale.divisor)."""
    return scorecard.scale.divisor(assessed_weight(scorecard, round_no))


def score_round(scorecard: Scorecard, round_no: int, results: Mapping[str, Result]) -> RoundScore:
    """Score every KPI of ``scorecard`` in ``round_no`` and add them up."""
    policy = scorecard.scoring
    divisor = round_divisor(scorecard, round_no)
    kpis = tuple(score_kpi(k, round_no, results.get(k.id), policy, divisor) for k in scorecard.kpis)
    by_id = {k.id: k for k in scorecard.kpis}
    groups = []
    for group in scorecard.groups:
        members = [s for s in kpis if by_id[s.kpi_id].group == group.id]
        covered = sum((s.weight for s in members if s.status is not Status.NOT_ASSESSED), ZERO)
        groups.append(
            GroupScore(
                group.id,
                group.weight,
                covered,
                sum((s.weighted for s in members), ZERO),
                no_result_among(members),
            )
        )
    total = sum((s.weighted for s in kpis), ZERO)
    assessed = sum((s.weight for s in kpis if s.status is not Status.NOT_ASSESSED), ZERO)
    max_total = scorecard.scale.max_total(assessed)
    return RoundScore(scorecard.id, round_no, kpis, tuple(groups), total, max_total, assessed)
