"""One way to show a figure, a year, a date or a month, for every layer that shows them.

Figures are rounded here only through :func:`thaikpi.engine.numbers.apply` (half-up unless a
policy says otherwise), then written with thousands separators and their trailing zeros kept
(324.20). Years are Buddhist-era (Common Era + 543); the Thai fiscal year runs 1 October to
30 September and is named by the Buddhist-era year it ends in. Thai digits are optional.

It lives in the engine, with no Django import, because the engine's own explanations show
figures and every other layer (CLI, pages, PDF, Excel, charts) may import the engine.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Final, Literal

from thaikpi.engine.numbers import Rounding, RoundingMode, apply

Digits = Literal["arabic", "thai"]

BE_OFFSET: Final = 543
"""Buddhist-era year = Common-Era year + 543 (2024 CE is 2567 BE)."""

MISSING: Final = "—"

MONTHS_TH: Final = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip
MONTHS_TH_SHORT: Final = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)  # fmt: skip
MONTHS_EN: Final = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
MONTHS_EN_SHORT: Final = tuple(name[:3] for name in MONTHS_EN)

_THAI_DIGITS: Final = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def thai_digits(text: str) -> str:
    """Arabic digits written as Thai digits (30 → ๓๐); everything else unchanged."""
    return text.translate(_THAI_DIGITS)


def _digits(text: str, digits: Digits) -> str:
    return thai_digits(text) if digits == "thai" else text


# -- figures ---------------------------------------------------------------------------------


def figure(
    value: Decimal | None,
    places: int | Rounding | None = None,
    *,
    digits: Digits = "arabic",
    missing: str = MISSING,
) -> str:
    """A figure for people: thousands separators, ``places`` decimals (half-up), '—' for none.

    ``places`` may be a whole :class:`Rounding` policy (a truncating KPI shows truncated);
    without it the figure is written as it stands, never rounded.
    """
    if value is None:
        return missing
    if places is not None:
        policy = places if isinstance(places, Rounding) else Rounding(places, RoundingMode.HALF_UP)
        value = apply(value, policy)
    return _digits(f"{value:,f}", digits)


def places_of(value: Decimal) -> int:
    """How many decimal places a figure needs (2.5 → 1, 15 → 0, 100.0 → 0)."""
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def weight(value: Decimal, *, digits: Digits = "arabic") -> str:
    """A weight as written in a template: 100.0 from summing 2.5s shows as 100."""
    return figure(value, places_of(value), digits=digits)


# -- years, fiscal years and months ----------------------------------------------------------


def be_year(year_ce: int) -> int:
    """The Buddhist-era year of a Common-Era year (2024 → 2567)."""
    return year_ce + BE_OFFSET


def ce_year(year_be: int) -> int:
    """The Common-Era year of a Buddhist-era year (2567 → 2024)."""
    return year_be - BE_OFFSET


def fiscal_year_of(day: datetime.date) -> int:
    """The Thai fiscal year (Buddhist era) a day falls in: 1 Oct 2023 – 30 Sep 2024 is 2567."""
    return be_year(day.year + (1 if day.month >= 10 else 0))


def fiscal_year_dates(year_be: int) -> tuple[datetime.date, datetime.date]:
    """The first and last day of fiscal year ``year_be`` (1 October to 30 September)."""
    ends = ce_year(year_be)
    return datetime.date(ends - 1, 10, 1), datetime.date(ends, 9, 30)


def calendar_month(index: int) -> int:
    """The calendar month (10 = October) of a fiscal year's ``index``-th month (1 = October)."""
    return (9 + index - 1) % 12 + 1


def month_name(month: int, language: str = "th", *, short: bool = True) -> str:
    """A month's name (1 = January) in Thai or English: 'ต.ค.' / 'ตุลาคม', 'Oct' / 'October'."""
    if language == "en":
        return (MONTHS_EN_SHORT if short else MONTHS_EN)[month - 1]
    return (MONTHS_TH_SHORT if short else MONTHS_TH)[month - 1]


def date(
    day: datetime.date, language: str = "th", *, short: bool = False, digits: Digits = "arabic"
) -> str:
    """'30 กันยายน 2567' (Buddhist era) in Thai, '30 September 2024' in English.

    ``short`` abbreviates the month ('30 ก.ย. 2567'); ``digits='thai'`` gives '๓๐ กันยายน ๒๕๖๗'.
    """
    name = month_name(day.month, language, short=short)
    year = day.year if language == "en" else be_year(day.year)
    return _digits(f"{day.day} {name} {year}", digits)


def day_month_year(day: datetime.date) -> str:
    """'01/10/2566': day/month/Buddhist-era year, as Thai forms write a date."""
    return f"{day:%d/%m}/{be_year(day.year)}"
