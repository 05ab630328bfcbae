"""Words for people instead of codes: audit actions, audited figures, changes, statuses."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from django.utils import translation

from thaikpi.engine.loader import load_text
from thaikpi.engine.scoring import Status
from thaikpi.front import labels

REPORTS_MINI = Path(__file__).parents[1] / "reports" / "fixtures" / "mini-2567.yaml"


@pytest.fixture(scope="module")
def mini():
    """A small template with baselines (the report tests' one)."""
    return load_text(REPORTS_MINI.read_text(encoding="utf-8"), "mini")


@pytest.mark.parametrize(
    ("figure", "th", "en"),
    [
        ("round 1 level 75", "รอบที่ 1 · ค่าเป้าหมาย 75 คะแนน", "Round 1 · level 75"),
        ("baseline 2565 no_such_column", "ข้อมูลพื้นฐานปี 2565 · no_such_column",
         "Baseline 2565 · no_such_column"),
        ("mean ratio 2564–2566", "ค่าเฉลี่ย ratio ปี 2564–2566", "Mean of ratio, 2564–2566"),
        ("something new", "something new", "something new"),
    ],
)  # fmt: skip
def test_audited_figures_are_named_in_the_active_language(figure, th, en):
    for language, expected in (("th", th), ("en", en)):
        with translation.override(language):
            assert labels.figure(figure) == expected


def test_baseline_columns_are_named_from_the_template(mini):
    kpi = next(k for k in mini.kpis if k.baseline and k.baseline.columns)
    column = kpi.baseline.columns[0]
    with translation.override("th"):
        assert labels.figure(f"baseline 2565 {column.id}", kpi).endswith(column.name.th)
    with translation.override("en"):
        assert labels.figure(f"baseline 2565 {column.id}", kpi).endswith(column.name.en)


def test_audit_actions_and_statuses_are_words():
    with translation.override("th"):
        assert labels.action("result.save") == "บันทึกผลการดำเนินงาน"
        assert labels.action("api_token.revoke") == "ยกเลิกโทเค็น API"
        assert labels.action("brand.new") == "brand.new"
        assert labels.status(Status.NOT_ASSESSED) == "ไม่ประเมิน"
        assert labels.status("levels_open") == "ยังไม่ได้กำหนดค่าเป้าหมาย"


def test_changes_read_as_values_not_python():
    assert labels.change({"raw": {"a": "1", "b": "2"}, "note": "ok", "revision": 1}) == (
        "a = 1, b = 2 · ok"
    )
    assert labels.change({"raw": {"pillars": {"P1": "3"}}, "note": ""}) == "P1 = 3"
    assert labels.change({"value": "1.6"}) == "1.6"
    with translation.override("th"):
        assert labels.change({"state": "returned", "comment": "แก้ตัวเลข"}) == ("ส่งกลับแก้ไข · แก้ตัวเลข")
    assert labels.change(None) == ""


def test_subjects_say_kpi_round_and_month():
    def entry(object_type: str, text: str, kpi: str = "") -> SimpleNamespace:
        return SimpleNamespace(object_type=object_type, object_repr=text, kpi_id=kpi)

    with translation.override("th"):
        assert labels.subject(entry("results.result", "กรม 2567 KPI 3 round 1")) == (
            "ตัวชี้วัด 3 · รอบ 1"
        )
        assert labels.subject(entry("results.monthlyprogress", "กรม 2567 KPI 3 month 4")) == (
            "ตัวชี้วัด 3 · ความก้าวหน้า ม.ค."
        )
        assert labels.subject(entry("results.roundreview", "กรม 2567 round 2: locked")) == (
            "รอบที่ 2"
        )
        assert labels.subject(entry("scorecards.scorecardversion", "กรม 2567 v3")) == "ฉบับที่ 3"
        assert labels.subject(entry("results.evidence", "proof.pdf", "3")) == (
            "ตัวชี้วัด 3 · หลักฐาน proof.pdf"
        )


def test_results_as_entered_follow_the_templates_order_whatever_the_database_gives(mini):
    kpi = next(k for k in mini.kpis if len(k.inputs) >= 2)
    first, second = kpi.inputs[:2]
    shuffled = {second.id: "2", first.id: "1"}  # PostgreSQL's jsonb sorts keys its own way
    assert labels.as_entered(shuffled, kpi, 2).startswith(
        f"{first.name.th} = 1, {second.name.th} = 2"
    )
    assert labels.as_entered("12.5", kpi, 2) == "12.5"


def test_a_finding_is_shown_in_the_active_language(mini):
    from thaikpi.engine.audit import audit
    from thaikpi.engine.findings import Finding

    finding = Finding("duplicate key 'id'", message_th="คีย์ 'id' ซ้ำ")
    note = next(f for f in audit(mini).findings if f.note)
    for language, expected, expected_note in (
        ("th", "คีย์ 'id' ซ้ำ", note.note_th),
        ("en", "duplicate key 'id'", note.note),
    ):
        with translation.override(language):
            assert labels.finding(finding) == expected
            assert labels.finding(note) == expected_note


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("th", "มูลค่าการเจรจาการค้า = 98000, งบประมาณที่ได้รับ = 310"),
        ("en", "trade value = 98000, budget = 310"),
    ],
)
def test_inputs_are_shown_by_their_names_in_the_pages_language(mini, language, shown):
    from django.utils import translation

    kpi = mini.kpi("2")
    with translation.override(language):
        assert labels.as_entered({"trade_value": "98000", "budget": "310"}, kpi, 1) == shown
        assert labels.change({"raw": {"budget": "310", "trade_value": "98000"}}, kpi) == shown


