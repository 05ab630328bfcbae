"""The self-assessment report (รายงานผลการประเมินตนเอง) as HTML and as PDF.

HTML comes from a Django template rendered with a standalone ``django.template.Engine`` (no
settings, so the CLI works without the web app; the web app can render the same file). Every
figure is formatted here, from the engine's numbers, into plain strings.

PDF comes from headless Chromium's print-to-PDF: its text layer keeps ำ and tone marks intact
(WeasyPrint's loses them), and it breaks Thai lines with ICU's dictionary. The Sarabun font
files ship in ``thaikpi/reports/fonts`` and are embedded in the HTML, never fetched.
"""

from __future__ import annotations

import asyncio
import base64
import datetime
import functools
import os
import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from django.template import Context, Engine

from thaikpi.engine import formatting
from thaikpi.engine.model import Kpi, KpiRound, MeasureKind, Scorecard
from thaikpi.engine.results import Result
from thaikpi.engine.scales import Scale, TotalKind
from thaikpi.engine.scoring import KpiScore, RoundScore, Status, explain
from thaikpi.reports import charts
from thaikpi.reports.thai_labels import (
    DIRECTION_TH,
    FINAL_STATES,
    KIND_TH,
    REVIEW_TH,
    STATUS_TH,
    conditions_text,
    figure_places,
    inputs_text,
    level_text,
    standing_th,
)

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
FONTS = HERE / "fonts"
CHROMIUM_ENV = "THAIKPI_CHROMIUM"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")
TIMEOUT = 120  # seconds; a report of 150 pages prints in a few
# Tabs printing at once in a batch: measured with bench/reports.py (see bench/README.md).
BATCH_PAGES = 4
K = TypeVar("K")


class PdfError(Exception):
    """The PDF could not be made; the message says why and what to install, in English
    (``str()``) and in Thai (``message_th``)."""

    def __init__(self, message: str, message_th: str = "") -> None:
        super().__init__(message)
        self.message_th = message_th or f"ทำไฟล์ PDF ไม่ได้: {message}"


@dataclass(frozen=True, slots=True)
class Evidence:
    """A file or document offered as evidence for a KPI's result."""

    name: str
    note: str = ""
    date: datetime.date | None = None


@dataclass(frozen=True, slots=True)
class Comment:
    """A reviewer's comment on a KPI's result."""

    author: str
    text: str
    date: datetime.date | None = None


@dataclass(frozen=True, slots=True)
class ReportData:
    """Everything the report shows; plain data, so the CLI needs no database."""

    scorecard: Scorecard
    scored: RoundScore
    results: Mapping[str, Result]
    evidence: Mapping[str, Sequence[Evidence]] = field(default_factory=dict)
    comments: Mapping[str, Sequence[Comment]] = field(default_factory=dict)
    round_comments: Sequence[Comment] = ()  # the evaluator's comments on the whole round
    reported: datetime.date | None = None
    digits: str = "arabic"  # "thai" writes dates and figures with Thai digits (๓๐ กันยายน ๒๕๖๗)
    explain_in: str = "th"  # the language of the score explanations: "th" (default) or "en"
    version: int | None = None  # the stored template version the round was scored with
    review_state: str = ""  # a ReviewState value; "" for a report made outside a review (CLI)
    # A member's joint KPIs: KPI id → "ผลร่วมจาก <owner> (<joint KPI>)", marked in the workbook.
    joint: Mapping[str, str] = field(default_factory=dict)


# -- HTML ----------------------------------------------------------------------------------


@functools.cache
def _engine() -> Engine:
    return Engine(dirs=[str(TEMPLATES)], autoescape=True)


@functools.cache
def font_css() -> str:
    """@font-face rules with the shipped Sarabun files embedded as data URIs."""
    thai = "U+02D7,U+0303,U+0331,U+0E01-0E5B,U+200C-200D,U+25CC"
    latin = "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+2000-206F,U+20AC"
    rules = []
    for subset, unicode_range in (("thai", thai), ("latin", latin)):
        for weight in (400, 700):
            data = (FONTS / f"sarabun-{subset}-{weight}-normal.woff2").read_bytes()
            url = "data:font/woff2;base64," + base64.b64encode(data).decode("ascii")
            rules.append(
                f"@font-face{{font-family:'Sarabun';font-style:normal;font-weight:{weight};"
                f"src:url({url}) format('woff2');unicode-range:{unicode_range};}}"
            )
    return "\n".join(rules)


