"""Notifications: stored once per (user, event), shown in the inbox, mailed by thaikpi_remind.

Workflow events are created by :mod:`thaikpi.services.reviews` inside its transaction, so a
refused or rolled-back action notifies no one. Page views only read; the reminder command
creates due-date reminders and mails what has not been mailed, each once (the unique
(user, key) row and its ``emailed_at`` mark say what was done already).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from thaikpi.accounts.choices import Role
from thaikpi.accounts.models import Membership
from thaikpi.deadlines.models import Notification
from thaikpi.engine import formatting
from thaikpi.results.models import RoundReview
from thaikpi.scorecards import permissions
from thaikpi.scorecards.models import KpiOwnership


def notify(users: Iterable[Any], key: str, kind: str, params: dict[str, Any], url: str) -> None:
    """Store the event for each user; an event already stored for a user is left as it is."""
    rows = [Notification(user_id=u.pk, key=key, kind=kind, params=params, url=url) for u in users]
    Notification.objects.bulk_create(rows, ignore_conflicts=True)


def inbox(user: Any, limit: int = 100) -> list[Notification]:
    """The user's latest notifications, newest first."""
    return list(Notification.objects.filter(user_id=user.pk)[:limit])


def mark_read(user: Any, pk: int | None = None) -> int:
    """Mark one notification (or all of them) read; the number marked."""
    rows = Notification.objects.filter(user_id=user.pk, read_at__isnull=True)
    if pk is not None:
        rows = rows.filter(pk=pk)
    return rows.update(read_at=timezone.now())


# -- workflow events -------------------------------------------------------------------------


def planners_of(agency_id: int) -> Q:
    """The users who plan for an agency, as a filter on users."""
    members = Membership.objects.filter(role=Role.PLANNER, agency_id=agency_id)
    return Q(pk__in=members.values("user_id"))


def _owners(review: RoundReview) -> Q:
    owned = KpiOwnership.objects.filter(scorecard_id=review.scorecard_id)
    divisions = owned.exclude(division_id=None).values("division_id")
    members = Membership.objects.filter(role=Role.KPI_OWNER, agency_id__in=divisions)
    named = owned.exclude(users=None).values("users")
    return Q(pk__in=named) | Q(pk__in=members.values("user_id"))


def evaluators() -> Q:
    """The evaluators (every agency's), as a filter on users."""
    members = Membership.objects.filter(role=Role.EVALUATOR, agency=None)
    return Q(pk__in=members.values("user_id"))


def review_event(actor: Any, review: RoundReview, action: str, event_id: int) -> None:
    """Tell whoever acts next: submitted → evaluators; returned → planners and KPI owners;
    approved or locked → planners. The actor is not told of their own action."""
    card = review.scorecard
    if action == "submit":
        who = evaluators()
    elif action == "return":
        who = planners_of(card.agency_id) | _owners(review)
    elif action in ("approve", "lock"):
        who = planners_of(card.agency_id)
    else:
        return
    users = get_user_model().objects.filter(who, is_active=True).exclude(pk=actor.pk)
    params = {
        "agency": card.agency.name_th,
        "agency_en": card.agency.name_en,
        "round": review.round_no,
        "comment": review.comment,
        "by": actor.get_full_name() or actor.get_username(),
    }
    url = reverse("front:overview", args=[card.pk]) + f"?round={review.round_no}"
    notify(users, f"review.{action}:{review.pk}:{event_id}", f"review.{action}", params, url)


def _agency_heads(card: Any) -> Q:
    """Who signs for the agency's head: its planners and executives (a division's: the
    department's, as well as any of the division's own)."""
    agencies = {card.agency_id, permissions.home_agency(card)}
    members = Membership.objects.filter(
        role__in=(Role.PLANNER, Role.EXECUTIVE), agency_id__in=agencies
    )
    return Q(pk__in=members.values("user_id"))


def signing_event(actor: Any, card: Any, side: str, version: int, signature_id: int) -> None:
    """Tell the other side of the agreement that one side signed: the evaluators when the
    agency's head signs, the agency's planners and executives when an evaluator does. The
    second signature says the scorecard is agreed. Once per signature; never the signer."""
    who = evaluators() if side == "agency" else _agency_heads(card)
    users = get_user_model().objects.filter(who, is_active=True).exclude(pk=actor.pk)
    kind = "agreement.agree" if card.agreed_at is not None else "agreement.sign"
    params = {
        "agency": card.agency.name_th,
        "agency_en": card.agency.name_en,
        "year": card.fiscal_year.year_be,
        "version": version,
        "side": side,
        "by": actor.get_full_name() or actor.get_username(),
    }
    url = reverse("front:overview", args=[card.pk]) + "#agreement"
    notify(users, f"{kind}:{signature_id}", kind, params, url)


def send_pending(now: datetime.datetime | None = None) -> int:
    """E-mail every user their notifications not mailed yet, one message each; the number sent.

    Rows are claimed under a lock first, so two runs at once never mail the same event twice.
    """
    now = now or timezone.now()
    pending = Notification.objects.filter(emailed_at__isnull=True).exclude(user__email="")
    user_ids = list(pending.values_list("user_id", flat=True).distinct())
    sent = 0
    with get_connection() as connection:
        for user_id in user_ids:
            with transaction.atomic():
                rows = list(
                    pending.filter(user_id=user_id)
                    .select_for_update(skip_locked=True, of=("self",))
                    .select_related("user")
                    .order_by("created_at", "pk")
                )
                if not rows:
                    continue
                message = _message(rows)
                message.connection = connection
                message.send()
                Notification.objects.filter(pk__in=[r.pk for r in rows]).update(emailed_at=now)
                sent += 1
    return sent


