"""``thaikpi need`` when every KPI has a result: which results would have to rise, by how much."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from thaikpi.cli.main import app

ALL_IN = Path(__file__).parents[1] / "reports" / "fixtures" / "ditp-results-2.yaml"
runner = CliRunner()


def test_need_with_every_result_in_names_what_each_would_need_alone() -> None:
    outcome = runner.invoke(app, ["need", "ditp-2567", str(ALL_IN), "--total", "80"])
    assert outcome.exit_code == 0, outcome.output
    flat = " ".join(outcome.stdout.split())
    assert "what one result alone would need" in flat
    assert "ตัวอื่นคงเดิม" in flat
    assert "50.10 → 52.67 (+2.57): คะแนน 61.40 → 77.58" in outcome.stdout
    assert "455.00 → 476.27 (+21.27): คะแนน 65.20 → 97.54" in outcome.stdout
    assert "ต้องได้คะแนน 109.06 (เกิน 100)" in outcome.stdout


def test_need_json_with_every_result_in_lists_them_under_alone() -> None:
    outcome = runner.invoke(app, ["need", "ditp-2567", str(ALL_IN), "--total", "80", "--json"])
    data = json.loads(outcome.stdout)
    assert data["kpis"] == []
    reachable = {a["kpi"]: a["actual_needed"] for a in data["alone"] if a["reachable"]}
    assert reachable == {"2": "442.62", "3": "52.67", "9": "476.27"}
