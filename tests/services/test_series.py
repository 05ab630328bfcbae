"""A KPI's monthly series: imported all or nothing, its value to date and year-end forecast."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.engine.series_data import DITP_EXPORTS, series_of
from tests.services.test_surveys import _user, land  # noqa: F401  (the fixture)
from thaikpi.accounts.choices import Role
from thaikpi.changelog.models import AuditLog
from thaikpi.engine import series as es
from thaikpi.results.models import Evidence, MonthlyProgress, MonthlyValue, Result, SeriesFile
from thaikpi.scorecards.permissions import NotFound
from thaikpi.services import results, reviews, series
from thaikpi.services.errors import NotAllowed

# DITP's baseline years and fiscal year 2567 heading for 286,000 (a 2.5% growth).
TOTALS = DITP_EXPORTS | {2567: Decimal("286039.6")}
HISTORY = series_of(TOTALS)


def sheet(through: int = 6, header: str = "เดือน,export_value") -> bytes:
    """HISTORY to month ``through`` of 2567, months labelled in turn in three Thai ways."""
    lines = [header]
    for n, (month, value) in enumerate(sorted(HISTORY.items())):
        if month.fiscal_year == 2567 and month.fiscal_index > through:
            continue
        label = (
            month.label("th"),  # ต.ค. 2566
            f"{month.month}/{month.year_be}",  # 10/2566
            f"{month.label('th')[:-4]}{str(month.year_be)[2:]}",  # ต.ค. 66
        )[n % 3]
        lines.append(f"{label},{value}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_a_planner_imports_kpi_1s_export_months_and_the_year_so_far_is_computed(land):  # noqa: F811
    card = land["cards"]["DITP"]
    imported = series.import_monthly(land["pim"], card, "1", sheet(), "exports.csv")
    assert imported.values == {"export_value": 66}  # 5 whole years and 6 months
    assert imported.progress_months == (1, 2, 3, 4, 5, 6)
    assert MonthlyValue.objects.count() == 66
    ditp = {"export_value": HISTORY}
    expected = es.growth_to_date(ditp["export_value"], 2567, 6).quantize(Decimal("0.01"))
    assert MonthlyProgress.objects.get(scorecard=card, kpi_id="1", month=6).value == expected


def test_the_outlook_forecasts_the_year_end_growth_with_a_band(land):  # noqa: F811
    card = land["cards"]["DITP"]
    series.import_monthly(land["pim"], card, "1", sheet(), "exports.csv")
    seen = series.outlook(card, "1", "en")
    assert seen is not None and seen.through == 6 and not seen.why_not
    made = es.forecast(HISTORY, 2567, 6)
    assert seen.foreseen == es.growth(made.value, TOTALS[2566]).quantize(Decimal("0.01"))
    assert seen.low <= seen.foreseen <= seen.high
    assert seen.round_1 == seen.to_date  # after 6 months the year so far is round 1's value
    assert (seen.standard, seen.standard_name.en, seen.year_end) == (
        Decimal("2.1"),
        "standard target",
        2,
    )
    assert seen.at_risk is (seen.foreseen < Decimal("2.1"))
    assert seen.explanations[0].startswith("export_value: first 6 months")


def test_without_earlier_years_the_outlook_says_why_there_is_no_forecast(land):  # noqa: F811
    card = land["cards"]["DITP"]
    only = "เดือน,export_value\nต.ค. 66,21000\nพ.ย. 66,20000\n".encode()
    series.import_monthly(land["pim"], card, "1", only, "exports.csv")
    seen = series.outlook(card, "1", "th")
    assert seen is not None and seen.foreseen is None
    assert "ไม่มีค่าของเดือน" in seen.why_not or "ต้องมีข้อมูลรายเดือน" in seen.why_not


def test_no_monthly_data_no_outlook(land):  # noqa: F811
    assert series.outlook(land["cards"]["DITP"], "1") is None


def test_a_bad_cell_saves_nothing_and_is_named_by_row_and_column(land):  # noqa: F811
    data = "เดือน,export_value\nต.ค. 66,21000\nพ.ย. 66,lots\n".encode()
    with pytest.raises(series.SeriesInvalid) as caught:
        series.import_monthly(land["pim"], land["cards"]["DITP"], "1", data, "x.csv")
    assert caught.value.texts("en")[0].startswith("x.csv, row 3, column B (export_value): ")
    assert not MonthlyValue.objects.exists()


def test_a_column_that_is_no_input_of_the_kpi_is_refused(land):  # noqa: F811
    data = "เดือน,exports\nต.ค. 66,21000\n".encode()
    with pytest.raises(series.SeriesInvalid) as caught:
        series.import_monthly(land["pim"], land["cards"]["DITP"], "1", data, "x.csv")
    assert "KPI 1 has no input 'exports'" in caught.value.texts("en")[0]


def test_an_input_may_be_headed_by_its_thai_name(land):  # noqa: F811
    data = sheet(6, "เดือน,มูลค่าการส่งออกทั้งหมดในปีงบประมาณ 2567 (ต.ค. 66 - ก.ย. 67)")
    imported = series.import_monthly(land["pim"], land["cards"]["DITP"], "1", data, "x.csv")
    assert imported.values == {"export_value": 66}


def test_a_planner_of_another_agency_may_not_import_its_months(land):  # noqa: F811
    with pytest.raises(NotAllowed):
        series.import_monthly(land["pim"], land["cards"]["DTN"], "1", sheet(), "x.csv")


def test_a_complete_round_gets_its_result_from_the_months_with_the_sheet_as_evidence(land):  # noqa: F811
    card = land["cards"]["DITP"]
    imported = series.import_monthly(land["pim"], card, "1", sheet(), "exports.csv")
    assert imported.stored_rounds == (1,)
    result = Result.objects.get(scorecard=card, kpi_id="1", round_no=1)
    assert result.raw == {
        "export_value": str(es.year_to_date(HISTORY, 2567, 6)),
        "export_value_previous": str(es.year_to_date(HISTORY, 2566, 6)),
    }
    assert "exports.csv" in result.note
    assert [e.original_name for e in Evidence.objects.filter(result=result)] == ["exports.csv"]


def test_a_round_not_yet_complete_gets_no_result(land):  # noqa: F811
    card = land["cards"]["DITP"]
    imported = series.import_monthly(land["pim"], card, "1", sheet(through=4), "exports.csv")
    assert imported.rounds == () and imported.stored_rounds == ()
    assert not Result.objects.exists()


def test_a_submitted_rounds_result_stays_and_the_months_are_still_stored(land):  # noqa: F811
    card = land["cards"]["DITP"]
    typed = {"export_value": "142500", "export_value_previous": "141000"}
    results.save_result(land["pim"], card, "1", 1, typed, "", 0)
    reviews.transition(land["pim"], card, 1, "submit")
    imported = series.import_monthly(land["pim"], card, "1", sheet(), "exports.csv")
    assert [(r.round_no, r.action) for r in imported.rounds] == [(1, "closed")]
    assert Result.objects.get(kpi_id="1", round_no=1).raw == typed
    assert MonthlyValue.objects.count() == 66


def test_a_dry_run_shows_the_rounds_and_the_outlook_and_writes_nothing(land):  # noqa: F811
    card = land["cards"]["DITP"]
    preview = series.import_monthly(land["pim"], card, "1", sheet(), "exports.csv", dry_run=True)
    assert preview.dry_run
    assert [(c.heading, c.input_id, c.count) for c in preview.columns] == [
        ("export_value", "export_value", 66)
    ]
    assert [(r.round_no, r.action) for r in preview.rounds] == [(1, "store")]
    assert preview.outlook is not None and preview.outlook.foreseen is not None
    assert preview.outlook.round_1 == preview.rounds[0].value
    assert not MonthlyValue.objects.exists() and not Result.objects.exists()


@pytest.mark.parametrize(
    ("stored", "given"),
    [("137337.900000", "137337.9"), ("140000.000000", "140000"), ("0.123456", "0.123456")],
)
def test_stored_months_read_back_with_the_places_they_were_given(stored, given):
    assert str(series.as_given(Decimal(stored))) == given


def test_the_outlook_explains_the_year_so_far_as_the_sheet_wrote_it(land):  # noqa: F811
    card = land["cards"]["DITP"]
    series.import_monthly(land["pim"], card, "1", sheet(), "exports.csv")
    explained = series.outlook(card, "1", "en").explanations[0]
    assert ".000000" not in explained
    assert f"first 6 months {es.year_to_date(HISTORY, 2567, 6):,f} ÷" in explained


def test_thai_explanations_name_the_series_by_its_thai_name_not_its_id(land):  # noqa: F811
    card = land["cards"]["DITP"]
    series.import_monthly(land["pim"], card, "1", sheet(), "exports.csv")
    explained = series.outlook(card, "1", "th").explanations[0]
    assert explained.startswith("มูลค่าการส่งออกทั้งหมดในปีงบประมาณ 2567")
    assert "export_value" not in explained and ": ยอด 6 เดือนแรก " in explained


# -- every uploaded sheet kept as the evidence of the KPI's series ------------------------------


@pytest.mark.parametrize(
    ("through", "first", "last", "months", "rounds"),
    [
        (4, "2561-10", "2567-01", 64, ()),  # ends mid-round: kept all the same
        (6, "2561-10", "2567-03", 66, (1,)),  # completes round 1: kept, and round 1's evidence
    ],
)
def test_every_stored_sheet_is_kept_with_the_months_it_gave(
    land,  # noqa: F811
    through,
    first,
    last,
    months,
    rounds,
):
    card = land["cards"]["DITP"]
    data = sheet(through)
    imported = series.import_monthly(land["pim"], card, "1", data, "exports.csv")
    assert imported.stored_rounds == rounds
    (kept,) = SeriesFile.objects.all()
    assert (kept.scorecard, kept.kpi_id, kept.original_name) == (card, "1", "exports.csv")
    assert (kept.first, kept.last, kept.values) == (first, last, {"export_value": months})
    assert (kept.content_type, kept.size, kept.uploaded_by) == ("text/csv", len(data), land["pim"])
    assert kept.file.read() == data
    assert "exports.csv" not in kept.file.name  # stored under a random name
    entry = AuditLog.objects.get(action="series.import")
    assert (entry.object_type, entry.object_id, entry.kpi_id) == (
        "results.seriesfile",
        str(kept.pk),
        "1",
    )
    assert entry.after == {"name": "exports.csv", "size": len(data), "first": first, "last": last,
                           "values": {"export_value": months}}  # fmt: skip


def test_each_upload_is_kept_newest_first_and_a_dry_run_keeps_nothing(land):  # noqa: F811
    card = land["cards"]["DITP"]
    series.import_monthly(land["pim"], card, "1", sheet(2), "march.csv", dry_run=True)
    assert not SeriesFile.objects.exists()
    series.import_monthly(land["pim"], card, "1", sheet(2), "november.csv")
    series.import_monthly(land["pim"], card, "1", sheet(5), "february.csv")
    assert [f.original_name for f in series.series_files(card, "1")] == [
        "february.csv",
        "november.csv",
    ]
    assert series.series_files(card, "2") == []
    assert series.series_files(land["cards"]["DTN"], "1") == []


def test_a_refused_sheet_is_not_kept(land):  # noqa: F811
    data = "เดือน,export_value\nต.ค. 66,lots\n".encode()
    with pytest.raises(series.SeriesInvalid):
        series.import_monthly(land["pim"], land["cards"]["DITP"], "1", data, "x.csv")
    assert not SeriesFile.objects.exists()


@pytest.mark.parametrize(
    ("reader", "found"), [("pim", True), ("eve", True), ("ada", True), ("tom", False)]
)
def test_a_kept_sheet_is_given_to_those_who_read_its_scorecard(land, reader, found):  # noqa: F811
    land["tom"] = _user("tom", Role.PLANNER, land["cards"]["DTN"].agency)
    series.import_monthly(land["pim"], land["cards"]["DITP"], "1", sheet(4), "exports.csv")
    kept = SeriesFile.objects.get()
    if found:
        assert series.series_file_for(land[reader], kept.pk) == kept
    else:
        with pytest.raises(NotFound):
            series.series_file_for(land[reader], kept.pk)
