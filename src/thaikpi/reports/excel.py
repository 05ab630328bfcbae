"""Excel out, in the layout agencies use: a summary sheet (KPI, weight, the three levels,
actual, score, weighted score, group subtotals, total), a results-entry sheet, and a sheet per
KPI (definition, baseline table, level derivations, result). Scores come from the engine;
weighted scores, subtotals and the total are live formulas so a reader can check them.

The entry sheet comes back through :mod:`thaikpi.reports.excel_import`; uploads are checked
by :mod:`thaikpi.reports.xlsx_checks` first.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from thaikpi.engine import formatting
from thaikpi.engine.formatting import figure, places_of
from thaikpi.engine.formula import rename
from thaikpi.engine.model import Kpi, Level, MeasureKind, Scorecard
from thaikpi.engine.numbers import RoundingMode
from thaikpi.engine.results import Result
from thaikpi.engine.scales import Scale, TotalKind
from thaikpi.engine.scoring import KpiScore, RoundScore, Status, round_divisor
from thaikpi.reports.thai_labels import (
    DIRECTION_TH,
    KIND_TH,
    STATUS_TH,
    conditions_text,
    figure_places,
    inputs_text,
    level_text,
    number_format,
    standing_th,
)

FONT_NAME = "TH Sarabun New"
SUMMARY = "สรุปผล"
ENTRY = "บันทึกผล"
ACTUAL = "actual"  # the entry-sheet key of a KPI's single result value

_BOLD = Font(name=FONT_NAME, size=14, bold=True)
_PLAIN = Font(name=FONT_NAME, size=14)
_TITLE = Font(name=FONT_NAME, size=18, bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DCE6F1")
_GROUP_FILL = PatternFill("solid", fgColor="F2F2F2")
_TOTAL_FILL = PatternFill("solid", fgColor="FFF2CC")
_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")

SUMMARY_HEADERS = (
    ("ตัวชี้วัดที่", 9),
    ("ตัวชี้วัด", 48),
    ("หน่วยวัด", 12),
    ("น้ำหนัก (ร้อยละ)", 10),
    ("เป้าหมายขั้นต้น (50)", 14),
    ("เป้าหมายมาตรฐาน (75)", 14),
    ("เป้าหมายขั้นสูง (100)", 14),
    ("ผลการดำเนินงาน", 14),
    ("คะแนน", 10),
    ("คะแนนถ่วงน้ำหนัก", 12),
    ("สถานะ", 16),
    ("คำอธิบายการคำนวณคะแนน", 60),
)  # fmt: skip  (on OPDC's 50/75/100 scale; summary_headers() follows any scale)
ENTRY_HEADERS = (
    ("ตัวชี้วัดที่", 10), ("รายการ", 30), ("ชื่อตัวชี้วัด", 44), ("หน่วย", 14), ("ค่า", 16),
    ("คำแนะนำ", 40),
)  # fmt: skip
# Summary columns (1-based) that formulas refer to, with three level columns (50/75/100);
# a scale with more levels moves the columns after them right (see SummaryColumns).
COL_WEIGHT, COL_SCORE, COL_WEIGHTED, COL_STATUS = 4, 9, 10, 11
COL_LEVELS = 5  # the first level column


@dataclass(frozen=True, slots=True)
class SummaryColumns:
    """Where the summary's columns are for a scale with ``levels`` level columns."""

    levels: int = 3

    def after(self, col: int) -> int:
        """A column that comes after the level columns, moved by the extra levels."""
        return col + self.levels - 3

    @property
    def actual(self) -> int:
        return self.after(8)

    @property
    def score(self) -> int:
        return self.after(COL_SCORE)

    @property
    def weighted(self) -> int:
        return self.after(COL_WEIGHTED)

    @property
    def status(self) -> int:
        return self.after(COL_STATUS)

    @property
    def explanation(self) -> int:
        return self.after(12)


