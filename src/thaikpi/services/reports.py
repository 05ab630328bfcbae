"""Reports from stored data: gather a round's results, evidence and comments for the PDF/Excel.

The reports themselves (:mod:`thaikpi.reports`) take plain data; this module reads the
database once and calls the engine through :mod:`thaikpi.services.engine`.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from thaikpi.engine import formatting
from thaikpi.engine.model import Direction
from thaikpi.engine.model import Scorecard as EngineScorecard
from thaikpi.engine.scoring import RoundScore, Status
from thaikpi.reports import briefing, excel, pdf
from thaikpi.reports.thai_labels import FINAL_STATES, REVIEW_TH, figure_places
from thaikpi.results.choices import ReviewState
from thaikpi.results.models import Evidence, MonthlyProgress, RoundReview
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import dashboard, discussions, engine, joint, series


@dataclass(frozen=True)
class _Read:
    """The report's data with the review and the threads it was made from, for the briefing."""

    data: pdf.ReportData
    review: RoundReview | None
    threads: list[discussions.Thread]


def report_data(
    scorecard: Scorecard,
    round_no: int,
    reported: datetime.date | None = None,
    digits: str = "arabic",
) -> pdf.ReportData:
    """The round's report data: engine scores, evidence names per KPI, the evaluator's comment."""
    return _read(scorecard, round_no, reported, digits).data


def _read(
    scorecard: Scorecard,
    round_no: int,
    reported: datetime.date | None,
    digits: str = "arabic",
    known: engine.Scored | None = None,
) -> _Read:
    """:func:`report_data`, keeping the review and the threads read on the way.

    ``known``: the round already scored (the briefing's trend scores it), else scored here.
    """
    # Scored as every page scores it: a closed round under the version it was submitted under
    # (engine.version_for), the planner's decisions, a member's joint results.
    found = known or engine.score(scorecard, round_no)
    sc, scored, results, shared = found.engine, found.round, found.results, found.shared
    evidence: dict[str, list[pdf.Evidence]] = defaultdict(list)
    for kpi_id, source in sorted(shared.items()):  # a member's joint KPI: where it comes from
        evidence[kpi_id].append(_joint_source(source, round_no))
    rows = Evidence.objects.filter(result__scorecard=scorecard, result__round_no=round_no)
    for row in rows.select_related("result").order_by("uploaded_at"):
        evidence[row.result.kpi_id].append(
            pdf.Evidence(row.original_name, date=timezone.localdate(row.uploaded_at))
        )
    review = RoundReview.objects.filter(scorecard=scorecard, round_no=round_no).first()
    threads = discussions.threads(scorecard, round_no)
    per_kpi, on_round = discussions.report_lines(threads)
    data = pdf.ReportData(
        sc,
        scored,
        results,
        dict(evidence),
        comments=per_kpi,
        round_comments=tuple(_round_comments(review) + on_round),
        reported=reported or timezone.localdate(),
        digits=digits,
        version=found.version,
        review_state=review.state if review else ReviewState.DRAFT.value,
        joint={kpi_id: _joint_mark(source, round_no) for kpi_id, source in shared.items()},
    )
    return _Read(data, review, threads)


def _joint_note(source: joint.Source, round_no: int) -> str:
    """Whether the owner's result is used yet, and the owner's round state."""
    if source.counts:
        note = "หน่วยงานเจ้าของกรอกผลครั้งเดียวสำหรับทุกหน่วยงานร่วม (รอบที่ {} ของหน่วยงานเจ้าของ: {})"
        return note.format(round_no, REVIEW_TH.get(source.state or "", ""))
    return "ยังไม่มีผล: รอหน่วยงานเจ้าของส่งผลรอบที่ {}".format(round_no)


def _joint_source(source: joint.Source, round_no: int) -> pdf.Evidence:
    """A member's joint KPI in its report: whose result it is, and the owner's round state."""
    return pdf.Evidence(source.from_th, note=_joint_note(source, round_no))


def _joint_mark(source: joint.Source, round_no: int) -> str:
    """A member's joint KPI in its workbook: where the result comes from, in one line."""
    return f"{source.from_th}: {_joint_note(source, round_no)}"


def _round_comments(review: RoundReview | None) -> list[pdf.Comment]:
    """The evaluator's comment on the whole round, if any."""
    if review is None or not review.comment:
        return []
    by = review.updated_by
    who = (by.get_full_name() or by.get_username()) if by else ""
    return [pdf.Comment(who, review.comment, timezone.localdate(review.updated_at))]


