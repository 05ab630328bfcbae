"""Each user's calendar feed (ICS) at a secret address: issued, replaced and revoked, audited.

Only a hash of the token is stored: the address is shown once, when it is made, like the API
token; a lost address is replaced. Calendar programs (Outlook, Google Calendar) fetch the feed
without a session, so the token is the only key and revoking it stops the feed at once.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from icalendar import Calendar, Event

from thaikpi.changelog.log import record
from thaikpi.deadlines.models import CalendarFeed
from thaikpi.services import deadlines, notifications


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def replace(user: Any) -> str:
    """A new secret token for the user's feed (the old one stops working); logged."""
    token = secrets.token_urlsafe(32)
    existed = CalendarFeed.objects.filter(user=user).delete()[0] > 0
    CalendarFeed.objects.create(user=user, token=_digest(token))
    record(user, "calendar.replace" if existed else "calendar.create", user)
    return token


@transaction.atomic
def revoke(user: Any) -> bool:
    """Stop the user's feed; True if there was one; logged."""
    deleted = CalendarFeed.objects.filter(user=user).delete()[0] > 0
    if deleted:
        record(user, "calendar.revoke", user)
    return deleted


def issued_at(user: Any) -> datetime.datetime | None:
    """When the user's feed address was made, or None if there is none."""
    return CalendarFeed.objects.filter(user=user).values_list("created_at", flat=True).first()


def owner_of(token: str) -> Any | None:
    """The active user whose feed this token opens, or None."""
    feed = CalendarFeed.objects.filter(token=_digest(token), user__is_active=True)
    found = feed.select_related("user").first()
    return found.user if found else None


def feed(user: Any, today: datetime.date) -> bytes:
    """The user's dated duties as an iCalendar file: one all-day event per due date."""
    cal = Calendar()
    cal.add("prodid", "-//ThaiKPI//deadlines//TH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "ThaiKPI")
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    with translation.override("th"):
        for item in deadlines.events_for(user, today):
            assert item.due is not None
            duty = notifications.duty_text(item.kind, item.round_no, item.kpi_id, item.month)
            event = Event()
            event.add("uid", f"{item.key}@thaikpi")
            event.add("summary", f"{duty} · {item.agency}")
            event.add("dtstart", item.due)
            event.add("dtend", item.due + datetime.timedelta(days=1))
            event.add("dtstamp", stamp)
            event.add("url", settings.THAIKPI_SITE_URL + item.url)
            cal.add_component(event)
    return cal.to_ical()
