"""The dashboard's at-risk list: KPIs whose year-end forecast falls below the standard level."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.engine.series_data import DITP_EXPORTS, series_of
from tests.personas import agree
from tests.services.test_surveys import _user, land  # noqa: F401  (the fixture)
from tests.sources.calendars import ROUND_MONTHS, levels, template
from thaikpi.accounts.choices import Role
from thaikpi.engine.series import fiscal_month
from thaikpi.results.models import Result
from thaikpi.services import dashboard, imports, results, series
from thaikpi.services import reports as report_service


def sheet(total_2567: str, through: int = 6) -> bytes:
    """Export months of DITP's baseline years and of 2567 to month ``through``."""
    history = series_of(DITP_EXPORTS | {2567: Decimal(total_2567)})
    lines = ["เดือน,export_value"]
    for month, value in sorted(history.items()):
        if month.fiscal_year == 2567 and month.fiscal_index > through:
            continue
        lines.append(f"{month.month}/{month.year_be},{value}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def glance_of(land):  # noqa: F811
    (glance,) = dashboard.glances(land["pim"])
    return glance


# 2566 exported 279,063: 2567 heading for 279,063 is 0% growth, for 286,040 about 2.5%;
# KPI 1's year-end 75 level is 2.1%.
@pytest.mark.parametrize(
    ("total_2567", "at_risk"),
    [
        ("279063.0", True),  # flat
        ("272000.0", True),  # shrinking
        ("286039.6", False),  # 2.5% growth, above the 75 level
        ("300000.0", False),  # well above
    ],
)
def test_a_kpi_whose_year_end_forecast_is_below_its_standard_level_is_at_risk(
    land,  # noqa: F811
    total_2567,
    at_risk,
):
    card = land["cards"]["DITP"]
    series.import_monthly(land["pim"], card, "1", sheet(total_2567), "exports.csv")
    risks = glance_of(land).at_risk
    assert [r.kpi_id for r in risks] == (["1"] if at_risk else [])
    if at_risk:
        (risk,) = risks
        seen = series.outlook(card, "1")
        assert (risk.foreseen, risk.standard) == (seen.foreseen, Decimal("2.10"))
        assert risk.foreseen < risk.standard
        assert (risk.level.th, risk.level.en) == ("เป้าหมายมาตรฐาน", "standard target")
        assert (risk.name.th, risk.places) == ("อัตราการขยายตัวของมูลค่าการส่งออกภาพรวม (ร้อยละ)", 2)


def test_a_kpi_whose_year_end_result_is_in_is_no_longer_at_risk(land):  # noqa: F811
    card = land["cards"]["DITP"]
    series.import_monthly(land["pim"], card, "1", sheet("279063.0"), "exports.csv")
    assert [r.kpi_id for r in glance_of(land).at_risk] == ["1"]
    results.save_result(land["pim"], card, "1", 2, "0.4", "", 0)
    assert glance_of(land).at_risk == []


def test_without_monthly_figures_nothing_is_at_risk(land):  # noqa: F811
    assert glance_of(land).at_risk == []


def test_another_agencys_months_put_nobody_else_at_risk(land):  # noqa: F811
    dtn = land["cards"]["DTN"]
    series.import_monthly(land["ada"], dtn, "1", sheet("279063.0"), "exports.csv")
    assert glance_of(land).at_risk == []
    risks = series.at_risk([(dtn, dashboard.engine.current(dtn))])
    assert [r.kpi_id for r in risks[dtn.pk]] == ["1"]


@pytest.mark.parametrize(
    ("round_no", "entered", "listed"),
    [
        (1, None, True),
        (2, None, True),
        (2, "0.4", False),  # the year-end result is in: scored, no longer foreseen
        (1, "0.4", True),  # round 1's briefing still looks ahead
    ],
)
def test_the_briefing_names_a_kpi_whose_forecast_is_short_first(
    land,  # noqa: F811
    round_no,
    entered,
    listed,
):
    card = land["cards"]["DITP"]
    series.import_monthly(land["pim"], card, "1", sheet("279063.0"), "exports.csv")
    if entered:
        results.save_result(land["pim"], card, "1", 2, entered, "", 0)
    seen = series.outlook(card, "1")
    risks = report_service.briefing_data(card, round_no).at_risk
    said = f"คาดการณ์สิ้นปี {seen.foreseen:.2f} ต่ำกว่าค่าเป้าหมายมาตรฐาน (2.10)"
    assert ((risks[0].kpi_id, risks[0].reason) == ("1", said) if risks else False) is listed


# Every calendar and scale: the year-end round's standard level, named as the scale names it.
def months_sheet(through: int) -> bytes:
    """2566 at 10 a month, 2567 at 11 to March then 12 (see tests/sources/test_outlook.py)."""
    lines = ["เดือน,export_value"]
    lines += [
        f"{fiscal_month(2566, i).month}/{fiscal_month(2566, i).year_be},10" for i in range(1, 13)
    ]
    lines += [
        f"{fiscal_month(2567, i).month}/{fiscal_month(2567, i).year_be},{11 if i <= 6 else 12}"
        for i in range(1, through + 1)
    ]
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.parametrize(("calendar_name", "scale", "last", "reason"), [
    ("two rounds", "", 2, "คาดการณ์สิ้นปี 13.33 ต่ำกว่าค่าเป้าหมายมาตรฐาน (15.00)"),
    ("three rounds", "", 3, "คาดการณ์สิ้นปี 13.33 ต่ำกว่าค่าเป้าหมายมาตรฐาน (15.00)"),
    ("one round", "", 1, "คาดการณ์สิ้นปี 13.33 ต่ำกว่าค่าเป้าหมายมาตรฐาน (15.00)"),
    ("three rounds", "five-level", 3, "คาดการณ์สิ้นปี 13.33 ต่ำกว่าค่าระดับ 3 (15.00)"),
])  # fmt: skip
def test_every_calendar_and_scale_lists_a_kpi_short_of_its_year_end_standard_level(
    land,  # noqa: F811
    calendar_name,
    scale,
    last,
    reason,
):
    text = template(ROUND_MONTHS[calendar_name], levels(calendar_name, scale, "15"), scale)
    card = imports.import_template(land["ada"], text.replace("code: CAL", "code: DFT")).scorecard
    agree(card, land["ada"], land["eve"])
    planner = _user("dee", Role.PLANNER, card.agency)
    series.import_monthly(planner, card, "1", months_sheet(9), "exports.csv")
    (risk,) = series.at_risk([(card, dashboard.engine.current(card))])[card.pk]
    assert (risk.kpi_id, risk.foreseen, risk.standard) == ("1", Decimal("13.33"), Decimal("15.00"))
    named = ("ระดับ 3", "level 3") if scale else ("เป้าหมายมาตรฐาน", "standard target")
    assert (risk.level.th, risk.level.en) == named
    briefing = report_service.briefing_data(card, last).at_risk
    assert [(r.kpi_id, r.reason) for r in briefing] == [("1", reason)]


# 2567's export value summed to each round's last month, against the same months of 2566.
@pytest.mark.parametrize(
    ("calendar_name", "through", "stored"),
    [
        ("two rounds", 9, {1: ("66", "60")}),
        ("three rounds", 9, {1: ("66", "60"), 2: ("102", "90")}),  # round 2 of three: Oct–Jun
        ("three rounds", 12, {1: ("66", "60"), 2: ("102", "90"), 3: ("138", "120")}),
        ("one round", 9, {}),
        ("one round", 12, {1: ("138", "120")}),  # the only round: the whole year
    ],
)
def test_each_complete_round_of_the_calendar_gets_its_result_from_the_months(
    land,  # noqa: F811
    calendar_name,
    through,
    stored,
):
    text = template(ROUND_MONTHS[calendar_name], levels(calendar_name, "", "15"))
    card = imports.import_template(land["ada"], text.replace("code: CAL", "code: DFT")).scorecard
    planner = _user("dee", Role.PLANNER, card.agency)
    imported = series.import_monthly(planner, card, "1", months_sheet(through), "exports.csv")
    assert imported.stored_rounds == tuple(stored)
    found = Result.objects.filter(scorecard=card, kpi_id="1").order_by("round_no")
    assert {
        r.round_no: (r.raw["export_value"], r.raw["export_value_previous"]) for r in found
    } == stored


def test_a_round_that_does_not_assess_the_kpi_gets_no_result_from_the_months(land):  # noqa: F811
    text = template((6, 12), {1: (), 2: ("10", "15", "20")})
    card = imports.import_template(land["ada"], text.replace("code: CAL", "code: DFT")).scorecard
    planner = _user("dee", Role.PLANNER, card.agency)
    imported = series.import_monthly(planner, card, "1", months_sheet(9), "exports.csv")
    assert imported.rounds == ()
