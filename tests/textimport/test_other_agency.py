"""import-text on an invented second agency's template: other KPIs, damaged Thai, gaps.

Nothing of DITP's (names, weights, figures) is in this text, so passing here shows the
reader follows the OPDC form, not one document.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from thaikpi.engine.loader import check_text
from thaikpi.textimport import Draft, import_text
from thaikpi.textimport.writer import draft_yaml

CRAFT = Path(__file__).parent / "fixtures" / "craft-2568-extracted.txt"
HEADING = "เป้าหมายขั้นต้น (50) เป้าหมายมาตรฐาน (75) เป้าหมายขั้นสูง (100)"


@pytest.fixture(scope="module")
def draft() -> Draft:
    return import_text(CRAFT.read_text(encoding="utf-8"))


def test_header_groups_and_year_are_the_other_agencys(draft: Draft) -> None:
    assert (draft.agency_name, draft.year_be, draft.rounds) == (
        "กรมพัฒนาฝีมือช่างชุมชน",
        2568,
        {1: 6, 2: 12},
    )
    assert [(g.id, g.weight, [c.id for c in g.categories]) for g in draft.groups] == [
        ("performance", "60", ["functional"]),
        ("potential", "40", ["joint"]),
    ]


@pytest.mark.parametrize(
    ("kpi", "weight", "kind", "group", "unit", "direction"),
    [
        ("1", "35", "strategic", "performance", "ร้อยละ", "higher"),
        ("2", "25", "unlinked", "performance", "ราย", "higher"),  # weight on a line of its own
        ("3", "20", "unlinked", "potential", "วัน", "lower"),  # 15 / 12 / 10 days
        ("4", "20", "unlinked", "potential", "ระดับ", "higher"),
    ],
)
def test_each_kpi_gets_its_weight_kind_group_unit_and_direction(
    draft: Draft, kpi: str, weight: str, kind: str, group: str, unit: str, direction: str
) -> None:
    found = next(k for k in draft.kpis if k.id == kpi)
    assert (found.weight, found.kind, found.group, found.unit, found.direction) == (
        weight,
        kind,
        group,
        unit,
        direction,
    )


@pytest.mark.parametrize(
    ("kpi", "number", "figures"),
    [
        ("1", 1, ["30", "35", "40"]),
        ("1", 2, ["60.50", "70.00", "80.25"]),  # trailing zeros kept
        ("2", 2, ["1150", "1200", "1250.50"]),  # thousands separators dropped
        ("3", 2, ["15", "12", "10"]),
    ],
)
def test_level_figures_keep_the_printed_digits(
    draft: Draft, kpi: str, number: int, figures: list[str]
) -> None:
    found = next(k for k in draft.kpis if k.id == kpi)
    assert [lv.stated for lv in found.rounds[number].levels] == figures


def test_thai_damaged_by_the_pdf_is_repaired(draft: Draft) -> None:
    kpi = draft.kpis[1]
    assert kpi.name == "จำนวนผลิตภัณฑ์ชุมชนที่ได้รับการรับรอง (ราย)"
    assert draft.groups[0].name == "การประเมินประสิทธิผลการดำเนินงาน (Performance Base)"


def test_labelled_fields_are_read_from_the_detail_page(draft: Draft) -> None:
    kpi = draft.kpis[0]
    assert kpi.responsible == "กรมพัฒนาฝีมือช่างชุมชน"
    assert kpi.reporting_period == "ต.ค. 67 – ก.ย. 68"
    assert kpi.formula_text == "จำนวนช่างที่ผ่านการทดสอบ / จำนวนช่างที่เข้ารับการทดสอบ x 100"
    assert kpi.conditions == ["นับเฉพาะช่างที่ลงทะเบียนในระบบของกรม"]
    assert draft.kpis[2].notes == ["ระยะเวลานับจากวันที่ยื่นคำขอครบถ้วน"]
    assert draft.kpis[3].conditions == []  # "เงื่อนไข : -" means none


def test_a_table_with_a_missing_cell_and_a_blank_weight_box_are_listed_by_line(
    draft: Draft,
) -> None:
    assert {(p.kpi, p.line) for p in draft.problems if p.kpi} == {
        ("2", 49),  # blank weight box
        ("2", 51),  # round 1 has two figures for three levels
        ("4", 76),  # worded levels
    }
    assert (draft.kpis[1].rounds[1].measure, draft.kpis[1].rounds[1].levels) == ("judged", [])
    assert all(p.message and p.message_th for p in draft.problems)


def test_the_draft_is_a_well_formed_template(draft: Draft) -> None:
    scorecard, findings = check_text(draft_yaml(draft, CRAFT.name), "draft.yaml")
    assert [f for f in findings if f.severity.value == "error"] == []
    assert scorecard is not None and scorecard.agency.code == "DRAFT"


def _summary(*rows: str) -> str:
    return "\n".join(
        [
            "การประเมินประสิทธิผลการดำเนินงาน (Performance Base) (ร้อยละ 100)",
            "1.1 ตัวชี้วัดตามภารกิจ (Functional KPIs)",
            *rows,
            "",
            "",
            "",
        ]
    )


def test_private_use_bullets_and_split_sara_am_in_a_detail_page_are_repaired() -> None:
    text = _summary("1. ร้อยละของงานที่ส าเร็จ ร้อยละ 100") + (
        "ตัวช้ีวัด 1 : ร้อยละของงานที่ส าเร็จ\n"
        "ค าอธิบาย : \uf0b7 งานที่ด าเนินการแล้วเสร็จ\n"
        "เกณฑ์การประเมิน รอบที่ 2 (12 เดือน)\n"
        f"{'เป้าหมายขั้นต้น (50) เป้าหมายมาตรฐาน (75) เป้าหมายขั้นสูง (100)'}\n"
        "ร้อยละ 70 ร้อยละ 80 ร้อยละ 90\n"
    )
    draft = import_text(text)
    kpi = draft.kpis[0]
    assert kpi.name == "ร้อยละของงานที่สำเร็จ"
    assert kpi.description is not None and "ดำเนินการ" in kpi.description
    assert not any("\ue000" <= ch <= "\uf8ff" for ch in kpi.description)
    assert [lv.stated for lv in kpi.rounds[2].levels] == ["70", "80", "90"]


def test_summary_and_detail_pages_that_disagree_are_listed() -> None:
    text = _summary("1. งานแรก ร้อยละ 60", "2. งานที่สอง ร้อยละ 40") + ("ตัวชี้วัด 1 : งานแรก\nน้ำหนัก 50\n")
    draft = import_text(text)
    messages = [p.message for p in draft.problems]
    assert any("differs from the summary page's 60" in m for m in messages)
    assert any("lists 2 KPIs but 1 detail pages" in m for m in messages)
    assert draft.kpis[0].weight == "60"


def test_text_without_a_summary_page_still_drafts_each_kpi_and_says_what_is_missing() -> None:
    draft = import_text("ตัวชี้วัด 1 : จำนวนผู้รับบริการ\nน้ำหนัก\n10\n")
    assert [(k.id, k.name, k.weight) for k in draft.kpis] == [("1", "จำนวนผู้รับบริการ", "10")]
    assert draft.year_be is None
    messages = " ".join(p.message for p in draft.problems)
    assert "no assessment group" in messages and "no fiscal year" in messages


@pytest.mark.parametrize(
    ("headings", "rounds", "assessed"),
    [
        (["รอบที่ 1 (6 เดือน)", "รอบที่ 2 (12 เดือน)"], {1: 6, 2: 12}, [1, 2]),
        (["(รอบ 6 เดือน)", "(รอบ 12 เดือน)"], {1: 6, 2: 12}, [1, 2]),
        (["(รอบ 9 เดือน)", "(รอบ 12 เดือน)"], {1: 9, 2: 12}, [1, 2]),
        (["รอบที่ 2 (12 เดือน)"], {2: 12}, [2]),
        ([""], {1: 12}, [1]),
    ],
)
def test_rounds_are_read_by_number_or_by_months(
    headings: list[str], rounds: dict[int, int], assessed: list[int]
) -> None:
    tables = "".join(f"เกณฑ์การประเมิน {h}\n{HEADING}\n70 80 90\n" for h in headings)
    draft = import_text(_summary("1. งาน ร้อยละ 100") + "ตัวชี้วัด 1 : งาน\n" + tables)
    assert draft.rounds == rounds
    kpi = draft.kpis[0]
    assert [n for n, r in kpi.rounds.items() if r.assessed] == assessed
    assert all(r.levels[2].stated == "90" for r in kpi.rounds.values() if r.assessed)
