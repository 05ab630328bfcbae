"""The KPI page marks levels that differ from the signed document; a planner decides there."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.signed import Signed, signed
from thaikpi.changelog.models import AuditLog
from thaikpi.results.models import FigureDecision, RoundReview
from thaikpi.services import engine


@pytest.fixture
def depa(world) -> Signed:
    return signed(world)


def client_of(depa: Signed, name: str) -> Client:
    client = Client()
    client.force_login(depa.user(name))
    return client


def kpi_page(depa: Signed, name: str, round_no: int = 1) -> str:
    url = reverse("front:kpi", args=[depa.card.pk, "1"]) + f"?round={round_no}"
    response = client_of(depa, name).get(url)
    assert response.status_code == 200
    return response.content.decode()


def decide_url(depa: Signed, score: int) -> str:
    return reverse("front:decide", args=[depa.card.pk, "1", 1, score])


def test_the_kpi_page_marks_each_mismatched_level_and_links_it_to_its_audit_row(depa):
    body = kpi_page(depa, "eve")
    marked = re.findall(r'<tr class="differs" data-level="(\d+)">.*?#(audit-[\w-]+)"', body, re.S)
    assert marked == [("75", "audit-1-round-1-level-75"), ("100", "audit-1-round-1-level-100")]
    assert "เอกสารที่ลงนาม: 1.18 · คำนวณใหม่: 1.05" in body
    assert "ยังไม่มีมติ" in body
    assert 'class="decide-form"' not in body  # the evaluator reads, the planner decides


@pytest.mark.parametrize(("name", "form"), [("pat", True), ("eve", False)])
def test_only_the_agencys_planner_is_offered_the_decision_form(depa, name, form):
    assert ('class="decide-form"' in kpi_page(depa, name)) is form


def test_the_planner_records_a_decision_that_the_page_shows_and_the_score_follows(depa):
    client = client_of(depa, "pat")
    response = client.post(decide_url(depa, 75), {"choice": "stated", "reason": "ตามเอกสาร"})
    assert response.status_code == 302
    assert response["Location"].endswith("?round=1#levels")
    body = kpi_page(depa, "pat")
    decided = re.search(r'id="decision-75">(.*?)</p>', body, re.S).group(1)
    assert "ใช้ตัวเลขที่ระบุในเอกสาร" in decided and "ตามเอกสาร" in decided
    assert re.search(r'id="kpi-score">([^<]+)<', body).group(1) == "75.00"
    assert "มีมติให้ใช้ตัวเลขที่ระบุในเอกสาร 1.18" in body  # how level 75 was set
    assert AuditLog.objects.filter(action="figure.decide", kpi_id="1").count() == 1
    history = re.search(r"<h2>ประวัติการเปลี่ยนแปลง</h2>(.*?)</section>", body, re.S).group(1)
    assert "บันทึกมติเรื่องตัวเลข" in history and "ตัวชี้วัด 1 · รอบที่ 1 · ระดับ 75" in history
    assert "ใช้ตัวเลขที่ระบุในเอกสาร (ระบุในเอกสาร 1.18; คำนวณใหม่ 1.05) · ตามเอกสาร" in history
    assert "choice" not in history and "สำนักงานทดสอบ" not in history


def test_the_audit_row_of_a_decided_level_links_to_the_decision(depa):
    client = client_of(depa, "pat")
    client.post(decide_url(depa, 75), {"choice": "recomputed", "reason": "สูตรถูกต้อง"})
    body = client.get(reverse("front:audit", args=[depa.card.pk])).content.decode()
    row = re.search(r'<tr id="audit-1-round-1-level-75"(.*?)</tr>', body, re.S).group(1)
    kpi_url = reverse("front:kpi", args=[depa.card.pk, "1"])
    assert f'<a class="decided" href="{kpi_url}?round=1#levels">มติ: ใช้ค่าที่คำนวณใหม่</a>' in row
    other = re.search(r'<tr id="audit-1-round-1-level-100"(.*?)</tr>', body, re.S).group(1)
    assert 'class="decided"' not in other


@pytest.mark.parametrize(
    ("name", "data", "status", "said"),
    [
        ("pat", {"choice": "stated", "reason": ""}, 302, "ต้องระบุเหตุผล"),
        ("eve", {"choice": "stated", "reason": "x"}, 403, ""),
        ("mallory", {"choice": "stated", "reason": "x"}, 404, ""),
    ],
)
def test_a_decision_without_a_reason_or_by_someone_else_is_refused(depa, name, data, status, said):
    response = client_of(depa, name).post(decide_url(depa, 75), data, follow=status == 302)
    assert response.status_code == (200 if status == 302 else status)
    if said:
        assert said in response.content.decode()
    assert not FigureDecision.objects.exists()


def test_a_submitted_round_shows_its_marks_but_no_form(depa):
    RoundReview.objects.update_or_create(
        scorecard=depa.card,
        round_no=1,
        defaults={"state": "submitted", "version": depa.card.current},
    )
    body = kpi_page(depa, "pat")
    assert 'data-level="75"' in body and 'class="decide-form"' not in body


def test_the_overview_total_follows_the_decision(depa):
    before = engine.score(depa.card, 1).round.total
    client_of(depa, "pat").post(decide_url(depa, 75), {"choice": "stated", "reason": "ตามเอกสาร"})
    depa.card.refresh_from_db()
    after = engine.score(depa.card, 1).round.total
    assert after < before
    body = client_of(depa, "pat").get(reverse("front:overview", args=[depa.card.pk])).content
    assert str(after) in body.decode()


def test_the_overview_marks_a_level_kept_as_signed_no_longer(depa):
    client = client_of(depa, "pat")
    url = reverse("front:overview", args=[depa.card.pk]) + "?round=1"
    marked = r'<td class="n lv differs"[^>]*><a href="[^"]*#audit-1-round-1-level-(\d+)"'
    row = re.search(r'data-kpi="1">(.*?)</tr>', client.get(url).content.decode(), re.S).group(1)
    assert re.findall(marked, row) == ["75", "100"]
    client.post(decide_url(depa, 75), {"choice": "stated", "reason": "ตามเอกสาร"})
    row = re.search(r'data-kpi="1">(.*?)</tr>', client.get(url).content.decode(), re.S).group(1)
    assert re.findall(marked, row) == ["100"]
    assert re.findall(r'<td class="n lv[^"]*"[^>]*>(?:<a[^>]*>)?([\d.]+)', row)[:3] == [
        "0.75", "1.18", "1.35",
    ]  # fmt: skip
