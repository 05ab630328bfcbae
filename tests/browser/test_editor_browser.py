"""In chromium: the planner edits a level in the template editor, sees the finding appear
beside it while typing, saves, and the scorecard has a new version; on a phone the editor
fits the screen."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.test_workflow import browser, log_in, shot  # noqa: F401  (fixture)
from tests.personas import World

pytestmark = pytest.mark.browser


def test_the_planner_changes_a_level_sees_the_finding_and_saves_a_new_version(
    browser,  # noqa: F811
    live_server,
    live_world: World,
):
    expect = pytest.importorskip("playwright.sync_api").expect
    card = live_world.card
    page = log_in(browser, live_server.url, "pim")
    page.goto(live_server.url + reverse("front:overview", args=[card.pk]))
    page.click("#edit-template")
    page.click("button[name=go][value='kpi-0']")
    stated = page.locator("input[name='r2lv-0-stated']")
    # A rule for the 50 level of round 2, then a stated figure the rule does not give.
    page.select_option("select[name='r2lv-0-rule__kind']", "fixed")
    expect(page.locator("input[name='r2lv-0-rule__x']")).to_be_hidden()  # other kinds' fields
    page.fill("input[name='r2lv-0-rule__value']", "1.5")
    stated.fill("1.6")
    notes = page.locator(".notes[data-finding-for~='r2lv-0-stated'] .finding")
    expect(notes).to_have_count(1)
    assert "1.6" in notes.inner_text() and "1.50" in notes.inner_text()
    expect(page.locator("#editor-status")).to_contain_text("1")
    shot(page, "editor-finding-beside-the-field")
    stated.fill("1.5")  # as the rule gives: the finding goes
    expect(notes).to_have_count(0)
    page.fill("#id_reason", "ตัวเลขตามวิธีคำนวณ")
    page.click("#editor-save")
    changes = page.locator("#editor-changes tr").all_inner_texts()
    assert any("เป้าหมายระดับ 50 · วิธีกำหนดเป้าหมาย" in row for row in changes[1:]), changes
    shot(page, "editor-preview")
    page.click("#editor-confirm")
    page.wait_for_selector("#scored-with")
    card.refresh_from_db()
    assert card.current.number == 2 and card.current.reason == "ตัวเลขตามวิธีคำนวณ"
    assert 'kind: "fixed"' in card.current.template_text


def test_the_editor_fits_a_phone_and_adds_a_kpi_in_one_action(
    browser,  # noqa: F811
    live_server,
    live_world: World,
):
    page = log_in(browser, live_server.url, "pim")
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(live_server.url + reverse("front:editor", args=[live_world.card.pk]))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.click("#add-kpi")
    page.wait_for_selector("[name='kpi-name_th']")
    assert page.locator(".editor-tabs .tab.on").inner_text() == "ตัวชี้วัด 4"
    assert page.locator(".notes[data-finding-for~='kpi-name_th'] .finding").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "editor-phone-new-kpi")
    page.click("#add-links")  # the page comes back at the part, with one link more
    page.wait_for_url("**#part-links")
    assert page.locator("#part-links .item").count() == 1


def test_a_rounds_reason_shows_once_the_round_is_not_assessed(
    browser,  # noqa: F811
    live_server,
    live_world: World,
):
    page = log_in(browser, live_server.url, "pim")
    page.goto(
        live_server.url + reverse("front:editor", args=[live_world.card.pk]) + "?section=kpi-0"
    )
    reason = page.locator(".field[data-when-field='r1-assessed']")
    expect = pytest.importorskip("playwright.sync_api").expect
    expect(reason).to_be_hidden()
    expect(page.locator(".field:has([name='r1-measure__input'])")).to_be_hidden()  # not a count
    page.uncheck("input[name='r1-assessed']")
    expect(reason).to_be_visible()
