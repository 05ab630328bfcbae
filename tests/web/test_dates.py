"""Dates and fiscal years in the active language."""

from __future__ import annotations

import datetime

from django.utils import translation

from thaikpi.web.dates import fiscal_year_label, month_name, thai_date


def test_dates_are_buddhist_era_in_thai():
    assert thai_date(datetime.date(2023, 10, 1), "th") == "1 ต.ค. 2566"
    assert thai_date(datetime.date(2023, 10, 1), "en") == "1 Oct 2023"


def test_the_fiscal_year_label_reads_the_thai_way():
    with translation.override("th"):
        label = fiscal_year_label(2567, datetime.date(2023, 10, 1), datetime.date(2024, 9, 30))
    assert label == "ปีงบประมาณ พ.ศ. 2567 (1 ต.ค. 2566 – 30 ก.ย. 2567)"


def test_month_names_follow_the_active_language():
    with translation.override("en"):
        assert month_name(10) == "Oct"
    with translation.override("th"):
        assert month_name(10) == "ต.ค."
