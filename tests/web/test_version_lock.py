"""Pages and downloads of a closed round name the version they were scored with, and keep it;
the import page shows the difference and the rounds it applies to before it saves anything."""

from __future__ import annotations

import io
import re

import openpyxl
from django.test import Client
from django.urls import reverse

from tests.personas import World
from tests.versions import BASE_TOTAL, base_text, edited, round_one_in
from thaikpi.reports import excel, pdf
from thaikpi.services import imports
from thaikpi.services import reports as report_service


def logged_in(world: World, name: str) -> Client:
    client = Client()
    client.force_login(world.user(name))
    return client


def page(world: World, name: str, url: str) -> str:
    response = logged_in(world, name).get(url)
    assert response.status_code == 200
    return response.content.decode()


def locked_then_revised(world: World) -> None:
    """Round 1 locked under version 2; version 3 doubles KPI 3's formula and scores by step."""
    round_one_in(world, "locked")
    imports.import_template(world.pim, edited("formula"), "KPI 3 counts twice")
    imports.import_template(world.pim, edited("scoring method"), "step scoring")


def test_the_overview_of_a_locked_round_shows_its_total_under_the_version_it_was_locked(world):
    locked_then_revised(world)
    body = page(world, "ekk", reverse("front:overview", args=[world.card.pk]) + "?round=1")
    assert re.search(r'id="total" class="value">([^<]+)<', body).group(1) == BASE_TOTAL
    assert "คิดคะแนนตามฉบับที่ 2" in body
    round2 = page(world, "ekk", reverse("front:overview", args=[world.card.pk]) + "?round=2")
    assert "คิดคะแนนตามฉบับที่ 4" in round2


def test_the_kpi_page_of_a_locked_round_shows_the_kpi_as_it_was_scored(world):
    locked_then_revised(world)
    body = page(world, "ekk", reverse("front:kpi", args=[world.card.pk, "3"]) + "?round=1")
    assert "คิดคะแนนตามฉบับที่ 2" in body
    assert re.search(r'id="kpi-score">([^<]+)<', body).group(1) == "43.35"


def test_the_review_queue_ranks_a_locked_round_by_its_own_total(world):
    locked_then_revised(world)
    body = page(world, "eve", reverse("front:review_queue") + "?year=2567&round=1")
    assert BASE_TOTAL in body


def test_the_pdf_and_the_workbook_of_a_locked_round_name_its_version_and_keep_its_total(world):
    locked_then_revised(world)
    data = report_service.report_data(world.card, 1)
    assert str(data.scored.total) == BASE_TOTAL
    assert "คิดคะแนนตามฉบับที่ 2" in pdf.render_html(data)
    book = openpyxl.load_workbook(io.BytesIO(report_service.xlsx(world.card, 1)))
    assert book[excel.SUMMARY]["A4"].value == "คิดคะแนนตามฉบับที่ 2"


def test_the_import_page_previews_the_difference_and_the_rounds_before_saving(world):
    round_one_in(world, "locked")
    client = logged_in(world, "pim")
    form = {"text": edited("weights"), "reason": "swap weights"}
    body = client.post(reverse("front:import"), form).content.decode()
    assert world.card.versions.count() == 2
    changes = re.findall(r"<tr><td>(\w+)</td><td>([^<]+)</td><td>(\w+)</td>"
                         r"<td>(\w+)</td></tr>", body)  # fmt: skip
    assert changes == [("1", "น้ำหนัก", "40", "30"), ("3", "น้ำหนัก", "30", "40")]  # in words
    assert "รอบที่ 1 (ปิดรอบแล้ว) ยังคิดคะแนนตามฉบับที่ 2" in body
    assert "รอบที่ 2 (ร่าง) คิดคะแนนตามฉบับที่ 3" in body
    confirmed = client.post(reverse("front:import"), {**form, "confirm": "True"})
    assert confirmed.status_code == 302 and world.card.versions.count() == 3


def test_importing_an_identical_template_on_the_page_says_so_and_makes_no_version(world):
    client = logged_in(world, "pim")
    imports.import_template(world.pim, base_text(), "every field spelt out")
    response = client.post(reverse("front:import"), {"text": base_text(), "reason": ""},
                           follow=True)  # fmt: skip
    assert "แม่แบบนี้เหมือนฉบับที่ 2 ทุกประการ จึงไม่ได้นำเข้าฉบับใหม่" in response.content.decode()
    assert world.card.versions.count() == 2
