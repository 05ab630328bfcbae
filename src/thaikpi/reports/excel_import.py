"""Results read back from the results-entry sheet of an exported workbook.

The upload is checked first (:mod:`thaikpi.reports.xlsx_checks`); then every row is checked
with the engine, and nothing is returned unless the whole file is valid: a
:class:`~thaikpi.reports.xlsx_checks.WorkbookError` lists every problem by sheet, row and
column, in English and Thai. The sheet's layout is the export's (:mod:`thaikpi.reports.excel`).
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from thaikpi.engine.findings import EngineError, file_unreadable, thai_of
from thaikpi.engine.model import Scorecard
from thaikpi.engine.results import Result, number, read_result, rounds_listed
from thaikpi.reports.excel import (
    ACTUAL,
    ENTRY,
    ENTRY_FIRST_ROW,
    ENTRY_ID_CELL,
    ENTRY_ROUND_CELL,
    entry_key,
    entry_label,
)
from thaikpi.reports.xlsx_checks import (
    MAX_BYTES,
    CellProblem,
    WorkbookError,
    check_archive,
    refused,
    too_big,
)


@dataclass(frozen=True, slots=True)
class Imported:
    """A whole, valid workbook: the round, raw values as entered, and the engine's results."""

    round: int
    raw: Mapping[str, Decimal | dict[str, Decimal]]
    results: Mapping[str, Result] = field(default_factory=dict)


def import_results(
    scorecard: Scorecard, data: bytes, file: str = "", max_bytes: int = MAX_BYTES
) -> Imported:
    """Read the results-entry sheet of an uploaded workbook; WorkbookError with every problem."""
    try:
        check_archive(data, max_bytes)
        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many types for bad files
            name = type(exc).__name__
            raise refused(
                "cannot read the workbook: {}".format(name),
                "อ่านไฟล์ Excel ไม่ได้: {}".format(name),
            ) from None
        try:
            return _read_entry(scorecard, book)
        finally:
            book.close()
    except WorkbookError as exc:
        raise WorkbookError(exc.problems, file) from None


def import_file(scorecard: Scorecard, path: str | Path, max_bytes: int = MAX_BYTES) -> Imported:
    """Import results from a workbook on disk (size checked before reading it all)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise too_big(size, max_bytes, str(path))
        data = path.read_bytes()
    except OSError as exc:
        raise refused(*file_unreadable(exc), str(path)) from None
    return import_results(scorecard, data, str(path), max_bytes)


def _read_entry(scorecard: Scorecard, book: Any) -> Imported:
    if ENTRY not in book.sheetnames:
        sheets = ", ".join(book.sheetnames)
        raise refused(
            "the workbook has no sheet '{}' (sheets: {})".format(ENTRY, sheets),
            "ไฟล์ Excel ไม่มีชีต '{}' (ชีตที่มี: {})".format(ENTRY, sheets),
        )
    sheet = book[ENTRY]
    rows = list(
        sheet.iter_rows(
            min_row=1, max_row=min(sheet.max_row or 0, 2000), max_col=6, values_only=True
        )
    )
    problems: list[CellProblem] = []
    round_no = _header_checks(scorecard, rows, problems)
    if round_no is None:
        raise WorkbookError(problems)
    values = _collect(scorecard, round_no, rows, problems)
    raw, results = _check_with_engine(scorecard, round_no, values, problems)
    if problems:
        raise WorkbookError(problems)
    return Imported(round_no, raw, results)


def _cell(rows: list[tuple[Any, ...]], ref: str) -> Any:
    col, row = ord(ref[0]) - ord("A"), int(ref[1:])
    line = rows[row - 1] if len(rows) >= row else ()
    return line[col] if len(line) > col else None


def _header_checks(
    scorecard: Scorecard, rows: list[tuple[Any, ...]], problems: list[CellProblem]
) -> int | None:
    found_id = _cell(rows, ENTRY_ID_CELL)
    if found_id is not None and str(found_id).strip() != scorecard.id:
        problems.append(
            CellProblem(
                "this workbook is for scorecard {!r}, not {!r}".format(found_id, scorecard.id),
                ENTRY,
                1,
                "B",
                "ไฟล์ Excel นี้เป็นของคำรับรอง {!r} ไม่ใช่ {!r}".format(found_id, scorecard.id),
            )
        )
    raw_round = _cell(rows, ENTRY_ROUND_CELL)
    try:
        round_no = number(raw_round, "the round")
    except ValueError:
        round_no = None
    if round_no not in {Decimal(n) for n in scorecard.round_numbers}:
        rounds = rounds_listed(scorecard.round_numbers)
        problems.append(
            CellProblem(
                "the round must be {}, got {!r}".format(rounds.en, raw_round),
                ENTRY,
                2,
                "B",
                "รอบการประเมินต้องเป็น {} แต่พบ {!r}".format(rounds.th, raw_round),
            )
        )
        return None
    return int(round_no) if not problems else None


@dataclass
class _Entered:
    """What a KPI's rows hold: the single value and/or inputs, with the rows they came from."""

    actual: tuple[int, Decimal] | None = None
    inputs: dict[str, tuple[int, Decimal]] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)  # item key → row


