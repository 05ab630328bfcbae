"""Threaded comments on a round or on one KPI in a round, with resolved marks and history.

Who may do what:

- whoever may read the scorecard may comment and reply (owners, planners, executives of the
  agency; evaluators and administrators);
- the thread's author, the agency's planners and evaluators (administrators too) mark a
  thread resolved or reopen it; a resolved thread takes no replies until it is reopened;
- once the round is locked its discussion is read-only: no new thread, reply, resolve or
  reopen (an approved round may still be returned, so it stays open to comments).

Each comment, resolve and reopen is recorded in the audit log in the same transaction (the
thread's history) and tells the other participants once, through
:mod:`thaikpi.services.notifications`: the thread's authors, the agency's planners, the KPI's
owners for a KPI's thread, and the evaluators who have the round in hand (every evaluator
while it is submitted; the one who returned, approved or locked it afterwards).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thaikpi.accounts.choices import Role
from thaikpi.accounts.models import Membership
from thaikpi.changelog.log import record
from thaikpi.changelog.models import AuditLog
from thaikpi.discussions.models import Comment
from thaikpi.reports import pdf
from thaikpi.results.choices import ReviewState
from thaikpi.results.models import RoundReview
from thaikpi.scorecards import permissions
from thaikpi.scorecards.models import KpiOwnership, Scorecard
from thaikpi.services import engine, notifications, rounds
from thaikpi.services.errors import Invalid, NotAllowed, RoundClosed

MAX_BODY = 4000  # characters: a comment, not a report
EXCERPT = 140  # characters of a comment quoted in a notification
ADDED, RESOLVED, REOPENED = "comment.add", "comment.resolve", "comment.reopen"


@dataclass(frozen=True)
class Event:
    """A resolve or reopen in a thread's history: who, when."""

    action: str  # RESOLVED or REOPENED
    actor: Any
    at: datetime.datetime


@dataclass
class Thread:
    """A thread: its first comment, the replies and resolve/reopen events in time order."""

    root: Comment
    replies: list[Comment] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @property
    def resolved(self) -> bool:
        """True while the thread is marked resolved."""
        return self.root.resolved

    @property
    def kpi_id(self) -> str | None:
        """The KPI the thread is about; None for the whole round."""
        return self.root.kpi_id

    def timeline(self) -> list[Comment | Event]:
        """Replies and events interleaved by time, for the page."""
        items: list[Comment | Event] = [*self.replies, *self.events]
        return sorted(items, key=lambda i: i.created_at if isinstance(i, Comment) else i.at)


# -- permissions ------------------------------------------------------------------------------


def can_comment(user: Any, scorecard: Scorecard) -> bool:
    """Whoever may read the scorecard may comment on it."""
    return permissions.can_view(user, scorecard)


def can_resolve(user: Any, scorecard: Scorecard, root: Comment) -> bool:
    """The thread's author, the agency's planners and evaluators resolve or reopen it."""
    if not can_comment(user, scorecard):
        return False
    return (
        root.author_id == user.pk
        or permissions.is_planner(user, scorecard)
        or permissions.is_evaluator(user)
    )


# -- writes -----------------------------------------------------------------------------------


@transaction.atomic
def add(
    user: Any,
    scorecard: Scorecard,
    round_no: int,
    body: str,
    *,
    kpi_id: str | None = None,
    parent_id: int | None = None,
) -> Comment:
    """Start a thread on the round (``kpi_id`` None) or on a KPI, or reply to a thread;
    refused once the round is locked."""
    if not can_comment(user, scorecard):
        raise NotAllowed(_("You cannot comment on this scorecard."))
    text = (body or "").strip()
    if not text:
        raise Invalid(_("Write a comment first."))
    if len(text) > MAX_BODY:
        raise Invalid(_("A comment has at most {n} characters.").format(n=MAX_BODY))
    root = None
    if parent_id is not None:
        root = _thread_to_reply(scorecard, parent_id)
        round_no, kpi_id = root.round_no, root.kpi_id
    rounds.check_round(scorecard, round_no)
    check_not_locked(scorecard, round_no)
    if root is not None and root.resolved:  # after the lock: a locked thread cannot be reopened
        raise Invalid(_("This thread is resolved: reopen it to reply."))
    kpi_id = kpi_id or None
    if kpi_id is not None and engine.current(scorecard).kpi(kpi_id) is None:
        raise Invalid(_("This scorecard has no KPI {kpi}.").format(kpi=kpi_id))
    comment = Comment.objects.create(
        scorecard=scorecard, round_no=round_no, kpi_id=kpi_id, parent=root, author=user, body=text
    )
    record(user, ADDED, comment, after={"value": text}, scorecard=scorecard, kpi_id=kpi_id or "")
    kind = "comment.reply" if root else "comment.new"
    _tell(user, root or comment, kind, f"{ADDED}:{comment.pk}", text, comment.pk)
    return comment


