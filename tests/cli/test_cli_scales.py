"""The CLI on a five-level, three-round scorecard: its levels as columns, its total out of 5."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from thaikpi.cli.main import app

runner = CliRunner()
FIVE = str(Path(__file__).parents[1] / "engine" / "fixtures" / "five-level.yaml")
ROUND_2 = 'round: 2\nresults:\n  "1": 61\n  "2": 22\n  "5": 200\n'


def test_show_heads_the_five_levels_of_each_round() -> None:
    outcome = runner.invoke(app, ["show", FIVE], env={"COLUMNS": "200"})
    assert outcome.exit_code == 0, outcome.output
    heads = [line for line in outcome.output.splitlines() if line.startswith("┃ KPI")][1:]
    assert len(heads) == 3  # a levels table per round: after 6, 9 and 12 months
    assert all([c.strip() for c in h.split("┃")[4:9]] == list("12345") for h in heads), heads


def test_score_gives_the_hand_worked_weighted_average_of_the_9_month_round(
    tmp_path: Path,
) -> None:
    path = tmp_path / "round-2.yaml"
    path.write_text(ROUND_2, encoding="utf-8")
    outcome = runner.invoke(app, ["score", FIVE, str(path), "--json"])
    assert outcome.exit_code == 0, outcome.output
    data = json.loads(outcome.output)
    # 22.5 × 3.4 / 62.5 + 27.5 × 2.6 / 62.5 + 12.5 × 3.3333 / 62.5 (tests/engine/test_scales.py)
    assert (data["scale"], data["total"], data["max_total"], data["assessed_weight"]) == (
        "five-level",
        "3.0347",
        "5",
        "62.5",
    )


def test_a_round_the_scorecard_lacks_is_refused_naming_its_rounds(tmp_path: Path) -> None:
    path = tmp_path / "round-4.yaml"
    path.write_text("round: 4\nresults: {}\n", encoding="utf-8")
    outcome = runner.invoke(app, ["score", FIVE, str(path)])
    assert outcome.exit_code == 1
    assert "round must be 1, 2 or 3, got 4" in outcome.output
