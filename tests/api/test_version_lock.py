"""The API: a closed round's score names its version and survives imports; import dry runs."""

from __future__ import annotations

import pytest

from tests.api.test_permissions import client_for
from tests.versions import base_text, edited, round_one_in
from thaikpi.changelog.models import AuditLog

IMPORT = "/api/v1/scorecards/import/"


def score_url(world, round_no: int = 1) -> str:
    return f"/api/v1/scorecards/{world.card.pk}/rounds/{round_no}/score/"


@pytest.mark.parametrize("field", ["weights", "formula", "scoring method"])
def test_a_locked_rounds_score_and_need_stay_after_a_new_version(world, field):
    round_one_in(world, "locked")
    api = client_for(world, "pim")
    need = f"/api/v1/scorecards/{world.card.pk}/rounds/1/need/?total=60"
    before, need_before = api.get(score_url(world)).json(), api.get(need).json()
    response = api.post(IMPORT, {"text": edited(field), "reason": field}, format="json")
    assert response.status_code == 201
    after = api.get(score_url(world)).json()
    assert after == before and after["version"] == 2
    assert api.get(need).json() == need_before
    rounds = api.get(f"/api/v1/scorecards/{world.card.pk}/").json()["rounds"]
    assert sorted((r["round"], r["state"], r["version"]) for r in rounds) == [
        (1, "locked", 2),
        (2, "draft", None),
    ]


def test_the_201_answer_lists_the_difference_and_the_rounds_using_the_new_version(world):
    round_one_in(world, "submitted")
    body = client_for(world, "pim").post(IMPORT, {"text": edited("formula"), "reason": "x2"},
                                         format="json").json()  # fmt: skip
    assert (body["version"], body["created"]) == (3, True)
    assert body["changes"] == [
        {"kpi": "3", "field": "formula", "old": "trade_value / budget",
         "new": "trade_value / budget * 2"}
    ]  # fmt: skip
    assert body["round_versions"] == [
        {"round": 1, "state": "submitted", "version": 2, "follows_new": False},
        {"round": 2, "state": "draft", "version": 3, "follows_new": True},
    ]


@pytest.mark.parametrize("how", ["query", "field"])
def test_a_dry_run_answers_the_difference_and_stores_nothing(world, how):
    round_one_in(world, "approved")
    api = client_for(world, "pim")  # issuing its token is logged too
    logged = AuditLog.objects.count()
    data = {"text": edited("scoring method"), "reason": "step"}
    url = IMPORT + "?dry_run=1" if how == "query" else IMPORT
    if how == "field":
        data["dry_run"] = True
    response = api.post(url, data, format="json")
    body = response.json()
    assert (response.status_code, body["code"], body["dry_run"]) == (200, "dry_run", True)
    assert body["changes"] == [
        {"kpi": None, "field": "scoring.method", "old": "interpolate", "new": "step"}
    ]
    assert [r["follows_new"] for r in body["round_versions"]] == [False, True]
    assert world.card.versions.count() == 2 and AuditLog.objects.count() == logged


def test_an_identical_template_is_200_unchanged_and_makes_no_version(world):
    api = client_for(world, "pim")
    assert api.post(IMPORT, {"text": base_text(), "reason": "v2"}, format="json").status_code == 201
    response = api.post(IMPORT, {"text": base_text(), "reason": "again"}, format="json")
    body = response.json()
    assert (response.status_code, body["code"], body["created"], body["version"]) == (
        200,
        "unchanged",
        False,
        2,
    )
    assert body["changes"] == [] and world.card.versions.count() == 2