def summary_columns(scorecard: Scorecard) -> SummaryColumns:
    """Where the summary sheet's columns are for the scorecard's scale."""
    return SummaryColumns(len(scorecard.scale.levels))


def summary_headers(scorecard: Scorecard) -> tuple[tuple[str, int], ...]:
    """The summary sheet's headers, a level column per level of the scorecard's scale."""
    levels = tuple((title, 14) for title in scorecard.scale.headers_in("th"))
    return SUMMARY_HEADERS[:4] + levels + SUMMARY_HEADERS[7:]


# Entry sheet: where the scorecard id and round are written, and the first data row.
ENTRY_ID_CELL, ENTRY_ROUND_CELL, ENTRY_FIRST_ROW = "B1", "B2", 5


# -- export ------------------------------------------------------------------------------


def export_workbook(
    scorecard: Scorecard,
    scored: RoundScore,
    results: Mapping[str, Result],
    exported: datetime.date | None = None,
    version: int | None = None,
    joint: Mapping[str, str] | None = None,
) -> Workbook:
    """The workbook for one scorecard and round: summary, results entry, one sheet per KPI.

    ``version``: the stored template version the round was scored with, named on the summary.
    ``joint``: a member's joint KPIs, KPI id → where the result comes from ("ผลร่วมจาก …"),
    written beside the result on every sheet (the owner enters it; the member's import skips it).
    """
    joint = joint or {}
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = SUMMARY
    kpi_sheets = {kpi.id: _sheet_name(kpi) for kpi in scorecard.kpis}
    _write_summary(
        summary, scorecard, scored, results, kpi_sheets, exported or datetime.date.today(), joint
    )
    if version is not None:
        _put(summary, 4, 1, "คิดคะแนนตามฉบับที่ {}".format(version))
    _write_entry(book.create_sheet(ENTRY), scorecard, scored.round, results, joint)
    for kpi in scorecard.kpis:
        score = scored.kpi(kpi.id)
        assert score is not None
        sheet = book.create_sheet(kpi_sheets[kpi.id])
        _write_kpi(sheet, scorecard, kpi, score, results.get(kpi.id), joint.get(kpi.id))
    return book


def export_xlsx(
    scorecard: Scorecard,
    scored: RoundScore,
    results: Mapping[str, Result],
    exported: datetime.date | None = None,
    version: int | None = None,
    joint: Mapping[str, str] | None = None,
) -> bytes:
    """The workbook as .xlsx bytes."""
    buffer = io.BytesIO()
    export_workbook(scorecard, scored, results, exported, version, joint).save(buffer)
    return buffer.getvalue()


def _sheet_name(kpi: Kpi) -> str:
    """'ตัวชี้วัดที่ 1'; Excel forbids []:*?/\\ and names over 31 characters."""
    safe = "".join("_" if ch in "[]:*?/\\" else ch for ch in kpi.id)
    return f"ตัวชี้วัดที่ {safe}"[:31]


def _put(
    sheet: Worksheet,
    row: int,
    col: int,
    value: Any,
    *,
    fmt: str | None = None,
    font: Font = _PLAIN,
    fill: PatternFill | None = None,
    box: bool = False,
    formula: bool = False,
) -> Cell:
    """Write one cell with the report's font and optional number format, fill and border.

    Text is stored as text, always: a template's KPI name '=HYPERLINK(...)' or an owner's
    '+1' must not become a live formula in a reader's Excel (OWASP CSV injection). Only the
    formulas ThaiKPI itself builds pass ``formula=True``.
    """
    cell: Cell = sheet.cell(row=row, column=col, value=value)
    if isinstance(value, str) and not formula:
        # openpyxl guesses a formula from a leading '=' and an error from '#N/A'; the text is
        # kept as it is (the import reads it back unchanged), only its type is forced.
        cell.data_type = "s"
    cell.font = font
    cell.alignment = _WRAP
    if fmt:
        cell.number_format = fmt
    if fill:
        cell.fill = fill
    if box:
        cell.border = _BOX
    return cell


