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


def test_validate_json_gives_each_finding_in_thai_too(tmp_path: Path) -> None:
    from thaikpi.engine.loader import template_text

    bad = tmp_path / "bad.yaml"
    bad.write_text(
        template_text("ditp-2567").replace("weight: 25", "weight: 26", 1), encoding="utf-8"
    )
    report = json.loads(runner.invoke(app, ["validate", str(bad), "--json"]).stdout)
    said = {f["message"]: f["message_th"] for f in report["findings"]}
    assert said["KPI weights add up to 101.0, not 100"] == "น้ำหนักของตัวชี้วัดรวมกันได้ 101.0 ไม่ใช่ 100"


def test_score_prints_a_thai_table_with_the_total(results: Path) -> None:
    outcome = runner.invoke(app, ["score", "ditp-2567", str(results)])
    assert outcome.exit_code == 0, outcome.output
    assert "กรมส่งเสริมการค้าระหว่างประเทศ" in outcome.stdout
    assert "87.50" in outcome.stdout


@pytest.mark.parametrize(
    ("round_no", "potential", "total", "explained"),
    [(1, "0/30", "70/100", True), (2, "30", "100", False)],
)
def test_score_shows_a_groups_weight_and_what_of_it_the_round_assessed(
    tmp_path: Path, round_no: int, potential: str, total: str, explained: bool
) -> None:
    # Round 1 assesses no Potential Base KPI: its weight reads 0/30, and the total's 70/100.
    path = tmp_path / "results.yaml"
    path.write_text(f'round: {round_no}\nresults:\n  "1": 1.2\n', encoding="utf-8")
    outcome = runner.invoke(app, ["score", "ditp-2567", str(path)], env={"COLUMNS": "200"})
    assert outcome.exit_code == 0, outcome.output
    rows = {
        line.split("│")[2].strip(): line.split("│")[3].strip()
        for line in outcome.stdout.splitlines()
        if line.count("│") > 4
    }
    assert rows["รวม (Total)"] == total
    assert [w for name, w in rows.items() if "Potential" in name or "ศักยภาพ" in name] == [potential]
    assert ("ตัวชี้วัดที่ประเมินในรอบนี้หนัก ก จากน้ำหนักเต็ม ข" in outcome.stdout) is explained


def test_score_shows_no_subtotal_for_a_group_without_any_result(tmp_path: Path) -> None:
    # Round 2: KPI 1 short of its 50 level is a real 0; no Potential Base KPI has a result.
    path = tmp_path / "results.yaml"
    path.write_text('round: 2\nresults:\n  "1": 1.2\n', encoding="utf-8")
    outcome = runner.invoke(app, ["score", "ditp-2567", str(path)], env={"COLUMNS": "200"})
    assert outcome.exit_code == 0, outcome.output
    weighted = {
        line.split("│")[2].strip(): line.split("│")[6].strip()
        for line in outcome.stdout.splitlines()
        if line.count("│") > 4
    }
    assert weighted["การประเมินประสิทธิผลการดำเนินงาน (Performance Base)"] == "0.0000"
    assert weighted["การประเมินศักยภาพในการดำเนินงาน (Potential Base)"] == "—"


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
    assert kpi1["explanation"] == "2.40 lies between 2.10 (75) and 2.70 (100) → 87.50"
    kpi2 = data["kpis"][1]
    assert kpi2["actual"] == "379.98"
    assert data["total"] == sum_of(data["kpis"])


