"""Reports benchmark: Excel and PDF for one agency and for 150 agencies (synthetic results).

Baseline: WeasyPrint is not installed, so the PDF times are compared with the time the same
headless Chromium takes, in the same run and by the same path, to print a one-page plain
document. That ratio says how much of a report's time is the report and how much is Chromium.

One agency: the CLI path (a fresh Chromium per PDF, what ``thaikpi report`` does).
150 agencies: Excel for each, then the batch path of ``manage.py render_reports``
(:func:`thaikpi.reports.pdf.print_batch`: one Chromium through Playwright, several tabs printing
at once while the next reports' HTML is made), with a progress bar.

Run: ``.venv/bin/python bench/reports.py [--agencies 150] [--pages 1 2 3 4] [--no-single]``.
Goals: one agency's PDF < 2 s, Excel < 0.5 s, 150 agencies' PDFs in one batch ≤ 60 s.
"""

from __future__ import annotations

import argparse
import datetime
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from thaikpi.engine.findings import EngineError
from thaikpi.engine.loader import load
from thaikpi.engine.model import Agency, MeasureKind, Scorecard, Text
from thaikpi.engine.results import Result, read_result
from thaikpi.engine.scoring import RoundScore, score_round
from thaikpi.reports import excel, pdf

SEED = 2567
REPORTED = datetime.date(2024, 9, 30)
PLAIN = ("<!DOCTYPE html><html lang='th'><meta charset='utf-8'><body>"
         "<p>หน้าเดียว ข้อความธรรมดา (one plain page)</p></body></html>")  # fmt: skip
Agencies = list[tuple[Scorecard, RoundScore, dict[str, Result]]]


def raw_result(rng: random.Random, scorecard: Scorecard, kpi_id: str, round_no: int) -> object:
    """A plausible raw result for a KPI, drawn around its levels."""
    kpi = scorecard.kpi(kpi_id)
    assert kpi is not None
    kpi_round = kpi.round(round_no)
    assert kpi_round is not None
    kind = kpi_round.measure.kind
    if kind is MeasureKind.JUDGED:
        return Decimal(rng.choice((0, 50, 75, 100)))
    if kind is MeasureKind.CONDITIONS:
        return {i.id: Decimal(rng.choice((85, 90, 95, 100))) for i in kpi.inputs}
    values = [lv.value for lv in kpi_round.levels if lv.value is not None]
    if not values:
        return None
    low, high = float(min(values)), float(max(values))
    span = (high - low) or 1.0
    drawn = Decimal(f"{rng.uniform(low - span * 0.3, high + span * 0.3):.2f}")
    if kind is MeasureKind.COUNT:
        return max(Decimal(0), drawn.to_integral_value())
    return drawn


def population(template: str, count: int, round_no: int) -> Agencies:
    """``count`` agencies sharing the template's KPIs, each with seeded synthetic results."""
    base = load(template)
    rng = random.Random(SEED)
    agencies: Agencies = []
    for n in range(1, count + 1):
        name = Text(f"กรมทดสอบการดำเนินงานที่ {n}", f"Test Department {n}")
        scorecard = replace(base, agency=Agency(f"T{n:03d}", name, base.agency.ministry))
        results: dict[str, Result] = {}
        for kpi in scorecard.kpis:
            kpi_round = kpi.round(round_no)
            if kpi_round is None or not kpi_round.assessed or kpi_round.is_open:
                continue
            raw = raw_result(rng, scorecard, kpi.id, round_no)
            try:
                results[kpi.id] = read_result(kpi, round_no, raw)
            except EngineError:
                continue  # a draw out of an input's range: this KPI has no result
        agencies.append((scorecard, score_round(scorecard, round_no, results), results))
    return agencies


def timed(action: Callable[[], object], repeat: int) -> list[float]:
    """Wall-clock seconds of each of ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def line(label: str, times: list[float], goal: float | None = None) -> None:
    """Print median, best and worst of a timing, against a goal."""
    med = statistics.median(times)
    verdict = "" if goal is None else ("  OK (goal < {} s)" if med < goal else
                                       "  OVER (goal < {} s)").format(goal)  # fmt: skip
    print(f"  {label:<44} median {med:7.3f} s  best {min(times):7.3f}  worst {max(times):7.3f}"
          f"  (n={len(times)}){verdict}")  # fmt: skip


def report_data(agency: tuple[Scorecard, RoundScore, dict[str, Result]]) -> pdf.ReportData:
    """The PDF report's data for one synthetic agency."""
    scorecard, scored, results = agency
    return pdf.ReportData(scorecard, scored, results, reported=REPORTED)