def _headers(sheet: Worksheet, row: int, headers: Sequence[tuple[str, int]]) -> None:
    for col, (title, width) in enumerate(headers, start=1):
        _put(sheet, row, col, title, font=_BOLD, fill=_HEAD_FILL, box=True)
        sheet.column_dimensions[get_column_letter(col)].width = width


def _round_name(scorecard: Scorecard, round_no: int) -> str:
    info = scorecard.round(round_no)
    return info.name.th if info else f"รอบที่ {round_no}"


# A KPI without a result keeps 0 in its score cell, so the weighted-score formula and the
# total still add up, but the cell shows the words: a missing result must not read as a 0.
NO_RESULT_FORMAT = '"{}"'.format(STATUS_TH[Status.NO_RESULT])
# Its weighted score, and the subtotal of a group none of whose KPIs has a result, show a dash
# over their formula's 0, as the PDF does.
NO_FIGURE_FORMAT = '"—"'


def _score_format(scorecard: Scorecard, score: KpiScore) -> str:
    """The score cell's number format: its places, or 'ยังไม่มีผล' shown over the 0."""
    if score.status is Status.NO_RESULT:
        return NO_RESULT_FORMAT
    return number_format(scorecard.scoring.score_rounding.places)


def _weighted_format(scorecard: Scorecard, no_result: bool) -> str:
    """A weighted score's or subtotal's number format: its places, or a dash over the 0."""
    if no_result:
        return NO_FIGURE_FORMAT
    return number_format(scorecard.scoring.weighted_rounding.places)


def _total_format(scorecard: Scorecard, scored: RoundScore) -> str:
    """The total's number format: its places, or 'ยังไม่มีผล' when not one KPI has a result.

    The cell keeps its live formula either way: a reader who checks it finds the same 0 the
    engine adds up, shown as the words every other surface prints (RoundScore.total_text).
    """
    if scored.no_result:
        return '"{}"'.format(scored.total_text("th"))
    return number_format(scorecard.scoring.weighted_rounding.places)


def _weighted_formula(scorecard: Scorecard, row: int, round_no: int) -> str:
    """=ROUND(weight*score/100, places): the engine's weighted-score rule, as a formula.

    On the five-level scale the divisor is the weights assessed in the round (see
    :meth:`thaikpi.engine.scales.Scale.divisor`), written as the figure the engine uses.
    """
    rounding = scorecard.scoring.weighted_rounding
    func = "ROUNDDOWN" if rounding.mode is RoundingMode.TRUNCATE else "ROUND"
    w, s = get_column_letter(COL_WEIGHT), get_column_letter(summary_columns(scorecard).score)
    divisor = round_divisor(scorecard, round_no)
    return f"={func}({w}{row}*{s}{row}/{divisor},{rounding.places})"


