"""The sheet upload pages: survey results for every agency (evaluators) and a KPI's monthly
figures (its agency); each previews by row, then stores the very file it showed on confirm."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.services.test_series import sheet as monthly_sheet
from tests.services.test_surveys import (  # noqa: F401  (land: the fixture)
    DGA_HEADER,
    _user,
    land,
    sheet,
)
from thaikpi.accounts.choices import Role
from thaikpi.agencies.models import Agency
from thaikpi.results.models import Evidence, MonthlyValue, Result

SURVEYS = reverse("front:surveys")


@pytest.fixture(autouse=True)
def evidence_dir(settings, tmp_path):
    settings.EVIDENCE_DIR = tmp_path


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def dga(*rows: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("dga-2567.csv", sheet(DGA_HEADER, *rows))


GOOD = ("DITP,3,4,3,2,5,3,1,72.76", "กรมเจรจาการค้าระหว่างประเทศ,3,3,3,3,3,3,4,77.13")


def preview(client: Client, upload: SimpleUploadedFile):
    data = {"file": upload, "survey": "", "year": "2567", "round_no": "2"}
    return client.post(SURVEYS, data)


def test_the_evaluator_sees_every_row_matched_to_its_agency_before_anything_is_stored(land):  # noqa: F811
    response = preview(client_of(land["eve"]), dga(*GOOD, "กรมที่ไม่มีในระบบ,2,2,2,2,2,2,2,50"))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="survey-preview"' in body and 'id="survey-confirm"' in body
    assert 'data-row="2"' in body and "กรมส่งเสริมการค้าระหว่างประเทศ" in body
    assert body.count('class="skip"') == 1
    assert not Result.objects.exists()


def test_a_bad_cell_is_shown_on_its_row_and_there_is_nothing_to_confirm(land):  # noqa: F811
    response = preview(client_of(land["eve"]), dga(GOOD[0], "DTN,3,3,9,3,3,3,4,77.13"))
    body = response.content.decode()
    assert 'id="survey-errors"' in body and 'id="survey-confirm"' not in body
    assert 'class="bad" data-row="3"' in body
    assert "แถว 3" in body and "คอลัมน์ D" in body
    assert not Result.objects.exists()


def test_confirming_stores_the_previewed_file_for_every_agency_as_evidence(land):  # noqa: F811
    client = client_of(land["eve"])
    body = preview(client, dga(*GOOD)).content.decode()
    ticket = body.split('name="ticket" value="')[1].split('"')[0]
    confirm = {"ticket": ticket, "survey": "dga", "year": "2567", "round_no": "2", "confirm": ""}
    response = client.post(SURVEYS, confirm, follow=True)
    assert response.redirect_chain[-1][0] == SURVEYS
    assert Result.objects.filter(kpi_id__in=["7", "8"]).count() == 4
    assert set(Evidence.objects.values_list("original_name", flat=True)) == {"dga-2567.csv"}
    again = client.post(SURVEYS, confirm)  # the staged file is gone once stored
    assert Result.objects.filter(kpi_id="8").values_list("revision", flat=True)[0] == 1
    assert again.status_code == 200 and 'id="survey-confirm"' not in again.content.decode()


def test_a_ticket_from_another_evaluators_preview_is_refused(land):  # noqa: F811
    body = preview(client_of(land["eve"]), dga(*GOOD)).content.decode()
    ticket = body.split('name="ticket" value="')[1].split('"')[0]
    confirm = {"ticket": ticket, "survey": "dga", "year": "2567", "round_no": "2", "confirm": ""}
    response = client_of(land["ada"]).post(SURVEYS, confirm)
    assert response.status_code == 200
    assert not Result.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [("dga.pdf", b"%PDF-1.4"), ("dga.csv", "หน่วยงาน,อะไร\n".encode())],
)
def test_a_file_that_is_no_survey_sheet_is_refused_on_the_page(land, name, content):  # noqa: F811
    upload = SimpleUploadedFile(name, content)
    response = preview(client_of(land["eve"]), upload)
    assert response.status_code == 200
    assert 'class="errors"' in response.content.decode()
    assert not Result.objects.exists()


@pytest.mark.parametrize(("user", "status"), [("pim", 403), ("eve", 200), ("ada", 200)])
def test_only_evaluators_and_administrators_open_the_survey_page(land, user, status):  # noqa: F811
    assert client_of(land[user]).get(SURVEYS).status_code == status
    dashboard = client_of(land[user]).get(reverse("front:dashboard")).content.decode()
    assert (f'href="{SURVEYS}"' in dashboard) is (status == 200)


def test_a_sheet_over_the_evidence_limit_is_refused_before_it_is_read(land, settings):  # noqa: F811
    settings.EVIDENCE_MAX_BYTES = 1024 * 1024
    card = land["cards"]["DITP"]
    upload = SimpleUploadedFile("exports.csv", b"x" * (1024 * 1024 + 1))
    body = client_of(land["pim"]).post(monthly_url(card), {"file": upload}).content.decode()
    assert "1 MB" in body and 'id="monthly-preview"' not in body


def monthly_url(card) -> str:
    return reverse("front:monthly", args=[card.pk, "1"])


def test_the_kpi_page_links_the_monthly_upload_for_its_reporters(land):  # noqa: F811
    card = land["cards"]["DITP"]
    page = client_of(land["pim"]).get(reverse("front:kpi", args=[card.pk, "1"]))
    assert monthly_url(card) in page.content.decode()


def test_the_planner_previews_the_months_the_round_and_the_forecast_then_stores(land):  # noqa: F811
    card, client = land["cards"]["DITP"], client_of(land["pim"])
    upload = SimpleUploadedFile("exports.csv", monthly_sheet())
    body = client.post(monthly_url(card), {"file": upload}).content.decode()
    assert 'id="monthly-columns"' in body and ">66<" in body
    assert 'data-round="1"' in body and 'id="outlook"' in body
    assert not MonthlyValue.objects.exists()
    ticket = body.split('name="ticket" value="')[1].split('"')[0]
    response = client.post(monthly_url(card), {"ticket": ticket, "confirm": ""}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("front:kpi", args=[card.pk, "1"])
    assert MonthlyValue.objects.count() == 66
    result = Result.objects.get(scorecard=card, kpi_id="1", round_no=1)
    assert [e.original_name for e in result.evidence.all()] == ["exports.csv"]
    assert 'id="outlook"' in response.content.decode()


def test_a_bad_month_is_named_by_row_and_column_and_nothing_is_stored(land):  # noqa: F811
    card = land["cards"]["DITP"]
    upload = SimpleUploadedFile("exports.csv", "เดือน,export_value\nต.ค. 66,abc\n".encode())
    body = client_of(land["pim"]).post(monthly_url(card), {"file": upload}).content.decode()
    assert 'id="sheet-errors"' in body and "แถว 2" in body and "คอลัมน์ B" in body
    assert 'id="monthly-confirm"' not in body


def test_another_agencys_planner_cannot_open_the_monthly_page(land):  # noqa: F811
    mallory = _user("mallory", Role.PLANNER, Agency.objects.get(code="DFT"))
    response = client_of(mallory).get(monthly_url(land["cards"]["DITP"]))
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("kpi_id", "linked"),
    [("1", True), ("2", True), ("3", True), ("6", False), ("7", False), ("9", False)],
)
def test_only_kpis_computed_from_summed_inputs_take_a_monthly_sheet(land, kpi_id, linked):  # noqa: F811
    card, client = land["cards"]["DITP"], client_of(land["pim"])
    url = reverse("front:monthly", args=[card.pk, kpi_id])
    page = client.get(reverse("front:kpi", args=[card.pk, kpi_id])).content.decode()
    assert (url in page) is linked
    assert client.get(url).status_code == (200 if linked else 404)
