"""In chromium, at a phone's width: the evaluator loads a survey sheet for every agency (rows
matched, then confirmed) and the planner loads KPI 1's months (rounds and forecast shown, then
stored); no page is wider than 390 px. Screenshots go to test-artifacts/sources/."""

from __future__ import annotations

import os

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tests.browser.test_phone_widths import DESKTOP, PHONE, browser  # noqa: F401  (fixture)
from tests.browser.test_workflow import ARTIFACTS
from tests.services.test_series import sheet as monthly_sheet
from tests.services.test_surveys import DGA_HEADER, DITP_TEXT, sheet
from thaikpi.accounts.choices import Role
from thaikpi.accounts.models import Membership
from thaikpi.agencies.choices import AgencyKind
from thaikpi.agencies.models import Agency
from thaikpi.results.models import Evidence, MonthlyValue, Result
from thaikpi.services import imports

pytestmark = pytest.mark.browser
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
SHOTS = ARTIFACTS / "sources"


@pytest.fixture
def live_land(transactional_db, settings, tmp_path):
    """DITP and DTN with the full DITP 2567 scorecard; eve evaluates, pim plans DITP."""
    settings.EVIDENCE_DIR = tmp_path / "evidence"
    moc = Agency.objects.create(code="MOC", name_th="กระทรวงพาณิชย์", kind=AgencyKind.MINISTRY)
    made = {
        code: Agency.objects.create(code=code, name_th=name, kind=AgencyKind.DEPARTMENT, parent=moc)
        for code, name in (
            ("DITP", "กรมส่งเสริมการค้าระหว่างประเทศ"),
            ("DTN", "กรมเจรจาการค้าระหว่างประเทศ"),
        )
    }
    users = {}
    for name, role, agency in (("ada", Role.ADMIN, None), ("eve", Role.EVALUATOR, None),
                               ("pim", Role.PLANNER, made["DITP"])):  # fmt: skip
        users[name] = User.objects.create_user(name)
        Membership.objects.create(user=users[name], agency=agency, role=role)
    cards = {
        code: imports.import_template(
            users["ada"], DITP_TEXT.replace("code: DITP", f"code: {code}", 1)
        ).scorecard
        for code in made
    }
    return users, cards


def page_of(browser, live_server, user, viewport):  # noqa: F811
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport=viewport, locale="th-TH")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie,
                          "url": live_server.url}])  # fmt: skip
    return context.new_page()


def look(page, name: str) -> int:
    """Screenshot the page; its width in CSS pixels."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize(("viewport", "size"), [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_the_evaluator_checks_the_survey_rows_then_stores_them_for_every_agency(
    browser,  # noqa: F811
    live_server,
    live_land,
    tmp_path,
    viewport,
    size,
):
    users, _cards = live_land
    upload = tmp_path / "dga-2567.csv"
    upload.write_bytes(
        sheet(
            DGA_HEADER,
            "DITP,3,4,3,2,5,3,1,72.76",
            "กรมเจรจาการค้าระหว่างประเทศ,3,3,3,3,3,3,4,77.13",
            "กรมการค้าต่างประเทศ,2,2,2,2,2,2,2,50",
        )
    )
    page = page_of(browser, live_server, users["eve"], viewport)
    page.goto(live_server.url + reverse("front:surveys"))
    assert page.inner_text(".file-pick").split() == ["เลือกไฟล์", "ยังไม่ได้เลือกไฟล์"]
    assert look(page, f"{size}-survey-empty") <= viewport["width"]
    page.set_input_files("input.file-native", str(upload))
    page.click("#survey-form button[type=submit]")
    page.wait_for_selector("#survey-preview")
    rows = page.locator("#survey-rows tbody tr, #survey-rows tr[data-row]").all_inner_texts()
    assert any("กรมส่งเสริมการค้าระหว่างประเทศ" in r for r in rows)
    assert look(page, f"{size}-survey-preview") <= viewport["width"]
    assert not Result.objects.exists()
    page.click("#survey-confirm button[type=submit]")
    page.wait_for_selector(".msg-success")
    assert "2" in page.inner_text(".msg-success")
    look(page, f"{size}-survey-stored")
    assert Result.objects.filter(kpi_id__in=["7", "8"]).count() == 4
    assert set(Evidence.objects.values_list("original_name", flat=True)) == {"dga-2567.csv"}


def test_a_bad_survey_cell_shows_on_its_row_at_a_phones_width(
    browser,  # noqa: F811
    live_server,
    live_land,
    tmp_path,
):
    users, _cards = live_land
    upload = tmp_path / "dga-bad.csv"
    upload.write_bytes(sheet(DGA_HEADER, "DITP,3,4,3,2,5,3,1,72.76", "DTN,3,3,9,3,3,3,4,101"))
    page = page_of(browser, live_server, users["eve"], PHONE)
    page.goto(live_server.url + reverse("front:surveys"))
    page.set_input_files("input.file-native", str(upload))
    page.click("#survey-form button[type=submit]")
    page.wait_for_selector("#survey-errors")
    assert "แถว 3" in page.inner_text("#survey-errors")
    assert page.locator("#survey-confirm").count() == 0
    assert look(page, "phone-survey-errors") <= PHONE["width"]


@pytest.mark.parametrize(("viewport", "size"), [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_the_planner_checks_kpi_1s_months_and_forecast_then_stores_them(
    browser,  # noqa: F811
    live_server,
    live_land,
    tmp_path,
    viewport,
    size,
):
    users, cards = live_land
    card = cards["DITP"]
    upload = tmp_path / "exports.csv"
    upload.write_bytes(monthly_sheet())
    page = page_of(browser, live_server, users["pim"], viewport)
    page.goto(live_server.url + reverse("front:kpi", args=[card.pk, "1"]))
    page.click("#monthly-link")
    page.set_input_files("input.file-native", str(upload))
    page.click("#monthly-form button[type=submit]")
    page.wait_for_selector("#monthly-preview")
    assert "66" in page.inner_text("#monthly-columns")
    assert page.locator("#monthly-rounds li[data-round='1']").count() == 1
    assert page.locator("#outlook").count() == 1
    assert look(page, f"{size}-monthly-preview") <= viewport["width"]
    assert not MonthlyValue.objects.exists()
    page.click("#monthly-confirm button[type=submit]")
    page.wait_for_selector(".msg-success")
    assert page.locator("#outlook").count() == 1
    assert look(page, f"{size}-monthly-stored-kpi") <= viewport["width"]
    assert MonthlyValue.objects.count() == 66
    assert Result.objects.get(scorecard=card, kpi_id="1", round_no=1).evidence.count() == 1