def bench_one(agency: tuple[Scorecard, RoundScore, dict[str, Result]], repeat: int) -> None:
    """One agency: Excel, HTML, and the PDF through a fresh Chromium, against a plain page."""
    scorecard, scored, results = agency
    print(f"One agency ({scorecard.id}, {len(scorecard.kpis)} KPIs, round {scored.round}):")
    line(
        "Excel workbook (export_xlsx)",
        timed(lambda: excel.export_xlsx(scorecard, scored, results, REPORTED), repeat * 3),
        0.5,
    )
    line("HTML of the report (render_html)", timed(lambda: pdf.render_html(report_data(agency)),
                                                   repeat * 3))  # fmt: skip
    chromium = pdf.find_chromium()
    report_times = timed(lambda: pdf.render_pdf(report_data(agency), chromium), repeat)
    plain_times = timed(lambda: pdf.html_to_pdf(PLAIN, chromium), repeat)
    pages = pdf.render_pdf(report_data(agency), chromium).count(b"/Type /Page\n")
    line("PDF report, fresh Chromium (thaikpi report)", report_times, 2.0)
    line("baseline: one plain page, fresh Chromium", plain_times)
    ratio = statistics.median(report_times) / statistics.median(plain_times)
    print(
        f"  ratio PDF report / one plain page (Chromium baseline; WeasyPrint is not"
        f" installed): {ratio:.2f}×"
    )
    if pages:
        print(f"  report pages: {pages}")


def bench_many(agencies: Agencies, pages: int) -> float:
    """All agencies' PDFs in one batch (one browser, ``pages`` tabs at once); seconds taken."""
    made: dict[str, int] = {}
    failed: list[str] = []
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())  # fmt: skip
    with Progress(*columns) as progress:
        task = progress.add_task(f"PDF, {pages} tab(s)", total=len(agencies))

        def done(code: str, pdf_or_error: bytes | Exception) -> None:
            if isinstance(pdf_or_error, Exception):
                failed.append(f"{code}: {pdf_or_error}")
            else:
                made[code] = len(pdf_or_error)
            progress.advance(task)

        jobs = [(a[0].agency.code, lambda a=a: pdf.render_html(report_data(a))) for a in agencies]
        start = time.perf_counter()
        pdf.print_batch(jobs, done, pages=pages)
        took = time.perf_counter() - start
    verdict = "OK" if took <= 60 else "OVER"
    print(
        f"  {len(agencies)} PDF reports, one browser, {pages} tab(s) at once: {took:6.1f} s"
        f" ({took / len(agencies):.3f} s a report; {len(made)} made, {len(failed)} failed)"
        f"  {verdict} (goal ≤ 60 s)"
    )
    for line_ in failed[:5]:
        print("   ", line_)
    return took


def bench_excel(agencies: Agencies) -> None:
    """Excel for every agency, one after another."""
    start = time.perf_counter()
    xlsx = [timed(lambda a=a: excel.export_xlsx(a[0], a[1], a[2], REPORTED), 1)[0]
            for a in agencies]  # fmt: skip
    line("Excel per agency", xlsx, 0.5)
    print(f"  Excel, all {len(agencies)}: {time.perf_counter() - start:.1f} s")


def main() -> None:
    """Parse options, build the population, run both benchmarks."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--template", default="ditp-2567")
    parser.add_argument("--agencies", type=int, default=150)
    parser.add_argument("--round", type=int, default=2, choices=(1, 2))
    parser.add_argument("--repeat", type=int, default=5, help="runs of each one-agency timing")
    parser.add_argument(
        "--pages",
        type=int,
        nargs="+",
        default=[pdf.BATCH_PAGES],
        help=f"tabs printing at once in the batch; several to compare (default {pdf.BATCH_PAGES})",
    )
    parser.add_argument("--no-single", action="store_true", help="only the batch")
    args = parser.parse_args()
    agencies = population(args.template, args.agencies, args.round)
    if not args.no_single:
        bench_one(agencies[0], args.repeat)
        print()
        bench_excel(agencies)
    print(f"\n{len(agencies)} agencies, the batch path (render_reports):")
    for pages in args.pages:
        bench_many(agencies, pages)


if __name__ == "__main__":
    main()
