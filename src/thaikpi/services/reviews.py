"""A round's review: submit, return with comment, approve, lock. Locked is final."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thaikpi.accounts import permissions
from thaikpi.audit.log import record
from thaikpi.results.choices import ReviewAction, ReviewState
from thaikpi.results.models import RoundReview
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import notifications, rounds
from thaikpi.services.errors import Invalid, NotAllowed

TARGET = {
    ReviewAction.SUBMIT: ReviewState.SUBMITTED,
    ReviewAction.RETURN: ReviewState.RETURNED,
    ReviewAction.APPROVE: ReviewState.APPROVED,
    ReviewAction.LOCK: ReviewState.LOCKED,
}


def allowed(user: Any, scorecard: Scorecard, action: str, state: str) -> bool:
    """Whether ``user`` may take ``action`` on a round in ``state``."""
    if action == ReviewAction.SUBMIT:
        return permissions.can_submit(user, scorecard, state)
    return permissions.can_review(user, scorecard, action, state)


def actions_for(user: Any, scorecard: Scorecard, state: str) -> list[ReviewAction]:
    """The review actions this user may take now, for the buttons a page shows."""
    return [a for a in ReviewAction if allowed(user, scorecard, a, state)]


def snapshot(review: RoundReview) -> dict[str, Any]:
    """What the audit log keeps of a review: state, comment and the version it is scored with."""
    version = review.version.number if review.version_id and review.version else None
    return {"state": review.state, "comment": review.comment, "version": version}


@transaction.atomic
def transition(
    user: Any, scorecard: Scorecard, round_no: int, action: str, comment: str = ""
) -> RoundReview:
    """Move a round to its next review state, or refuse with a translated message."""
    if action not in TARGET:
        raise Invalid(_("Unknown review action."))
    # The scorecard's row first, as an import takes it: a version imported at the same moment
    # lands wholly before or wholly after this submission, never between.
    locked = Scorecard.objects.select_for_update().values_list("current_id", flat=True)
    current_id = locked.get(pk=scorecard.pk)
    review = rounds.review_for_update(scorecard, round_no)
    if not allowed(user, scorecard, action, review.state):
        raise NotAllowed(
            _("You cannot {action} a round that is {state}.").format(
                action=ReviewAction(action).label.lower(), state=review.get_state_display()
            )
        )
    if action == ReviewAction.RETURN and not comment.strip():
        raise Invalid(_("Say what must change when returning a round."))
    before = snapshot(review)
    review.state = TARGET[ReviewAction(action)]
    if action != ReviewAction.SUBMIT:
        review.comment = comment.strip()
    if action == ReviewAction.SUBMIT:
        review.version_id = current_id  # scored with this version from now on, whatever comes
    elif action == ReviewAction.RETURN:
        review.version_id = None  # open again: follows the current version until resubmitted
    review.updated_by = user
    review.save()
    entry = record(user, f"review.{action}", review, before=before, after=snapshot(review),
                   scorecard=scorecard)  # fmt: skip
    notifications.review_event(user, review, action, entry.pk)  # same transaction: all or none
    return review
