"""The API's review: the same checklist as the page; a submit with KPIs missing needs
``acknowledge``, a lock needs the agency code."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.personas import World
from thaikpi.results.models import RoundReview
from thaikpi.services import results, reviews, tokens


def client_for(world: World, name: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token " + tokens.issue(world.user(name)))
    return client


def url(world: World) -> str:
    return f"/api/v1/scorecards/{world.card.pk}/rounds/1/review/"


def state(world: World) -> str:
    return RoundReview.objects.get(scorecard=world.card, round_no=1).state


@pytest.mark.django_db
def test_the_checklist_is_readable_before_a_submit(world):
    results.save_result(world.pim, world.card, "1", 1, "1.2", "", 0)
    body = client_for(world, "pim").get(url(world)).json()
    assert (body["blocks"], [i["kpi"] for i in body["missing"]]) == (True, ["3"])
    assert body["missing"][0]["name_th"] == "มูลค่าการค้าต่องบประมาณ"
    assert [i["kpi"] for i in body["without_evidence"]] == ["1"]


@pytest.mark.django_db
def test_a_submit_with_missing_results_is_refused_with_a_code_until_acknowledged(world):
    client = client_for(world, "pim")
    refused = client.post(url(world), {"action": "submit"}, format="json")
    assert (refused.status_code, refused.json()["code"], state(world)) == (
        400,
        "missing_results",
        "draft",
    )
    assert [i["kpi"] for i in refused.json()["checklist"]["missing"]] == ["1", "3"]
    done = client.post(url(world), {"action": "submit", "acknowledge": True}, format="json")
    assert (done.status_code, done.json()["state"]) == (200, "submitted")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "status", "code"),
    [({}, 400, "agency_code_mismatch"), ({"agency_code": "DBD"}, 400, "agency_code_mismatch"),
     ({"agency_code": "DITP"}, 200, None)],
    ids=["no code", "another agency's code", "the code"],
)  # fmt: skip
def test_a_lock_through_the_api_needs_the_agency_code(world, body, status, code):
    reviews.act(world.pim, world.card, 1, "submit", acknowledge=True)
    reviews.act(world.eve, world.card, 1, "approve")
    response = client_for(world, "eve").post(url(world), {"action": "lock", **body}, format="json")
    assert response.status_code == status
    assert response.json().get("code") == code
    assert state(world) == ("locked" if status == 200 else "approved")
