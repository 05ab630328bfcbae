"""A KPI's monthly sheets on its page: listed with their months, downloaded by its readers."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.services.test_series import sheet
from tests.services.test_surveys import _user, land  # noqa: F401  (the fixture)
from thaikpi.accounts.choices import Role
from thaikpi.results.models import SeriesFile
from thaikpi.services import series


def client_of(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_the_kpi_page_lists_a_sheet_that_ends_mid_round_with_its_months_in_thai(land):  # noqa: F811
    card = land["cards"]["DITP"]
    series.import_monthly(land["pim"], card, "1", sheet(4), "exports.csv")
    kept = SeriesFile.objects.get()
    body = client_of(land["eve"]).get(reverse("front:kpi", args=[card.pk, "1"])).content.decode()
    listed = re.search(r'<ul id="series-files">(.*?)</ul>', body, re.S).group(1)
    assert f'<a href="{reverse("front:series_file", args=[kept.pk])}">exports.csv</a>' in listed
    assert "ต.ค. 2561 – ม.ค. 2567 (64 เดือน)" in listed
    assert "ไฟล์ข้อมูลรายเดือน" in body
    assert "ตัวชี้วัด 1 · ไฟล์ข้อมูลรายเดือน exports.csv" in body  # the page's history
    assert "exports.csv · ต.ค. 2561 – ม.ค. 2567 (64 เดือน)" in body


def test_a_kpi_without_sheets_lists_none(land):  # noqa: F811
    card = land["cards"]["DITP"]
    body = client_of(land["pim"]).get(reverse("front:kpi", args=[card.pk, "1"])).content.decode()
    assert 'id="series-files"' not in body


@pytest.mark.parametrize(("reader", "status"), [("pim", 200), ("eve", 200), ("tom", 404)])
def test_a_sheet_is_downloaded_as_uploaded_by_those_who_read_the_scorecard(land, reader, status):  # noqa: F811
    land["tom"] = _user("tom", Role.PLANNER, land["cards"]["DTN"].agency)
    data = sheet(4)
    series.import_monthly(land["pim"], land["cards"]["DITP"], "1", data, "exports.csv")
    url = reverse("front:series_file", args=[SeriesFile.objects.get().pk])
    response = client_of(land[reader]).get(url)
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == data  # type: ignore[attr-defined]
        assert 'filename="exports.csv"' in response["Content-Disposition"]


def test_an_unknown_sheet_and_an_anonymous_reader_get_nothing(land):  # noqa: F811
    series.import_monthly(land["pim"], land["cards"]["DITP"], "1", sheet(4), "exports.csv")
    url = reverse("front:series_file", args=[SeriesFile.objects.get().pk])
    assert Client().get(url).status_code == 302  # to the login
    missing = reverse("front:series_file", args=[SeriesFile.objects.get().pk + 1])
    assert client_of(land["pim"]).get(missing).status_code == 404


def test_storing_a_sheet_that_completes_no_round_says_where_it_is_kept(land):  # noqa: F811
    card = land["cards"]["DITP"]
    client = client_of(land["pim"])
    url = reverse("front:monthly", args=[card.pk, "1"])
    upload = {"file": _upload(sheet(4))}
    preview = client.post(url, upload).content.decode()
    ticket = re.search(r'name="ticket" value="([^"]+)"', preview).group(1)
    done = client.post(url, {"ticket": ticket, "confirm": "1"}, follow=True).content.decode()
    assert "เก็บไฟล์ไว้ในรายการไฟล์ข้อมูลรายเดือนของตัวชี้วัดแล้ว" in done
    assert SeriesFile.objects.count() == 1


def _upload(data: bytes):  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("exports.csv", data, content_type="text/csv")
