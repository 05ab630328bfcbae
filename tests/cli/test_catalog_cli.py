"""``thaikpi catalog``: KPI 6 from catalog dumps, as a table and as stable JSON."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tests.sources.test_ckan import serving
from thaikpi.cli.main import app

runner = CliRunner()
FIXTURES = Path(__file__).parent.parent / "sources" / "fixtures"
AGENCY = str(FIXTURES / "agency.jsonl")
CENTRAL = str(FIXTURES / "central.json")


def test_the_json_holds_datasets_counted_both_shares_and_the_level():
    outcome = runner.invoke(
        app, ["catalog", "ditp-2567", AGENCY, "--central", CENTRAL, "--kpi", "6", "--json"]
    )
    assert outcome.exit_code == 0, outcome.output
    data = json.loads(outcome.stdout)
    assert (data["counted"], data["quality_pct"], data["registered_pct"], data["level"]) == (
        17,
        "45.83",
        "62.50",
        "0",
    )
    assert data["group"] == {"number": 1, "low": 1, "high": 25}
    assert len(data["datasets"]) == 24
    fourth = data["datasets"][3]
    assert fourth == {
        "name": "ditp-smes-export-2560",
        "title": "ผู้ประกอบการ SMEs ที่ส่งออกได้ ปี 2560",
        "line": 4,
        "missing": ["objective"],
        "formats": ["PDF"],
        "open": False,
        "registered": True,
        "counted": False,
        "problems": [
            {"en": "missing metadata: objective", "th": "คำอธิบายข้อมูลที่ยังขาด: วัตถุประสงค์"},
            {
                "en": "not in an open format (PDF): add CSV, JSON, XML or an API",
                "th": "ไม่อยู่ในรูปแบบเปิด (PDF): เพิ่มไฟล์ CSV, JSON, XML หรือ API",
            },
        ],
    }


def test_the_match_rule_is_an_option():
    outcome = runner.invoke(
        app, ["catalog", "ditp-2567", AGENCY, "--central", CENTRAL, "--match", "url", "--json"]
    )
    assert json.loads(outcome.stdout)["registered_pct"] == "62.50"  # the same datasets by URL


def test_the_table_says_what_to_fix_in_thai_and_english():
    outcome = runner.invoke(app, ["catalog", "ditp-2567", AGENCY, "--central", CENTRAL])
    assert outcome.exit_code == 0, outcome.output
    assert "ditp-smes-export-2560" in outcome.stdout
    assert "quality_pct = 45.83, registered_pct = 62.50" in outcome.stdout
    assert "KPI 6 round 2: quality_pct = 45.83, registered_pct = 62.50 → level 0" in outcome.stdout
    assert "กลุ่มที่ 1 (1–25 ชุดข้อมูล)" in outcome.stdout


def test_a_truncated_dump_is_refused_with_file_and_line(tmp_path: Path):
    cut = tmp_path / "cut.jsonl"
    cut.write_bytes(Path(AGENCY).read_bytes()[:3000])
    outcome = runner.invoke(app, ["catalog", "ditp-2567", str(cut), "--central", CENTRAL])
    assert outcome.exit_code == 1
    assert f"{cut}:2: error: not valid JSON (a truncated dump?)" in outcome.stderr
    assert "ไม่ใช่ JSON ที่ถูกต้อง" in outcome.stderr
    assert "Traceback" not in outcome.output


def test_a_missing_file_and_a_missing_central_catalog_are_refused_in_both_languages(tmp_path):
    gone = runner.invoke(
        app, ["catalog", "ditp-2567", str(tmp_path / "x.jsonl"), "--central", CENTRAL]
    )
    assert gone.exit_code == 1
    assert "cannot read file" in gone.stderr and "ไม่พบไฟล์" in gone.stderr
    alone = runner.invoke(app, ["catalog", "ditp-2567", AGENCY])
    assert alone.exit_code == 1
    assert "give the GD Catalog as a dump file or a URL" in alone.stderr


def test_live_mode_reads_both_catalogs_through_the_action_api():
    agency = [json.loads(line) for line in Path(AGENCY).read_bytes().splitlines()]
    gd = json.loads(Path(CENTRAL).read_bytes())["result"]["results"]
    with serving(agency) as (url, seen), serving(gd) as (central_url, central_seen):
        outcome = runner.invoke(
            app, ["catalog", "ditp-2567", "--url", url, "--central-url", central_url, "--json"]
        )
    assert outcome.exit_code == 0, outcome.output
    data = json.loads(outcome.stdout)
    assert (data["counted"], data["quality_pct"], data["registered_pct"]) == (17, "45.83", "62.50")
    assert [s["start"] for s in seen.seen] == ["0"]  # 26 datasets: one page of 100
    assert central_seen.seen[0]["path"] == "/api/action/package_search"
