"""Every command stops on a problem the same way, through one helper (cli/exits.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from thaikpi.cli import catalog, exits, import_text, series, surveys
from thaikpi.cli.main import app

runner = CliRunner()
MISSING = "/nonexistent/thaikpi-sheet.csv"


@pytest.mark.parametrize(
    ("args", "english", "thai"),
    [
        (["catalog", "ditp-2567", "--kpi", "6"], "give the agency catalog as a dump file",
         "ระบุบัญชีข้อมูลของหน่วยงานเป็นไฟล์หรือ URL"),
        (["import-text", MISSING, "--out", "draft.yaml"], f"{MISSING}: ", f"{MISSING}: "),
        (["survey-import", "ditp-2567", MISSING, "--out", "out"], MISSING, MISSING),
        (["series", "ditp-2567", MISSING], MISSING, MISSING),
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
    assert catalog.fail is import_text.fail is exits.fail
    assert catalog.fail_all is surveys.fail_all is exits.fail_all
    assert not any(hasattr(m, "_fail") for m in (catalog, import_text, surveys, series))
