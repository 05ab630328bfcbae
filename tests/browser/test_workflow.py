"""End to end in Debian chromium: enter a result, watch the score, approve, lock, no more edits.

Screenshots go to test-artifacts/ (gitignored) for people to look at.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.urls import reverse

from tests.personas import PASSWORD, World

pytestmark = pytest.mark.browser
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian chromium is not installed (apt-get install -y chromium)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def log_in(browser, base: str, username: str):
    """A new browser session logged in as ``username`` through the landing page's form."""
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(base + "/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("form[action='/login/'] button[type=submit]")
    page.wait_for_url(base + "/dashboard/")  # every role lands on its dashboard
    page.goto(base + "/")  # these tests start from the list of scorecards
    return page


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_owner_enters_evaluator_locks_owner_can_no_longer_edit(
    browser, live_server, live_world: World
):
    base, card = live_server.url, live_world.card
    overview = base + reverse("front:overview", args=[card.pk]) + "?round=1"

    oat = log_in(browser, base, "oat")
    shot(oat, "01-home-oat")
    oat.goto(overview)
    assert oat.inner_text("#total") == "0.0000"
    oat.click("tr[data-kpi='3'] a.btn")
    oat.fill("#id_in_trade_value", "3750")
    oat.fill("#id_in_budget", "100")
    expect = pytest.importorskip("playwright.sync_api").expect
    expect(oat.locator("#pv-score")).to_have_text("87.50")  # the engine's score, live
    expect(oat.locator("#pv-total")).to_have_text("26.2500")
    shot(oat, "02-entry-live-preview")
    oat.click("#result-form button[type=submit]")
    oat.wait_for_selector("#kpi-score")
    assert oat.inner_text("#kpi-score") == "87.50"
    oat.goto(overview)
    assert oat.inner_text("#total") == "26.2500"
    shot(oat, "03-overview-after-entry")

    pim = log_in(browser, base, "pim")
    pim.goto(overview)
    pim.click("button[value=submit]")
    # The checklist: KPI 1 has no result, so the submit waits for "ส่งทั้งที่ยังไม่ครบ".
    assert "1. " in pim.inner_text("#confirm .check-missing")
    pim.click("#confirm-button")  # the browser's own check: the box is required
    assert pim.inner_text("#review-state") == "ร่าง"
    shot(pim, "03b-submit-checklist")
    pim.check("#acknowledge")
    pim.click("#confirm-button")
    assert pim.inner_text("#review-state") == "ส่งพิจารณาแล้ว"
    assert "ส่งรอบที่ 1 ให้ผู้ประเมินแล้ว" in pim.inner_text(".msg-success")

    eve = log_in(browser, base, "eve")
    eve.goto(base + reverse("front:review_queue") + "?year=2567&round=1")
    shot(eve, "04-review-queue")
    assert eve.locator("button[value=approve]").count() == 0  # approval only beside the round
    eve.click("text=เปิดเพื่อพิจารณา")
    eve.click("button[value=approve]")
    eve.click("#confirm-button")
    assert "อนุมัติรอบที่ 1 ของ" in eve.inner_text(".msg-success")
    eve.click("button[value=lock]")
    shot(eve, "04b-lock-confirmation")
    eve.fill("#agency-code", "DBD")
    eve.click("#confirm-button")  # the pattern refuses another agency's code in the browser
    assert eve.inner_text("#review-state") == "อนุมัติแล้ว"
    eve.fill("#agency-code", "DITP")
    eve.click("#confirm-button")
    assert eve.inner_text("#review-state") == "ปิดรอบแล้ว"
    shot(eve, "05-overview-locked")

    oat.goto(overview)
    assert oat.locator("tr[data-kpi='3'] a.btn").count() == 0
    response = oat.goto(base + reverse("front:entry", args=[card.pk, "3", 1]))
    assert response.status == 403
    shot(oat, "06-owner-refused-after-lock")