def _message(rows: list[Notification]) -> EmailMessage:
    """One user's notifications as one e-mail, Thai first with English beside it."""
    user = rows[0].user
    lines = []
    for row in rows:
        link = settings.THAIKPI_SITE_URL + row.url if row.url else ""
        lines.append(f"• {text(row, 'th')}\n  {text(row, 'en')}\n  {link}".rstrip())
    footer = settings.THAIKPI_SITE_URL + reverse("front:inbox")
    body = "\n\n".join(lines) + f"\n\n-- \nThaiKPI {footer}\n"
    subject = f"ThaiKPI: {len(rows)} การแจ้งเตือน / notification(s)"
    return EmailMessage(subject, body, to=[user.email])


# -- text ------------------------------------------------------------------------------------


def text(row: Notification, language: str | None = None) -> str:
    """The notification as a sentence in ``language`` (default: the active one)."""
    with translation.override(language or translation.get_language() or "th"):
        return _text(row.kind, row.params, translation.get_language() or "th")


def _text(kind: str, p: dict[str, Any], lang: str) -> str:
    agency = (p.get("agency_en") if lang == "en" else "") or p.get("agency", "")
    rnd = p.get("round")
    if kind.startswith("comment."):
        return _comment_text(kind, p, agency)
    if kind == "review.submit":
        return _("{agency} submitted round {round} for review.").format(agency=agency, round=rnd)
    if kind == "review.return":
        said = _("{agency}: round {round} was returned for changes by {by}.").format(
            agency=agency, round=rnd, by=p.get("by", "")
        )
        return f"{said} “{p['comment']}”" if p.get("comment") else said
    if kind == "review.approve":
        return _("{agency}: round {round} was approved.").format(agency=agency, round=rnd)
    if kind == "review.lock":
        return _("{agency}: round {round} was locked.").format(agency=agency, round=rnd)
    if kind == "agreement.sign":
        text_ = (
            _("{agency}: the agency's head signed the scorecard of {year} (version {version}); "
              "your signature as the evaluator is awaited.")
            if p.get("side") == "agency"
            else _("{agency}: the evaluator signed the scorecard of {year} (version {version}); "
                   "the signature of the agency's head is awaited.")
        )  # fmt: skip
        return text_.format(agency=agency, year=p.get("year"), version=p.get("version"))
    if kind == "agreement.agree":
        return _(
            "{agency}: the scorecard of {year} is agreed (version {version}, signed by both "
            "sides); its rounds can be submitted."
        ).format(agency=agency, year=p.get("year"), version=p.get("version"))
    if kind in ("due.soon", "due.overdue"):
        due = formatting.date(datetime.date.fromisoformat(p["due"]), lang)
        duty = duty_text(p.get("duty", ""), p.get("round"), p.get("kpi", ""), p.get("month"))
        if kind == "due.overdue":
            return _("Overdue since {due}: {duty} ({agency}).").format(
                due=due, duty=duty, agency=agency
            )
        return _("Due {due}: {duty} ({agency}).").format(due=due, duty=duty, agency=agency)
    return kind


def _comment_text(kind: str, p: dict[str, Any], agency: str) -> str:
    """A discussion's event (a comment, a reply, resolved, reopened) as a sentence."""
    if p.get("kpi"):
        place = _("KPI {kpi}, round {round}").format(kpi=p["kpi"], round=p.get("round"))
    else:
        place = _("round {round}").format(round=p.get("round"))
    said = {
        "comment.new": _("{by} commented on {place} ({agency}):"),
        "comment.reply": _("{by} replied on {place} ({agency}):"),
        "comment.resolve": _("{by} marked a comment on {place} resolved ({agency}):"),
        "comment.reopen": _("{by} reopened a comment on {place} ({agency}):"),
    }.get(kind)
    if said is None:
        return kind
    head = said.format(by=p.get("by", ""), place=place, agency=agency)
    return f"{head} “{p['excerpt']}”" if p.get("excerpt") else head.rstrip(":")


def duty_text(
    kind: str, round_no: int | None, kpi_id: str, month: int | None, year: int | None = None
) -> str:
    """A to-do item's duty as a phrase, in the active language."""
    if kind == "sign":
        return _("sign the scorecard of {year}").format(year=year)
    if kind == "enter":
        return _("enter the result of KPI {kpi}, round {round}").format(kpi=kpi_id, round=round_no)
    if kind == "progress" and month:
        lang = translation.get_language() or "th"
        name = formatting.month_name(formatting.calendar_month(month), lang, short=False)
        return _("enter KPI {kpi}'s progress for {month}").format(kpi=kpi_id, month=name)
    if kind == "submit":
        return _("submit round {round} for review").format(round=round_no)
    if kind == "review":
        return _("review round {round}").format(round=round_no)
    return kind
