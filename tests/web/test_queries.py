"""Queries per page are bounded and do not grow with the number of agencies and years (no N+1).

Each page is loaded in the personas' world (DITP and DBD, one year), then again after more
agencies, more years, results, owners, submitted rounds and audit log entries are added.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.personas import World, agree, mini_text
from thaikpi.agencies.choices import AgencyKind
from thaikpi.agencies.models import Agency
from thaikpi.results.models import Result
from thaikpi.scorecards.models import KpiOwnership
from thaikpi.services import imports, results, reviews

YEARS = {2565: ("2021-10-01", "2022-09-30"), 2566: ("2022-10-01", "2023-09-30")}


def template(code: str, year_be: int) -> str:
    """The test template for another department or another fiscal year."""
    text = mini_text(code)
    if year_be == 2567:
        return text
    starts, ends = YEARS[year_be]
    return text.replace(
        "fiscal_year: {year_be: 2567, starts: 2023-10-01, ends: 2024-09-30}",
        f"fiscal_year: {{year_be: {year_be}, starts: {starts}, ends: {ends}}}",
    )


def grow(world: World, agencies: int = 3) -> None:
    """More departments and years, each with results, an owner and a submitted round 1."""
    for i in range(agencies):
        Agency.objects.create(
            code=f"D{i}",
            name_th=f"กรมทดสอบ {i}",
            kind=AgencyKind.DEPARTMENT,
            parent=world.ditp.parent,
        )
    ekk_years = [imports.import_template(world.ada, template("DITP", y)) for y in YEARS]
    others = [
        imports.import_template(world.ada, template(f"D{i}", y))
        for i in range(agencies)
        for y in (*YEARS, 2567)
    ]
    for version in ekk_years + others:
        card = version.scorecard
        results.save_result(world.ada, card, "1", 1, "1.2", "", 0)
        results.save_result(world.ada, card, "1", 2, "1.5", "", 0)
        KpiOwnership.objects.create(scorecard=card, kpi_id="2").users.add(world.oat)
        agree(card, world.ada, world.eve)
        reviews.transition(world.ada, card, 1, "submit")
    for kpi_id in ("1", "2"):
        KpiOwnership.objects.create(scorecard=world.card, kpi_id=kpi_id, division=world.strat)
    results.save_result(world.pim, world.card, "1", 1, "1.2", "", 0)
    results.save_result(world.oat, world.card, "3", 1, "80", "", 0)


def page_urls(world: World) -> dict[str, str]:
    card = world.card.pk
    return {
        "overview": reverse("front:overview", args=[card]) + "?round=1",
        "kpi page": reverse("front:kpi", args=[card, "3"]) + "?round=1",
        "home list": reverse("front:home"),
        "review queue and comparison": reverse("front:review_queue") + "?year=2567&round=1",
        "audit page": reverse("front:audit", args=[card]),
        "dashboard": reverse("front:dashboard"),
        "national dashboard": reverse("front:dashboard") + "?year=2567",
        "api need": f"/api/v1/scorecards/{card}/rounds/1/need/?total=90",
        "api audit": f"/api/v1/scorecards/{card}/audit/",
    }


def count(client: Client, url: str) -> int:
    client.get(url)  # the first load may create a round's review row and parse a version
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("name", "page", "most"),
    [
        # The header's unread count comes with the user's roles (permissions.roles_of).
        ("eve", "overview", 9),
        ("pim", "overview", 10),
        ("oat", "overview", 10),
        # + the monthly series behind the forecast, + the KPI's comment threads in the round,
        # + the agencies that carry a joint result, + the KPI's monthly sheets
        ("eve", "kpi page", 14),
        ("pim", "kpi page", 15),
        ("eve", "home list", 7),
        ("pim", "home list", 8),
        ("eve", "review queue and comparison", 8),  # + the rounds' pinned versions
        ("eve", "audit page", 6),
        ("ekk", "dashboard", 12),  # + the drafts waiting for the user's signature
        ("pim", "dashboard", 13),  # + the monthly series behind the at-risk forecasts
        ("eve", "national dashboard", 10),
        ("pim", "api need", 6),  # + the round's review: a closed round keeps its version
        ("eve", "api audit", 4),  # no header on the API
    ],
)
def test_a_page_runs_as_many_queries_for_the_nation_as_for_one_agency_and_year(
    world, name, page, most
):
    client = Client()
    client.force_login(world.user(name))
    url = page_urls(world)[page]
    reviews.transition(world.ada, world.other, 1, "submit")  # a round waiting, as nationally
    small = count(client, url)
    grow(world)
    assert count(client, url) == small
    assert small <= most


def saves(client: Client, world: World, value: str) -> int:
    """The queries of one result save through the entry form (KPI 3, round 1, as oat)."""
    url = reverse("front:entry", args=[world.card.pk, "3", 1])
    revision = results.stored_result(world.card, "3", 1)
    data = {"in_trade_value": value, "in_budget": "100", "note": ""}
    data["revision"] = revision.revision if revision else 0
    with CaptureQueriesContext(connection) as ctx:
        assert client.post(url, data).status_code == 302, url
    return len(ctx.captured_queries)


def test_a_result_save_runs_as_many_queries_for_the_nation_and_does_not_score_the_round(world):
    client = Client()
    client.force_login(world.oat)
    saves(client, world, "70")  # the first save creates the result row
    small = saves(client, world, "75")
    Result.objects.filter(scorecard=world.card, kpi_id="3").delete()  # grow() saves it anew
    grow(world)
    assert saves(client, world, "80") == small
    # The saved page redirects: nothing reads the round's results to score them.
    with CaptureQueriesContext(connection) as ctx:
        saves(client, world, "85")
    read = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("SELECT")]
    assert not [sql for sql in read if '"results_result"."raw" AS "raw"' in sql]  # no scoring
    assert not [sql for sql in read if sql.startswith('SELECT "agencies_agency"')]  # in memory
    assert small <= 17
