"""The demo's results from source files: KPI 6 from a catalog dump, KPIs 7–9 from survey
sheets, KPI 1's months with a forecast; each with its file kept as evidence."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from thaikpi.results.models import Evidence, MonthlyValue, Result
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import engine, series


@pytest.fixture
def demo(db):
    call_command("thaikpi_demo", stdout=StringIO())
    call_command("thaikpi_demo", stdout=StringIO())  # each source loads once
    return Scorecard.objects.get(agency__code="DITP")


def evidence_of(card, kpi_id):
    return sorted(
        Evidence.objects.filter(result__scorecard=card, result__kpi_id=kpi_id).values_list(
            "original_name", flat=True
        )
    )


@pytest.mark.parametrize(
    ("kpi_id", "files"),
    [
        ("6", ["ditp-catalog.jsonl", "gd-catalog.json"]),
        ("7", ["dga-2567.csv"]),
        ("8", ["dga-2567.csv"]),
        ("9", ["pmqa-2567.csv"]),
    ],
)
def test_the_demo_stores_each_source_kpi_with_its_file_as_evidence(demo, kpi_id, files):
    assert evidence_of(demo, kpi_id) == files
    assert Result.objects.get(scorecard=demo, kpi_id=kpi_id, round_no=2).revision >= 1


def test_the_demo_scores_kpis_7_to_9_from_the_survey_rows(demo):
    scored = engine.score(demo, 2)
    assert scored.kpi("8").actual == Decimal("72.76")
    assert scored.kpi("9").actual == Decimal("470.12")
    assert Result.objects.get(scorecard=demo, kpi_id="7", round_no=2).raw == {
        "pillars": {
            "Policies and Practices": "3",
            "Data-driven Practices": "4",
            "Digital Capability": "3",
            "Public Service": "2",
            "Smart Back Office": "5",
            "Secure and Efficient Infrastructure": "3",
            "Digital Technology Practices": "1",
        }
    }


def test_the_survey_feeds_the_second_department_too(demo):
    dbd = Scorecard.objects.get(agency__code="DBD")
    assert evidence_of(dbd, "8") == ["dga-2567.csv"]
    assert evidence_of(dbd, "9") == ["pmqa-2567.csv"]


def test_the_demo_kpi_6_result_holds_both_shares(demo):
    raw = Result.objects.get(scorecard=demo, kpi_id="6", round_no=2).raw
    assert set(raw) == {"quality_pct", "registered_pct"}


def test_the_demo_kpi_1_has_months_and_a_forecast(demo):
    assert MonthlyValue.objects.filter(agency=demo.agency, kpi_id="1").count() == 66
    outlook = series.outlook(demo, "1")
    assert outlook is not None
    assert outlook.through == 6
    assert outlook.foreseen is not None and outlook.low < outlook.foreseen < outlook.high
    # round 1 is submitted in the demo: its typed result stays
    assert Result.objects.get(scorecard=demo, kpi_id="1", round_no=1).raw == {
        "export_value": "142500",
        "export_value_previous": "141000",
    }
