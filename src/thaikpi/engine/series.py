"""Monthly series: Thai month labels, fiscal-year sums, growth, and a year-end forecast.

A series is a value per month (export value, trade value, budget). Months are read as Thai
officers write them ("ต.ค. 66", "ตุลาคม 2566", "10/2566") and kept as a Buddhist-era
:class:`Month`. The fiscal year runs October to September (see formatting.py): its month 1 is
October. Everything here is exact Decimal arithmetic (numbers.CONTEXT); nothing is rounded
until it is shown.

The forecast (docs/forecast.md): the year-end total is the year so far divided by the mean
share of their year that earlier years had reached by the same month; its band uses the
mean share plus and minus twice the shares' standard deviation. A KPI whose forecast falls
short of its standard level (the scale's: 75, or 3 of five) in the year-end round is at risk.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from thaikpi.engine.findings import Problem
from thaikpi.engine.formatting import (
    BE_OFFSET,
    MONTHS_EN,
    MONTHS_TH,
    MONTHS_TH_SHORT,
    calendar_month,
    figure,
    month_name,
)
from thaikpi.engine.numbers import CONTEXT, HUNDRED, ZERO

FISCAL_MONTHS: Final = 12
WINDOW: Final = 5  # earlier complete fiscal years a forecast learns the monthly shape from
BAND_SDS: Final = Decimal(2)  # the band: the mean share ± two standard deviations of the shares
BE_FROM: Final = 2400  # a four-digit year from 2400 on is Buddhist-era, below it Common-Era


@dataclass(frozen=True, order=True, slots=True)
class Month:
    """A calendar month, its year Buddhist-era (ต.ค. 2566 is Month(2566, 10))."""

    year_be: int
    month: int

    @property
    def fiscal_year(self) -> int:
        """The fiscal year (B.E.) the month falls in: ต.ค. 2566 is in 2567."""
        return self.year_be + (1 if self.month >= 10 else 0)

    @property
    def fiscal_index(self) -> int:
        """The month's place in its fiscal year: October 1 … September 12."""
        return (self.month - 10) % 12 + 1

    def label(self, language: str = "th") -> str:
        """'ต.ค. 2566' / 'Oct 2023', through formatting.py's month names."""
        year = self.year_be if language != "en" else self.year_be - BE_OFFSET
        return f"{month_name(self.month, language)} {year}"


def fiscal_month(fiscal_year: int, index: int) -> Month:
    """Month ``index`` (1 = October) of fiscal year ``fiscal_year`` (B.E.)."""
    month = calendar_month(index)
    return Month(fiscal_year - (1 if month >= 10 else 0), month)


