"""In Debian chromium: the API token page from the header menu; pillar levels for KPI 7 with
the live preview; explanations in Thai, then in English after the switch.

Screenshots go to test-artifacts/ for people to look at.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from tests.browser.test_workflow import browser, log_in, shot  # noqa: F401  (fixture)
from tests.personas import PASSWORD, World
from thaikpi.accounts.choices import Role
from thaikpi.accounts.models import Membership
from thaikpi.agencies.choices import AgencyKind
from thaikpi.agencies.models import Agency
from thaikpi.engine.loader import template_names
from thaikpi.services import imports
from thaikpi.templates import __file__ as templates_init

pytestmark = pytest.mark.browser


def expect():
    return pytest.importorskip("playwright.sync_api").expect


def test_a_user_creates_and_revokes_an_api_token_from_the_header(
    browser,  # noqa: F811
    live_server,
    live_world: World,
):
    base = live_server.url
    page = log_in(browser, base, "ekk")
    page.click("header >> text=โทเค็น API")
    expect()(page.locator("#token-state")).to_have_text("คุณยังไม่มีโทเค็น API")
    page.click("button[value=create]")
    key = page.input_value("#token-key")
    assert re.fullmatch(r"[0-9a-f]{40}", key)
    shot(page, "10-api-token-created")
    api = page.request.get(base + "/api/v1/scorecards/", headers={"Authorization": f"Token {key}"})
    assert api.status == 200
    page.goto(base + reverse("front:token"))
    assert page.locator("#token-key").count() == 0  # shown once only
    page.click("button[value=revoke]")
    expect()(page.locator("#token-state")).to_have_text("คุณยังไม่มีโทเค็น API")
    shot(page, "11-api-token-revoked")
    api = page.request.get(base + "/api/v1/scorecards/", headers={"Authorization": f"Token {key}"})
    assert api.status == 401


@pytest.mark.skipif("ditp-2567" not in template_names(), reason="no shipped DITP template")
def test_a_planner_enters_kpi_7_pillar_by_pillar_and_sees_the_score_live(
    browser,  # noqa: F811
    live_server,
    live_world: World,
):
    depa = Agency.objects.create(
        code="DEPA", name_th="สำนักงานส่งเสริมเศรษฐกิจดิจิทัล", kind=AgencyKind.DEPARTMENT,
        parent=live_world.ditp.parent,
    )  # fmt: skip
    text = (Path(templates_init).parent / "ditp-2567.yaml").read_text(encoding="utf-8")
    card = imports.import_template(live_world.ada, text.replace("code: DITP", "code: DEPA", 1))
    planner = User.objects.create_user("dee", password=PASSWORD, first_name="Dee")
    Membership.objects.create(user=planner, agency=depa, role=Role.PLANNER)
    base = live_server.url
    page = log_in(browser, base, "dee")
    page.goto(base + reverse("front:entry", args=[card.scorecard_id, "7", 2]))
    assert page.is_visible("#id_value") and not page.is_visible("#id_item_0")
    page.check("#id_how_1")
    assert not page.is_visible("#id_value") and page.is_visible("#id_item_0")
    for i, level in enumerate(["3", "4", "2", "3", "5", "1", "3"]):
        page.select_option(f"#id_item_{i}", level)
    expect()(page.locator("#pv-score")).to_have_text("75.00")  # 5 pillars at 3+ → level 75
    expect()(page.locator("#pv-explain")).to_have_text("5 ถึงระดับ 75 (5) → 75.00")
    shot(page, "12-entry-pillars-live-preview")
    page.click("#result-form button[type=submit]")
    page.wait_for_selector("#kpi-score")
    assert page.inner_text("#kpi-score") == "75.00"
    assert "Smart Back Office = 5" in page.inner_text("#kpi-entered")
    assert page.inner_text("#kpi-explain") == "5 ถึงระดับ 75 (5) → 75.00"
    shot(page, "13-kpi-7-pillars-saved")
    page.click("button[value=en]")
    expect()(page.locator("#kpi-explain")).to_have_text("5 reaches level 75 (5) → 75.00")
    shot(page, "14-kpi-7-in-english")
