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
from thaikpi.engine.formatting import figure
from thaikpi.engine.messages import Both
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
    name = Both(definition.id, _subject(name_th))
    if definition.positive and amount <= 0:
        return Problem.of("bounds.input_positive", name=name, got=amount)
    if definition.min is not None and amount < definition.min:
        return Problem.of("bounds.input_min", name=name, min=definition.min, got=amount)
    if definition.max is not None and amount > definition.max:
        return Problem.of("bounds.input_max", name=name, max=definition.max, got=amount)
    return None


def outside_value(kpi: Kpi, value: Decimal, what: str, what_th: str) -> Problem | None:
    """Why a KPI's value (entered, counted or computed) lies outside its ``value:`` bounds."""
    subject = Both(what, _subject(what_th))
    if kpi.value_min is not None and value < kpi.value_min:
        return Problem.of(
            "bounds.value_min", what=subject, kpi_id=kpi.id, min=kpi.value_min, got=value
        )
    if kpi.value_max is not None and value > kpi.value_max:
        return Problem.of(
            "bounds.value_max", what=subject, kpi_id=kpi.id, max=kpi.value_max, got=value
        )
    return None


def far_beyond(kpi: Kpi, kpi_round: KpiRound, actual: Decimal) -> Finding | None:
    """A warning when ``actual`` lies far beyond the round's top level (see FAR_BEYOND_SPANS)."""
    points = kpi_round.points  # (value, score), lowest level first, on any scale
    if len(points) < 2 or points[0][0] == points[-1][0]:
        return None
    (entry, entry_level), (top, top_level) = points[0], points[-1]
    higher = kpi.direction is Direction.HIGHER
    limit = FAR_BEYOND_SPANS * abs(top - entry)
    if (actual - top if higher else top - actual) <= limit:
        return None
    side = Both("above", "สูงกว่า") if higher else Both("below", "ต่ำกว่า")
    params = {
        "side": side,
        "actual": actual,
        "spans": FAR_BEYOND_SPANS,
        "entry": entry,
        "top": top,
        "entry_level": figure(entry_level, 0),
        "top_level": figure(top_level, 0),
    }
    return Finding.of("bounds.far_beyond", params, severity=Severity.WARNING, kpi=kpi.id)


def levels_outside(kpi: Kpi) -> list[Problem]:
    """A problem for each level figure that the KPI's own ``value:`` bounds rule out."""
    found = []
    for number, kpi_round in sorted(kpi.rounds.items()):
        if kpi_round.measure.kind not in (MeasureKind.NUMERIC, MeasureKind.COUNT):
            continue  # judged and conditions levels are not figures of the value
        for value, score in kpi_round.points:
            what = f"the level {score} of round {number}"
            problem = outside_value(kpi, value, what, f"ค่าระดับ {score} ของรอบที่ {number}")
            if problem:
                found.append(problem)
    return found
