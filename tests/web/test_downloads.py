"""Reports from the overview: the PDF and the workbook; results imported from a workbook."""

from __future__ import annotations

import html
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


REFUSED = [
    # (language of the page, the page's message, the problem as listed)
    ("th", "ไฟล์ Excel มีข้อผิดพลาด ไม่มีการบันทึกใด ๆ",
     "ชีต 'บันทึกผล' แถว 5 คอลัมน์ E: ค่าต้องเป็นตัวเลข แต่พบ 'abc'"),
    ("en", "The workbook has errors; nothing was saved.",
     "sheet 'บันทึกผล', row 5, column E: the value must be a number, got 'abc'"),
]  # fmt: skip


@pytest.mark.parametrize(("language", "message", "problem"), REFUSED)
def test_a_refused_workbooks_problems_are_listed_in_the_readers_language(
    world, language, message, problem
):
    client = logged_in(world, "pim")
    if language != "th":
        client.post(reverse("set_language"), {"language": language, "next": "/"})
    data = filled(world, 1, {("1", excel.ACTUAL): "abc"})
    response = client.post(
        reverse("front:import_results", args=[world.card.pk]), {"file": upload(data)}
    )
    body = html.unescape(response.content.decode())
    listed = body.split('id="problems">')[1].split("</ul>")[0]
    assert message in body
    assert listed == f"<li>{problem}</li>"


NOT_WORKBOOKS = [
    # (what was uploaded as book.xlsx, the problem in Thai, the problem in English)
    (b"%PDF-1.7 not a workbook", "ไม่ใช่ไฟล์ Excel แบบ .xlsx (ไฟล์ไม่ได้อยู่ในรูปแบบ zip)",
     "not an Excel .xlsx file (it is not a zip archive)"),
    (b"PK\x03\x04 cut short", "ไฟล์ .xlsx เสียหาย (โครงสร้างไฟล์ zip ไม่ถูกต้อง)",
     "the .xlsx file is damaged (bad zip archive)"),
]  # fmt: skip


@pytest.mark.parametrize(("data", "thai", "english"), NOT_WORKBOOKS)
def test_a_file_that_is_no_workbook_is_explained_in_thai_then_in_english(
    world, data, thai, english
):
    client = logged_in(world, "pim")
    url = reverse("front:import_results", args=[world.card.pk])
    for language, problem, other in (("th", thai, english), ("en", english, thai)):
        client.post(reverse("set_language"), {"language": language, "next": "/"})
        body = html.unescape(client.post(url, {"file": upload(data)}).content.decode())
        assert f'<ul class="errors" id="problems"><li>{problem}</li></ul>' in body
        assert other not in body


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
