"""The dashboards' figures: the latest round with results, status counts, change, missing KPIs,
every agency nationally with filters, the distribution and the ministry roll-up."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.personas import mini_text
from tests.web.test_scales_pages import five_level_card
from thaikpi.agencies.choices import AgencyKind
from thaikpi.agencies.models import Agency
from thaikpi.services import dashboard, engine, imports, reports, results, reviews


def both_rounds(world) -> None:
    """Round 1: KPI 1 at its 100 level (40 of 70). Round 2: KPI 1 at 75 (30 of 100)."""
    results.save_result(world.ada, world.card, "1", 1, "1.35", "", 0)
    results.save_result(world.ada, world.card, "1", 2, "2.1", "", 0)


def test_the_executive_sees_the_latest_round_that_has_results(world):
    both_rounds(world)
    (glance,) = dashboard.glances(world.ekk)
    assert glance.round_no == 2
    assert (glance.round.total, glance.round.max_total) == (D("30.0000"), D(100))


def test_the_glance_counts_kpis_per_status_and_lists_those_without_a_result(world):
    both_rounds(world)
    (glance,) = dashboard.glances(world.ekk, lambda text: text.th)
    assert glance.colours == {"100": 0, "75": 1, "50": 0, "0": 0, "none": 2, "open": 0}
    assert glance.missing == [("2", "คะแนน PMQA 4.0"), ("3", "มูลค่าการค้าต่องบประมาณ")]


def test_the_change_is_against_the_previous_round_with_results(world):
    both_rounds(world)
    (glance,) = dashboard.glances(world.ekk)
    assert glance.change == D("-10.0000")
    assert [(p.year_be, p.round_no, p.total, p.has_results) for p in glance.trend] == [
        (2567, 1, D("40.0000"), True),
        (2567, 2, D("30.0000"), True),
    ]


def test_without_any_result_the_glance_opens_round_1_with_nothing_to_compare(world):
    (glance,) = dashboard.glances(world.pim)
    assert (glance.round_no, glance.change) == (1, None)
    assert glance.colours["none"] == 2  # KPI 2 is not assessed in round 1


def test_the_at_risk_list_is_empty_until_a_forecast_fills_it(world):
    (glance,) = dashboard.glances(world.ekk)
    assert glance.at_risk == []


def test_the_latest_round_falls_back_to_the_first_without_results(world):
    assert dashboard.latest_round(world.card, [1, 2]) == 1
    results.save_result(world.ada, world.card, "1", 2, "2.1", "", 0)
    assert dashboard.latest_round(world.card, [1, 2]) == 2


def test_an_executive_sees_only_their_agency(world):
    assert [g.scorecard.agency.code for g in dashboard.glances(world.ekk)] == ["DITP"]


def national_world(world) -> None:
    """DITP 40/70 in round 1 (submitted); DBD nothing; TMD (another ministry) 70/70."""
    results.save_result(world.ada, world.card, "1", 1, "1.35", "", 0)
    reviews.transition(world.ada, world.card, 1, "submit")
    mot = Agency.objects.create(code="MOT", name_th="กระทรวงคมนาคม", kind=AgencyKind.MINISTRY)
    Agency.objects.create(code="TMD", name_th="กรมทดสอบ", kind=AgencyKind.DEPARTMENT, parent=mot)
    tmd = imports.import_template(world.ada, mini_text("TMD")).scorecard
    results.save_result(world.ada, tmd, "1", 1, "1.35", "", 0)
    results.save_result(world.ada, tmd, "3", 1, {"trade_value": "400", "budget": "10"}, "", 0)


def test_the_evaluator_sees_every_agency_in_the_latest_round_with_results(world):
    national_world(world)
    found = dashboard.national(world.eve, {})
    assert found.filters.round_no == 1
    rows = [(r.scorecard.agency.code, r.total, r.percent, r.missing, r.state) for r in found.rows]
    assert rows == [
        ("TMD", D("70.0000"), D("100.00"), 0, "draft"),
        ("DITP", D("40.0000"), D("57.14"), 1, "submitted"),
        ("DBD", D(0), D("0.00"), 2, "draft"),
    ]


@pytest.mark.parametrize(
    ("params", "codes"),
    [
        ({"sort": "agency"}, ["DBD", "DITP", "TMD"]),
        ({"sort": "-missing"}, ["DBD", "DITP", "TMD"]),
        ({"state": "submitted"}, ["DITP"]),
        ({"missing": "1"}, ["DITP", "DBD"]),
        ({"band": "50"}, ["DITP"]),
        ({"band": "90"}, ["TMD"]),
        ({"sort": "nonsense"}, ["TMD", "DITP", "DBD"]),
    ],
)
def test_the_national_table_filters_and_sorts(world, params, codes):
    national_world(world)
    assert [r.scorecard.agency.code for r in dashboard.national(world.eve, params).rows] == codes


def test_the_national_table_filters_by_ministry(world):
    national_world(world)
    moc = world.ditp.parent.pk
    found = dashboard.national(world.eve, {"ministry": str(moc)})
    assert {r.scorecard.agency.code for r in found.rows} == {"DITP", "DBD"}


def test_the_histogram_and_the_ministry_rollup(world):
    national_world(world)
    found = dashboard.national(world.eve, {})
    # DBD has no result at all: counted in its ministry, but its 0 is not a total.
    assert dict(found.histogram) == {0: 0, 10: 0, 20: 0, 30: 0, 40: 0, 50: 1, 60: 0, 70: 0,
                                     80: 0, 90: 1}  # fmt: skip
    rollup = [(m.name, m.count, m.mean, m.low, m.high) for m in found.rollup]
    assert rollup == [
        ("กระทรวงคมนาคม", 1, D("70.0000"), D("70.0000"), D("70.0000")),
        ("กระทรวงพาณิชย์", 2, D("40.0000"), D("40.0000"), D("40.0000")),
    ]


def test_a_ministry_whose_agencies_have_no_result_yet_has_no_mean(world):
    found = dashboard.national(world.eve, {"year": "2567", "round": "1"})
    rollup = [(m.name, m.count, m.mean, m.low, m.high) for m in found.rollup]
    assert rollup == [("กระทรวงพาณิชย์", 2, None, None, None)]
    assert sum(n for _b, n in found.histogram) == 0


LAST_YEAR = ("year_be: 2567, starts: 2023-10-01, ends: 2024-09-30",
             "year_be: 2566, starts: 2022-10-01, ends: 2023-09-30")  # fmt: skip


def test_the_glance_and_the_briefing_read_one_agency_trend(world):
    earlier = imports.import_template(world.ada, mini_text("DITP").replace(*LAST_YEAR)).scorecard
    results.save_result(world.ada, earlier, "1", 2, "2.4", "", 0)
    both_rounds(world)
    trend = dashboard.agency_trend(world.card, world.ekk)
    glance = next(g for g in dashboard.glances(world.ekk) if g.scorecard == world.card)
    assert glance.trend == trend
    assert [(p.year_be, p.round_no, p.has_results) for p in trend] == [
        (2566, 1, False), (2566, 2, True), (2567, 1, True), (2567, 2, True),
    ]  # fmt: skip
    briefed = reports.briefing_data(world.card, 1, world.ekk).trend
    assert [(p.label, p.total, p.current) for p in briefed] == [
        ("2566 รอบที่ 2", trend[1].total, False), ("2567 รอบที่ 1", trend[2].total, True),
    ]  # fmt: skip


def test_the_briefing_trend_takes_as_many_queries_whatever_the_number_of_years(world):
    def queries() -> int:
        with CaptureQueriesContext(connection) as seen:
            reports.briefing_data(world.card, 2, world.ekk)
        return len(seen)

    results.save_result(world.ada, world.card, "1", 1, "1.35", "", 0)
    queries()  # the first call parses the template and fills the engine's caches
    one_year = queries()
    for year in (2566, 2565, 2564):
        text = mini_text("DITP").replace(*LAST_YEAR).replace("2566", str(year))
        text = text.replace("2022-10-01", f"{year - 544}-10-01").replace(
            "2023-09-30", f"{year - 543}-09-30"
        )
        card = imports.import_template(world.ada, text).scorecard
        results.save_result(world.ada, card, "1", 1, "1.35", "", 0)
        results.save_result(world.ada, card, "1", 2, "2.1", "", 0)
    assert len(reports.briefing_data(world.card, 2, world.ekk).trend) == 8
    assert queries() == one_year


def test_a_five_level_year_after_a_50_75_100_year_shows_no_change_across_scales(world):
    both_rounds(world)  # 2567 on 50/75/100: round 2 totals 30 of 100
    five = five_level_card(world)  # 2568 on the five-level scale
    results.save_result(world.pim, five, "1", 2, "61", "", 0)
    glance = next(g for g in dashboard.glances(world.ekk) if g.scorecard == five)
    assert (glance.round_no, glance.change) == (2, None)
    assert [p.scale for p in glance.trend if p.has_results] == ["opdc-3", "opdc-3", "five-level"]


def grouped(code: str, group_th: str) -> str:
    """The test template for ``code`` whose KPI 2 (PMQA) puts the agency in ``group_th``."""
    return mini_text(code).replace(
        '      "2":\n        levels:\n          - {score: 50, stated: 445}',
        f'      "2":\n        groups: {{th: "{group_th}", en: "Group"}}\n'
        "        levels:\n          - {score: 50, stated: 445}",
        1,
    )


def groups_world(world) -> None:
    """DITP and TMD in PMQA group 4, DBD in group 2, a province without a group."""
    imports.import_template(world.ada, grouped("DITP", "กลุ่มที่ 4"), "group 4")
    imports.import_template(world.ada, grouped("DBD", "กลุ่มที่ 2"), "group 2")
    mot = Agency.objects.create(code="MOT", name_th="กระทรวงคมนาคม", kind=AgencyKind.MINISTRY)
    Agency.objects.create(code="TMD", name_th="กรมทดสอบ", kind=AgencyKind.DEPARTMENT, parent=mot)
    imports.import_template(world.ada, grouped("TMD", "กลุ่มที่ 4"))
    Agency.objects.create(code="PKN", name_th="จังหวัดทดสอบ", kind=AgencyKind.PROVINCE, parent=mot)
    imports.import_template(world.ada, mini_text("PKN"))


def group_key(found, group_th: str) -> str:
    return next(g.key for g in found.groups if g.group.th == group_th)


@pytest.mark.parametrize(
    ("group", "kind", "codes"),
    [
        ("", "", ["DBD", "DITP", "PKN", "TMD"]),
        ("กลุ่มที่ 4", "", ["DITP", "TMD"]),
        ("กลุ่มที่ 2", "", ["DBD"]),
        ("", "province", ["PKN"]),
        ("", "department", ["DBD", "DITP", "TMD"]),
        ("กลุ่มที่ 4", "province", []),
    ],
)
def test_the_national_table_filters_by_assessment_group_and_kind_of_agency(
    world, group, kind, codes
):
    groups_world(world)
    every = dashboard.national(world.eve, {"round": "2"})
    params = {"round": "2", "kind": kind, "sort": "agency"}
    if group:
        params["group"] = group_key(every, group)
    found = dashboard.national(world.eve, params)
    assert [r.scorecard.agency.code for r in found.rows] == codes
    assert found.filters.href(sort="agency").count("group=") == (1 if group else 0)


def test_the_groups_offered_are_each_kpi_and_group_the_years_templates_name_once(world):
    groups_world(world)
    found = dashboard.national(world.eve, {"round": "2"})
    assert [(g.kpi.th, g.group.th) for g in found.groups] == [
        ("คะแนน PMQA 4.0", "กลุ่มที่ 2"),
        ("คะแนน PMQA 4.0", "กลุ่มที่ 4"),
    ]
    assert found.kinds == ["department", "province"]
    assert dashboard.national(world.eve, {"round": "1"}).groups == []  # KPI 2 is round 2's


@pytest.mark.parametrize("value", ["no such group", "../x", "abc"])
def test_an_unknown_group_shows_no_agency_and_a_bad_one_is_ignored(world, value):
    groups_world(world)
    found = dashboard.national(world.eve, {"round": "2", "group": value})
    assert len(found.rows) == (0 if value.isalnum() else 4)


def version_lookups(world, round_no: int) -> tuple[int, object]:
    """(how many times the briefing looks a round's version up, the briefing), caches warm."""
    reports.briefing_data(world.card, round_no, world.ekk)  # parses the template once
    with CaptureQueriesContext(connection) as seen:
        data = reports.briefing_data(world.card, round_no, world.ekk)
    joined = 'FROM "results_roundreview" INNER JOIN "scorecards_scorecardversion"'
    return sum(joined in q["sql"] for q in seen.captured_queries), data


def test_the_briefing_looks_up_its_rounds_frozen_version_once_with_the_trends(world):
    both_rounds(world)
    reviews.transition(world.pim, world.card, 1, "submit")  # round 1 frozen under version 1
    lookups, data = version_lookups(world, 1)
    # One look-up a round number for the trend's every year; the report's round is among them.
    assert lookups == len(engine.current(world.card).rounds) == 2
    assert data.version == 1


def test_a_briefing_of_a_round_frozen_under_an_older_version_still_names_that_version(world):
    both_rounds(world)
    reviews.transition(world.pim, world.card, 1, "submit")  # round 1 frozen under version 1
    top = "{score: 100, stated: 2.7}"
    changed = mini_text("DITP").replace(top, top.replace("2.7", "2.8"), 1)  # round 2 only
    assert imports.import_template(world.ada, changed, "v2").scorecard == world.card
    lookups, data = version_lookups(world, 1)
    assert lookups == 2
    assert (data.version, data.trend[-1].total) == (1, D("40.0000"))
    assert version_lookups(world, 2)[1].version == 2  # the open round follows the new version