def _write_summary(
    sheet: Worksheet,
    scorecard: Scorecard,
    scored: RoundScore,
    results: Mapping[str, Result],
    kpi_sheets: Mapping[str, str],
    exported: datetime.date,
    joint: Mapping[str, str],
) -> None:
    fy = scorecard.fiscal_year
    _put(
        sheet, 1, 1, "รายงานผลการดำเนินงานตามตัวชี้วัด {}".format(scorecard.agency.name.th), font=_TITLE
    )
    _put(
        sheet,
        2,
        1,
        "ปีงบประมาณ พ.ศ. {} — {}".format(fy.year_be, _round_name(scorecard, scored.round)),
    )
    _put(sheet, 3, 1, "ข้อมูล ณ วันที่ {}".format(formatting.date(exported)))
    _headers(sheet, 5, summary_headers(scorecard))
    row = 6
    subtotal_rows = []
    group_scores = {g.group_id: g for g in scored.groups}
    for group in scorecard.groups:
        members = [k for k in scorecard.kpis if k.group == group.id]
        _put(sheet, row, 1, group.name.th, font=_BOLD, fill=_GROUP_FILL)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
        _put(
            sheet,
            row,
            COL_WEIGHT,
            group.weight,
            fmt=number_format(places_of(group.weight)),
            font=_BOLD,
            fill=_GROUP_FILL,
        )
        row += 1
        first = row
        for kpi in members:
            score = scored.kpi(kpi.id)
            assert score is not None
            _summary_row(sheet, row, scorecard, kpi, score, results.get(kpi.id), kpi_sheets[kpi.id])
            if kpi.id in joint:  # where a member's joint result comes from, before the why
                cell = sheet.cell(row=row, column=summary_columns(scorecard).explanation)
                cell.value = "\n".join((joint[kpi.id], score.explanation_th)).strip()
            row += 1
        label = "รวม {}".format(group.name.th)
        none = group_scores[group.id].no_result
        _subtotal_row(sheet, row, scorecard, label, first, row - 1, none)
        subtotal_rows.append(row)
        row += 1
    _total_row(sheet, row, scorecard, scored, subtotal_rows)
    sheet.freeze_panes = "C6"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _summary_row(
    sheet: Worksheet,
    row: int,
    scorecard: Scorecard,
    kpi: Kpi,
    score: KpiScore,
    result: Result | None,
    kpi_sheet: str,
) -> None:
    places = figure_places(kpi, score.round)
    link = _put(sheet, row, 1, kpi.id, box=True)
    link.hyperlink = f"#'{kpi_sheet}'!A1"
    _put(sheet, row, 2, kpi.name.th, box=True)
    _put(sheet, row, 3, kpi.unit.th, box=True)
    _put(sheet, row, COL_WEIGHT, kpi.weight, fmt=number_format(places_of(kpi.weight)), box=True)
    kpi_round = kpi.round(score.round)
    levels = list(kpi_round.levels) if kpi_round and kpi_round.assessed else []
    cols = summary_columns(scorecard)
    for i in range(cols.levels):
        value: object = ""
        if not levels:
            value = "ไม่ประเมิน" if i == 0 else ""
        elif i < len(levels):
            value = levels[i].value if levels[i].value is not None else level_text(kpi, levels[i])
        _put(sheet, row, COL_LEVELS + i, value, fmt=number_format(places), box=True)
    actual = _actual_cell(kpi, score, result)
    _put(sheet, row, cols.actual, actual, fmt=_actual_format(kpi, score), box=True)
    _put(
        sheet,
        row,
        cols.score,
        score.score,
        fmt=_score_format(scorecard, score),
        box=True,
    )
    _put(
        sheet,
        row,
        cols.weighted,
        _weighted_formula(scorecard, row, score.round),
        fmt=_weighted_format(scorecard, score.status is Status.NO_RESULT),
        box=True,
        formula=True,
    )
    _put(sheet, row, cols.status, standing_th(score, scorecard.scale), box=True)
    _put(sheet, row, cols.explanation, score.explanation_th, box=True)


def _actual_cell(kpi: Kpi, score: KpiScore, result: Result | None) -> object:
    """The actual as a number, or the inputs as text for a conditions KPI (its actual is 0)."""
    kpi_round = kpi.round(score.round)
    if score.actual is None:
        return None
    if kpi_round and kpi_round.measure.kind is MeasureKind.CONDITIONS:
        return inputs_text(kpi, result.inputs) if result else None
    return score.actual


def _actual_format(kpi: Kpi, score: KpiScore) -> str:
    kpi_round = kpi.round(score.round)
    if kpi_round is not None and kpi_round.measure.kind is MeasureKind.CONDITIONS:
        return "@"
    return number_format(figure_places(kpi, score.round))


