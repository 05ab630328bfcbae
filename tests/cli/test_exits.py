"""Every command stops on a problem the same way, through one helper (cli/exits.py)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from tests.reports.conftest import FIXTURES, MINI
from thaikpi.cli import catalog, exits, import_text, main, series, surveys, workbook
from thaikpi.cli import report as report_cmd
from thaikpi.cli.main import app

runner = CliRunner()
MISSING = "/nonexistent/thaikpi-sheet.csv"
RESULTS = str(FIXTURES / "mini-results-2.yaml")
NO_DIR = "/nonexistent/thaikpi-out.xlsx"


@pytest.mark.parametrize(
    ("args", "english", "thai"),
    [
        (["catalog", "ditp-2567", "--kpi", "6"], "give the agency catalog as a dump file",
         "ระบุบัญชีข้อมูลของหน่วยงานเป็นไฟล์หรือ URL"),
        (["import-text", MISSING, "--out", "draft.yaml"], f"{MISSING}: ", f"{MISSING}: "),
        (["survey-import", "ditp-2567", MISSING, "--out", "out"], MISSING, MISSING),
        (["series", "ditp-2567", MISSING], MISSING, MISSING),
        (["report", MINI, RESULTS], "say what to write: --pdf FILE",
         "ระบุสิ่งที่จะเขียน: --pdf ไฟล์ และ/หรือ --xlsx ไฟล์"),
        (["report", MINI, RESULTS, "--xlsx", "x.xlsx", "--date", "30/09/2567"],
         "--date must be YYYY-MM-DD", "--date ต้องเป็น YYYY-MM-DD (ปีคริสต์ศักราช) แต่ได้ '30/09/2567'"),
        (["report", "no-such-template", RESULTS, "--xlsx", "x.xlsx"],
         "no-such-template: error: no shipped template", "no-such-template: ไม่มีแม่แบบชื่อ"),
        (["report", MINI, RESULTS, "--xlsx", NO_DIR], f"{NO_DIR}: cannot write file",
         f"{NO_DIR}: เขียนไฟล์ไม่ได้"),
        (["template-workbook", "no-such-template", "out.xlsx"],
         "no-such-template: error: no shipped template", "no-such-template: ไม่มีแม่แบบชื่อ"),
        (["template-workbook", MINI, NO_DIR], f"{NO_DIR}: cannot write file",
         f"{NO_DIR}: เขียนไฟล์ไม่ได้"),
    ],
)  # fmt: skip
def test_a_command_stops_with_the_problem_in_english_then_thai_and_status_1(
    args: list[str], english: str, thai: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    outcome = runner.invoke(app, args)
    assert outcome.exit_code == 1, outcome.output
    first, second = outcome.stderr.splitlines()[:2]
    assert first.startswith(english) and second.startswith("    " + thai)


def test_the_commands_share_the_one_bilingual_exit_helper() -> None:
    assert catalog.fail is import_text.fail is report_cmd.fail is exits.fail
    assert surveys.fail_all is report_cmd.fail_all is exits.fail_all
    assert catalog.fail_findings is report_cmd.fail_findings is exits.fail_findings
    assert workbook.fail_findings is main.fail_findings is exits.fail_findings
    assert main.print_findings is exits.print_findings
    assert not hasattr(main, "_print_findings"), "the findings print one way on every command"
    assert report_cmd.cannot_write is workbook.cannot_write is exits.cannot_write
    modules = (catalog, import_text, surveys, series, report_cmd, workbook)
    assert not any(hasattr(m, "_fail") for m in modules)
    assert all(getattr(m, "err", exits.err) is exits.err for m in modules), "no stderr of its own"


def test_a_report_that_cannot_print_says_why_in_thai_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("THAIKPI_CHROMIUM", "/nonexistent/chromium")
    outcome = runner.invoke(app, ["report", MINI, RESULTS, "--pdf", str(tmp_path / "x.pdf")])
    assert outcome.exit_code == 1
    assert outcome.stderr.splitlines()[:2] == [
        "THAIKPI_CHROMIUM=/nonexistent/chromium is not an executable file",
        "    THAIKPI_CHROMIUM=/nonexistent/chromium ไม่ใช่ไฟล์โปรแกรมที่รันได้",
    ]


def test_a_refused_workbook_names_the_cell_in_english_then_thai(tmp_path: Path) -> None:
    book = tmp_path / "ditp.xlsx"
    assert runner.invoke(app, ["report", MINI, RESULTS, "--xlsx", str(book)]).exit_code == 0
    wb = openpyxl.load_workbook(book)
    wb["บันทึกผล"]["B1"] = "ditp-2567"
    wb.save(book)
    outcome = runner.invoke(app, ["report", MINI, str(book), "--xlsx", str(tmp_path / "x.xlsx")])
    assert outcome.exit_code == 1
    first, second = outcome.stderr.splitlines()[:2]
    assert first.startswith(f"{book}: sheet 'บันทึกผล', row 1, column B")
    assert second.startswith(f"    {book}: ชีต 'บันทึกผล' แถว 1 คอลัมน์ B")
