"""Due dates per round and KPI, monthly progress due days, and each user's to-do list.

A round's KPI is due on its own date if one is set, else on the round's date. Monthly progress
of a KPI with a due day (the seed's Agenda KPIs: the 15th) for fiscal month m (1 = October) is
due on that day of the calendar month after m; September's is due in October, the next fiscal
year. Something due today is not overdue yet; the day after, it is.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from thaikpi.accounts.choices import Role
from thaikpi.changelog.log import record
from thaikpi.deadlines.models import Deadline, MonthlyDue
from thaikpi.engine import formatting
from thaikpi.results.choices import OPEN_STATES, ReviewState
from thaikpi.results.models import MonthlyProgress, Result, RoundReview
from thaikpi.scorecards import permissions
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import agreement, engine, joint, notifications
from thaikpi.services.errors import Invalid, NotAllowed

ROUND = ""  # the kpi_id of a deadline for the whole round


@dataclass(frozen=True)
class TodoItem:
    """Something a user must do: enter a result or progress, submit or review a round."""

    kind: str  # "enter" | "progress" | "submit" | "review" | "sign"
    scorecard_id: int
    agency: str
    round_no: int | None
    kpi_id: str
    month: int | None  # fiscal month (1 = October), for progress
    due: datetime.date | None
    overdue: bool
    url: str
    year: int | None = None  # the scorecard's fiscal year (B.E.), for a signature

    @property
    def key(self) -> str:
        """A stable name of this duty, for reminders and calendar events."""
        return (
            f"{self.kind}:{self.scorecard_id}:{self.round_no or 0}:{self.kpi_id}:{self.month or 0}"
        )


def is_overdue(due: datetime.date | None, today: datetime.date) -> bool:
    """Due before today (due today is still on time)."""
    return due is not None and due < today


def monthly_due_date(year_be: int, month: int, day: int) -> datetime.date:
    """When fiscal month ``month`` of fiscal year ``year_be`` is due: ``day`` of the next month."""
    calendar = formatting.calendar_month(month)
    year_ce = formatting.ce_year(year_be) - (1 if calendar >= 10 else 0)
    if calendar == 12:
        return datetime.date(year_ce + 1, 1, day)
    return datetime.date(year_ce, calendar + 1, day)


def kpi_due(
    dues: Mapping[tuple[int, str], datetime.date], round_no: int, kpi_id: str
) -> datetime.date | None:
    """A KPI's due date in a round: its own, else the round's, else None."""
    return dues.get((round_no, kpi_id)) or dues.get((round_no, ROUND))


def can_set(user: Any, scorecard: Scorecard) -> bool:
    """Planners of the agency and evaluators set due dates."""
    return permissions.can_set_deadlines(user, scorecard)


def dues_of(scorecard: Scorecard) -> dict[tuple[int, str], datetime.date]:
    """The scorecard's due dates by (round, KPI id or '' for the round)."""
    rows = Deadline.objects.filter(scorecard=scorecard).values_list("round_no", "kpi_id", "due")
    return {(r, k): d for r, k, d in rows}


def monthly_days_of(scorecard: Scorecard) -> dict[str, int]:
    """The KPIs reported monthly, with the day of the following month their progress is due."""
    return dict(MonthlyDue.objects.filter(scorecard=scorecard).values_list("kpi_id", "day"))


@transaction.atomic
def set_dues(
    user: Any,
    scorecard: Scorecard,
    dues: Mapping[tuple[int, str], datetime.date | None],
    monthly: Mapping[str, int | None] | None = None,
) -> int:
    """Set (or with None clear) due dates and monthly due days; audited; the number changed."""
    if not can_set(user, scorecard):
        raise NotAllowed(_("Only the agency's planners and evaluators set due dates."))
    sc = engine.current(scorecard)
    changed = 0
    for (round_no, kpi_id), due in dues.items():
        if sc.round(round_no) is None:
            raise Invalid(_("This scorecard has no round {round}.").format(round=round_no))
        if kpi_id and sc.kpi(kpi_id) is None:
            raise Invalid(_("This scorecard has no KPI {kpi}.").format(kpi=kpi_id))
        found = Deadline.objects.filter(scorecard=scorecard, round_no=round_no, kpi_id=kpi_id)
        row = found.select_for_update().first()
        before = row.due.isoformat() if row else None
        after = due.isoformat() if due else None
        if before == after:
            continue
        if due is None and row is not None:
            row.delete()
            target: Any = row
        else:
            target, _new = Deadline.objects.update_or_create(
                scorecard=scorecard,
                round_no=round_no,
                kpi_id=kpi_id,
                defaults={"due": due, "updated_by": user},
            )
        record(user, "deadline.set", target, before={"due": before}, after={"due": after},
               scorecard=scorecard, kpi_id=kpi_id)  # fmt: skip
        changed += 1
    for kpi_id, day in (monthly or {}).items():
        if sc.kpi(kpi_id) is None:
            raise Invalid(_("This scorecard has no KPI {kpi}.").format(kpi=kpi_id))
        if day is not None and not 1 <= day <= 28:
            raise Invalid(_("A monthly due day is between 1 and 28 (every month has it)."))
        old = MonthlyDue.objects.filter(scorecard=scorecard, kpi_id=kpi_id).first()
        if (old.day if old else None) == day:
            continue
        if day is None and old is not None:
            old.delete()
            target = old
        else:
            target, _new = MonthlyDue.objects.update_or_create(
                scorecard=scorecard, kpi_id=kpi_id, defaults={"day": day}
            )
        record(user, "deadline.monthly", target, before={"day": old.day if old else None},
               after={"day": day}, scorecard=scorecard, kpi_id=kpi_id)  # fmt: skip
        changed += 1
    return changed


