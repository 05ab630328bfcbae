"""The command line reads typed numbers and results files as the web and the API do (issue 9.4)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from thaikpi.cli.main import app

runner = CliRunner()


@pytest.fixture
def results(tmp_path: Path) -> Path:
    path = tmp_path / "results.yaml"
    path.write_text('round: 2\nresults:\n  "1": 2.4\n', encoding="utf-8")
    return path


@pytest.mark.parametrize("total", ["1_000", "9_0", "2,4"])
def test_need_refuses_a_python_only_total(results: Path, total: str) -> None:
    outcome = runner.invoke(app, ["need", "ditp-2567", str(results), "--total", total])
    assert outcome.exit_code == 1
    assert f"--total must be a number, got {total!r}" in outcome.stderr


def test_need_reads_a_total_in_thai_digits(results: Path) -> None:
    outcome = runner.invoke(app, ["need", "ditp-2567", str(results), "--total", "๙๐", "--json"])
    assert outcome.exit_code == 0
    assert '"target": "90"' in outcome.stdout


@pytest.mark.parametrize(
    ("result", "message"),
    [
        ('"8": -5', "the result must be at least 0 for KPI 8, got -5"),
        ('"9": 512', "the result must be at most 500 for KPI 9, got 512"),
        ('"3": -5', "the result must be at least 0 for KPI 3, got -5"),
    ],
)
def test_score_refuses_a_result_its_kpi_rules_out(
    tmp_path: Path, result: str, message: str
) -> None:
    path = tmp_path / "results.yaml"
    path.write_text(f"round: 2\nresults:\n  {result}\n", encoding="utf-8")
    outcome = runner.invoke(app, ["score", "ditp-2567", str(path)])
    assert outcome.exit_code == 1
    assert message in outcome.stdout + outcome.stderr
