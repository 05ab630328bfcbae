"""The landing pages by role, and status words read the same way on every page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tests.personas import PASSWORD, World
from thaikpi.agencies.choices import AgencyKind
from thaikpi.agencies.models import Agency
from thaikpi.engine.loader import template_names
from thaikpi.services import imports, results
from thaikpi.templates import __file__ as templates_init


def logged_in(world: World, name: str) -> Client:
    client = Client()
    client.force_login(world.user(name))
    return client


def both_rounds(world: World) -> None:
    results.save_result(world.ada, world.card, "1", 1, "1.35", "", 0)
    results.save_result(world.ada, world.card, "1", 2, "2.1", "", 0)


def test_logging_in_lands_on_the_dashboard(world):
    client = Client()
    response = client.post(reverse("front:login"), {"username": "ekk", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("front:dashboard")


def test_the_executive_dashboard_shows_the_total_status_words_change_and_missing_kpis(world):
    both_rounds(world)
    body = logged_in(world, "ekk").get(reverse("front:dashboard")).content.decode()
    assert 'class="value glance-total">30.00<' in body and "/ 100.00" in body
    assert "รอบ 12 เดือน" in body  # the latest round with results, not round 1
    assert "ถึงระดับ 75: 1" in body and "ยังไม่มีผล: 2" in body
    assert "เปลี่ยนจากรอบก่อนหน้า: -10.00" in body
    assert "2. คะแนน PMQA 4.0" in body and "3. มูลค่าการค้าต่องบประมาณ" in body
    assert "<svg" in body


def test_the_evaluator_dashboard_lists_every_agency_with_the_distribution_and_ministries(world):
    both_rounds(world)
    client = logged_in(world, "eve")
    body = client.get(reverse("front:dashboard")).content.decode()
    assert re.findall(r'data-agency="(\w+)"', body) == ["DITP", "DBD"]
    assert "การกระจายของคะแนนรวม" in body and "กระทรวงพาณิชย์" in body
    assert "ยังไม่มีผล: 2" in body  # DITP round 2: KPIs 2 and 3
    sorted_body = client.get(reverse("front:dashboard") + "?sort=agency").content.decode()
    assert re.findall(r'data-agency="(\w+)"', sorted_body) == ["DBD", "DITP"]


@pytest.mark.parametrize(
    ("path", "row"),
    [
        ("front:dashboard", r'<tr data-agency="{code}">.*?</tr>'),
        ("front:review_queue", r'<tr><td><a href="[^"]*/{pk}/\?round=2">.*?</tr>'),
    ],
)
def test_an_agency_without_any_result_reads_no_result_yet_not_a_zero_total(world, path, row):
    both_rounds(world)
    body = logged_in(world, "eve").get(reverse(path) + "?year=2567&round=2").content.decode()
    dbd = re.search(row.format(code="DBD", pk=world.other.pk), body, re.S)
    ditp = re.search(row.format(code="DITP", pk=world.card.pk), body, re.S)
    assert dbd and '<span class="no-result">ยังไม่มีผล</span>' in dbd.group(0)
    assert ditp and "ยังไม่มีผล</span></td>" not in ditp.group(0) and "30.00" in ditp.group(0)


def test_the_overview_opens_on_the_latest_round_that_has_results(world):
    both_rounds(world)
    body = logged_in(world, "ekk").get(reverse("front:overview", args=[world.card.pk])).content
    assert 'class="pill on">รอบ 12 เดือน<' in body.decode()


def test_the_overview_says_no_result_yet_instead_of_a_zero_score(world):
    body = (
        logged_in(world, "pim")
        .get(reverse("front:overview", args=[world.card.pk]) + "?round=1")
        .content.decode()
    )
    row = re.search(r'<tr class="st-none" data-kpi="1">(.*?)</tr>', body, re.S).group(1)
    assert "ยังไม่มีผล" in row and "0.00" not in row
    assert 'class="dot"' not in body
    assert "ยังไม่มีผล: 2" in body  # the counts of KPIs per status, with words


def test_a_real_zero_still_reads_as_zero_with_its_status_in_words(world):
    results.save_result(world.ada, world.card, "1", 1, "0.1", "", 0)
    body = (
        logged_in(world, "pim")
        .get(reverse("front:overview", args=[world.card.pk]) + "?round=1")
        .content.decode()
    )
    row = re.search(r'<tr class="st-below" data-kpi="1">(.*?)</tr>', body, re.S).group(1)
    assert "0.00" in row and "ต่ำกว่าระดับ 50" in row


def test_the_score_chart_colours_bars_by_status_with_short_names(world):
    results.save_result(world.ada, world.card, "1", 1, "1.35", "", 0)
    body = (
        logged_in(world, "pim")
        .get(reverse("front:overview", args=[world.card.pk]) + "?round=1")
        .content.decode()
    )
    chart = body[body.index('aria-label="คะแนน"') :]
    assert "1. อัตราการขยายตัวของ…" in chart and "3. มูลค่าการค้าต่องบป…" in chart
    assert 'fill="#2e8b57"' in chart  # KPI 1 at its 100 level
    assert "ยังไม่มีผล" in chart and "คะแนน (เต็ม 100)" in chart


def test_the_kpi_page_says_no_result_yet_and_draws_the_actual_on_its_charts(world):
    client = logged_in(world, "pim")
    url = reverse("front:kpi", args=[world.card.pk, "3"]) + "?round=1"
    body = client.get(url).content.decode()
    assert re.search(r'id="kpi-score">([^<]+)<', body).group(1) == "ยังไม่มีผล"
    entered = {"trade_value": "316.13", "budget": "1"}
    results.save_result(world.ada, world.card, "3", 1, entered, "", 0)
    body = client.get(url).content.decode()
    assert "ผลรอบที่ 1 316.13" in body  # marked on the monthly chart even without progress


def test_someone_without_a_role_sees_an_empty_dashboard_that_says_why(world):
    nobody = User.objects.create_user("nobody", password=PASSWORD)
    client = Client()
    client.force_login(nobody)
    body = client.get(reverse("front:dashboard")).content.decode()
    assert "คุณยังไม่มีคำรับรองที่เข้าถึงได้" in body


@pytest.mark.skipif("ditp-2567" not in template_names(), reason="no shipped DITP template")
def test_a_level_that_differs_from_the_signed_document_is_marked_and_links_to_its_audit_row(
    world,
):
    Agency.objects.create(code="DEPA", name_th="สำนักงานทดสอบ", kind=AgencyKind.DEPARTMENT,
                          parent=world.ditp.parent)  # fmt: skip
    text = (Path(templates_init).parent / "ditp-2567.yaml").read_text(encoding="utf-8")
    card = imports.import_template(world.ada, text.replace("code: DITP", "code: DEPA", 1)).scorecard
    client = logged_in(world, "eve")
    body = client.get(reverse("front:overview", args=[card.pk]) + "?round=1").content.decode()
    row = re.search(r'data-kpi="1">(.*?)</tr>', body, re.S).group(1)
    marked = re.findall(
        r'<td class="n lv differs"[^>]*><a href="[^"]*#(audit-1-round-1-level-\d+)"', row
    )
    assert marked == ["audit-1-round-1-level-75", "audit-1-round-1-level-100"]
    audit = client.get(reverse("front:audit", args=[card.pk])).content.decode()
    assert all(f'id="{anchor}"' in audit for anchor in marked)


def test_a_ministry_without_any_result_reads_no_result_yet_in_the_rollup(world):
    body = logged_in(world, "eve").get(reverse("front:dashboard") + "?round=1").content.decode()
    rollup = re.search(r'<table class="grid" id="rollup">.*?</table>', body, re.S)
    assert rollup and '<td class="n no-result" colspan="3">ยังไม่มีผล</td>' in rollup.group(0)
    assert "<svg" in body


def test_the_overview_shows_no_subtotal_for_a_group_without_any_result(world):
    both_rounds(world)  # KPI 1 (performance) has a result; KPI 2, potential's only KPI, has none
    body = (
        logged_in(world, "pim")
        .get(reverse("front:overview", args=[world.card.pk]) + "?round=2")
        .content.decode()
    )
    subtotals = re.findall(r'<tr class="group">.*?<td class="n">(.*?)</td>', body, re.S)
    assert len(subtotals) == 2
    assert re.fullmatch(r"\d+\.\d{4}", subtotals[0]) and subtotals[1] == "–"
