"""``thaikpi report``: writes the workbook and the PDF, and refuses bad input with exit code 1."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from tests.reports.conftest import FIXTURES, MINI
from thaikpi.cli.main import app

runner = CliRunner()
RESULTS = str(FIXTURES / "mini-results-2.yaml")


def run(*args: str) -> tuple[int, str]:
    """Run the CLI; (exit code, stdout and stderr)."""
    done = runner.invoke(app, ["report", *args])
    return done.exit_code, done.output


def test_it_writes_the_workbook_and_prints_the_total(tmp_path: Path) -> None:
    code, output = run(MINI, RESULTS, "--xlsx", str(tmp_path / "out.xlsx"), "--date", "2024-09-30")
    assert code == 0, output
    assert "คะแนนรวม 77.8800" in output
    book = openpyxl.load_workbook(tmp_path / "out.xlsx")
    assert book["สรุปผล"]["A3"].value == "ข้อมูล ณ วันที่ 30 กันยายน 2567"


def test_a_filled_in_workbook_is_accepted_as_the_results(tmp_path: Path) -> None:
    book = tmp_path / "division.xlsx"
    assert run(MINI, RESULTS, "--xlsx", str(book))[0] == 0
    code, output = run(MINI, str(book), "--xlsx", str(tmp_path / "again.xlsx"))
    assert code == 0, output
    assert "คะแนนรวม 77.8800" in output


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed")
def test_it_writes_the_pdf(tmp_path: Path) -> None:
    code, output = run(MINI, RESULTS, "--pdf", str(tmp_path / "out.pdf"))
    assert code == 0, output
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((MINI, RESULTS), "--pdf FILE and/or --xlsx FILE"),
        ((MINI, RESULTS, "--xlsx", "x.xlsx", "--date", "30/09/2567"), "YYYY-MM-DD"),
        (("no-such-template", RESULTS, "--xlsx", "x.xlsx"), "no-such-template"),
        ((MINI, str(FIXTURES / "missing.yaml"), "--xlsx", "x.xlsx"), "cannot read file"),
        ((MINI, str(FIXTURES / "mini-2567.yaml"), "--xlsx", "x.xlsx"), "round"),
        ((MINI, RESULTS, "--xlsx", "/nonexistent/dir/x.xlsx"), "cannot write"),
    ],
    ids=["nothing to write", "a Thai-style date", "an unknown template", "a missing results file",
         "a template given as results", "an unwritable output"],
)  # fmt: skip
def test_bad_input_is_one_clear_message_and_exit_code_1(
    args: tuple[str, ...], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, output = run(*args)
    assert code == 1
    assert message in output
    assert "Traceback" not in output


def test_a_workbook_for_another_scorecard_names_the_cell(tmp_path: Path) -> None:
    book = tmp_path / "ditp.xlsx"
    assert run(MINI, RESULTS, "--xlsx", str(book))[0] == 0
    wb = openpyxl.load_workbook(book)
    wb["บันทึกผล"]["B1"] = "ditp-2567"
    wb.save(book)
    code, output = run(MINI, str(book), "--xlsx", str(tmp_path / "x.xlsx"))
    assert code == 1
    assert "sheet 'บันทึกผล', row 1, column B" in " ".join(output.split())
