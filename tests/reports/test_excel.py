"""Excel export and import: values, live formulas, formats, LibreOffice recalculation, errors."""

from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from tests.reports.conftest import CASES, EXPORTED, Case, make_case
from thaikpi.engine.scoring import Status
from thaikpi.reports import excel
from thaikpi.reports.excel import ENTRY, SUMMARY, WorkbookError
from thaikpi.textimport.pdf_text_repair import looks_damaged


def export(case: Case) -> bytes:
    """The case exported as .xlsx bytes."""
    return excel.export_xlsx(case.scorecard, case.scored, case.results, EXPORTED)


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


def test_a_round_the_scorecard_has_is_read_from_the_entry_sheet() -> None:
    case = make_case(*CASES["five-level round 3"])
    assert excel.import_results(case.scorecard, export(case), "book.xlsx").round == 3
    with pytest.raises(WorkbookError) as caught:
        excel.import_results(case.scorecard, edited(case, {"B2": 4}), "book.xlsx")
    assert "the round must be 1, 2 or 3, got 4" in str(caught.value)


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


# -- import ---------------------------------------------------------------------------


def test_an_exported_workbook_imports_back_to_the_same_results(case: Case) -> None:
    imported = excel.import_results(case.scorecard, export(case), "book.xlsx")
    assert imported.round == case.scored.round
    assert {k: r.actual for k, r in imported.results.items()} == {
        k: r.actual for k, r in case.results.items()
    }
    assert {k: dict(r.inputs) for k, r in imported.results.items()} == {
        k: dict(r.inputs) for k, r in case.results.items()
    }


def edited(case: Case, edits: dict[str, object], sheet: str = ENTRY) -> bytes:
    """The exported workbook with some cells changed, as a division would type them."""
    book = openpyxl.load_workbook(io.BytesIO(export(case)))
    for ref, value in edits.items():
        book[sheet][ref] = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def entry_row(case: Case, kpi_id: str, key: str = excel.ACTUAL) -> int:
    """Row of a KPI's item on the entry sheet."""
    lines = excel.entry_rows(case.scorecard, case.scored.round)
    index = next(i for i, line in enumerate(lines) if line.kpi.id == kpi_id and line.key == key)
    return excel.ENTRY_FIRST_ROW + index


def test_typed_numbers_and_text_numbers_with_commas_are_accepted(mini2: Case) -> None:
    row = entry_row(mini2, "1")
    data = edited(mini2, {f"E{row}": "2.70", f"E{entry_row(mini2, '2', 'trade_value')}": "205,000"})
    imported = excel.import_results(mini2.scorecard, data)
    assert imported.results["1"].actual == Decimal("2.70")
    assert imported.raw["2"] == {"trade_value": Decimal(205000), "budget": Decimal("539.5")}


def test_a_blank_value_means_no_result_yet(mini2: Case) -> None:
    data = edited(mini2, {f"E{entry_row(mini2, '3')}": None})
    assert "3" not in excel.import_results(mini2.scorecard, data).results


ERRORS = [
    # (what the division typed, where the error must point, words of the message)
    ("text in a value", lambda c: {f"E{entry_row(c, '1')}": "สองจุดสี่"}, "E", "must be a number"),
    ("an unknown KPI", lambda c: {f"A{entry_row(c, '1')}": "99"}, "A", "unknown KPI"),
    ("an unknown item", lambda c: {f"B{entry_row(c, '1')}": "growth"}, "B", "no item"),
    ("a judged level off the scale", lambda c: {f"E{entry_row(c, '4')}": 60}, "E", "0, 50, 75"),
    ("a zero budget", lambda c: {f"E{entry_row(c, '2', 'budget')}": 0}, "E", "budget"),
    ("a negative budget", lambda c: {f"E{entry_row(c, '2', 'budget')}": -5}, "E", "budget"),
    ("a quality over 100", lambda c: {f"E{entry_row(c, '5', 'quality_pct')}": 101}, "E", "at most"),
    ("a fractional count", lambda c: {f"E{entry_row(c, '6')}": 4.5}, "E", "whole number"),
    ("both a result and inputs", lambda c: {f"E{entry_row(c, '2')}": 380}, "E", "not both"),
    ("round 3", lambda c: {"B2": 3}, "B", "round must be 1 or 2"),
    ("another scorecard", lambda c: {"B1": "ditp-2566"}, "B", "not 'mini-2567'"),
]


