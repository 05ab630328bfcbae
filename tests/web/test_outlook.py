"""The KPI page's outlook block: the year so far, its rounds, the forecast with its band, the
risk named by the scale's standard level."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.template.loader import get_template
from django.utils import translation

from thaikpi.engine import model as m
from thaikpi.engine.scales import FIVE_LEVEL, OPDC_3
from thaikpi.sources.monthly import Outlook, RoundSoFar, standard_name

ROUND_1 = RoundSoFar(1, 6, m.Text("รอบที่ 1 (6 เดือน)", "Round 1 (6 months)"), Decimal("1.62"))
ROUND_2 = RoundSoFar(2, 9, m.Text("รอบ 9 เดือน", "9 months"), Decimal("1.70"))


def outlook(**changes: object) -> Outlook:
    base = {"through": 6, "to_date": Decimal("1.62"), "rounds": (ROUND_1,),
            "foreseen": Decimal("1.90"), "low": Decimal("-1.67"), "high": Decimal("9.39"),
            "standard": Decimal("2.10"), "at_risk": True,
            "explanations": ("export_value: first 6 months …",)}  # fmt: skip
    return Outlook(**{**base, **changes})  # type: ignore[arg-type]


def rendered(seen: Outlook, language: str = "th") -> str:
    with translation.override(language):
        return get_template("front/_outlook.html").render({"outlook": seen})


def test_the_outlook_shows_the_forecast_its_band_and_the_risk_in_thai():
    html = rendered(outlook())
    assert "แนวโน้มถึงสิ้นปี" in html and "ถึงปัจจุบัน (6 เดือน)" in html
    assert "<dt>รอบที่ 1 (6 เดือน)</dt><dd>1.62</dd>" in html
    assert "1.90 (-1.67 – 9.39)" in html
    assert "เสี่ยง: ต่ำกว่าค่าเป้าหมายมาตรฐาน (2.10)" in html


@pytest.mark.parametrize(
    ("scale", "rounds", "language", "said", "shown"),
    [
        (OPDC_3, (ROUND_1,), "th", "เสี่ยง: ต่ำกว่าค่าเป้าหมายมาตรฐาน (2.10)", ["รอบที่ 1 (6 เดือน)"]),
        (OPDC_3, (), "en", "At risk: below the standard target (2.10)", []),
        (FIVE_LEVEL, (ROUND_1, ROUND_2), "th", "เสี่ยง: ต่ำกว่าค่าระดับ 3 (2.10)",
         ["รอบที่ 1 (6 เดือน)", "รอบ 9 เดือน"]),
        (FIVE_LEVEL, (ROUND_1, ROUND_2), "en", "At risk: below the level 3 (2.10)",
         ["Round 1 (6 months)", "9 months"]),
    ],
)  # fmt: skip
def test_the_risk_names_the_scales_standard_level_and_each_round_so_far_its_own_name(
    scale, rounds, language, said, shown
):
    html = rendered(outlook(rounds=rounds, standard_name=standard_name(scale)), language)
    assert said in html and "75" not in html
    assert [r.name.get(language) for r in rounds] == shown
    assert all(f"<dt>{name}</dt>" in html for name in shown)


@pytest.mark.parametrize(("risk", "shown"), [(True, True), (False, False)])
def test_the_risk_is_shown_only_when_the_forecast_falls_short(risk, shown):
    assert ("At risk" in rendered(outlook(at_risk=risk), "en")) is shown


def test_without_a_forecast_the_outlook_says_why():
    html = rendered(outlook(foreseen=None, low=None, high=None, why_not="needs a year"), "en")
    assert "No forecast" in html and "needs a year" in html and "At risk" not in html
