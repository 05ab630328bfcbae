"""In chromium: a new version's preview lists the difference, and confirming stores that text."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.test_workflow import browser, log_in, shot  # noqa: F401  (fixture)
from tests.personas import World
from tests.versions import edited, round_one_in

pytestmark = pytest.mark.browser


def test_the_planner_sees_the_difference_then_confirms_the_new_version(
    browser,  # noqa: F811
    live_server,
    live_world: World,
):
    round_one_in(live_world, "locked")
    text = edited("formula")
    page = log_in(browser, live_server.url, "pim")
    page.goto(live_server.url + reverse("front:import"))
    page.fill("#id_text", text)
    page.fill("#id_reason", "KPI 3 counts twice")
    page.click("form.card button[type=submit]")
    rows = page.locator("#import-changes tr").all_inner_texts()
    assert rows[1].split("\t") == ["3", "สูตร (จากข้อมูลที่กรอก)", "trade_value / budget",
                                   "trade_value / budget * 2"]  # fmt: skip
    assert "ยังคิดคะแนนตามฉบับที่ 2" in page.inner_text("#import-preview")
    shot(page, "import-preview")
    assert live_world.card.versions.count() == 2
    page.click("form.confirm-import button[type=submit]")
    page.wait_for_selector("#scored-with")
    version = live_world.card.versions.get(number=3)
    # Every line as typed, no carriage returns (a pasted text loses its last line end only).
    assert version.template_text == text.rstrip("\n")
