"""Reading monthly series sheets: Thai month labels by row, bad cells by row and column."""

from __future__ import annotations

from decimal import Decimal

import pytest

from thaikpi.engine.series import Month
from thaikpi.sources.monthly import read_monthly
from thaikpi.sources.surveys import SurveyError


def csv_bytes(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_each_column_is_a_series_by_month_with_thai_labels_and_thousands_separators():
    sheet = read_monthly(
        csv_bytes(
            "เดือน,export_value,budget",
            'ต.ค. 66,"21,812.5",100',
            "พฤศจิกายน 2566,20300,",
            "12/2566,19900.25,100",
        ),
        "m.csv",
    )
    assert not sheet.problems
    assert sheet.series["export_value"] == {
        Month(2566, 10): Decimal("21812.5"),
        Month(2566, 11): Decimal(20300),
        Month(2566, 12): Decimal("19900.25"),
    }
    assert Month(2566, 11) not in sheet.series["budget"]  # an empty cell: not reported


@pytest.mark.parametrize(
    ("row", "column", "says"),
    [
        ("ตุลา 66x,5", "A (month)", "cannot read 'ตุลา 66x' as a month"),
        ("ต.ค. 66,abc", "B (export_value)", "abc"),
        ("ต.ค. 66,12..5", "B (export_value)", "12..5"),
    ],
)
def test_a_bad_cell_is_named_by_row_and_column(row, column, says):
    sheet = read_monthly(csv_bytes("month,export_value", "ก.ย. 66,1", row), "m.csv")
    (problem,) = sheet.problems
    assert (problem.row, problem.column) == (3, column)
    assert says in problem.message and problem.message_th


def test_a_month_given_twice_is_refused_naming_the_first_row():
    sheet = read_monthly(csv_bytes("month,export_value", "ต.ค. 66,1", "10/2566,2"), "m.csv")
    (problem,) = sheet.problems
    assert problem.text("en") == "m.csv, row 3, column A (month): Oct 2023 is also on row 2"
    assert problem.text("th") == "m.csv, แถว 3, คอลัมน์ A (month): ต.ค. 2566 มีอยู่แล้วที่แถว 2"


@pytest.mark.parametrize("header", ["export_value,month", "month", ""])
def test_a_sheet_without_a_month_column_and_a_series_is_refused(header):
    with pytest.raises(SurveyError) as caught:
        read_monthly(csv_bytes(header, "ต.ค. 66,1"), "m.csv")
    assert "month" in str(caught.value)
