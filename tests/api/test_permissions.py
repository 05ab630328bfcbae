"""The permission matrix through the API: every endpoint × every persona, other agencies' ids.

Expected codes: 200/201 allowed, 401 anonymous, 403 forbidden, 404 another agency's objects
(their existence does not leak), 409 a round that is closed. The rules are the web's
(thaikpi.scorecards.permissions); these tests check the API asks them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from tests.personas import World, mini_text
from thaikpi.services import reviews, tokens

PERSONAS = ["anon", "pim", "oat", "ekk", "eve", "ada", "mallory"]


def client_for(world: World, name: str) -> APIClient:
    """An API client authenticated with the persona's token (none for anon)."""
    client = APIClient()
    if name != "anon":
        client.credentials(HTTP_AUTHORIZATION="Token " + tokens.issue(world.user(name)))
    return client


def card(w: World, rest: str = "") -> str:
    """URL under DITP's scorecard."""
    return f"/api/v1/scorecards/{w.card.pk}/{rest}"


def lock_round_1(w: World) -> None:
    """Submit, approve and lock round 1 of DITP's scorecard."""
    reviews.transition(w.pim, w.card, 1, "submit")
    reviews.transition(w.eve, w.card, 1, "approve")
    reviews.transition(w.eve, w.card, 1, "lock")


def put_kpi(kpi: str, body: dict[str, Any]) -> Callable[[APIClient, World], int]:
    """PUT a round-1 result of a KPI."""
    return lambda c, w: c.put(card(w, f"rounds/1/results/{kpi}/"), body, format="json").status_code


READERS = {"anon": 401, "pim": 200, "oat": 200, "ekk": 200, "eve": 200, "ada": 200, "mallory": 404}
Action = Callable[[APIClient, World], int]
ACTIONS: dict[str, tuple[Action, dict[str, int]]] = {
    "scorecard": (lambda c, w: c.get(card(w)).status_code, READERS),
    "DBD's scorecard": (lambda c, w: c.get(f"/api/v1/scorecards/{w.other.pk}/").status_code,
                        {"anon": 401, "pim": 404, "oat": 404, "ekk": 404, "eve": 200, "ada": 200,
                         "mallory": 200}),
    "KPIs": (lambda c, w: c.get(card(w, "kpis/")).status_code, READERS),
    "one KPI": (lambda c, w: c.get(card(w, "kpis/3/")).status_code, READERS),
    "results": (lambda c, w: c.get(card(w, "rounds/1/results/")).status_code, READERS),
    "scores": (lambda c, w: c.get(card(w, "rounds/1/score/")).status_code, READERS),
    "audit": (lambda c, w: c.get(card(w, "audit/")).status_code, READERS),
    "what-if": (lambda c, w: c.get(card(w, "rounds/1/need/?total=50")).status_code, READERS),
    "workbook": (lambda c, w: c.get(card(w, "rounds/1/workbook.xlsx")).status_code, READERS),
    "save own KPI 3": (put_kpi("3", {"inputs": {"trade_value": "3500", "budget": "100"},
                                     "revision": 0}),
                       {"anon": 401, "pim": 200, "oat": 200, "ekk": 403, "eve": 403, "ada": 200,
                        "mallory": 404}),
    "save KPI 1 (not oat's)": (put_kpi("1", {"value": "2.4", "revision": 0}),
                               {"anon": 401, "pim": 200, "oat": 403, "ekk": 403, "eve": 403,
                                "ada": 200, "mallory": 404}),
    "save in a locked round": (lambda c, w: (lock_round_1(w), put_kpi("1", {
                                   "value": "2.4", "revision": 0})(c, w))[1],
                               {"anon": 401, "pim": 409, "oat": 403, "ekk": 403, "eve": 403,
                                "ada": 409, "mallory": 404}),
    "comment in a locked round": (lambda c, w: (lock_round_1(w), c.post(
                                      card(w, "rounds/1/comments/"), {"body": "ok", "kpi": "3"},
                                      format="json").status_code)[1],
                                  {"anon": 401, "pim": 409, "oat": 409, "ekk": 409, "eve": 409,
                                   "ada": 409, "mallory": 404}),
    "submit round 1": (lambda c, w: c.post(card(w, "rounds/1/review/"), {"action": "submit",
                                                                          "acknowledge": True},
                                           format="json").status_code,
                       {"anon": 401, "pim": 200, "oat": 403, "ekk": 403, "eve": 403, "ada": 200,
                        "mallory": 404}),
    "import a new DITP version": (lambda c, w: c.post("/api/v1/scorecards/import/", {
                                      "text": mini_text("DITP").replace("(test)", "(test, v2)"),
                                      "reason": "a new English title"},
                                      format="json").status_code,
                                  {"anon": 401, "pim": 201, "oat": 403, "ekk": 403, "eve": 403,
                                   "ada": 201, "mallory": 403}),
}  # fmt: skip

CASES = [(action, persona) for action in ACTIONS for persona in PERSONAS]


@pytest.mark.django_db
@pytest.mark.parametrize(("action", "persona"), CASES, ids=[f"{a} as {p}" for a, p in CASES])
def test_the_api_applies_the_web_permission_rules(world: World, action: str, persona: str) -> None:
    do, expected = ACTIONS[action]
    assert do(client_for(world, persona), world) == expected[persona]


@pytest.mark.django_db
@pytest.mark.parametrize(("persona", "visible"),
                         [("pim", 1), ("oat", 1), ("ekk", 1), ("eve", 2), ("ada", 2),
                          ("mallory", 1)])  # fmt: skip
def test_each_persona_lists_only_the_scorecards_they_may_read(
    world: World, persona: str, visible: int
) -> None:
    body = client_for(world, persona).get("/api/v1/scorecards/").json()
    assert body["count"] == visible
    if persona in ("pim", "oat", "ekk"):
        assert body["results"][0]["agency"]["code"] == "DITP"
