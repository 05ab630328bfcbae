"""Reading DGA and PMQA survey sheets: headers, cells refused by row and column, raw results."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from thaikpi.engine import loader
from thaikpi.engine.results import read_result
from thaikpi.sources import surveys
from thaikpi.sources.surveys import Survey, SurveyError

DGA_HEADER = "รหัสหน่วยงาน," + ",".join(surveys.PILLARS) + ",คะแนนรวม"
DITP = loader.load("ditp-2567")
PMQA_HEADER = "หน่วยงาน,หมวด 1,หมวด 2,หมวด 3,หมวด 4,หมวด 5,หมวด 6,หมวด 7,คะแนนรวม"


def csv_bytes(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8-sig")


def test_a_dga_sheet_gives_each_agencys_pillar_levels_and_overall_score():
    sheet = surveys.read_sheet(csv_bytes(DGA_HEADER, "DITP,3,4,3,2,5,3,1,72.76"), "dga.csv")
    assert sheet.survey is Survey.DGA and not sheet.problems
    (row,) = sheet.rows
    assert row.row == 2 and row.agency == "DITP"
    assert row.parts == tuple(Decimal(v) for v in "3432531")
    assert row.overall == Decimal("72.76")


def test_a_pmqa_sheet_is_told_by_its_category_headers():
    data = csv_bytes(PMQA_HEADER, "กรมส่งเสริมการค้าระหว่างประเทศ,480,470,475,460,490,455,500,477.89")
    sheet = surveys.read_sheet(data, "pmqa.csv")
    assert sheet.survey is Survey.PMQA
    assert sheet.rows[0].overall == Decimal("477.89")
    assert sheet.rows[0].agency == "กรมส่งเสริมการค้าระหว่างประเทศ"


@pytest.mark.parametrize(
    ("header", "survey"),
    [
        ("agency,P1,P2,P3,P4,P5,P6,P7,overall", Survey.DGA),
        ("Agency Code," + ",".join(f"Pillar {n}" for n in range(1, 8)) + ",Score", Survey.DGA),
        ("code," + ",".join(f"Category {n}" for n in range(1, 8)) + ",total", Survey.PMQA),
        ("รหัส,หมวดที่ 1,หมวดที่ 2,หมวดที่ 3,หมวดที่ 4,หมวดที่ 5,หมวดที่ 6,หมวดที่ 7,คะแนน", Survey.PMQA),
    ],
)  # fmt: skip
def test_headers_are_understood_in_their_usual_spellings(header, survey):
    sheet = surveys.read_sheet(csv_bytes(header, "DITP,3,3,3,3,3,3,3,70"))
    assert sheet.survey is survey and len(sheet.rows) == 1 and not sheet.problems


@pytest.mark.parametrize(
    ("cells", "column", "says"),
    [
        ("DITP,6,4,3,2,5,3,1,70", "B (Policies and Practices)", "must be from 1 to 5, got 6"),
        ("DITP,3,3.5,3,2,5,3,1,70", "C (Data-driven Practices)", "whole number, got 3.5"),
        ("DITP,3,4,,2,5,3,1,70", "D (Digital Capability)", "empty"),
        ("DITP,3,4,3,2,5,3,1,101", "I (คะแนนรวม)", "must be from 0 to 100, got 101"),
        ("DITP,3,4,3,abc,5,3,1,70", "E (Public Service)", "abc"),
        (",3,4,3,2,5,3,1,70", "A (รหัสหน่วยงาน)", "no agency code or name"),
    ],
)
def test_a_bad_cell_is_refused_by_its_row_and_column(cells, column, says):
    sheet = surveys.read_sheet(csv_bytes(DGA_HEADER, "DBD,3,3,3,3,3,3,3,70", cells), "dga.csv")
    (problem,) = sheet.problems
    assert (problem.file, problem.row, problem.column) == ("dga.csv", 3, column)
    assert says in problem.message and problem.message_th
    assert problem.text("th").startswith("dga.csv, แถว 3, คอลัมน์ ")


def test_a_header_without_every_column_is_refused_naming_what_is_missing():
    with pytest.raises(SurveyError) as caught:
        surveys.read_sheet(csv_bytes("agency,P1,P2,P3,overall", "DITP,3,3,3,70"), "x.csv")
    (problem,) = caught.value.problems
    assert problem.row == 1
    assert "pillar 4 (Public Service)" in problem.message
    assert "pillar 7 (Digital Technology Practices)" in problem.message


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"", "the sheet is empty"),
        (b"\xff\xfe\x00a", "not UTF-8"),
        (b"PK\x03\x04broken", "not a readable .xlsx"),
    ],
)
def test_a_file_that_is_no_sheet_is_refused_clearly(data, says):
    with pytest.raises(SurveyError) as caught:
        surveys.read_sheet(data, "bad.csv")
    assert says in str(caught.value)


def test_an_excel_sheet_is_read_like_a_csv_one():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["รหัสหน่วยงาน", *surveys.PILLARS, "คะแนนรวม"])
    sheet.append(["DITP", 3, 4, 3, 2, 5, 3, 1, 72.76])
    buffer = io.BytesIO()
    book.save(buffer)
    read = surveys.read_sheet(buffer.getvalue(), "dga.xlsx")
    assert read.rows[0].overall == Decimal("72.76") and not read.problems
    assert read.rows[0].parts[1] == Decimal(4)


def test_blank_rows_are_skipped_and_rows_keep_their_file_line():
    sheet = surveys.read_sheet(csv_bytes("", DGA_HEADER, "", "DITP,3,3,3,3,3,3,3,70"))
    assert [r.row for r in sheet.rows] == [4]


def test_a_dga_row_feeds_kpi_7_as_pillars_and_kpi_8_as_the_score_the_engine_reads():
    sc = loader.load("ditp-2567")
    sheet = surveys.read_sheet(csv_bytes(DGA_HEADER, "DITP,3,4,3,2,5,3,1,72.76"))
    raw = surveys.results_of(Survey.DGA, sheet.rows[0])
    kpi7, kpi8 = sc.kpi("7"), sc.kpi("8")
    assert kpi7 is not None and kpi8 is not None
    pillars = read_result(kpi7, 2, raw["7"])
    assert pillars.actual == Decimal(5)  # levels 3,4,3,5,3 are at 3 or above; 2 and 1 are not
    assert pillars.derivation == "5 of 7 items at level 3 or above"
    assert read_result(kpi8, 2, raw["8"]).actual == Decimal("72.76")


def test_a_pmqa_row_feeds_kpi_9_with_its_overall_score():
    row = surveys.SurveyRow(2, "DITP", (Decimal(400),) * 7, Decimal("461.45"))
    assert surveys.results_of(Survey.PMQA, row) == {"9": Decimal("461.45")}


@pytest.mark.parametrize(("index", "letter"), [(0, "A"), (8, "I"), (25, "Z"), (26, "AA")])
def test_column_letters_count_like_a_spreadsheet(index, letter):
    assert surveys.column_letter(index) == letter


@given(
    st.lists(st.integers(1, 5), min_size=7, max_size=7),
    st.decimals(0, 100, places=2, allow_nan=False, allow_infinity=False),
)
def test_any_valid_dga_row_reads_back_exactly_and_kpi_7_counts_levels_of_3_or_more(levels, score):
    line = "DITP," + ",".join(map(str, levels)) + f",{score}"
    sheet = surveys.read_sheet(csv_bytes(DGA_HEADER, line))
    assert not sheet.problems
    (row,) = sheet.rows
    assert row.parts == tuple(Decimal(v) for v in levels) and row.overall == score
    kpi7 = DITP.kpi("7")
    assert kpi7 is not None
    raw = surveys.results_of(Survey.DGA, row)["7"]
    assert read_result(kpi7, 2, raw).actual == sum(1 for v in levels if v >= 3)
