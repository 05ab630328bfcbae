"""In chromium: next year's scorecard from last year's, signed twice, two versions compared."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.test_workflow import browser, log_in, shot  # noqa: F401  (fixture)
from tests.personas import World
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import imports

pytestmark = pytest.mark.browser


def test_a_planner_drafts_2568_from_2567_both_sides_sign_and_versions_compare(
    browser,  # noqa: F811
    live_server,
    live_world: World,
):
    base = live_server.url
    pim = log_in(browser, base, "pim")
    pim.click("nav >> text=สร้างคำรับรองใหม่")
    pim.select_option("#id_agency", str(live_world.ditp.pk))
    pim.fill("#id_year", "2568")
    pim.check("input[name=start][value=last_year]")
    shot(pim, "agree-01-new")
    pim.click("#new-scorecard button[type=submit]")
    pim.wait_for_selector("#agreement")
    card = Scorecard.objects.get(agency=live_world.ditp, fiscal_year__year_be=2568)
    assert pim.url.endswith(reverse("front:overview", args=[card.pk]))
    assert "ยังไม่ได้ลงนาม" in pim.inner_text("#signature-agency")
    pim.click("#sign-agency")
    pim.wait_for_selector("#signature-agency >> text=✓")
    assert pim.locator("#sign-evaluator").count() == 0  # a planner is not the evaluator
    shot(pim, "agree-02-signed-once")
    pim.set_viewport_size({"width": 390, "height": 844})
    shot(pim, "agree-02-signed-once-phone")
    assert pim.evaluate("document.documentElement.scrollWidth") <= 390
    pim.set_viewport_size({"width": 1280, "height": 900})

    eve = log_in(browser, base, "eve")
    eve.goto(base + reverse("front:overview", args=[card.pk]))
    eve.click("#sign-evaluator")
    eve.wait_for_selector("p#agreement")
    card.refresh_from_db()
    assert card.is_agreed and card.agreed_version == card.current

    text = card.current.template_text.replace("stated: 2.7", "stated: 2.9", 1)
    imports.import_template(live_world.pim, text, reason="หลังประกาศ GDP ไตรมาส 2")
    pim.goto(base + reverse("front:overview", args=[card.pk]))
    pim.click("#versions-link")
    pim.select_option("#pick-a", "1")
    pim.select_option("#pick-b", "2")
    pim.click("#version-pick button[type=submit]")
    section = pim.inner_text("#changes-1")
    assert "2.7" in section and "2.9" in section and "รอบที่ 2 · เป้าหมายระดับ 100" in section
    assert pim.locator("section.kpi-changes").count() == 1
    shot(pim, "agree-03-versions")
    pim.set_viewport_size({"width": 390, "height": 844})
    width = pim.evaluate("document.documentElement.scrollWidth")
    shot(pim, "agree-04-versions-phone")
    assert width <= 390
    for name, url in (("new", reverse("front:scorecard_new")), ("import", reverse("front:import"))):
        pim.goto(base + url)
        shot(pim, f"agree-05-{name}-phone")
        assert pim.evaluate("document.documentElement.scrollWidth") <= 390, name
