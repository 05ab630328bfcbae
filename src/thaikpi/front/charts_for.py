"""Adapters from engine values to the chart functions in thaikpi.reports.charts."""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from thaikpi.engine import model as m
from thaikpi.engine.formatting import figure
from thaikpi.engine.scales import Scale
from thaikpi.front import tables
from thaikpi.reports import charts
from thaikpi.services.engine import Scored


def _levels(kpi: m.Kpi, round_no: int) -> list[tuple[Decimal, Decimal]]:
    kr = kpi.round(round_no)
    return [(lv.score, lv.value) for lv in (kr.levels if kr else ()) if lv.value is not None]


def _unit(kpi: m.Kpi) -> str:
    return tables.text(kpi.unit) if getattr(kpi, "unit", None) else ""


def baseline(
    kpi: m.Kpi, round_no: int, scale: Scale, actual: Decimal | None = None
) -> SafeString | None:
    """The KPI's baseline series with the round's level bands and its actual, or None."""
    if kpi.baseline is None or not kpi.baseline.rows:
        return None
    column = kpi.levels_column(round_no)
    if column is None:
        return None
    points = [(str(r.year), r.values.get(column)) for r in kpi.baseline.rows]
    title = _("Baseline and levels")
    # The SVG is built from escaped text only, so it is safe to inline.
    mark = (_("Round {n} actual").format(n=round_no), actual) if actual is not None else None
    svg = charts.baseline_chart_svg(
        points, _levels(kpi, round_no), title, mark, _unit(kpi), scale=scale
    )
    return mark_safe(svg)


def progress(
    kpi: m.Kpi,
    months: list[tuple[int, str]],
    values: dict[int, Decimal],
    scale: Scale,
    actual: tuple[int, int, Decimal] | None = None,
) -> SafeString:
    """Monthly progress against the year's (last round's) levels.

    ``actual`` (round number, the round's months, figure) marks the round's actual at its last
    month, where the monthly line may stop short of it.
    """
    last = max(kpi.rounds) if kpi.rounds else 2
    series = [values.get(i) for i, _label in months]
    mark = None
    if actual is not None:
        round_no, upto, value = actual
        index = max(min(upto, len(months)), 1) - 1
        mark = (index, _("Round {n} actual").format(n=round_no), value)
    svg = charts.progress_chart_svg(
        [label for _i, label in months],
        series,
        _levels(kpi, last),
        _("Monthly progress"),
        mark,
        _unit(kpi),
        scale=scale,
    )
    return mark_safe(svg)


SHORT = 22  # characters of a KPI's name beside its bar


def short_name(kpi_id: str, name: str) -> str:
    """'1. อัตราการขยายตัวของมูลค่…' : the KPI's number and the start of its name."""
    text = f"{kpi_id}. {name}"
    if len(text) <= SHORT:
        return text
    cut = SHORT - 1
    while cut < len(text) and unicodedata.category(text[cut]) == "Mn":
        cut += 1  # keep a Thai vowel or tone mark with its letter
    return text[:cut] + "…"


def kpi_scores(scored: Scored) -> SafeString:
    """Each assessed KPI's score out of the scale's top, coloured by status; no result is said."""
    top_score = scored.engine.scale.max_score
    shown = [(k, charts.status_key(k, scored.engine.scale)) for k in scored.round.kpis]
    shown = [(k, c) for k, c in shown if c is not None]
    items = [
        (short_name(k.kpi_id, tables.text(scored.engine.kpi(k.kpi_id).name)), k.score, top_score)
        for k, c in shown
    ]
    items = [(label, None if c in ("none", "open") else v, top) for (label, v, top), (_k, c)
             in zip(items, shown, strict=True)]  # fmt: skip
    svg = charts.scores_bar_svg(
        items,
        _("Scores"),
        label_width=190,
        colours=[c for _k, c in shown],
        missing=str(_("No result yet")),
        axis=_("score (of {top})").format(top=figure(top_score, 0)),
        ticks=scored.engine.scale.judged,  # 0 and each level: 50, 75, 100 or 1 … 5
    )
    return mark_safe(svg)


def totals(rows: list[tuple[Any, Any]]) -> SafeString:
    """Agencies' totals side by side."""
    items = [(str(card.agency), rs.total, rs.max_total or Decimal(100)) for card, rs in rows]
    return mark_safe(charts.scores_bar_svg(items, _("Totals")))
