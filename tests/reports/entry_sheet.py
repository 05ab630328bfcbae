"""The exported workbook as the report tests handle it: exported, cells edited as a division
would type them, and the row of a KPI's item on the entry sheet. No database."""

from __future__ import annotations

import io

import openpyxl

from tests.reports.conftest import EXPORTED, Case
from thaikpi.reports import excel
from thaikpi.reports.excel import ENTRY


def export(case: Case) -> bytes:
    """The case exported as .xlsx bytes."""
    return excel.export_xlsx(case.scorecard, case.scored, case.results, EXPORTED)


def edited(case: Case, edits: dict[str, object], sheet: str = ENTRY) -> bytes:
    """The exported workbook with some cells changed (cell reference → value)."""
    book = openpyxl.load_workbook(io.BytesIO(export(case)))
    for ref, value in edits.items():
        book[sheet][ref] = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def entry_row(case: Case, kpi_id: str, key: str = excel.ACTUAL) -> int:
    """Row of a KPI's item on the entry sheet (``key``: an input's id, or the single value)."""
    lines = excel.entry_rows(case.scorecard, case.scored.round)
    index = next(i for i, line in enumerate(lines) if line.kpi.id == kpi_id and line.key == key)
    return excel.ENTRY_FIRST_ROW + index
