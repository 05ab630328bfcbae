"""In Debian chromium: each role lands on its dashboard after logging in, on a desktop and on
a phone (nothing wider than 390 px); the overview and KPI page say "ยังไม่มีผล", not 0.

Screenshots go to test-artifacts/ for people to look at.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.test_workflow import ARTIFACTS, browser  # noqa: F401  (fixture)
from tests.personas import PASSWORD, World
from thaikpi.services import results

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


def landing(browser, base: str, username: str, viewport: dict[str, int]):  # noqa: F811
    """Log in through the landing page's form; return the page it lands on."""
    page = browser.new_context(viewport=viewport).new_page()
    page.goto(base + "/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("form[action='/login/'] button[type=submit]")
    page.wait_for_url(base + reverse("front:dashboard"))
    return page


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def with_results(world: World) -> None:
    results.save_result(world.ada, world.card, "1", 1, "1.35", "", 0)
    results.save_result(world.ada, world.card, "1", 2, "2.1", "", 0)


@pytest.mark.parametrize(("size", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_the_executive_lands_on_the_latest_round_at_a_glance(
    browser,  # noqa: F811
    live_server,
    live_world: World,
    size,
    viewport,
):
    with_results(live_world)
    page = landing(browser, live_server.url, "ekk", viewport)
    card = page.locator(".glance")
    assert card.locator(".glance-total").inner_text() == "30.00"
    assert "รอบ 12 เดือน" in card.inner_text() and "ยังไม่มีผล: 2" in card.inner_text()
    assert "เปลี่ยนจากรอบก่อนหน้า: -10.00" in card.inner_text()
    shot(page, f"30-dashboard-ekk-{size}")
    assert fits(page)
    page.click(".glance h2 a")
    assert page.locator(".pill.on").inner_text() == "รอบ 12 เดือน"
    assert "ยังไม่มีผล" in page.locator('tr[data-kpi="3"]').inner_text()
    shot(page, f"31-overview-ekk-{size}")


@pytest.mark.parametrize(("size", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_the_planner_lands_on_their_scorecards(
    browser,  # noqa: F811
    live_server,
    live_world: World,
    size,
    viewport,
):
    page = landing(browser, live_server.url, "pim", viewport)
    assert "ยังไม่มีรอบก่อนหน้าให้เปรียบเทียบ" in page.locator(".glance").inner_text()
    shot(page, f"32-dashboard-pim-{size}")
    assert fits(page)


@pytest.mark.parametrize(("size", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_the_evaluator_lands_on_every_agency_and_can_sort_and_filter(
    browser,  # noqa: F811
    live_server,
    live_world: World,
    size,
    viewport,
):
    with_results(live_world)
    page = landing(browser, live_server.url, "eve", viewport)
    rows = page.locator("#national tbody tr")
    assert rows.count() == 2 and rows.first.get_attribute("data-agency") == "DITP"
    shot(page, f"33-dashboard-eve-{size}")
    assert fits(page)
    page.click("#national a.sort[href*='sort=agency']")
    assert rows.first.get_attribute("data-agency") == "DBD"
    page.check("input[name=missing]")
    page.select_option("select[name=band]", "30")
    page.click("form.list-filters button[type=submit]")
    assert [r.get_attribute("data-agency") for r in rows.all()] == ["DITP"]


@pytest.mark.parametrize(("size", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_the_kpi_page_draws_the_actual_and_says_no_result(
    browser,  # noqa: F811
    live_server,
    live_world: World,
    size,
    viewport,
):
    results.save_result(
        live_world.ada, live_world.card, "3", 1, {"trade_value": "316.13", "budget": "1"}, "", 0
    )
    page = landing(browser, live_server.url, "pim", viewport)
    page.goto(live_server.url + reverse("front:kpi", args=[live_world.card.pk, "3"]) + "?round=1")
    assert page.locator("#kpi-status").inner_text() == "ถึงระดับ 100"
    assert page.locator("svg .actual").count() >= 1
    shot(page, f"34-kpi-pim-{size}")
    page.goto(live_server.url + reverse("front:kpi", args=[live_world.card.pk, "1"]) + "?round=1")
    assert page.locator("#kpi-score").inner_text() == "ยังไม่มีผล"
    shot(page, f"35-kpi-no-result-pim-{size}")