def briefing_data(
    scorecard: Scorecard,
    round_no: int,
    user: Any = None,
    reported: datetime.date | None = None,
) -> briefing.BriefingData:
    """The round's executive briefing; the trend covers the agency's years ``user`` may read."""
    points, scores = dashboard.agency_scores(scorecard, user)
    # The trend scores this round too: the report takes that score rather than looking up the
    # round's frozen version, its results and its joint sources a second time. The review and
    # the threads as the report read them: the briefing reads neither again.
    read = _read(scorecard, round_no, reported, known=scores.get((scorecard.pk, round_no)))
    report = read.data
    # The evaluator's return comment until the round is final; threads until resolved.
    returned = [] if report.review_state in FINAL_STATES else _round_comments(read.review)
    open_comments = returned + discussions.briefing_lines(read.threads)
    return briefing.build(
        report,
        trend=_trend(points, scorecard, round_no, report.scored.no_result),
        at_risk=_progress_risks(scorecard, report.scorecard, report.scored),
        comments=tuple(open_comments),
        review_state=report.review_state,
    )


def _trend(
    trend: list[dashboard.Point], scorecard: Scorecard, round_no: int, no_result: bool = False
) -> list[briefing.TrendPoint]:
    """Totals of every round with stored results, this year's up to ``round_no``, by year.

    ``trend``: the agency's trend as the dashboard has it (services.dashboard.agency_trend);
    the round itself is there even with no result yet (``no_result``: it then says so, not 0).
    """
    year = scorecard.fiscal_year.year_be
    points = []
    for p in trend:
        here = (p.year_be, p.round_no) == (year, round_no)
        later = p.year_be == year and p.round_no > round_no
        if here or (p.has_results and not later):
            label = f"{p.year_be} รอบที่ {p.round_no}"
            point = briefing.TrendPoint(
                label, p.total, p.max_total, current=here, no_result=here and no_result
            )
            points.append(point)
    return points


def _progress_risks(
    scorecard: Scorecard, sc: EngineScorecard, scored: RoundScore
) -> list[briefing.AtRisk]:
    """KPIs without a result whose year-end forecast, or else latest monthly progress, is short
    of the standard level.

    The forecast from the monthly series (``series.at_risk``, against the year-end round's
    standard level) is the better judge and comes first; a plain comparison of the latest
    month's progress with the round's standard level covers KPIs without a series.
    """
    waiting = {k.kpi_id for k in scored.kpis if k.status is Status.NO_RESULT}
    foreseen = _forecast_risks(scorecard, sc, scored, waiting)
    latest: dict[str, tuple[int, Decimal]] = {}
    rows = MonthlyProgress.objects.filter(scorecard=scorecard, kpi_id__in=waiting)
    for kpi_id, month, value in rows.order_by("month").values_list("kpi_id", "month", "value"):
        latest[kpi_id] = (month, value)
    risks = []
    for kpi_id, (month, value) in sorted(latest.items()):
        kpi = sc.kpi(kpi_id)
        kpi_round = kpi.round(scored.round) if kpi else None
        if kpi is None or kpi_round is None:
            continue
        standard = next(
            (lv.value for lv in kpi_round.levels if lv.score == sc.scale.standard), None
        )
        if standard is None:
            continue
        short = value < standard if kpi.direction is Direction.HIGHER else value > standard
        if short:
            name = formatting.month_name(formatting.calendar_month(month), short=False)
            places = figure_places(kpi, scored.round)
            reason = "ความก้าวหน้าเดือน{} {} ยังไม่ถึงค่า{} {}".format(
                name,
                formatting.figure(value, places),
                sc.scale.level_name(sc.scale.standard, "th"),
                formatting.figure(standard, places),
            )
            risks.append(briefing.AtRisk(kpi.id, kpi.name.th, reason))
    told = {r.kpi_id for r in foreseen}
    return foreseen + [r for r in risks if r.kpi_id not in told]


def _forecast_risks(
    scorecard: Scorecard, sc: EngineScorecard, scored: RoundScore, waiting: set[str]
) -> list[briefing.AtRisk]:
    """KPIs whose year-end forecast is below the year-end round's standard level (named as
    the scale names it); in the year's last round, only those still without a result (the
    others are past forecasting)."""
    last = max(sc.round_numbers) == scored.round
    found = series.at_risk([(scorecard, sc)]).get(scorecard.pk, [])
    return [
        briefing.AtRisk(
            r.kpi_id,
            r.name.th,
            "คาดการณ์สิ้นปี {} ต่ำกว่าค่า{} ({})".format(
                formatting.figure(r.foreseen, r.places),
                r.level.th,
                formatting.figure(r.standard, r.places),
            ),
        )
        for r in found
        if not last or r.kpi_id in waiting
    ]


def xlsx(scorecard: Scorecard, round_no: int) -> bytes:
    """The round's workbook."""
    data = report_data(scorecard, round_no)
    return excel.export_xlsx(
        data.scorecard, data.scored, data.results, data.reported, version=data.version,
        joint=data.joint,
    )  # fmt: skip
