"""A KPI's bounds: the values its own definition rules out, and values far beyond its targets.

The template declares bounds for each raw input (``min``, ``max``, ``positive``) and for the
KPI's value itself, however it is obtained (``value: {min, max}``): a figure outside them is
refused. A value within them that lies far beyond the 100 level is accepted with a warning,
under one rule (:data:`FAR_BEYOND_SPANS`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from thaikpi.engine.findings import Finding, Problem, Severity, nfc
from thaikpi.engine.model import Direction, InputDef, Kpi, KpiRound, MeasureKind

# A value is "far beyond" the 100 level when it lies past it (in the better direction) by more
# than this many times the distance between the 50 and the 100 levels. A typo such as a lost
# decimal point (5623 for 56.23) lands far past it; a year that beats the target does not.
FAR_BEYOND_SPANS: Final = Decimal(10)


def input_name_th(kpi: Kpi, input_id: str) -> str:
    """An input as a Thai refusal names it: its Thai name alone (the id when it has none)."""
    definition = kpi.input(input_id)
    name = definition.name.th.strip() if definition else ""
    return nfc(name) if name else input_id


def _subject(name_th: str) -> str:
    """A Thai subject before 'ต้อง…': no space after Thai text, a space after a Latin id."""
    return name_th if name_th and "\u0e00" <= name_th[-1] <= "\u0e7f" else f"{name_th} "


def outside_input(definition: InputDef, amount: Decimal, name_th: str) -> Problem | None:
    """Why a raw input lies outside its declared bounds (positive, min, max), or None."""
    name, subject = definition.id, _subject(name_th)
    if definition.positive and amount <= 0:
        return Problem(
            f"{name} must be more than 0, got {amount}", f"{subject}ต้องมากกว่า 0 แต่พบ {amount}"
        )
    if definition.min is not None and amount < definition.min:
        return Problem(
            f"{name} must be at least {definition.min}, got {amount}",
            f"{subject}ต้องไม่น้อยกว่า {definition.min} แต่พบ {amount}",
        )
    if definition.max is not None and amount > definition.max:
        return Problem(
            f"{name} must be at most {definition.max}, got {amount}",
            f"{subject}ต้องไม่เกิน {definition.max} แต่พบ {amount}",
        )
    return None


def outside_value(kpi: Kpi, value: Decimal, what: str, what_th: str) -> Problem | None:
    """Why a KPI's value (entered, counted or computed) lies outside its ``value:`` bounds."""
    subject = _subject(what_th)
    if kpi.value_min is not None and value < kpi.value_min:
        return Problem(
            f"{what} must be at least {kpi.value_min} for KPI {kpi.id}, got {value}",
            f"{subject}ของตัวชี้วัด {kpi.id} ต้องไม่น้อยกว่า {kpi.value_min} แต่พบ {value}",
        )
    if kpi.value_max is not None and value > kpi.value_max:
        return Problem(
            f"{what} must be at most {kpi.value_max} for KPI {kpi.id}, got {value}",
            f"{subject}ของตัวชี้วัด {kpi.id} ต้องไม่เกิน {kpi.value_max} แต่พบ {value}",
        )
    return None


def far_beyond(kpi: Kpi, kpi_round: KpiRound, actual: Decimal) -> Finding | None:
    """A warning when ``actual`` lies far beyond the round's 100 level (see FAR_BEYOND_SPANS)."""
    levels = {score: value for value, score in kpi_round.points}
    entry, top = levels.get(Decimal(50)), levels.get(Decimal(100))
    if entry is None or top is None or entry == top:
        return None
    higher = kpi.direction is Direction.HIGHER
    limit = FAR_BEYOND_SPANS * abs(top - entry)
    if (actual - top if higher else top - actual) <= limit:
        return None
    side, side_th = ("above", "สูงกว่า") if higher else ("below", "ต่ำกว่า")
    return Finding(
        f"the value entered is far {side} the advanced target, please check: {actual} is "
        f"more than {FAR_BEYOND_SPANS} times the distance from the 50 level ({entry}) to the "
        f"100 level ({top}) {side} the 100 level",
        Severity.WARNING,
        kpi=kpi.id,
        message_th=f"ค่าที่กรอก{side_th}เป้าหมายขั้นสูงมาก โปรดตรวจสอบ: {actual} {side_th}ค่าระดับ 100 "
        f"({top}) เกิน {FAR_BEYOND_SPANS} เท่าของระยะจากค่าระดับ 50 ({entry}) ถึงระดับ 100",
    )


def levels_outside(kpi: Kpi) -> list[tuple[str, str]]:
    """(English, Thai) for each level figure that the KPI's own ``value:`` bounds rule out."""
    found = []
    for number, kpi_round in sorted(kpi.rounds.items()):
        if kpi_round.measure.kind not in (MeasureKind.NUMERIC, MeasureKind.COUNT):
            continue  # judged and conditions levels are not figures of the value
        for value, score in kpi_round.points:
            what = f"the level {score} of round {number}"
            problem = outside_value(kpi, value, what, f"ค่าระดับ {score} ของรอบที่ {number}")
            if problem:
                found.append((problem.message, problem.message_th))
    return found
