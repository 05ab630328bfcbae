"""Excel export: values, live formulas, formats, LibreOffice recalculation.

Reading it back: test_excel_import.py."""

from __future__ import annotations

import io
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from tests.reports.conftest import CASES, Case, make_case
from tests.reports.entry_sheet import export
from thaikpi.engine.scoring import Status
from thaikpi.reports import excel
from thaikpi.reports.excel import ENTRY, SUMMARY


def kpi_rows(sheet: Worksheet) -> dict[str, int]:
    """Summary-sheet row of each KPI id (column A holds the id on KPI rows only)."""
    rows = {}
    for row in range(6, sheet.max_row + 1):
        value = sheet.cell(row, 1).value
        if isinstance(value, str) and sheet.cell(row, 3).value is not None:  # a unit: a KPI
            rows[value] = row
    return rows


def labelled_row(sheet: Worksheet, text: str) -> int:
    """The first summary row whose column B starts with ``text``."""
    for row in range(1, sheet.max_row + 1):
        value = sheet.cell(row, 2).value
        if isinstance(value, str) and value.startswith(text):
            return row
    raise AssertionError(f"no row starting with {text!r}")


# -- export: read back with openpyxl ----------------------------------------------------


def test_the_summary_sheet_has_thai_headers_and_comes_first(mini2: Case) -> None:
    book = openpyxl.load_workbook(io.BytesIO(export(mini2)))
    assert book.sheetnames[:2] == [SUMMARY, ENTRY]
    headers = [c.value for c in book[SUMMARY][5]]
    assert headers[:4] == ["ตัวชี้วัดที่", "ตัวชี้วัด", "หน่วยวัด", "น้ำหนัก (ร้อยละ)"]
    assert "คะแนนถ่วงน้ำหนัก" in headers
    assert "พ.ศ. 2567" in book[SUMMARY]["A2"].value
    assert book[SUMMARY]["A3"].value == "ข้อมูล ณ วันที่ 30 กันยายน 2567"


def test_each_kpi_row_holds_the_engines_numbers_as_numbers(case: Case) -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(export(case)))[SUMMARY]
    rows = kpi_rows(sheet)
    cols = excel.summary_columns(case.scorecard)
    assert set(rows) == {k.id for k in case.scorecard.kpis}
    for score in case.scored.kpis:
        row = rows[score.kpi_id]
        assert Decimal(str(sheet.cell(row, 4).value)) == score.weight
        got = sheet.cell(row, cols.score).value
        assert (got is None and score.score is None) or Decimal(str(got)) == score.score
        kpi_round = case.scorecard.kpi(score.kpi_id).round(case.scored.round)  # type: ignore[union-attr]
        if kpi_round and kpi_round.assessed:
            for col, level in zip(range(5, 5 + cols.levels), kpi_round.levels, strict=True):
                if level.value is not None:
                    assert Decimal(str(sheet.cell(row, col).value)) == level.value


def test_a_five_level_summary_has_a_column_per_level_and_divides_by_the_round_s_weights() -> None:
    case = make_case(*CASES["five-level round 2"])
    sheet = openpyxl.load_workbook(io.BytesIO(export(case)))[SUMMARY]
    headers = [c.value for c in sheet[5]]
    assert headers[4:10] == [
        "เป้าหมายระดับ 1", "เป้าหมายระดับ 2", "เป้าหมายระดับ 3", "เป้าหมายระดับ 4",
        "เป้าหมายระดับ 5", "ผลการดำเนินงาน",
    ]  # fmt: skip
    row = kpi_rows(sheet)["1"]
    # weight 22.5 × score / the weights assessed in round 2 (22.5 + 27.5 + 12.5 = 62.5)
    assert sheet.cell(row, 12).value == f"=ROUND(D{row}*K{row}/62.5,4)"
    assert labelled_row(sheet, "คะแนนรวม (ค่าเฉลี่ยถ่วงน้ำหนัก เต็ม 5)")


def test_the_entry_sheet_hints_the_judged_levels_of_the_scale() -> None:
    case = make_case(*CASES["five-level round 3"])
    hints = {r.kpi.id: r.hint for r in excel.entry_rows(case.scorecard, 3)}
    assert hints["4"] == "ระดับที่ได้: 0, 1, 2, 3, 4 หรือ 5"


def test_weighted_scores_subtotals_and_total_are_live_formulas(mini2: Case) -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(export(mini2)))[SUMMARY]
    row = kpi_rows(sheet)["2"]
    assert sheet.cell(row, 10).value == f"=ROUND(D{row}*I{row}/100,4)"
    subtotal = labelled_row(sheet, "รวม Performance")
    assert sheet.cell(subtotal, 10).value.startswith("=SUM(J")
    assert sheet.cell(subtotal, 4).value.startswith("=SUMIF(K")
    total = labelled_row(sheet, "คะแนนรวม")
    assert sheet.cell(total, 10).value.count("J") == len(mini2.scorecard.groups)


@pytest.mark.parametrize(
    ("column", "number_format"),
    [
        (4, "#,##0"),  # weight 15
        (5, "#,##0.00"),  # level, the template's 2 places
        (8, "#,##0.00"),  # actual
        (9, "#,##0.00"),  # score
        (10, "#,##0.0000"),  # weighted, the scoring policy's 4 places
    ],
)
def test_numbers_carry_the_templates_decimals_as_formats(
    mini2: Case, column: int, number_format: str
) -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(export(mini2)))[SUMMARY]
    cell = sheet.cell(kpi_rows(sheet)["1"], column)
    assert cell.number_format == number_format
    assert cell.font.name == excel.FONT_NAME


