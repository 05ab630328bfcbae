"""Each check of a validated template on its own: the fixture passes, one change trips it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.engine.test_loader import TEXT
from thaikpi.engine import validation as v
from thaikpi.engine import yamlio
from thaikpi.engine.findings import Finding, Severity
from thaikpi.engine.schema import ScorecardSpec

EVERY_CHECK = [*v.SCORECARD_CHECKS, *v.KPI_CHECKS]


def context(old: str = "", new: str = "", overrides: dict[str, Decimal] | None = None) -> v.Context:
    """The fixture with one change made, parsed and validated, as the checks read it."""
    assert old in TEXT, old
    data, lines = yamlio.parse(TEXT.replace(old, new, 1))
    return v.Context(ScorecardSpec.model_validate(data), lines, "mini.yaml", overrides or {})


def run(check: object, ctx: v.Context) -> list[Finding]:
    """One check's findings: on the scorecard, or on every KPI in turn."""
    if check in v.SCORECARD_CHECKS:
        return check(ctx)  # type: ignore[operator,no-any-return]
    return [f for i, kpi in enumerate(ctx.spec.kpis) for f in check(ctx, i, kpi)]  # type: ignore[operator]


@pytest.mark.parametrize("check", EVERY_CHECK, ids=lambda c: c.__name__)
def test_the_fixture_passes_every_check(check: object) -> None:
    assert run(check, context()) == []