def _collect(
    scorecard: Scorecard, round_no: int, rows: list[tuple[Any, ...]], problems: list[CellProblem]
) -> dict[str, _Entered]:
    entered: dict[str, _Entered] = {}
    seen: set[tuple[str, str]] = set()
    for index, line in enumerate(rows[ENTRY_FIRST_ROW - 1 :], start=ENTRY_FIRST_ROW):
        cells = (list(line) + [None] * 6)[:6]
        kpi_id, key, value = cells[0], cells[1], cells[4]
        if kpi_id is None and key is None and value is None:
            continue
        kpi_text = _id_text(kpi_id)
        kpi = scorecard.kpi(kpi_text)
        if kpi is None:
            known = ", ".join(k.id for k in scorecard.kpis)
            problems.append(
                CellProblem(
                    "unknown KPI {!r} (KPIs: {})".format(kpi_id, known),
                    ENTRY,
                    index,
                    "A",
                    "ไม่มีตัวชี้วัด {!r} ในคำรับรองนี้ (ตัวชี้วัดที่มี: {})".format(kpi_id, known),
                )
            )
            continue
        key_text = entry_key(kpi, str(key).strip()) if key is not None else ACTUAL
        if key_text != ACTUAL and kpi.input(key_text) is None:
            names = ", ".join([ACTUAL, *(i.id for i in kpi.inputs)])
            names_th = ", ".join(entry_label(kpi, k) for k in [ACTUAL, *(i.id for i in kpi.inputs)])
            problems.append(
                CellProblem(
                    "KPI {} has no item {!r} (items: {})".format(kpi.id, key, names),
                    ENTRY,
                    index,
                    "B",
                    "ตัวชี้วัด {} ไม่มีรายการ {!r} (รายการที่มี: {})".format(kpi.id, key, names_th),
                )
            )
            continue
        if (kpi.id, key_text) in seen:
            problems.append(
                CellProblem(
                    "KPI {} {} is given twice".format(kpi.id, key_text),
                    ENTRY,
                    index,
                    "B",
                    "ตัวชี้วัด {} รายการ {} มีซ้ำกันมากกว่าหนึ่งแถว".format(
                        kpi.id, entry_label(kpi, key_text)
                    ),
                )
            )
            continue
        seen.add((kpi.id, key_text))
        slot = entered.setdefault(kpi.id, _Entered())
        slot.rows[key_text] = index
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        try:
            amount = number(value, "the value", "ค่า")
        except ValueError as exc:
            problems.append(CellProblem(str(exc), ENTRY, index, "E", thai_of(exc)))
            continue
        if key_text == ACTUAL:
            slot.actual = (index, amount)
        else:
            slot.inputs[key_text] = (index, amount)
    return entered


def _id_text(value: Any) -> str:
    """A KPI id cell as text: Excel turns '1' into 1 or 1.0."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


def _check_with_engine(
    scorecard: Scorecard,
    round_no: int,
    entered: Mapping[str, _Entered],
    problems: list[CellProblem],
) -> tuple[dict[str, Decimal | dict[str, Decimal]], dict[str, Result]]:
    raw: dict[str, Decimal | dict[str, Decimal]] = {}
    results: dict[str, Result] = {}
    for kpi_id, slot in entered.items():
        kpi = scorecard.kpi(kpi_id)
        assert kpi is not None
        if slot.actual and slot.inputs:
            both = "KPI {}: give the result or its inputs, not both"
            both_th = "ตัวชี้วัด {}: กรอกผลการดำเนินงานหรือข้อมูลที่ใช้คำนวณอย่างใดอย่างหนึ่ง ไม่ใช่ทั้งสองอย่าง"
            problems.append(
                CellProblem(both.format(kpi_id), ENTRY, slot.actual[0], "E", both_th.format(kpi_id))
            )
            continue
        if slot.actual is None and not slot.inputs:
            continue  # no result yet
        value: Decimal | dict[str, Decimal] = (
            slot.actual[1] if slot.actual else {k: v for k, (_, v) in slot.inputs.items()}
        )
        try:
            results[kpi_id] = read_result(kpi, round_no, value)
            raw[kpi_id] = value
        except EngineError as exc:
            row = _row_for(exc, slot)
            problems.extend(
                CellProblem(
                    "KPI {}: {}".format(kpi_id, f.message),
                    ENTRY,
                    row,
                    "E",
                    "ตัวชี้วัด {}: {}".format(kpi_id, f.text("th")),
                )
                for f in exc.findings
            )
    return raw, results


def _row_for(exc: EngineError, slot: _Entered) -> int:
    """The row an engine message is about: the input it names, else the KPI's first row."""
    text = " ".join(f.message for f in exc.findings)
    for name, row in slot.rows.items():
        if name != ACTUAL and name in text:
            return row
    return slot.actual[0] if slot.actual else next(iter(slot.rows.values()))