def test_a_kpi_sheet_has_its_definition_baseline_in_buddhist_years_and_provenance(
    mini2: Case,
) -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(export(mini2)))["ตัวชี้วัดที่ 2"]
    texts = [c.value for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "ข้อมูลพื้นฐานประกอบตัวชี้วัด (หน่วย: ล้านบาท)" in texts
    header = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "ปี พ.ศ.")
    assert [sheet.cell(header + i, 1).value for i in (1, 2, 3)] == [2564, 2565, 2566]
    assert any(isinstance(t, str) and t.startswith("ค่าที่ดีที่สุด") for t in texts), "provenance shown"
    assert "เกณฑ์การให้คะแนน" in texts
    assert mini2.scored.kpi("2").explanation_th in texts  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("kpi", "derivation"),
    [
        ("1", "ค่าที่วัดได้ 2.4"),
        (
            "2",
            "มูลค่าการเจรจาการค้า / งบประมาณที่ได้รับ = 205,000 / 539.5 = 379.98",
        ),
        ("4", "ผลการพิจารณาระดับ 75"),
        ("5", "ร้อยละคุณภาพ (quality_pct) = 100, ร้อยละที่ลงทะเบียน (registered_pct) = 95"),
        ("6", "นับได้ 5"),
    ],
)
def test_a_kpi_sheet_says_where_the_result_came_from_in_thai(
    mini2: Case, kpi: str, derivation: str
) -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(export(mini2)))[f"ตัวชี้วัดที่ {kpi}"]
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "ที่มาของผล")
    assert sheet.cell(row, 2).value == derivation


@pytest.mark.skipif("ditp-2567 round 1" not in CASES, reason="DITP template not shipped")
def test_an_open_level_says_in_thai_why_it_waits() -> None:
    book = openpyxl.load_workbook(io.BytesIO(export(make_case(*CASES["ditp-2567 round 1"]))))
    reason = "ยังไม่ได้กำหนดค่าพารามิเตอร์ เป้าหมายจำนวนผู้ประกอบการที่ได้รับการพัฒนาและส่งเสริม ปี 2567"
    summary = book[SUMMARY]
    row = kpi_rows(summary)["4"]
    assert summary.cell(row, 5).value == f"ยังไม่กำหนด ({reason})"
    assert summary.cell(row, 12).value == f"ยังไม่ได้กำหนดค่าเป้าหมาย ({reason})"
    levels = [c.value for r in book["ตัวชี้วัดที่ 4"].iter_rows() for c in r if c.value]
    assert sum(isinstance(t, str) and t.endswith(f"ยังไม่กำหนด: {reason}") for t in levels) == 3
    every = [c.value for sheet in book for r in sheet.iter_rows() for c in r]
    assert not any(isinstance(t, str) and "is not set yet" in t for t in every)


def test_not_assessed_kpis_say_so_and_weigh_nothing(case: Case) -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(export(case)))[SUMMARY]
    rows, cols = kpi_rows(sheet), excel.summary_columns(case.scorecard)
    for score in case.scored.kpis:
        if score.status is Status.NOT_ASSESSED:
            assert sheet.cell(rows[score.kpi_id], cols.status).value == "ไม่ประเมินในรอบนี้"
            assert sheet.cell(rows[score.kpi_id], cols.score).value is None


# -- export: recalculated by LibreOffice --------------------------------------------------


def recalculate(data: bytes, folder: Path) -> openpyxl.Workbook:
    """Let LibreOffice open, recalculate and save the workbook; read back the values."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (Debian libreoffice-calc) is not installed")
    source = folder / "in" / "book.xlsx"
    source.parent.mkdir()
    source.write_bytes(data)
    out = folder / "out"
    subprocess.run(
        [soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{folder}/profile",
         "--convert-to", "xlsx", "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return openpyxl.load_workbook(out / "book.xlsx", data_only=True)


@pytest.mark.slow
def test_libreoffice_recalculates_the_formulas_to_the_engines_numbers(
    case: Case, tmp_path: Path
) -> None:
    sheet = recalculate(export(case), tmp_path)[SUMMARY]
    rows, weighted = kpi_rows(sheet), excel.summary_columns(case.scorecard).weighted
    for score in case.scored.kpis:
        assert Decimal(str(sheet.cell(rows[score.kpi_id], weighted).value)) == score.weighted
    for group in case.scored.groups:
        name = case.scorecard.group(group.group_id).name.th  # type: ignore[union-attr]
        row = labelled_row(sheet, f"รวม {name}")
        assert Decimal(str(sheet.cell(row, weighted).value)) == group.weighted
        assert Decimal(str(sheet.cell(row, 4).value)) == group.covered_weight
    total = labelled_row(sheet, "คะแนนรวม")
    assert Decimal(str(sheet.cell(total, weighted).value)) == case.scored.total
    assert Decimal(str(sheet.cell(total, 4).value)) == case.scored.assessed_weight


def test_the_entry_sheet_hints_at_a_formula_by_its_inputs_thai_names(mini2: Case) -> None:
    line = next(r for r in excel.entry_rows(mini2.scorecard, 2) if r.kpi.id == "2")
    assert line.hint == ("กรอกผล หรือกรอกข้อมูลตั้งต้นด้านล่าง (มูลค่าการเจรจาการค้า / งบประมาณที่ได้รับ)")
