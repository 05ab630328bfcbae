"""A KPI's bounds (issue 9.4): how typed numbers are read, values the KPI's own definition rules
out, values far beyond the 100 level, and the bounds the shipped DITP 2567 template declares."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.engine.conftest import MINI, make_kpi
from thaikpi.engine.bounds import FAR_BEYOND_SPANS, far_beyond
from thaikpi.engine.findings import EngineError, Problem, Severity
from thaikpi.engine.loader import check_text, load_named
from thaikpi.engine.model import Direction, MeasureKind, Scorecard
from thaikpi.engine.numbers import parse_number
from thaikpi.engine.results import parse_results, read_result, read_results

FAR_BEYOND_TH = "ค่าที่กรอกสูงกว่าเป้าหมายขั้นสูงมาก โปรดตรวจสอบ"


@pytest.fixture(scope="module")
def ditp() -> Scorecard:
    return load_named("ditp-2567")


# -- how a number a person typed is read -----------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("1000", "1000"),
        ("1,150.40", "1150.40"),
        ("๑,๐๐๐", "1000"),
        ("๑๒.๕", "12.5"),
        ("๔๗๗.๘๙", "477.89"),
        ("  -5 ", "-5"),
        ("-.5", "-0.5"),
        ("175,364.61", "175364.61"),
    ],
)
def test_arabic_and_thai_digits_and_thousands_separators_are_read(typed: str, read: str) -> None:
    assert parse_number(typed) == Decimal(read)
    assert str(parse_number(typed)) == read


@pytest.mark.parametrize(
    "typed",
    ["1_000", "1_000.5", "0_1", "2,4", "1,00", "1,0000", "١٢٣", "１２３", "1 000", "๑_๐๐๐", ""],
    ids=[
        "1_000",
        "1_000.5",
        "0_1",
        "2,4",
        "1,00",
        "1,0000",
        "Arabic-Indic digits",
        "full-width digits",
        "a space inside",
        "Thai digits with _",
        "nothing",
    ],
)
def test_python_only_and_ambiguous_number_forms_are_refused_in_both_languages(typed: str) -> None:
    with pytest.raises(Problem) as caught:
        parse_number(typed, "budget", "งบประมาณ")
    assert caught.value.message == f"budget must be a number, got {typed!r}"
    assert caught.value.message_th == f"งบประมาณต้องเป็นตัวเลข แต่พบ {typed!r}"


@pytest.mark.parametrize(
    ("written", "english"),
    [
        ("1_000", "'1_000' is not a plain decimal number: write it without '_'"),
        ("1_000.5", "'1_000.5' is not a plain decimal number: write it without '_'"),
        ('"1_000"', "the result must be a number, got '1_000'"),
    ],
)
def test_a_results_file_refuses_1_000_with_its_line(
    mini: Scorecard, written: str, english: str
) -> None:
    text = f'round: 2\nresults:\n  "1": {written}\n'
    with pytest.raises(EngineError) as caught:
        read_results(mini, parse_results(text, "r.yaml"))
    [finding] = caught.value.findings
    assert (finding.file, finding.line, finding.message) == ("r.yaml", 3, english)
    assert finding.message_th


# -- values the KPI's own bounds rule out ----------------------------------------------------


@pytest.mark.parametrize(
    ("low", "high", "raw", "thai"),
    [
        ("0", None, "-5", "ผลการดำเนินงานของตัวชี้วัด k ต้องไม่น้อยกว่า 0 แต่พบ -5"),
        ("0", None, "-0.001", "ผลการดำเนินงานของตัวชี้วัด k ต้องไม่น้อยกว่า 0 แต่พบ -0.001"),
        ("0", "100", "100.5", "ผลการดำเนินงานของตัวชี้วัด k ต้องไม่เกิน 100 แต่พบ 100.5"),
        (None, "5", "6", "ผลการดำเนินงานของตัวชี้วัด k ต้องไม่เกิน 5 แต่พบ 6"),
        ("-100", None, "-101", "ผลการดำเนินงานของตัวชี้วัด k ต้องไม่น้อยกว่า -100 แต่พบ -101"),
        ("0", "100", "0", None),
        ("0", "100", "100", None),
        ("0", None, "999", None),
        (None, None, "-5", None),
    ],
)
def test_a_measured_value_outside_the_kpis_bounds_is_refused(
    low: str | None, high: str | None, raw: str, thai: str | None
) -> None:
    kpi = replace(
        make_kpi(),
        value_min=None if low is None else Decimal(low),
        value_max=None if high is None else Decimal(high),
    )
    if thai is None:
        assert read_result(kpi, 2, raw).actual == Decimal(raw)
        return
    with pytest.raises(EngineError) as caught:
        read_result(kpi, 2, raw)
    assert [f.message_th for f in caught.value.findings] == [thai]
    assert caught.value.findings[0].kpi == "k"


@pytest.mark.parametrize(
    ("raw", "thai"),
    [
        ("8", "จำนวนของตัวชี้วัด k ต้องไม่เกิน 7 แต่พบ 8"),
        ("7", None),
        ("0", None),
    ],
)
def test_a_count_outside_the_kpis_bounds_is_refused(raw: str, thai: str | None) -> None:
    kpi = replace(
        make_kpi(("4", "5", "6"), kind=MeasureKind.COUNT),
        value_min=Decimal(0),
        value_max=Decimal(7),
    )
    if thai is None:
        assert read_result(kpi, 2, raw).actual == Decimal(raw)
        return
    with pytest.raises(EngineError) as caught:
        read_result(kpi, 2, raw)
    assert caught.value.findings[0].message_th == thai


def test_a_value_computed_from_inputs_is_held_to_the_kpis_bounds_too(mini: Scorecard) -> None:
    kpi = replace(mini.kpi("2"), value_max=Decimal(300))  # type: ignore[type-var]
    with pytest.raises(EngineError) as caught:
        read_result(kpi, 2, {"trade_value": 205000, "budget": "539.5"})
    message = caught.value.findings[0].message
    assert message.startswith("trade_value / budget (= 379.98")
    assert message.endswith("must be at most 300 for KPI 2, got 379.9814643188137164040778499")
    assert caught.value.findings[0].message_th.startswith("ผลที่คำนวณจาก trade_value / budget")
    assert read_result(kpi, 2, {"trade_value": 1000, "budget": 10}).actual == Decimal(100)


@pytest.mark.parametrize(
    ("kpi_id", "raw", "thai"),
    [
        ("2", {"trade_value": "1_000", "budget": 1}, "มูลค่าการค้าต้องเป็นตัวเลข แต่พบ '1_000'"),
        ("2", {"trade_value": 1, "budget": -1}, "งบประมาณต้องมากกว่า 0 แต่พบ -1"),
        ("3", {"quality_pct": 101, "registered_pct": 1}, "คุณภาพต้องไม่เกิน 100 แต่พบ 101"),
    ],
)
def test_an_input_outside_its_bounds_is_refused_by_its_thai_name_alone(
    mini: Scorecard, kpi_id: str, raw: dict[str, object], thai: str
) -> None:
    with pytest.raises(EngineError) as caught:
        read_result(mini.kpi(kpi_id), 2, raw)  # type: ignore[arg-type]
    assert [f.message_th for f in caught.value.findings] == [thai]


@given(st.decimals(min_value=-1000, max_value=1000, places=2))
def test_a_value_is_accepted_exactly_when_it_lies_within_the_bounds(value: Decimal) -> None:
    kpi = replace(make_kpi(), value_min=Decimal(0), value_max=Decimal(100))
    try:
        read_result(kpi, 2, value)
    except EngineError:
        assert not Decimal(0) <= value <= Decimal(100)
    else:
        assert Decimal(0) <= value <= Decimal(100)


# -- far beyond the 100 level: accepted, with a warning --------------------------------------

# Levels 1.5 (50) and 2.7 (100): the distance is 1.2, so "far" starts past 2.7 + 10 × 1.2 = 14.7.
LIMIT = Decimal("2.7") + FAR_BEYOND_SPANS * Decimal("1.2")


@pytest.mark.parametrize(
    ("direction", "values", "raw", "warned"),
    [
        (Direction.HIGHER, ("1.5", "2.1", "2.7"), "2.7", False),
        (Direction.HIGHER, ("1.5", "2.1", "2.7"), str(LIMIT), False),
        (Direction.HIGHER, ("1.5", "2.1", "2.7"), str(LIMIT + Decimal("0.01")), True),
        (Direction.HIGHER, ("1.5", "2.1", "2.7"), "270", True),
        (Direction.HIGHER, ("1.5", "2.1", "2.7"), "-270", False),
        (Direction.LOWER, ("2.7", "2.1", "1.5"), "-10.5", False),
        (Direction.LOWER, ("2.7", "2.1", "1.5"), "-10.51", True),
        (Direction.LOWER, ("2.7", "2.1", "1.5"), "270", False),
        (Direction.HIGHER, ("2.7", "2.7", "2.7"), "270", False),
    ],
    ids=[
        "at the 100 level",
        "exactly at the limit",
        "just past the limit",
        "a lost decimal point",
        "far below (scored 0, not warned)",
        "lower is better: at the limit",
        "lower is better: past the limit",
        "lower is better: far above",
        "levels with no distance between them",
    ],
)
def test_a_value_far_beyond_the_100_level_is_accepted_with_a_warning(
    direction: Direction, values: tuple[str, str, str], raw: str, warned: bool
) -> None:
    result = read_result(make_kpi(values, direction), 2, raw)
    assert result.actual == Decimal(raw)
    assert [w.severity for w in result.warnings] == ([Severity.WARNING] if warned else [])
    if warned:
        thai = result.warnings[0].message_th
        side = "สูงกว่า" if direction is Direction.HIGHER else "ต่ำกว่า"
        assert thai.startswith(f"ค่าที่กรอก{side}เป้าหมายขั้นสูงมาก โปรดตรวจสอบ: {raw}")
        assert f"เกิน {FAR_BEYOND_SPANS} เท่า" in thai


def test_a_judged_level_or_an_open_round_is_never_far_beyond(mini: Scorecard) -> None:
    assert read_result(mini.kpi("5"), 2, 100).warnings == ()  # type: ignore[arg-type]
    kpi = make_kpi()
    open_round = replace(kpi.rounds[2], levels=kpi.rounds[2].levels[:1])
    assert far_beyond(kpi, open_round, Decimal(10**6)) is None


def test_ditp_kpi_3_warns_about_a_lost_decimal_point(ditp: Scorecard) -> None:
    result = read_result(ditp.kpi("3"), 2, {"trade_value": 562300, "budget": 100})  # type: ignore[arg-type]
    assert result.actual == Decimal("5623.00")
    assert result.warnings[0].message_th.startswith(FAR_BEYOND_TH)
    assert read_result(ditp.kpi("3"), 2, "56.23").warnings == ()  # type: ignore[arg-type]


# -- the bounds a template declares ------------------------------------------------------------


@pytest.mark.parametrize(
    ("kpi_id", "low", "high"),
    [
        ("1", "-100", None),  # export growth: cannot fall by more than everything
        ("2", "0", None),  # money per money
        ("3", "0", None),
        ("4", "0", None),  # money per money (round 2), entrepreneurs (round 1)
        ("7", "0", "7"),  # pillars at level 3 or above, of 7
        ("8", "0", "100"),  # the DGA readiness score
        ("9", "0", "500"),  # the PMQA 4.0 score
    ],
)
def test_ditp_declares_the_bounds_its_kpis_imply(
    ditp: Scorecard, kpi_id: str, low: str, high: str | None
) -> None:
    kpi = ditp.kpi(kpi_id)
    assert kpi is not None
    assert (kpi.value_min, kpi.value_max) == (Decimal(low), None if high is None else Decimal(high))


def test_every_ditp_input_is_bounded_below(ditp: Scorecard) -> None:
    unbounded = [
        (k.id, i.id) for k in ditp.kpis for i in k.inputs if i.min is None and not i.positive
    ]
    assert unbounded == []


MINI_TEXT = MINI.read_text(encoding="utf-8")
KPI_1_UNIT = "    unit: {th: ร้อยละ, en: percent}\n    rounds:\n"


@pytest.mark.parametrize(
    ("value", "english"),
    [
        ("{min: 0, max: 2}", "the level 100 of round 2 must be at most 2 for KPI 1, got 2.70"),
        ("{min: 2}", "the level 50 of round 1 must be at least 2 for KPI 1, got 0.75"),
        ("{min: 5, max: 1}", "the value's min 5 is more than its max 1"),
    ],
    ids=["a level above the max", "a level below the min", "min above max"],
)
def test_a_template_whose_levels_its_own_bounds_rule_out_is_refused(
    value: str, english: str
) -> None:
    assert KPI_1_UNIT in MINI_TEXT
    text = MINI_TEXT.replace(
        KPI_1_UNIT, KPI_1_UNIT.replace("    rounds:", f"    value: {value}\n    rounds:"), 1
    )
    scorecard, findings = check_text(text, "mini.yaml")
    assert scorecard is None
    assert english in [f.message for f in findings]
    assert all(f.message_th for f in findings)
