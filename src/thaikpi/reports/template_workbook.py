"""A whole template as a workbook laid out like the paper form, for agencies that draft in Excel.

A summary sheet (the scorecard, rounds, groups and weights, KPIs, parameters, notes) and a
sheet per KPI (definition, inputs, links, conditions, notes, baseline, targets, and each
round's levels with their rule as a drop-down of Thai words plus labelled parameters). It is
written from the template's own data, so every figure keeps the places the template states
(written as text, never through float), and :mod:`thaikpi.reports.template_workbook_read`
reads it back to the same template. The layout is in :mod:`thaikpi.reports.template_layout`.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from thaikpi.engine import yamlio
from thaikpi.reports import template_layout as lay
from thaikpi.reports.excel import FONT_NAME, _put

_HEADING = Font(name=FONT_NAME, size=16, bold=True)
_LABEL = Font(name=FONT_NAME, size=14, bold=True)
_HEADING_FILL = PatternFill("solid", fgColor="DCE6F1")
_LABEL_FILL = PatternFill("solid", fgColor="F2F2F2")
SPARE_ROWS = 5  # empty rows under each table, with its drop-downs, for what a planner adds
NAME_ROW = 4  # the KPI sheet's row of its Thai name (the summary sheet shows it from there)


def template_workbook(text: str) -> bytes:
    """A template's text (YAML) as an .xlsx workbook."""
    data, _lines = yamlio.parse(text)
    if not isinstance(data, dict):
        data = {}
    book = Workbook()
    summary = book.active
    summary.title = lay.SUMMARY
    kpis = [k for k in data.get("kpis") or [] if isinstance(k, dict)]
    sheets = _sheet_names(kpis)
    _write_summary(summary, data, kpis, sheets)
    for kpi, name in zip(kpis, sheets, strict=True):
        _write_kpi(book.create_sheet(name), kpi)
    _write_lists(book.create_sheet(lay.LISTS))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def sheet_name(kpi_id: str) -> str:
    """'ตัวชี้วัดที่ 3': Excel allows 31 characters and none of []:*?/\\ in a name."""
    safe = "".join("_" if ch in "[]:*?/\\" else ch for ch in kpi_id)
    return lay.KPI_SHEET.format(id=safe)[:31]


def _sheet_names(kpis: Sequence[Mapping[str, Any]]) -> list[str]:
    names: list[str] = []
    for kpi in kpis:
        name = base = sheet_name(str(kpi.get("id", len(names) + 1)))
        n = 2
        while name in names or name == lay.SUMMARY:  # long ids cut to the same 31 characters
            name = f"{base[:27]} ({n})"
            n += 1
        names.append(name)
    return names


def _write_summary(
    sheet: Worksheet, data: Mapping[str, Any], kpis: list[Mapping[str, Any]], sheets: list[str]
) -> None:
    _title(sheet, _text_of(data.get("title")))
    row = 3
    row = _fields(sheet, row, lay.SCORECARD, data)
    row = _table(sheet, row, lay.ROUNDS, data.get("rounds") or [])
    groups = [g for g in data.get("groups") or [] if isinstance(g, dict)]
    row = _table(sheet, row, lay.GROUPS, groups)
    categories = [{**c, "group": g.get("id")} for g in groups for c in g.get("categories") or []]
    row = _table(sheet, row, lay.CATEGORIES, categories)
    records = [{**k, "sheet": name} for k, name in zip(kpis, sheets, strict=True)]
    first = row + 2
    row = _table(sheet, row, lay.KPIS, records, extra=lay.KPI_NAME_SHOWN)
    name_col = len(lay.KPIS.fields) + 1
    for i, name in enumerate(sheets):
        ref = f"={quote_sheetname(name)}!B{NAME_ROW}"
        _put(sheet, first + i, name_col, ref, formula=True)
    row = _table(sheet, row, lay.PARAMETERS, data.get("parameters") or [])
    _table(sheet, row, lay.SCORECARD_NOTES, _notes(data.get("notes")))
    _widths(sheet)


