"""The CLI on a five-level, three-round scorecard: its levels as columns, its total out of 5."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
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


DITP_ROUND_2 = 'round: 2\nresults:\n  "1": 1.35\n'


@pytest.mark.parametrize(
    ("template", "results", "kpi_id", "caption"),
    [
        ("ditp-2567", DITP_ROUND_2, "2", "รวม 0.0000 จาก 100"),  # weights of 2.5 sum to 100.0
        (FIVE, 'round: 2\nresults:\n  "1": 61\n  "2": 22\n', "5", "รวม 2.3680 จาก 5"),
    ],
)
def test_the_score_table_says_no_result_and_the_total_out_of_the_scale_s_maximum(
    tmp_path: Path, template: str, results: str, kpi_id: str, caption: str
) -> None:
    path = tmp_path / "results.yaml"
    path.write_text(results, encoding="utf-8")
    outcome = runner.invoke(app, ["score", template, str(path)], env={"COLUMNS": "200"})
    assert outcome.exit_code == 0, outcome.output
    lines = outcome.output.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(f"│ {kpi_id:>3} │"))
    cells = [c.strip() for c in lines[at].split("│")]
    below = [c.strip() for c in lines[at + 1].split("│")]
    assert (cells[5], below[5], cells[6]) == ("ยังไม่มีผล", "no result", "—")
    assert caption in lines


@pytest.mark.parametrize(
    ("body", "caption"),
    [
        ("round: 2\nresults: {}\n", "รวม: ยังไม่มีผล (คะแนนเต็ม 100)"),
        ('round: 2\nresults:\n  "1": 1.2\n', "รวม 0.0000 จาก 100"),  # a real 0 is a total
    ],
)
def test_the_score_table_says_no_result_yet_rather_than_a_total_of_0(tmp_path, body, caption):
    path = tmp_path / "results.yaml"
    path.write_text(body, encoding="utf-8")
    outcome = runner.invoke(app, ["score", "ditp-2567", str(path)], env={"COLUMNS": "200"})
    assert outcome.exit_code == 0
    assert outcome.output.rstrip().splitlines()[-1].strip() == caption
