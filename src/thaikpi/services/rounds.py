"""A scorecard's rounds and their review rows; only rounds the template defines exist."""

from __future__ import annotations

from django.utils.translation import gettext as _

from thaikpi.results.models import RoundReview
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import engine
from thaikpi.services.errors import Invalid


def check_round(scorecard: Scorecard, round_no: int) -> None:
    """Invalid unless the current template has this round."""
    if engine.current(scorecard).round(round_no) is None:
        raise Invalid(_("This scorecard has no round {round}.").format(round=round_no))


def review_of(scorecard: Scorecard, round_no: int) -> RoundReview:
    """The round's review row (created in draft for a round the template has)."""
    check_round(scorecard, round_no)
    review, _created = RoundReview.objects.get_or_create(scorecard=scorecard, round_no=round_no)
    return review


def review_for_update(scorecard: Scorecard, round_no: int) -> RoundReview:
    """The round's review row, locked until the end of the caller's transaction."""
    check_round(scorecard, round_no)
    locked = RoundReview.objects.select_for_update().filter(scorecard=scorecard, round_no=round_no)
    found = locked.first()
    if found is None:  # the round's first write: the row is made, then locked
        review_of(scorecard, round_no)
        found = locked.get()
    return found
