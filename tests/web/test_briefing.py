"""The executive briefing from stored data: who may download it (web, API), its trend over
rounds and years, KPIs at risk from monthly progress, open comments and the review state.
"""

from __future__ import annotations

import shutil
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from tests.api.test_permissions import card, client_for
from tests.personas import World, mini_text
from thaikpi.reports import briefing, pdf
from thaikpi.results.models import MonthlyProgress
from thaikpi.services import imports, results, reviews
from thaikpi.services import reports as report_service

needs_chromium = pytest.mark.skipif(shutil.which("chromium") is None,
                                    reason="chromium is not installed")  # fmt: skip
LAST_YEAR = ("year_be: 2567, starts: 2023-10-01, ends: 2024-09-30",
             "year_be: 2566, starts: 2022-10-01, ends: 2023-09-30")  # fmt: skip


def logged_in(world: World, name: str) -> Client:
    client = Client()
    client.force_login(world.user(name))
    return client


def url(world: World, round_no: int = 2) -> str:
    return reverse("front:briefing_pdf", args=[world.card.pk, round_no])


def fake_pdf(data: briefing.BriefingData, chromium: str | None = None) -> bytes:
    """Stands in for Chromium: the permission tests need no printing."""
    return b"%PDF-1.4 " + data.agency.encode()


def test_the_overview_links_the_briefing_of_the_round_shown(world: World) -> None:
    page = logged_in(world, "ekk").get(reverse("front:overview", args=[world.card.pk]) + "?round=2")
    assert url(world, 2) in page.content.decode()
    assert "สรุปสำหรับผู้บริหาร (PDF 2 หน้า)" in page.content.decode()


@pytest.mark.parametrize(
    ("persona", "status"),
    [("ekk", 200), ("pim", 200), ("oat", 200), ("eve", 200), ("ada", 200), ("mallory", 404)],
)
def test_whoever_may_read_the_scorecard_may_download_its_briefing(
    world: World, monkeypatch: pytest.MonkeyPatch, persona: str, status: int
) -> None:
    monkeypatch.setattr(briefing, "render_pdf", fake_pdf)
    response = logged_in(world, persona).get(url(world))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/pdf"
        disposition = 'attachment; filename="DITP-2567-round2-brief.pdf"'
        assert response["Content-Disposition"] == disposition


def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(world: World) -> None:
    response = Client().get(url(world))
    assert response.status_code == 302 and "/login" in response["Location"]


def test_an_unknown_round_has_no_briefing(world: World) -> None:
    assert logged_in(world, "pim").get(url(world, 3)).status_code == 404


