"""Reports from the overview: the PDF and the workbook; results imported from a workbook."""

from __future__ import annotations

import io
import shutil

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.personas import World
from tests.services.test_workbooks import filled
from thaikpi.reports import excel, pdf
from thaikpi.results.models import Result
from thaikpi.services import results


def logged_in(world: World, name: str) -> Client:
    client = Client()
    client.force_login(world.user(name))
    return client


def upload(data: bytes, name: str = "book.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=excel.__name__)


def test_the_overview_links_the_reports_of_the_round_shown(world):
    body = (
        logged_in(world, "ekk")
        .get(reverse("front:overview", args=[world.card.pk]) + "?round=2")
        .content.decode()
    )
    assert reverse("front:report_pdf", args=[world.card.pk, 2]) in body
    assert reverse("front:report_xlsx", args=[world.card.pk, 2]) in body
    assert reverse("front:import_results", args=[world.card.pk]) not in body  # ekk only reads
    pim = logged_in(world, "pim").get(reverse("front:overview", args=[world.card.pk]))
    assert reverse("front:import_results", args=[world.card.pk]) in pim.content.decode()


def test_the_workbook_download_has_the_engines_numbers(world):
    results.save_result(world.pim, world.card, "1", 1, "1.2", "", 0)
    response = logged_in(world, "ekk").get(reverse("front:report_xlsx", args=[world.card.pk, 1]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="DITP-2567-round1.xlsx"'
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[0] == excel.SUMMARY and book[excel.ENTRY]["B2"].value == 1


def test_an_unknown_round_is_a_404(world):
    client = logged_in(world, "pim")
    assert client.get(reverse("front:report_xlsx", args=[world.card.pk, 3])).status_code == 404
    assert client.get(reverse("front:report_pdf", args=[world.card.pk, 3])).status_code == 404


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed")
def test_the_pdf_download_is_the_self_assessment_report(world):
    response = logged_in(world, "eve").get(reverse("front:report_pdf", args=[world.card.pk, 2]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    assert response["Content-Disposition"] == 'attachment; filename="DITP-2567-round2.pdf"'


def test_without_chromium_the_pdf_link_explains_instead_of_failing(world, monkeypatch):
    def broken(*args: object) -> bytes:
        raise pdf.PdfError("no chromium")

    monkeypatch.setattr(pdf, "render_pdf", broken)
    response = logged_in(world, "ekk").get(
        reverse("front:report_pdf", args=[world.card.pk, 1]), follow=True
    )
    assert response.status_code == 200
    assert "ขณะนี้เครื่องแม่ข่ายสร้างรายงาน PDF ไม่ได้" in response.content.decode()


def test_oat_imports_his_kpi_from_the_workbook(world):
    data = filled(world, 1, {("3", "trade_value"): 3750, ("3", "budget"): 100})
    response = logged_in(world, "oat").post(
        reverse("front:import_results", args=[world.card.pk]), {"file": upload(data)}, follow=True
    )
    assert response.status_code == 200
    assert "รอบที่ 1: บันทึกผลของตัวชี้วัด 3 แล้ว" in response.content.decode()
    assert Result.objects.get(kpi_id="3").raw == {"trade_value": "3750", "budget": "100"}


def test_a_refused_workbook_lists_its_problems_and_saves_nothing(world):
    data = filled(world, 1, {("1", excel.ACTUAL): "abc"})
    response = logged_in(world, "pim").post(
        reverse("front:import_results", args=[world.card.pk]), {"file": upload(data)}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "ไฟล์ Excel มีข้อผิดพลาด ไม่มีการบันทึกใด ๆ" in body and 'id="problems"' in body
    assert not Result.objects.exists()


def test_an_owner_importing_anothers_kpi_gets_a_message_not_a_403(world):
    data = filled(world, 1, {("1", excel.ACTUAL): 1.2})
    response = logged_in(world, "oat").post(
        reverse("front:import_results", args=[world.card.pk]), {"file": upload(data)}
    )
    assert response.status_code == 200
    assert "คุณไม่มีสิทธิ์บันทึกผลของตัวชี้วัดนี้" in response.content.decode()
    assert not Result.objects.exists()


@pytest.mark.parametrize("name", ["book.pdf", "book.xls"])
def test_only_xlsx_files_are_taken(world, name):
    response = logged_in(world, "pim").post(
        reverse("front:import_results", args=[world.card.pk]), {"file": upload(b"PK\x03\x04", name)}
    )
    assert response.status_code == 200 and "กรุณาเลือกไฟล์ Excel (.xlsx)" in response.content.decode()