def test_audit_formulas_read_in_thai_on_thai_pages(mini):
    from thaikpi.engine.audit import audit

    found = [f for f in audit(mini).findings if f.kpi == "2" and f.formula_th]
    assert found, "KPI 2 has a baseline and levels derived from it"
    for f in found:
        thai = f.formula_in("th")
        assert "interval" not in thai and "mean(" not in thai and "best(" not in thai
        assert f.formula_in("en") == f.formula


def test_a_formula_is_shown_with_its_inputs_thai_names(mini):
    from thaikpi.front.filters import formula_named

    assert formula_named(mini.kpi("2")) == "มูลค่าการเจรจาการค้า / งบประมาณที่ได้รับ"


@pytest.mark.parametrize(
    ("values", "th"),
    [
        ({"side": "agency", "version": 1}, "ลงนามในฐานะ: หัวหน้าส่วนราชการ, ฉบับที่: 1"),
        ({"state": "agreed", "version": 1}, "ลงนามเห็นชอบ"),
        ({"due": "2024-04-30"}, "วันครบกำหนด: 30 เม.ย. 2567"),
        ({"day": 15}, "วันครบกำหนดของทุกเดือน: 15"),
        ({"day": None}, "–"),
        (
            {"version": 1, "revised": [], "reason": "", "changes": [],
             "round_versions": [{"round": 1, "state": "draft", "follows_new": True}]},
            "ฉบับที่: 1",
        ),
        ({"start": "last_year", "year": 2568}, "เริ่มจาก: คำรับรองของปีที่แล้ว, ปีงบประมาณ: 2568"),
        ({"code": "DIV1", "kind": "division"}, "รหัส: DIV1, ประเภท: กอง/สำนัก"),
    ],
)  # fmt: skip
def test_history_rows_name_their_fields_in_thai_and_hide_bookkeeping(values, th):
    with translation.override("th"):
        shown = labels.change(values)
    assert shown == th


def test_a_monthly_import_names_its_inputs(mini):
    kpi = mini.kpi("2")
    with translation.override("th"):
        shown = labels.change({"file": "m.csv", "values": {"trade_value": 6}}, kpi)
    assert shown == "ไฟล์: m.csv, จำนวนเดือนต่อข้อมูล: มูลค่าการเจรจาการค้า = 6"


@pytest.mark.parametrize(
    ("object_type", "text", "th"),
    [
        ("deadlines.monthlydue", "กรม 2567 KPI 3: monthly by day 15",
         "ตัวชี้วัด 3 · รายงานรายเดือนภายในวันที่ 15"),
        ("deadlines.deadline", "กรม 2567 round 2 *: 2024-10-31", "รอบที่ 2 · วันครบกำหนด"),
        ("deadlines.deadline", "กรม 2567 round 1 4: 2024-04-15", "ตัวชี้วัด 4 · รอบที่ 1 · วันครบกำหนด"),
        ("scorecards.signature", "กรม 2567 v1 agency ekk", "ฉบับที่ 1 · การลงนาม"),
    ],
)  # fmt: skip
def test_deadline_and_signature_subjects_read_in_thai(object_type, text, th):
    entry = SimpleNamespace(object_type=object_type, object_repr=text, kpi_id="")
    with translation.override("th"):
        assert labels.subject(entry) == th


@pytest.mark.parametrize("code", ["scorecard.sign", "scorecard.agree", "scorecard.create",
                                  "agency.create", "joint.define"])  # fmt: skip
def test_every_recorded_action_has_a_thai_word(code):
    with translation.override("th"):
        assert labels.action(code) != code
