"""What-if: the smallest actual value a KPI needs for a score, and what a target total needs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import pairwise

from thaikpi.engine.formatting import figure
from thaikpi.engine.formatting import weight as weight_text
from thaikpi.engine.model import (
    BelowEntry,
    Direction,
    Kpi,
    MeasureKind,
    Scorecard,
    ScoringMethod,
)
from thaikpi.engine.numbers import CONTEXT, ZERO, RoundingMode, toward
from thaikpi.engine.results import Result
from thaikpi.engine.scoring import (
    KpiScore,
    Status,
    condition_th,
    round_divisor,
    score_kpi,
    score_round,
)


@dataclass(frozen=True, slots=True)
class Need:
    """What one KPI needs: the smallest actual (or level/conditions) for a score."""

    kpi_id: str
    score: Decimal  # the score asked for
    actual: Decimal | None  # the value needed (None when it cannot be reached or is not numeric)
    reachable: bool
    explanation: str
    explanation_th: str = ""  # the explanation in Thai


def _toward_better(value: Decimal, places: int, direction: Direction) -> Decimal:
    """Round to ``places`` in the direction that does not lose score."""
    return toward(value, places, up=direction is Direction.HIGHER)


def need_for_score(kpi: Kpi, round_no: int, target: Decimal, scorecard: Scorecard) -> Need:
    """The smallest actual with which ``kpi`` scores at least ``target`` in ``round_no``."""
    kpi_round = kpi.round(round_no)

    def need(actual: Decimal | None, reachable: bool, why: str, why_th: str) -> Need:
        return Need(kpi.id, target, actual, reachable, why, why_th)

    if kpi_round is None or not kpi_round.assessed:
        return need(None, False, f"not assessed in round {round_no}", f"ไม่ประเมินในรอบที่ {round_no}")
    top = scorecard.scale.max_score
    if target > top:
        most = figure(top, 0)
        return need(None, False, f"no KPI scores more than {most}", f"ไม่มีตัวชี้วัดใดได้คะแนนเกิน {most}")
    if target <= ZERO:
        return need(
            None, True, "any result scores at least 0", "ผลการดำเนินงานใด ๆ ได้คะแนนอย่างน้อย 0"
        )
    kind = kpi_round.measure.kind
    step_wise = kind is not MeasureKind.NUMERIC or scorecard.scoring.method is ScoringMethod.STEP
    level = next((lv for lv in kpi_round.levels if lv.score >= target), None)
    if level is None:
        return need(None, False, "no level reaches that score", "ไม่มีระดับใดได้ถึงคะแนนนั้น")
    score = figure(level.score, 0)
    if kind in (MeasureKind.JUDGED, MeasureKind.CONDITIONS):
        conditions = ", ".join(str(c) for c in level.conditions)
        conditions_th = ", ".join(condition_th(kpi, c) for c in level.conditions)
        return need(
            None,
            True,
            f"reach level {score}: {conditions or f'judged level {score}'}",
            f"ต้องถึงระดับ {score}: {conditions_th or f'ผลการพิจารณาระดับ {score}'}",
        )
    if level.value is None:
        shown_th = f": {level.provenance_th}" if level.provenance_th else ""
        return need(
            None,
            False,
            level.open_reason or "level not set",
            f"ยังไม่ได้กำหนดค่าเป้าหมายระดับ {score}{shown_th}",
        )
    if step_wise:
        return need(
            level.value,
            True,
            f"reach level {score}: {level.value:,} → {score}",
            f"ต้องถึงระดับ {score}: {level.value:,} → {score}",
        )
    return _interpolated_need(kpi, round_no, target, scorecard)


def _lowest_exact_score(target: Decimal, scorecard: Scorecard) -> Decimal:
    """The smallest unrounded score that the score rounding turns into ``target`` or more."""
    rounding = scorecard.scoring.score_rounding
    if rounding.mode is RoundingMode.HALF_UP:
        return target - rounding.quantum / 2
    return target


def _interpolated_need(kpi: Kpi, round_no: int, target: Decimal, scorecard: Scorecard) -> Need:
    kpi_round = kpi.round(round_no)
    assert kpi_round is not None
    levels = list(kpi_round.points)
    wanted = _lowest_exact_score(target, scorecard)
    lower, upper = levels[0], levels[0]
    if wanted < levels[0][1] and scorecard.scoring.below_entry is BelowEntry.EXTRAPOLATE:
        lower, upper = levels[0], levels[1]  # below the entry level the 50→75 slope continues
    else:
        wanted = max(wanted, levels[0][1])
        for current, following in pairwise(levels):
            if current[1] <= wanted <= following[1]:
                lower, upper = current, following
                break
    (lv, ls), (uv, us) = lower, upper
    if us == ls or (wanted <= ls and lower == upper):
        exact = lv
    else:
        exact = lv + CONTEXT.divide(CONTEXT.multiply(wanted - ls, uv - lv), us - ls)
    places = kpi.rounding.places
    actual = _toward_better(exact, places, kpi.direction)
    unit = Decimal(1).scaleb(-places) * (1 if kpi.direction is Direction.HIGHER else -1)
    policy = scorecard.scoring
    for _ in range(3):  # guard against the last digit of rounding; never more than a step or two
        got = score_kpi(kpi, round_no, Result(kpi.id, actual), policy)
        if got.score is not None and got.score >= target:
            break
        actual += unit
    got = score_kpi(kpi, round_no, Result(kpi.id, actual), policy)
    shown = f"{actual:,} → {got.score}"
    return Need(kpi.id, target, actual, True, shown, shown)


@dataclass(frozen=True, slots=True)
class Alone:
    """One scored KPI raised on its own, every other result unchanged, to reach a total."""

    kpi_id: str
    actual: Decimal | None  # its result now
    score: Decimal  # its score now
    score_needed: Decimal  # the score it would need (more than 100: it cannot do it alone)
    actual_needed: Decimal | None  # the actual giving that score (None: judged, conditions, …)
    reachable: bool
    explanation: str
    explanation_th: str


@dataclass(frozen=True, slots=True)
class TotalNeed:
    """What the KPIs without results need so that the round reaches a target total."""

    round: int
    target: Decimal
    current: Decimal  # the total of the results already in
    remaining_weight: Decimal
    score_needed: Decimal | None  # the same score on every remaining KPI (None: none remain)
    reachable: bool
    needs: tuple[Need, ...]
    explanation: str
    open: tuple[str, ...] = ()  # KPIs left out because their levels wait for a figure
    explanation_th: str = ""  # the explanation in Thai
    # When every KPI has a result: what each one below 100 would need on its own instead.
    alone: tuple[Alone, ...] = ()


def need_for_total(
    scorecard: Scorecard, round_no: int, results: Mapping[str, Result], target: Decimal
) -> TotalNeed:
    """The score, and actual value, each KPI without a result needs for a target total."""
    scored = score_round(scorecard, round_no, results)
    remaining = [s for s in scored.kpis if s.status is Status.NO_RESULT]
    waiting = tuple(s.kpi_id for s in scored.kpis if s.status is Status.LEVELS_OPEN)
    weight = sum((s.weight for s in remaining), ZERO)
    gap = target - scored.total
    open_ids = ", ".join(waiting)
    left_out, left_out_th = (
        (
            f"; KPI {open_ids} left out: levels wait for a figure not set yet",
            f"; ไม่นับตัวชี้วัด {open_ids} เพราะค่าเป้าหมายยังรอตัวเลขที่ยังไม่ได้กำหนด",
        )
        if waiting
        else ("", "")
    )

    def answer(
        needed: Decimal | None, reachable: bool, needs: tuple[Need, ...], why: str, why_th: str
    ) -> TotalNeed:
        return TotalNeed(
            round_no,
            target,
            scored.total,
            weight,
            needed,
            reachable,
            needs,
            why + left_out,
            waiting,
            why_th + left_out_th,
        )

    if gap <= 0:
        return answer(
            ZERO,
            True,
            (),
            f"the results in already give {scored.total} ≥ {target}",
            f"ผลที่บันทึกแล้วได้ {scored.total} ≥ {target} แล้ว",
        )
    if not remaining:
        alone = raise_alone(scorecard, round_no, results, target)
        return replace(
            answer(
                None,
                any(a.reachable for a in alone),
                (),
                f"no KPI without a result is left; the total is {scored.total} < {target}; "
                "what one result alone would need, the others unchanged:",
                f"ไม่เหลือตัวชี้วัดที่ยังไม่มีผล คะแนนรวมคือ {scored.total} < {target}; "
                "ผลที่ต้องเพิ่มหากปรับตัวชี้วัดเดียว โดยตัวอื่นคงเดิม:",
            ),
            alone=alone,
        )
    top, divisor = scorecard.scale.max_score, round_divisor(scorecard, round_no)
    places = scorecard.scoring.score_rounding.places
    needed = toward(CONTEXT.divide(CONTEXT.multiply(gap, divisor), weight), places, up=True)
    reachable = needed <= top
    ids = {s.kpi_id for s in remaining}
    needs = tuple(
        need_for_score(kpi, round_no, min(needed, top), scorecard)
        for kpi in scorecard.kpis
        if kpi.id in ids
    )
    most = figure(top, 0)
    worked = f"({target} − {scored.total}) × {weight_text(divisor)} / {weight} = {needed}"
    why = f"{worked} on each of {len(remaining)} KPI(s) without a result" + (
        "" if reachable else f"; more than {most}, so the target cannot be reached"
    )
    why_th = f"{worked} สำหรับตัวชี้วัดที่ยังไม่มีผลแต่ละตัว ({len(remaining)} ตัว)" + (
        "" if reachable else f"; เกิน {most} จึงไม่อาจถึงเป้าหมายได้"
    )
    return answer(needed, reachable, needs, why, why_th)


def raise_alone(
    scorecard: Scorecard, round_no: int, results: Mapping[str, Result], target: Decimal
) -> tuple[Alone, ...]:
    """Per scored KPI below the top score: what it alone would need for ``target``."""
    scored = score_round(scorecard, round_no, results)
    gap = target - scored.total
    if gap <= 0:
        return ()
    found = []
    for current in scored.kpis:
        kpi = scorecard.kpi(current.kpi_id)
        score = current.score
        if kpi is None or current.status is not Status.SCORED or score is None:
            continue
        if score >= scorecard.scale.max_score or current.weight <= 0:
            continue
        found.append(_alone(scorecard, round_no, results, target, kpi, current))
    return tuple(found)


def _alone(
    scorecard: Scorecard,
    round_no: int,
    results: Mapping[str, Result],
    target: Decimal,
    kpi: Kpi,
    current: KpiScore,
) -> Alone:
    """What one KPI alone needs; checked by scoring the whole round again with it."""
    assert current.score is not None
    gap = target - score_round(scorecard, round_no, results).total
    top, divisor = scorecard.scale.max_score, round_divisor(scorecard, round_no)
    rounding = scorecard.scoring.score_rounding
    exact = CONTEXT.divide(CONTEXT.multiply(current.weighted + gap, divisor), current.weight)
    needed = toward(exact, rounding.places, up=True)
    if needed > top:
        most = figure(top, 0)
        why = f"cannot reach {target} alone: it would need a score of {needed} (more than {most})"
        why_th = f"ปรับตัวชี้วัดนี้ตัวเดียวไม่อาจถึง {target}: ต้องได้คะแนน {needed} (เกิน {most})"
        return Alone(kpi.id, current.actual, current.score, needed, None, False, why, why_th)
    need = need_for_score(kpi, round_no, needed, scorecard)
    for _ in range(3):  # the weighted rounding may want a last step up
        if need.actual is None or _total_with(scorecard, round_no, results, kpi, need) >= target:
            break
        needed = min(needed + rounding.quantum, top)
        need = need_for_score(kpi, round_no, needed, scorecard)
    if need.actual is None or current.actual is None:
        return Alone(
            kpi.id, current.actual, current.score, needed, None, need.reachable,
            need.explanation, need.explanation_th or need.explanation,
        )  # fmt: skip
    change = need.actual - current.actual
    sign = "+" if change > 0 else ""
    got = score_kpi(kpi, round_no, Result(kpi.id, need.actual), scorecard.scoring).score
    why = f"{current.actual:,} → {need.actual:,} ({sign}{change:,}): score {current.score} → {got}"
    why_th = (
        f"{current.actual:,} → {need.actual:,} ({sign}{change:,}): คะแนน {current.score} → {got}"
    )
    return Alone(kpi.id, current.actual, current.score, needed, need.actual, True, why, why_th)


def _total_with(
    scorecard: Scorecard, round_no: int, results: Mapping[str, Result], kpi: Kpi, need: Need
) -> Decimal:
    """The round's total with ``kpi``'s result replaced by the actual ``need`` names."""
    assert need.actual is not None
    changed = {**results, kpi.id: Result(kpi.id, need.actual)}
    return score_round(scorecard, round_no, changed).total
