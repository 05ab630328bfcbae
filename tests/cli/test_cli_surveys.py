"""``thaikpi survey-import``: a survey sheet becomes results files that score as typed ones."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from thaikpi.cli.main import app
from thaikpi.sources.surveys import PILLARS

runner = CliRunner()
DGA_HEADER = "รหัสหน่วยงาน," + ",".join(PILLARS) + ",คะแนนรวม"


def write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "dga.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_each_agency_gets_a_results_file_that_scores_kpis_7_and_8(tmp_path):
    sheet = write(tmp_path, DGA_HEADER, "DITP,3,4,3,2,5,3,1,72.76", "DTN,3,3,3,3,3,3,4,77.13")
    outcome = runner.invoke(app, ["survey-import", "ditp-2567", str(sheet), "--out", str(tmp_path)])
    assert outcome.exit_code == 0, outcome.output
    assert "2 agencies read" in outcome.output
    scored = runner.invoke(app, ["score", "ditp-2567", str(tmp_path / "DITP.yaml"), "--json"])
    kpis = {k["id"]: k for k in json.loads(scored.output)["kpis"]}
    assert (kpis["7"]["actual"], kpis["7"]["score"]) == ("5", "75.00")
    assert kpis["8"]["actual"] == "72.76"


def test_json_lists_every_rows_results_with_decimals_as_strings(tmp_path):
    sheet = write(tmp_path, DGA_HEADER, "DITP,3,4,3,2,5,3,1,72.76")
    outcome = runner.invoke(app, ["survey-import", "ditp-2567", str(sheet), "--json"])
    data = json.loads(outcome.output)
    assert data["survey"] == "dga" and data["round"] == 2
    (row,) = data["rows"]
    assert row["results"]["8"] == "72.76"
    assert row["results"]["7"]["pillars"]["Public Service"] == "2"


def test_a_bad_cell_exits_1_naming_file_row_and_column_in_both_languages(tmp_path):
    sheet = write(tmp_path, DGA_HEADER, "DITP,3,4,3,2,5,3,0,72.76")
    outcome = runner.invoke(app, ["survey-import", "ditp-2567", str(sheet)])
    assert outcome.exit_code == 1
    assert "row 2, column H (Digital Technology Practices): must be from 1 to 5" in outcome.output
    assert "แถว 2, คอลัมน์ H" in outcome.output


def test_a_round_the_survey_kpis_are_not_assessed_in_is_refused(tmp_path):
    sheet = write(tmp_path, DGA_HEADER, "DITP,3,4,3,2,5,3,1,72.76")
    outcome = runner.invoke(app, ["survey-import", "ditp-2567", str(sheet), "--round", "1"])
    assert outcome.exit_code == 1 and "row 2: KPI 7:" in outcome.output


EXAMPLES = Path(__file__).parents[2] / "docs" / "examples"


def test_series_gives_kpi_1s_year_so_far_and_its_forecast_from_the_example_sheet():
    outcome = runner.invoke(
        app, ["series", "ditp-2567", str(EXAMPLES / "exports-kpi1-synthetic.csv"), "--json"]
    )
    assert outcome.exit_code == 0, outcome.output
    data = json.loads(outcome.output)
    assert (data["months"], data["to_date"], data["round_1"]) == (6, "1.62", "1.62")
    assert (data["forecast"], data["low"], data["high"]) == ("3.56", "-1.67", "9.39")
    assert data["standard"] == "2.10" and data["at_risk"] is False
    assert data["standard_level"] == {"th": "เป้าหมายมาตรฐาน", "en": "standard target"}
    assert (data["year_end_round"], data["rounds"]) == (
        2,
        [{"round": 1, "months": 6, "value": "1.62"}],
    )


def test_series_refuses_a_column_that_is_no_input_of_the_kpi(tmp_path):
    sheet = tmp_path / "m.csv"
    sheet.write_text("เดือน,trade_value\nต.ค. 66,5\n", encoding="utf-8")
    outcome = runner.invoke(app, ["series", "ditp-2567", str(sheet), "--kpi", "1"])
    assert outcome.exit_code == 1 and "KPI 1 has no input 'trade_value'" in outcome.output


def test_the_example_survey_sheets_read_cleanly():
    for name in ("dga-2567.csv", "pmqa-2567.csv"):
        outcome = runner.invoke(app, ["survey-import", "ditp-2567", str(EXAMPLES / name)])
        assert outcome.exit_code == 0 and "2 agencies read" in outcome.output
