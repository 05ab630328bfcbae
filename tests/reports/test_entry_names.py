"""The results-entry sheet names items in Thai in column B and reads those names back."""

from __future__ import annotations

import io
from dataclasses import replace
from decimal import Decimal

import openpyxl
import pytest

from tests.reports.conftest import Case
from tests.reports.entry_sheet import edited, entry_row
from thaikpi.engine.model import Text
from thaikpi.reports import excel, excel_import
from thaikpi.reports.excel import ENTRY


def entry_sheet(case: Case) -> list[tuple[object, ...]]:
    data = excel.export_xlsx(case.scorecard, case.scored, case.results)
    sheet = openpyxl.load_workbook(io.BytesIO(data))[ENTRY]
    return [r[:4] for r in sheet.iter_rows(min_row=excel.ENTRY_FIRST_ROW, values_only=True)]


def test_column_b_names_every_item_in_thai_and_never_by_its_id(mini2: Case) -> None:
    rows = entry_sheet(mini2)
    kpi_2 = [(item, name) for kpi_id, item, name, _unit in rows if kpi_id == "2"]
    assert kpi_2 == [
        ("ผลการดำเนินงาน", mini2.scorecard.kpi("2").name.th),
        ("มูลค่าการเจรจาการค้า", mini2.scorecard.kpi("2").name.th),
        ("งบประมาณที่ได้รับ", mini2.scorecard.kpi("2").name.th),
    ]
    ids = {i.id for k in mini2.scorecard.kpis for i in k.inputs} | {excel.ACTUAL}
    assert not ids & {item for _kpi, item, _name, _unit in rows}


@pytest.mark.parametrize(
    ("budget_label", "trade_label"),
    [
        ("งบประมาณที่ได้รับ", "มูลค่าการเจรจาการค้า"),  # as exported
        ("budget", "trade_value"),  # a sheet exported before items were named in Thai
        (" งบประมาณที่ได้รับ ", "trade_value"),  # mixed, with stray spaces
    ],
)
def test_the_sheet_reads_back_by_thai_name_or_by_id(
    mini2: Case, budget_label: str, trade_label: str
) -> None:
    edits = {
        f"B{entry_row(mini2, '2', 'budget')}": budget_label,
        f"B{entry_row(mini2, '2', 'trade_value')}": trade_label,
        f"E{entry_row(mini2, '2', 'budget')}": 500,
    }
    imported = excel_import.import_results(mini2.scorecard, edited(mini2, edits))
    assert imported.raw["2"]["budget"] == Decimal(500)
    assert set(imported.raw["2"]) == {"trade_value", "budget"}


@pytest.mark.parametrize(
    ("names", "labels"),
    [
        (("มูลค่า", "งบ"), ("มูลค่า", "งบ")),
        (("มูลค่า", "มูลค่า"), ("trade_value", "budget")),  # shared: each keeps its id
        (("", "งบ"), ("trade_value", "งบ")),  # no Thai name
        (("ผลการดำเนินงาน", "งบ"), ("trade_value", "งบ")),  # the single value's own label
    ],
)
def test_an_item_without_a_thai_name_of_its_own_keeps_its_id(
    mini2: Case, names: tuple[str, str], labels: tuple[str, str]
) -> None:
    kpi = mini2.scorecard.kpi("2")
    inputs = tuple(
        replace(i, name=Text(th, i.name.en)) for i, th in zip(kpi.inputs, names, strict=True)
    )
    renamed = replace(kpi, inputs=inputs)
    assert tuple(excel.entry_label(renamed, i.id) for i in renamed.inputs) == labels
    assert [excel.entry_key(renamed, lb) for lb in labels] == [i.id for i in renamed.inputs]