def test_the_score_tables_explanations_are_thai_beside_its_thai_headers(results: Path) -> None:
    outcome = runner.invoke(app, ["score", "ditp-2567", str(results)], env={"COLUMNS": "300"})
    assert outcome.exit_code == 0, outcome.output
    rows = {line.split("│")[1].strip(): line.split("│") for line in outcome.stdout.splitlines()
            if line.count("│") == 8 and line.split("│")[1].strip()}  # fmt: skip
    assert "┃ คำอธิบาย" in outcome.stdout  # the header (drawn with ┃, so not among the rows)
    assert rows["1"][7].strip() == "2.40 อยู่ระหว่าง 2.10 (75) และ 2.70 (100) → 87.50"
    assert rows["3"][7].strip() == "ยังไม่มีผลการดำเนินงาน → 0"
    assert "lies between" not in outcome.stdout and "no result →" not in outcome.stdout
    shown = runner.invoke(app, ["score", "ditp-2567", str(results), "--json"])
    kpi1 = json.loads(shown.stdout)["kpis"][0]
    assert kpi1["explanation"] == "2.40 lies between 2.10 (75) and 2.70 (100) → 87.50"
    assert "explanation_th" not in kpi1  # --json is as it was


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
    assert "no shipped template named 'nope-2567' and no such file (shipped: ditp-2567)" in (
        outcome.output
    )


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
    assert "KPI 1: the result must be a number, got 'NaN'" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_draft_proposes_next_years_levels_from_new_baseline_rows(tmp_path: Path) -> None:
    rows = tmp_path / "2567.yaml"
    rows.write_text('baseline:\n  "2": [{year: 2567, budget: 500, trade_value: 200000}]\n')
    outcome = runner.invoke(app, ["draft", "ditp-2567", str(rows), "--json"])
    proposals = {(p["kpi"], p["round"], p["score"]): p for p in json.loads(outcome.stdout)}
    assert proposals[("2", 2, 75)]["value"] == "400.00"
    assert proposals[("2", 2, 75)]["current"] == "324.20"


def test_draft_names_the_kpi_of_a_bad_row_in_both_languages(tmp_path: Path) -> None:
    rows = tmp_path / "2567.yaml"
    rows.write_text('baseline:\n  "2": [{year: 2567, budget: lots}]\n')
    outcome = runner.invoke(app, ["draft", "ditp-2567", str(rows)])
    assert outcome.exit_code == 1
    assert "KPI 2: budget must be a number, got 'lots'" in outcome.output
    assert "ตัวชี้วัด 2:" in outcome.stderr