def _subtotal_row(
    sheet: Worksheet,
    row: int,
    scorecard: Scorecard,
    label: str,
    first: int,
    last: int,
    no_result: bool = False,
) -> None:
    cols = summary_columns(scorecard)
    w, wt, st = (get_column_letter(c) for c in (COL_WEIGHT, cols.weighted, cols.status))
    not_assessed = STATUS_TH[Status.NOT_ASSESSED]
    _put(sheet, row, 2, label, font=_BOLD, fill=_GROUP_FILL, box=True)
    # The weight a round covers: KPIs not assessed in it are left out, as the engine does.
    covered = (
        f'=SUMIF({st}{first}:{st}{last},"<>{not_assessed}",{w}{first}:{w}{last})'
        if last >= first
        else "=0"
    )
    _put(
        sheet,
        row,
        COL_WEIGHT,
        covered,
        fmt="#,##0.##",
        font=_BOLD,
        fill=_GROUP_FILL,
        box=True,
        formula=True,
    )
    total = f"=SUM({wt}{first}:{wt}{last})" if last >= first else "=0"
    _put(
        sheet,
        row,
        cols.weighted,
        total,
        fmt=_weighted_format(scorecard, no_result),
        font=_BOLD,
        fill=_GROUP_FILL,
        box=True,
        formula=True,
    )


def _total_row(
    sheet: Worksheet, row: int, scorecard: Scorecard, scored: RoundScore, subtotal_rows: list[int]
) -> None:
    weighted = summary_columns(scorecard).weighted
    w, wt = get_column_letter(COL_WEIGHT), get_column_letter(weighted)
    label = (
        "คะแนนรวม (เต็ม = น้ำหนักที่ประเมินในรอบนี้)"
        if scorecard.scale.total is TotalKind.SUM
        else "คะแนนรวม (ค่าเฉลี่ยถ่วงน้ำหนัก เต็ม {})".format(figure(scorecard.scale.max_score, 0))
    )
    _put(sheet, row, 2, label, font=_BOLD, fill=_TOTAL_FILL, box=True)
    _put(
        sheet,
        row,
        COL_WEIGHT,
        "=" + "+".join(f"{w}{r}" for r in subtotal_rows),
        fmt="#,##0.##",
        font=_BOLD,
        fill=_TOTAL_FILL,
        box=True,
        formula=True,
    )
    _put(
        sheet,
        row,
        weighted,
        "=" + "+".join(f"{wt}{r}" for r in subtotal_rows),
        fmt=_total_format(scorecard, scored),
        font=_BOLD,
        fill=_TOTAL_FILL,
        box=True,
        formula=True,
    )


ACTUAL_TH = "ผลการดำเนินงาน"  # how the entry sheet names a KPI's single result value


@dataclass(frozen=True, slots=True)
class EntryRow:
    """One line of the results-entry sheet: a KPI's single value, or one of its inputs."""

    kpi: Kpi
    key: str  # ACTUAL or an input id
    name: str  # column B: the item's Thai name (entry_label), read back by entry_key
    unit: str
    hint: str


def entry_rows(scorecard: Scorecard, round_no: int) -> list[EntryRow]:
    """The lines of the results-entry sheet for a round, in template order."""
    rows: list[EntryRow] = []
    for kpi in scorecard.kpis:
        kpi_round = kpi.round(round_no)
        if kpi_round is None or not kpi_round.assessed:
            continue
        kind = kpi_round.measure.kind
        if kind is not MeasureKind.CONDITIONS:
            hint = _hint(kpi, kind, scorecard.scale)
            rows.append(EntryRow(kpi, ACTUAL, ACTUAL_TH, kpi.unit.th, hint))
        if kind is MeasureKind.CONDITIONS or (kind is MeasureKind.NUMERIC and kpi.formula):
            for definition in kpi.inputs:
                unit = definition.unit.th if definition.unit else ""
                hint = "หรือกรอกข้อมูลตั้งต้นทุกรายการ" if kind is MeasureKind.NUMERIC else ""
                label = entry_label(kpi, definition.id)
                rows.append(EntryRow(kpi, definition.id, label, unit, hint))
    return rows