# -- the to-do list --------------------------------------------------------------------------


def todo_for(user: Any, today: datetime.date) -> list[TodoItem]:
    """What ``user`` must enter, submit or review, overdue first, then by due date."""
    items = _reporting_items(user, today) + _review_items(user, today) + _signing_items(user)
    return _in_order(items)


def _in_order(items: list[TodoItem]) -> list[TodoItem]:
    """Overdue first, then by due date (undated last), agency and kind of duty."""
    far = datetime.date.max
    order = {"progress": 0, "enter": 1, "submit": 2, "review": 3, "sign": 4}
    return sorted(
        items,
        key=lambda i: (not i.overdue, i.due or far, i.agency, order[i.kind], i.round_no, i.kpi_id),
    )


def _reported_scorecards(user: Any) -> list[Scorecard]:
    """Scorecards the user reports through an agency role (an administrator's all are not)."""
    r = permissions.roles_of(user)
    mine = [a for a, roles in r.by_agency.items() if {Role.PLANNER, Role.KPI_OWNER} & roles]
    if not mine:
        return []
    qs = Scorecard.objects.editable_by(user).filter(agency_id__in=mine, current__isnull=False)
    return list(qs.select_related("agency", "fiscal_year"))


def settable_scorecards(user: Any) -> list[Scorecard]:
    """The scorecards whose due dates this user sets as a planner (evaluators: from the page)."""
    return [c for c in _reported_scorecards(user) if permissions.is_planner(user, c)]


def _reporting_items(user: Any, today: datetime.date) -> list[TodoItem]:
    cards = _reported_scorecards(user)
    if not cards:
        return []
    ids = [c.pk for c in cards]
    dues: dict[int, dict[tuple[int, str], datetime.date]] = defaultdict(dict)
    for sid, r, k, d in Deadline.objects.filter(scorecard_id__in=ids).values_list(
        "scorecard_id", "round_no", "kpi_id", "due"
    ):
        dues[sid][(r, k)] = d
    monthly: dict[int, dict[str, int]] = defaultdict(dict)
    for sid, k, day in MonthlyDue.objects.filter(scorecard_id__in=ids).values_list(
        "scorecard_id", "kpi_id", "day"
    ):
        monthly[sid][k] = day
    states = {
        (sid, r): s
        for sid, r, s in RoundReview.objects.filter(scorecard_id__in=ids).values_list(
            "scorecard_id", "round_no", "state"
        )
    }
    entered = set(
        Result.objects.filter(scorecard_id__in=ids).values_list(
            "scorecard_id", "round_no", "kpi_id"
        )
    )
    items: list[TodoItem] = []
    for card in cards:
        if not dues[card.pk] and not monthly[card.pk]:
            continue  # no due dates: nothing is asked by a date yet
        planner = permissions.is_planner(user, card)
        reports = None if planner else permissions.owned_kpis(user, card)
        sc = engine.current(card)
        shared = joint.shared_kpis(card, sc)  # a member's joint KPIs: the owner enters them
        progress = _progress_months(card, monthly[card.pk])
        for rnd in sc.rounds:
            state = states.get((card.pk, rnd.number), ReviewState.DRAFT)
            if state not in OPEN_STATES or not any(r == rnd.number for r, _k in dues[card.pk]):
                continue
            for kpi in sc.kpis:
                if (reports is not None and kpi.id not in reports) or kpi.id in shared:
                    continue
                if rnd.number in kpi.rounds and (card.pk, rnd.number, kpi.id) not in entered:
                    due = kpi_due(dues[card.pk], rnd.number, kpi.id)
                    url = reverse("front:entry", args=[card.pk, kpi.id, rnd.number])
                    items.append(_item("enter", card, rnd.number, kpi.id, None, due, today, url))
            if planner:
                due = dues[card.pk].get((rnd.number, ROUND))
                url = reverse("front:overview", args=[card.pk]) + f"?round={rnd.number}"
                items.append(_item("submit", card, rnd.number, "", None, due, today, url))
        for kpi_id, day in monthly[card.pk].items():
            if (reports is not None and kpi_id not in reports) or kpi_id in shared:
                continue
            item = _progress_item(card, kpi_id, day, progress.get(kpi_id, set()), states, today)
            if item is not None:
                items.append(item)
    return items