def _main(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Run the real entry point in-process (CliRunner bypasses its last line of defence)."""
    from thaikpi.cli import main as cli

    old = sys.argv
    sys.argv = ["thaikpi", *args]
    try:
        cli.main()
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    finally:
        sys.argv = old
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.mark.parametrize(
    ("results", "message"),
    [
        ('"[/red]": 1', "unknown KPI id '[/red]'"),  # printed as text, never as Rich markup
        ('"[blink]x": 1', "unknown KPI id '[blink]x'"),
        ('"9": 0477', "'0477' is not a plain decimal number"),  # YAML 1.1 would read octal 319
        ('"8": 1:10', "'1:10' is not a plain decimal number"),  # … and base-60 70
        ('"1": "2,4"', "the result must be a number, got '2,4'"),  # not 24
        ('"2": {trade_value: 1.0e+30, budget: 1}', "trade_value is too large"),
        (
            '"2": {trade_value: 1, budget: 0.0000000000000000000000000000001}',
            "budget has more than 10 decimal places",
        ),
        ('"1": !!timestamp nope', "not a valid value 'nope'"),
    ],
)
def test_hostile_results_get_a_clear_error_from_the_real_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], results: str, message: str
) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("round: 2\nresults:\n  " + results + "\n", encoding="utf-8")
    code, output = _main(["score", "ditp-2567", str(path)], capsys)
    assert code == 1
    assert message in output
    assert "Traceback" not in output and "internal error" not in output


@pytest.mark.parametrize(
    "args",
    [
        ["show", "ditp-2567", "-p", "entrepreneurs_target_2567=1e30"],
        ["show", "ditp-2567", "-p", "entrepreneurs_target_2567=0"],
        ["show", "ditp-2567", "-p", "nope=1"],
        ["normalize-thai", "/no/such/file.txt"],
    ],
)
def test_bad_options_exit_1_with_a_message(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    code, output = _main(args, capsys)
    assert code == 1
    assert "error" in output or "cannot" in output
    assert "Traceback" not in output


def test_a_round_written_as_a_decimal_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("round: 2.0\nresults: {}\n", encoding="utf-8")
    code, output = _main(["score", "ditp-2567", str(path)], capsys)
    assert (code, "round must be 1 or 2, got Decimal('2.0')" in output) == (1, True)


def test_revising_kpi_1s_targets_moves_all_its_levels(capsys: pytest.CaptureFixture[str]) -> None:
    code, output = _main(["show", "ditp-2567", "--json", "-p", "moc_export_target=2.0"], capsys)
    assert code == 0
    kpi1 = json.loads(output)["kpis"][0]
    levels = {n: [lv["value"] for lv in r["levels"]] for n, r in kpi1["rounds"].items()}
    assert levels == {"1": ["1.00", "1.18", "1.35"], "2": ["2.00", "2.35", "2.70"]}


def test_need_gives_the_figures_each_missing_kpi_needs(results: Path) -> None:
    outcome = runner.invoke(app, ["need", "ditp-2567", str(results), "--total", "90", "--json"])
    data = json.loads(outcome.stdout)
    # 47.88 in; (90 − 47.88) × 100 / (20 + 10 + 2.5 + 10) = 99.11 on each of KPIs 3, 4, 8, 9
    assert (data["current"], data["score_needed"], data["reachable"]) == ("47.8800", "99.11", True)
    needed = {k["kpi"]: k["actual"] for k in data["kpis"]}
    # By hand, e.g. KPI 3: 52.26 + (99.11 − 75) / 25 × (56.23 − 52.26) = 56.0887 → 56.09
    assert needed == {"3": "56.09", "4": "7.66", "8": "76.96", "9": "477.31"}


@pytest.mark.parametrize("as_json", [False, True])
def test_scoring_a_round_in_which_nothing_is_assessed_says_so(
    tmp_path: Path, as_json: bool
) -> None:
    from tests.engine.conftest import mini_text_with_round_1_unassessed

    template = tmp_path / "mini.yaml"
    template.write_text(mini_text_with_round_1_unassessed(), encoding="utf-8")
    empty = tmp_path / "results.yaml"
    empty.write_text("round: 1\nresults: {}\n", encoding="utf-8")
    outcome = runner.invoke(
        app, ["score", str(template), str(empty), *(["--json"] if as_json else [])]
    )
    assert outcome.exit_code == 0, outcome.output
    if as_json:
        body = json.loads(outcome.stdout)
        assert body["nothing_assessed"] is True
        assert body["note"] == "no KPI is assessed in round 1: there is nothing to score"
    else:
        assert "รอบที่ 1 ไม่มีตัวชี้วัดที่ประเมิน จึงไม่มีคะแนน" in outcome.stdout


def test_a_scorecard_declaring_four_places_shows_its_scores_and_explanations_so(
    tmp_path: Path,
) -> None:
    from tests.engine.conftest import MINI

    text = MINI.read_text(encoding="utf-8").replace(
        "scoring: {method: interpolate, below_entry: zero}",
        "scoring: {method: interpolate, below_entry: zero, score_rounding: {places: 4}}",
    )
    template = tmp_path / "mini4.yaml"
    template.write_text(text, encoding="utf-8")
    results = tmp_path / "results.yaml"
    results.write_text('round: 2\nresults:\n  "1": 1.8\n', encoding="utf-8")
    shown = runner.invoke(app, ["score", str(template), str(results), "--json"])
    kpi = next(k for k in json.loads(shown.stdout)["kpis"] if k["id"] == "1")
    assert (kpi["score"], kpi["explanation"]) == (
        "62.5000",
        "1.80 lies between 1.50 (50) and 2.10 (75) → 62.5000",
    )
    table = runner.invoke(app, ["score", str(template), str(results)], env={"COLUMNS": "200"})
    assert "62.5000" in table.stdout and "62.50 " not in table.stdout
