"""Pages of deadlines and reminders: the to-do list, the inbox, due dates, the calendar feed."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from thaikpi.changelog.models import AuditLog
from thaikpi.deadlines.models import Notification
from thaikpi.front.filters import thdate
from thaikpi.scorecards import permissions
from thaikpi.services import calendar, deadlines, engine, notifications
from thaikpi.services.errors import DomainError

FEED_ACTIONS = ("create", "replace", "revoke")


@login_required
def todo(request: HttpRequest) -> HttpResponse:
    """What I must enter, submit or review, with due dates, overdue first."""
    today = timezone.localdate()
    items = deadlines.todo_for(request.user, today)
    rows = [
        {
            "item": i,
            "duty": notifications.duty_text(i.kind, i.round_no, i.kpi_id, i.month, i.year),
        }
        for i in items
    ]
    ctx = {
        "rows": rows,
        "today": today,
        "overdue": sum(i.overdue for i in items),
        "settable": deadlines.settable_scorecards(request.user),
    }
    return render(request, "front/todo.html", ctx)


@never_cache
@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """The user's notifications, newest first; unread ones stand out until marked read."""
    if request.method == "POST":
        notifications.mark_read(request.user)
        return redirect("front:inbox")
    rows = [(n, notifications.text(n)) for n in notifications.inbox(request.user)]
    return render(request, "front/inbox.html", {"rows": rows})


@require_POST
@login_required
def inbox_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notification read and go where it points."""
    found = Notification.objects.filter(user_id=request.user.pk, pk=pk).first()
    if found is None:
        raise Http404("no such notification")
    notifications.mark_read(request.user, pk)
    return redirect(found.url or "front:inbox")


@login_required
def due_dates(request: HttpRequest, pk: int) -> HttpResponse:
    """A scorecard's due dates per round and KPI and its monthly due days; planners and
    evaluators change them."""
    user = request.user
    scorecard = permissions.scorecard_for(user, pk)
    can_set = deadlines.can_set(user, scorecard)
    sc = engine.current(scorecard)
    if request.method == "POST":
        if not can_set:
            raise permissions.NotFound("may not set due dates")
        try:
            dues, monthly = _read_form(request)
            changed = deadlines.set_dues(user, scorecard, dues, monthly)
        except (DomainError, ValueError) as exc:
            messages.error(request, str(exc) if isinstance(exc, DomainError) else _bad_date())
        else:
            messages.success(request, _("Due dates saved ({n} changed).").format(n=changed))
        return redirect("front:due_dates", pk=pk)
    dues = deadlines.dues_of(scorecard)
    monthly = deadlines.monthly_days_of(scorecard)
    today = timezone.localdate()
    rounds = []
    for rnd in sc.rounds:
        kpis = []
        for kpi in sc.kpis:
            if rnd.number not in kpi.rounds:
                continue
            own = dues.get((rnd.number, kpi.id))
            kpis.append(
                {"kpi": kpi, "own": own, "due": deadlines.kpi_due(dues, rnd.number, kpi.id)}
            )
        due = dues.get((rnd.number, deadlines.ROUND))
        rounds.append({"round": rnd, "due": due, "kpis": kpis,
                       "overdue": deadlines.is_overdue(due, today)})  # fmt: skip
    ctx = {
        "scorecard": scorecard,
        "sc": sc,
        "rounds": rounds,
        "monthly": [(k, monthly.get(k.id)) for k in sc.kpis],
        "can_set": can_set,
        "today": today,
    }
    return render(request, "front/due_dates.html", ctx)


def _bad_date() -> str:
    return _("A due date must be a date such as 2024-04-30.")


def _read_form(
    request: HttpRequest,
) -> tuple[dict[tuple[int, str], datetime.date | None], dict[str, int | None]]:
    """The posted dates: ``due-<round>`` and ``due-<round>-<kpi>``, ``monthly-<kpi>``."""
    dues: dict[tuple[int, str], datetime.date | None] = {}
    monthly: dict[str, int | None] = {}
    for name, value in request.POST.items():
        value = value.strip()
        if name.startswith("due-"):
            _prefix, round_text, *kpi = name.split("-", 2)
            key = (int(round_text), kpi[0] if kpi else deadlines.ROUND)
            dues[key] = datetime.date.fromisoformat(value) if value else None
        elif name.startswith("monthly-"):
            monthly[name.removeprefix("monthly-")] = int(value) if value else None
    return dues, monthly


@never_cache
@login_required
def calendar_feed_page(request: HttpRequest) -> HttpResponse:
    """The user's calendar address: make one (shown once), replace it, revoke it."""
    user = request.user
    feed_url = None
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in FEED_ACTIONS:
            messages.error(request, _("Unknown action."))
            return redirect("front:calendar")
        if action == "revoke":
            if calendar.revoke(user):
                messages.success(
                    request, _("Your calendar address was revoked; it no longer works.")
                )
            return redirect("front:calendar")
        token = calendar.replace(user)
        feed_url = request.build_absolute_uri(reverse("front:calendar_feed", args=[token]))
    issued = calendar.issued_at(user)
    history = AuditLog.objects.filter(
        object_type=user._meta.label_lower,
        object_id=str(user.pk),
        action__startswith="calendar.",
    ).select_related("actor")[:10]
    ctx = {
        "feed_url": feed_url,
        "issued_at": issued,
        "issued_text": issued
        and _("You have a calendar address, made %(when)s.") % {"when": thdate(issued)},
        "history": history,
    }
    return render(request, "front/calendar.html", ctx)


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The feed itself, for calendar programs: no session, the secret token is the key."""
    user = calendar.owner_of(token)
    if user is None:
        raise Http404("no such calendar")
    body = calendar.feed(user, timezone.localdate())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="thaikpi.ics"'
    return response