def render_html(data: ReportData) -> str:
    """The report as one self-contained HTML page (fonts and charts inline)."""
    template = _engine().get_template("reports/self_assessment.html")
    return template.render(Context(_context(data)))


def _context(data: ReportData) -> dict[str, Any]:
    sc, scored = data.scorecard, data.scored
    fmt = _Formatter(data.digits)
    info = sc.round(scored.round)
    round_name = info.name.th if info else f"รอบที่ {scored.round}"
    return {
        "font_css": font_css(),
        "css": (TEMPLATES / "reports" / "report.css").read_text(encoding="utf-8"),
        "title": "รายงานผลการประเมินตนเอง",
        "agency": sc.agency.name.th,
        "agency_en": sc.agency.name.en,
        "ministry": sc.agency.ministry.th,
        "year": fmt.text(str(sc.fiscal_year.year_be)),
        "round_name": round_name,
        "period": "{} – {}".format(fmt.date(sc.fiscal_year.starts), fmt.date(_round_end(data))),
        "reported": fmt.date(data.reported or datetime.date.today()),
        "version": fmt.text(str(data.version)) if data.version else "",
        "total": _total(scored, fmt),
        "no_result": scored.no_result,
        "max_total": fmt.weight(scored.max_total),
        "assessed_weight": fmt.weight(scored.assessed_weight),
        "max_total_note": _max_total_note(sc),
        "level_headers": [fmt.text(formatting.figure(lv, 0)) for lv in sc.scale.levels],
        "level_width": str(_LEVEL_WIDTHS / len(sc.scale.levels)),
        # Column spans as text: Django would localise a number and needs settings to.
        "spans": {f"plus{n}": str(len(sc.scale.levels) + n) for n in (0, 2, 3)},
        "top_score": fmt.text(formatting.figure(sc.scale.max_score, 0)),
        "summary": _summary(data, fmt),
        "chart": _scores_chart(data),
        "kpis": [_kpi_page(data, kpi, fmt) for kpi in sc.kpis],
        "round_comments": [_comment(c, fmt) for c in data.round_comments],
        "review_state": REVIEW_TH.get(data.review_state, ""),
        # Only a reviewed round is a draft: the CLI's report from a results file has no state.
        "draft": bool(data.review_state) and data.review_state not in FINAL_STATES,
    }


# The summary's level columns share this much of the page's width (3 × 9.5 % on 50/75/100).
_LEVEL_WIDTHS = Decimal("28.5")


def _max_total_note(scorecard: Scorecard) -> str:
    """What the cover's 'out of' figure is: the weights assessed, or the scale's top score."""
    if scorecard.scale.total is TotalKind.SUM:
        return "น้ำหนักของตัวชี้วัดที่ประเมินในรอบนี้"
    return "ค่าเฉลี่ยถ่วงน้ำหนักของคะแนน 0–{}".format(formatting.figure(scorecard.scale.max_score, 0))


def _total(scored: RoundScore, fmt: _Formatter) -> str:
    """The total as printed (4 places), or 'ยังไม่มีผล' when not one KPI has a result: a total
    of 0 from nothing entered is not a score (as the CLI and the pages say)."""
    return scored.total_text("th") if scored.no_result else fmt.num(scored.total, 4)


def _round_end(data: ReportData) -> datetime.date:
    """The last day of the round: 31 March for the 6-month round, the year's end otherwise."""
    fy = data.scorecard.fiscal_year
    info = data.scorecard.round(data.scored.round)
    if info and info.months < 12:
        month = (fy.starts.month - 1 + info.months) % 12 + 1
        year = fy.starts.year + (fy.starts.month - 1 + info.months) // 12
        return datetime.date(year, month, 1) - datetime.timedelta(days=1)
    return fy.ends