def _thread_to_reply(scorecard: Scorecard, parent_id: int) -> Comment:
    """The first comment of the thread ``parent_id`` belongs to, locked for the reply."""
    if not 0 < parent_id < 2**63:  # beyond any id (the database would refuse the number)
        raise Invalid(_("The thread you reply to is not on this scorecard."))
    found = Comment.objects.select_for_update().filter(pk=parent_id, scorecard=scorecard)
    parent = found.first()
    if parent is None:
        raise Invalid(_("The thread you reply to is not on this scorecard."))
    if parent.parent_id is None:
        return parent
    return Comment.objects.select_for_update().get(pk=parent.parent_id)  # a reply's thread


def check_not_locked(scorecard: Scorecard, round_no: int) -> None:
    """RoundClosed once the round is locked: its discussion stays as it was when locked.

    The review row is read for update, so a comment written while the round is being locked
    lands wholly before the lock or is refused (a round with no row is a draft)."""
    review = RoundReview.objects.select_for_update().filter(scorecard=scorecard, round_no=round_no)
    found = review.first()
    if found is not None and found.is_locked:
        raise RoundClosed(
            _("Round {round} is {state}; its comments cannot change.").format(
                round=round_no, state=found.get_state_display()
            )
        )


@transaction.atomic
def set_resolved(user: Any, scorecard: Scorecard, comment_id: int, resolved: bool) -> Comment:
    """Mark a thread resolved (who and when are kept) or reopen it; the thread's first
    comment is returned. Asking for the state it is already in changes nothing."""
    rows = Comment.objects.select_for_update().filter(scorecard=scorecard)
    found = rows.filter(pk=comment_id).first() if 0 < comment_id < 2**63 else None
    if found is None:
        raise Invalid(_("No such comment on this scorecard."))
    root = found
    if found.parent_id is not None:
        root = Comment.objects.select_for_update().get(pk=found.parent_id)
    if not can_resolve(user, scorecard, root):
        raise NotAllowed(_("Only the author, the agency's planners and evaluators resolve it."))
    check_not_locked(scorecard, root.round_no)
    if root.resolved == resolved:
        return root
    root.resolved_at = timezone.now() if resolved else None
    root.resolved_by = user if resolved else None
    root.save(update_fields=["resolved_at", "resolved_by"])
    action = RESOLVED if resolved else REOPENED
    # The action says what changed; the entry's time and actor are the mark's "when" and "who".
    entry = record(user, action, root, scorecard=scorecard, kpi_id=root.kpi_id or "")
    _tell(user, root, action, f"{action}:{root.pk}:{entry.pk}", root.body, root.pk)
    return root


# -- notifications ----------------------------------------------------------------------------


def _owners_of(scorecard_id: int, kpi_id: str) -> Q:
    """The KPI's owners: users named on it and KPI owners of its division."""
    owned = KpiOwnership.objects.filter(scorecard_id=scorecard_id, kpi_id=kpi_id)
    divisions = owned.exclude(division_id=None).values("division_id")
    members = Membership.objects.filter(role=Role.KPI_OWNER, agency_id__in=divisions)
    return Q(pk__in=owned.exclude(users=None).values("users")) | Q(pk__in=members.values("user_id"))


def _evaluators_of(review: RoundReview | None) -> Q:
    """Evaluators with the round in hand: all while it is submitted, then the one who acted."""
    if review is None or review.state == ReviewState.DRAFT:
        return Q(pk__in=[])
    if review.state == ReviewState.SUBMITTED:
        return notifications.evaluators()
    return Q(pk=review.updated_by_id) if review.updated_by_id else Q(pk__in=[])


def audience(root: Comment) -> Any:
    """Everyone a thread's events are told to (before the actor is left out)."""
    card = root.scorecard
    review = RoundReview.objects.filter(scorecard=card, round_no=root.round_no).first()
    authors = Comment.objects.filter(Q(pk=root.pk) | Q(parent_id=root.pk)).values("author_id")
    who = Q(pk__in=authors) | notifications.planners_of(card.agency_id) | _evaluators_of(review)
    if root.kpi_id:
        who |= _owners_of(card.pk, root.kpi_id)
    return get_user_model().objects.filter(who, is_active=True).distinct()


def _tell(actor: Any, root: Comment, kind: str, key: str, text: str, anchor: int) -> None:
    card = root.scorecard
    params = {
        "agency": card.agency.name_th,
        "agency_en": card.agency.name_en,
        "round": root.round_no,
        "kpi": root.kpi_id or "",
        "by": actor.get_full_name() or actor.get_username(),
        "excerpt": text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…",
    }
    users = [u for u in audience(root) if u.pk != actor.pk]
    notifications.notify(users, key, kind, params, url_of(root, anchor))