def _key(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold().replace(" ", "").replace(".", "")


# Month names as written (Thai full and short, with or without dots; English) → 1–12.
_NAMES: Final = {
    _key(name): n
    for names in (MONTHS_TH, MONTHS_TH_SHORT, MONTHS_EN, tuple(m[:3] for m in MONTHS_EN))
    for n, name in enumerate(names, 1)
} | {_key("Sept"): 9}
_NAMED = re.compile(r"^\s*([^\d\s/\-]+(?:\s*[^\d\s/\-]+)*)\s*[\-/]?\s*(\d{2}|\d{4})\s*$")
_NUMERIC = re.compile(r"^\s*(\d{1,2})\s*[/\-.]\s*(\d{2}|\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})\s*-\s*(\d{1,2})(?:-\d{1,2})?\s*$")


def _year_be(text: str) -> int:
    """'66' → 2566 (a two-digit year is the Thai short B.E. year); 2566 → 2566; 2023 → 2566."""
    year = int(text)
    if len(text) == 2:
        return 2500 + year
    return year if year >= BE_FROM else year + BE_OFFSET


def parse_month(text: str) -> Month:
    """A month label as Thai officers write it; Problem (in English and Thai) if unreadable.

    'ต.ค. 66', 'ต.ค.66', 'ตุลาคม 2566', '10/2566', '10/66', '2566-10' and 'October 2023',
    'Oct-23', '2023-10'. A four-digit year from 2400 on is Buddhist-era, below it Common-Era;
    a two-digit year is Buddhist-era (66 → 2566) except after an English month name, where
    it is Common-Era as spreadsheets write it (Oct-23 → October 2023 = ต.ค. 2566).
    """
    raw = str(text)
    for pattern, month_at, year_at in ((_NUMERIC, 1, 2), (_ISO, 2, 1)):
        found = pattern.match(raw)
        if found:
            month = int(found.group(month_at))
            if not 1 <= month <= 12:
                break
            return Month(_year_be(found.group(year_at)), month)
    found = _NAMED.match(unicodedata.normalize("NFC", raw))
    if found and _key(found.group(1)) in _NAMES:
        name, year = found.group(1), found.group(2)
        if len(year) == 2 and name.isascii():
            year = f"20{year}"  # Oct-23: a spreadsheet's Common-Era short year
        return Month(_year_be(year), _NAMES[_key(name)])
    raise Problem(
        f"cannot read {raw!r} as a month (write e.g. ต.ค. 66, ตุลาคม 2566 or 10/2566)",
        f"อ่าน {raw!r} เป็นเดือนไม่ได้ (เขียนเช่น ต.ค. 66, ตุลาคม 2566 หรือ 10/2566)",
    )


Series = Mapping[Month, Decimal]


def of_fiscal_year(series: Series, fiscal_year: int) -> dict[int, Decimal]:
    """The fiscal year's values by month index (1 = October); missing months are absent."""
    return {m.fiscal_index: v for m, v in series.items() if m.fiscal_year == fiscal_year}


def months_reported(series: Series, fiscal_year: int) -> int:
    """How many months of the fiscal year are reported without a gap from October (0–12)."""
    values = of_fiscal_year(series, fiscal_year)
    count = 0
    while count + 1 in values:
        count += 1
    return count


def year_to_date(series: Series, fiscal_year: int, through: int) -> Decimal:
    """The sum of months 1..``through`` of the fiscal year; Problem naming a missing month."""
    values = of_fiscal_year(series, fiscal_year)
    missing = [i for i in range(1, through + 1) if i not in values]
    if missing:
        shown = ", ".join(fiscal_month(fiscal_year, i).label("en") for i in missing)
        shown_th = ", ".join(fiscal_month(fiscal_year, i).label("th") for i in missing)
        raise Problem(
            f"no value for {shown} (fiscal year {fiscal_year})",
            f"ไม่มีค่าของเดือน {shown_th} (ปีงบประมาณ {fiscal_year})",
        )
    return CONTEXT.create_decimal(sum((values[i] for i in range(1, through + 1)), ZERO))


def growth(current: Decimal, previous: Decimal) -> Decimal:
    """Percentage change from ``previous`` to ``current`` (exact; rounding is for showing)."""
    if previous <= 0:
        raise Problem(
            f"growth needs a previous value above 0, got {previous}",
            f"การคำนวณอัตราการขยายตัวต้องมีค่าปีก่อนมากกว่า 0 แต่พบ {previous}",
        )
    return CONTEXT.divide(CONTEXT.multiply(current - previous, HUNDRED), previous)


def growth_to_date(series: Series, fiscal_year: int, through: int) -> Decimal:
    """Growth of the year so far against the same months of the year before, in percent."""
    return growth(
        year_to_date(series, fiscal_year, through),
        year_to_date(series, fiscal_year - 1, through),
    )


def inputs_to_date(
    series: Mapping[str, Series],
    fiscal_year: int,
    through: int,
    previous: Iterable[str] = (),
) -> dict[str, Decimal]:
    """A KPI's raw inputs from its inputs' monthly series, summed over the year so far.

    For each name in ``previous`` the input ``<name>_previous`` is that series' sum over the
    same months of the year before (KPI 1: export_value and export_value_previous).
    """
    inputs = {name: year_to_date(s, fiscal_year, through) for name, s in series.items()}
    for name in previous:
        inputs[f"{name}_previous"] = year_to_date(series[name], fiscal_year - 1, through)
    return inputs


# -- forecast --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Forecast:
    """The year-end total foreseen from ``through`` months, its band and how it was made.

    The year ends at month ``until`` (12, the fiscal year; a template whose last round
    reports after fewer months ends its year there).
    """

    fiscal_year: int
    through: int
    to_date: Decimal
    value: Decimal
    low: Decimal
    high: Decimal
    shares: Mapping[int, Decimal]  # earlier fiscal year → its share reached by that month
    mean_share: Decimal
    until: int = FISCAL_MONTHS

    def explain(self, language: str = "en") -> str:
        """How the figure was made, with its inputs, for a person to check by hand."""
        years = ", ".join(str(y) for y in self.shares)
        so_far, share = figure(self.to_date), figure(self.mean_share, 4)
        value, low, high = (figure(v, 2) for v in (self.value, self.low, self.high))
        if language.startswith("th"):
            return (
                f"ยอด {self.through} เดือนแรก {so_far} ÷ สัดส่วนเฉลี่ยที่ปี {years} "
                f"ทำได้ภายในเดือนเดียวกัน ({share}) = {value} (ช่วง {low}–{high})"
            )
        return (
            f"first {self.through} months {so_far} ÷ the mean share years {years} had "
            f"reached by that month ({share}) = {value} (band {low}–{high})"
        )


def share_by(series: Series, fiscal_year: int, through: int, until: int = FISCAL_MONTHS) -> Decimal:
    """The share of a complete fiscal year's total (to month ``until``) reached after
    ``through`` months."""
    total = year_to_date(series, fiscal_year, until)
    if total <= 0:
        raise Problem(
            f"fiscal year {fiscal_year} totals {total}: no shape to learn from",
            f"ปีงบประมาณ {fiscal_year} มียอดรวม {total} จึงใช้เป็นรูปแบบรายเดือนไม่ได้",
        )
    return CONTEXT.divide(year_to_date(series, fiscal_year, through), total)


def full_years(series: Series, before: int) -> list[int]:
    """Earlier fiscal years (before ``before``) with all 12 months, oldest first."""
    years = sorted({m.fiscal_year for m in series if m.fiscal_year < before})
    return [y for y in years if months_reported(series, y) == FISCAL_MONTHS]


def forecast(
    series: Series,
    fiscal_year: int,
    through: int | None = None,
    years: Sequence[int] = (),
    until: int = FISCAL_MONTHS,
) -> Forecast:
    """The year-end total from the months so far and earlier years' shape (docs/forecast.md).

    ``through`` defaults to the months reported without a gap (at most ``until``); ``years``
    to the last :data:`WINDOW` earlier complete fiscal years; ``until`` is the month the
    year ends at (the year-end round's months). Value = year so far ÷ mean share; band =
    year so far ÷ (mean share ± 2 standard deviations of the shares); one year: no band.
    """
    if not 1 <= until <= FISCAL_MONTHS:
        raise Problem(
            f"a year ends after 1 to {FISCAL_MONTHS} months, not {until}",
            f"ปีสิ้นสุดหลังเดือนที่ 1 ถึง {FISCAL_MONTHS} ไม่ใช่ {until}",
        )
    reported = months_reported(series, fiscal_year) if through is None else through
    through = min(reported, until)
    if not 1 <= through <= until:
        raise Problem(
            f"fiscal year {fiscal_year} has no month reported yet",
            f"ปีงบประมาณ {fiscal_year} ยังไม่มีข้อมูลรายเดือน",
        )
    learned = list(years) or full_years(series, fiscal_year)[-WINDOW:]
    if not learned:
        raise Problem(
            "a forecast needs at least one earlier complete fiscal year of monthly values",
            "การคาดการณ์ต้องมีข้อมูลรายเดือนครบ 12 เดือนของปีงบประมาณก่อนหน้าอย่างน้อย 1 ปี",
        )
    to_date = year_to_date(series, fiscal_year, through)
    shares = {y: share_by(series, y, through, until) for y in learned}
    mean = CONTEXT.divide(sum(shares.values(), ZERO), Decimal(len(shares)))
    spread = BAND_SDS * spread_of(list(shares.values()), mean)
    low_share = mean - spread if mean - spread > 0 else min(shares.values())
    return Forecast(
        fiscal_year,
        through,
        to_date,
        CONTEXT.divide(to_date, mean),
        CONTEXT.divide(to_date, mean + spread),
        CONTEXT.divide(to_date, low_share),
        shares,
        mean,
        until,
    )


def spread_of(values: Sequence[Decimal], mean: Decimal) -> Decimal:
    """The sample standard deviation of ``values`` (0 for fewer than two)."""
    if len(values) < 2:
        return ZERO
    squares = sum((CONTEXT.power(v - mean, 2) for v in values), ZERO)
    return CONTEXT.sqrt(CONTEXT.divide(squares, Decimal(len(values) - 1)))


def at_risk(foreseen: Decimal, standard: Decimal, higher_is_better: bool = True) -> bool:
    """True when the foreseen year-end value falls short of the KPI's standard level figure
    (its year-end round's level at the scale's standard: 75, or 3 of five)."""
    return foreseen < standard if higher_is_better else foreseen > standard


# -- backtest --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Backtest:
    """How far a forecast made at month ``through`` was from the year's actual total."""

    fiscal_year: int
    through: int
    actual: Decimal
    forecast: Forecast

    @property
    def error_pct(self) -> Decimal:
        """(forecast − actual) ÷ actual × 100: positive when the forecast was too high."""
        return growth(self.forecast.value, self.actual)

    @property
    def inside_band(self) -> bool:
        """True when the actual total fell within the forecast's band."""
        return self.forecast.low <= self.actual <= self.forecast.high


def backtest(series: Series, through: int = 6, window: int = WINDOW) -> list[Backtest]:
    """Forecast each complete year from its first ``through`` months and up to ``window``
    earlier complete years, as if it were then; compare with what the year came to."""
    results: list[Backtest] = []
    for year in full_years(series, 10**6):
        earlier = full_years(series, year)[-window:]
        if not earlier:
            continue
        made = forecast(series, year, through, earlier)
        results.append(Backtest(year, through, year_to_date(series, year, FISCAL_MONTHS), made))
    return results


def mean_abs_error(tests: Iterable[Backtest]) -> Decimal:
    """The mean absolute error of backtests, in percent of the actual totals."""
    errors = [abs(t.error_pct) for t in tests]
    if not errors:
        return ZERO
    return CONTEXT.divide(sum(errors, ZERO), Decimal(len(errors)))
