"""``thaikpi import-text``: writes a draft, lists what it could not read in Thai and English."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from thaikpi.cli.main import app

runner = CliRunner()
FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "ditp-2567-extracted.txt"


def test_import_text_writes_a_draft_and_lists_problems_by_line_in_both_languages(
    tmp_path: Path,
) -> None:
    out = tmp_path / "draft.yaml"
    outcome = runner.invoke(app, ["import-text", str(SEED), "--out", str(out)])
    assert outcome.exit_code == 0, outcome.output
    assert f"{SEED}:387: KPI 4: the weight box on the detail page is blank" in outcome.stderr
    assert "ช่องน้ำหนักในหน้ารายละเอียดว่าง" in outcome.stderr
    assert "9 KPIs, weights 100, 30 level figures read" in outcome.stderr
    assert f"thaikpi validate {out}" in outcome.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# DRAFT template")
    assert "#   line 387: KPI 4:" in text


def test_validate_on_the_draft_names_what_the_editor_must_fill_in(tmp_path: Path) -> None:
    out = tmp_path / "draft.yaml"
    runner.invoke(app, ["import-text", str(SEED), "-o", str(out)])
    outcome = runner.invoke(app, ["validate", str(out)])
    assert outcome.exit_code == 1
    assert (
        "KPI 4: [kpis.3.rounds.1.levels.0] level 50 needs a stated figure or a rule"
        in outcome.stderr
    )
    assert "KPI 1: [kpis.0.rounds.1.levels] levels out of order" in outcome.stderr


def test_without_out_the_draft_goes_to_stdout() -> None:
    outcome = runner.invoke(app, ["import-text", str(FIXTURES / "craft-2568-extracted.txt")])
    assert outcome.exit_code == 0
    assert "format: thaikpi/scorecard-v1" in outcome.stdout
    assert "4 KPIs, weights 100" in outcome.stderr


def test_an_existing_draft_is_not_overwritten_without_force(tmp_path: Path) -> None:
    out = tmp_path / "draft.yaml"
    out.write_text("edited by hand\n", encoding="utf-8")
    refused = runner.invoke(app, ["import-text", str(SEED), "--out", str(out)])
    assert refused.exit_code == 1
    assert "already exists" in refused.stderr and "มีไฟล์นี้อยู่แล้ว" in refused.stderr
    assert out.read_text(encoding="utf-8") == "edited by hand\n"
    forced = runner.invoke(app, ["import-text", str(SEED), "--out", str(out), "--force"])
    assert forced.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# DRAFT")


@pytest.mark.parametrize(
    ("content", "english", "thai"),
    [
        pytest.param(None, "cannot read file", "อ่านไฟล์ไม่ได้", id="missing-file"),
        pytest.param(b"\xff\xfe\x00bad", "not UTF-8 text", "ไม่ใช่ข้อความ UTF-8", id="not-utf8"),
        pytest.param(
            b"just a letter\n",
            "no KPI detail page",
            "ไม่พบหน้ารายละเอียดตัวชี้วัด",
            id="not-a-template",
        ),
    ],
)
def test_bad_input_is_one_clear_message_and_exit_code_1(
    tmp_path: Path, content: bytes | None, english: str, thai: str
) -> None:
    path = tmp_path / "extracted.txt"
    if content is not None:
        path.write_bytes(content)
    outcome = runner.invoke(app, ["import-text", str(path)])
    assert outcome.exit_code == 1
    assert english in outcome.stderr and thai in outcome.stderr
    assert "Traceback" not in outcome.output
