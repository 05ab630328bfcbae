"""The landing page a user sees after logging in: a dashboard for their role (thin view)."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from thaikpi.agencies.choices import AgencyKind
from thaikpi.front import tables
from thaikpi.reports import charts
from thaikpi.results.choices import ReviewState
from thaikpi.scorecards import permissions
from thaikpi.services import agreement, dashboard, engine
from thaikpi.web.dates import fiscal_year_label


def _trend_chart(glance: dashboard.Glance) -> SafeString:
    """The agency's totals (per cent of the maximum) over rounds and years; gaps: no result."""
    points = [
        (
            f"{p.year_be % 100:02d}/{p.round_no}",
            dashboard.percent(p.total, p.max_total) if p.has_results else None,
        )
        for p in glance.trend
    ]
    return mark_safe(
        charts.trend_svg(points, _("Total over rounds and years"), _("per cent of the maximum"))
    )


def _histogram(found: dashboard.National) -> SafeString:
    bins = [(f"{b}–{b + dashboard.BAND}", n) for b, n in found.histogram]
    svg = charts.histogram_svg(
        bins, _("Distribution of totals"), _("total, per cent of the maximum"), _("agencies")
    )
    return mark_safe(svg)


@login_required
def dashboard_page(request: HttpRequest) -> HttpResponse:
    """Evaluators: every agency nationally. Executives and planners: their scorecards."""
    if permissions.is_evaluator(request.user):
        found = dashboard.national(request.user, request.GET)
        ctx = {
            "found": found,
            "f": found.filters,
            "states": ReviewState.choices,
            "kinds": [(k, AgencyKind(k).label) for k in found.kinds],
            "histogram": _histogram(found),
            "awaiting": agreement.awaiting_signature(request.user),
            "band": dashboard.BAND,
            "heads": [
                ("agency", _("Agency"), ""),
                ("ministry", _("Ministry"), ""),
                ("state", _("State"), ""),
                ("total", _("Total"), "n"),
                ("missing", _("Without a result"), "n"),
            ],
        }
        return render(request, "front/dashboard_national.html", ctx)
    glances = dashboard.glances(request.user, tables.text)
    cards = [
        (
            g,
            fiscal_year_label(
                g.scorecard.fiscal_year.year_be,
                g.scorecard.fiscal_year.starts,
                g.scorecard.fiscal_year.ends,
            ),
            tables.text(_round_name(g)),
            _trend_chart(g),
            _change_class(g.change),
            [(d, tables.text(_round_name(d))) for d in g.divisions],
        )
        for g in glances
    ]
    awaiting = agreement.awaiting_signature(request.user)
    return render(request, "front/dashboard.html", {"cards": cards, "awaiting": awaiting})


def _round_name(glance: dashboard.Glance) -> object:
    """The name of the round a glance shows, as the template states it."""
    info = engine.current(glance.scorecard).round(glance.round_no)
    return info.name if info else None


def _change_class(change: Decimal | None) -> str:
    if change is None or change == 0:
        return ""
    return "up" if change > 0 else "down"
