"""Where the year is heading on every calendar and scale: the year-end round and its
standard level are the scorecard's own (the last round; 75, or 3 of five)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.sources.calendars import ROUND_MONTHS, calendar, levels
from thaikpi.engine.series import fiscal_month
from thaikpi.sources.monthly import outlook_of, standard_level, year_end

# 2566 exported 10 a month; 2567 11 a month to March, then 12: after 9 months the year so far
# is 102 against 90 (13.33%), round 1 (6 months) 66 against 60 (10.00%), and the year, as
# 2566 had made 0.75 of its exports by June, is foreseen at 102 ÷ 0.75 = 136 (13.33%).
EXPORTS = {fiscal_month(2566, i): Decimal(10) for i in range(1, 13)} | {
    fiscal_month(2567, i): Decimal(11 if i <= 6 else 12) for i in range(1, 10)
}
CALENDARS = [
    # calendar, scale, year-end round, the rounds before it covered by 9 months (value), name
    ("two rounds", "", 2, [(1, "10.00")], ("เป้าหมายมาตรฐาน", "standard target")),
    ("three rounds", "", 3, [(1, "10.00"), (2, "13.33")], ("เป้าหมายมาตรฐาน", "standard target")),
    ("one round", "", 1, [], ("เป้าหมายมาตรฐาน", "standard target")),
    ("three rounds", "five-level", 3, [(1, "10.00"), (2, "13.33")], ("ระดับ 3", "level 3")),
]


@pytest.mark.parametrize(("calendar_name", "scale", "last", "so_far", "named"), CALENDARS)
@pytest.mark.parametrize(("standard", "at_risk"), [("15", True), ("13.33", False), ("12", False)])
def test_the_forecast_is_judged_against_the_year_end_rounds_standard_level(
    calendar_name, scale, last, so_far, named, standard, at_risk
):
    sc = calendar(ROUND_MONTHS[calendar_name], levels(calendar_name, scale, standard), scale)
    seen = outlook_of(sc, sc.kpis[0], {"export_value": EXPORTS}, "en")
    assert seen.why_not == ""
    assert (seen.through, seen.to_date, seen.foreseen) == (9, Decimal("13.33"), Decimal("13.33"))
    assert (seen.year_end, seen.year_end_months) == (last, 12)
    assert [(r.number, str(r.value)) for r in seen.rounds] == so_far
    assert seen.standard == Decimal(standard)
    assert (seen.standard_name.th, seen.standard_name.en) == named
    assert seen.at_risk is at_risk


@pytest.mark.parametrize(
    ("calendar_name", "scale", "standard"),
    [
        ("two rounds", "", "75 of round 2"),
        ("three rounds", "", "75 of round 3"),
        ("one round", "", "75 of round 1"),
        ("three rounds", "five-level", "3 of round 3"),
    ],
)
def test_the_standard_level_is_the_scales_in_the_last_round(calendar_name, scale, standard):
    sc = calendar(ROUND_MONTHS[calendar_name], levels(calendar_name, scale, "15"), scale)
    level, _of, round_no = standard.partition(" of round ")
    assert (sc.scale.standard, year_end(sc).number) == (Decimal(level), int(round_no))
    assert standard_level(sc, sc.kpis[0]) == Decimal(15)


def test_after_the_year_end_rounds_months_the_forecast_is_what_the_year_came_to():
    whole = EXPORTS | {fiscal_month(2567, i): Decimal(12) for i in (10, 11, 12)}
    sc = calendar((6, 12), levels("two rounds", "", "15"))
    seen = outlook_of(sc, sc.kpis[0], {"export_value": whole}, "en")
    # 66 + 72 = 138 against 120: 15.00%, no band left
    assert (seen.through, seen.foreseen, seen.low, seen.high) == (12, *[Decimal("15.00")] * 3)
    assert [r.number for r in seen.rounds] == [1] and not seen.at_risk


def test_a_kpi_the_year_end_round_does_not_assess_is_never_at_risk():
    sc = calendar((6, 12), {1: ("10", "15", "20"), 2: ()})
    seen = outlook_of(sc, sc.kpis[0], {"export_value": EXPORTS}, "en")
    assert seen.standard is None and not seen.at_risk
    assert seen.foreseen == Decimal("13.33")  # read as round 1 reads it, the last it assesses
