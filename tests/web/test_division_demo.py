"""The demo's division: DITP's Digital Trade Promotion Office runs its internal scorecard."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from thaikpi.results.models import Result, RoundReview
from thaikpi.scorecards import permissions
from thaikpi.scorecards.models import Scorecard


@pytest.fixture
def demo(db: None) -> Scorecard:
    """The demo loaded; the office's scorecard."""
    out = StringIO()
    call_command("thaikpi_demo", stdout=out)
    assert "nok" in out.getvalue() and "bee" in out.getvalue()  # their log-ins are printed
    return Scorecard.objects.get(agency__code="DITP-DIGITAL", fiscal_year__year_be=2567)


def test_the_offices_scorecard_is_agreed_with_round_1_approved_and_round_2_under_way(
    demo: Scorecard,
) -> None:
    rounds = dict(RoundReview.objects.filter(scorecard=demo).values_list("round_no", "state"))
    entered = sorted(Result.objects.filter(scorecard=demo).values_list("round_no", "kpi_id"))
    assert (demo.is_agreed, rounds.get(1), entered) == (
        True,
        "approved",
        [(1, "1"), (1, "2"), (1, "3"), (2, "1")],
    )


@pytest.mark.parametrize(
    ("username", "card", "kpi_id", "enters"),
    [
        ("bee", "DITP-DIGITAL", "1", True),  # the office's KPI owner, his KPI
        ("nok", "DITP-DIGITAL", "2", True),  # the office's planner
        ("bee", "DITP", "3", True),  # DITP's KPI 3 is given to the office
        ("pim", "DITP-DIGITAL", "1", False),  # DITP's planner reads it
        ("nok", "DITP", "1", False),  # the office's planner is not DITP's
    ],
)
def test_who_reports_what_in_the_demo(
    demo: Scorecard, username: str, card: str, kpi_id: str, enters: bool
) -> None:
    scorecard = Scorecard.objects.get(agency__code=card, fiscal_year__year_be=2567)
    user = User.objects.get(username=username)
    assert permissions.may_report(user, scorecard, kpi_id) is enters


def test_ditps_executive_finds_the_office_on_the_dashboard_with_its_total(
    demo: Scorecard,
) -> None:
    client = Client()
    client.force_login(User.objects.get(username="ekk"))
    body = client.get(reverse("front:dashboard")).content.decode()
    row = body.split(f'<tr data-scorecard="{demo.pk}">')[1].split("</tr>")[0]
    # Round 2 so far: KPI 1's 2,650 lies between 2,500 (50) and 2,800 (75) → 62.50 × 40 %.
    assert "สำนักส่งเสริมการค้าดิจิทัล" in row and 'class="division-total">25.00<' in row


def test_the_offices_owner_finds_its_open_round_on_his_to_do_list(demo: Scorecard) -> None:
    client = Client()
    client.force_login(User.objects.get(username="bee"))
    body = client.get(reverse("front:todo")).content.decode()
    assert reverse("front:entry", args=[demo.pk, "2", 2]) in body  # round 2, dated by nok
