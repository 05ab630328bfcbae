"""Round reviews: draft → submitted → returned | approved → locked, by the right people."""

from __future__ import annotations

import pytest

from thaikpi.changelog.models import AppendOnlyError, AuditLog
from thaikpi.results.models import RoundReview
from thaikpi.services import reviews
from thaikpi.services.errors import Invalid, NotAllowed


def state(world, round_no=1):
    return RoundReview.objects.get(scorecard=world.card, round_no=round_no).state


def test_the_full_path_to_locked(world):
    reviews.transition(world.pim, world.card, 1, "submit")
    reviews.transition(world.eve, world.card, 1, "approve")
    reviews.transition(world.eve, world.card, 1, "lock")
    assert state(world) == "locked"


def test_a_return_needs_a_comment_and_reopens_the_round(world):
    reviews.transition(world.pim, world.card, 1, "submit")
    with pytest.raises(Invalid):
        reviews.transition(world.eve, world.card, 1, "return", "")
    reviews.transition(world.eve, world.card, 1, "return", "ตรวจสอบหลักฐาน")
    assert state(world) == "returned"
    reviews.transition(world.pim, world.card, 1, "submit")


def test_a_locked_round_cannot_be_returned_by_anyone(world):
    for user, action in [(world.pim, "submit"), (world.eve, "approve"), (world.eve, "lock")]:
        reviews.transition(user, world.card, 1, action)
    for user in (world.eve, world.ada, world.pim):
        with pytest.raises(NotAllowed):
            reviews.transition(user, world.card, 1, "return", "please")
    assert state(world) == "locked"


@pytest.mark.parametrize("name", ["pim", "oat", "ekk", "mallory"])
def test_only_evaluators_approve(world, name):
    reviews.transition(world.pim, world.card, 1, "submit")
    with pytest.raises(NotAllowed):
        reviews.transition(world.user(name), world.card, 1, "approve")


@pytest.mark.parametrize("name", ["oat", "ekk", "eve", "mallory"])
def test_only_planners_submit(world, name):
    with pytest.raises(NotAllowed):
        reviews.transition(world.user(name), world.card, 1, "submit")


def test_the_audit_log_is_append_only(world):
    reviews.transition(world.pim, world.card, 1, "submit")
    entry = AuditLog.objects.filter(action="review.submit").get()
    entry.action = "rewritten"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditLog.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditLog.objects.update(action="x")


def test_a_round_the_template_does_not_have_is_refused(world):
    with pytest.raises(Invalid):
        reviews.transition(world.pim, world.card, 3, "submit")
    assert not RoundReview.objects.filter(round_no=3).exists()
