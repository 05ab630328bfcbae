"""Comment threads on the KPI page and on the round's overview: start, reply, resolve, reopen.

The pages show the threads (``context``); these views only take the posts and go back to
the comment on the page that shows it. Works without JavaScript.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thaikpi.discussions.models import Comment
from thaikpi.results.models import RoundReview
from thaikpi.scorecards import permissions
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import discussions, engine
from thaikpi.services.errors import DomainError, NotAllowed, RoundClosed


class CommentForm(forms.Form):
    """A new thread (on the round, or on ``kpi_id``) or a reply to ``parent``."""

    body = forms.CharField(
        label=gettext_lazy("Comment"),
        max_length=discussions.MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    kpi_id = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    parent = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


def context(
    user: Any, scorecard: Scorecard, review: RoundReview, kpi_id: str | None
) -> dict[str, Any]:
    """What a page needs to show a place's threads (a KPI's, or the round's own for None)."""
    place = kpi_id if kpi_id is not None else discussions.ROUND_ONLY
    found = discussions.threads(scorecard, review.round_no, place)
    return _shown(user, scorecard, found, kpi_id, review)


def overview_context(user: Any, scorecard: Scorecard, review: RoundReview) -> dict[str, Any]:
    """The round's own threads, and the open threads per KPI (``open_comments``, the round's
    own under "") for the overview's count and its rows: one read of the round's threads."""
    found = discussions.threads(scorecard, review.round_no)
    counts = discussions.open_counts(found)
    own = [t for t in found if t.kpi_id is None]
    return _shown(user, scorecard, own, None, review) | {
        "open_comments": counts,
        "open_comments_total": sum(counts.values()),
        "open_on_kpis": [(k, n) for k, n in counts.items() if k],  # in the order first written
    }


def _shown(
    user: Any,
    scorecard: Scorecard,
    found: list[discussions.Thread],
    kpi_id: str | None,
    review: RoundReview,
) -> dict[str, Any]:
    # A locked round's discussion is read-only: no form and no resolve button (the service
    # refuses them anyway); the page says why instead.
    writable = not review.is_locked
    return {
        "threads": [
            (t, writable and discussions.can_resolve(user, scorecard, t.root)) for t in found
        ],
        "thread_kpi": kpi_id or "",
        "can_comment": writable and discussions.can_comment(user, scorecard),
        "comments_locked": review.is_locked,
        "open_threads": sum(1 for t in found if not t.resolved),
    }


def _back(scorecard: Scorecard, round_no: int, kpi_id: str) -> str:
    """The page the form was on, at its discussion (the overview for a KPI it does not have)."""
    if kpi_id and engine.current(scorecard).kpi(kpi_id) is not None:
        url = reverse("front:kpi", args=[scorecard.pk, kpi_id])
    else:
        url = reverse("front:overview", args=[scorecard.pk])
    return f"{url}?round={round_no}#discussion"


@login_required
@require_POST
def comment_add(request: HttpRequest, pk: int, round_no: int) -> HttpResponse:
    """Post a comment: a new thread or a reply; back to it on its page."""
    scorecard = permissions.scorecard_for(request.user, pk)
    form = CommentForm(request.POST)
    kpi_id = request.POST.get("kpi_id", "")[:64]
    if not form.is_valid():
        messages.error(request, _("Write a comment first."))
        return redirect(_back(scorecard, round_no, kpi_id))
    data = form.cleaned_data
    try:
        comment = discussions.add(request.user, scorecard, round_no, data["body"],
                                  kpi_id=data["kpi_id"] or None,
                                  parent_id=data["parent"])  # fmt: skip
    except NotAllowed:
        raise PermissionDenied from None
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(_back(scorecard, round_no, kpi_id))
    root = comment.parent or comment
    messages.success(
        request, _("Comment posted.") if comment.parent_id is None else _("Reply posted.")
    )
    return redirect(discussions.url_of(root, comment.pk))


@login_required
@require_POST
def comment_resolve(request: HttpRequest, pk: int, comment_id: int) -> HttpResponse:
    """Mark a thread resolved (``resolved=1``) or reopen it (``resolved=0``)."""
    scorecard = permissions.scorecard_for(request.user, pk)
    resolved = request.POST.get("resolved") == "1"
    try:
        root = discussions.set_resolved(request.user, scorecard, comment_id, resolved)
    except NotAllowed:
        raise PermissionDenied from None
    except RoundClosed as exc:  # locked since the page was shown: back to the thread, which says so
        messages.error(request, exc.message)
        return redirect(discussions.url_of(Comment.objects.get(pk=comment_id)))
    except DomainError as exc:  # no such comment on this scorecard: back to its overview
        messages.error(request, exc.message)
        return redirect("front:overview", pk=scorecard.pk)
    messages.success(request, _("Marked resolved.") if resolved else _("Reopened."))
    return redirect(discussions.url_of(root))