@pytest.mark.parametrize(("typed", "where", "words"), [e[1:] for e in ERRORS],
                         ids=[e[0] for e in ERRORS])  # fmt: skip
def test_a_bad_row_is_refused_naming_sheet_row_and_column(
    mini2: Case, typed: object, where: str, words: str
) -> None:
    edits = typed(mini2)  # type: ignore[operator]
    with pytest.raises(WorkbookError) as caught:
        excel.import_results(mini2.scorecard, edited(mini2, edits), "division.xlsx")
    problem = caught.value.problems[0]
    ref = next(iter(edits))
    assert (problem.sheet, problem.row, problem.column) == (ENTRY, int(ref[1:]), where)
    assert words in problem.message
    assert str(caught.value).startswith(f"division.xlsx: sheet '{ENTRY}', row {ref[1:]}, column")


def test_every_bad_row_is_reported_and_nothing_is_returned(mini2: Case) -> None:
    data = edited(mini2, {f"E{entry_row(mini2, '1')}": "x", f"E{entry_row(mini2, '4')}": 60})
    with pytest.raises(WorkbookError) as caught:
        excel.import_results(mini2.scorecard, data)
    assert len(caught.value.problems) == 2


def test_a_workbook_without_the_entry_sheet_is_refused(mini2: Case) -> None:
    book = openpyxl.Workbook()
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(WorkbookError, match="no sheet 'บันทึกผล'"):
        excel.import_results(mini2.scorecard, buffer.getvalue())


# -- import: hostile files ------------------------------------------------------------


def zipped(parts: dict[str, bytes]) -> bytes:
    """A zip archive of these parts, deflated."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in parts.items():
            archive.writestr(name, body)
    return buffer.getvalue()


def with_part(data: bytes, name: str, body: bytes) -> bytes:
    """An .xlsx with one part replaced."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {i.filename: archive.read(i) for i in archive.infolist()}
    parts[name] = body
    return zipped(parts)


LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol2;</t></si></sst>
"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&xxe;</t></si></sst>
"""

HOSTILE = [
    ("not a zip", lambda d: b"%PDF-1.7 not a workbook", "not an Excel .xlsx"),
    ("a damaged zip", lambda d: d[:200], "damaged"),
    ("a zip bomb", lambda d: zipped({"xl/bomb.bin": b"\0" * 5_000_000}), "zip bomb"),
    ("too many parts", lambda d: zipped({f"p{i}": b"" for i in range(600)}), "parts"),
    ("entity expansion", lambda d: with_part(d, "xl/sharedStrings.xml", LAUGHS), "DTD"),
    ("an external entity", lambda d: with_part(d, "xl/sharedStrings.xml", EXTERNAL), "DTD"),
    ("broken XML", lambda d: with_part(d, "xl/workbook.xml", b"<workbook"), "not well-formed"),
]


@pytest.mark.parametrize(("make", "words"), [h[1:] for h in HOSTILE], ids=[h[0] for h in HOSTILE])
def test_a_hostile_file_is_refused_before_openpyxl_reads_it(
    mini2: Case, monkeypatch: pytest.MonkeyPatch, make: object, words: str
) -> None:
    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("openpyxl must not read a refused file")

    data = make(export(mini2))  # type: ignore[operator]
    monkeypatch.setattr(excel, "load_workbook", never)
    with pytest.raises(WorkbookError, match=words):
        excel.import_results(mini2.scorecard, data)


def test_a_file_over_the_size_limit_is_refused(mini2: Case) -> None:
    with pytest.raises(WorkbookError, match="the limit is 1,000"):
        excel.import_results(mini2.scorecard, export(mini2), max_bytes=1000)


def test_a_workbook_that_unpacks_too_large_is_refused(
    mini2: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(excel, "MAX_UNCOMPRESSED", 10_000)
    with pytest.raises(WorkbookError, match="unpacks to"):
        excel.import_results(mini2.scorecard, export(mini2))


# -- import: problems in Thai ---------------------------------------------------------


THAI = [
    # (what the division sent, every problem as a Thai planning officer reads it)
    ("text in a value", lambda c: edited(c, {f"E{entry_row(c, '1')}": "สองจุดสี่"}),
     "ชีต 'บันทึกผล' แถว 5 คอลัมน์ E: ค่าต้องเป็นตัวเลข แต่พบ 'สองจุดสี่'"),
    ("an unknown KPI", lambda c: edited(c, {f"A{entry_row(c, '1')}": "99"}),
     "ชีต 'บันทึกผล' แถว 5 คอลัมน์ A: ไม่มีตัวชี้วัด '99' ในคำรับรองนี้"
     " (ตัวชี้วัดที่มี: 1, 2, 3, 4, 5, 6)"),
    ("an unknown item", lambda c: edited(c, {f"B{entry_row(c, '1')}": "growth"}),
     "ชีต 'บันทึกผล' แถว 5 คอลัมน์ B: ตัวชี้วัด 1 ไม่มีรายการ 'growth' (รายการที่มี: actual)"),
    ("a row given twice", lambda c: edited(c, {f"A{entry_row(c, '1') + 1}": "1",
                                                f"B{entry_row(c, '1') + 1}": None}),
     "ชีต 'บันทึกผล' แถว 6 คอลัมน์ B: ตัวชี้วัด 1 รายการ actual มีซ้ำกันมากกว่าหนึ่งแถว"),
    ("a judged level off the scale", lambda c: edited(c, {f"E{entry_row(c, '4')}": 60}),
     "ชีต 'บันทึกผล' แถว 10 คอลัมน์ E: ตัวชี้วัด 4: ระดับที่ได้จากการพิจารณาต้องเป็น 0, 50, 75"
     " หรือ 100 แต่พบ 60"),
    ("a zero budget", lambda c: edited(c, {f"E{entry_row(c, '2', 'budget')}": 0}),
     "ชีต 'บันทึกผล' แถว 8 คอลัมน์ E: ตัวชี้วัด 2: งบประมาณที่ได้รับต้องมากกว่า 0 แต่พบ 0"),
    ("both a result and inputs", lambda c: edited(c, {f"E{entry_row(c, '2')}": 380}),
     "ชีต 'บันทึกผล' แถว 6 คอลัมน์ E: ตัวชี้วัด 2: กรอกผลการดำเนินงานหรือข้อมูลที่ใช้คำนวณ"
     "อย่างใดอย่างหนึ่ง ไม่ใช่ทั้งสองอย่าง"),
    ("round 3", lambda c: edited(c, {"B2": 3}),
     "ชีต 'บันทึกผล' แถว 2 คอลัมน์ B: รอบการประเมินต้องเป็น 1 หรือ 2 แต่พบ 3"),
    ("another scorecard", lambda c: edited(c, {"B1": "ditp-2566"}),
     "ชีต 'บันทึกผล' แถว 1 คอลัมน์ B: ไฟล์ Excel นี้เป็นของคำรับรอง 'ditp-2566' ไม่ใช่ 'mini-2567'"),
    ("not a zip", lambda c: b"%PDF-1.7 not a workbook",
     "ไม่ใช่ไฟล์ Excel แบบ .xlsx (ไฟล์ไม่ได้อยู่ในรูปแบบ zip)"),
    ("a damaged zip", lambda c: export(c)[:200], "ไฟล์ .xlsx เสียหาย (โครงสร้างไฟล์ zip ไม่ถูกต้อง)"),
    ("too many parts", lambda c: zipped({f"p{i}": b"" for i in range(600)}),
     "ไฟล์มีส่วนประกอบ 600 ส่วน ซึ่งมากกว่าไฟล์รายงาน .xlsx ปกติมาก"),
    ("an external entity", lambda c: with_part(export(c), "xl/sharedStrings.xml", EXTERNAL),
     "ส่วน xl/sharedStrings.xml ประกาศ DTD หรือ XML entity ซึ่งไม่อนุญาตให้ใช้"),
    ("broken XML", lambda c: with_part(export(c), "xl/workbook.xml", b"<workbook"),
     "ส่วน xl/workbook.xml มีรูปแบบ XML ไม่ถูกต้อง"),
]  # fmt: skip


@pytest.mark.parametrize(("make", "thai"), [t[1:] for t in THAI], ids=[t[0] for t in THAI])
def test_every_problem_is_also_said_in_thai_with_where_it_is(
    mini2: Case, make: object, thai: str
) -> None:
    with pytest.raises(WorkbookError) as caught:
        excel.import_results(mini2.scorecard, make(mini2), "division.xlsx")  # type: ignore[operator]
    assert caught.value.texts("th") == (thai,)
    assert caught.value.texts("th-TH") == (thai,)
    assert caught.value.texts("en") == tuple(str(p) for p in caught.value.problems)
    assert unicodedata.is_normalized("NFC", thai) and not looks_damaged(thai)


def test_a_file_over_the_size_limit_is_refused_in_thai_too(mini2: Case) -> None:
    data = export(mini2)
    with pytest.raises(WorkbookError) as caught:
        excel.import_results(mini2.scorecard, data, max_bytes=1000)
    assert caught.value.texts("th") == (f"ไฟล์มีขนาด {len(data):,} ไบต์ เกินขนาดที่รับได้ 1,000 ไบต์",)
    assert str(caught.value) == f"the file is {len(data):,} bytes; the limit is 1,000"


LOCATIONS = [
    # (sheet, row, column, English, Thai)
    (ENTRY, 12, "E", "sheet 'บันทึกผล', row 12, column E: x", "ชีต 'บันทึกผล' แถว 12 คอลัมน์ E: ก"),
    (ENTRY, None, "", "sheet 'บันทึกผล': x", "ชีต 'บันทึกผล': ก"),
    ("", 3, "", "row 3: x", "แถว 3: ก"),
    ("", None, "", "x", "ก"),
]  # fmt: skip


@pytest.mark.parametrize(("sheet", "row", "column", "english", "thai"), LOCATIONS)
def test_a_cell_problem_says_where_it_is_in_either_language(
    sheet: str, row: int | None, column: str, english: str, thai: str
) -> None:
    problem = excel.CellProblem("x", sheet, row, column, "ก")
    assert (str(problem), problem.text("en"), problem.text("th")) == (english, english, thai)


def test_a_cell_problem_without_thai_gives_its_english_message_at_a_thai_place() -> None:
    problem = excel.CellProblem("the value must be a number", ENTRY, 5, "E")
    assert problem.text("th") == "ชีต 'บันทึกผล' แถว 5 คอลัมน์ E: the value must be a number"


def test_a_cell_problems_thai_is_kept_nfc_normalized_with_its_marks_in_order() -> None:
    typed = "ก\u0e48\u0e38"  # mai ek typed before sara u
    assert excel.CellProblem("x", message_th=typed).message_th == "ก\u0e38\u0e48"


def test_the_entry_sheet_hints_at_a_formula_by_its_inputs_thai_names(mini2: Case) -> None:
    line = next(r for r in excel.entry_rows(mini2.scorecard, 2) if r.kpi.id == "2")
    assert line.hint == ("กรอกผล หรือกรอกข้อมูลตั้งต้นด้านล่าง (มูลค่าการเจรจาการค้า / งบประมาณที่ได้รับ)")
