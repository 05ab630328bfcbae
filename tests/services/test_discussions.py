"""Threaded comments per KPI and per round: who comments, who resolves, history, notifications."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests.personas import bring_round
from thaikpi.changelog.models import AuditLog
from thaikpi.deadlines.models import Notification
from thaikpi.discussions.models import Comment
from thaikpi.reports import briefing, pdf
from thaikpi.services import discussions, notifications, reviews
from thaikpi.services import reports as report_service
from thaikpi.services.errors import Invalid, NotAllowed, RoundClosed


def told(world, key_start: str = "comment.") -> dict[str, int]:
    """Who has a comment notification: username → how many."""
    found: dict[str, int] = {}
    for n in Notification.objects.filter(key__startswith=key_start).select_related("user"):
        found[n.user.username] = found.get(n.user.username, 0) + 1
    return found


@pytest.mark.parametrize(
    ("name", "may"),
    [("oat", True), ("pim", True), ("ekk", True), ("eve", True), ("ada", True), ("mallory", False)],
)
def test_whoever_reads_the_scorecard_may_comment_and_no_one_else(world, name, may):
    user = world.user(name)
    if may:
        comment = discussions.add(user, world.card, 1, "ตรวจสอบตัวเลข", kpi_id="3")
        assert (comment.author, comment.kpi_id, comment.round_no) == (user, "3", 1)
    else:
        with pytest.raises(NotAllowed):
            discussions.add(user, world.card, 1, "ตรวจสอบตัวเลข", kpi_id="3")
        assert Comment.objects.count() == 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"body": "   "}, "Write a comment first."),
        ({"body": "x" * 4001}, "A comment has at most 4000 characters."),
        ({"body": "ok", "round_no": 9}, "This scorecard has no round 9."),
        ({"body": "ok", "kpi_id": "99"}, "This scorecard has no KPI 99."),
    ],
    ids=["empty", "too long", "no such round", "no such KPI"],
)
def test_a_comment_that_cannot_be_placed_is_refused_with_a_reason(world, kwargs, message):
    args = {"round_no": 1, **kwargs}
    with translation.override("en"), pytest.raises(Invalid) as refused:
        discussions.add(world.pim, world.card, args.pop("round_no"), args.pop("body"), **args)
    assert refused.value.message == message
    assert Comment.objects.count() == 0


def test_a_reply_joins_the_thread_of_its_first_comment_and_takes_its_place(world):
    root = discussions.add(world.oat, world.card, 1, "ผลไตรมาสนี้รวมโครงการใหม่ด้วย", kpi_id="3")
    reply = discussions.add(world.eve, world.card, 2, "ขอหลักฐาน", parent_id=root.pk)
    again = discussions.add(world.oat, world.card, 1, "แนบแล้ว", parent_id=reply.pk)
    assert (reply.parent_id, again.parent_id) == (root.pk, root.pk)
    assert (reply.round_no, reply.kpi_id) == (1, "3")  # the thread's place, not the one asked
    [thread] = discussions.threads(world.card, 1, "3")
    assert [c.body for c in thread.replies] == ["ขอหลักฐาน", "แนบแล้ว"]


def test_a_reply_to_another_scorecards_comment_is_refused(world):
    theirs = discussions.add(world.mallory, world.other, 1, "ของกรมอื่น")
    with pytest.raises(Invalid):
        discussions.add(world.pim, world.card, 1, "ตอบ", parent_id=theirs.pk)


@pytest.mark.parametrize(
    ("resolver", "may"),
    [("oat", True), ("pim", True), ("eve", True), ("ada", True), ("ekk", False)],
    ids=["the author", "a planner", "an evaluator", "an administrator", "another reader"],
)
def test_the_author_planners_and_evaluators_resolve_a_thread(world, resolver, may):
    root = discussions.add(world.oat, world.card, 1, "ขอปรับตัวเลข", kpi_id="3")
    user = world.user(resolver)
    if may:
        discussions.set_resolved(user, world.card, root.pk, True)
        root.refresh_from_db()
        assert (root.resolved_by, root.resolved_at is not None) == (user, True)
    else:
        with pytest.raises(NotAllowed):
            discussions.set_resolved(user, world.card, root.pk, True)
        root.refresh_from_db()
        assert root.resolved_at is None


def test_resolving_a_reply_resolves_its_thread(world):
    root = discussions.add(world.oat, world.card, 1, "คำถาม", kpi_id="3")
    reply = discussions.add(world.eve, world.card, 1, "คำตอบ", parent_id=root.pk)
    assert discussions.set_resolved(world.eve, world.card, reply.pk, True) == root
    root.refresh_from_db()
    assert root.resolved


def test_another_agencys_planner_cannot_resolve_or_even_find_the_thread(world):
    root = discussions.add(world.oat, world.card, 1, "คำถาม", kpi_id="3")
    with pytest.raises(Invalid):
        discussions.set_resolved(world.mallory, world.other, root.pk, True)
    with pytest.raises(NotAllowed):
        discussions.set_resolved(world.mallory, world.card, root.pk, True)


def test_a_resolved_thread_takes_no_reply_until_it_is_reopened(world):
    root = discussions.add(world.oat, world.card, 1, "คำถาม", kpi_id="3")
    discussions.set_resolved(world.pim, world.card, root.pk, True)
    with translation.override("en"), pytest.raises(Invalid, match="reopen"):
        discussions.add(world.oat, world.card, 1, "อีกเรื่อง", parent_id=root.pk)
    discussions.set_resolved(world.oat, world.card, root.pk, False)
    discussions.add(world.oat, world.card, 1, "อีกเรื่อง", parent_id=root.pk)
    root.refresh_from_db()
    assert (root.resolved_at, root.resolved_by) == (None, None)


def test_the_history_keeps_every_resolve_and_reopen_with_who_in_order(world):
    root = discussions.add(world.oat, world.card, 1, "คำถาม", kpi_id="3")
    discussions.set_resolved(world.pim, world.card, root.pk, True)
    discussions.set_resolved(world.pim, world.card, root.pk, True)  # already: nothing more
    discussions.set_resolved(world.eve, world.card, root.pk, False)
    discussions.set_resolved(world.eve, world.card, root.pk, True)
    [thread] = discussions.threads(world.card, 1, "3")
    assert [(e.action, e.actor.username) for e in thread.events] == [
        ("comment.resolve", "pim"),
        ("comment.reopen", "eve"),
        ("comment.resolve", "eve"),
    ]
    log = AuditLog.objects.filter(scorecard=world.card, kpi_id="3").order_by("at", "id")
    assert [e.action for e in log] == [
        "comment.add",
        "comment.resolve",
        "comment.reopen",
        "comment.resolve",
    ]
    assert log[0].after == {"value": "คำถาม"}


def test_threads_are_read_per_kpi_per_round_or_all_at_once(world):
    discussions.add(world.oat, world.card, 1, "ตัวที่ 3", kpi_id="3")
    discussions.add(world.pim, world.card, 1, "ทั้งรอบ")
    discussions.add(world.pim, world.card, 2, "รอบสอง")
    discussions.add(world.pim, world.card, 1, "ตัวที่ 1", kpi_id="1")

    def bodies(kpi_id):
        return [t.root.body for t in discussions.threads(world.card, 1, kpi_id)]

    assert bodies("3") == ["ตัวที่ 3"]
    assert bodies(discussions.ROUND_ONLY) == ["ทั้งรอบ"]
    assert bodies(None) == ["ตัวที่ 3", "ทั้งรอบ", "ตัวที่ 1"]


def test_open_counts_count_unresolved_threads_per_kpi_and_for_the_round(world):
    first = discussions.add(world.oat, world.card, 1, "ก", kpi_id="3")
    discussions.add(world.pim, world.card, 1, "ข", kpi_id="3")
    discussions.add(world.eve, world.card, 1, "ตอบ", parent_id=first.pk)  # a reply: no thread
    discussions.add(world.pim, world.card, 1, "ทั้งรอบ")
    discussions.add(world.pim, world.card, 2, "รอบสอง")
    assert discussions.open_counts(discussions.threads(world.card, 1)) == {"3": 2, "": 1}
    discussions.set_resolved(world.pim, world.card, first.pk, True)
    assert discussions.open_counts(discussions.threads(world.card, 1)) == {"3": 1, "": 1}


# -- locked rounds --------------------------------------------------------------------------


def test_a_locked_rounds_discussion_takes_no_thread_reply_resolve_or_reopen(world):
    open_one = discussions.add(world.oat, world.card, 1, "คำถาม", kpi_id="3")
    done = discussions.add(world.pim, world.card, 1, "ภาพรวม")
    discussions.set_resolved(world.eve, world.card, done.pk, True)
    bring_round(world, "locked")
    logged, told_before = AuditLog.objects.count(), Notification.objects.count()
    attempts = [
        lambda: discussions.add(world.oat, world.card, 1, "ใหม่", kpi_id="3"),
        lambda: discussions.add(world.eve, world.card, 1, "ทั้งรอบ"),
        lambda: discussions.add(world.eve, world.card, 1, "ตอบ", parent_id=open_one.pk),
        lambda: discussions.set_resolved(world.eve, world.card, open_one.pk, True),
        lambda: discussions.set_resolved(world.pim, world.card, done.pk, False),
    ]
    for attempt in attempts:
        with translation.override("en"), pytest.raises(RoundClosed) as refused:
            attempt()
        assert refused.value.message == "Round 1 is Locked; its comments cannot change."
    assert Comment.objects.count() == 2
    assert [t.resolved for t in discussions.threads(world.card, 1)] == [False, True]
    assert (AuditLog.objects.count(), Notification.objects.count()) == (logged, told_before)


def test_a_reply_to_a_resolved_thread_of_a_locked_round_says_it_is_locked_not_to_reopen(world):
    root = discussions.add(world.oat, world.card, 1, "คำถาม", kpi_id="3")
    discussions.set_resolved(world.eve, world.card, root.pk, True)
    bring_round(world, "locked")
    with translation.override("th"), pytest.raises(RoundClosed) as refused:
        discussions.add(world.oat, world.card, 1, "อีก", parent_id=root.pk)
    assert refused.value.message == (
        'รอบที่ 1 อยู่ในสถานะ "ปิดรอบแล้ว" จึงเพิ่มความเห็น ตอบกลับ หรือปิด/เปิดประเด็นไม่ได้'
    )


def test_a_reply_naming_another_round_is_refused_by_its_threads_locked_round(world):
    root = discussions.add(world.oat, world.card, 1, "คำถาม", kpi_id="3")
    bring_round(world, "locked")
    with pytest.raises(RoundClosed):  # round 2 is open, but the thread is round 1's
        discussions.add(world.oat, world.card, 2, "ตอบ", parent_id=root.pk)
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("state", ["draft", "submitted", "returned", "approved"])
def test_a_round_not_yet_locked_takes_comments_replies_and_resolves(world, state):
    bring_round(world, state)
    root = discussions.add(world.oat, world.card, 1, "คำถาม", kpi_id="3")
    discussions.add(world.eve, world.card, 1, "ตอบ", parent_id=root.pk)
    discussions.set_resolved(world.eve, world.card, root.pk, True)
    [thread] = discussions.threads(world.card, 1)
    assert (len(thread.replies), thread.resolved) == (1, True)


def test_the_other_rounds_of_a_scorecard_stay_open_when_one_is_locked(world):
    bring_round(world, "locked", round_no=1)
    comment = discussions.add(world.oat, world.card, 2, "รอบสอง", kpi_id="3")
    assert comment.round_no == 2


# -- notifications --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "audience"),
    [
        ("draft", {"pim": 1}),
        ("submitted", {"pim": 1, "eve": 1}),
        ("returned", {"pim": 1, "eve": 1}),
    ],
)
def test_a_new_kpi_thread_tells_the_planners_and_the_evaluators_who_have_the_round(
    world, state, audience
):
    if state != "draft":
        reviews.transition(world.pim, world.card, 1, "submit")
    if state == "returned":
        reviews.transition(world.eve, world.card, 1, "return", "แก้ตัวชี้วัด 3")
    discussions.add(world.oat, world.card, 1, "ตัวเลขนี้รวมโครงการใหม่", kpi_id="3")
    assert told(world) == audience


def test_a_reply_tells_the_thread_the_kpi_owner_and_planners_but_never_the_writer(world):
    root = discussions.add(world.eve, world.card, 1, "ขอหลักฐาน", kpi_id="3")
    assert told(world) == {"pim": 1, "oat": 1}  # eve wrote it: not told
    discussions.add(world.oat, world.card, 1, "แนบแล้ว", parent_id=root.pk)
    assert told(world, "comment.add:") == {"pim": 2, "oat": 1, "eve": 1}


def test_a_round_thread_does_not_tell_kpi_owners(world):
    discussions.add(world.pim, world.card, 1, "ภาพรวมของรอบ")
    reviews.transition(world.pim, world.card, 1, "submit")
    discussions.add(world.ekk, world.card, 1, "ภาพรวมของรอบ")
    assert "oat" not in told(world)
    assert told(world) == {"pim": 1, "eve": 1}


def test_each_event_is_told_once_however_often_the_thread_is_read(world, client):
    root = discussions.add(world.oat, world.card, 1, "คำถาม", kpi_id="3")
    discussions.set_resolved(world.eve, world.card, root.pk, True)
    for _ in range(3):
        discussions.threads(world.card, 1, "3")
        discussions.open_counts(discussions.threads(world.card, 1))
    assert Notification.objects.filter(user=world.pim).count() == 2
    kinds = set(Notification.objects.values_list("kind", flat=True))
    assert kinds == {"comment.new", "comment.resolve"}


def test_a_refused_comment_tells_no_one(world):
    with pytest.raises(Invalid):
        discussions.add(world.oat, world.card, 1, "", kpi_id="3")
    assert told(world) == {}


@pytest.mark.parametrize(
    ("lang", "kind", "kpi", "expected"),
    [
        ("en", "comment.new", "3", "Oat commented on KPI 3, round 1 (DITP en): “ขอหลักฐาน”"),
        ("en", "comment.reply", "", "Oat replied on round 1 (DITP en): “ขอหลักฐาน”"),
        ("th", "comment.new", "3", "Oat แสดงความเห็นที่ตัวชี้วัด 3 รอบที่ 1 (กรม): “ขอหลักฐาน”"),
        ("th", "comment.resolve", "", "Oat ปิดประเด็นความเห็นที่รอบที่ 1 (กรม): “ขอหลักฐาน”"),
    ],
)
def test_notifications_say_who_did_what_where_in_the_readers_language(lang, kind, kpi, expected):
    params = {"agency": "กรม", "agency_en": "DITP en", "round": 1, "kpi": kpi, "by": "Oat"}
    row = Notification(kind=kind, params=params | {"excerpt": "ขอหลักฐาน"})
    assert notifications.text(row, lang) == expected


def test_a_notification_links_to_the_comment_on_the_page_that_shows_its_thread(world):
    root = discussions.add(world.oat, world.card, 1, "คำถาม", kpi_id="3")
    round_thread = discussions.add(world.oat, world.card, 2, "ทั้งรอบ")
    by_kind = {n.params["kpi"]: n.url for n in Notification.objects.filter(user=world.pim)}
    card = world.card.pk
    assert by_kind == {
        "3": f"/scorecards/{card}/kpis/3/?round=1#comment-{root.pk}",
        "": f"/scorecards/{card}/?round=2#comment-{round_thread.pk}",
    }


# -- reports ----------------------------------------------------------------------------------


def test_the_reports_get_every_thread_with_replies_and_resolved_marks(world):
    world.oat.first_name, world.eve.first_name = "โอ๊ต", "อีฟ"
    root = discussions.add(world.oat, world.card, 1, "คำถาม", kpi_id="3")
    discussions.add(world.eve, world.card, 1, "คำตอบ", parent_id=root.pk)
    discussions.set_resolved(world.eve, world.card, root.pk, True)
    discussions.add(world.eve, world.card, 1, "ภาพรวม")
    per_kpi, on_round = discussions.report_comments(world.card, 1)
    assert [c.text for c in per_kpi["3"]] == ["คำถาม", "↳ คำตอบ", "✓ ปิดประเด็นแล้ว"]
    assert [c.text for c in on_round] == ["ภาพรวม"]
    assert discussions.report_comments(world.card, 1, only_open=True)[0] == {}


def test_the_briefing_lists_open_threads_with_their_kpi_and_replies(world):
    root = discussions.add(world.oat, world.card, 1, "คำถาม", kpi_id="3")
    discussions.add(world.eve, world.card, 1, "คำตอบ", parent_id=root.pk)
    done = discussions.add(world.eve, world.card, 1, "ปิดแล้ว")
    discussions.set_resolved(world.eve, world.card, done.pk, True)
    assert [c.text for c in discussions.briefing_comments(world.card, 1)] == [
        "ตัวชี้วัดที่ 3: คำถาม (ตอบกลับ 1 ครั้ง)"
    ]


def test_the_briefing_lists_the_return_comment_and_open_threads_until_resolved(world):
    reviews.transition(world.pim, world.card, 1, "submit")
    reviews.transition(world.eve, world.card, 1, "return", "แนบหลักฐาน")
    root = discussions.add(world.oat, world.card, 1, "แนบแล้ว", kpi_id="3")
    data = report_service.briefing_data(world.card, 1, world.ekk)
    assert [c.text for c in data.comments] == ["แนบหลักฐาน", "ตัวชี้วัดที่ 3: แนบแล้ว"]
    discussions.set_resolved(world.eve, world.card, root.pk, True)
    data = report_service.briefing_data(world.card, 1, world.ekk)
    assert [c.text for c in data.comments] == ["แนบหลักฐาน"]
    assert "ตัวชี้วัดที่ 3: แนบแล้ว" not in briefing.render_html(data)


def test_the_briefing_reads_the_review_and_the_threads_once_as_the_report_did(world):
    reviews.transition(world.pim, world.card, 1, "submit")
    reviews.transition(world.eve, world.card, 1, "return", "แนบหลักฐาน")
    root = discussions.add(world.oat, world.card, 1, "แนบแล้ว", kpi_id="3")
    discussions.set_resolved(world.eve, world.card, root.pk, True)  # the threads' history too
    report_service.briefing_data(world.card, 1, world.ekk)  # fills the engine's caches
    with CaptureQueriesContext(connection) as seen:
        data = report_service.briefing_data(world.card, 1, world.ekk)
    sqls = [q["sql"] for q in seen.captured_queries]
    # The review read on its own (the scoring's version look-up joins it with the versions).
    assert sum('FROM "results_roundreview" WHERE' in sql for sql in sqls) == 1
    assert sum('FROM "discussions_comment"' in sql for sql in sqls) == 1
    assert sum('FROM "audit_auditlog"' in sql for sql in sqls) == 1
    assert [c.text for c in data.comments] == ["แนบหลักฐาน"]  # the thread is resolved


def test_the_full_report_shows_each_kpis_thread_on_its_page_and_the_rounds_on_the_summary(world):
    root = discussions.add(world.oat, world.card, 1, "คำถามตัวที่ 3", kpi_id="3")
    discussions.add(world.eve, world.card, 1, "คำตอบ", parent_id=root.pk)
    discussions.add(world.pim, world.card, 1, "ภาพรวมของรอบ")
    data = report_service.report_data(world.card, 1)
    assert [c.text for c in data.comments["3"]] == ["คำถามตัวที่ 3", "↳ คำตอบ"]
    assert [c.text for c in data.round_comments] == ["ภาพรวมของรอบ"]
    page = pdf.render_html(data)
    assert "↳ คำตอบ" in page
    assert "ความเห็นต่อผลการดำเนินงานรอบนี้" in page


def test_a_comment_is_mailed_once_in_thai_and_english(world, mailoutbox):
    world.pim.email = "pim@example.org"
    world.pim.save()
    discussions.add(world.oat, world.card, 1, "ขอหลักฐานเพิ่ม", kpi_id="3")
    assert notifications.send_pending() == 1
    assert notifications.send_pending() == 0
    [mail] = mailoutbox
    assert "แสดงความเห็นที่ตัวชี้วัด 3 รอบที่ 1" in mail.body
    assert "commented on KPI 3, round 1" in mail.body
    assert f"/scorecards/{world.card.pk}/kpis/3/?round=1#comment-" in mail.body
