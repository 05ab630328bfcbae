from __future__ import annotations

from decimal import Decimal

import pytest

from thaikpi.engine.findings import EngineError
from thaikpi.engine.results import parse_results, read_result, read_results


def _problems(mini, text: str) -> list[tuple[int | None, str | None, str]]:  # type: ignore[no-untyped-def]
    with pytest.raises(EngineError) as caught:
        read_results(mini, parse_results(text, "r.yaml"))
    return [(f.line, f.kpi, f.message) for f in caught.value.findings]


def test_it_reads_the_simplest_results_file(mini) -> None:  # type: ignore[no-untyped-def]
    text = (
        'round: 2\nresults:\n  "1": 2.4\n  "2": {trade_value: 205000, budget: 539.5}\n  "5": 75\n'
    )
    parsed = parse_results(text)
    results = read_results(mini, parsed)
    assert parsed.round == 2
    assert results["1"].actual == Decimal("2.4")
    assert results["2"].actual == Decimal("379.98")
    assert results["2"].derivation == "trade_value / budget = 205,000 / 539.5 = 379.98"


def test_it_reads_json_too(mini) -> None:  # type: ignore[no-untyped-def]
    results = read_results(mini, parse_results('{"round": 2, "results": {"1": 2.40}}'))
    assert results["1"].actual == Decimal("2.40")


@pytest.mark.parametrize(
    ("results", "message"),
    [
        ('"9": 1', "unknown KPI id '9' (KPIs: 1, 2, 3, 4, 5, 6)"),
        ('"1": abc', "the result must be a number, got 'abc'"),
        ('"1": .nan', "not a finite number: .nan"),
        ('"1": .inf', "not a finite number: .inf"),
        ('"2": {trade_value: 1, budget: -5}', "budget must be more than 0, got -5"),
        ('"2": {trade_value: 1, budget: 0}', "budget must be more than 0, got 0"),
        (
            '"2": {trade_value: 1, budgets: 3}',
            "unknown input 'budgets' (inputs: trade_value, budget, entrepreneurs)",
        ),
        ('"3": {quality_pct: 120, registered_pct: 1}', "quality_pct must be at most 100, got 120"),
        ('"3": {quality_pct: 100}', "missing input(s): registered_pct"),
        ('"4": 9', "the count cannot be more than 7 items"),
        ('"4": 2.5', "the count must be a whole number of 0 or more, got 2.5"),
        ('"4": {pillars: {P9: 3}}', "unknown item 'P9' (items: P1, P2, P3, P4, P5, P6, P7)"),
        ('"4": {pillars: {P1: 6}}', "the level of P1 must be 1 to 5, got 6"),
        ('"5": 60', "the judged level reached must be 0, 50, 75 or 100, got 60"),
        ('"1": true', "the result must be a number, got true/false"),
    ],
)
def test_it_names_the_kpi_line_and_problem_of_a_bad_result(
    mini, results: str, message: str
) -> None:  # type: ignore[no-untyped-def]
    problems = _problems(mini, "round: 2\nresults:\n  " + results + "\n")
    assert [m for _, _, m in problems] == [message]
    assert problems[0][0] in (3, None) or message.startswith("not a finite")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("round: 3\nresults: {}\n", "round must be 1 or 2, got 3"),
        ("round: 2\n", "'results' must map KPI ids to results"),
        ("- 1\n- 2\n", "a results file is a mapping with 'round' and 'results'"),
        ("round: 2\nresults: {}\ncolour: red\n", "unknown field 'colour'"),
        ("a: &x [1]\nb: *x\n", "YAML aliases (*x) are not allowed in ThaiKPI files"),
    ],
)
def test_it_refuses_a_malformed_results_file(text: str, message: str) -> None:
    with pytest.raises(EngineError) as caught:
        parse_results(text, "r.yaml")
    assert message in [f.message for f in caught.value.findings]


def test_it_refuses_a_result_for_a_round_the_kpi_is_not_assessed_in(mini) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(EngineError, match="KPI 3 is not assessed in round 1"):
        read_result(mini.kpi("3"), 1, {"quality_pct": 1, "registered_pct": 1})


def test_a_division_by_zero_in_a_formula_is_a_clear_error(mini) -> None:  # type: ignore[no-untyped-def]
    from thaikpi.engine.formula import FormulaError, compile_formula, evaluate

    with pytest.raises(FormulaError, match="division by zero: budget is 0"):
        evaluate(
            compile_formula("trade_value / budget"),
            {"trade_value": Decimal(1), "budget": Decimal(0)},
        )
