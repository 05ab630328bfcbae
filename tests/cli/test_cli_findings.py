"""Every command prints the engine's findings one way: English, then its Thai indented below,
through cli/exits.py; ``--json`` keeps its stable findings and nothing more."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from thaikpi.cli import exits
from thaikpi.cli.main import app
from thaikpi.engine.findings import Finding, Severity
from thaikpi.engine.loader import template_text
from thaikpi.services import scorecards as svc

runner = CliRunner()


@pytest.fixture
def overweight(tmp_path: Path) -> Path:
    """The DITP template with one KPI weighing 1 more than it should."""
    path = tmp_path / "bad.yaml"
    path.write_text(template_text("ditp-2567").replace("weight: 25", "weight: 26", 1))
    return path


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    """The DITP template with a sara am split as a PDF extraction leaves it (a warning)."""
    path = tmp_path / "damaged.yaml"
    text = template_text("ditp-2567").replace("ดำเนินงาน", "ด\u0e4d\u0e32เนินงาน", 1)
    path.write_text(text, encoding="utf-8")
    return path


def test_validate_prints_each_error_in_english_then_thai_with_its_place(overweight: Path) -> None:
    outcome = runner.invoke(app, ["validate", str(overweight)])
    assert outcome.exit_code == 1
    lines = outcome.stderr.splitlines()
    at = lines.index(f"{overweight}:155: error: [kpis] KPI weights add up to 101.0, not 100")
    assert lines[at + 1] == f"    {overweight}:155: [kpis] น้ำหนักของตัวชี้วัดรวมกันได้ 101.0 ไม่ใช่ 100"


def test_validate_names_a_warning_in_thai_and_still_says_ok(damaged: Path) -> None:
    outcome = runner.invoke(app, ["validate", str(damaged)])
    assert outcome.exit_code == 0
    english, thai = outcome.stderr.splitlines()[:2]
    assert english.startswith(f"{damaged}:64: warning: [groups.0.name.th] Thai text looks damaged")
    assert thai.startswith(f"    {damaged}:64: คำเตือน: [groups.0.name.th] ข้อความภาษาไทยดูเสียหาย")
    assert "OK ditp-2567 v1" in outcome.stdout


@pytest.mark.parametrize("fixture", ["overweight", "damaged"])
def test_validate_json_is_the_findings_as_before_with_nothing_on_stderr(
    fixture: str, request: pytest.FixtureRequest
) -> None:
    path: Path = request.getfixturevalue(fixture)
    outcome = runner.invoke(app, ["validate", str(path), "--json"])
    scorecard, findings = svc.validate(str(path))
    assert json.loads(outcome.stdout) == {
        "valid": scorecard is not None,
        "findings": [f.as_dict() for f in findings],
    }
    assert outcome.stderr == ""


def test_score_prints_a_bad_results_files_findings_in_english_then_thai(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text('round: 2\nresults:\n  "1": lots\n', encoding="utf-8")
    outcome = runner.invoke(app, ["score", "ditp-2567", str(path)])
    assert outcome.exit_code == 1
    assert outcome.stderr.splitlines()[:2] == [
        f"{path}:3: error: KPI 1: the result must be a number, got 'lots'",
        f"    {path}:3: ตัวชี้วัด 1: ผลการดำเนินงานต้องเป็นตัวเลข แต่พบ 'lots'",
    ]
    assert outcome.stdout == ""


def test_score_json_keeps_stdout_empty_and_says_the_problem_in_thai_too(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text('round: 2\nresults:\n  "42": 1\n', encoding="utf-8")
    outcome = runner.invoke(app, ["score", "ditp-2567", str(path), "--json"])
    assert (outcome.exit_code, outcome.stdout) == (1, "")
    assert f"    {path}:3: ตัวชี้วัด 42: ไม่รู้จักรหัสตัวชี้วัด '42'" in outcome.stderr


def test_past_a_hundred_findings_only_how_many_more_in_both_languages(
    capsys: pytest.CaptureFixture[str],
) -> None:
    findings = [Finding.of("problem", {"problem": f"p{i}"}, severity=Severity.INFO, file="f")
                for i in range(exits.MAX_FINDINGS_SHOWN + 3)]  # fmt: skip
    exits.print_findings(findings)
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2 * exits.MAX_FINDINGS_SHOWN + 2
    assert lines[0].startswith("f: info: ") and lines[1].startswith("    f: ข้อสังเกต: ")
    assert lines[-2:] == ["… and 3 more", "    … และอีก 3 รายการ"]
