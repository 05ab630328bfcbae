"""The KPI 6 page: upload the catalog dumps, see what to fix in Thai, store the result."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.services.test_catalog import AGENCY, CENTRAL, full_card
from thaikpi.results.models import Evidence, Result


@pytest.fixture
def card(world):
    """A department's scorecard with KPI 6; Pim is its planner."""
    return full_card(world)


def dumps(agency: bytes = AGENCY) -> dict[str, object]:
    return {
        "agency": SimpleUploadedFile("agency.jsonl", agency),
        "central": SimpleUploadedFile("central.json", CENTRAL),
        "match": "name",
        "quality": "any",
        "revision": "0",
    }


def planner(world) -> Client:
    client = Client()
    client.force_login(world.pim)
    return client


def test_the_kpi_page_links_the_catalog_page_for_its_reporters(world, card):
    page = planner(world).get(reverse("front:kpi", args=[card.pk, "6"])).content.decode()
    assert reverse("front:catalog", args=[card.pk, "6"]) in page
    other = planner(world).get(reverse("front:kpi", args=[card.pk, "1"])).content.decode()
    assert reverse("front:catalog", args=[card.pk, "1"]) not in other


def test_checking_shows_every_dataset_and_what_to_fix_in_thai_and_saves_nothing(world, card):
    response = planner(world).post(reverse("front:catalog", args=[card.pk, "6"]), dumps())
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("<code>ditp-") == 24
    assert "คำอธิบายข้อมูลที่ยังขาด: วัตถุประสงค์" in body
    assert "quality_pct = 45.83, registered_pct = 62.50" in body
    assert not Result.objects.exists()


def test_storing_saves_the_shares_with_both_dumps_as_evidence(world, card):
    data = dict(dumps(), store="1")
    response = planner(world).post(reverse("front:catalog", args=[card.pk, "6"]), data, follow=True)
    assert response.status_code == 200
    result = Result.objects.get(kpi_id="6")
    assert (result.round_no, result.raw) == (2, {"quality_pct": "45.83", "registered_pct": "62.50"})
    assert Evidence.objects.filter(result=result).count() == 2


def test_a_truncated_dump_is_refused_on_the_page_with_its_line(world, card):
    response = planner(world).post(
        reverse("front:catalog", args=[card.pk, "6"]), dict(dumps(AGENCY[:3000]), store="1")
    )
    body = response.content.decode()
    assert "agency.jsonl:2: ไม่ใช่ JSON ที่ถูกต้อง" in body
    assert not Result.objects.exists()


def test_a_kpi_not_computed_from_a_catalog_has_no_such_page(world, card):
    response = planner(world).get(reverse("front:catalog", args=[card.pk, "1"]))
    assert response.status_code == 404


def test_another_agencys_planner_cannot_see_the_page(world, card):
    client = Client()
    client.force_login(world.mallory)
    assert client.get(reverse("front:catalog", args=[card.pk, "6"])).status_code == 404
