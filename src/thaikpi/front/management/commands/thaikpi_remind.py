"""``python -m django thaikpi_remind``: store due-date reminders and e-mail what is new.

A timer runs it (docs/web.md has a systemd example); running it again sends nothing twice.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from thaikpi.services import deadlines, notifications


class Command(BaseCommand):
    """Reminders of due dates (near or passed) and e-mail of every notification not yet sent."""

    help = "Store due-date reminders and e-mail each user their new notifications, once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="Take this day (YYYY-MM-DD) as today (for tests).")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options.get("today"):
            try:
                today = datetime.date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError("--today must be a date such as 2024-04-30") from None
        stored = deadlines.remind(today)
        sent = notifications.send_pending()
        self.stdout.write(f"reminders considered: {stored}; e-mails sent: {sent}")
