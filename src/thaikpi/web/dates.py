"""Thai calendar formatting: Buddhist-era years and abbreviated Thai month names."""

from __future__ import annotations

import datetime

from django.utils.translation import get_language
from django.utils.translation import gettext as _

MONTHS_TH = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)  # fmt: skip
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def month_name(month: int, language: str | None = None) -> str:
    """The abbreviated month name (1 = January) in Thai or English."""
    names = MONTHS_EN if (language or get_language()) == "en" else MONTHS_TH
    return names[month - 1]


def thai_date(day: datetime.date, language: str | None = None) -> str:
    """'1 ต.ค. 2566' in Thai (Buddhist era); '1 Oct 2023' in English."""
    if (language or get_language()) == "en":
        return f"{day.day} {month_name(day.month, 'en')} {day.year}"
    return f"{day.day} {month_name(day.month, 'th')} {day.year + 543}"


def fiscal_year_label(year_be: int, starts: datetime.date, ends: datetime.date) -> str:
    """'ปีงบประมาณ พ.ศ. 2567 (1 ต.ค. 2566 – 30 ก.ย. 2567)', or the English equivalent."""
    return _("Fiscal year B.E. {year} ({starts} – {ends})").format(
        year=year_be, starts=thai_date(starts), ends=thai_date(ends)
    )


def fiscal_month(year_be: int, index: int) -> tuple[int, int]:
    """(CE year, month) of the ``index``-th month (1 = October) of fiscal year ``year_be``."""
    month = (9 + index - 1) % 12 + 1
    year = year_be - 543 - (1 if month >= 10 else 0)
    return year, month
