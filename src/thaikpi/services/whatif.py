"""What-if for a stored round: what the KPIs without a result need, or one KPI for a score."""

from __future__ import annotations

from decimal import Decimal

from thaikpi.engine import whatif
from thaikpi.scorecards.models import Scorecard
from thaikpi.scorecards.permissions import NotFound
from thaikpi.services import engine


def need_for_total(scorecard: Scorecard, round_no: int, total: Decimal) -> whatif.TotalNeed:
    """What the KPIs without a stored result need for the round to reach ``total``."""
    # As the round is scored: its version, the planner's decisions, a member's joint results.
    scored = engine.score(scorecard, round_no)
    return whatif.need_for_total(scored.engine, round_no, scored.results, total)


def need_for_score(scorecard: Scorecard, kpi_id: str, round_no: int, score: Decimal) -> whatif.Need:
    """What one KPI must reach for ``score``; NotFound for a KPI the scorecard does not have."""
    sc = engine.scorecard_for_round(scorecard, round_no)
    kpi = sc.kpi(kpi_id)
    if kpi is None:
        raise NotFound("no such KPI")
    return whatif.need_for_score(kpi, round_no, score, sc)
