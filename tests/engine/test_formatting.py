"""One way to show a figure, a Buddhist-era date, a fiscal year and a Thai month."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thaikpi.engine import formatting as f
from thaikpi.engine.numbers import Rounding, RoundingMode

SRC = Path(__file__).resolve().parents[2] / "src" / "thaikpi"


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        ("0.125", 2, "0.13"),  # half-up; half-even would give 0.12
        ("0.135", 2, "0.14"),
        ("2.675", 2, "2.68"),  # a float would give 2.67
        ("2.665", 2, "2.67"),  # half-even would give 2.66
        ("-0.125", 2, "-0.13"),  # half away from zero on both sides
        ("-5.525", 2, "-5.53"),
        ("87.5", 4, "87.5000"),  # trailing zeros kept
        ("324.20", None, "324.20"),  # as stated: never rounded, zeros kept
        ("175364.61", 2, "175,364.61"),
        ("1234567.891", None, "1,234,567.891"),
        ("-1234567.5", 0, "-1,234,568"),
        ("999.995", 2, "1,000.00"),
        ("15", None, "15"),
        ("1E+3", None, "1,000"),  # no scientific notation for people
        ("0.00000012", 8, "0.00000012"),
    ],
)
def test_a_figure_is_rounded_half_up_and_written_with_separators(
    value: str, places: int | None, expected: str
) -> None:
    assert f.figure(Decimal(value), places) == expected


@pytest.mark.parametrize(
    ("value", "mode", "expected"),
    [
        ("50.3886", RoundingMode.HALF_UP, "50.39"),
        ("50.3886", RoundingMode.TRUNCATE, "50.38"),
        ("-16.1469", RoundingMode.TRUNCATE, "-16.14"),
    ],
)
def test_a_figure_can_be_shown_under_a_whole_rounding_policy(
    value: str, mode: RoundingMode, expected: str
) -> None:
    assert f.figure(Decimal(value), Rounding(2, mode)) == expected


@pytest.mark.parametrize(
    ("value", "places", "digits", "missing", "expected"),
    [
        (None, 2, "arabic", f.MISSING, "—"),
        (None, 2, "arabic", "–", "–"),
        ("1234.5", 2, "thai", f.MISSING, "๑,๒๓๔.๕๐"),
        ("-0.125", 2, "thai", f.MISSING, "-๐.๑๓"),
    ],
)
def test_a_missing_figure_and_thai_digits(
    value: str | None, places: int, digits: f.Digits, missing: str, expected: str
) -> None:
    number = None if value is None else Decimal(value)
    assert f.figure(number, places, digits=digits, missing=missing) == expected


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=6, allow_nan=False))
def test_a_shown_figure_reads_back_as_the_half_up_rounded_value(value: Decimal) -> None:
    shown = f.figure(value, 2)
    assert Decimal(shown.replace(",", "")) == value.quantize(Decimal("0.01"), "ROUND_HALF_UP")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("100.0", "100"), ("2.5", "2.5"), ("12.50", "12.5"), ("1000", "1,000"), ("0.125", "0.125")],
)
def test_a_weight_is_shown_as_written_without_padding(value: str, expected: str) -> None:
    assert f.weight(Decimal(value)) == expected


@pytest.mark.parametrize(("ce", "be"), [(2023, 2566), (2024, 2567), (1957, 2500)])
def test_buddhist_era_years_are_543_after_the_common_era(ce: int, be: int) -> None:
    assert (f.be_year(ce), f.ce_year(be)) == (be, ce)


@pytest.mark.parametrize(
    ("day", "year_be"),
    [
        (datetime.date(2023, 9, 30), 2566),
        (datetime.date(2023, 10, 1), 2567),  # the fiscal year starts on 1 October
        (datetime.date(2024, 1, 1), 2567),
        (datetime.date(2024, 9, 30), 2567),  # and ends on 30 September
        (datetime.date(2024, 10, 1), 2568),
    ],
)
def test_a_day_falls_in_the_fiscal_year_that_ends_on_the_next_30_september(
    day: datetime.date, year_be: int
) -> None:
    assert f.fiscal_year_of(day) == year_be


def test_a_fiscal_year_runs_from_1_october_to_30_september() -> None:
    assert f.fiscal_year_dates(2567) == (datetime.date(2023, 10, 1), datetime.date(2024, 9, 30))


@given(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2200, 12, 31)))
def test_every_day_lies_within_the_dates_of_its_fiscal_year(day: datetime.date) -> None:
    starts, ends = f.fiscal_year_dates(f.fiscal_year_of(day))
    assert starts <= day <= ends


@pytest.mark.parametrize(("index", "month"), [(1, 10), (3, 12), (4, 1), (12, 9)])
def test_a_fiscal_years_months_start_in_october(index: int, month: int) -> None:
    assert f.calendar_month(index) == month


@pytest.mark.parametrize("index", range(1, 13))
def test_every_month_of_a_fiscal_year_lies_within_its_dates(index: int) -> None:
    starts, ends = f.fiscal_year_dates(2567)
    year = starts.year if f.calendar_month(index) >= 10 else ends.year
    assert f.fiscal_year_of(datetime.date(year, f.calendar_month(index), 15)) == 2567


THAI_MONTHS = [
    (1, "มกราคม", "ม.ค.", "January", "Jan"),
    (2, "กุมภาพันธ์", "ก.พ.", "February", "Feb"),
    (3, "มีนาคม", "มี.ค.", "March", "Mar"),
    (4, "เมษายน", "เม.ย.", "April", "Apr"),
    (5, "พฤษภาคม", "พ.ค.", "May", "May"),
    (6, "มิถุนายน", "มิ.ย.", "June", "Jun"),
    (7, "กรกฎาคม", "ก.ค.", "July", "Jul"),
    (8, "สิงหาคม", "ส.ค.", "August", "Aug"),
    (9, "กันยายน", "ก.ย.", "September", "Sep"),
    (10, "ตุลาคม", "ต.ค.", "October", "Oct"),
    (11, "พฤศจิกายน", "พ.ย.", "November", "Nov"),
    (12, "ธันวาคม", "ธ.ค.", "December", "Dec"),
]


@pytest.mark.parametrize(("month", "th", "th_short", "en", "en_short"), THAI_MONTHS)
def test_every_month_has_its_thai_and_english_name_full_and_short(
    month: int, th: str, th_short: str, en: str, en_short: str
) -> None:
    names = (
        f.month_name(month, "th", short=False),
        f.month_name(month, "th"),
        f.month_name(month, "en", short=False),
        f.month_name(month, "en"),
    )
    assert names == (th, th_short, en, en_short)


@pytest.mark.parametrize(
    ("day", "language", "short", "digits", "expected"),
    [
        (datetime.date(2024, 9, 30), "th", False, "arabic", "30 กันยายน 2567"),
        (datetime.date(2024, 9, 30), "th", False, "thai", "๓๐ กันยายน ๒๕๖๗"),
        (datetime.date(2023, 10, 1), "th", True, "arabic", "1 ต.ค. 2566"),
        (datetime.date(2023, 10, 1), "en", True, "arabic", "1 Oct 2023"),
        (datetime.date(2023, 10, 1), "en", False, "arabic", "1 October 2023"),
    ],
)
def test_a_date_is_buddhist_era_in_thai_and_common_era_in_english(
    day: datetime.date, language: str, short: bool, digits: f.Digits, expected: str
) -> None:
    assert f.date(day, language, short=short, digits=digits) == expected


def test_a_date_in_a_thai_form_is_day_month_buddhist_year() -> None:
    assert f.day_month_year(datetime.date(2023, 10, 1)) == "01/10/2566"


# Formatting that bypasses this module: rounding a figure, a rounding format spec
# ({x:.2f}, {x:,.{places}f}) or a hand-made Buddhist-era year.
BYPASSES = {
    "round()": re.compile(r"(?<![\w.])(?<!def )round\("),
    "quantize": re.compile(r"\.quantize\("),
    "a rounding format spec": re.compile(r"\{[^{}:]+:[^{}]*\.(\d+|\{\w+\})f\}"),
    "543": re.compile(r"(?<!\d)543(?!\d)"),
}
OWNERS = {"engine/numbers.py", "engine/formatting.py"}


def test_only_numbers_and_formatting_round_figures_or_add_543() -> None:
    found = []
    for path in sorted(SRC.rglob("*")):
        name = path.relative_to(SRC).as_posix()
        if path.suffix not in (".py", ".html", ".js") or name in OWNERS or "/migrations/" in name:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            found += [f"{name}:{number}: {what}" for what, p in BYPASSES.items() if p.search(line)]
    assert found == []
