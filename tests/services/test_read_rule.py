"""One read rule: Scorecard.objects.readable_by(user) and editable_by(user), asked by every view."""

from __future__ import annotations

import pytest

from thaikpi.scorecards import permissions
from thaikpi.scorecards.models import Scorecard
from thaikpi.scorecards.permissions import NotFound


def codes(cards) -> set[str]:
    return {c.agency.code for c in cards.select_related("agency")}


@pytest.mark.parametrize(
    ("name", "readable", "editable"),
    [
        ("pim", {"DITP"}, {"DITP"}),  # planner: reads and reports her department
        ("oat", {"DITP"}, {"DITP"}),  # KPI owner: reports the KPI he owns
        ("ekk", {"DITP"}, set()),  # executive: reads only
        ("eve", {"DITP", "DBD"}, set()),  # evaluator: reads every agency, reports none
        ("ada", {"DITP", "DBD"}, {"DITP", "DBD"}),  # administrator: everything
        ("mallory", {"DBD"}, {"DBD"}),  # planner elsewhere: never DITP
    ],
)
def test_each_persona_reads_and_reports_exactly_their_scorecards(world, name, readable, editable):
    user = world.user(name)
    assert codes(Scorecard.objects.readable_by(user)) == readable
    assert codes(Scorecard.objects.editable_by(user)) == editable


def test_a_kpi_owner_without_a_kpi_reports_no_scorecard(world):
    world.card.owners.all().delete()
    assert not Scorecard.objects.editable_by(world.oat).exists()
    assert codes(Scorecard.objects.readable_by(world.oat)) == {"DITP"}


def test_an_anonymous_visitor_reads_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    assert not Scorecard.objects.readable_by(AnonymousUser()).exists()
    assert not Scorecard.objects.editable_by(AnonymousUser()).exists()


@pytest.mark.parametrize("pk", [0, -1, 2**63, 10**6])
def test_a_scorecard_that_does_not_exist_is_not_found(world, pk):
    with pytest.raises(NotFound):
        permissions.scorecard_for(world.ada, pk)


def test_another_departments_scorecard_is_not_found_as_if_it_did_not_exist(world):
    with pytest.raises(NotFound):
        permissions.scorecard_for(world.mallory, world.card.pk)
    assert permissions.scorecard_for(world.pim, world.card.pk) == world.card
