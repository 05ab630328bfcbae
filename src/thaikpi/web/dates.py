"""Dates, months and fiscal years in the active language (Thai: Buddhist era, short months)."""

from __future__ import annotations

import datetime

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from thaikpi.engine import formatting


def month_name(month: int, language: str | None = None) -> str:
    """The abbreviated month name (1 = January) in Thai or English."""
    return formatting.month_name(month, language or get_language() or "th")


def thai_date(day: datetime.date, language: str | None = None) -> str:
    """'1 ต.ค. 2566' in Thai (Buddhist era); '1 Oct 2023' in English."""
    return formatting.date(day, language or get_language() or "th", short=True)


def fiscal_year_label(year_be: int, starts: datetime.date, ends: datetime.date) -> str:
    """'ปีงบประมาณ พ.ศ. 2567 (1 ต.ค. 2566 – 30 ก.ย. 2567)', or the English equivalent."""
    return _("Fiscal year B.E. {year} ({starts} – {ends})").format(
        year=year_be, starts=thai_date(starts), ends=thai_date(ends)
    )
