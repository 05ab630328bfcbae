"""Thai labels shared by the Excel and PDF reports: dates in the Buddhist era, digits, statuses.

Pure functions with no Django import, so the CLI renders reports without the web app.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal

from thaikpi.engine.model import Condition, Direction, Kpi, Level, MeasureKind
from thaikpi.engine.scoring import Status

MONTHS_TH = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")

STATUS_TH = {
    Status.SCORED: "ประเมินแล้ว",
    Status.NO_RESULT: "ยังไม่มีผล",
    Status.NOT_ASSESSED: "ไม่ประเมินในรอบนี้",
    Status.LEVELS_OPEN: "ยังไม่กำหนดเป้าหมาย",
}
KIND_TH = {"strategic": "Strategic KPI", "proxy": "Proxy KPI", "unlinked": "ไม่เชื่อมโยง"}
DIRECTION_TH = {Direction.HIGHER: "ยิ่งมากยิ่งดี", Direction.LOWER: "ยิ่งน้อยยิ่งดี"}
LEVEL_TH = {50: "เป้าหมายขั้นต้น", 75: "เป้าหมายมาตรฐาน", 100: "เป้าหมายขั้นสูง"}


def thai_digits(text: str) -> str:
    """Arabic digits written as Thai digits (30 → ๓๐)."""
    return text.translate(THAI_DIGITS)


def thai_date(day: datetime.date, digits: str = "arabic") -> str:
    """'30 กันยายน 2567' (Buddhist era); ``digits='thai'`` gives '๓๐ กันยายน ๒๕๖๗'."""
    text = f"{day.day} {MONTHS_TH[day.month - 1]} {day.year + 543}"
    return thai_digits(text) if digits == "thai" else text


def places_of(value: Decimal) -> int:
    """How many decimal places a figure is written with (2.5 → 1, 15 → 0)."""
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def number_format(places: int) -> str:
    """An Excel number format with thousands separators and ``places`` decimals."""
    return "#,##0" + ("." + "0" * places if places > 0 else "")


def show(value: Decimal | None, places: int | None = None) -> str:
    """A figure for people: thousands separators; '—' for none."""
    if value is None:
        return "—"
    return f"{value:,.{places}f}" if places is not None else f"{value:,}"


def figure_places(kpi: Kpi, round_no: int) -> int:
    """Decimals of a KPI's levels and actual in a round: counts and judged levels are whole."""
    kpi_round = kpi.round(round_no)
    whole = kpi_round is not None and kpi_round.measure.kind in (
        MeasureKind.COUNT,
        MeasureKind.JUDGED,
    )
    return 0 if whole else kpi.rounding.places


def level_text(kpi: Kpi, level: Level, places: int | None = None) -> str:
    """A level as one cell of text: its figure, its conditions, or its description."""
    if level.open_reason:
        return "ยังไม่กำหนด ({})".format(level.open_text("th"))
    if level.value is not None:
        return show(level.value, kpi.rounding.places if places is None else places)
    if level.conditions:
        return conditions_text(kpi, level.conditions)
    return level.description.th if level.description else "พิจารณาตามเกณฑ์"


OPS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "="}


def input_name(kpi: Kpi, input_id: str) -> str:
    """An input's Thai name, or its id when the template names none."""
    definition = kpi.input(input_id)
    return definition.name.th if definition else input_id


def conditions_text(kpi: Kpi, conditions: Iterable[Condition]) -> str:
    """'ร้อยละคุณภาพ ≥ 100 และ ร้อยละที่ลงทะเบียน ≥ 90'."""
    return " และ ".join(
        "{} {} {}".format(input_name(kpi, c.input), OPS.get(c.op, c.op), show(c.value))
        for c in conditions
    )


def inputs_text(kpi: Kpi, inputs: Mapping[str, Decimal]) -> str:
    """'ร้อยละคุณภาพ = 100, ร้อยละที่ลงทะเบียน = 95'."""
    return ", ".join("{} = {}".format(input_name(kpi, k), show(v)) for k, v in inputs.items())
