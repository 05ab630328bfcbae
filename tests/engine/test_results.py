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


# A bad result of the fixture's KPIs in round 2, and its problem in Thai (the English is in
# the table of test_it_names_the_kpi_line_and_problem_of_a_bad_result).
BAD_RESULTS: list[tuple[str, str]] = [
    ('"9": 1', "ไม่รู้จักรหัสตัวชี้วัด '9' (ตัวชี้วัดที่มี: 1, 2, 3, 4, 5, 6)"),
    ('"1": abc', "ผลการดำเนินงานต้องเป็นตัวเลข แต่พบ 'abc'"),
    ('"1": .nan', "ไม่ใช่ตัวเลขที่มีค่าจำกัด: .nan"),
    ('"1": .inf', "ไม่ใช่ตัวเลขที่มีค่าจำกัด: .inf"),
    ('"2": {trade_value: 1, budget: -5}', "budget ต้องมากกว่า 0 แต่พบ -5"),
    ('"2": {trade_value: 1, budget: 0}', "budget ต้องมากกว่า 0 แต่พบ 0"),
    (
        '"2": {trade_value: 1, budgets: 3}',
        "ไม่รู้จักข้อมูลที่ใช้คำนวณ 'budgets' (ข้อมูลที่มี: trade_value, budget, entrepreneurs)",
    ),
    ('"3": {quality_pct: 120, registered_pct: 1}', "quality_pct ต้องไม่เกิน 100 แต่พบ 120"),
    ('"3": {quality_pct: 100}', "ขาดข้อมูลที่ใช้คำนวณ: registered_pct"),
    ('"4": 9', "จำนวนต้องไม่เกิน 7 รายการ"),
    ('"4": 2.5', "จำนวนต้องเป็นจำนวนเต็มตั้งแต่ 0 ขึ้นไป แต่พบ 2.5"),
    (
        '"4": {pillars: {P9: 3}}',
        "ไม่รู้จักรายการ 'P9' (รายการที่มี: P1, P2, P3, P4, P5, P6, P7)",
    ),
    ('"4": {pillars: {P1: 6}}', "ระดับของ P1 ต้องอยู่ระหว่าง 1 ถึง 5 แต่พบ 6"),
    ('"5": 60', "ระดับที่ได้จากการพิจารณาต้องเป็น 0, 50, 75 หรือ 100 แต่พบ 60"),
    ('"1": true', "ผลการดำเนินงานต้องเป็นตัวเลข แต่พบ true/false"),
    ('"1": [1]', "ผลการดำเนินงานต้องเป็นตัวเลข แต่พบ ข้อมูลแบบรายการ (list)"),
    (
        '"1": 12345678901234567',
        "ผลการดำเนินงานมีค่ามากเกินไป (ไม่เกิน 15 หลักหน้าจุดทศนิยม): 12345678901234567",
    ),
    ('"1": 1.12345678901234', "ผลการดำเนินงานมีทศนิยมเกิน 10 ตำแหน่ง: 1.12345678901234"),
    ('"1": 5000', "ค่าร้อยละ 5000 ไม่น่าเป็นไปได้"),
    ('"1": {a: 1}', "ตัวชี้วัด 1 ไม่มีสูตรคำนวณ จึงต้องระบุค่าที่วัดได้โดยตรง"),
    ('"2": {trade_value: abc, budget: 1}', "trade_value ต้องเป็นตัวเลข แต่พบ 'abc'"),
    (
        '"2": {trade_value: 100000000000000, budget: 0.0000001}',
        "trade_value / budget ได้ 1.000000E+21 ซึ่งไม่น่าจะเป็นผลการดำเนินงานที่ถูกต้อง",
    ),
    ('"3": {quality_pct: -1, registered_pct: 1}', "quality_pct ต้องไม่น้อยกว่า 0 แต่พบ -1"),
    ('"3": 5', "ผลการดำเนินงานต้องระบุข้อมูลที่ใช้คำนวณ quality_pct, registered_pct แต่พบ 5"),
    ('"4": {a: 1, b: 2}', "ให้ระบุจำนวน หรือระบุ {name: {item: level, ...}} ของแต่ละรายการ"),
    ('"4": {pillars: {P1: 2, p1: 3}}', "ระบุ 'p1' ซ้ำ"),
    ('"4": {pillars: {P1: 2.5}}', "ระดับของ P1 ต้องเป็นจำนวนเต็ม แต่พบ 2.5"),
    ('"4": {pillars: {P1: x}}', "ระดับของ P1 ต้องเป็นตัวเลข แต่พบ 'x'"),
]

# A malformed results file, and its problem in Thai.
MALFORMED_RESULTS_FILES: list[tuple[str, str]] = [
    ("round: 3\nresults: {}\n", "รอบการประเมิน (round) ต้องเป็น 1 หรือ 2 แต่พบ 3"),
    ("round: 2\n", "'results' ต้องจับคู่รหัสตัวชี้วัดกับผลการดำเนินงาน"),
    ("- 1\n- 2\n", "ไฟล์ผลการดำเนินงานต้องเป็น mapping ที่มี 'round' และ 'results'"),
    ("round: 2\nresults: {}\ncolour: red\n", "ไม่รู้จักฟิลด์ 'colour'"),
    ("a: &x [1]\nb: *x\n", "ไฟล์ ThaiKPI ใช้ YAML alias (*x) ไม่ได้"),
]


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


@pytest.mark.parametrize(("results", "thai"), BAD_RESULTS)
def test_the_problem_of_a_bad_result_is_said_in_thai(mini, results: str, thai: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(EngineError) as caught:
        read_results(mini, parse_results("round: 2\nresults:\n  " + results + "\n", "r.yaml"))
    assert [f.message_th for f in caught.value.findings] == [thai]


@pytest.mark.parametrize(("text", "thai"), MALFORMED_RESULTS_FILES)
def test_a_malformed_results_file_is_said_in_thai(text: str, thai: str) -> None:
    with pytest.raises(EngineError) as caught:
        parse_results(text, "r.yaml")
    assert thai in [f.message_th for f in caught.value.findings]


def test_a_result_for_a_round_the_kpi_is_not_assessed_in_is_said_in_thai(mini) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(EngineError) as caught:
        read_result(mini.kpi("3"), 1, {"quality_pct": 1, "registered_pct": 1})
    assert caught.value.findings[0].message_th == "ตัวชี้วัด 3 ไม่ได้ประเมินในรอบที่ 1"


@pytest.mark.parametrize(
    ("formula", "inputs", "thai"),
    [
        ("trade_value / budget", {"trade_value": 1, "budget": 0}, "หารด้วยศูนย์: budget เป็น 0"),
        (
            "trade_value / budget",
            {"trade_value": 1},
            "ขาดข้อมูลที่ใช้คำนวณ trade_value / budget: budget",
        ),
    ],
)
def test_a_formula_that_cannot_be_computed_says_why_in_thai(
    formula: str, inputs: dict[str, int], thai: str
) -> None:
    from thaikpi.engine.formula import FormulaError, compile_formula, evaluate

    with pytest.raises(FormulaError) as caught:
        evaluate(compile_formula(formula), {k: Decimal(v) for k, v in inputs.items()})
    assert caught.value.message_th == thai
