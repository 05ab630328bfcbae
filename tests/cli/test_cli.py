"""The thaikpi command line: outputs, stable JSON, and clear errors with exit code 1."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from thaikpi.cli.main import app

runner = CliRunner()
EXAMPLE = (
    'round: 2\nresults:\n  "1": 2.4\n  "2": {trade_value: 205000, budget: 539.5}\n  "5": 75\n'
    '  "6": {quality_pct: 100, registered_pct: 95}\n  "7": 5\n'
)


@pytest.fixture
def results(tmp_path: Path) -> Path:
    path = tmp_path / "results.yaml"
    path.write_text(EXAMPLE, encoding="utf-8")
    return path


def test_validate_says_ok_for_the_shipped_scorecard() -> None:
    outcome = runner.invoke(app, ["validate", "ditp-2567"])
    assert outcome.exit_code == 0
    assert "OK ditp-2567 v1: 9 KPIs, weights 100" in outcome.stdout


def test_validate_lists_every_error_with_file_and_line(tmp_path: Path) -> None:
    from thaikpi.engine.loader import template_text

    bad = tmp_path / "bad.yaml"
    bad.write_text(
        template_text("ditp-2567").replace("weight: 25", "weight: 26", 1), encoding="utf-8"
    )
    outcome = runner.invoke(app, ["validate", str(bad), "--json"])
    assert outcome.exit_code == 1
    report = json.loads(outcome.stdout)
    messages = [f["message"] for f in report["findings"]]
    assert "KPI weights add up to 101.0, not 100" in messages
    assert all(f["file"] == str(bad) and f["line"] for f in report["findings"])


def test_score_prints_a_thai_table_with_the_total(results: Path) -> None:
    outcome = runner.invoke(app, ["score", "ditp-2567", str(results)])
    assert outcome.exit_code == 0, outcome.output
    assert "กรมส่งเสริมการค้าระหว่างประเทศ" in outcome.stdout
    assert "87.50" in outcome.stdout


def test_score_json_is_stable(results: Path) -> None:
    outcome = runner.invoke(app, ["score", "ditp-2567", str(results), "--json"])
    data = json.loads(outcome.stdout)
    assert {"total", "groups", "kpis", "max_total", "covered", "missing"} <= data.keys()
    kpi1 = data["kpis"][0]
    assert {"id", "score", "weighted", "level", "explanation"} <= kpi1.keys()
    assert (kpi1["id"], kpi1["score"], kpi1["weighted"], kpi1["level"]) == (
        "1",
        "87.50",
        "13.1250",
        75,
    )
    assert kpi1["explanation"] == "2.4 lies between 2.1 (75) and 2.7 (100) → 87.50"
    kpi2 = data["kpis"][1]
    assert kpi2["actual"] == "379.98"
    assert data["total"] == sum_of(data["kpis"])


def sum_of(kpis: list[dict[str, str]]) -> str:
    from decimal import Decimal

    return str(sum(Decimal(k["weighted"]) for k in kpis))


def test_need_tells_what_the_missing_kpis_need(results: Path) -> None:
    outcome = runner.invoke(app, ["need", "ditp-2567", str(results), "--total", "90", "--json"])
    data = json.loads(outcome.stdout)
    assert data["target"] == "90"
    assert {k["kpi"] for k in data["kpis"]} == {"3", "4", "8", "9"}


def test_audit_json_lists_mismatches_first_with_the_documented_keys() -> None:
    outcome = runner.invoke(app, ["audit", "ditp-2567", "--json"])
    data = json.loads(outcome.stdout)
    first = data["findings"][0]
    assert {"kpi", "figure", "stated", "recomputed", "formula", "match"} <= first.keys()
    assert first["match"] is False
    assert data["mismatches"] == sum(1 for f in data["findings"] if f["match"] is False)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("round: 3\nresults: {}\n", "round must be 1 or 2, got 3"),
        ('round: 2\nresults:\n  "42": 1\n', "unknown KPI id '42'"),
        ('round: 2\nresults:\n  "2": {trade_value: 5, budget: 0}\n', "budget must be more than 0"),
        ("a: &a [1,2]\nb: [*a, *a]\n", "YAML aliases"),
        ("\xff\xfe", "not UTF-8 text"),
    ],
)
def test_bad_results_files_get_a_clear_error_and_exit_1(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes(content.encode("latin-1") if content.startswith("\xff") else content.encode())
    outcome = runner.invoke(app, ["score", "ditp-2567", str(path)])
    assert outcome.exit_code == 1
    assert message in outcome.output
    assert "Traceback" not in outcome.output


def test_a_missing_file_is_an_error_not_a_traceback() -> None:
    outcome = runner.invoke(app, ["score", "ditp-2567", "/no/such/file.yaml"])
    assert outcome.exit_code == 1
    assert "cannot read file" in outcome.output


def test_an_unknown_template_name_is_an_error() -> None:
    outcome = runner.invoke(app, ["show", "nope-2567"])
    assert outcome.exit_code == 1
    assert "cannot read file" in outcome.output


def test_normalize_thai_repairs_pdf_text(tmp_path: Path) -> None:
    path = tmp_path / "seed.txt"
    path.write_text("น้ าหนัก ตัวช้ีวัด การด าเนินงาน\n", encoding="utf-8")
    outcome = runner.invoke(app, ["normalize-thai", str(path)])
    assert outcome.stdout == "น้ำหนัก ตัวชี้วัด การดำเนินงาน\n"


def test_show_prints_both_rounds_levels() -> None:
    outcome = runner.invoke(app, ["show", "ditp-2567"])
    assert "445.25" in outcome.stdout and "129.68" in outcome.stdout


def test_the_installed_command_runs_and_never_prints_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "r.json"
    bad.write_text('{"round": 2, "results": {"1": NaN}}', encoding="utf-8")
    exe = Path(sys.executable).parent / "thaikpi"
    done = subprocess.run(
        [str(exe), "score", "ditp-2567", str(bad)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "KPI 1: the result must be a finite number, got NaN" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_draft_proposes_next_years_levels_from_new_baseline_rows(tmp_path: Path) -> None:
    rows = tmp_path / "2567.yaml"
    rows.write_text('baseline:\n  "2": [{year: 2567, budget: 500, trade_value: 200000}]\n')
    outcome = runner.invoke(app, ["draft", "ditp-2567", str(rows), "--json"])
    proposals = {(p["kpi"], p["round"], p["score"]): p for p in json.loads(outcome.stdout)}
    assert proposals[("2", 2, 75)]["value"] == "400.00"
    assert proposals[("2", 2, 75)]["current"] == "324.20"


def test_draft_names_the_kpi_of_a_bad_row(tmp_path: Path) -> None:
    rows = tmp_path / "2567.yaml"
    rows.write_text('baseline:\n  "2": [{year: 2567, budget: lots}]\n')
    outcome = runner.invoke(app, ["draft", "ditp-2567", str(rows)])
    assert outcome.exit_code == 1
    assert "KPI 2: budget must be a number, got 'lots'" in outcome.output
