"""The entry form in Thai refuses what the KPI's own definition rules out (issue 9.4), on the
shipped DITP 2567 template, and warns about a value far beyond the 100 level without blocking."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.bounds import (
    FAR_BEYOND_TH,
    NOT_NUMBERS,
    OUT_OF_BOUNDS,
    TYPED_NUMBERS,
    Case,
    cases,
    ditp,
    form_fields,
)
from tests.personas import World
from thaikpi.results.models import Result
from thaikpi.scorecards.models import Scorecard

pytestmark = pytest.mark.django_db
__all__ = ["ditp"]  # the shared fixture, used by name


@pytest.fixture
def ada(world: World) -> Client:
    client = Client()
    client.force_login(world.ada)
    return client


def post(client: Client, card: Scorecard, kpi: str, fields: dict[str, str], **kw: bool) -> str:
    """POST the round-2 entry form; the page (or the page it leads to) as plain text."""
    url = reverse("front:entry", args=[card.pk, kpi, 2])
    response = client.post(url, {"revision": "0", "note": "", **fields}, **kw)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def refused(ada: Client, ditp: Scorecard, kpi: str, fields: dict[str, str], thai: str) -> None:
    page = post(ada, ditp, kpi, fields)
    assert thai in page
    assert "(trade_value)" not in page
    assert "Ensure that" not in page
    assert not Result.objects.filter(scorecard=ditp).exists()


@cases(OUT_OF_BOUNDS)
def test_the_thai_entry_form_refuses_what_the_kpi_rules_out_and_stores_nothing(
    ada: Client, ditp: Scorecard, case: Case
) -> None:
    refused(ada, ditp, case.kpi, form_fields(case.body), case.expected)


@cases(NOT_NUMBERS)
def test_the_thai_entry_form_refuses_a_python_only_number_form(
    ada: Client, ditp: Scorecard, case: Case
) -> None:
    thai = f"ค่าที่กรอกต้องเป็นตัวเลข แต่พบ '{case.expected}'"
    refused(ada, ditp, case.kpi, form_fields(case.body), thai)


def test_the_thai_entry_form_refuses_32_digits_in_its_own_words(
    ada: Client, ditp: Scorecard
) -> None:
    thai = f"ค่าที่กรอกมีค่ามากเกินไป (ไม่เกิน 15 หลักหน้าจุดทศนิยม): {'1' * 32}"
    refused(ada, ditp, "8", {"value": "1" * 32}, thai)


@cases(TYPED_NUMBERS)
def test_thai_digits_and_thousands_separators_keep_working(
    ada: Client, ditp: Scorecard, case: Case
) -> None:
    post(ada, ditp, case.kpi, form_fields(case.body), follow=True)
    assert Result.objects.get(scorecard=ditp, kpi_id=case.kpi).raw == case.expected


def test_a_spaced_thousands_group_is_read_in_an_input(ada: Client, ditp: Scorecard) -> None:
    fields = {"in_trade_value": "205,000.00", "in_budget": "1 150.40"}
    post(ada, ditp, "2", fields, follow=True)
    stored: Any = Result.objects.get(scorecard=ditp, kpi_id="2").raw
    assert stored == {"trade_value": "205000", "budget": "1150.4"}


def test_a_value_far_beyond_the_100_level_is_saved_with_a_warning(
    ada: Client, ditp: Scorecard
) -> None:
    # KPI 3, round 2: 50 at 48.29, 100 at 56.23; a budget of 100 where 10,000 was meant → 5623.
    fields = {"in_trade_value": "562300", "in_budget": "100"}
    page = post(ada, ditp, "3", fields, follow=True)
    assert Result.objects.get(scorecard=ditp, kpi_id="3").raw["budget"] == "100"
    assert FAR_BEYOND_TH in page
    entry = html.unescape(ada.get(reverse("front:entry", args=[ditp.pk, "3", 2])).content.decode())
    assert FAR_BEYOND_TH in entry  # the stored value's warning, when the form is opened again


@pytest.mark.parametrize(
    ("budget", "warned"), [("100", True), ("10000", False)], ids=["far beyond", "at the target"]
)
def test_the_preview_warns_about_a_value_far_beyond_the_100_level(
    ada: Client, ditp: Scorecard, budget: str, warned: bool
) -> None:
    url = reverse("front:preview", args=[ditp.pk, "3", 2])
    body = ada.post(url, {"in_trade_value": "562300", "in_budget": budget}).json()
    assert body["ok"] is True
    assert [w.startswith(FAR_BEYOND_TH) for w in body["warnings"]] == ([True] if warned else [])