class _Formatter:
    """Figures and dates as strings, in Arabic or Thai digits."""

    def __init__(self, digits: str) -> None:
        self.digits: formatting.Digits = "thai" if digits == "thai" else "arabic"

    def text(self, value: str) -> str:
        return formatting.thai_digits(value) if self.digits == "thai" else value

    def num(self, value: Decimal | None, places: int | None = None) -> str:
        return formatting.figure(value, places, digits=self.digits)

    def weight(self, value: Decimal) -> str:
        """A weight as written in the template (100.0 from summing 2.5s shows as 100)."""
        return formatting.weight(value, digits=self.digits)

    def date(self, day: datetime.date) -> str:
        return formatting.date(day, digits=self.digits)


def _summary(data: ReportData, fmt: _Formatter) -> list[dict[str, Any]]:
    """Summary table rows: group headings, KPI rows, group subtotals."""
    sc, scored = data.scorecard, data.scored
    places = sc.scoring.score_rounding.places
    wplaces = sc.scoring.weighted_rounding.places
    rows: list[dict[str, Any]] = []
    for group in scored.groups:
        spec = sc.group(group.group_id)
        rows.append({"kind": "group", "name": spec.name.th if spec else group.group_id,
                     "weight": fmt.weight(group.weight)})  # fmt: skip
        for s in scored.kpis:
            kpi = sc.kpi(s.kpi_id)
            if kpi is None or kpi.group != group.group_id:
                continue
            levels = _level_cells(kpi, kpi.round(scored.round), fmt)
            actual = _actual(kpi, s, data.results.get(kpi.id), fmt, short=True)
            rows.append({
                "kind": "kpi", "id": kpi.id, "name": kpi.name.th, "weight": fmt.weight(kpi.weight),
                "levels": levels, "actual": actual,
                **_score_cells(s, fmt, places, wplaces),
                "status": s.status.value, "status_th": STATUS_TH[s.status],
            })  # fmt: skip
        # A group none of whose KPIs has a result has no subtotal either, like the KPIs' rows.
        weighted = "—" if group.no_result else fmt.num(group.weighted, wplaces)
        rows.append({"kind": "subtotal", "name": "รวม " + (spec.name.th if spec else ""),
                     "weight": fmt.weight(group.covered_weight),
                     "weighted": weighted})  # fmt: skip
    return rows


def _score_cells(s: KpiScore, fmt: _Formatter, places: int, wplaces: int) -> dict[str, str]:
    """Score and weighted score; a KPI without a result says so, never a 0 like a real 0."""
    if s.status is Status.NO_RESULT:
        return {"score": STATUS_TH[Status.NO_RESULT], "weighted": "—"}
    return {"score": fmt.num(s.score, places), "weighted": fmt.num(s.weighted, wplaces)}


def _level_cells(kpi: Kpi, kpi_round: KpiRound | None, fmt: _Formatter) -> list[str]:
    """The three level cells of the summary; [] when the KPI is not assessed in the round."""
    if kpi_round is None or not kpi_round.assessed:
        return []
    places = figure_places(kpi, kpi_round.number)
    # Judged, conditions and open levels are paragraphs: the KPI's own page shows them in full.
    return [fmt.text(level_text(kpi, lv, places)) if lv.value is not None
            else "ยังไม่กำหนด*" if lv.open_reason else "ตามเกณฑ์*"
            for lv in kpi_round.levels]  # fmt: skip


def _actual(
    kpi: Kpi, s: KpiScore, result: Result | None, fmt: _Formatter, short: bool = False
) -> str:
    if s.status is Status.NO_RESULT:
        return STATUS_TH[Status.NO_RESULT]
    if s.actual is None or result is None:
        return "—"
    kpi_round = kpi.round(s.round)
    if kpi_round and kpi_round.measure.kind is MeasureKind.CONDITIONS:
        if short:  # the summary table has room for the figures only
            return fmt.text(" / ".join(formatting.figure(v) for v in result.inputs.values()))
        return fmt.text(inputs_text(kpi, result.inputs))
    return fmt.num(s.actual)


def _shown_score(s: KpiScore, fmt: _Formatter, places: int) -> str:
    """The score as printed: 'ยังไม่มีผล' for a KPI without a result (it counts 0, but is no 0)."""
    return STATUS_TH[Status.NO_RESULT] if s.status is Status.NO_RESULT else fmt.num(s.score, places)


