"""A template as a workbook: written like the paper form, read back to the very same template."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner

from thaikpi.cli.main import app
from thaikpi.engine import loader, yamlio
from thaikpi.engine import schema as s
from thaikpi.engine.findings import EngineError
from thaikpi.reports import template_layout as lay
from thaikpi.reports import template_workbook_read as read
from thaikpi.reports.template_workbook import template_workbook
from thaikpi.services import scorecards as svc

runner = CliRunner()
TESTS = Path(__file__).parent.parent


def _template_files() -> list[str]:
    """Every shipped template and every test fixture that is a template."""
    fixtures = sorted(
        str(p.relative_to(TESTS))
        for p in TESTS.glob("*/fixtures/*.yaml")
        if "format: thaikpi/scorecard-v1" in p.read_text(encoding="utf-8")
    )
    return loader.template_names() + fixtures


def _text(name: str) -> str:
    if name in loader.template_names():
        return loader.template_text(name)
    return (TESTS / name).read_text(encoding="utf-8")


def _spec(text: str) -> str:
    """The whole template as the format holds it, figures with their places (as JSON)."""
    return s.ScorecardSpec.model_validate(yamlio.parse(text)[0]).model_dump_json()


def _reread(data: bytes) -> str:
    scorecard, findings, text = read.check_bytes(data, "book.xlsx")
    assert scorecard is not None, [str(f) for f in findings]
    return text


@pytest.fixture(scope="module")
def ditp_book() -> bytes:
    return template_workbook(loader.template_text("ditp-2567"))


def _book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _saved(book: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _row_of(sheet: Worksheet, col: int, value: object, after: int = 1) -> int:
    for row in range(after, sheet.max_row + 1):
        if sheet.cell(row, col).value == value:
            return row
    raise AssertionError(f"{value!r} not in column {col} of {sheet.title}")


def _kpi_row(book: openpyxl.Workbook, kpi_id: str) -> int:
    sheet = book[lay.SUMMARY]
    return _row_of(sheet, 1, kpi_id, _row_of(sheet, 1, lay.KPIS.title))


# -- round trip -------------------------------------------------------------------------


@pytest.mark.parametrize("name", _template_files())
def test_every_template_reads_back_from_its_workbook_exactly(name: str) -> None:
    text = _text(name)
    assert _spec(_reread(template_workbook(text))) == _spec(text)


def test_show_json_of_the_workbook_equals_show_json_of_the_shipped_template(
    tmp_path: Path,
) -> None:
    out = tmp_path / "ditp.xlsx"
    written = runner.invoke(app, ["template-workbook", "ditp-2567", str(out)])
    assert written.exit_code == 0, written.output
    shipped = runner.invoke(app, ["show", "ditp-2567", "--json"])
    from_book = runner.invoke(app, ["show", str(out), "--json"])
    assert from_book.exit_code == 0, from_book.output
    assert from_book.stdout == shipped.stdout
    assert '"324.20"' in from_book.stdout  # a stated figure keeps its trailing zero


def test_validate_and_audit_take_the_workbook_like_a_yaml_file(tmp_path: Path) -> None:
    out = tmp_path / "ditp.xlsx"
    out.write_bytes(svc.template_workbook("ditp-2567"))
    checked = runner.invoke(app, ["validate", str(out)])
    assert checked.exit_code == 0, checked.output
    assert "OK ditp-2567 v1: 9 KPIs, weights 100" in checked.stdout
    audited = runner.invoke(app, ["audit", str(out), "--json"])
    shipped = runner.invoke(app, ["audit", "ditp-2567", "--json"])
    # The same findings; their "line" is a line of the template text, which differs.
    assert _without_lines(json.loads(audited.stdout)) == _without_lines(json.loads(shipped.stdout))


def _without_lines(data: object) -> object:
    if isinstance(data, dict):
        return {k: _without_lines(v) for k, v in data.items() if k != "line"}
    if isinstance(data, list):
        return [_without_lines(v) for v in data]
    return data


def test_a_workbook_without_its_suffix_is_known_by_its_zip_signature(tmp_path: Path) -> None:
    out = tmp_path / "ditp-draft"
    out.write_bytes(svc.template_workbook("ditp-2567"))
    assert svc.load_scorecard(str(out)).id == "ditp-2567"


# -- edited by a planner ---------------------------------------------------------------


def test_an_edited_weight_level_and_baseline_year_read_back_with_the_change(
    ditp_book: bytes,
) -> None:
    book = _book(ditp_book)
    summary = book[lay.SUMMARY]
    summary.cell(_kpi_row(book, "1"), 5).value = "10"  # KPI 1: 15 -> 10
    summary.cell(_kpi_row(book, "3"), 5).value = "25"  # KPI 3: 20 -> 25 (sum stays 70)
    kpi2 = book["ตัวชี้วัดที่ 2"]
    levels = _row_of(kpi2, 1, lay.levels_section("2").title) + 1
    row = _row_of(kpi2, 1, 100, levels)
    kpi2.cell(row, 2).value = "450.00"
    kpi2.cell(row, 3).value = lay.CHOICES["use"]["stated"]
    table = _row_of(kpi2, 1, lay.ROWS_TITLE) + 1
    last = _row_of(kpi2, 1, 2566, table)
    kpi2.cell(last + 1, 1).value = 2567
    kpi2.cell(last + 1, 2).value = "550.10"

    sc = loader.load_text(_reread(_saved(book)))

    assert [k.weight for k in sc.kpis[:3]] == [Decimal(10), Decimal(25), Decimal(25)]
    level = sc.kpi("2").rounds[2].levels[2]  # type: ignore[union-attr]
    assert (level.score, str(level.value)) == (100, "450.00")
    rows = sc.kpi("2").baseline.rows  # type: ignore[union-attr]
    assert (rows[-1].year, str(rows[-1].values["budget"])) == (2567, "550.10")


def test_a_figure_typed_as_a_number_keeps_the_places_its_cell_shows(ditp_book: bytes) -> None:
    book = _book(ditp_book)
    summary = book[lay.SUMMARY]
    cell = summary.cell(_kpi_row(book, "2"), 5)
    cell.value = 25.5
    cell.number_format = "0.00"
    summary.cell(_kpi_row(book, "3"), 5).value = 19.5
    kpi2 = book["ตัวชี้วัดที่ 2"]
    levels = _row_of(kpi2, 1, lay.levels_section("2").title) + 1
    level = kpi2.cell(_row_of(kpi2, 1, 50, levels), 2)
    level.value, level.number_format = 203.145, "0.00"  # more places than shown: never rounded
    text = read.check_bytes(_saved(book), "book.xlsx")[2]
    assert "weight: 25.50\n" in text
    assert "weight: 19.5\n" in text
    assert "stated: 203.145\n" in text


def test_rules_are_written_in_thai_words_with_a_drop_down(ditp_book: bytes) -> None:
    book = _book(ditp_book)
    kpi2 = book["ตัวชี้วัดที่ 2"]
    header = _row_of(kpi2, 1, lay.levels_section("2").title) + 1
    rule_col = 1 + [c.value for c in kpi2[header]].index("วิธีกำหนดเป้าหมาย (Rule)")
    kinds = [kpi2.cell(header + i, rule_col).value for i in (1, 2, 3)]
    assert kinds == [
        "สถิติข้อมูลพื้นฐาน (baseline)",
        "สถิติข้อมูลพื้นฐาน (baseline)",
        "ค่าดีสุดบวกช่วงห่าง (best_plus_interval)",
    ]
    letter = openpyxl.utils.get_column_letter(rule_col)
    checks = [v for v in kpi2.data_validations.dataValidation if letter in str(v.sqref)]
    assert checks and checks[0].type == "list"
    assert lay.LISTS in checks[0].formula1
    assert book[lay.LISTS].sheet_state == "hidden"


def test_a_rule_chosen_by_its_thai_words_alone_is_read(ditp_book: bytes) -> None:
    assert lay.code_of("rule", "ร้อยละของเป้าหมายอื่น") == "percent_of_level"
    assert lay.code_of("rule", "fixed") == "fixed"
    assert lay.code_of("rule", "something else") == "something else"


# -- errors name sheet, cell, KPI and problem ---------------------------------------------


def test_a_bad_figure_is_reported_at_its_cell_with_its_kpi_in_thai_and_english(
    ditp_book: bytes,
) -> None:
    book = _book(ditp_book)
    row = _kpi_row(book, "3")
    book[lay.SUMMARY].cell(row, 5).value = "ยี่สิบ"
    scorecard, findings, _text = read.check_bytes(_saved(book), "book.xlsx")
    assert scorecard is None
    assert [(f.field, f.kpi) for f in findings] == [(f"'สรุป (Summary)'!E{row}", "3")]
    assert "expected a number" in findings[0].message
    assert "ต้องเป็นตัวเลข" in findings[0].message_th


def test_a_level_out_of_order_is_reported_on_the_kpi_sheet(ditp_book: bytes) -> None:
    book = _book(ditp_book)
    kpi2 = book["ตัวชี้วัดที่ 2"]
    levels = _row_of(kpi2, 1, lay.levels_section("2").title) + 1
    row = _row_of(kpi2, 1, 100, levels)
    kpi2.cell(row, 2).value = "1.00"
    kpi2.cell(row, 3).value = lay.CHOICES["use"]["stated"]
    scorecard, findings, _text = read.check_bytes(_saved(book), "book.xlsx")
    assert scorecard is None
    assert findings and all(f.kpi == "2" for f in findings)
    assert all(f.field.startswith("'ตัวชี้วัดที่ 2'!") for f in findings)


@pytest.mark.parametrize(
    ("change", "where", "en", "th"),
    [
        ("header", "'ตัวชี้วัดที่ 1'!", "unknown label", "ไม่รู้จักหัวข้อ"),
        ("sheet", "'สรุป (Summary)'!A", "has no sheet", "ไม่มีชีต"),
        ("condition", "'ตัวชี้วัดที่ 6'!", "a condition is written", "เงื่อนไขต้องเขียน"),
    ],
)
def test_layout_problems_name_their_cell(
    ditp_book: bytes, change: str, where: str, en: str, th: str
) -> None:
    book = _book(ditp_book)
    if change == "header":
        sheet = book["ตัวชี้วัดที่ 1"]
        sheet.cell(_row_of(sheet, 1, lay.INPUTS.title) + 1, 2).value = "ชื่อที่แก้ (Renamed)"
    elif change == "sheet":
        del book["ตัวชี้วัดที่ 4"]
    else:
        sheet = book["ตัวชี้วัดที่ 6"]
        col = 1 + [f.label for f in lay.LEVEL_FIELDS].index("เงื่อนไขของระดับ (Level conditions)")
        header = _row_of(sheet, 1, lay.levels_section("2").title) + 1
        sheet.cell(header + 1, col).value = "quality_pct about 90"
    scorecard, findings, _text = read.check_bytes(_saved(book), "book.xlsx")
    assert scorecard is None
    assert findings[0].field.startswith(where)
    assert en in findings[0].message
    assert th in findings[0].message_th


@pytest.mark.parametrize(
    ("data", "en"),
    [
        (b"format: thaikpi/scorecard-v1\n", "not an Excel .xlsx file"),
        (b"PK\x03\x04 not really a zip", "damaged"),
    ],
)
def test_what_is_not_a_workbook_is_refused_with_a_message(data: bytes, en: str) -> None:
    scorecard, findings, text = read.check_bytes(data, "x.xlsx")
    assert (scorecard, text) == (None, "")
    assert en in findings[0].message and findings[0].message_th


def test_a_workbook_of_another_kind_is_refused_by_name() -> None:
    book = openpyxl.Workbook()
    _scorecard, findings, _text = read.check_bytes(_saved(book), "results.xlsx")
    assert "not a ThaiKPI template workbook" in findings[0].message
    assert "ไม่ใช่ไฟล์ Excel แม่แบบตัวชี้วัด" in findings[0].message_th


def test_the_cli_prints_the_cell_and_exits_1(tmp_path: Path, ditp_book: bytes) -> None:
    book = _book(ditp_book)
    book[lay.SUMMARY].cell(_kpi_row(book, "3"), 5).value = "abc"
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(_saved(book))
    outcome = runner.invoke(app, ["validate", str(bad), "--json"])
    assert outcome.exit_code == 1
    (finding,) = json.loads(outcome.stdout)["findings"]
    assert (finding["kpi"], finding["field"][:16]) == ("3", "'สรุป (Summary)'")
    assert runner.invoke(app, ["show", str(bad)]).exit_code == 1


def test_load_path_raises_every_error_as_findings(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    path.write_bytes(_saved(openpyxl.Workbook()))
    with pytest.raises(EngineError) as caught:
        read.load_path(path)
    assert caught.value.findings[0].file == str(path)


# -- texts stay texts ------------------------------------------------------------------


def test_a_kpi_name_that_looks_like_a_formula_is_written_and_read_as_text() -> None:
    hostile = '=HYPERLINK("http://evil.example","x")'
    template, _lines = yamlio.parse(loader.template_text("ditp-2567"))
    template["kpis"][0]["name"]["th"] = hostile  # type: ignore[index]
    data = template_workbook(read.emit(template)[0])
    cell = _book(data)["ตัวชี้วัดที่ 1"]["B4"]
    assert (cell.value, cell.data_type) == (hostile, "s")
    assert loader.load_text(_reread(data)).kpi("1").name.th == hostile  # type: ignore[union-attr]


# -- a valid file for office software ----------------------------------------------------


@pytest.mark.slow
def test_libreoffice_opens_the_workbook_and_its_copy_reads_back_the_same(
    tmp_path: Path, ditp_book: bytes
) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (Debian libreoffice-calc) is not installed")
    source = tmp_path / "in" / "book.xlsx"
    source.parent.mkdir()
    source.write_bytes(ditp_book)
    profile = f"-env:UserInstallation=file://{tmp_path}/profile"
    for target in ("csv:Text - txt - csv (StarCalc):44,34,76", "xlsx"):  # 76: UTF-8
        subprocess.run(
            [soffice, "--headless", "--norestore", profile, "--convert-to", target,
             "--outdir", str(tmp_path / "out"), str(source)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
    csv = (tmp_path / "out" / "book.csv").read_text(encoding="utf-8", errors="replace")
    assert "ditp-2567" in csv and "กรมส่งเสริมการค้าระหว่างประเทศ" in csv
    resaved = (tmp_path / "out" / "book.xlsx").read_bytes()
    assert _spec(_reread(resaved)) == _spec(loader.template_text("ditp-2567"))


def test_a_kpi_added_by_copying_a_sheet_and_a_summary_row_is_read(ditp_book: bytes) -> None:
    book = _book(ditp_book)
    summary = book[lay.SUMMARY]
    row = _kpi_row(book, "9")
    summary.cell(row, 5).value = "5"
    summary.insert_rows(row + 1)  # a new row under KPI 9 in the KPI table
    for col, value in enumerate(("10", "ตัวชี้วัดที่ 10", "potential", "joint", "5"), start=1):
        summary.cell(row + 1, col).value = value
    copy = book.copy_worksheet(book["ตัวชี้วัดที่ 9"])
    copy.title = "ตัวชี้วัดที่ 10"

    sc = loader.load_text(_reread(_saved(book)))

    assert [k.id for k in sc.kpis][-2:] == ["9", "10"]
    assert (sc.kpi("10").weight, sc.kpi("10").name) == (5, sc.kpi("9").name)  # type: ignore[union-attr]


def test_weights_that_do_not_add_up_point_at_the_weight_cell(ditp_book: bytes) -> None:
    book = _book(ditp_book)
    row = _kpi_row(book, "2")
    book[lay.SUMMARY].cell(row, 5).value = "26"
    scorecard, findings, _text = read.check_bytes(_saved(book), "book.xlsx")
    assert scorecard is None
    summary = book[lay.SUMMARY]
    group = _row_of(summary, 1, "performance", _row_of(summary, 1, lay.GROUPS.title))
    heading = _row_of(summary, 1, lay.KPIS.title)
    assert [f.field for f in findings] == [
        f"'สรุป (Summary)'!D{group}",  # the group's weight: its KPIs add up to 71
        f"'สรุป (Summary)'!A{heading}",  # the KPI table: all KPIs add up to 101
    ]
    assert all(f.message_th for f in findings)


def test_a_kpis_joint_code_reads_back_from_its_workbook() -> None:
    kpi_1 = '  - id: "1"\n    group: performance\n'
    text = loader.template_text("ditp-2567").replace(
        kpi_1, '  - id: "1"\n    joint: moc-export-growth\n    group: performance\n', 1
    )
    back = _reread(template_workbook(text))
    assert _spec(back) == _spec(text)
    assert loader.load_text(back, "book.yaml").kpi("1").joint == "moc-export-growth"
