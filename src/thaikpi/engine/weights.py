"""Weights, checked on the validated spec and, when the schema fails, on the raw data.

A file with one wrong type still learns that its weights do not add up: the same check runs
on whatever groups and KPIs can be read.
"""

from __future__ import annotations

from decimal import Decimal

from thaikpi.engine import yamlio
from thaikpi.engine.findings import Finding

# (message code, its parameters, where, KPI id)
WeightProblem = tuple[str, dict[str, object], yamlio.Path_, str | None]


def weight_problems(
    groups: list[tuple[str, Decimal]],
    kpis: list[tuple[str, str, Decimal]],
    total_weight: Decimal,
) -> list[WeightProblem]:
    """Weights that are not more than 0, unknown groups, and sums that do not add up."""
    problems: list[WeightProblem] = []
    group_ids = {g for g, _ in groups}
    for i, (kpi_id, group, weight) in enumerate(kpis):
        if weight <= 0:
            problems.append(
                ("weight.not_positive", {"weight": weight}, ("kpis", i, "weight"), kpi_id)
            )
        if group not in group_ids:
            known = ", ".join(sorted(group_ids))
            problems.append(
                (
                    "weight.unknown_group",
                    {"group": group, "known": known},
                    ("kpis", i, "group"),
                    kpi_id,
                )
            )
    for i, (group_id, group_weight) in enumerate(groups):
        total = sum((w for _, g, w in kpis if g == group_id), Decimal(0))
        if total != group_weight:
            problems.append(
                (
                    "weight.group_sum",
                    {"group": group_id, "total": total, "weight": group_weight},
                    ("groups", i, "weight"),
                    None,
                )
            )
    groups_total = sum((w for _, w in groups), Decimal(0))
    if groups_total != total_weight:
        problems.append(
            (
                "weight.groups_total",
                {"total": groups_total, "expected": total_weight},
                ("groups",),
                None,
            )
        )
    kpis_total = sum((w for _, _, w in kpis), Decimal(0))
    if kpis_total != total_weight:
        problems.append(
            ("weight.kpis_total", {"total": kpis_total, "expected": total_weight}, ("kpis",), None)
        )
    return problems


def raw_weight_findings(data: object, lines: dict[yamlio.Path_, int], file: str) -> list[Finding]:
    """Weight problems of a file whose schema failed, where its groups and KPIs can be read."""
    if not isinstance(data, dict):
        return []
    raw_groups, raw_kpis = data.get("groups"), data.get("kpis")
    if not isinstance(raw_groups, list) or not isinstance(raw_kpis, list):
        return []

    def weight(item: object) -> Decimal | None:
        value = item.get("weight") if isinstance(item, dict) else None
        return (
            Decimal(value)
            if isinstance(value, int | Decimal) and not isinstance(value, bool)
            else None
        )

    groups = [(str(g.get("id")), weight(g)) for g in raw_groups if isinstance(g, dict)]
    kpis = [
        (str(k.get("id")), str(k.get("group")), weight(k)) for k in raw_kpis if isinstance(k, dict)
    ]
    if any(w is None for _, w in groups) or any(w is None for _, _, w in kpis):
        return []  # the schema errors already say which weight is missing or wrong
    total = data.get("total_weight", 100)
    if not isinstance(total, int | Decimal):
        return []
    checked = weight_problems(
        [(g, w) for g, w in groups if w is not None],
        [(k, g, w) for k, g, w in kpis if w is not None],
        Decimal(total),
    )
    return [
        Finding.of(
            code,
            params,
            file=file,
            line=yamlio.line_for(lines, path),
            kpi=kpi,
            field=".".join(str(p) for p in path),
        )
        for code, params, path, kpi in checked
    ]
