"""The to-do list, inbox, due dates page and the calendar feed (read back with icalendar)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from icalendar import Calendar

from tests.personas import World
from thaikpi.changelog.models import AuditLog
from thaikpi.deadlines.models import Deadline, Notification
from thaikpi.services import deadlines, reviews

D = datetime.date


def logged_in(world: World, name: str) -> Client:
    client = Client()
    client.force_login(world.user(name))
    return client


def test_page_views_never_notify(world):
    deadlines.set_dues(world.pim, world.card, {(1, ""): D(2020, 4, 30)})  # long overdue
    client = logged_in(world, "oat")
    for page in ("/", "/todo/", "/inbox/", f"/scorecards/{world.card.pk}/due-dates/"):
        assert client.get(page).status_code == 200
    assert not Notification.objects.exists()


def test_the_header_counts_unread_notifications_and_the_inbox_marks_them_read(world):
    reviews.transition(world.pim, world.card, 1, "submit")
    client = logged_in(world, "eve")
    body = client.get("/todo/").content.decode()
    assert re.search(r'id="inbox-unread"[^>]*>1<', body)
    inbox = client.get("/inbox/").content.decode()
    assert "กรมส่งเสริมการค้าระหว่างประเทศ ส่งรอบที่ 1 ให้ผู้ประเมินแล้ว" in inbox
    pk = Notification.objects.get(user=world.eve).pk
    opened = client.post(f"/inbox/{pk}/")
    assert opened.status_code == 302 and opened["Location"].endswith("?round=1")
    assert 'id="inbox-unread"' not in client.get("/todo/").content.decode()


def test_one_cannot_open_someone_elses_notification(world):
    reviews.transition(world.pim, world.card, 1, "submit")
    pk = Notification.objects.get(user=world.eve).pk
    assert logged_in(world, "pim").post(f"/inbox/{pk}/").status_code == 404
    assert Notification.objects.get(pk=pk).read_at is None


def test_the_to_do_list_shows_overdue_items_first_with_thai_dates(world):
    deadlines.set_dues(world.pim, world.card, {(1, ""): D(2020, 4, 30), (2, ""): D(2099, 10, 31)})
    body = logged_in(world, "oat").get("/todo/").content.decode()
    overdue = body.index("เลยกำหนด</span> ครบกำหนดเมื่อ 30 เม.ย. 2563")
    later = body.index("ครบกำหนด 31 ต.ค. 2642")
    assert overdue < later
    assert "กรอกผลตัวชี้วัดที่ 3 รอบที่ 1" in body
    assert "เลยกำหนด 1 รายการ" in body


def test_the_planner_sets_due_dates_on_the_page_and_it_is_audited(world):
    client = logged_in(world, "pim")
    page = f"/scorecards/{world.card.pk}/due-dates/"
    response = client.post(
        page, {"due-1": "2024-04-30", "due-1-3": "2024-04-15", "monthly-3": "15"}
    )
    assert response.status_code == 302
    assert deadlines.dues_of(world.card) == {(1, ""): D(2024, 4, 30), (1, "3"): D(2024, 4, 15)}
    assert deadlines.monthly_days_of(world.card) == {"3": 15}
    assert AuditLog.objects.filter(action__startswith="deadline.").count() == 3
    body = client.get(page).content.decode()
    assert "30 เม.ย. 2567" in body and "ภายในวันที่ 15" in body


@pytest.mark.parametrize("who", ["ekk", "oat"])
def test_others_see_due_dates_but_cannot_set_them(world, who):
    client = logged_in(world, who)
    page = f"/scorecards/{world.card.pk}/due-dates/"
    assert 'type="date"' not in client.get(page).content.decode()
    assert client.post(page, {"due-1": "2024-04-30"}).status_code == 404
    assert not Deadline.objects.exists()


@pytest.mark.parametrize("who", ["pim", "oat", "ekk", "eve"])
def test_the_overview_links_everyone_who_reads_it_to_its_due_dates(world, who):
    body = logged_in(world, who).get(f"/scorecards/{world.card.pk}/").content.decode()
    page = f"/scorecards/{world.card.pk}/due-dates/"
    assert f'<a href="{page}" id="due-dates-link">วันครบกำหนด</a>' in body
    assert logged_in(world, who).get(page).status_code == 200


def test_another_agencys_due_dates_are_not_found(world):
    page = f"/scorecards/{world.card.pk}/due-dates/"
    assert logged_in(world, "mallory").get(page).status_code == 404


def test_a_bad_date_is_a_clear_message_not_an_error(world):
    client = logged_in(world, "pim")
    page = f"/scorecards/{world.card.pk}/due-dates/"
    body = client.post(page, {"due-1": "30/04/2567"}, follow=True).content.decode()
    assert "วันครบกำหนดต้องเป็นวันที่ เช่น 2024-04-30" in body


def _feed_url(client: Client, action: str = "create") -> str:
    body = client.post("/account/calendar/", {"action": action}).content.decode()
    return re.search(r'id="calendar-url" value="http://testserver(/calendar/[^"]+\.ics)"', body)[1]


def test_the_calendar_feed_parses_back_with_the_due_dates_as_all_day_events(world):
    deadlines.set_dues(world.pim, world.card, {(1, ""): D(2024, 4, 30), (1, "3"): D(2024, 4, 15)})
    url = _feed_url(logged_in(world, "oat"))
    response = Client().get(url)  # calendar programs have no session
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    events = sorted((e.decoded("dtstart"), str(e["summary"])) for e in cal.walk("VEVENT"))
    assert events == [
        (D(2024, 4, 15), "กรอกผลตัวชี้วัดที่ 3 รอบที่ 1 · กรมส่งเสริมการค้าระหว่างประเทศ"),
    ]
    (event,) = cal.walk("VEVENT")
    assert event.decoded("dtend") == D(2024, 4, 16)
    assert str(event["uid"]).endswith("@thaikpi")


def test_a_replaced_or_revoked_calendar_address_is_not_found_and_both_are_audited(world):
    client = logged_in(world, "pim")
    first = _feed_url(client)
    second = _feed_url(client, "replace")
    assert Client().get(first).status_code == 404
    assert Client().get(second).status_code == 200
    client.post("/account/calendar/", {"action": "revoke"})
    assert Client().get(second).status_code == 404
    actions = list(
        AuditLog.objects.filter(action__startswith="calendar.").values_list("action", flat=True)
    )
    assert sorted(actions) == ["calendar.create", "calendar.replace", "calendar.revoke"]


def test_an_unknown_calendar_token_is_not_found(world):
    assert Client().get("/calendar/not-a-token.ics").status_code == 404


def test_the_demo_sets_the_rounds_reporting_dates_and_the_agenda_kpis_monthly_15th(db):
    from django.core.management import call_command

    from thaikpi.scorecards.models import Scorecard

    call_command("thaikpi_demo", stdout=__import__("io").StringIO())
    card = Scorecard.objects.get(agency__code="DITP")
    assert deadlines.dues_of(card) == {(1, ""): D(2024, 4, 30), (2, ""): D(2024, 10, 31)}
    assert deadlines.monthly_days_of(card) == {"3": 15, "4": 15}  # Joint KPIs of Agenda 4


@pytest.mark.parametrize(("who", "linked"), [("pim", True), ("oat", False), ("ekk", False)])
def test_the_to_do_page_links_planners_to_their_due_dates(world, who, linked):
    body = logged_in(world, who).get("/todo/").content.decode()
    assert (f'href="/scorecards/{world.card.pk}/due-dates/"' in body) is linked
