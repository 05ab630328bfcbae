"""Importing results from a filled-in workbook: all or nothing, under the result-entry rules."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest

from tests.personas import World
from thaikpi.changelog.models import AuditLog
from thaikpi.reports import excel
from thaikpi.results.models import Result
from thaikpi.services import engine, results, reviews, workbooks
from thaikpi.services import reports as report_service
from thaikpi.services.errors import NotAllowed, RoundClosed


def filled(world: World, round_no: int, edits: dict[tuple[str, str], object]) -> bytes:
    """The round's exported workbook with values typed into column E, by (KPI, item)."""
    book = openpyxl.load_workbook(io.BytesIO(report_service.xlsx(world.card, round_no)))
    sheet = book[excel.ENTRY]
    rows = excel.entry_rows(engine.current(world.card), round_no)
    for (kpi_id, key), value in edits.items():
        index = next(i for i, r in enumerate(rows) if r.kpi.id == kpi_id and r.key == key)
        sheet[f"E{excel.ENTRY_FIRST_ROW + index}"] = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_planner_imports_every_changed_result(world):
    data = filled(world, 1, {("1", excel.ACTUAL): 1.2, ("3", "trade_value"): 3750,
                             ("3", "budget"): 100})  # fmt: skip
    saved = workbooks.import_results(world.pim, world.card, data, "book.xlsx")
    assert saved.round == 1 and saved.kpis == ("1", "3")
    assert Result.objects.get(kpi_id="1").raw == "1.2"
    assert Result.objects.get(kpi_id="3").raw == {"trade_value": "3750", "budget": "100"}
    assert engine.score(world.card, 1).kpi("3").score == Decimal("87.50")
    assert AuditLog.objects.filter(action="result.save", actor=world.pim).count() == 2


def test_rows_the_user_did_not_touch_are_not_saved_again(world):
    results.save_result(world.pim, world.card, "1", 1, "1.2", "kept", 0)
    data = filled(world, 1, {("3", "trade_value"): 3750, ("3", "budget"): 100})
    saved = workbooks.import_results(world.oat, world.card, data)  # Oat reports KPI 3 only
    assert saved.kpis == ("3",)
    row = Result.objects.get(kpi_id="1")
    assert row.revision == 1 and row.note == "kept"


def test_a_kpi_owner_cannot_import_another_kpis_result_and_nothing_is_saved(world):
    data = filled(world, 1, {("1", excel.ACTUAL): 1.2, ("3", "trade_value"): 3750,
                             ("3", "budget"): 100})  # fmt: skip
    with pytest.raises(NotAllowed):
        workbooks.import_results(world.oat, world.card, data)
    assert not Result.objects.exists()


def test_a_closed_round_refuses_the_import(world):
    reviews.transition(world.pim, world.card, 1, "submit")
    with pytest.raises(RoundClosed):
        workbooks.import_results(world.pim, world.card, filled(world, 1, {("1", "actual"): 1.2}))
    assert not Result.objects.exists()


def test_every_bad_row_is_reported_by_sheet_row_and_column_and_nothing_is_saved(world):
    data = filled(world, 1, {("1", excel.ACTUAL): "abc", ("3", "budget"): 0,
                             ("3", "trade_value"): 10})  # fmt: skip
    with pytest.raises(workbooks.WorkbookInvalid) as caught:
        workbooks.import_results(world.pim, world.card, data)
    assert len(caught.value.problems) == 2
    assert all("บันทึกผล" in p and "column E" in p for p in caught.value.problems)
    assert not Result.objects.exists()


def test_a_refused_workbooks_problems_are_kept_in_english_and_thai(world):
    data = filled(world, 1, {("1", excel.ACTUAL): "abc", ("3", "budget"): 0,
                             ("3", "trade_value"): 10})  # fmt: skip
    with pytest.raises(workbooks.WorkbookInvalid) as caught:
        workbooks.import_results(world.pim, world.card, data)
    assert caught.value.texts("th") == (
        "ชีต 'บันทึกผล' แถว 5 คอลัมน์ E: ค่าต้องเป็นตัวเลข แต่พบ 'abc'",
        "ชีต 'บันทึกผล' แถว 8 คอลัมน์ E: ตัวชี้วัด 3: งบประมาณต้องมากกว่า 0 แต่พบ 0",
    )
    assert (
        caught.value.texts("en")
        == caught.value.problems
        == (
            "sheet 'บันทึกผล', row 5, column E: the value must be a number, got 'abc'",
            "sheet 'บันทึกผล', row 8, column E: KPI 3: budget must be more than 0, got 0",
        )
    )
    assert [(p.row, p.column) for p in caught.value.cells] == [(5, "E"), (8, "E")]


def test_junk_and_another_scorecards_workbook_are_refused(world):
    with pytest.raises(workbooks.WorkbookInvalid):
        workbooks.import_results(world.pim, world.card, b"not a workbook")
    other = report_service.xlsx(world.other, 1)
    book = openpyxl.load_workbook(io.BytesIO(other))
    book[excel.ENTRY]["B1"] = "someone-else-2567"
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(workbooks.WorkbookInvalid) as caught:
        workbooks.import_results(world.pim, world.card, buffer.getvalue())
    assert "someone-else-2567" in caught.value.problems[0]


def test_who_may_import(world):
    assert workbooks.may_import(world.pim, world.card)
    assert workbooks.may_import(world.oat, world.card)
    assert workbooks.may_import(world.ada, world.card)
    assert not workbooks.may_import(world.ekk, world.card)
    assert not workbooks.may_import(world.eve, world.card)


def test_item_levels_survive_the_round_trip_through_the_database(world):
    stored = {"pillars": {"P1": "3", "P2": "4"}}
    assert engine.to_stored(engine.to_engine(stored)) == stored
    assert engine.to_engine(stored) == {"pillars": {"P1": Decimal(3), "P2": Decimal(4)}}
    with pytest.raises(ValueError):
        engine.to_engine({"pillars": {"P1": {"deeper": "1"}}})
    with pytest.raises(ValueError):
        engine.to_engine({"pillars": {"P1": "x"}})
