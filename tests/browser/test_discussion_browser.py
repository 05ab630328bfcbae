"""In Debian chromium: the KPI owner comments on a KPI, the evaluator replies and resolves the
thread, and everyone sees the thread with its resolved mark and history; the round's own
thread on the overview; desktop and phone widths (nothing wider than a 390 px screen).

Screenshots go to test-artifacts/ for people to look at.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.test_workflow import ARTIFACTS, browser, log_in  # noqa: F401  (fixture)
from tests.personas import World
from thaikpi.services import reviews

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
        page.screenshot(path=str(ARTIFACTS / f"discussion-{name}-{size}.png"), full_page=True)
        if page.locator("#discussion").count():  # the threads alone, to read them closely
            shot = ARTIFACTS / f"discussion-{name}-{size}-threads.png"
            page.locator("#discussion").screenshot(path=str(shot))
        widths[size] = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": 1366, "height": 768})
    return widths


def test_owner_comments_evaluator_replies_and_resolves_and_the_thread_shows_it(
    browser,  # noqa: F811
    live_server,
    live_world: World,
):
    base, card = live_server.url, live_world.card
    for user in (live_world.oat, live_world.eve):
        user.first_name = {"oat": "โอ๊ต", "eve": "อีฟ"}[user.username]
        user.save()
    reviews.transition(live_world.pim, card, 1, "submit")  # the round is in the evaluator's hands
    kpi_url = base + reverse("front:kpi", args=[card.pk, "3"]) + "?round=1"

    oat = log_in(browser, base, "oat")
    oat.goto(kpi_url)
    expect()(oat.locator("#no-comments")).to_be_visible()
    oat.fill("#new-comment-body", "ผลรอบนี้รวมโครงการใหม่ 2 โครงการ ตามหนังสือที่แนบ")
    oat.click("#post-comment")
    expect()(oat.locator(".msg-success")).to_contain_text("บันทึกความเห็นแล้ว")
    thread = oat.locator(".thread").first
    expect()(thread).to_contain_text("ผลรอบนี้รวมโครงการใหม่ 2 โครงการ")
    expect()(thread.locator(".chip-open")).to_have_text("ยังไม่ปิดประเด็น")

    eve = log_in(browser, base, "eve")
    expect()(eve.locator("#inbox-unread")).to_have_text("2")  # the submission, the comment
    eve.click("#inbox-link")
    told = eve.locator("#inbox-list .is-unread", has_text="แสดงความเห็นที่ตัวชี้วัด 3 รอบที่ 1")
    expect()(told).to_contain_text("โอ๊ต แสดงความเห็นที่ตัวชี้วัด 3 รอบที่ 1")
    look(eve, "inbox")
    told.locator(".inbox-text").click()
    eve.wait_for_url("**/kpis/3/?round=1#comment-*")
    thread = eve.locator(".thread").first
    thread.locator(".reply-box summary").click()
    thread.locator("textarea[name=body]").fill("รับทราบ หลักฐานครบแล้ว")
    thread.locator(".reply-box button[type=submit]").click()
    expect()(eve.locator(".msg-success")).to_contain_text("บันทึกการตอบกลับแล้ว")
    eve.locator(".thread").first.locator(".btn-resolve").click()
    expect()(eve.locator(".msg-success")).to_contain_text("ปิดประเด็นแล้ว")

    oat.goto(kpi_url)
    thread = oat.locator(".thread").first
    expect()(thread).to_have_class("thread is-resolved")
    expect()(thread.locator(".reply")).to_contain_text("รับทราบ หลักฐานครบแล้ว")
    expect()(thread.locator(".resolved-mark")).to_contain_text("ปิดประเด็นแล้วโดย อีฟ")
    expect()(thread.locator(".event")).to_contain_text("อีฟ ทำเครื่องหมายว่าปิดประเด็นแล้ว")
    assert thread.locator(".reply-box").count() == 0  # resolved: reopen first to reply
    widths = look(oat, "kpi-thread")
    assert widths["phone"] <= 390, widths

    pim = log_in(browser, base, "pim")
    pim.goto(base + reverse("front:overview", args=[card.pk]) + "?round=1")
    expect()(pim.locator("#open-comments")).to_contain_text("ไม่มีความเห็นที่ยังเปิดอยู่")
    pim.fill("#new-comment-body", "รอบนี้ส่งหลักฐานครบทุกตัวชี้วัดแล้ว")
    pim.click("#post-comment")
    expect()(pim.locator("#open-comments")).to_contain_text("ความเห็นที่ยังเปิดอยู่ 1 รายการ")
    expect()(pim.locator("#discussion .thread")).to_contain_text("รอบนี้ส่งหลักฐานครบทุกตัวชี้วัดแล้ว")
    widths = look(pim, "overview-thread")
    assert widths["phone"] <= 390, widths
