"""In Debian chromium: the planner decides on a mismatched level from the KPI page, on a desktop
and on a phone, and the score follows. Screenshots go to test-artifacts/."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.test_dashboards import DESKTOP, PHONE, fits, landing, shot
from tests.browser.test_workflow import browser  # noqa: F401  (fixture)
from tests.personas import World
from tests.signed import signed

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("size", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_the_planner_keeps_the_signed_figure_and_the_score_follows(
    browser,  # noqa: F811
    live_server,
    live_world: World,
    size,
    viewport,
):
    depa = signed(live_world)
    page = landing(browser, live_server.url, "pat", viewport)
    page.goto(live_server.url + reverse("front:kpi", args=[depa.card.pk, "1"]) + "?round=1")
    assert page.locator("#kpi-score").inner_text() == "85.83"
    level = page.locator("#levels tr[data-level='75']")
    assert "ยังไม่มีมติ" in level.inner_text()
    assert fits(page)
    level.locator("summary").click()
    level.get_by_label("ใช้ตัวเลขที่ระบุในเอกสาร").check()
    level.locator("textarea").fill("ตรงกับเอกสารที่ลงนามแล้ว")
    level.get_by_role("button", name="บันทึกมติ").click()
    page.wait_for_load_state()
    assert page.locator("#kpi-score").inner_text() == "75.00"
    decided = page.locator("#decision-75").inner_text()
    assert "ใช้ตัวเลขที่ระบุในเอกสาร" in decided and "ตรงกับเอกสารที่ลงนามแล้ว" in decided
    assert "บันทึกมติแล้ว" in page.locator("body").inner_text()

    assert fits(page)
    shot(page, f"decision-kpi-page-{size}")
