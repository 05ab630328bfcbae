"""Adapters from engine values to the chart functions in thaikpi.reports.charts."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from thaikpi.engine import model as m
from thaikpi.reports import charts
from thaikpi.services.engine import Scored


def _levels(kpi: m.Kpi, round_no: int) -> list[tuple[Decimal, Decimal]]:
    kr = kpi.round(round_no)
    return [(lv.score, lv.value) for lv in (kr.levels if kr else ()) if lv.value is not None]


def baseline(kpi: m.Kpi, round_no: int) -> SafeString | None:
    """The KPI's baseline series with the round's level bands, or None without a baseline."""
    if kpi.baseline is None or not kpi.baseline.rows:
        return None
    column = kpi.levels_column(round_no)
    if column is None:
        return None
    points = [(str(r.year), r.values.get(column)) for r in kpi.baseline.rows]
    title = _("Baseline and levels")
    # The SVG is built from escaped text only, so it is safe to inline.
    return mark_safe(charts.baseline_chart_svg(points, _levels(kpi, round_no), title))


def progress(kpi: m.Kpi, months: list[tuple[int, str]], values: dict[int, Decimal]) -> SafeString:
    """Monthly progress against the year's (last round's) levels."""
    last = max(kpi.rounds) if kpi.rounds else 2
    series = [values.get(i) for i, _label in months]
    svg = charts.progress_chart_svg(
        [label for _i, label in months], series, _levels(kpi, last), _("Monthly progress")
    )
    return mark_safe(svg)


def kpi_scores(scored: Scored) -> SafeString:
    """Each KPI's score out of the scale's top score (100, or 5) in the round."""
    top = scored.engine.scale.max_score
    items = [
        (_("KPI {id}").format(id=k.kpi_id), k.score or Decimal(0), top)
        for k in scored.round.kpis
        if k.score is not None or k.status.value == "no_result"
    ]
    return mark_safe(charts.scores_bar_svg(items, _("Scores"), label_width=90))


def totals(rows: list[tuple[Any, Any]]) -> SafeString:
    """Agencies' totals side by side."""
    items = [(str(card.agency), rs.total, rs.max_total or Decimal(100)) for card, rs in rows]
    return mark_safe(charts.scores_bar_svg(items, _("Totals")))
