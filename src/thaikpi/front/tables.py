"""Rows for the pages, assembled from the engine's scores (nothing is computed here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.utils.translation import get_language

from thaikpi.agencies.models import Agency
from thaikpi.engine import model as m
from thaikpi.engine.scales import Scale
from thaikpi.engine.scoring import KpiScore
from thaikpi.front import status
from thaikpi.front.labels import explanation
from thaikpi.scorecards.models import KpiOwnership, Scorecard
from thaikpi.services.engine import Scored


def text(value: m.Text | None) -> str:
    """An engine label in the active language."""
    return value.get(get_language() or "th") if value else ""


@dataclass
class KpiRow:
    """One line of the overview table."""

    kpi: m.Kpi
    score: KpiScore
    levels: list[Decimal | None]
    owner: str
    css: str
    name: str
    explanation: str


@dataclass
class GroupRows:
    """A group with its KPI rows and the engine's subtotal."""

    name: str
    weight: Decimal
    weighted: Decimal
    covered: Decimal
    rows: list[KpiRow] = field(default_factory=list)
    no_result: bool = False  # not one of its assessed KPIs has a result: no subtotal shown


def level_values(kpi: m.Kpi, round_no: int, levels: tuple[Decimal, ...]) -> list[Decimal | None]:
    """A KPI's figure for each level of the scale in a round (None for open or judged levels)."""
    kr = kpi.round(round_no)
    by_score = {lv.score: lv.value for lv in (kr.levels if kr else ())}
    return [by_score.get(score) for score in levels]


def owners(scorecard: Scorecard) -> dict[str, str]:
    """KPI id → 'division · user, user' for the owner column (one query, names only)."""
    rows = (
        KpiOwnership.objects.filter(scorecard=scorecard)
        .order_by("kpi_id", "users__id")
        .values_list(
            "kpi_id",
            "division__name_th",
            "division__name_en",
            "users__username",
            "users__first_name",
            "users__last_name",
        )
    )
    user_model = get_user_model()
    divisions: dict[str, str] = {}
    names: dict[str, list[str]] = {}
    for kpi_id, name_th, name_en, username, first, last in rows:
        # The models' own rules: Agency.name by language, User.get_full_name or the username.
        divisions[kpi_id] = Agency(name_th=name_th, name_en=name_en).name if name_th else ""
        names.setdefault(kpi_id, [])
        if username is not None:
            user = user_model(username=username, first_name=first, last_name=last)
            names[kpi_id].append(user.get_full_name() or username)
    return {
        kpi_id: " · ".join(p for p in (divisions[kpi_id], ", ".join(names[kpi_id])) if p)
        for kpi_id in divisions
    }


def overview(scored: Scored, labels: dict[str, str]) -> list[GroupRows]:
    """Groups of KPI rows for the overview, with the engine's subtotals and ``owners`` labels."""
    sc, round_no = scored.engine, scored.round.round
    groups = {
        g.group_id: GroupRows(
            text(sc.group(g.group_id).name),
            g.weight,
            g.weighted,
            g.covered_weight,
            no_result=g.no_result,
        )
        for g in scored.round.groups
    }
    for ks in scored.round.kpis:
        kpi = sc.kpi(ks.kpi_id)
        row = KpiRow(
            kpi,
            ks,
            level_values(kpi, round_no, sc.scale.levels),
            labels.get(kpi.id, ""),
            status.css(ks, sc.scale),
            text(kpi.name),
            explanation(ks),
        )
        groups[kpi.group].rows.append(row)
    return list(groups.values())


def score_json(ks: KpiScore, scale: Scale) -> dict[str, Any]:
    """A KPI score as JSON-ready decimal strings, for the live preview.

    ``explanation`` is in the page's language (Thai unless the user switched to English).
    """

    def s(v: Decimal | None) -> str | None:
        return None if v is None else str(v)

    return {
        "status": ks.status.value,
        "actual": s(ks.actual),
        "score": s(ks.score),
        "weighted": s(ks.weighted),
        "level": s(ks.level),
        "explanation": explanation(ks),
        "css": status.css(ks, scale),
    }
