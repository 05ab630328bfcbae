"""In Debian chromium: the inbox's unread count, the to-do list, the due dates page and the
calendar address, at desktop and phone sizes (no page wider than a 390 px screen).

Screenshots go to test-artifacts/ for people to look at.
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from tests.browser.test_workflow import ARTIFACTS, browser, log_in  # noqa: F401  (fixture)
from tests.personas import World
from thaikpi.services import deadlines, reviews

pytestmark = pytest.mark.browser
SIZES = {"desktop": (1366, 768), "phone": (390, 844)}


def expect():
    return pytest.importorskip("playwright.sync_api").expect


def look(page, name: str) -> dict[str, int]:
    """Screenshots at both sizes; the page's width at each."""
    ARTIFACTS.mkdir(exist_ok=True)
    widths = {}
    for size, (w, h) in SIZES.items():
        page.set_viewport_size({"width": w, "height": h})
        page.screenshot(path=str(ARTIFACTS / f"deadlines-{name}-{size}.png"), full_page=True)
        widths[size] = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": 1366, "height": 768})
    return widths


def test_the_evaluator_sees_the_unread_count_and_the_owner_an_overdue_to_do_list(
    browser,  # noqa: F811
    live_server,
    live_world: World,
):
    base, card = live_server.url, live_world.card
    deadlines.set_dues(
        live_world.pim,
        card,
        {(1, ""): datetime.date(2024, 4, 30), (2, ""): datetime.date(2099, 10, 31)},
        {"3": 15},
    )
    reviews.transition(live_world.pim, card, 1, "submit")

    page = log_in(browser, base, "eve")
    expect()(page.locator("#inbox-unread")).to_have_text("1")
    page.click("#inbox-link")
    expect()(page.locator("#inbox-list .is-unread")).to_contain_text(
        "กรมส่งเสริมการค้าระหว่างประเทศ ส่งรอบที่ 1 ให้ผู้ประเมินแล้ว"
    )
    assert look(page, "inbox")["phone"] <= 390
    page.click("#inbox-list .inbox-text")
    page.wait_for_url(f"**/scorecards/{card.pk}/?round=1")
    assert page.locator("#inbox-unread").count() == 0
    page.click("header >> text=งานที่ต้องทำ")
    expect()(page.locator("#todo-list")).to_contain_text("ตรวจรอบที่ 1")

    page = log_in(browser, base, "oat")
    page.click("header >> text=งานที่ต้องทำ")
    first = page.locator("#todo-list li").first
    expect()(first).to_have_class("todo-item is-overdue")
    # Round 1 (October to March) is submitted: April is the first month still asked for.
    expect()(first).to_contain_text("กรอกความก้าวหน้าตัวชี้วัดที่ 3 ประจำเดือนเมษายน")
    expect()(first).to_contain_text("ครบกำหนดเมื่อ 15 พ.ค. 2567")
    assert look(page, "todo")["phone"] <= 390

    page = log_in(browser, base, "pim")
    page.goto(base + reverse("front:due_dates", args=[card.pk]))
    page.fill("input[name=due-2-2]", "2099-10-15")
    page.click("#due-form button[type=submit]")
    expect()(page.locator(".msg-success")).to_contain_text("บันทึกวันครบกำหนดแล้ว (เปลี่ยน 1 รายการ)")
    assert look(page, "due-dates")["phone"] <= 390

    page.goto(base + reverse("front:calendar"))
    page.click("button[value=create]")
    url = page.input_value("#calendar-url")
    assert look(page, "calendar")["phone"] <= 390
    feed = page.request.get(url)
    assert feed.status == 200
    summaries = {str(e["summary"]) for e in Calendar.from_ical(feed.body()).walk("VEVENT")}
    assert "ส่งรอบที่ 2 ให้ผู้ประเมิน · กรมส่งเสริมการค้าระหว่างประเทศ" in summaries
    page.click("button[value=revoke]")
    assert page.request.get(url).status == 404