def url_of(root: Comment, anchor: int | None = None) -> str:
    """The page that shows the thread: the KPI's page, or the round's overview."""
    if root.kpi_id:
        url = reverse("front:kpi", args=[root.scorecard_id, root.kpi_id])
    else:
        url = reverse("front:overview", args=[root.scorecard_id])
    return f"{url}?round={root.round_no}#comment-{anchor or root.pk}"


# -- reads ------------------------------------------------------------------------------------

ROUND_ONLY = ""  # threads(..., kpi_id=ROUND_ONLY): the round's own threads, no KPI's


def threads(scorecard: Scorecard, round_no: int, kpi_id: str | None = None) -> list[Thread]:
    """The round's threads, oldest first: of one KPI, of the round itself (``ROUND_ONLY``),
    or all of them (None). Two queries whatever their number."""
    rows = Comment.objects.filter(scorecard=scorecard, round_no=round_no)
    if kpi_id == ROUND_ONLY:
        rows = rows.filter(kpi_id__isnull=True)
    elif kpi_id is not None:
        rows = rows.filter(kpi_id=kpi_id)
    rows = rows.select_related("author", "resolved_by").defer(
        "author__password", "resolved_by__password"
    )
    found: dict[int, Thread] = {}
    replies: list[Comment] = []
    for c in rows.order_by("created_at", "pk"):
        if c.parent_id is None:
            found[c.pk] = Thread(c)
        else:
            replies.append(c)
    for c in replies:
        if c.parent_id in found:
            found[c.parent_id].replies.append(c)
    if found:
        history = AuditLog.objects.filter(
            object_type=Comment._meta.label_lower,
            object_id__in=[str(pk) for pk in found],
            action__in=(RESOLVED, REOPENED),
        )
        history = history.select_related("actor").defer("actor__password").order_by("at", "id")
        for entry in history:
            found[int(entry.object_id)].events.append(Event(entry.action, entry.actor, entry.at))
    return list(found.values())


def open_counts(found: list[Thread]) -> dict[str, int]:
    """Open (unresolved) threads per KPI id, the round's own under ``""``, in the order first
    written; ``found`` as :func:`threads` reads them."""
    counts: dict[str, int] = {}
    for t in found:
        if not t.resolved:
            counts[t.kpi_id or ROUND_ONLY] = counts.get(t.kpi_id or ROUND_ONLY, 0) + 1
    return counts


def _as_report(c: Comment, root: Comment | None = None) -> pdf.Comment:
    who = c.author.get_full_name() or c.author.get_username()
    text = c.body if root is None else f"↳ {c.body}"
    return pdf.Comment(who, text, timezone.localdate(c.created_at))


def report_comments(
    scorecard: Scorecard, round_no: int, *, only_open: bool = False
) -> tuple[dict[str, list[pdf.Comment]], list[pdf.Comment]]:
    """The round's comments for the reports: per KPI, and on the round itself. Each thread's
    first comment, then its replies (marked ↳), then "resolved by … on …" when it is."""
    return report_lines(threads(scorecard, round_no), only_open=only_open)


def report_lines(
    found: list[Thread], *, only_open: bool = False
) -> tuple[dict[str, list[pdf.Comment]], list[pdf.Comment]]:
    """:func:`report_comments` of threads already read (as :func:`threads` reads them)."""
    per_kpi: dict[str, list[pdf.Comment]] = defaultdict(list)
    on_round: list[pdf.Comment] = []
    for t in found:
        if only_open and t.resolved:
            continue
        lines = [_as_report(t.root)] + [_as_report(r, t.root) for r in t.replies]
        if t.resolved and t.root.resolved_by is not None:
            by = t.root.resolved_by
            when = timezone.localdate(t.root.resolved_at) if t.root.resolved_at else None
            who = by.get_full_name() or by.get_username()
            lines.append(pdf.Comment(who, "✓ ปิดประเด็นแล้ว", when))
        if t.kpi_id:
            per_kpi[t.kpi_id].extend(lines)
        else:
            on_round.extend(lines)
    return dict(per_kpi), on_round


def briefing_comments(scorecard: Scorecard, round_no: int) -> list[pdf.Comment]:
    """The round's open threads for the executive briefing, each as its first comment, the
    KPI named in front ("ตัวชี้วัดที่ 3: …") and the number of replies behind."""
    return briefing_lines(threads(scorecard, round_no))


def briefing_lines(found: list[Thread]) -> list[pdf.Comment]:
    """:func:`briefing_comments` of threads already read (as :func:`threads` reads them)."""
    out = []
    for t in found:
        if t.resolved:
            continue
        c = _as_report(t.root)
        text = f"ตัวชี้วัดที่ {t.kpi_id}: {c.text}" if t.kpi_id else c.text
        if t.replies:
            text += f" (ตอบกลับ {len(t.replies)} ครั้ง)"
        out.append(pdf.Comment(c.author, text, c.date))
    return out
