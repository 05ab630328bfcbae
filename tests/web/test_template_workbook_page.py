"""The template as a workbook on the web: downloaded from the overview, imported like YAML."""

from __future__ import annotations

import html
import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.personas import World, mini_text
from thaikpi.reports import template_layout as lay
from thaikpi.reports.template_workbook import template_workbook


def logged_in(world: World, name: str) -> Client:
    client = Client()
    client.force_login(world.user(name))
    return client


def _upload(data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("mini.xlsx", data)


def _with_level(data: bytes, stated: str) -> bytes:
    """The workbook with KPI 1's round-2 level 100 changed to ``stated``."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book["ตัวชี้วัดที่ 1"]
    start = next(
        r for r in range(1, sheet.max_row + 1)
        if sheet.cell(r, 1).value == lay.levels_section("2").title
    )  # fmt: skip
    row = next(r for r in range(start, sheet.max_row + 1) if sheet.cell(r, 1).value == 100)
    sheet.cell(row, 2).value = stated
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_the_overview_links_the_template_workbook_and_it_downloads(world):
    client = logged_in(world, "ekk")
    body = client.get(reverse("front:overview", args=[world.card.pk])).content.decode()
    url = reverse("front:template_xlsx", args=[world.card.pk])
    assert url in body
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-template.xlsx"')
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[0] == lay.SUMMARY


def test_someone_from_another_department_cannot_download_it(world):
    url = reverse("front:template_xlsx", args=[world.card.pk])
    assert logged_in(world, "mallory").get(url).status_code in (403, 404)


def test_an_edited_workbook_is_imported_as_the_next_version_once_its_preview_is_confirmed(world):
    data = _with_level(template_workbook(mini_text()), "2.90")
    client = logged_in(world, "pim")
    preview = client.post(reverse("front:import"), {"file": _upload(data), "reason": "GDP Q2"})
    assert preview.status_code == 200 and 'id="import-preview"' in preview.content.decode()
    assert world.card.versions.count() == 1
    form = {"file": _upload(data), "reason": "GDP Q2", "confirm": "True"}
    response = client.post(reverse("front:import"), form)
    assert response.status_code == 302
    world.card.refresh_from_db()
    assert world.card.current.number == 2
    assert "stated: 2.90" in world.card.current.template_text


def test_a_workbook_with_errors_lists_them_by_cell_and_imports_nothing(world):
    data = _with_level(template_workbook(mini_text()), "two")
    response = logged_in(world, "pim").post(
        reverse("front:import"), {"file": _upload(data), "reason": "x"}
    )
    body = html.unescape(response.content.decode())
    assert response.status_code == 200 and 'id="findings"' in body
    assert "'ตัวชี้วัดที่ 1'!B" in body
    assert world.card.versions.count() == 1