def entry_label(kpi: Kpi, key: str) -> str:
    """What column B of the entry sheet says for an item: its Thai name, never an id.

    An input without a Thai name, or whose Thai name another of the KPI's items shares, keeps
    its id, so every label reads back to one item (:func:`entry_key`).
    """
    if key == ACTUAL:
        return ACTUAL_TH
    names = [i.name.th.strip() for i in kpi.inputs]
    found = kpi.input(key)
    name = found.name.th.strip() if found else ""
    return name if name and names.count(name) == 1 and name != ACTUAL_TH else key


def entry_key(kpi: Kpi, text: str) -> str:
    """The item column B names: a Thai label of :func:`entry_label`, or an id (older sheets)."""
    if text in (ACTUAL, ACTUAL_TH) or kpi.input(text) is not None:
        return ACTUAL if text == ACTUAL_TH else text
    return next((i.id for i in kpi.inputs if entry_label(kpi, i.id) == text), text)


def _hint(kpi: Kpi, kind: MeasureKind, scale: Scale) -> str:
    if kind is MeasureKind.JUDGED:
        return "ระดับที่ได้: {}".format(scale.listing("th", zero=True))
    if kind is MeasureKind.COUNT:
        return "จำนวน (จำนวนเต็ม)"
    if kpi.formula:
        thai = {i.id: i.name.th for i in kpi.inputs if i.name.th}  # Thai names, not the ids
        return "กรอกผล หรือกรอกข้อมูลตั้งต้นด้านล่าง ({})".format(rename(kpi.formula, thai))
    return ""


def _entry_value(row: EntryRow, result: Result | None) -> Decimal | None:
    if result is None:
        return None
    if row.key == ACTUAL:
        return None if result.inputs else result.actual
    return result.inputs.get(row.key)


def _write_entry(
    sheet: Worksheet,
    scorecard: Scorecard,
    round_no: int,
    results: Mapping[str, Result],
    joint: Mapping[str, str],
) -> None:
    _put(sheet, 1, 1, "แม่แบบตัวชี้วัด", font=_BOLD)
    _put(sheet, 1, 2, scorecard.id)
    _put(sheet, 2, 1, "รอบที่", font=_BOLD)
    _put(sheet, 2, 2, round_no)
    _put(sheet, 1, 3, "กรอกค่าในคอลัมน์ E แล้วนำเข้าระบบ; เว้นว่างหากยังไม่มีผล")
    _headers(sheet, ENTRY_FIRST_ROW - 1, ENTRY_HEADERS)
    for offset, line in enumerate(entry_rows(scorecard, round_no)):
        row = ENTRY_FIRST_ROW + offset
        for col, value in enumerate((line.kpi.id, line.name, line.kpi.name.th, line.unit), start=1):
            _put(sheet, row, col, value, box=True)
        value = _entry_value(line, results.get(line.kpi.id))
        places = places_of(value) if value is not None else line.kpi.rounding.places
        _put(sheet, row, 5, value, fmt=number_format(places), box=True)
        hint = line.hint
        if line.kpi.id in joint:  # a member's joint KPI: shown, not entered here
            hint = "{} — หน่วยงานเจ้าของเป็นผู้กรอก ไม่ต้องกรอกที่นี่".format(joint[line.kpi.id])
        _put(sheet, row, 6, hint, box=True)
    sheet.freeze_panes = f"A{ENTRY_FIRST_ROW}"


