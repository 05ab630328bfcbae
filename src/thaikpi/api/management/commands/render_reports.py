"""``manage.py render_reports``: every agency's PDF and Excel reports for a round.

Every agency's data is read first; then one browser prints every PDF, a few tabs at once
(see :func:`thaikpi.reports.pdf.print_batch`). An agency whose report fails is reported and
skipped; the others still get theirs, and the command ends with a non-zero exit code listing
the failures.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from thaikpi.reports import excel, pdf
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import reports

Gathered = list[tuple[Path, pdf.ReportData]]


class Command(BaseCommand):
    """Render the self-assessment PDF and the workbook of every agency for a round."""

    help = "Render every agency's PDF and Excel reports for a round, with a progress bar."

    def add_arguments(self, parser: CommandParser) -> None:
        """--round, --year, --out, --agency, --no-pdf, --no-xlsx, --thai-digits."""
        parser.add_argument("--round", type=int, choices=(1, 2, 3), required=True)
        parser.add_argument("--year", type=int, help="Buddhist-era fiscal year (default: latest)")
        parser.add_argument("--out", default="reports", help="Folder for the files")
        parser.add_argument("--agency", action="append", default=[],
                            help="Only this agency code (repeatable)")  # fmt: skip
        parser.add_argument("--no-pdf", action="store_true", help="Skip the PDF reports")
        parser.add_argument("--no-xlsx", action="store_true", help="Skip the workbooks")
        parser.add_argument("--thai-digits", action="store_true", help="Thai digits in the PDFs")

    def handle(self, *args: Any, **options: Any) -> None:
        """Render each scorecard's reports; report failures without stopping."""
        cards = self._scorecards(options["year"], options["agency"])
        if not cards:
            raise CommandError("No scorecards match; import templates first.")
        out = Path(options["out"])
        out.mkdir(parents=True, exist_ok=True)
        console = Console(stderr=True)
        failures: dict[str, str] = {}
        with _progress(console) as progress:
            gathered = self._gather(cards, options, out, progress, failures, console)
            if not options["no_pdf"]:
                self._print(gathered, progress, failures, console)
        done = len(cards) - len(failures)
        self.stdout.write(f"{done} of {len(cards)} agencies rendered into {out}")
        if failures:
            listed = "; ".join(f"{code} ({why})" for code, why in failures.items())
            raise CommandError(f"{len(failures)} agencies failed: {listed}")

    def _scorecards(self, year: int | None, codes: list[str]) -> list[Scorecard]:
        """The year's scorecards (latest year by default), optionally only some agencies."""
        qs = Scorecard.objects.filter(current__isnull=False).select_related(
            "agency", "fiscal_year", "current")  # fmt: skip
        if year is None:
            latest = qs.order_by("-fiscal_year__year_be").first()
            year = latest.fiscal_year.year_be if latest else 0
        qs = qs.filter(fiscal_year__year_be=year)
        if codes:
            qs = qs.filter(agency__code__in=codes)
        return list(qs.order_by("agency__code"))

    def _gather(
        self,
        cards: list[Scorecard],
        options: dict[str, Any],
        out: Path,
        progress: Progress,
        failures: dict[str, str],
        console: Console,
    ) -> Gathered:
        """Read every agency's data (and write its workbook) before the browser starts.

        Playwright's sync API runs an event loop in this thread, and Django refuses database
        queries while one runs; so every query happens first.
        """  # fmt: skip
        digits = "thai" if options["thai_digits"] else "arabic"
        task = progress.add_task("data", total=len(cards))
        gathered: Gathered = []
        for card in cards:
            progress.update(task, description=f"data {card.agency.code}")
            stem = out / f"{card.agency.code}-{card.fiscal_year.year_be}-round{options['round']}"
            try:
                data = reports.report_data(card, options["round"], digits=digits)
                if not options["no_xlsx"]:
                    book = excel.export_xlsx(data.scorecard, data.scored, data.results,
                                             data.reported, joint=data.joint)  # fmt: skip
                    stem.with_suffix(".xlsx").write_bytes(book)
                gathered.append((stem, data))
            except Exception as exc:  # one agency's failure must not stop the rest
                _fail(failures, console, card.agency.code, exc)
            progress.advance(task)
        return gathered

    def _print(self, gathered: Gathered, progress: Progress, failures: dict[str, str],
               console: Console) -> None:  # fmt: skip
        """Print every PDF through one browser, several tabs at once."""
        task = progress.add_task("PDF", total=len(gathered))
        stems = {data.scorecard.agency.code: stem for stem, data in gathered}

        def done(code: str, pdf_or_error: bytes | Exception) -> None:
            try:
                if isinstance(pdf_or_error, Exception):
                    raise pdf_or_error
                stems[code].with_suffix(".pdf").write_bytes(pdf_or_error)
            except Exception as exc:  # one agency's failure must not stop the rest
                _fail(failures, console, code, exc)
            progress.update(task, description=f"PDF {code}")
            progress.advance(task)

        jobs = [(data.scorecard.agency.code, partial(pdf.render_html, data))
                for _stem, data in gathered]  # fmt: skip
        try:
            pdf.print_batch(jobs, done)
        except pdf.PdfError as exc:
            raise CommandError(str(exc)) from None


def _fail(failures: dict[str, str], console: Console, code: str, exc: Exception) -> None:
    """Remember and show one agency's failure."""
    failures[code] = f"{type(exc).__name__}: {exc}"
    console.print(f"[red]{code}: {failures[code]}[/red]", highlight=False, markup=True)


def _progress(console: Console) -> Progress:
    return Progress(TextColumn("{task.description:<16}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=console)  # fmt: skip
