"""Importing a survey sheet for every agency: matched by code or Thai name, all or nothing."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.personas import agree
from thaikpi.accounts.choices import Role
from thaikpi.accounts.models import Membership
from thaikpi.agencies.choices import AgencyKind
from thaikpi.agencies.models import Agency
from thaikpi.results.models import Evidence, Result
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import engine, imports, reviews, surveys
from thaikpi.services.errors import NotAllowed, RoundClosed
from thaikpi.sources.surveys import PILLARS, Survey

DITP_TEXT = (
    Path(__file__).parents[2] / "src" / "thaikpi" / "templates" / "ditp-2567.yaml"
).read_text(encoding="utf-8")
DGA_HEADER = "รหัสหน่วยงาน," + ",".join(PILLARS) + ",คะแนนรวม"
PMQA_HEADER = "หน่วยงาน,หมวด 1,หมวด 2,หมวด 3,หมวด 4,หมวด 5,หมวด 6,หมวด 7,คะแนนรวม"


def sheet(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def _user(name: str, role: str, agency: Agency | None = None) -> User:
    user = User.objects.create_user(name, password="x")
    Membership.objects.create(user=user, agency=agency, role=role)
    return user


@pytest.fixture
def land(db):
    """Two departments with the DITP 2567 scorecard, a third without one, and their users."""
    moc = Agency.objects.create(code="MOC", name_th="กระทรวงพาณิชย์", kind=AgencyKind.MINISTRY)
    made = {}
    for code, name in (
        ("DITP", "กรมส่งเสริมการค้าระหว่างประเทศ"),
        ("DTN", "กรมเจรจาการค้าระหว่างประเทศ"),
        ("DFT", "กรมการค้าต่างประเทศ"),
    ):
        made[code] = Agency.objects.create(
            code=code, name_th=name, kind=AgencyKind.DEPARTMENT, parent=moc
        )
    ada = _user("ada", Role.ADMIN)
    cards = {
        code: imports.import_template(
            ada, DITP_TEXT.replace("code: DITP", f"code: {code}", 1)
        ).scorecard
        for code in ("DITP", "DTN")
    }
    eve = _user("eve", Role.EVALUATOR)
    for card in cards.values():
        agree(card, ada, eve)
    return {"cards": cards, "eve": eve, "pim": _user("pim", Role.PLANNER, made["DITP"]), "ada": ada}


def test_an_evaluator_loads_every_agencys_dga_results_at_once(land):
    data = sheet(
        DGA_HEADER,
        "DITP,3,4,3,2,5,3,1,72.76",
        "กรมเจรจาการค้าระหว่างประเทศ,3,3,3,3,3,3,4,77.13",  # matched by its Thai name
        "DFT,1,1,1,1,1,1,1,40",  # no scorecard this year: listed, not refused
        "กรมที่ไม่มีในระบบ,2,2,2,2,2,2,2,50",
    )
    report = surveys.import_survey(land["eve"], data, "dga-2567.csv", 2567, 2)
    assert report.survey is Survey.DGA
    assert [(m.row, m.agency, m.kpis) for m in report.matched] == [
        (2, "DITP", ("7", "8")),
        (3, "DTN", ("7", "8")),
    ]
    assert report.unmatched == ((4, "DFT"), (5, "กรมที่ไม่มีในระบบ"))
    ditp = engine.score(land["cards"]["DITP"], 2)
    assert ditp.kpi("7").actual == Decimal(5) and ditp.kpi("7").score == Decimal("75.00")
    assert ditp.kpi("8").actual == Decimal("72.76")
    dtn = engine.score(land["cards"]["DTN"], 2)
    assert dtn.kpi("7").actual == Decimal(7) and dtn.kpi("7").score == Decimal(100)
    assert dtn.kpi("8").score == Decimal(100)


def test_the_survey_file_is_kept_as_each_results_evidence(land):
    data = sheet(DGA_HEADER, "DITP,3,4,3,2,5,3,1,72.76")
    surveys.import_survey(land["eve"], data, "dga-2567.csv", 2567, 2)
    kept = Evidence.objects.filter(result__kpi_id__in=["7", "8"])
    assert sorted(e.result.kpi_id for e in kept) == ["7", "8"]
    assert {e.original_name for e in kept} == {"dga-2567.csv"}
    assert kept[0].file.read() == data
    assert Result.objects.get(kpi_id="8").note == "จากไฟล์ผลสำรวจ dga-2567.csv แถว 2"


def test_an_agency_without_a_row_gets_no_result_and_so_scores_zero(land):
    data = sheet(PMQA_HEADER, "DITP,480,470,475,460,490,455,500,477.89")
    report = surveys.import_survey(land["eve"], data, "pmqa.csv", 2567, 2)
    assert report.without_result == ("DTN",)
    assert engine.score(land["cards"]["DITP"], 2).kpi("9").score == Decimal(100)
    dtn = engine.score(land["cards"]["DTN"], 2).kpi("9")
    assert dtn.score == Decimal(0) and dtn.status.value == "no_result"


def test_one_bad_cell_saves_nothing_and_names_its_row_and_column(land):
    data = sheet(DGA_HEADER, "DITP,3,4,3,2,5,3,1,72.76", "DTN,3,3,9,3,3,3,4,77.13")
    with pytest.raises(surveys.SurveyInvalid) as caught:
        surveys.import_survey(land["eve"], data, "dga.csv", 2567, 2)
    assert caught.value.texts("en") == (
        "dga.csv, row 3, column D (Digital Capability): must be from 1 to 5, got 9",
    )
    assert not Result.objects.exists() and not Evidence.objects.exists()


def test_an_agency_twice_in_the_sheet_saves_nothing(land):
    data = sheet(DGA_HEADER, "DITP,3,4,3,2,5,3,1,72.76", "DITP,3,3,3,3,3,3,4,77.13")
    with pytest.raises(surveys.SurveyInvalid) as caught:
        surveys.import_survey(land["eve"], data, "dga.csv", 2567, 2)
    assert "DITP is also on row 2" in caught.value.texts("en")[0]
    assert not Result.objects.exists()


def test_a_round_the_survey_kpis_are_not_assessed_in_is_refused_by_row(land):
    data = sheet(DGA_HEADER, "DITP,3,4,3,2,5,3,1,72.76")
    with pytest.raises(surveys.SurveyInvalid) as caught:
        surveys.import_survey(land["eve"], data, "dga.csv", 2567, 1)
    assert caught.value.texts("en")[0].startswith("dga.csv, row 2: KPI 7:")
    assert not Result.objects.exists()


def test_a_planner_may_not_import_a_survey_for_every_agency(land):
    data = sheet(DGA_HEADER, "DITP,3,4,3,2,5,3,1,72.76")
    with pytest.raises(NotAllowed):
        surveys.import_survey(land["pim"], data, "dga.csv", 2567, 2)


def test_a_closed_round_of_any_matched_agency_saves_nothing(land):
    card = land["cards"]["DTN"]
    reviews.transition(land["ada"], card, 2, "submit")
    data = sheet(DGA_HEADER, "DITP,3,4,3,2,5,3,1,72.76", "DTN,3,3,3,3,3,3,4,77.13")
    with pytest.raises(RoundClosed):
        surveys.import_survey(land["eve"], data, "dga.csv", 2567, 2)
    assert not Result.objects.exists()


def test_importing_again_replaces_the_results_as_a_new_revision(land):
    surveys.import_survey(land["eve"], sheet(DGA_HEADER, "DITP,3,3,3,3,3,3,3,70"), "a.csv", 2567, 2)
    surveys.import_survey(land["eve"], sheet(DGA_HEADER, "DITP,4,4,4,4,4,4,4,78"), "b.csv", 2567, 2)
    row = Result.objects.get(kpi_id="8")
    assert row.raw == "78" and row.revision == 2


def test_the_management_command_imports_a_sheet_and_lists_what_it_did(land, tmp_path):
    path = tmp_path / "dga.csv"
    path.write_bytes(sheet(DGA_HEADER, "DITP,3,4,3,2,5,3,1,72.76", "DFT,1,1,1,1,1,1,1,40"))
    out = io.StringIO()
    call_command("import_survey", str(path), "--year", "2567", "--user", "eve", stdout=out)
    assert out.getvalue().splitlines() == [
        "row 2: DITP ← KPI 7, 8",
        "row 3: DFT: no scorecard of 2567 (skipped)",
        "DTN: no row in the sheet (no result: scores 0)",
    ]
    assert Result.objects.get(kpi_id="8").raw == "72.76"


def test_the_management_command_refuses_a_bad_sheet_naming_the_cell(land, tmp_path):
    path = tmp_path / "dga.csv"
    path.write_bytes(sheet(DGA_HEADER, "DITP,3,4,3,2,5,3,1,172.76"))
    with pytest.raises(CommandError, match="row 2, column I"):
        call_command("import_survey", str(path), "--year", "2567", "--user", "eve")


def test_a_dry_run_lists_rows_matched_and_problems_by_row_and_writes_nothing(land):
    data = sheet(
        DGA_HEADER,
        "DITP,3,4,3,2,5,3,1,72.76",
        "DTN,3,3,9,3,3,3,4,77.13",  # a pillar at level 9
        "กรมที่ไม่มีในระบบ,2,2,2,2,2,2,2,50",
    )
    report = surveys.import_survey(land["eve"], data, "dga.csv", 2567, 2, dry_run=True)
    assert report.dry_run
    assert [(m.row, m.agency, m.name_th, m.kpis) for m in report.matched] == [
        (2, "DITP", "กรมส่งเสริมการค้าระหว่างประเทศ", ("7", "8"))
    ]
    assert report.unmatched == ((4, "กรมที่ไม่มีในระบบ"),)
    assert [r.row for r in report.rows] == [2, 3, 4]
    assert list(report.problems_by_row()) == [3]
    assert report.problems[0].column.startswith("D ")
    assert not Result.objects.exists() and not Evidence.objects.exists()


def test_a_dry_run_names_the_row_of_an_agency_whose_round_is_closed(land):
    reviews.transition(land["ada"], land["cards"]["DTN"], 2, "submit")
    data = sheet(DGA_HEADER, "DITP,3,4,3,2,5,3,1,72.76", "DTN,3,3,3,3,3,3,4,77.13")
    report = surveys.import_survey(land["eve"], data, "dga.csv", 2567, 2, dry_run=True)
    assert {p.row for p in report.problems} == {3}
    assert "KPI 7" in report.problems[0].message
    assert not Result.objects.exists()


def test_a_dry_run_then_the_import_store_the_same_rows(land):
    data = sheet(PMQA_HEADER, "DITP,470.50,465,480.25,455,475.75,460,490,470.12")
    preview = surveys.import_survey(land["eve"], data, "pmqa.csv", 2567, 2, dry_run=True)
    done = surveys.import_survey(land["eve"], data, "pmqa.csv", 2567, 2)
    assert [(m.row, m.kpis) for m in preview.matched] == [(m.row, m.kpis) for m in done.matched]
    assert Result.objects.get(kpi_id="9").raw == "470.12"


def test_a_dry_runs_queries_do_not_grow_with_the_agencies_in_the_sheet(land):
    rows = ["DITP,3,4,3,2,5,3,1,72.76", "DTN,3,3,3,3,3,3,4,77.13"]

    def queries() -> int:
        data = sheet(DGA_HEADER, *rows)
        surveys.import_survey(land["eve"], data, "d.csv", 2567, 2, dry_run=True)  # parsed once
        with CaptureQueriesContext(connection) as seen:
            surveys.import_survey(land["eve"], data, "d.csv", 2567, 2, dry_run=True)
        return len(seen)

    two = queries()
    dft = Agency.objects.get(code="DFT")
    imports.import_template(land["ada"], DITP_TEXT.replace("code: DITP", "code: DFT", 1))
    card = agree(Scorecard.objects.get(agency=dft), land["ada"], land["eve"])
    reviews.transition(land["ada"], card, 2, "submit")
    rows.append("DFT,3,3,3,3,3,3,4,77.13")
    assert queries() == two
