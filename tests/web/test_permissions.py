"""The permission matrix: every view and action × every persona, other agencies' ids included.

Expected codes: 200/302 allowed, 403 forbidden, 404 for another agency's objects (their
existence does not leak), "login" for anonymous visitors redirected to the log-in page.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.personas import World
from thaikpi.results.models import MonthlyProgress, Result, RoundReview
from thaikpi.services import results, reviews

PERSONAS = ["anon", "pim", "oat", "ekk", "eve", "ada", "mallory"]


def client_for(world: World, name: str) -> Client:
    client = Client()
    if name != "anon":
        client.force_login(world.user(name))
    return client


def url(name: str, *args: object) -> str:
    return reverse(f"front:{name}", args=args)


def _evidence(world: World) -> str:
    saved = results.save_result(world.pim, world.card, "1", 1, "1.0", "", 0)
    pdf = SimpleUploadedFile("proof.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    return url("evidence", results.add_evidence(world.pim, saved, pdf).pk)


def _workbook(world: World, edits: dict[tuple[str, str], object]) -> SimpleUploadedFile:
    from tests.services.test_workbooks import filled

    return SimpleUploadedFile("book.xlsx", filled(world, 1, edits))


def _submitted(world: World) -> None:
    reviews.transition(world.pim, world.card, 1, "submit")


Action = Callable[[Client, World], int]


def everyone_logged_in(code: int) -> dict[str, object]:
    """Every persona gets ``code``; anonymous visitors are sent to log in."""
    return {name: ("login" if name == "anon" else code) for name in PERSONAS}


ACTIONS: dict[str, tuple[Action, dict[str, object]]] = {
    "home": (
        lambda c, w: c.get("/").status_code,
        {"anon": 200, "pim": 200, "oat": 200, "ekk": 200, "eve": 200, "ada": 200, "mallory": 200},
    ),
    "overview": (
        lambda c, w: c.get(url("overview", w.card.pk)).status_code,
        {
            "anon": "login",
            "pim": 200,
            "oat": 200,
            "ekk": 200,
            "eve": 200,
            "ada": 200,
            "mallory": 404,
        },
    ),
    "overview of DBD": (
        lambda c, w: c.get(url("overview", w.other.pk)).status_code,
        {
            "anon": "login",
            "pim": 404,
            "oat": 404,
            "ekk": 404,
            "eve": 200,
            "ada": 200,
            "mallory": 200,
        },
    ),
    "kpi page": (
        lambda c, w: c.get(url("kpi", w.card.pk, "3")).status_code,
        {
            "anon": "login",
            "pim": 200,
            "oat": 200,
            "ekk": 200,
            "eve": 200,
            "ada": 200,
            "mallory": 404,
        },
    ),
    "audit report": (
        lambda c, w: c.get(url("audit", w.card.pk)).status_code,
        {
            "anon": "login",
            "pim": 200,
            "oat": 200,
            "ekk": 200,
            "eve": 200,
            "ada": 200,
            "mallory": 404,
        },
    ),
    "entry form, own KPI": (
        lambda c, w: c.get(url("entry", w.card.pk, "3", 1)).status_code,
        {
            "anon": "login",
            "pim": 200,
            "oat": 200,
            "ekk": 403,
            "eve": 403,
            "ada": 200,
            "mallory": 404,
        },
    ),
    "entry form, other KPI": (
        lambda c, w: c.get(url("entry", w.card.pk, "1", 1)).status_code,
        {
            "anon": "login",
            "pim": 200,
            "oat": 403,
            "ekk": 403,
            "eve": 403,
            "ada": 200,
            "mallory": 404,
        },
    ),
    "save result": (
        lambda c, w: (
            c.post(
                url("entry", w.card.pk, "3", 1),
                {"revision": 0, "in_trade_value": "3500", "in_budget": "100"},
            ).status_code
        ),
        {
            "anon": "login",
            "pim": 302,
            "oat": 302,
            "ekk": 403,
            "eve": 403,
            "ada": 302,
            "mallory": 404,
        },
    ),
    "preview": (
        lambda c, w: (
            c.post(
                url("preview", w.card.pk, "3", 1), {"in_trade_value": "3500", "in_budget": "100"}
            ).status_code
        ),
        {
            "anon": "login",
            "pim": 200,
            "oat": 200,
            "ekk": 403,
            "eve": 403,
            "ada": 200,
            "mallory": 404,
        },
    ),
    "progress": (
        lambda c, w: (
            c.post(url("progress", w.card.pk, "3"), {"month": 2, "value": "5"}).status_code
        ),
        {
            "anon": "login",
            "pim": 302,
            "oat": 302,
            "ekk": 403,
            "eve": 403,
            "ada": 302,
            "mallory": 404,
        },
    ),
    "submit round": (
        lambda c, w: c.post(url("review", w.card.pk, 1), {"action": "submit"}).status_code,
        {
            "anon": "login",
            "pim": 302,
            "oat": 403,
            "ekk": 403,
            "eve": 403,
            "ada": 302,
            "mallory": 404,
        },
    ),
    "approve round": (
        lambda c, w: (
            (_submitted(w), c.post(url("review", w.card.pk, 1), {"action": "approve"}))[
                1
            ].status_code
        ),
        {
            "anon": "login",
            "pim": 403,
            "oat": 403,
            "ekk": 403,
            "eve": 302,
            "ada": 302,
            "mallory": 404,
        },
    ),
    "owners page": (
        lambda c, w: c.get(url("owners", w.card.pk)).status_code,
        {
            "anon": "login",
            "pim": 200,
            "oat": 403,
            "ekk": 403,
            "eve": 403,
            "ada": 200,
            "mallory": 404,
        },
    ),
    "set owner": (
        lambda c, w: (
            c.post(url("owners", w.card.pk), {"kpi_id": "1", "users": [w.oat.pk]}).status_code
        ),
        {
            "anon": "login",
            "pim": 302,
            "oat": 403,
            "ekk": 403,
            "eve": 403,
            "ada": 302,
            "mallory": 404,
        },
    ),
    "review queue": (
        lambda c, w: c.get(url("review_queue")).status_code,
        {
            "anon": "login",
            "pim": 403,
            "oat": 403,
            "ekk": 403,
            "eve": 200,
            "ada": 200,
            "mallory": 403,
        },
    ),
    "import page": (
        lambda c, w: c.get(url("import")).status_code,
        {
            "anon": "login",
            "pim": 200,
            "oat": 403,
            "ekk": 403,
            "eve": 403,
            "ada": 200,
            "mallory": 200,
        },
    ),
    "pdf report": (
        lambda c, w: c.get(url("report_pdf", w.card.pk, 1)).status_code,
        {
            "anon": "login",
            "pim": 200,
            "oat": 200,
            "ekk": 200,
            "eve": 200,
            "ada": 200,
            "mallory": 404,
        },
    ),
    "excel workbook": (
        lambda c, w: c.get(url("report_xlsx", w.card.pk, 1)).status_code,
        {
            "anon": "login",
            "pim": 200,
            "oat": 200,
            "ekk": 200,
            "eve": 200,
            "ada": 200,
            "mallory": 404,
        },
    ),
    "excel workbook of DBD": (
        lambda c, w: c.get(url("report_xlsx", w.other.pk, 1)).status_code,
        {
            "anon": "login",
            "pim": 404,
            "oat": 404,
            "ekk": 404,
            "eve": 200,
            "ada": 200,
            "mallory": 200,
        },
    ),
    "import results page": (
        lambda c, w: c.get(url("import_results", w.card.pk)).status_code,
        {
            "anon": "login",
            "pim": 200,
            "oat": 200,
            "ekk": 403,
            "eve": 403,
            "ada": 200,
            "mallory": 404,
        },
    ),
    "import results": (
        lambda c, w: (
            c.post(
                url("import_results", w.card.pk),
                {"file": _workbook(w, {("3", "trade_value"): 3500, ("3", "budget"): 100})},
            ).status_code
        ),
        {
            "anon": "login",
            "pim": 302,
            "oat": 302,
            "ekk": 403,
            "eve": 403,
            "ada": 302,
            "mallory": 404,
        },
    ),
    "api token page": (
        lambda c, w: c.get(url("token")).status_code,
        everyone_logged_in(200),
    ),
    "create api token": (
        lambda c, w: c.post(url("token"), {"action": "create"}).status_code,
        everyone_logged_in(200),
    ),
    "revoke api token": (
        lambda c, w: c.post(url("token"), {"action": "revoke"}).status_code,
        everyone_logged_in(302),
    ),
    "evidence file": (
        lambda c, w: c.get(_evidence(w)).status_code,
        {
            "anon": "login",
            "pim": 200,
            "oat": 200,
            "ekk": 200,
            "eve": 200,
            "ada": 200,
            "mallory": 404,
        },
    ),
}

CASES = [(action, persona) for action in ACTIONS for persona in PERSONAS]


@pytest.mark.parametrize(("action", "persona"), CASES, ids=[f"{a}-{p}" for a, p in CASES])
def test_permission_matrix(world: World, action: str, persona: str) -> None:
    do, expected = ACTIONS[action]
    client = client_for(world, persona)
    code = do(client, world)
    want = expected[persona]
    assert code == (302 if want == "login" else want), f"{persona} {action}: {code}"


@pytest.mark.parametrize("persona", ["oat", "ekk", "eve", "mallory"])
def test_refused_writes_change_nothing(world: World, persona: str) -> None:
    client = client_for(world, persona)
    client.post(url("entry", world.card.pk, "1", 1), {"revision": 0, "value": "2"})
    client.post(url("review", world.card.pk, 1), {"action": "submit"})
    client.post(url("progress", world.card.pk, "1"), {"month": 1, "value": "1"})
    client.post(
        url("import_results", world.card.pk),
        {"file": _workbook(world, {("1", "actual"): 2})},
    )
    assert not Result.objects.filter(kpi_id="1").exists()
    assert not MonthlyProgress.objects.filter(kpi_id="1").exists()
    assert RoundReview.objects.get(scorecard=world.card, round_no=1).state == "draft"


@pytest.mark.parametrize("persona", PERSONAS[1:])
def test_no_one_changes_a_locked_round_through_the_web(world: World, persona: str) -> None:
    results.save_result(world.pim, world.card, "3", 1, {"trade_value": "1", "budget": "1"}, "", 0)
    for user, action in [(world.pim, "submit"), (world.eve, "approve"), (world.eve, "lock")]:
        reviews.transition(user, world.card, 1, action)
    client = client_for(world, persona)
    form = {"revision": 1, "in_trade_value": "9", "in_budget": "1"}
    assert client.get(url("entry", world.card.pk, "3", 1)).status_code in (403, 404)
    assert client.post(url("entry", world.card.pk, "3", 1), form).status_code in (403, 404)
    client.post(url("progress", world.card.pk, "3"), {"month": 1, "value": "1"})
    client.post(url("review", world.card.pk, 1), {"action": "return", "comment": "again"})
    client.post(
        url("import_results", world.card.pk),
        {"file": _workbook(world, {("3", "trade_value"): 9, ("3", "budget"): 1})},
    )
    assert Result.objects.get(kpi_id="3").raw == {"trade_value": "1", "budget": "1"}
    assert RoundReview.objects.get(scorecard=world.card, round_no=1).state == "locked"
    assert not MonthlyProgress.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login_page(world: World) -> None:
    response = Client().get(url("overview", world.card.pk))
    assert response.url.startswith(reverse("front:login"))