def _scores_chart(data: ReportData) -> str:
    """Each KPI's score, the bar coloured by the level reached; no result is said, not 0."""
    shown = [s for s in data.scored.kpis if s.status in (Status.SCORED, Status.NO_RESULT)]
    top = data.scorecard.scale.max_score
    items = [
        (_short("{}. {}".format(s.kpi_id, _kpi_name(data, s.kpi_id))),
         s.score if s.status is Status.SCORED else None, top)
        for s in shown
    ]  # fmt: skip
    colours = [charts.status_key(s, data.scorecard.scale) or "none" for s in shown]
    return charts.scores_bar_svg(
        items, "คะแนนรายตัวชี้วัด", label_width=190, colours=colours,
        missing=STATUS_TH[Status.NO_RESULT],
        axis="คะแนน (เต็ม {})".format(formatting.figure(top, 0)),
        ticks=data.scorecard.scale.judged,
    )  # fmt: skip


def _kpi_name(data: ReportData, kpi_id: str) -> str:
    kpi = data.scorecard.kpi(kpi_id)
    return kpi.name.th if kpi else ""


def _short(text: str, most: int = 24) -> str:
    """A KPI label short enough for the chart, cut after a whole Thai letter with its marks."""
    if len(text) <= most:
        return text
    cut = most - 1
    while cut < len(text) and unicodedata.category(text[cut]) == "Mn":
        cut += 1
    return text[:cut] + "…"


def _kpi_page(data: ReportData, kpi: Kpi, fmt: _Formatter) -> dict[str, Any]:
    sc, scored = data.scorecard, data.scored
    s = scored.kpi(kpi.id)
    assert s is not None
    result = data.results.get(kpi.id)
    kpi_round = kpi.round(scored.round)
    group = sc.group(kpi.group)
    places = sc.scoring.score_rounding.places
    return {
        "id": kpi.id,
        "name": kpi.name.th,
        "name_en": kpi.name.en,
        "definition": _definition(kpi, group.name.th if group else kpi.group, fmt),
        "assessed": bool(kpi_round and kpi_round.assessed),
        "not_assessed_reason": kpi_round.reason.th if kpi_round and kpi_round.reason else "",
        "levels": _levels(kpi, kpi_round, fmt, data.scorecard.scale),
        "baseline": _baseline(kpi, fmt),
        "baseline_chart": _baseline_chart(kpi, scored.round, sc.scale),
        "status": s.status.value,
        "status_th": standing_th(s, sc.scale),
        "actual": _actual(kpi, s, result, fmt),
        "derivation": _derivation(kpi, result, fmt),
        **_score_cells(s, fmt, places, sc.scoring.weighted_rounding.places),
        "explanation": fmt.text(explain(s, data.explain_in)),
        "evidence": [
            {"name": e.name, "note": e.note, "date": fmt.date(e.date) if e.date else ""}
            for e in data.evidence.get(kpi.id, ())
        ],
        "comments": [_comment(c, fmt) for c in data.comments.get(kpi.id, ())],
    }


def _comment(comment: Comment, fmt: _Formatter) -> dict[str, str]:
    date = fmt.date(comment.date) if comment.date else ""
    return {"author": comment.author, "text": comment.text, "date": date}


def _definition(kpi: Kpi, group: str, fmt: _Formatter) -> list[tuple[str, str]]:
    kind = KIND_TH.get(kpi.kind, kpi.kind)
    if kpi.proxy_for:
        kind += " (แทน {})".format(kpi.proxy_for.th)
    pairs = [("กลุ่มตัวชี้วัด", group), ("ประเภท", kind), ("น้ำหนัก", fmt.weight(kpi.weight)),
             ("หน่วยวัด", kpi.unit.th), ("ทิศทาง", DIRECTION_TH[kpi.direction])]  # fmt: skip
    texts = (("คำอธิบาย", kpi.description), ("ขอบเขต", kpi.scope),
             ("สูตรการคำนวณ", kpi.formula_text), ("แหล่งข้อมูล", kpi.data_sources),
             ("วิธีการจัดเก็บข้อมูล", kpi.collection_method), ("ผู้รับผิดชอบ", kpi.responsible),
             ("ช่วงเวลาการรายงาน", kpi.reporting_period))  # fmt: skip
    pairs += [(label, text.th) for label, text in texts if text]
    if kpi.formula and not kpi.formula_text:
        pairs.append(("สูตรการคำนวณ", kpi.formula))
    links = "; ".join(f"{li.code} {li.name.th}".strip() for li in kpi.links)
    if links:
        pairs.append(("ความเชื่อมโยง", links))
    pairs += [("เงื่อนไข", c.th) for c in kpi.conditions]
    pairs += [("หมายเหตุ", n.th) for n in kpi.notes]
    return pairs