def _write_kpi(
    sheet: Worksheet,
    scorecard: Scorecard,
    kpi: Kpi,
    score: KpiScore,
    result: Result | None,
    joint: str | None = None,
) -> None:
    sheet.column_dimensions["A"].width = 24
    for col in "BCDEFG":
        sheet.column_dimensions[col].width = 18
    sheet.column_dimensions["F"].width = 60
    _put(sheet, 1, 1, "ตัวชี้วัดที่ {} {}".format(kpi.id, kpi.name.th), font=_TITLE)
    _put(sheet, 2, 1, kpi.name.en)
    row = _write_definition(sheet, 4, scorecard, kpi)
    row = _write_baseline(sheet, row + 1, kpi)
    row = _write_levels(sheet, row + 1, scorecard, kpi)
    _write_result(sheet, row + 1, scorecard, kpi, score, result, joint)


def _definition(scorecard: Scorecard, kpi: Kpi) -> list[tuple[str, object]]:
    group = scorecard.group(kpi.group)
    pairs: list[tuple[str, object]] = [
        ("กลุ่มตัวชี้วัด", group.name.th if group else kpi.group),
        (
            "ประเภท",
            KIND_TH.get(kpi.kind, kpi.kind)
            + (" แทน {}".format(kpi.proxy_for.th) if kpi.proxy_for else ""),
        ),
        ("น้ำหนัก (ร้อยละ)", kpi.weight),
        ("หน่วยวัด", kpi.unit.th),
        ("ทิศทาง", DIRECTION_TH[kpi.direction]),
    ]
    texts = (
        ("คำอธิบาย", kpi.description),
        ("ขอบเขต", kpi.scope),
        ("สูตรการคำนวณ", kpi.formula_text),
        ("แหล่งข้อมูล", kpi.data_sources),
        ("วิธีการจัดเก็บข้อมูล", kpi.collection_method),
        ("ผู้รับผิดชอบ", kpi.responsible),
        ("หน่วยงานที่เกี่ยวข้อง", kpi.related_agencies),
        ("ช่วงเวลาการรายงาน", kpi.reporting_period),
    )
    pairs += [(label, text.th) for label, text in texts if text]
    if kpi.formula and not kpi.formula_text:
        pairs.append(("สูตรการคำนวณ", kpi.formula))
    pairs += [("ความเชื่อมโยง", f"{link.code} {link.name.th}".strip()) for link in kpi.links]
    pairs += [("เงื่อนไข", c.th) for c in kpi.conditions]
    pairs += [("หมายเหตุ", n.th) for n in kpi.notes]
    return pairs


def _write_definition(sheet: Worksheet, row: int, scorecard: Scorecard, kpi: Kpi) -> int:
    _put(sheet, row, 1, "รายละเอียดตัวชี้วัด", font=_BOLD)
    for label, value in _definition(scorecard, kpi):
        row += 1
        _put(sheet, row, 1, label, font=_BOLD)
        fmt = number_format(places_of(value)) if isinstance(value, Decimal) else None
        _put(sheet, row, 2, value, fmt=fmt)
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=6)
    return row + 1


def _write_baseline(sheet: Worksheet, row: int, kpi: Kpi) -> int:
    baseline = kpi.baseline
    if baseline is None:
        return row
    unit = " (หน่วย: {})".format(baseline.unit.th) if baseline.unit else ""
    _put(sheet, row, 1, "ข้อมูลพื้นฐานประกอบตัวชี้วัด" + unit, font=_BOLD)
    row += 1
    _put(sheet, row, 1, "ปี พ.ศ.", font=_BOLD, fill=_HEAD_FILL, box=True)
    for col, column in enumerate(baseline.columns, start=2):
        _put(sheet, row, col, column.name.th, font=_BOLD, fill=_HEAD_FILL, box=True)
    for line in baseline.rows:
        row += 1
        _put(sheet, row, 1, line.year, fmt="0", box=True)
        for col, column in enumerate(baseline.columns, start=2):
            places = column.places if column.places is not None else baseline.rounding.places
            _put(sheet, row, col, line.values.get(column.id), fmt=number_format(places), box=True)
    for summary in baseline.summaries:
        row += 1
        label = summary.label.th if summary.label else "{} {}".format(summary.stat, summary.column)
        _put(sheet, row, 1, "{} ({}–{})".format(label, *summary.years), font=_BOLD)
        _put(sheet, row, 2, summary.stated, fmt=number_format(baseline.rounding.places))
    if baseline.note:
        row += 1
        _put(sheet, row, 1, "หมายเหตุ", font=_BOLD)
        _put(sheet, row, 2, baseline.note.th)
    return row + 1


