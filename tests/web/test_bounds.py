"""The entry form in Thai refuses what the KPI's own definition rules out (issue 9.4), on the
shipped DITP 2567 template, and warns about a value far beyond the 100 level without blocking."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from tests.personas import World
from thaikpi.agencies.choices import AgencyKind
from thaikpi.agencies.models import Agency
from thaikpi.results.models import Result
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import imports
from thaikpi.templates import __file__ as templates_init

pytestmark = pytest.mark.django_db

FAR_BEYOND_TH = "ค่าที่กรอกสูงกว่าเป้าหมายขั้นสูงมาก โปรดตรวจสอบ"
TRADE_TH = "มูลค่าการซื้อขายผ่านเว็บไซต์ Thaitrade.com และเครือข่ายพันธมิตรออนไลน์"


@pytest.fixture
def ditp(world: World) -> Scorecard:
    """The shipped DITP 2567 scorecard, imported for a third department (DEPA)."""
    Agency.objects.create(
        code="DEPA", name_th="สำนักงานส่งเสริมเศรษฐกิจดิจิทัล", kind=AgencyKind.DEPARTMENT,
        parent=world.ditp.parent,
    )  # fmt: skip
    text = (Path(templates_init).parent / "ditp-2567.yaml").read_text(encoding="utf-8")
    return imports.import_template(world.ada, text.replace("code: DITP", "code: DEPA", 1)).scorecard


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


@pytest.mark.parametrize(
    ("kpi", "fields", "thai"),
    [
        ("8", {"value": "-5"}, "ผลการดำเนินงานของตัวชี้วัด 8 ต้องไม่น้อยกว่า 0 แต่พบ -5"),
        ("9", {"value": "512"}, "ผลการดำเนินงานของตัวชี้วัด 9 ต้องไม่เกิน 500 แต่พบ 512"),
        (
            "3",
            {"in_trade_value": "-5", "in_budget": "48"},
            f"{TRADE_TH}ต้องไม่น้อยกว่า 0 แต่พบ -5",
        ),
        ("8", {"value": "1_000"}, "ค่าที่กรอกต้องเป็นตัวเลข แต่พบ '1_000'"),
        ("8", {"value": "2,4"}, "ค่าที่กรอกต้องเป็นตัวเลข แต่พบ '2,4'"),
        (
            "8",
            {"value": "1" * 32},
            f"ค่าที่กรอกมีค่ามากเกินไป (ไม่เกิน 15 หลักหน้าจุดทศนิยม): {'1' * 32}",
        ),
        (
            "3",
            {"in_trade_value": "1_000", "in_budget": "48"},
            "ค่าที่กรอกต้องเป็นตัวเลข แต่พบ '1_000'",
        ),
    ],
    ids=[
        "KPI 8 (a survey score) at -5",
        "KPI 9 above its scale of 500",
        "KPI 3's trade value at -5, by its Thai name",
        "1_000",
        "a comma that groups nothing",
        "32 digits",
        "1_000 as an input",
    ],
)
def test_the_thai_entry_form_refuses_what_the_kpi_rules_out_and_stores_nothing(
    ada: Client, ditp: Scorecard, kpi: str, fields: dict[str, str], thai: str
) -> None:
    page = post(ada, ditp, kpi, fields)
    assert thai in page
    assert "(trade_value)" not in page
    assert "Ensure that" not in page
    assert not Result.objects.filter(scorecard=ditp).exists()


@pytest.mark.parametrize(
    ("kpi", "fields", "stored"),
    [
        ("8", {"value": "๗๒.๕"}, "72.5"),
        ("2", {"in_trade_value": "๒๐๕,๐๐๐", "in_budget": "539.5"},
         {"trade_value": "205000", "budget": "539.5"}),
        ("2", {"in_trade_value": "205,000.00", "in_budget": "1 150.40"},
         {"trade_value": "205000", "budget": "1150.4"}),
    ],
    ids=["Thai digits", "Thai digits grouped", "Arabic digits grouped, a spaced group"],
)  # fmt: skip
def test_thai_digits_and_thousands_separators_keep_working(
    ada: Client, ditp: Scorecard, kpi: str, fields: dict[str, str], stored: object
) -> None:
    post(ada, ditp, kpi, fields, follow=True)
    assert Result.objects.get(scorecard=ditp, kpi_id=kpi).raw == stored


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