def _levels(
    kpi: Kpi, kpi_round: KpiRound | None, fmt: _Formatter, scale: Scale
) -> list[dict[str, str]]:
    if kpi_round is None or not kpi_round.assessed:
        return []
    rows = []
    places = figure_places(kpi, kpi_round.number)
    for lv in kpi_round.levels:
        extra = conditions_text(kpi, lv.conditions)
        if lv.description:
            extra = " ".join((extra, lv.description.th)).strip()
        rows.append({
            "score": fmt.text(str(int(lv.score))), "name": scale.level_name(lv.score, "th"),
            "value": fmt.text(level_text(kpi, lv, places)) if lv.value is not None else "—",
            "stated": fmt.num(lv.stated, places) if lv.stated is not None else "—",
            "provenance": fmt.text(lv.provenance_th or lv.provenance), "extra": fmt.text(extra),
        })  # fmt: skip
    return rows


def _baseline(kpi: Kpi, fmt: _Formatter) -> dict[str, Any] | None:
    b = kpi.baseline
    if b is None or not b.rows:
        return None
    columns = [c.name.th for c in b.columns]

    def cell(row_values: Mapping[str, Decimal | None], column: Any) -> str:
        places = column.places if column.places is not None else b.rounding.places
        value = row_values.get(column.id)
        return fmt.num(value, places) if value is not None else "—"

    rows = [
        {"year": fmt.text(str(r.year)), "cells": [cell(r.values, c) for c in b.columns]}
        for r in b.rows
    ]
    summaries = [
        {"label": (sm.label.th if sm.label else f"{sm.stat} {sm.column}")
         + " ({}–{})".format(*sm.years), "value": fmt.num(sm.stated, b.rounding.places)}
        for sm in b.summaries
    ]  # fmt: skip
    return {"unit": b.unit.th if b.unit else "", "columns": columns, "rows": rows,
            "summaries": summaries, "note": b.note.th if b.note else ""}  # fmt: skip


def _baseline_chart(kpi: Kpi, round_no: int, scale: Scale) -> str:
    if kpi.baseline is None or not kpi.baseline.rows:
        return ""
    column = kpi.levels_column(round_no)
    if column is None:
        return ""
    points = [(str(r.year), r.values.get(column)) for r in kpi.baseline.rows]
    kpi_round = kpi.round(round_no)
    levels = [(lv.score, lv.value) for lv in (kpi_round.levels if kpi_round else ())
              if lv.value is not None]  # fmt: skip
    name = kpi.baseline.column(column)
    return charts.baseline_chart_svg(points, levels, name.name.th if name else column, scale=scale)


def _derivation(kpi: Kpi, result: Result | None, fmt: _Formatter) -> str:
    if result is None:
        return ""
    # Only raw inputs say more than the actual itself ("measured 2.4" repeats it).
    return fmt.text(inputs_text(kpi, result.inputs)) if result.inputs else ""


# -- PDF -----------------------------------------------------------------------------------


def find_chromium() -> str:
    """The Chromium executable: $THAIKPI_CHROMIUM, else the first on PATH; PdfError if none."""
    configured = os.environ.get(CHROMIUM_ENV)
    if configured:
        if Path(configured).is_file() and os.access(configured, os.X_OK):
            return configured
        raise PdfError(
            f"{CHROMIUM_ENV}={configured} is not an executable file",
            f"{CHROMIUM_ENV}={configured} ไม่ใช่ไฟล์โปรแกรมที่รันได้",
        )
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise PdfError(
        "PDF reports need headless Chromium, which is not installed. "
        "On Debian/Ubuntu: apt-get install chromium (or set THAIKPI_CHROMIUM to its path).",
        "รายงาน PDF ต้องใช้ Chromium แบบ headless ซึ่งยังไม่ได้ติดตั้ง "
        "บน Debian/Ubuntu: apt-get install chromium (หรือตั้ง THAIKPI_CHROMIUM เป็นที่อยู่ของโปรแกรม)",
    )


