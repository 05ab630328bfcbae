"""The executive briefing (สรุปผู้บริหาร): a round on two A4 pages beside the full report.

Page 1: the total against its maximum and every KPI's standing in words and colour (a KPI
without a result says "ยังไม่มีผล", never 0). Page 2: the trend over rounds and fiscal years,
KPIs at risk, what is missing and the review comments still open.

Built like :mod:`thaikpi.reports.pdf`: plain data (:class:`BriefingData`, no engine objects)
rendered by a standalone Django template and printed by headless Chromium. :func:`build`
turns the engine's scores into that data, for the web service and the CLI alike.
"""

from __future__ import annotations

import datetime
import functools
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.template import Context, Engine

from thaikpi.engine import formatting
from thaikpi.engine.scales import Scale
from thaikpi.engine.scoring import KpiScore, Status
from thaikpi.reports import pdf
from thaikpi.reports.thai_labels import FINAL_STATES, REVIEW_TH, figure_places, standing_th

# How much fits on a page; more is counted ("และอีก 3 รายการ") and left to the full report.
MAX_KPIS = 15  # two lines each at most: about 150 mm of the page
MAX_TREND = 8
MAX_RISKS = 8
MAX_MISSING = 10
MAX_COMMENTS = 5
MAX_COMMENT_CHARS = 280

# A KPI's standing by the band of the level its score reaches (Scale.band), in words on
# OPDC's 50/75/100 scale; on another scale the words name its levels (standing_words).
STANDING_TH = {
    "top": "ถึงเป้าหมายขั้นสูง",
    "standard": "ถึงเป้าหมายมาตรฐาน",
    "entry": "ถึงเป้าหมายขั้นต้น",
    "below": "ต่ำกว่าเป้าหมายขั้นต้น",
    "no_result": "ยังไม่มีผล",
    "levels_open": "ยังไม่กำหนดเป้าหมาย",
    "not_assessed": "ไม่ประเมินในรอบนี้",
}
NO_RESULT = STANDING_TH["no_result"]  # a total, like a KPI, without a result says so


@dataclass(frozen=True, slots=True)
class BriefKpi:
    """One KPI's line on the briefing."""

    id: str
    name: str
    weight: Decimal
    standing: str  # a key of STANDING_TH: the colour band of the level reached, or a status
    actual: Decimal | None = None
    score: Decimal | None = None
    places: int = 2  # decimals of the actual
    words: str = ""  # the standing in words on the scorecard's scale; "" → STANDING_TH's
    score_places: int = 2  # decimals of the score: the scale's policy (4 on five levels)
    short: str = ""  # why the KPI is at risk: "" when its score reaches the standard level

    @property
    def standing_th(self) -> str:
        """The standing in Thai words: 'ถึงเป้าหมายขั้นสูง', 'ถึงระดับ 4', 'ยังไม่มีผล'."""
        return self.words or STANDING_TH[self.standing]


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """A round's total, of this or an earlier fiscal year of the same agency."""

    label: str  # "2567 รอบที่ 2"
    total: Decimal
    max_total: Decimal
    current: bool = False  # the round this briefing is about
    no_result: bool = False  # not one KPI has a result: its total of 0 is no total


@dataclass(frozen=True, slots=True)
class AtRisk:
    """A KPI that may not reach its standard target, and why we think so."""

    kpi_id: str
    name: str
    reason: str


@dataclass(frozen=True, slots=True)
class BriefingData:
    """Everything the briefing shows; plain data with no engine objects."""

    agency: str
    ministry: str
    year_be: int
    round_name: str
    total: Decimal
    max_total: Decimal
    kpis: tuple[BriefKpi, ...]
    trend: tuple[TrendPoint, ...] = ()
    at_risk: tuple[AtRisk, ...] = ()
    comments: tuple[pdf.Comment, ...] = ()  # review comments not yet resolved
    review_state: str = ""  # a ReviewState value; "" when the round is not under review
    reported: datetime.date | None = None
    version: int | None = None
    digits: str = "arabic"
    no_result: bool = False  # not one KPI has a result: the total of 0 is shown as words

    @property
    def draft(self) -> bool:
        """True for a reviewed round not yet approved or locked: its pages say "ร่าง"."""
        return bool(self.review_state) and self.review_state not in FINAL_STATES


