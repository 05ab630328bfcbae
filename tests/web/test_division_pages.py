"""A division's internal scorecard end to end on the web: the division enters and submits,
the evaluator approves, the department reads it and its dashboard lists it with its total."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.division_world import DivisionWorld, dw  # noqa: F401
from tests.personas import agency_text
from thaikpi.agencies.choices import AgencyKind
from thaikpi.agencies.models import Agency
from thaikpi.results.models import Result, RoundReview
from thaikpi.services import deadlines, imports, results


def logged_in(dw: DivisionWorld, name: str) -> Client:  # noqa: F811
    client = Client()
    client.force_login(dw.user(name))
    return client


def review(client: Client, dw: DivisionWorld, action: str) -> int:  # noqa: F811
    url = reverse("front:review", args=[dw.division.pk, 1])
    data = {"action": action, "confirmed": "1", "acknowledge": "1"}
    return client.post(url, data).status_code


def test_the_division_enters_and_submits_and_the_evaluator_approves(dw: DivisionWorld) -> None:  # noqa: F811
    entry = reverse("front:entry", args=[dw.division.pk, "1", 1])
    saved = logged_in(dw, "dan").post(entry, {"revision": 0, "value": "1.2"})
    assert saved.status_code == 302
    assert Result.objects.get(scorecard=dw.division, kpi_id="1").raw == "1.2"
    assert review(logged_in(dw, "dao"), dw, "submit") == 302
    assert review(logged_in(dw, "eve"), dw, "approve") == 302
    assert RoundReview.objects.get(scorecard=dw.division, round_no=1).state == "approved"


@pytest.mark.parametrize(
    ("persona", "entry", "overview"),
    [
        ("dan", 200, 200),  # his KPI
        ("dao", 200, 200),  # the division's planner
        ("pim", 403, 200),  # the department's planner reads it
        ("ekk", 403, 200),  # the department's executive reads it
        ("eve", 403, 200),
        ("mallory", 404, 404),  # another department does not even see it
    ],
)
def test_who_opens_the_divisions_pages(
    dw: DivisionWorld,  # noqa: F811
    persona: str,
    entry: int,
    overview: int,
) -> None:
    client = logged_in(dw, persona)
    pages = (
        reverse("front:entry", args=[dw.division.pk, "1", 1]),
        reverse("front:overview", args=[dw.division.pk]),
    )
    assert tuple(client.get(url).status_code for url in pages) == (entry, overview)


def test_a_department_planner_may_not_submit_the_divisions_round(dw: DivisionWorld) -> None:  # noqa: F811
    review(logged_in(dw, "pim"), dw, "submit")
    assert not RoundReview.objects.filter(scorecard=dw.division, state="submitted").exists()


@pytest.mark.parametrize("persona", ["pim", "ekk", "dao"])
def test_the_departments_dashboard_lists_its_divisions_scorecards_with_their_totals(
    dw: DivisionWorld,  # noqa: F811
    persona: str,
) -> None:
    results.save_result(dw.dan, dw.division, "1", 1, "1.35", "", 0)  # KPI 1 at 100: 40 points
    body = logged_in(dw, persona).get(reverse("front:dashboard")).content.decode()
    department = body.split(f'data-scorecard="{dw.w.card.pk}"')[1].split("</section>")[0]
    assert "คำรับรองระดับกอง/สำนัก" in department
    row = department.split(f'<tr data-scorecard="{dw.division.pk}">')[1].split("</tr>")[0]
    assert "กองยุทธศาสตร์" in row and 'class="division-total">40.00<' in row
    own = f'<section class="glance" data-scorecard="{dw.division.pk}">' in body
    assert own is (persona == "dao")  # a glance of its own only for the division's members


def test_the_evaluators_national_table_compares_agencies_not_divisions(dw: DivisionWorld) -> None:  # noqa: F811
    body = logged_in(dw, "eve").get(reverse("front:dashboard")).content.decode()
    assert "กรมพัฒนาธุรกิจการค้า" in body and "กองยุทธศาสตร์" not in body


@pytest.mark.parametrize(("persona", "duty"), [("dan", "entry"), ("dao", "overview")])
def test_the_divisions_people_find_their_duties_on_their_to_do_lists(
    dw: DivisionWorld,  # noqa: F811
    persona: str,
    duty: str,
) -> None:
    """Once the division's planner dates the round: Dan enters KPI 1, Dao submits."""
    deadlines.set_dues(dw.dao, dw.division, {(1, deadlines.ROUND): datetime.date(2024, 4, 30)})
    body = logged_in(dw, persona).get(reverse("front:todo")).content.decode()
    urls = {
        "entry": reverse("front:entry", args=[dw.division.pk, "1", 1]),
        "overview": reverse("front:overview", args=[dw.division.pk]) + "?round=1",
    }
    assert urls[duty] in body


@pytest.mark.parametrize("persona", ["pim", "dao"])
def test_the_dashboard_runs_as_many_queries_for_three_divisions_as_for_one(
    dw: DivisionWorld,  # noqa: F811
    persona: str,
) -> None:
    client = logged_in(dw, persona)
    url = reverse("front:dashboard")

    def count() -> int:
        client.get(url)  # the first load parses the new versions
        with CaptureQueriesContext(connection) as seen:
            assert client.get(url).status_code == 200
        return len(seen.captured_queries)

    one = count()
    for code, name in [("DITP-ICT2", "ศูนย์ข้อมูล"), ("DITP-LAW", "กองกฎหมาย")]:
        Agency.objects.create(code=code, name_th=name, kind=AgencyKind.DIVISION, parent=dw.w.ditp)
        imports.import_template(dw.w.pim, agency_text(code, name))
    assert count() == one
    assert client.get(url).content.decode().count("<tr data-scorecard=") == 3