def test_without_chromium_the_briefing_link_explains_instead_of_failing(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> bytes:
        raise pdf.PdfError("no chromium")

    monkeypatch.setattr(briefing, "render_pdf", broken)
    response = logged_in(world, "ekk").get(url(world, 1), follow=True)
    assert "ขณะนี้เครื่องแม่ข่ายสร้างรายงาน PDF ไม่ได้" in response.content.decode()


@pytest.mark.parametrize(("persona", "status"), [("ekk", 200), ("eve", 200), ("mallory", 404),
                                                 ("anon", 401)])  # fmt: skip
def test_the_api_serves_the_briefing_beside_the_workbook(
    world: World, monkeypatch: pytest.MonkeyPatch, persona: str, status: int
) -> None:
    monkeypatch.setattr(briefing, "render_pdf", fake_pdf)
    response = client_for(world, persona).get(card(world, "rounds/2/briefing.pdf"))
    assert response.status_code == status
    if status == 200:
        assert response.content.startswith(b"%PDF-")
        assert "round2-brief.pdf" in response["Content-Disposition"]


def test_the_api_says_when_it_cannot_print(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> bytes:
        raise pdf.PdfError("no chromium")

    monkeypatch.setattr(briefing, "render_pdf", broken)
    response = client_for(world, "ekk").get(card(world, "rounds/1/briefing.pdf"))
    assert response.status_code == 503 and response.json()["code"] == "pdf_unavailable"


# -- the data ------------------------------------------------------------------------------


def test_the_trend_has_each_stored_round_of_this_and_earlier_years(world: World) -> None:
    earlier = imports.import_template(world.ada, mini_text("DITP").replace(*LAST_YEAR)).scorecard
    results.save_result(world.ada, earlier, "1", 2, "2.4", "", 0)
    results.save_result(world.pim, world.card, "1", 1, "1.2", "", 0)
    results.save_result(world.mallory, world.other, "1", 1, "9", "", 0)  # DBD's: never in DITP's
    data = report_service.briefing_data(world.card, 2, world.ekk)
    assert [(p.label, p.current) for p in data.trend] == [
        ("2566 รอบที่ 2", False), ("2567 รอบที่ 1", False), ("2567 รอบที่ 2", True),
    ]  # fmt: skip
    assert (data.trend[1].total, data.trend[1].max_total) == (Decimal(35), Decimal(70))
    assert [p.label for p in report_service.briefing_data(world.card, 1).trend] == [
        "2566 รอบที่ 2", "2567 รอบที่ 1",
    ], "a later round of this year is not part of round 1's trend"  # fmt: skip


def test_a_round_without_any_result_says_so_in_its_total_and_trend_point(world: World) -> None:
    results.save_result(world.pim, world.card, "1", 1, "1.2", "", 0)
    data = report_service.briefing_data(world.card, 2, world.ekk)  # round 2: nothing entered
    assert data.no_result and [(p.label, p.no_result) for p in data.trend] == [
        ("2567 รอบที่ 1", False), ("2567 รอบที่ 2", True),
    ]  # fmt: skip
    assert not report_service.briefing_data(world.card, 1, world.ekk).no_result


def test_a_kpi_without_a_result_whose_progress_is_short_is_at_risk(world: World) -> None:
    MonthlyProgress.objects.create(scorecard=world.card, kpi_id="1", month=5, value=Decimal("1"))
    MonthlyProgress.objects.create(scorecard=world.card, kpi_id="1", month=6, value=Decimal("1.4"))
    MonthlyProgress.objects.create(scorecard=world.card, kpi_id="2", month=6, value=Decimal(470))
    risks = report_service.briefing_data(world.card, 2).at_risk
    assert [(r.kpi_id, r.reason) for r in risks] == [
        ("1", "ความก้าวหน้าเดือนมีนาคม 1.40 ยังไม่ถึงค่าเป้าหมายมาตรฐาน 2.10"),
    ], "KPI 2's 470 is past its standard 461.45"


def test_the_evaluators_comment_is_open_until_the_round_is_approved(world: World) -> None:
    results.save_result(world.pim, world.card, "1", 1, "1.2", "", 0)
    reviews.transition(world.pim, world.card, 1, "submit")
    reviews.transition(world.eve, world.card, 1, "return", "แนบหลักฐานตัวชี้วัดที่ 1")
    returned = report_service.briefing_data(world.card, 1)
    assert [c.text for c in returned.comments] == ["แนบหลักฐานตัวชี้วัดที่ 1"]
    assert returned.review_state == "returned" and returned.draft
    reviews.transition(world.pim, world.card, 1, "submit")
    reviews.transition(world.eve, world.card, 1, "approve")
    approved = report_service.briefing_data(world.card, 1)
    assert approved.comments == () and not approved.draft


def test_the_full_reports_data_carries_the_review_state(world: World) -> None:
    assert report_service.report_data(world.card, 1).review_state == "draft"
    reviews.transition(world.pim, world.card, 1, "submit")
    assert report_service.report_data(world.card, 1).review_state == "submitted"


@pytest.mark.slow
@needs_chromium
def test_the_downloaded_briefing_is_a_real_pdf(world: World) -> None:
    response = logged_in(world, "ekk").get(url(world, 2))
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
