"""The KPI page's outlook block: the year so far, the forecast with its band, the risk."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.template.loader import get_template
from django.utils import translation

from thaikpi.sources.monthly import Outlook


def outlook(**changes: object) -> Outlook:
    base = {"through": 6, "to_date": Decimal("1.62"), "round_1": Decimal("1.62"),
            "foreseen": Decimal("1.90"), "low": Decimal("-1.67"), "high": Decimal("9.39"),
            "level_75": Decimal("2.10"), "at_risk": True,
            "explanations": ("export_value: first 6 months …",)}  # fmt: skip
    return Outlook(**{**base, **changes})  # type: ignore[arg-type]


def rendered(seen: Outlook, language: str = "th") -> str:
    with translation.override(language):
        return get_template("front/_outlook.html").render({"outlook": seen})


def test_the_outlook_shows_the_forecast_its_band_and_the_risk_in_thai():
    html = rendered(outlook())
    assert "แนวโน้มถึงสิ้นปี" in html and "ถึงปัจจุบัน (6 เดือน)" in html
    assert "1.90 (-1.67 – 9.39)" in html
    assert "เสี่ยง: ต่ำกว่าค่าระดับ 75 (2.10)" in html


@pytest.mark.parametrize(("risk", "shown"), [(True, True), (False, False)])
def test_the_risk_is_shown_only_when_the_forecast_falls_short(risk, shown):
    assert ("At risk" in rendered(outlook(at_risk=risk), "en")) is shown


def test_without_a_forecast_the_outlook_says_why():
    html = rendered(outlook(foreseen=None, low=None, high=None, why_not="needs a year"), "en")
    assert "No forecast" in html and "needs a year" in html and "At risk" not in html