def _progress_months(card: Scorecard, monthly: Mapping[str, int]) -> dict[str, set[int]]:
    if not monthly:
        return {}
    rows = MonthlyProgress.objects.filter(scorecard=card, kpi_id__in=list(monthly))
    found: dict[str, set[int]] = defaultdict(set)
    for kpi_id, month in rows.values_list("kpi_id", "month"):
        found[kpi_id].add(month)
    return found


def _progress_item(
    card: Scorecard,
    kpi_id: str,
    day: int,
    have: set[int],
    states: Mapping[tuple[int, int], str],
    today: datetime.date,
) -> TodoItem | None:
    """The earliest month without progress whose round is still open; None when none is."""
    year_be = card.fiscal_year.year_be
    for month in range(1, 13):
        round_no = 1 if month <= 6 else 2
        if month in have or states.get((card.pk, round_no), ReviewState.DRAFT) not in OPEN_STATES:
            continue
        due = monthly_due_date(year_be, month, day)
        url = reverse("front:kpi", args=[card.pk, kpi_id])
        return _item("progress", card, round_no, kpi_id, month, due, today, url)
    return None


def _review_items(user: Any, today: datetime.date) -> list[TodoItem]:
    if not permissions.is_evaluator(user):
        return []
    rows = RoundReview.objects.filter(state=ReviewState.SUBMITTED).select_related(
        "scorecard__agency", "scorecard__fiscal_year"
    )
    items = []
    for review in rows.order_by("updated_at")[:500]:
        card = review.scorecard
        url = reverse("front:overview", args=[card.pk]) + f"?round={review.round_no}"
        # Reviewing has no due date of its own: these come after the dated duties.
        items.append(_item("review", card, review.round_no, "", None, None, today, url))
    return items


def _signing_items(user: Any) -> list[TodoItem]:
    """Drafts waiting for the user's signature (the other side has signed); no due date."""
    items = []
    for card in agreement.awaiting_signature(user):
        url = reverse("front:overview", args=[card.pk]) + "#agreement"
        name, year = card.agency.name_th, card.fiscal_year.year_be
        items.append(TodoItem("sign", card.pk, name, None, "", None, None, False, url, year))
    return items


def _item(
    kind: str,
    card: Scorecard,
    round_no: int | None,
    kpi_id: str,
    month: int | None,
    due: datetime.date | None,
    today: datetime.date,
    url: str,
) -> TodoItem:
    name = card.agency.name_th
    return TodoItem(kind, card.pk, name, round_no, kpi_id, month, due, is_overdue(due, today), url)


def events_for(user: Any, today: datetime.date) -> Iterable[TodoItem]:
    """The dated duties of a user's to-do list, for the calendar feed and reminders (a signature
    has no date: its query is left out of the nightly run)."""
    dated = _reporting_items(user, today) + _review_items(user, today)
    return [i for i in _in_order(dated) if i.due is not None]


# -- reminders -------------------------------------------------------------------------------


def remind(today: datetime.date) -> int:
    """Store a reminder for every dated duty due within the reminder window or overdue.

    One reminder when it comes near and one when it is overdue, for each due date: a changed
    date is a new event, the same date never twice.
    """
    window = datetime.timedelta(days=settings.THAIKPI_REMIND_DAYS)
    people = get_user_model().objects.filter(is_active=True, memberships__isnull=False).distinct()
    stored = 0
    for user in people.iterator():
        for item in events_for(user, today):
            assert item.due is not None
            if item.due - today > window:
                continue
            when = "overdue" if item.overdue else "soon"
            params = {
                "agency": item.agency,
                "round": item.round_no,
                "kpi": item.kpi_id,
                "month": item.month,
                "duty": item.kind,
                "due": item.due.isoformat(),
            }
            key = f"due.{when}:{item.key}:{item.due.isoformat()}"
            notifications.notify([user], key, f"due.{when}", params, item.url)
            stored += 1
    return stored
