"""normalize-thai on a template: the text is repaired, the YAML structure is not touched."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from thaikpi.cli.main import app
from thaikpi.engine import yamlio
from thaikpi.engine.loader import check_text, template_text
from thaikpi.engine.thai_damage import damage_in
from thaikpi.textimport.pdf_text_repair import looks_damaged
from thaikpi.textimport.template_repair import repair_template

runner = CliRunner()

DAMAGED = """\
# แม่แบบ: ผลการด าเนินงาน (a comment stays)
agency:
  code: DIT
  name: {th: "กรมการค้ าภายใน", en: "Department of  Internal Trade"}
kpis:
  - id: "1"
    name:
      th: ร้อยละความส าเร็จ
    notes:
      - {th: "ตัวช้ีวัด  ที่ ๑", en: "KPI one"}
"""
REPAIRED = """\
# แม่แบบ: ผลการดำเนินงาน (a comment stays)
agency:
  code: DIT
  name: {th: "กรมการค้าภายใน", en: "Department of  Internal Trade"}
kpis:
  - id: "1"
    name:
      th: ร้อยละความสำเร็จ
    notes:
      - {th: "ตัวชี้วัด  ที่ ๑", en: "KPI one"}
"""


def test_a_template_is_repaired_line_by_line_keeping_indentation_keys_and_comments() -> None:
    repaired, repairs = repair_template(DAMAGED)
    assert repaired == REPAIRED
    assert {r.line for r in repairs} == {1, 4, 8, 10}


def test_the_repaired_template_reads_to_the_same_structure_with_repaired_texts() -> None:
    repaired, _ = repair_template(DAMAGED)
    assert yamlio.parse(repaired)[0] == {
        "agency": {"code": "DIT", "name": {"th": "กรมการค้าภายใน",
                                           "en": "Department of  Internal Trade"}},
        "kpis": [{"id": "1", "name": {"th": "ร้อยละความสำเร็จ"},
                  "notes": [{"th": "ตัวชี้วัด  ที่ ๑", "en": "KPI one"}]}],
    }  # fmt: skip


def test_the_shipped_template_is_left_byte_for_byte_as_it_is() -> None:
    text = template_text("ditp-2567")
    assert repair_template(text) == (text, [])


def test_normalize_thai_in_place_rewrites_a_template_file(tmp_path: Path) -> None:
    path = tmp_path / "dit-2567.yaml"
    path.write_text(DAMAGED, encoding="utf-8")
    outcome = runner.invoke(app, ["normalize-thai", str(path), "--in-place"])
    assert outcome.exit_code == 0, outcome.output
    assert path.read_text(encoding="utf-8") == REPAIRED


def test_extracted_text_still_has_its_spaces_tidied(tmp_path: Path) -> None:
    path = tmp_path / "seed.txt"
    path.write_text("  น้ าหนัก   ตัวช้ีวัด  \n", encoding="utf-8")
    assert runner.invoke(app, ["normalize-thai", str(path)]).stdout == " น้ำหนัก ตัวชี้วัด\n"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("การด าเนินงาน", "split_sara_am"),
        ("น้ าหนัก", "split_sara_am"),
        ("ตัวช้ีวัด", "mark_order"),
        ("คา่เป้าหมาย", "tone_after_vowel"),
        ("ดําเนิน", "nikhahit"),
        ("ตัวชี\uf70aวัด", "private_use"),
        ("\uf0b7 ข้อ ๑", "private_use"),
        ("การดำเนินงาน ตัวชี้วัด ค่าเป้าหมาย", None),
        ("Department of  Internal Trade", None),
    ],
)
def test_the_engines_detector_sees_the_damage_the_repair_module_sees(
    text: str, kind: str | None
) -> None:
    found = damage_in(text)
    assert (found[0] if found else None) == kind
    assert looks_damaged(text) is (kind is not None)


def test_validate_warns_about_damaged_thai_naming_line_field_and_kpi(tmp_path: Path) -> None:
    text = template_text("ditp-2567")
    name = next(line for line in text.splitlines() if "ดำเนิน" in line and "th:" in line)
    damaged = text.replace(name, name.replace("ดำเนิน", "ด าเนิน", 1), 1)
    _scorecard, findings = check_text(damaged, "t.yaml")
    warnings = [f for f in findings if f.code == "thai.damaged"]
    assert len(warnings) == 1
    assert warnings[0].line == damaged.splitlines().index(name.replace("ดำเนิน", "ด าเนิน", 1)) + 1
    assert warnings[0].severity.value == "warning" and warnings[0].field.endswith(".th")
    assert "sara am split by a space: 'ด า'" in warnings[0].message
    assert "สระอำถูกแยกด้วยช่องว่าง" in warnings[0].message_th
    path = tmp_path / "t.yaml"
    path.write_text(damaged, encoding="utf-8")
    outcome = runner.invoke(app, ["validate", str(path)])
    assert outcome.exit_code == 0 and "normalize-thai" in outcome.output
