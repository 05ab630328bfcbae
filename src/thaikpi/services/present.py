"""Stable JSON shapes of engine results, shared by the CLI's --json and the API.

Decimal figures are written as strings ("87.5000") so no digit is ever lost.
"""

from __future__ import annotations

from decimal import Decimal

from thaikpi.engine.audit import AuditReport
from thaikpi.engine.model import Kpi, Level, Scorecard
from thaikpi.engine.scoring import RoundScore
from thaikpi.engine.whatif import Alone, Need, TotalNeed


def num(value: Decimal | None) -> str | None:
    """A Decimal as a JSON string, None as null."""
    return None if value is None else str(value)


def level_dict(level: Level) -> dict[str, object]:
    """A resolved level."""
    return {
        "score": int(level.score),
        "value": num(level.value),
        "stated": num(level.stated),
        "provenance": level.provenance,
        "provenance_th": level.provenance_th,
        "conditions": [str(c) for c in level.conditions],
        "description": level.description.th if level.description else None,
        "open": level.open_reason,
        "open_th": level.open_reason_th or None,
    }


def kpi_summary(kpi: Kpi) -> dict[str, object]:
    """A KPI's identity and weight."""
    return {
        "id": kpi.id,
        "name": kpi.name.th,
        "name_en": kpi.name.en,
        "group": kpi.group,
        "weight": num(kpi.weight),
        "unit": kpi.unit.th,
        "direction": kpi.direction.value,
    }


def round_score_dict(
    scorecard: Scorecard, scored: RoundScore, thai: bool = False
) -> dict[str, object]:
    """``score --json``: total, groups, and each KPI with score, weighted, level, explanation.

    ``explanation`` is always English (a stable format); ``thai`` adds ``explanation_th``.
    """
    kpis = []
    for s in scored.kpis:
        kpi = scorecard.kpi(s.kpi_id)
        assert kpi is not None
        kpi_round = kpi.round(scored.round)
        kpis.append(
            {
                **kpi_summary(kpi),
                "status": s.status.value,
                "actual": num(s.actual),
                "score": num(s.score),
                "weighted": num(s.weighted),
                "level": None if s.level is None else int(s.level),
                "explanation": s.explanation,
                **({"explanation_th": s.explanation_th} if thai else {}),
                "levels": [level_dict(lv) for lv in kpi_round.levels] if kpi_round else [],
            }
        )
    return {
        "scorecard": scorecard.id,
        "version": scorecard.version,
        "agency": scorecard.agency.code,
        "fiscal_year": scorecard.fiscal_year.year_be,
        "round": scored.round,
        "scale": scorecard.scale.id,  # opdc-3 (a KPI scores 0-100) or five-level (0-5)
        "total": num(scored.total),
        "max_total": num(scored.max_total),
        "assessed_weight": num(scored.assessed_weight),
        "covered": list(scored.covered),
        "nothing_assessed": scored.nothing_assessed,
        "note": scored.note(),
        **({"note_th": scored.note("th")} if thai else {}),
        "missing": list(scored.missing),
        "groups": [
            {
                "id": g.group_id,
                "name": _group_name(scorecard, g.group_id),
                "weight": num(g.weight),
                "covered_weight": num(g.covered_weight),
                "weighted": num(g.weighted),
            }
            for g in scored.groups
        ],
        "kpis": kpis,
    }


def _group_name(scorecard: Scorecard, group_id: str) -> str:
    group = scorecard.group(group_id)
    return group.name.th if group else group_id


def audit_dict(report: AuditReport) -> dict[str, object]:
    """``audit --json``: findings (mismatches first) and the rounding habit of each KPI."""
    return {
        "scorecard": report.scorecard_id,
        "mismatches": len(report.mismatches),
        "findings": [f.as_dict() for f in report.findings],
        "habits": [
            {
                "kpi": h.kpi,
                "declared": h.declared.describe(),
                "best": h.best.describe(),
                "declared_matches": h.declared_matches,
                "best_matches": h.best_matches,
                "checked": h.checked,
                "differs": h.differs,
                "summary": h.describe(),
            }
            for h in report.habits
        ],
    }


def need_dict(need: Need) -> dict[str, object]:
    """One KPI's need."""
    return {
        "kpi": need.kpi_id,
        "score": num(need.score),
        "actual": num(need.actual),
        "reachable": need.reachable,
        "explanation": need.explanation,
    }


def total_need_dict(total: TotalNeed) -> dict[str, object]:
    """``need --json``: the score each remaining KPI needs and the actual value that gives it."""
    return {
        "round": total.round,
        "target": num(total.target),
        "current": num(total.current),
        "remaining_weight": num(total.remaining_weight),
        "score_needed": num(total.score_needed),
        "reachable": total.reachable,
        "explanation": total.explanation,
        "explanation_th": total.explanation_th,
        "kpis": [need_dict(n) for n in total.needs],
        "alone": [alone_dict(a) for a in total.alone],
    }


def alone_dict(alone: Alone) -> dict[str, object]:
    """One scored KPI raised on its own (every KPI has a result): what it would need."""
    return {
        "kpi": alone.kpi_id,
        "actual": num(alone.actual),
        "score": num(alone.score),
        "score_needed": num(alone.score_needed),
        "actual_needed": num(alone.actual_needed),
        "reachable": alone.reachable,
        "explanation": alone.explanation,
        "explanation_th": alone.explanation_th,
    }
