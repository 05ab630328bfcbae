"""Thai labels shared by the Excel and PDF reports: statuses, kinds, levels and conditions.

Pure functions with no Django import, so the CLI renders reports without the web app. Figures,
dates and digits are written by :mod:`thaikpi.engine.formatting`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from thaikpi.engine.formatting import figure
from thaikpi.engine.model import Condition, Direction, Kpi, Level, MeasureKind
from thaikpi.engine.scales import Scale
from thaikpi.engine.scoring import KpiScore, Status

STATUS_TH = {
    Status.SCORED: "ประเมินแล้ว",
    Status.NO_RESULT: "ยังไม่มีผล",
    Status.NOT_ASSESSED: "ไม่ประเมินในรอบนี้",
    Status.LEVELS_OPEN: "ยังไม่กำหนดเป้าหมาย",
}


def standing_th(score: KpiScore, scale: Scale) -> str:
    """A KPI's status in Thai, naming the level of ``scale`` a scored KPI reached.

    'ถึงเป้าหมายมาตรฐาน' (75 of 50/75/100), 'ถึงระดับ 4' (five-level), 'ต่ำกว่าระดับ 1';
    the status words otherwise ('ยังไม่มีผล').
    """
    if score.status is not Status.SCORED or score.score is None:
        return STATUS_TH[score.status]
    reached = scale.standing(score.score)
    if reached < scale.entry:
        return "ต่ำกว่า" + scale.level_name(scale.entry, "th")
    return "ถึง" + scale.level_name(reached, "th")


KIND_TH = {"strategic": "Strategic KPI", "proxy": "Proxy KPI", "unlinked": "ไม่เชื่อมโยง"}
DIRECTION_TH = {Direction.HIGHER: "ยิ่งมากยิ่งดี", Direction.LOWER: "ยิ่งน้อยยิ่งดี"}


def number_format(places: int) -> str:
    """An Excel number format with thousands separators and ``places`` decimals."""
    return "#,##0" + ("." + "0" * places if places > 0 else "")


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
        return figure(level.value, kpi.rounding.places if places is None else places)
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
        "{} {} {}".format(input_name(kpi, c.input), OPS.get(c.op, c.op), figure(c.value))
        for c in conditions
    )


def inputs_text(kpi: Kpi, inputs: Mapping[str, Decimal]) -> str:
    """'ร้อยละคุณภาพ = 100, ร้อยละที่ลงทะเบียน = 95'."""
    return ", ".join("{} = {}".format(input_name(kpi, k), figure(v)) for k, v in inputs.items())


# A round's review state (thaikpi.results.choices.ReviewState values) on the PDF cover.
REVIEW_TH = {
    "draft": "ฉบับร่าง ยังไม่ส่งให้ผู้ประเมิน",
    "submitted": "ส่งให้ผู้ประเมินแล้ว รอการพิจารณา",
    "returned": "ผู้ประเมินส่งกลับให้แก้ไข",
    "approved": "ผู้ประเมินเห็นชอบแล้ว",
    "locked": "ปิดรอบแล้ว ผลไม่เปลี่ยนแปลงอีก",
}
# States whose figures are final: every other state prints with the "ร่าง" watermark.
FINAL_STATES = frozenset({"approved", "locked"})