def _write_kpi(sheet: Worksheet, kpi: Mapping[str, Any]) -> None:
    _title(sheet, f"ตัวชี้วัดที่ {kpi.get('id', '')}: {_text_of(kpi.get('name'))}")
    row = _fields(sheet, 3, lay.DEFINITION, kpi)
    inputs = kpi.get("inputs") or {}
    records = [{**v, "id": k} for k, v in inputs.items() if isinstance(v, dict)]
    row = _table(sheet, row, lay.INPUTS, records)
    row = _table(sheet, row, lay.LINKS, kpi.get("links") or [])
    row = _table(sheet, row, lay.CONDITIONS_LIST, _notes(kpi.get("conditions")))
    row = _table(sheet, row, lay.KPI_NOTES, _notes(kpi.get("notes")))
    baseline = kpi.get("baseline") if isinstance(kpi.get("baseline"), dict) else {}
    row = _fields(sheet, row, lay.BASELINE, baseline)
    columns = [c for c in baseline.get("columns") or [] if isinstance(c, dict)]
    row = _table(sheet, row, lay.COLUMNS, columns)
    row = _baseline_rows(sheet, row, columns, baseline.get("rows") or [])
    row = _table(sheet, row, lay.SUMMARIES, baseline.get("summaries") or [])
    row = _table(sheet, row, lay.TARGETS, kpi.get("targets") or [])
    rounds = kpi.get("rounds") or {}
    for number in sorted(rounds, key=str):
        spec = rounds[number] if isinstance(rounds[number], dict) else {}
        row = _fields(sheet, row, lay.round_section(str(number)), spec)
        row = _table(sheet, row, lay.levels_section(str(number)), spec.get("levels") or [])
        measure = spec.get("measure") if isinstance(spec.get("measure"), dict) else {}
        row = _table(sheet, row, lay.items_section(str(number)), _notes(measure.get("items")))
    _widths(sheet)


def _notes(texts: object) -> list[dict[str, Any]]:
    """A list of {th, en} texts as table records of one text field."""
    return [{"text": t} for t in texts] if isinstance(texts, list) else []


def _title(sheet: Worksheet, text: str) -> None:
    _put(sheet, 1, 1, text, font=_HEADING)


def _heading(sheet: Worksheet, row: int, title: str) -> None:
    _put(sheet, row, 1, title, font=_HEADING, fill=_HEADING_FILL)


def _fields(sheet: Worksheet, row: int, section: lay.Section, record: Mapping[str, Any]) -> int:
    """Label/value rows: label in A, the value (or Thai) in B, English in C. Next free row."""
    _heading(sheet, row, section.title)
    for field in section.fields:
        row += 1
        _put(sheet, row, 1, field.label, font=_LABEL, fill=_LABEL_FILL, box=True)
        for col, value in enumerate(_cells(field, _get(record, field.path)), start=2):
            _put(sheet, row, col, value, box=True)
        if field.choice:
            _dropdown(sheet, field.choice, f"B{row}")
    return row + 2


def _table(
    sheet: Worksheet,
    row: int,
    section: lay.Section,
    records: Sequence[object],
    extra: str = "",
) -> int:
    """A heading, a header row and a row per record (plus spare rows). Next free row."""
    _heading(sheet, row, section.title)
    headers = [h for f in section.fields for h in f.headers()] + ([extra] if extra else [])
    for col, header in enumerate(headers, start=1):
        _put(sheet, row + 1, col, header, font=_LABEL, fill=_LABEL_FILL, box=True)
    for i, record in enumerate(records):
        values = [
            v
            for f in section.fields
            for v in _cells(f, _get(record, f.path) if isinstance(record, dict) else None)
        ]
        for col, value in enumerate(values, start=1):
            _put(sheet, row + 2 + i, col, value, box=True)
    last = row + 1 + len(records) + SPARE_ROWS
    col = 1
    for field in section.fields:
        if field.choice:
            letter = get_column_letter(col)
            _dropdown(sheet, field.choice, f"{letter}{row + 2}:{letter}{last}")
        col += len(field.headers())
    return last + 2


