"""Joint KPIs: defined once, entered once by the owner, scored in every scorecard carrying it."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.utils import translation

from tests.joint_world import CODE, department, member_text
from tests.joint_world import jw as jw  # the fixture
from tests.personas import mini_text
from thaikpi.changelog.models import AuditLog
from thaikpi.joint.models import JointLink
from thaikpi.reports import excel
from thaikpi.results.models import Result
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import (
    deadlines,
    engine,
    imports,
    joint,
    lists,
    results,
    reviews,
    whatif,
    workbooks,
)
from thaikpi.services import reports as report_service
from thaikpi.services.errors import Invalid, NotAllowed


def owner_enters(jw, value: str = "1.2", round_no: int = 1) -> None:
    results.save_result(jw.w.pim, jw.w.card, "1", round_no, value, "", 0)


def move_owner(jw, *actions: str, round_no: int = 1) -> None:
    for action in actions:
        user = jw.w.pim if action == "submit" else jw.w.eve
        reviews.transition(user, jw.w.card, round_no, action, "ตรวจใหม่")


def kpi_1(card, round_no: int = 1):
    return engine.score(card, round_no).kpi("1")


# -- importing a template that names a joint KPI


def test_importing_a_template_that_names_a_joint_kpi_links_that_kpi_to_it(jw):
    links = JointLink.objects.filter(scorecard=jw.member)
    assert [(link.kpi_id, link.joint.code) for link in links] == [("1", CODE)]


@pytest.mark.parametrize(
    ("agency", "text", "says"),
    [
        ("DTN", member_text("DTN", "no-such-code"), "no joint KPI no-such-code is defined"),
        ("DFT", member_text("DFT"), "is not a member of the joint KPI"),
        ("DITP", member_text("DITP", kpi_id="3"), "as its KPI 1"),
    ],
    ids=["unknown code", "not a member", "owner names another KPI"],
)
def test_a_template_naming_a_joint_kpi_it_may_not_carry_is_refused(jw, agency, text, says):
    if agency == "DFT":
        department("DFT", "กรมการค้าต่างประเทศ", jw.w.ditp.parent)
    with translation.override("en"), pytest.raises(Invalid) as refused:
        imports.import_version(jw.w.ada, text, "link it")
    assert says in refused.value.message


def test_a_new_version_without_the_joint_field_unlinks_the_kpi(jw):
    imports.import_template(jw.w.ada, mini_text("DTN"), "no longer joint")
    assert not JointLink.objects.filter(scorecard=jw.member).exists()


def test_the_owner_may_name_the_joint_kpi_on_its_own_kpi_and_keeps_its_own_result(jw):
    imports.import_template(jw.w.ada, member_text("DITP"), "name the joint KPI")
    owner_enters(jw, "1.2")
    assert kpi_1(jw.w.card).actual == Decimal("1.20")
    assert engine.score(jw.w.card, 1).shared == {}


# -- the rule: the owner's result counts once its round is sent for review


@pytest.mark.parametrize(
    ("actions", "state", "counts"),
    [
        ((), "draft", False),
        (("submit",), "submitted", True),
        (("submit", "return"), "returned", False),
        (("submit", "approve"), "approved", True),
        (("submit", "approve", "lock"), "locked", True),
    ],
)
def test_a_member_scores_the_owners_result_once_the_owner_sent_its_round(
    jw, actions, state, counts
):
    owner_enters(jw, "1.2")
    move_owner(jw, *actions)
    scored = engine.score(jw.member, 1)
    source = scored.shared["1"]
    assert (source.state, source.counts) == (state, counts)
    assert scored.kpi("1").actual == (Decimal("1.20") if counts else None)


def test_both_scorecards_score_the_one_joint_result_the_same_in_every_path(jw):
    owner_enters(jw, "1.2")
    move_owner(jw, "submit")
    owner, member = kpi_1(jw.w.card), kpi_1(jw.member)
    assert (member.actual, member.score, member.weighted) == (
        owner.actual,
        owner.score,
        owner.weighted,
    )
    assert member.score == Decimal("87.50")  # 1.20 lies between 1.05 (75) and 1.35 (100)
    many = dict((c.pk, s) for c, s in engine.score_many([jw.w.card, jw.member], 1))
    assert many[jw.member.pk].kpi("1").score == owner.score
    report = report_service.report_data(jw.member, 1)
    assert report.scored.kpi("1").score == owner.score
    assert "1" in report.results
    source = report.evidence["1"][0]  # the PDF names where the result comes from
    assert source.name.startswith("ผลร่วมจาก กรมส่งเสริมการค้าระหว่างประเทศ")
    assert "ส่งให้ผู้ประเมินแล้ว" in source.note
    need = whatif.need_for_total(jw.member, 1, Decimal(90))
    assert "1" not in [k.kpi_id for k in need.needs]


def test_a_members_own_row_for_a_joint_kpi_is_never_scored(jw):
    Result.objects.create(
        scorecard=jw.member, kpi_id="1", round_no=1, raw="9", version=jw.member.current
    )
    assert kpi_1(jw.member).actual is None  # waiting for the owner, not its own 9
    owner_enters(jw, "1.2")
    move_owner(jw, "submit")
    assert kpi_1(jw.member).actual == Decimal("1.20")


# -- the other agencies read it and cannot overwrite it


@pytest.mark.parametrize("who", ["tui", "ada"])
def test_entering_a_members_joint_kpi_is_refused_with_where_it_comes_from(jw, who):
    user = jw.tui if who == "tui" else jw.w.ada
    with translation.override("en"), pytest.raises(NotAllowed) as refused:
        results.save_result(user, jw.member, "1", 1, "3.0", "", 0)
    assert "กรมส่งเสริมการค้าระหว่างประเทศ enters its result once" in refused.value.message
    with translation.override("th"), pytest.raises(NotAllowed) as refused:
        results.save_result(user, jw.member, "1", 1, "3.0", "", 0)
    assert "ไม่สามารถกรอกหรือแก้ไข" in refused.value.message
    assert not Result.objects.filter(scorecard=jw.member).exists()


def test_a_member_cannot_preview_or_log_progress_for_a_joint_kpi_but_may_for_its_own(jw):
    with pytest.raises(NotAllowed):
        results.preview(jw.member, "1", 1, "3.0")
    with pytest.raises(NotAllowed):
        results.set_progress(jw.tui, jw.member, "1", 1, Decimal("0.4"))
    results.save_result(jw.tui, jw.member, "3", 1, {"trade_value": "40", "budget": "1"}, "", 0)
    review = reviews.rounds.review_of(jw.member, 1)
    assert results.editable_kpis(jw.tui, jw.member, review) == {"2", "3"}


# -- review and lock follow the owning agency


@pytest.mark.parametrize(
    ("owner_actions", "member_action", "allowed"),
    [
        (("submit",), "approve", False),
        (("submit", "approve"), "approve", True),
        (("submit", "approve"), "lock", False),
        (("submit", "approve", "lock"), "lock", True),
    ],
)
def test_a_members_approve_and_lock_follow_the_owners_review(
    jw, owner_actions, member_action, allowed
):
    owner_enters(jw)
    move_owner(jw, *owner_actions)
    reviews.transition(jw.tui, jw.member, 1, "submit")
    steps = ["approve", "lock"] if member_action == "lock" else ["approve"]
    if member_action == "lock":
        reviews.transition(jw.w.eve, jw.member, 1, "approve")
    if allowed:
        reviews.transition(jw.w.eve, jw.member, 1, steps[-1])
        return
    with translation.override("en"), pytest.raises(joint.WaitsForOwner) as refused:
        reviews.transition(jw.w.eve, jw.member, 1, steps[-1])
    assert f"{member_action} its round 1 first" in refused.value.message


# -- defining


def test_only_evaluators_define_a_joint_kpi_and_the_log_keeps_the_definition(jw):
    with pytest.raises(NotAllowed):
        joint.define(jw.w.pim, "x", 2567, "ร่วม", jw.w.ditp, "1", [])
    entry = AuditLog.objects.get(action="joint.define")  # defined before any carrier
    assert entry.after["members"] == ["DBD", "DTN"]
    assert (entry.after["owner"], entry.after["owner_kpi"]) == ("DITP", "1")


def test_the_owners_kpi_lists_the_scorecards_that_carry_its_result(jw):
    code, carriers = joint.carriers(jw.w.card, "1")
    assert code == CODE
    assert [(c.scorecard_id, c.agency_th) for c in carriers] == [
        (jw.member.pk, "กรมเจรจาการค้าระหว่างประเทศ")
    ]
    assert joint.carriers(jw.w.card, "3") == ("", [])


def test_a_members_workbook_round_trip_leaves_the_joint_kpi_to_its_owner(jw):
    owner_enters(jw, "1.2")
    move_owner(jw, "submit")
    book = openpyxl.load_workbook(io.BytesIO(report_service.xlsx(jw.member, 1)))
    rows = excel.entry_rows(engine.current(jw.member), 1)
    at = {(r.kpi.id, r.key): excel.ENTRY_FIRST_ROW + i for i, r in enumerate(rows)}
    book[excel.ENTRY][f"E{at[('1', excel.ACTUAL)]}"] = 3.0  # typed over the owner's figure
    book[excel.ENTRY][f"E{at[('3', 'trade_value')]}"] = 3750
    book[excel.ENTRY][f"E{at[('3', 'budget')]}"] = 100
    buffer = io.BytesIO()
    book.save(buffer)
    saved = workbooks.import_results(jw.tui, jw.member, buffer.getvalue(), "dtn.xlsx")
    assert saved.kpis == ("3",)
    assert kpi_1(jw.member).actual == Decimal("1.20")


def test_a_members_to_do_list_never_asks_it_to_enter_the_joint_kpi(jw):
    deadlines.set_dues(jw.tui, jw.member, {(1, ""): datetime.date(2024, 4, 30)}, {"1": 15})
    items = deadlines.todo_for(jw.tui, datetime.date(2024, 3, 1))
    asked = {(i.kind, i.kpi_id) for i in items}
    assert ("enter", "3") in asked and ("submit", "") in asked
    assert not {(kind, kpi) for kind, kpi in asked if kpi == "1"}


def test_a_members_submit_checklist_leaves_the_joint_kpi_to_its_owner(jw):
    checklist = reviews.submit_checklist(jw.member, 1)
    assert [i.kpi_id for i in checklist.missing] == ["3"]  # not "1", the owner's to enter


def test_a_redefinition_cannot_drop_a_member_whose_scorecard_still_carries_it(jw):
    with translation.override("en"), pytest.raises(Invalid) as refused:
        joint.define(jw.w.eve, CODE, 2567, "ส่งออก", jw.w.ditp, "1", [jw.w.dbd])
    assert "กรมเจรจาการค้าระหว่างประเทศ still carries this joint KPI" in refused.value.message
    imports.import_template(jw.w.ada, mini_text("DTN"), "no longer joint")
    joint.define(jw.w.eve, CODE, 2567, "ส่งออก", jw.w.ditp, "1", [jw.w.dbd])
    assert list(jw.joint.members.values_list("code", flat=True)) == ["DBD"]


def test_the_owners_writes_move_the_members_changed_at_so_cached_totals_follow(jw):
    def changed(card):
        return Scorecard.objects.get(pk=card.pk).changed_at

    def totals():
        ranked = lists.comparison(jw.w.eve, 2567, 1)  # (scorecard id, standing) pairs
        codes = dict(Scorecard.objects.values_list("pk", "agency__code"))
        return {codes[pk]: standing.total for pk, standing in ranked}

    assert totals()["DTN"] == Decimal("0.0000")
    before, other = changed(jw.member), changed(jw.w.other)
    owner_enters(jw, "1.2")
    assert changed(jw.member) > before and changed(jw.w.other) == other
    move_owner(jw, "submit")
    assert totals()["DTN"] == Decimal("35.0000")  # 87.50 × 40 / 100, the owner's result


def test_redefining_a_joint_kpi_is_logged_against_every_scorecard_carrying_it(jw):
    joint.define(jw.w.eve, CODE, 2567, "ส่งออก", jw.w.ditp, "1", [jw.w.dbd, jw.dtn])
    logged = AuditLog.objects.filter(action="joint.define", scorecard=jw.member)
    assert logged.get().before["name_th"] == "อัตราการขยายตัวของมูลค่าการส่งออกรวม"
