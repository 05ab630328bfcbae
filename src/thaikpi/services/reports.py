"""Reports from stored data: gather a round's results, evidence and comments for the PDF/Excel.

The reports themselves (:mod:`thaikpi.reports`) take plain data; this module reads the
database once and calls the engine through :mod:`thaikpi.services.engine`.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.utils import timezone

from thaikpi.engine.scoring import score_round
from thaikpi.reports import excel, pdf
from thaikpi.results.models import Evidence, Result, RoundReview
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import engine


def report_data(
    scorecard: Scorecard,
    round_no: int,
    reported: datetime.date | None = None,
    digits: str = "arabic",
) -> pdf.ReportData:
    """The round's report data: engine scores, evidence names per KPI, the evaluator's comment."""
    version = engine.version_for(scorecard, round_no)  # a closed round: the one it was under
    sc = engine.parsed(version)
    stored = Result.objects.filter(scorecard=scorecard, round_no=round_no)
    results, _findings = engine.engine_results(sc, round_no, stored.values_list("kpi_id", "raw"))
    scored = score_round(sc, round_no, results)
    evidence: dict[str, list[pdf.Evidence]] = defaultdict(list)
    rows = Evidence.objects.filter(result__scorecard=scorecard, result__round_no=round_no)
    for row in rows.select_related("result").order_by("uploaded_at"):
        evidence[row.result.kpi_id].append(
            pdf.Evidence(row.original_name, date=timezone.localdate(row.uploaded_at))
        )
    review = RoundReview.objects.filter(scorecard=scorecard, round_no=round_no).first()
    comments = []
    if review and review.comment:
        by = review.updated_by
        who = (by.get_full_name() or by.get_username()) if by else ""
        comments.append(pdf.Comment(who, review.comment, timezone.localdate(review.updated_at)))
    return pdf.ReportData(
        sc,
        scored,
        results,
        dict(evidence),
        round_comments=tuple(comments),
        reported=reported or timezone.localdate(),
        digits=digits,
        version=version.number,
    )


def xlsx(scorecard: Scorecard, round_no: int) -> bytes:
    """The round's workbook."""
    data = report_data(scorecard, round_no)
    return excel.export_xlsx(
        data.scorecard, data.scored, data.results, data.reported, version=data.version
    )