def _baseline_rows(
    sheet: Worksheet, row: int, columns: list[Mapping[str, Any]], rows: Sequence[object]
) -> int:
    """The baseline table: a Buddhist-era year per row, a column per baseline column."""
    _heading(sheet, row, lay.ROWS_TITLE)
    ids = [str(c.get("id", "")) for c in columns]
    headers = [lay.YEAR_HEADER] + [
        f"{_text_of(c.get('name'))} [{i}]" for c, i in zip(columns, ids, strict=True)
    ]
    for col, header in enumerate(headers, start=1):
        _put(sheet, row + 1, col, header, font=_LABEL, fill=_LABEL_FILL, box=True)
    for i, record in enumerate(r for r in rows if isinstance(r, dict)):
        _put(sheet, row + 2 + i, 1, _plain(record.get("year")), box=True)
        for col, column_id in enumerate(ids, start=2):
            if column_id in record:
                value = record[column_id]
                shown = lay.NULL_FIGURE if value is None else _plain(value)
                _put(sheet, row + 2 + i, col, shown, box=True)
    return row + 1 + len(rows) + SPARE_ROWS + 2


def _get(record: object, path: tuple[str | int, ...]) -> object:
    """The value at ``path`` (keys and list positions) in the raw template data, or None."""
    value = record
    for part in path:
        if isinstance(part, int):
            ok = isinstance(value, list) and part < len(value)
            value = value[part] if ok else None  # type: ignore[index]
        else:
            value = value.get(part) if isinstance(value, dict) else None
    return value


def _cells(field: lay.Field, value: object) -> list[object]:
    """The cell values of one field: Thai and English for a text, else one cell."""
    if field.kind == lay.TEXT:
        if isinstance(value, dict):
            return [value.get("th") or None, value.get("en") or None]
        return [None, None]
    if field.kind == lay.CONDITIONS:
        conditions = value if isinstance(value, list) else []
        return ["; ".join(_condition(c) for c in conditions if isinstance(c, dict)) or None]
    if field.choice and value is not None:
        return [lay.label_of(field.choice, value)]
    return [_plain(value)]


def _condition(c: Mapping[str, Any]) -> str:
    return f"{c.get('input', '')} {c.get('op', '')} {_plain(c.get('value'))}"


def _plain(value: object) -> object:
    """Figures as text with their places (324.20, not 324.2); whole numbers stay numbers."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return lay.YES if value else lay.NO
    return value


def _text_of(value: object) -> str:
    return str(value.get("th", "")) if isinstance(value, dict) else ""


def _write_lists(sheet: Worksheet) -> None:
    """The drop-downs' choices, one column each, on a hidden sheet (a list may be long)."""
    for col, labels in enumerate(lay.CHOICES.values(), start=1):
        for row, label in enumerate(labels.values(), start=1):
            _put(sheet, row, col, label)
    sheet.sheet_state = "hidden"


def _dropdown(sheet: Worksheet, choice: str, ref: str) -> None:
    """A drop-down of the Thai labels; other text is allowed (and checked on reading)."""
    col = get_column_letter(list(lay.CHOICES).index(choice) + 1)
    end = len(lay.CHOICES[choice])
    source = f"{quote_sheetname(lay.LISTS)}!${col}$1:${col}${end}"
    check = DataValidation(type="list", formula1=source, allow_blank=True)
    check.showErrorMessage = False
    sheet.add_data_validation(check)
    check.add(ref)


def _widths(sheet: Worksheet) -> None:
    sheet.column_dimensions["A"].width = 44
    for col in range(2, 24):
        sheet.column_dimensions[get_column_letter(col)].width = 26
