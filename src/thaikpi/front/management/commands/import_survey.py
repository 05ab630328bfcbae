"""``manage.py import_survey``: a DGA or PMQA survey sheet into every agency's results."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from thaikpi.services import surveys
from thaikpi.services.errors import DomainError
from thaikpi.sources.surveys import Survey


class Command(BaseCommand):
    """Store a survey sheet's results for the fiscal year and round, all or nothing."""

    help = "Import a DGA readiness or PMQA 4.0 survey sheet (.csv/.xlsx) for every agency."

    def add_arguments(self, parser: CommandParser) -> None:
        """FILE --year --round --user [--survey]."""
        parser.add_argument("file", help="Survey sheet, one row per agency")
        parser.add_argument("--year", type=int, required=True, help="Buddhist-era fiscal year")
        parser.add_argument("--round", type=int, default=2, choices=(1, 2))
        parser.add_argument("--user", required=True, help="The evaluator's user name")
        parser.add_argument("--survey", choices=[s.value for s in Survey], default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        """Import, then list the rows stored, the rows of unknown agencies and who has none."""
        path = Path(options["file"])
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"No user {options['user']!r}.")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror or exc}") from None
        survey = Survey(options["survey"]) if options["survey"] else None
        try:
            report = surveys.import_survey(
                user, data, path.name, options["year"], options["round"], survey
            )
        except surveys.SurveyInvalid as exc:
            raise CommandError(
                "\n".join([exc.message, *exc.texts("en"), *exc.texts("th")])
            ) from None
        except DomainError as exc:
            raise CommandError(exc.message) from None
        for m in report.matched:
            self.stdout.write(f"row {m.row}: {m.agency} ← KPI {', '.join(m.kpis)}")
        for row, agency in report.unmatched:
            self.stdout.write(f"row {row}: {agency}: no scorecard of {options['year']} (skipped)")
        for code in report.without_result:
            self.stdout.write(f"{code}: no row in the sheet (no result: scores 0)")
