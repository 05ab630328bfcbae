"""Count KPIs with items (KPI 7 of the DITP template: 7 DGA pillars, counted at level 3 or
above): the entry form takes either the count or a level per pillar."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from tests.personas import World
from thaikpi.agencies.choices import AgencyKind
from thaikpi.agencies.models import Agency
from thaikpi.engine.loader import template_names
from thaikpi.results.models import Result
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import engine, imports, results
from thaikpi.templates import __file__ as templates_init

pytestmark = pytest.mark.skipif(
    "ditp-2567" not in template_names(), reason="the shipped DITP template is not there"
)

PILLARS = [
    "Policies and Practices",
    "Data-driven Practices",
    "Digital Capability",
    "Public Service",
    "Smart Back Office",
    "Secure and Efficient Infrastructure",
    "Digital Technology Practices",
]


@pytest.fixture
def ditp(world: World) -> Scorecard:
    """The shipped DITP 2567 scorecard, imported for a third department (DEPA)."""
    Agency.objects.create(
        code="DEPA", name_th="สำนักงานส่งเสริมเศรษฐกิจดิจิทัล", kind=AgencyKind.DEPARTMENT,
        parent=world.ditp.parent,
    )  # fmt: skip
    from pathlib import Path

    text = (Path(templates_init).parent / "ditp-2567.yaml").read_text(encoding="utf-8")
    return imports.import_template(world.ada, text.replace("code: DITP", "code: DEPA", 1)).scorecard


def ada(world: World) -> Client:
    client = Client()
    client.force_login(world.ada)
    return client


def entry(card: Scorecard) -> str:
    return reverse("front:entry", args=[card.pk, "7", 2])


def levels_form(levels: list[str], **extra: str) -> dict[str, str]:
    form = {"revision": "0", "how": "items", "note": ""}
    form.update({f"item_{i}": v for i, v in enumerate(levels)})
    form.update(extra)
    return form


def test_the_form_offers_the_count_or_a_level_per_pillar(world, ditp):
    body = ada(world).get(entry(ditp)).content.decode()
    assert 'name="how" value="count"' in body and 'name="how" value="items"' in body
    for i, name in enumerate(PILLARS):
        assert f'name="item_{i}"' in body and name in body
    assert "นับเฉพาะรายการที่อยู่ในระดับ 3 ขึ้นไป" in body
    assert body.count('<option value="5">') == len(PILLARS)  # levels 1–5
    assert '<option value="6">' not in body


def test_levels_per_pillar_are_stored_raw_and_counted_by_the_engine(world, ditp):
    response = ada(world).post(entry(ditp), levels_form(["3", "4", "2", "3", "5", "1", "3"]))
    assert response.status_code == 302
    row = Result.objects.get(scorecard=ditp, kpi_id="7", round_no=2)
    assert row.raw == {
        "pillars": dict(zip(PILLARS, ["3", "4", "2", "3", "5", "1", "3"], strict=True))
    }
    score = engine.score(ditp, 2).kpi("7")
    assert score.actual == Decimal(5) and score.score == Decimal("75.00")


def test_the_count_alone_still_works(world, ditp):
    response = ada(world).post(entry(ditp), {"revision": "0", "how": "count", "value": "6"})
    assert response.status_code == 302
    assert Result.objects.get(scorecard=ditp, kpi_id="7").raw == "6"
    assert engine.score(ditp, 2).kpi("7").score == Decimal("100.00")


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        (levels_form(["3", "4", "", "3", "5", "1", "3"]), "item_2", "กรุณาเลือกระดับของรายการนี้"),
        (levels_form(["3", "4", "9", "3", "5", "1", "3"]), "item_2", "เลือกตัวเลือกที่ถูกต้อง"),
        ({"revision": "0", "how": "count", "value": ""}, "value", "กรุณากรอกจำนวน"),
        ({"revision": "0", "how": "count", "value": "8"}, "value", "จำนวนต้องไม่เกิน 7"),
        ({"revision": "0", "how": "count", "value": "2.5"}, "value", "จำนวนต้องเป็นจำนวนเต็ม"),
        ({"revision": "0", "how": "count", "value": "-1"}, "value", "จำนวนต้องเป็นจำนวนเต็ม"),
        ({"revision": "0", "how": "guess", "value": "3"}, "how", "เลือกตัวเลือกที่ถูกต้อง"),
    ],
)
def test_bad_entries_get_an_error_on_their_field_and_save_nothing(
    world, ditp, form, field, message
):
    response = ada(world).post(entry(ditp), form)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors and any(message in e for e in errors[field]), errors
    assert not Result.objects.filter(scorecard=ditp).exists()
    body = response.content.decode()
    assert 'class="field has-error"' in body


def test_stored_levels_come_back_into_the_form(world, ditp):
    stored = {"pillars": dict(zip(PILLARS, ["1", "2", "3", "4", "5", "3", "3"], strict=True))}
    results.save_result(world.ada, ditp, "7", 2, stored, "", 0)
    form = ada(world).get(entry(ditp)).context["form"]
    assert form["how"].value() == "items"
    assert [form[f"item_{i}"].value() for i in range(7)] == ["1", "2", "3", "4", "5", "3", "3"]


def test_the_kpi_page_shows_the_levels_as_entered(world, ditp):
    stored = {"pillars": dict(zip(PILLARS, ["1", "2", "3", "4", "5", "3", "3"], strict=True))}
    results.save_result(world.ada, ditp, "7", 2, stored, "", 0)
    url = reverse("front:kpi", args=[ditp.pk, "7"]) + "?round=2"
    body = ada(world).get(url).content.decode()
    assert "Policies and Practices = 1" in body and "Digital Technology Practices = 3" in body


def test_the_preview_counts_the_pillars_as_the_user_chooses_them(world, ditp):
    url = reverse("front:preview", args=[ditp.pk, "7", 2])
    body = ada(world).post(url, levels_form(["3", "3", "3", "3", "3", "3", "1"])).json()
    assert body["ok"] and body["kpi"]["actual"] == "6" and body["kpi"]["score"] == "100.00"
    partial = ada(world).post(url, levels_form(["3", "", "", "", "", "", ""])).json()
    assert partial["ok"] is False
    assert any(e.startswith("Data-driven Practices: ") for e in partial["errors"])
    assert not Result.objects.exists()


def test_the_api_takes_a_level_per_item_and_the_engine_counts_them(world, ditp):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(world.ada)
    url = f"/api/v1/scorecards/{ditp.pk}/rounds/2/results/7/"
    levels = dict(zip(PILLARS, ["3", "4", "2", "3", "5", "1", "3"], strict=True))
    response = api.put(url, {"items": levels, "revision": 0}, format="json")
    assert response.status_code == 200, response.content
    assert Result.objects.get(scorecard=ditp, kpi_id="7", round_no=2).raw == {"pillars": levels}
    assert engine.score(ditp, 2).kpi("7").actual == Decimal(5)  # five pillars at level 3 or above


@pytest.mark.parametrize(
    "body",
    [
        {"items": {"Nowhere": "3"}, "revision": 0},
        {"items": {"Policies and Practices": "x"}, "revision": 0},
        {"items": {"Policies and Practices": "3"}, "value": "2", "revision": 0},
    ],
)
def test_the_api_refuses_unknown_items_bad_levels_and_mixed_forms(world, ditp, body):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(world.ada)
    url = f"/api/v1/scorecards/{ditp.pk}/rounds/2/results/7/"
    assert api.put(url, body, format="json").status_code == 400
    assert not Result.objects.filter(scorecard=ditp, kpi_id="7").exists()
