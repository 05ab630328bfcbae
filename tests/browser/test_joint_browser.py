"""Joint KPIs in Chromium: the member reads the owner's result, cannot enter it, phones fit."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.urls import reverse

from tests.browser.test_phone_widths import DESKTOP, PHONE
from tests.browser.test_workflow import ARTIFACTS, CHROMIUM_ARGS
from tests.joint_world import JointWorld
from tests.joint_world import live_jw as live_jw  # the fixture
from thaikpi.services import results, reviews

pytestmark = pytest.mark.browser
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian chromium is not installed (apt-get install -y chromium)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def page_for(browser, live_server, user, viewport):
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport=viewport, locale="th-TH")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie,
                          "url": live_server.url}])  # fmt: skip
    return context.new_page()


def test_the_owner_submits_and_the_member_reads_the_joint_result_on_any_screen(
    browser, live_server, live_jw: JointWorld
):
    jw = live_jw
    results.save_result(jw.w.pim, jw.w.card, "1", 1, "1.2", "", 0)
    member_kpi = live_server.url + reverse("front:kpi", args=[jw.member.pk, "1"]) + "?round=1"
    page = page_for(browser, live_server, jw.tui, DESKTOP)
    page.goto(member_kpi)
    assert "รอหน่วยงานเจ้าของส่งผลรอบที่ 1" in page.inner_text("#joint-source")
    reviews.transition(jw.w.pim, jw.w.card, 1, "submit")
    page.reload()
    assert "ผลร่วมจาก กรมส่งเสริมการค้าระหว่างประเทศ" in page.inner_text("#joint-source")
    assert page.inner_text("#kpi-actual") == "1.20"
    assert page.locator("a.btn.primary", has_text="บันทึกผล").count() == 0
    (ARTIFACTS / "desktop").mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "desktop" / "tui-joint-kpi.png"), full_page=True)
    page.context.close()
    widths = {}
    (ARTIFACTS / "phone").mkdir(parents=True, exist_ok=True)
    for who, name, path in [
        (jw.tui, "tui-joint-kpi", reverse("front:kpi", args=[jw.member.pk, "1"]) + "?round=1"),
        (jw.tui, "tui-overview", reverse("front:overview", args=[jw.member.pk]) + "?round=1"),
        (jw.w.pim, "pim-joint-owner-kpi", reverse("front:kpi", args=[jw.w.card.pk, "1"])),
        (jw.w.eve, "eve-joint-list", reverse("front:joint")),
    ]:
        phone = page_for(browser, live_server, who, PHONE)
        assert phone.goto(live_server.url + path).status == 200, name
        phone.screenshot(path=str(ARTIFACTS / "phone" / f"{name}.png"), full_page=True)
        widths[name] = phone.evaluate("document.documentElement.scrollWidth")
        phone.context.close()
    assert {n: w for n, w in widths.items() if w > PHONE["width"]} == {}