# check, (text replaced, replacement), overrides, then the finding: (code, field, KPI, severity).
E, W = Severity.ERROR, Severity.WARNING
CASES = {
    "a parameter given that is not declared": (
        v.check_parameters,
        ("", ""),
        {"z": Decimal(1)},
        ("parameter.unknown", "parameters", None, E),
    ),
    "a group id given twice": (
        v.check_ids,
        ("  - id: potential\n", "  - id: performance\n"),
        None,
        ("id.duplicate", "groups.1.id", None, E),
    ),
    "a round listed twice": (
        v.check_ids,
        ("{number: 2, months: 12", "{number: 1, months: 12"),
        None,
        ("rounds.duplicate", "rounds", None, E),
    ),
    "rounds numbered 1 and 3": (
        v.check_round_numbers,
        ("{number: 2, months: 12", "{number: 3, months: 12"),
        None,
        ("rounds.numbering", "rounds", None, E),
    ),
    "a fiscal year starting in November": (
        v.check_fiscal_year,
        ("starts: 2023-10-01", "starts: 2023-11-01"),
        None,
        ("fiscal_year.months", "fiscal_year", None, W),
    ),
    "a fiscal year ending in the wrong year": (
        v.check_fiscal_year,
        ("year_be: 2567", "year_be: 2568"),
        None,
        ("fiscal_year.end", "fiscal_year.ends", None, E),
    ),
    "a group's KPI weights not adding up": (
        v.check_weights,
        ("    weight: 40\n", "    weight: 45\n"),
        None,
        ("weight.group_sum", "groups.0.weight", None, E),
    ),
    "a category its group does not have": (
        v.check_category,
        ("category: functional\n    name: {th: อัตรา", "category: trade\n    name: {th: อัตรา"),
        None,
        ("kpi.unknown_category", "kpis.0.category", "1", E),
    ),
    "a proxy KPI that does not say what for": (
        v.check_proxy,
        ("    direction: lower\n", "    direction: lower\n    kind: proxy\n"),
        None,
        ("kpi.proxy_for", "kpis.5.kind", "6", W),
    ),
    "a formula reading a name that is not an input": (
        v.check_formula,
        ("formula: trade_value / budget\n", "formula: trade_value / budjet\n"),
        None,
        ("formula.unknown_input", "kpis.1.formula", "2", E),
    ),
    "a baseline column growing from a column not there": (
        v.check_baseline,
        ("growth_of: ratio}", "growth_of: ratios}"),
        None,
        ("baseline.unknown_reference", "kpis.1.baseline.columns.3", "2", E),
    ),
    "baseline years going down": (
        v.check_baseline,
        ("{year: 2565,", "{year: 2563,"),
        None,
        ("baseline.years_order", "kpis.1.baseline.rows.1.year", "2", E),
    ),
    "a summary of a column not there": (
        v.check_baseline,
        (
            "column: ratio, years: [2564, 2566], stated",
            "column: ratios, years: [2564, 2566], stated",
        ),
        None,
        ("baseline.summary_column", "kpis.1.baseline.summaries.0.column", "2", E),
    ),
    "a round the scorecard does not have": (
        v.check_rounds,
        ("  - {number: 1, months: 6", "  - {number: 2, months: 6"),
        None,
        ("round.undeclared", "kpis.0.rounds.1", "1", E),
    ),
    "an assessed round without level 75": (
        v.check_rounds,
        ("          - {score: 75, stated: 5}\n", ""),
        None,
        ("round.levels_needed", "kpis.3.rounds.2.levels", "4", E),
    ),
    "a condition on an input the KPI does not have": (
        v.check_rounds,
        ('[{input: quality_pct, op: ">=", value: 90}]', '[{input: quality, op: ">=", value: 90}]'),
        None,
        ("condition.unknown_input", "kpis.2.rounds.2.levels.0.conditions.0.input", "3", E),
    ),
    "an item range going backwards": (
        v.check_rounds,
        ("item_range: [1, 5]", "item_range: [5, 1]"),
        None,
        ("measure.item_range_backwards", "kpis.3.rounds.2.measure.item_range", "4", E),
    ),
    "a rule reading a parameter not declared": (
        v.check_rounds,
        ("parameter: target_count, percent: 10", "parameter: target_counts, percent: 10"),
        None,
        ("rule.unknown_parameter", "kpis.1.rounds.1.levels.0.rule", "2", E),
    ),
    "a KPI name with a sara am split by PDF extraction": (
        v.check_thai_text,
        ("name: {th: อัตราการขยายตัว,", "name: {th: อัตราการด าเนินงาน,"),
        None,
        ("thai.damaged", "kpis.0.name.th", "1", W),
    ),
    "a unit with a tone mark typed before its vowel": (
        v.check_thai_text,
        ("unit: {th: ร้อยละ,", "unit: {th: ตัวช้ีวัด,"),
        None,
        ("thai.damaged", "kpis.0.unit.th", "1", W),
    ),
    "a rule's parameter given as 0": (
        v.check_rounds,
        ("", ""),
        {"target_count": Decimal(0)},
        ("rule.parameter_not_positive", "kpis.1.rounds.1.levels.0.rule", "2", E),
    ),
}


@pytest.mark.parametrize(("check", "change", "overrides", "expected"), CASES.values(), ids=CASES)
def test_each_check_finds_what_it_checks_at_its_place(
    check: object,
    change: tuple[str, str],
    overrides: dict[str, Decimal] | None,
    expected: tuple[str, str, str | None, Severity],
) -> None:
    found = run(check, context(*change, overrides=overrides))
    assert expected in [(f.code, f.field, f.kpi, f.severity) for f in found]
    assert all(f.file == "mini.yaml" and f.line for f in found)


def test_every_check_has_a_case_that_trips_it() -> None:
    tested = {case[0] for case in CASES.values()}
    assert [c.__name__ for c in EVERY_CHECK if c not in tested] == []


def test_adding_a_check_is_adding_a_function_to_the_list(monkeypatch: pytest.MonkeyPatch) -> None:
    def check_title(ctx: v.Context) -> list[Finding]:
        return [ctx.finding("rounds.duplicate", ("title",))]

    monkeypatch.setattr(v, "SCORECARD_CHECKS", [*v.SCORECARD_CHECKS, check_title])
    assert [f.field for f in v.check_scorecard(context())] == ["title"]