LEVEL_HEADERS = ("ระดับคะแนน", "เป้าหมาย", "ค่าที่ใช้ประเมิน", "ค่าที่ระบุในเอกสาร",
                 "ที่มาของค่า", "เงื่อนไข / คำอธิบาย")  # fmt: skip


def _write_levels(sheet: Worksheet, row: int, scorecard: Scorecard, kpi: Kpi) -> int:
    _put(sheet, row, 1, "เกณฑ์การให้คะแนน", font=_BOLD)
    for info in scorecard.rounds:
        kpi_round = kpi.round(info.number)
        row += 1
        _put(sheet, row, 1, info.name.th, font=_BOLD)
        if kpi_round is None or not kpi_round.assessed:
            reason = kpi_round.reason.th if kpi_round and kpi_round.reason else ""
            _put(sheet, row, 2, " ".join(("ไม่ประเมินในรอบนี้", reason)).strip())
            continue
        row += 1
        for col, title in enumerate(LEVEL_HEADERS, start=1):
            _put(sheet, row, col, title, font=_BOLD, fill=_HEAD_FILL, box=True)
        for level in kpi_round.levels:
            row += 1
            _level_row(sheet, row, kpi, level, figure_places(kpi, info.number), scorecard.scale)
    return row + 1


def _level_row(
    sheet: Worksheet, row: int, kpi: Kpi, level: Level, places: int, scale: Scale
) -> None:
    extra = conditions_text(kpi, level.conditions)
    if level.description:
        extra = " ".join((extra, level.description.th)).strip()
    if level.open_reason:
        extra = " ".join((extra, "ยังไม่กำหนด: {}".format(level.open_text("th")))).strip()
    cells = (
        int(level.score),
        scale.level_name(level.score, "th"),
        level.value,
        level.stated,
        level.provenance_th or level.provenance,
        extra,
    )
    for col, value in enumerate(cells, start=1):
        fmt = number_format(places) if col in (3, 4) else None
        _put(sheet, row, col, value, fmt=fmt, box=True)


def _write_result(
    sheet: Worksheet,
    row: int,
    scorecard: Scorecard,
    kpi: Kpi,
    score: KpiScore,
    result: Result | None,
    joint: str | None = None,
) -> None:
    _put(sheet, row, 1, "ผลการดำเนินงาน {}".format(_round_name(scorecard, score.round)), font=_BOLD)
    lines: list[tuple[str, object, str | None]] = [
        ("สถานะ", standing_th(score, scorecard.scale), None),
        ("ผลการดำเนินงาน", _actual_cell(kpi, score, result), _actual_format(kpi, score)),
        ("ที่มาของผล", _derivation(result, joint), None),
        ("คะแนน", score.score, _score_format(scorecard, score)),
        (
            "คะแนนถ่วงน้ำหนัก",
            score.weighted,
            _weighted_format(scorecard, score.status is Status.NO_RESULT),
        ),
        ("คำอธิบาย", score.explanation_th, None),
    ]
    for label, value, fmt in lines:
        row += 1
        _put(sheet, row, 1, label, font=_BOLD)
        _put(sheet, row, 2, value, fmt=fmt)
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=6)


def _derivation(result: Result | None, joint: str | None) -> str:
    """Where the result comes from: a member's joint KPI names its owner first."""
    own = result.derivation_in("th") if result else ""
    return "\n".join(t for t in (joint, own) if t)
