"""Monthly series: Thai month labels, fiscal-year sums, growth, the forecast and its backtests."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.engine.series_data import DITP_EXPORTS, SHAPE, random_totals, series_of
from thaikpi.engine import loader
from thaikpi.engine.findings import Problem
from thaikpi.engine.results import read_result
from thaikpi.engine.series import (
    Month,
    at_risk,
    backtest,
    fiscal_month,
    forecast,
    growth,
    growth_to_date,
    inputs_to_date,
    mean_abs_error,
    months_reported,
    parse_month,
    year_to_date,
)


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("ต.ค. 66", Month(2566, 10)),
        ("ต.ค.66", Month(2566, 10)),
        ("ตค 66", Month(2566, 10)),
        ("ตุลาคม 2566", Month(2566, 10)),
        ("ม.ค. 2567", Month(2567, 1)),
        ("กุมภาพันธ์ 67", Month(2567, 2)),
        ("ก.ย. 67", Month(2567, 9)),
        ("10/2566", Month(2566, 10)),
        ("1/2567", Month(2567, 1)),
        ("10/66", Month(2566, 10)),
        ("2566-10", Month(2566, 10)),
        ("2023-10", Month(2566, 10)),
        ("2023-10-01", Month(2566, 10)),
        ("October 2023", Month(2566, 10)),
        ("Oct-23", Month(2566, 10)),
        ("Sep 2024", Month(2567, 9)),
        ("Sept 2024", Month(2567, 9)),
        ("Oct 2566", Month(2566, 10)),  # a four-digit year from 2400 on is Buddhist-era
    ],
)
def test_a_month_is_read_as_thai_officers_write_it(text, month):
    assert parse_month(text) == month


@pytest.mark.parametrize("text", ["", "ต.ค.", "13/2566", "0/2566", "ตุลา 2566x", "Q1 2567", "66"])
def test_an_unreadable_month_is_refused_in_english_and_thai(text):
    with pytest.raises(Problem) as caught:
        parse_month(text)
    assert "cannot read" in str(caught.value)
    assert "อ่าน" in caught.value.message_th and "เป็นเดือนไม่ได้" in caught.value.message_th


@pytest.mark.parametrize(
    ("month", "fiscal_year", "index"),
    [
        (Month(2566, 9), 2566, 12),  # 30 September 2566: the last month of 2566
        (Month(2566, 10), 2567, 1),  # 1 October 2566 opens fiscal year 2567
        (Month(2566, 12), 2567, 3),
        (Month(2567, 1), 2567, 4),  # the calendar year turns, the fiscal year does not
        (Month(2567, 3), 2567, 6),  # the end of round 1
        (Month(2567, 4), 2567, 7),
        (Month(2567, 9), 2567, 12),
    ],
)
def test_fiscal_year_boundaries_fall_on_1_october(month, fiscal_year, index):
    assert (month.fiscal_year, month.fiscal_index) == (fiscal_year, index)
    assert fiscal_month(fiscal_year, index) == month


@given(st.integers(2400, 2700), st.integers(1, 12))
def test_a_fiscal_month_knows_its_own_fiscal_year_and_place(fiscal_year, index):
    month = fiscal_month(fiscal_year, index)
    assert (month.fiscal_year, month.fiscal_index) == (fiscal_year, index)


def test_month_labels_use_the_shared_thai_and_english_month_names():
    assert Month(2566, 10).label("th") == "ต.ค. 2566"
    assert Month(2566, 10).label("en") == "Oct 2023"


def year(fiscal_year: int, values: list[int] | list[Decimal]) -> dict[Month, Decimal]:
    """Months 1.. of a fiscal year with these values."""
    return {fiscal_month(fiscal_year, i): Decimal(v) for i, v in enumerate(values, 1)}


@pytest.mark.parametrize(
    ("months", "total"),
    [
        (3, 60),  # a quarter
        (6, 210),  # the 6-month round of every calendar
        (9, 450),  # the 9-month round of three
        (12, 780),  # the year-end round
    ],
)
def test_the_year_to_date_and_the_rounds_values_are_sums_of_months(months, total):
    series = year(2567, [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120])
    assert year_to_date(series, 2567, months) == Decimal(total)
    assert months_reported(series, 2567) == 12


def test_a_missing_month_is_named_in_both_languages():
    series = year(2567, [10, 20]) | {fiscal_month(2567, 4): Decimal(5)}
    assert months_reported(series, 2567) == 2
    with pytest.raises(Problem) as caught:
        year_to_date(series, 2567, 4)
    assert str(caught.value) == "no value for Dec 2023 (fiscal year 2567)"
    assert caught.value.message_th == "ไม่มีค่าของเดือน ธ.ค. 2566 (ปีงบประมาณ 2567)"


@pytest.mark.parametrize(
    ("current", "previous", "percent"),
    [("105", "100", "5"), ("95", "100", "-5"), ("279063.0", "293186.8", "-4.817")],
)
def test_growth_is_the_percentage_change_against_last_year(current, previous, percent):
    assert growth(Decimal(current), Decimal(previous)).quantize(Decimal(percent)) == Decimal(
        percent
    )


def test_growth_needs_a_previous_value_above_zero():
    with pytest.raises(Problem, match="above 0"):
        growth(Decimal(5), Decimal(0))


def test_growth_to_date_compares_the_same_months_of_both_years():
    series = year(2566, [100] * 12) | year(2567, [102, 103, 104])
    assert growth_to_date(series, 2567, 3) == Decimal(3)


def test_kpi_1s_inputs_come_from_the_export_series_and_its_formula_gives_the_growth():
    series = {"export_value": year(2566, [20000] * 12) | year(2567, [21000] * 6)}
    inputs = inputs_to_date(series, 2567, 6, previous=["export_value"])
    assert inputs == {"export_value": Decimal(126000), "export_value_previous": Decimal(120000)}
    kpi = loader.load("ditp-2567").kpi("1")
    assert kpi is not None
    assert read_result(kpi, 1, inputs).actual == Decimal("5.00")


def test_a_ratio_kpis_inputs_are_each_summed_over_the_year_so_far():
    series = {
        "trade_value": year(2567, [1000, 2000, 3000]),
        "budget": year(2567, [100, 100, 100]),
    }
    assert inputs_to_date(series, 2567, 3) == {
        "trade_value": Decimal(6000),
        "budget": Decimal(300),
    }


def test_a_year_shaped_like_the_earlier_ones_is_foreseen_exactly_with_no_band():
    earlier = year(2566, [v * 10 for v in SHAPE])
    this = year(2567, [v * 11 for v in SHAPE[:6]])
    made = forecast(earlier | this, 2567)
    assert made.through == 6 and made.shares.keys() == {2566}
    assert made.value == sum(SHAPE) * 11 == made.low == made.high


def test_the_forecast_explains_itself_in_both_languages():
    made = forecast(year(2566, [10] * 12) | year(2567, [12] * 6), 2567)
    assert made.value == Decimal(144)
    assert made.explain("en") == (
        "first 6 months 72 ÷ the mean share years 2566 had reached by that month (0.5000) "
        "= 144.00 (band 144.00–144.00)"
    )
    assert made.explain("th").startswith("ยอด 6 เดือนแรก 72 ÷ สัดส่วนเฉลี่ยที่ปี 2566")


def test_a_forecast_without_an_earlier_complete_year_is_refused():
    with pytest.raises(Problem, match="at least one earlier complete fiscal year"):
        forecast(year(2566, [10] * 11) | year(2567, [12] * 6), 2567)


@given(st.integers(0, 10_000), st.integers(1, 12))
def test_the_band_always_holds_the_forecast(seed, through):
    series = series_of(random_totals(seed, 2560, 5), seed)
    made = forecast(series, 2564, through)
    assert made.low <= made.value <= made.high
    assert len(made.shares) == 4  # the four complete years before


@pytest.mark.parametrize(
    ("foreseen", "standard", "higher", "risk"),
    [
        ("2.0", "2.1", True, True),
        ("2.1", "2.1", True, False),
        ("2.5", "2.1", True, False),
        ("12", "10", False, True),
        ("9", "10", False, False),
    ],
)
def test_a_kpi_is_at_risk_when_its_forecast_falls_short_of_its_standard_level(
    foreseen, standard, higher, risk
):
    assert at_risk(Decimal(foreseen), Decimal(standard), higher) is risk


@pytest.mark.parametrize(
    ("until", "through", "value"),
    [
        (12, 6, Decimal(240)),  # earlier year: half the year by month 6 → 120 ÷ 0.5
        (9, 6, Decimal(180)),  # a year that ends after 9 months: 120 ÷ (6/9)
        (6, 6, Decimal(120)),  # the year ends with the months in: no forecast to make
        (6, 9, Decimal(120)),  # months past the year end do not count
    ],
)
def test_the_forecast_foresees_the_total_to_the_month_the_year_ends(until, through, value):
    made = forecast(year(2566, [10] * 12) | year(2567, [20] * 9), 2567, through, until=until)
    assert (made.value, made.until, made.through) == (value, until, min(through, until))


def test_a_year_ending_after_no_month_is_refused():
    with pytest.raises(Problem, match="a year ends after 1 to 12 months, not 13"):
        forecast(year(2566, [10] * 12) | year(2567, [20] * 6), 2567, until=13)


# Backtests: how far off a forecast made at month 6 would have been (docs/forecast.md).


def test_the_backtest_on_ditps_baseline_totals_is_within_5_percent_every_year():
    tests = backtest(series_of(DITP_EXPORTS), 6)
    assert [t.fiscal_year for t in tests] == [2563, 2564, 2565, 2566]
    assert all(abs(t.error_pct) < 5 for t in tests)
    assert mean_abs_error(tests).quantize(Decimal("0.1")) == Decimal("3.1")


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_the_backtest_on_generated_series_errs_by_under_3_percent_on_average(seed):
    tests = backtest(series_of(random_totals(seed), seed), 6)
    assert len(tests) == 16
    assert mean_abs_error(tests) < 3
    assert max(abs(t.error_pct) for t in tests) < 6
    with_band = [t for t in tests if len(t.forecast.shares) >= 3]
    assert sum(t.inside_band for t in with_band) >= len(with_band) * 0.6


@pytest.mark.parametrize(("through", "most"), [(3, 9), (6, 6), (9, 3), (11, 2)])
def test_the_later_in_the_year_the_closer_the_forecast(through, most):
    tests = [
        t for seed in (1, 2, 3) for t in backtest(series_of(random_totals(seed), seed), through)
    ]
    assert max(abs(t.error_pct) for t in tests) < most
