"""Due dates across the Thai fiscal year, the to-do list, and notifications sent once."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from thaikpi.deadlines.models import Deadline, Notification
from thaikpi.services import deadlines, notifications, results, reviews
from thaikpi.services.errors import NotAllowed

D = datetime.date


@pytest.mark.parametrize(
    ("year_be", "month", "day", "due"),
    [
        (2567, 1, 15, D(2023, 11, 15)),  # October 2566 → 15 November
        (2567, 3, 15, D(2024, 1, 15)),  # December → January, the calendar year turns
        (2567, 4, 15, D(2024, 2, 15)),
        (2567, 11, 15, D(2024, 9, 15)),  # August → September, last month of the fiscal year
        (2567, 12, 15, D(2024, 10, 15)),  # September → October: due in fiscal year 2568
        (2568, 1, 1, D(2024, 11, 1)),
    ],
)
def test_monthly_progress_is_due_by_the_day_of_the_following_month(year_be, month, day, due):
    assert deadlines.monthly_due_date(year_be, month, day) == due


@pytest.mark.parametrize(
    ("due", "today", "overdue"),
    [
        (D(2024, 9, 30), D(2024, 9, 30), False),  # due today is on time
        (D(2024, 9, 30), D(2024, 10, 1), True),  # the day after, across the fiscal year's end
        (D(2024, 10, 1), D(2024, 9, 30), False),
        (None, D(2024, 10, 1), False),  # no due date is never overdue
    ],
)
def test_something_is_overdue_only_from_the_day_after_its_due_date(due, today, overdue):
    assert deadlines.is_overdue(due, today) is overdue


def test_a_kpi_is_due_on_its_own_date_else_on_the_rounds(world):
    deadlines.set_dues(world.pim, world.card, {(2, ""): D(2024, 10, 31), (2, "3"): D(2024, 10, 15)})
    dues = deadlines.dues_of(world.card)
    assert deadlines.kpi_due(dues, 2, "3") == D(2024, 10, 15)
    assert deadlines.kpi_due(dues, 2, "1") == D(2024, 10, 31)
    assert deadlines.kpi_due(dues, 1, "1") is None


@pytest.mark.parametrize(("who", "allowed"), [("pim", True), ("eve", True), ("oat", False),
                                              ("ekk", False), ("mallory", False)])  # fmt: skip
def test_planners_and_evaluators_set_due_dates_and_no_one_else(world, who, allowed):
    user = world.user(who)
    if allowed:
        assert deadlines.set_dues(user, world.card, {(1, ""): D(2024, 4, 30)}) == 1
        assert Deadline.objects.get(scorecard=world.card, round_no=1).due == D(2024, 4, 30)
    else:
        with pytest.raises(NotAllowed):
            deadlines.set_dues(user, world.card, {(1, ""): D(2024, 4, 30)})


def test_setting_a_due_date_is_audited_and_clearing_it_removes_it(world):
    from thaikpi.changelog.models import AuditLog

    deadlines.set_dues(world.pim, world.card, {(1, ""): D(2024, 4, 30)})
    deadlines.set_dues(world.pim, world.card, {(1, ""): None})
    log = AuditLog.objects.filter(action="deadline.set").order_by("pk")
    assert [(e.before, e.after) for e in log] == [
        ({"due": None}, {"due": "2024-04-30"}),
        ({"due": "2024-04-30"}, {"due": None}),
    ]
    assert not Deadline.objects.exists()


def _kinds(items):
    return [(i.kind, i.round_no, i.kpi_id, i.overdue) for i in items]


def test_the_owners_to_do_list_has_their_kpis_missing_results_overdue_first(world):
    deadlines.set_dues(world.pim, world.card, {(1, ""): D(2024, 4, 30), (2, ""): D(2024, 10, 31)})
    items = deadlines.todo_for(world.oat, D(2024, 10, 1))
    assert _kinds(items) == [("enter", 1, "3", True), ("enter", 2, "3", False)]
    assert items[0].due == D(2024, 4, 30)


def test_the_planner_must_enter_every_missing_result_and_submit(world):
    deadlines.set_dues(world.pim, world.card, {(2, ""): D(2024, 10, 31)})
    results.save_result(world.pim, world.card, "1", 2, "2.4", "", 0)
    items = deadlines.todo_for(world.pim, D(2024, 10, 1))
    assert [(i.kind, i.kpi_id) for i in items] == [("enter", "2"), ("enter", "3"), ("submit", "")]
    assert all(i.due == D(2024, 10, 31) and not i.overdue for i in items)


def test_a_submitted_round_leaves_the_planners_list_and_enters_the_evaluators(world):
    deadlines.set_dues(world.pim, world.card, {(1, ""): D(2024, 4, 30)})
    reviews.transition(world.pim, world.card, 1, "submit")
    assert deadlines.todo_for(world.pim, D(2024, 5, 1)) == []
    assert _kinds(deadlines.todo_for(world.eve, D(2024, 5, 1))) == [("review", 1, "", False)]


def test_monthly_progress_is_asked_for_the_earliest_missing_month(world):
    deadlines.set_dues(world.pim, world.card, {}, {"3": 15})
    results.set_progress(world.pim, world.card, "3", 1, __import__("decimal").Decimal("5"))
    (item,) = deadlines.todo_for(world.oat, D(2023, 12, 16))
    assert (item.kind, item.month, item.due, item.overdue) == ("progress", 2, D(2023, 12, 15), True)


def test_a_scorecard_without_due_dates_asks_nothing(world):
    assert deadlines.todo_for(world.pim, D(2024, 10, 1)) == []


# -- notifications ---------------------------------------------------------------------------


def _keys(user):
    return sorted(n.kind for n in Notification.objects.filter(user=user))


def test_workflow_events_notify_who_acts_next_and_not_the_actor(world):
    reviews.transition(world.pim, world.card, 1, "submit")
    assert _keys(world.eve) == ["review.submit"]
    assert _keys(world.pim) == []
    reviews.transition(world.eve, world.card, 1, "return", "KPI 3 needs evidence")
    assert _keys(world.pim) == ["review.return"]
    assert _keys(world.oat) == ["review.return"]  # owners hear of a return
    assert _keys(world.ekk) == [] and _keys(world.mallory) == []
    reviews.transition(world.pim, world.card, 1, "submit")
    assert _keys(world.eve) == ["review.submit", "review.submit"]  # a resubmission is new
    reviews.transition(world.eve, world.card, 1, "approve")
    reviews.transition(world.eve, world.card, 1, "lock")
    assert _keys(world.pim) == ["review.approve", "review.lock", "review.return"]
    assert _keys(world.eve) == ["review.submit", "review.submit"]


def test_a_refused_action_notifies_no_one(world):
    with pytest.raises(NotAllowed):
        reviews.transition(world.oat, world.card, 1, "submit")
    assert not Notification.objects.exists()


def test_the_return_notification_reads_in_thai_and_english(world):
    reviews.transition(world.pim, world.card, 1, "submit")
    reviews.transition(world.eve, world.card, 1, "return", "แนบหลักฐาน")
    row = Notification.objects.get(user=world.pim)
    assert notifications.text(row, "th") == (
        "กรมส่งเสริมการค้าระหว่างประเทศ: รอบที่ 1 ถูกส่งกลับให้แก้ไขโดย Eve “แนบหลักฐาน”"
    )
    assert "round 1 was returned for changes by Eve" in notifications.text(row, "en")


def test_the_remind_command_run_twice_sends_each_event_once(world):
    for user in (world.pim, world.oat, world.eve):
        user.email = f"{user.username}@example.go.th"
        user.save()
    deadlines.set_dues(world.pim, world.card, {(1, ""): D(2024, 4, 30)})
    reviews.transition(world.pim, world.card, 2, "submit")  # → eve
    call_command("thaikpi_remind", today="2024-05-02", stdout=__import__("io").StringIO())
    call_command("thaikpi_remind", today="2024-05-02", stdout=__import__("io").StringIO())
    assert sorted(m.to[0] for m in mail.outbox) == [
        "eve@example.go.th",
        "oat@example.go.th",
        "pim@example.go.th",
    ]
    oat = next(m for m in mail.outbox if m.to == ["oat@example.go.th"])
    assert "เลยกำหนดตั้งแต่ 30 เมษายน 2567" in oat.body
    assert "Overdue since 30 April 2024" in oat.body
    assert Notification.objects.filter(emailed_at__isnull=True, user__email__gt="").count() == 0


def test_a_reminder_comes_once_when_near_and_once_more_when_overdue(world):
    world.oat.email = "oat@example.go.th"
    world.oat.save()
    deadlines.set_dues(world.pim, world.card, {(1, ""): D(2024, 4, 30)})
    out = __import__("io").StringIO()
    for day in ("2024-04-01", "2024-04-25", "2024-04-28", "2024-05-01", "2024-05-09"):
        call_command("thaikpi_remind", today=day, stdout=out)
    assert [n.kind for n in Notification.objects.filter(user=world.oat).order_by("pk")] == [
        "due.soon",
        "due.overdue",
    ]
    assert len(mail.outbox) == 2


def unread(user) -> int:
    """The user's unread notifications (the header's number)."""
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def test_users_without_an_address_are_not_mailed_but_see_the_inbox(world):
    reviews.transition(world.pim, world.card, 1, "submit")
    assert notifications.send_pending() == 0
    assert unread(world.eve) == 1
    assert notifications.mark_read(world.eve) == 1
    assert unread(world.eve) == 0
