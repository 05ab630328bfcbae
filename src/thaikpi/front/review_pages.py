"""The guided review on the overview: confirm a submit (with its checklist), an approval or a
lock (the agency code typed back) before the service takes the action. Works without
JavaScript: the buttons open ``?confirm=<action>`` on the page that shows the scorecard."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from thaikpi.results.choices import ReviewAction
from thaikpi.results.models import RoundReview
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import reviews
from thaikpi.services.errors import DomainError, Invalid, NotAllowed

# Actions that are confirmed on a page of their own before they happen; a return is not (it
# reopens the round and needs a comment, which the evaluator writes on the same page).
CONFIRMED = (ReviewAction.SUBMIT, ReviewAction.APPROVE, ReviewAction.LOCK)


def confirmation(
    request: HttpRequest, scorecard: Scorecard, round_no: int, actions: list[ReviewAction]
) -> dict[str, Any]:
    """The overview's extra context when ``?confirm=<action>`` asks to confirm an action."""
    asked = request.GET.get("confirm", "")
    action = next((a for a in actions if a.value == asked and a in CONFIRMED), None)
    if action is None:
        return {"confirm": None}
    ctx: dict[str, Any] = {"confirm": action, "agency_code": scorecard.agency.code}
    if action == ReviewAction.SUBMIT:
        ctx["checklist"] = reviews.submit_checklist(scorecard, round_no)
    return ctx


def overview_url(scorecard: Scorecard, round_no: int, confirm: str = "") -> str:
    """The overview of a round, optionally opened on the confirmation of ``confirm``."""
    url = f"{reverse('front:overview', args=[scorecard.pk])}?round={round_no}"
    return f"{url}&confirm={confirm}#confirm" if confirm else url


def take(
    request: HttpRequest, scorecard: Scorecard, review: RoundReview, action: str, comment: str
) -> HttpResponse:
    """Take a review action posted from the overview; unconfirmed ones go to their confirmation."""
    user, round_no = request.user, review.round_no
    if not reviews.allowed(user, scorecard, action, review.state):
        raise PermissionDenied
    if action in CONFIRMED and request.POST.get("confirmed") != "1":
        return redirect(overview_url(scorecard, round_no, action))
    try:
        reviews.act(user, scorecard, round_no, action, comment,
                    acknowledge=request.POST.get("acknowledge") == "1",
                    agency_code=request.POST.get("agency_code", ""))  # fmt: skip
    except NotAllowed:
        raise PermissionDenied from None
    except Invalid as exc:  # missing results not acknowledged, a mistyped code, no comment
        messages.error(request, exc.message)
        again = action if action in CONFIRMED else ""
        return redirect(overview_url(scorecard, round_no, again))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, reviews.done_message(scorecard, round_no, action))
    return redirect(overview_url(scorecard, round_no))


def unknown(request: HttpRequest, scorecard: Scorecard, round_no: int) -> HttpResponse:
    """A post without a known action: say so and go back to the round."""
    messages.error(request, _("Unknown review action."))
    return redirect(overview_url(scorecard, round_no))