def standing(score: KpiScore, scale: Scale) -> str:
    """The key of a KPI's standing in STANDING_TH: the band of the level its score reached."""
    if score.status is Status.SCORED and score.score is not None:
        return scale.band(scale.standing(score.score))
    return score.status.value


def build(
    report: pdf.ReportData,
    *,
    trend: Sequence[TrendPoint] = (),
    at_risk: Iterable[AtRisk] = (),
    comments: Sequence[pdf.Comment] = (),
    review_state: str = "",
) -> BriefingData:
    """The briefing of a scored round; KPIs scored below the standard level are at risk too."""
    sc, scored = report.scorecard, report.scored
    kpis = []
    for s in scored.kpis:
        kpi = sc.kpi(s.kpi_id)
        assert kpi is not None
        has_result = s.status is Status.SCORED and s.kpi_id in report.results
        kpis.append(BriefKpi(
            kpi.id, kpi.name.th, kpi.weight, standing(s, sc.scale),
            actual=s.actual if has_result else None,
            score=s.score if s.status is Status.SCORED else None,
            places=figure_places(kpi, scored.round),
            words=standing_th(s, sc.scale),
            score_places=sc.scoring.score_rounding.places,
            short=_short_of_standard(s, sc.scale, sc.scoring.score_rounding.places),
        ))  # fmt: skip
    risks = {k.id: AtRisk(k.id, k.name, k.short) for k in kpis if k.short}
    for risk in at_risk:  # forecasts and monthly progress from the caller come first
        risks = {risk.kpi_id: risk, **{k: v for k, v in risks.items() if k != risk.kpi_id}}
    info = sc.round(scored.round)
    return BriefingData(
        agency=sc.agency.name.th,
        ministry=sc.agency.ministry.th,
        year_be=sc.fiscal_year.year_be,
        round_name=info.name.th if info else f"รอบที่ {scored.round}",
        total=scored.total,
        max_total=scored.max_total,
        kpis=tuple(kpis),
        trend=tuple(trend),
        at_risk=tuple(risks.values()),
        comments=tuple(comments),
        review_state=review_state,
        reported=report.reported,
        version=report.version,
        digits=report.digits,
        no_result=scored.no_result,
    )


def _short_of_standard(score: KpiScore, scale: Scale, places: int) -> str:
    """Why a scored KPI is at risk: its score is below the standard level; "" when it is not."""
    if score.status is not Status.SCORED or score.score is None:
        return ""
    if score.score >= scale.standard:
        return ""
    shown = formatting.figure(score.score, places)
    return "คะแนน {} ต่ำกว่า{}".format(shown, scale.header(scale.standard, "th"))


# -- HTML and PDF --------------------------------------------------------------------------


@functools.cache
def _engine() -> Engine:
    return Engine(dirs=[str(pdf.TEMPLATES)], autoescape=True)


def render_html(data: BriefingData) -> str:
    """The briefing as one self-contained HTML page of two A4 pages."""
    template = _engine().get_template("reports/briefing.html")
    return template.render(Context(_context(data)))


def render_pdf(data: BriefingData, chromium: str | None = None) -> bytes:
    """The briefing as PDF bytes."""
    return pdf.html_to_pdf(render_html(data), chromium)


