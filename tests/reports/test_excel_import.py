"""Results read back from an exported workbook, and uploads refused before openpyxl reads them:
every problem by sheet, row and column, in English and Thai."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from tests.reports.conftest import CASES, Case, make_case
from tests.reports.entry_sheet import edited, entry_row, export
from thaikpi.reports import excel_import, xlsx_checks
from thaikpi.reports.excel import ENTRY
from thaikpi.reports.xlsx_checks import WorkbookError
from thaikpi.textimport.pdf_text_repair import looks_damaged


def test_an_exported_workbook_imports_back_to_the_same_results(case: Case) -> None:
    imported = excel_import.import_results(case.scorecard, export(case), "book.xlsx")
    assert imported.round == case.scored.round
    assert {k: r.actual for k, r in imported.results.items()} == {
        k: r.actual for k, r in case.results.items()
    }
    assert {k: dict(r.inputs) for k, r in imported.results.items()} == {
        k: dict(r.inputs) for k, r in case.results.items()
    }


def test_typed_numbers_and_text_numbers_with_commas_are_accepted(mini2: Case) -> None:
    row = entry_row(mini2, "1")
    data = edited(mini2, {f"E{row}": "2.70", f"E{entry_row(mini2, '2', 'trade_value')}": "205,000"})
    imported = excel_import.import_results(mini2.scorecard, data)
    assert imported.results["1"].actual == Decimal("2.70")
    assert imported.raw["2"] == {"trade_value": Decimal(205000), "budget": Decimal("539.5")}


def test_a_blank_value_means_no_result_yet(mini2: Case) -> None:
    data = edited(mini2, {f"E{entry_row(mini2, '3')}": None})
    assert "3" not in excel_import.import_results(mini2.scorecard, data).results


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
        excel_import.import_results(mini2.scorecard, edited(mini2, edits), "division.xlsx")
    problem = caught.value.problems[0]
    ref = next(iter(edits))
    assert (problem.sheet, problem.row, problem.column) == (ENTRY, int(ref[1:]), where)
    assert words in problem.message
    assert str(caught.value).startswith(f"division.xlsx: sheet '{ENTRY}', row {ref[1:]}, column")


def test_every_bad_row_is_reported_and_nothing_is_returned(mini2: Case) -> None:
    data = edited(mini2, {f"E{entry_row(mini2, '1')}": "x", f"E{entry_row(mini2, '4')}": 60})
    with pytest.raises(WorkbookError) as caught:
        excel_import.import_results(mini2.scorecard, data)
    assert len(caught.value.problems) == 2


def test_a_workbook_without_the_entry_sheet_is_refused(mini2: Case) -> None:
    book = openpyxl.Workbook()
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(WorkbookError, match="no sheet 'บันทึกผล'"):
        excel_import.import_results(mini2.scorecard, buffer.getvalue())


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
    monkeypatch.setattr(excel_import, "load_workbook", never)
    with pytest.raises(WorkbookError, match=words):
        excel_import.import_results(mini2.scorecard, data)


def test_a_file_over_the_size_limit_is_refused(mini2: Case) -> None:
    with pytest.raises(WorkbookError, match="the limit is 1,000"):
        excel_import.import_results(mini2.scorecard, export(mini2), max_bytes=1000)


def test_a_workbook_that_unpacks_too_large_is_refused(
    mini2: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsx_checks, "MAX_UNCOMPRESSED", 10_000)
    with pytest.raises(WorkbookError, match="unpacks to"):
        excel_import.import_results(mini2.scorecard, export(mini2))


# -- import: problems in Thai ---------------------------------------------------------


THAI = [
    # (what the division sent, every problem as a Thai planning officer reads it)
    ("text in a value", lambda c: edited(c, {f"E{entry_row(c, '1')}": "สองจุดสี่"}),
     "ชีต 'บันทึกผล' แถว 5 คอลัมน์ E: ค่าต้องเป็นตัวเลข แต่พบ 'สองจุดสี่'"),
    ("an unknown KPI", lambda c: edited(c, {f"A{entry_row(c, '1')}": "99"}),
     "ชีต 'บันทึกผล' แถว 5 คอลัมน์ A: ไม่มีตัวชี้วัด '99' ในคำรับรองนี้"
     " (ตัวชี้วัดที่มี: 1, 2, 3, 4, 5, 6)"),
    ("an unknown item", lambda c: edited(c, {f"B{entry_row(c, '1')}": "growth"}),
     "ชีต 'บันทึกผล' แถว 5 คอลัมน์ B: ตัวชี้วัด 1 ไม่มีรายการ 'growth' (รายการที่มี: ผลการดำเนินงาน)"),
    ("a row given twice", lambda c: edited(c, {f"A{entry_row(c, '1') + 1}": "1",
                                                f"B{entry_row(c, '1') + 1}": None}),
     "ชีต 'บันทึกผล' แถว 6 คอลัมน์ B: ตัวชี้วัด 1 รายการ ผลการดำเนินงาน มีซ้ำกันมากกว่าหนึ่งแถว"),
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
        excel_import.import_results(mini2.scorecard, make(mini2), "division.xlsx")  # type: ignore[operator]
    assert caught.value.texts("th") == (thai,)
    assert caught.value.texts("th-TH") == (thai,)
    assert caught.value.texts("en") == tuple(str(p) for p in caught.value.problems)
    assert unicodedata.is_normalized("NFC", thai) and not looks_damaged(thai)


def test_a_file_over_the_size_limit_is_refused_in_thai_too(mini2: Case) -> None:
    data = export(mini2)
    with pytest.raises(WorkbookError) as caught:
        excel_import.import_results(mini2.scorecard, data, max_bytes=1000)
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
    problem = xlsx_checks.CellProblem("x", sheet, row, column, "ก")
    assert (str(problem), problem.text("en"), problem.text("th")) == (english, english, thai)


def test_a_cell_problem_without_thai_gives_its_english_message_at_a_thai_place() -> None:
    problem = xlsx_checks.CellProblem("the value must be a number", ENTRY, 5, "E")
    assert problem.text("th") == "ชีต 'บันทึกผล' แถว 5 คอลัมน์ E: the value must be a number"


def test_a_cell_problems_thai_is_kept_nfc_normalized_with_its_marks_in_order() -> None:
    typed = "ก\u0e48\u0e38"  # mai ek typed before sara u
    assert xlsx_checks.CellProblem("x", message_th=typed).message_th == "ก\u0e38\u0e48"


def test_a_round_the_scorecard_has_is_read_from_the_entry_sheet() -> None:
    case = make_case(*CASES["five-level round 3"])
    assert excel_import.import_results(case.scorecard, export(case), "book.xlsx").round == 3
    with pytest.raises(WorkbookError) as caught:
        excel_import.import_results(case.scorecard, edited(case, {"B2": 4}), "book.xlsx")
    assert "the round must be 1, 2 or 3, got 4" in str(caught.value)