def chromium_args(chromium: str, html_file: Path, pdf_file: Path, profile: Path) -> list[str]:
    """The command line that prints one HTML file to PDF, offline and without a profile."""
    return [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-extensions", "--no-first-run", "--no-default-browser-check",
        "--no-pdf-header-footer", f"--user-data-dir={profile}",
        f"--print-to-pdf={pdf_file}", html_file.as_uri(),
    ]  # fmt: skip


def html_to_pdf(html: str, chromium: str | None = None) -> bytes:
    """Print HTML to PDF with headless Chromium; PdfError with Chromium's words if it fails."""
    executable = chromium or find_chromium()
    with tempfile.TemporaryDirectory(prefix="thaikpi-pdf-") as folder:
        base = Path(folder)
        page, out = base / "report.html", base / "report.pdf"
        page.write_text(html, encoding="utf-8")
        try:
            done = subprocess.run(
                chromium_args(executable, page, out, base / "profile"),
                capture_output=True, timeout=TIMEOUT, check=False,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            raise PdfError(
                f"Chromium did not finish printing within {TIMEOUT} s",
                f"Chromium พิมพ์ไม่เสร็จภายใน {TIMEOUT} วินาที",
            ) from None
        except OSError as exc:
            raise PdfError(
                f"cannot run {executable}: {exc.strerror}",
                f"รัน {executable} ไม่ได้: {exc.strerror}",
            ) from None
        if not out.exists() or out.stat().st_size == 0:
            tail = " / ".join(done.stderr.decode("utf-8", "replace").strip().splitlines()[-3:])
            raise PdfError(
                f"Chromium made no PDF (exit code {done.returncode}): {tail or 'no message'}",
                f"Chromium ไม่ได้สร้างไฟล์ PDF (รหัสออก {done.returncode}): {tail or 'ไม่มีข้อความ'}",
            )
        return out.read_bytes()


def render_pdf(data: ReportData, chromium: str | None = None) -> bytes:
    """The self-assessment report as PDF bytes."""
    return html_to_pdf(render_html(data), chromium)


def print_batch(
    jobs: Iterable[tuple[K, Callable[[], str]]],
    done: Callable[[K, bytes | Exception], None],
    pages: int = BATCH_PAGES,
    chromium: str | None = None,
) -> None:
    """Print many HTML documents with one browser and ``pages`` tabs printing at once.

    Each job is a key and a function making its HTML; ``done(key, pdf bytes or the
    exception)`` is called as each finishes, so one failure does not stop the rest. The HTML
    of the next job is made while Chromium prints the others (it is a separate process). Each
    tab keeps its page from one document to the next. Runs its own event loop: the jobs must
    not query the database.
    """
    executable = chromium or find_chromium()
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:  # print each report with the command line
        for key, make in jobs:
            try:
                done(key, html_to_pdf(make(), executable))
            except Exception as exc:  # one document's failure must not stop the rest
                done(key, exc)
        return
    asyncio.run(_print_all(iter(jobs), done, max(1, pages), executable))


async def _print_all(
    jobs: Iterator[tuple[K, Callable[[], str]]],
    done: Callable[[K, bytes | Exception], None],
    pages: int,
    chromium: str,
) -> None:
    """``pages`` tabs of one browser taking the next job from the shared iterator."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        try:
            browser = await playwright.chromium.launch(
                executable_path=chromium, args=["--no-sandbox", "--disable-gpu"]
            )
        except Exception as exc:  # Playwright wraps launch failures in its own Error type
            raise PdfError(
                f"cannot start {chromium}: {exc}", f"เปิด {chromium} ไม่ได้: {exc}"
            ) from None

        async def tab() -> None:
            # One page per tab, reused: opening a page costs about as much as printing one.
            page = await browser.new_page()
            for key, make in jobs:
                try:
                    await page.set_content(make(), wait_until="load")
                    pdf = await page.pdf(prefer_css_page_size=True, print_background=True)
                except Exception as exc:  # one document's failure must not stop the rest
                    done(key, exc)
                    await page.close()
                    page = await browser.new_page()  # the next document starts clean
                else:
                    done(key, pdf)
            await page.close()

        try:
            await asyncio.gather(*(tab() for _ in range(pages)))
        finally:
            await browser.close()