def _context(data: BriefingData) -> dict[str, Any]:
    fmt = pdf._Formatter(data.digits)
    order = list(STANDING_TH)
    ranked = sorted(data.kpis, key=lambda k: (order.index(k.standing), -(k.score or 0)))
    found = Counter((k.standing, k.standing_th) for k in ranked)  # keeps the ranked order
    counts = [
        {"key": key, "label": label, "count": fmt.text(str(n))} for (key, label), n in found.items()
    ]
    missing = [k for k in data.kpis if k.standing == "no_result"]
    trend = list(data.trend[-MAX_TREND:])
    return {
        "font_css": pdf.font_css(),
        "css": (pdf.TEMPLATES / "reports" / "briefing.css").read_text(encoding="utf-8"),
        "agency": data.agency,
        "ministry": data.ministry,
        "year": fmt.text(str(data.year_be)),
        "round_name": data.round_name,
        "reported": fmt.date(data.reported or datetime.date.today()),
        "version": fmt.text(str(data.version)) if data.version else "",
        "state": REVIEW_TH.get(data.review_state, ""),
        "draft": data.draft,
        "total": NO_RESULT if data.no_result else fmt.num(data.total, 2),
        "no_result": data.no_result,
        "max_total": fmt.weight(data.max_total),
        "share": _percent(data.total, data.max_total),
        "change": _change(data.trend, fmt),
        "counts": counts,
        "kpis": [_kpi_row(k, fmt) for k in data.kpis[:MAX_KPIS]],
        "more_kpis": fmt.text(str(max(0, len(data.kpis) - MAX_KPIS))),
        "has_more_kpis": len(data.kpis) > MAX_KPIS,
        "trend": [_trend_row(p, fmt) for p in trend],
        "risks": data.at_risk[:MAX_RISKS],
        "more_risks": _more(len(data.at_risk) - MAX_RISKS, fmt),
        "missing": [f"{k.id} {k.name}" for k in missing[:MAX_MISSING]],
        "more_missing": _more(len(missing) - MAX_MISSING, fmt),
        "comments": [_comment(c, fmt) for c in data.comments[:MAX_COMMENTS]],
        "more_comments": _more(len(data.comments) - MAX_COMMENTS, fmt),
    }


def _kpi_row(k: BriefKpi, fmt: pdf._Formatter) -> dict[str, str]:
    # Without a result the cell says so in words: a dash or 0 would read as a real zero.
    no_figure = STANDING_TH["no_result"] if k.standing == "no_result" else "—"
    return {
        "id": k.id,
        "name": k.name,
        "weight": fmt.weight(k.weight),
        "actual": fmt.num(k.actual, k.places) if k.actual is not None else no_figure,
        "score": fmt.num(k.score, k.score_places) if k.score is not None else "—",
        "standing": k.standing,
        "standing_th": k.standing_th,
    }


def _trend_row(p: TrendPoint, fmt: pdf._Formatter) -> dict[str, Any]:
    return {
        "label": fmt.text(p.label),
        "total": NO_RESULT if p.no_result else fmt.num(p.total, 2),
        "no_result": p.no_result,
        "max_total": fmt.weight(p.max_total),
        "share": _percent(p.total, p.max_total),
        "current": p.current,
    }


def _change(trend: Sequence[TrendPoint], fmt: pdf._Formatter) -> str:
    """The change of the total since the previous point of the trend, in words."""
    at = next((i for i, p in enumerate(trend) if p.current), None)
    if not at:
        return ""
    before, now = trend[at - 1], trend[at]
    if before.no_result or now.no_result:  # a total of 0 from nothing entered is no change
        return ""
    if before.max_total == now.max_total:
        diff = now.total - before.total
        sign = "+" if diff > 0 else ""
        return "{}{} คะแนน เทียบกับ {}".format(sign, fmt.num(diff, 2), fmt.text(before.label))
    # Round 1 covers fewer KPIs than round 2: only shares of each maximum compare.
    return "ร้อยละ {} ของคะแนนเต็ม เทียบกับร้อยละ {} ใน {} (คะแนนเต็ม {})".format(
        fmt.num(_share(now), 2), fmt.num(_share(before), 2), fmt.text(before.label),
        fmt.weight(before.max_total),
    )  # fmt: skip


def _share(point: TrendPoint) -> Decimal:
    return point.total * 100 / point.max_total if point.max_total else Decimal(0)


def _percent(value: Decimal, maximum: Decimal) -> str:
    """A bar's width in CSS percent, 0–100."""
    if maximum <= 0:
        return "0"
    return formatting.figure(max(Decimal(0), min(Decimal(100), value * 100 / maximum)), 1)


def _comment(comment: pdf.Comment, fmt: pdf._Formatter) -> dict[str, str]:
    text = comment.text
    if len(text) > MAX_COMMENT_CHARS:
        text = text[: MAX_COMMENT_CHARS - 1].rstrip() + "…"
    date = fmt.date(comment.date) if comment.date else ""
    return {"author": comment.author, "text": text, "date": date}


def _more(n: int, fmt: pdf._Formatter) -> str:
    return "และอีก {} รายการ ดูในรายงานฉบับเต็ม".format(fmt.text(str(n))) if n > 0 else ""
