"""The API's comment threads: the same rules as the pages, JSON in and out."""

from __future__ import annotations

import pytest

from tests.api.test_permissions import card, client_for, lock_round_1
from thaikpi.discussions.models import Comment
from thaikpi.services import discussions


def test_an_owner_posts_and_the_evaluator_replies_and_resolves(world):
    oat, eve = client_for(world, "oat"), client_for(world, "eve")
    posted = oat.post(card(world, "rounds/1/comments/"), {"body": "คำถาม", "kpi": "3"},
                      format="json")  # fmt: skip
    assert posted.status_code == 201
    root = posted.json()["id"]
    reply = eve.post(card(world, "rounds/1/comments/"), {"body": "คำตอบ", "parent": root},
                     format="json")  # fmt: skip
    assert [r["body"] for r in reply.json()["replies"]] == ["คำตอบ"]
    done = eve.post(card(world, f"comments/{root}/resolve/"), {"resolved": True}, format="json")
    assert done.status_code == 200
    thread = done.json()
    assert (thread["kpi"], thread["round"], thread["resolved"]) == ("3", 1, True)
    assert thread["resolved_by"] == "Eve"
    assert [(h["action"], h["by"]) for h in thread["history"]] == [("resolve", "Eve")]


@pytest.mark.parametrize(
    ("query", "bodies"),
    [("", ["ตัวที่ 3", "ทั้งรอบ"]), ("?kpi=3", ["ตัวที่ 3"]), ("?kpi=", ["ทั้งรอบ"])],
    ids=["every thread", "one KPI's", "the round's own"],
)
def test_the_threads_of_a_round_are_listed_all_or_per_kpi(world, query, bodies):
    discussions.add(world.oat, world.card, 1, "ตัวที่ 3", kpi_id="3")
    discussions.add(world.pim, world.card, 1, "ทั้งรอบ")
    found = client_for(world, "ekk").get(card(world, f"rounds/1/comments/{query}"))
    assert [t["body"] for t in found.json()["threads"]] == bodies


@pytest.mark.parametrize(
    ("name", "status"),
    [("ekk", 403), ("mallory", 404), ("anon", 401)],
)
def test_resolving_is_refused_to_those_who_may_not(world, name, status):
    root = discussions.add(world.oat, world.card, 1, "คำถาม", kpi_id="3")
    found = client_for(world, name).post(card(world, f"comments/{root.pk}/resolve/"),
                                         {"resolved": True}, format="json")  # fmt: skip
    assert found.status_code == status
    root.refresh_from_db()
    assert root.resolved_at is None


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({"body": ""}, "invalid"),
        ({"body": "ok", "kpi": "99"}, "invalid"),
        ({"body": "ok", "parent": 2**63}, "invalid"),
    ],
    ids=["empty", "no such KPI", "an id beyond any"],
)
def test_a_comment_that_cannot_be_placed_is_a_400(world, payload, code):
    found = client_for(world, "pim").post(card(world, "rounds/1/comments/"), payload,
                                          format="json")  # fmt: skip
    assert (found.status_code, found.json()["code"]) == (400, code)
    assert Comment.objects.count() == 0


def test_another_agency_cannot_read_the_threads(world):
    discussions.add(world.oat, world.card, 1, "คำถาม", kpi_id="3")
    assert client_for(world, "mallory").get(card(world, "rounds/1/comments/")).status_code == 404


@pytest.mark.parametrize("post", ["new thread", "reply", "resolve", "reopen"])
def test_a_locked_rounds_discussion_answers_409_as_a_locked_result_does(world, post):
    root = discussions.add(world.oat, world.card, 1, "คำถาม", kpi_id="3")
    if post == "reopen":
        discussions.set_resolved(world.pim, world.card, root.pk, True)
    lock_round_1(world)
    sent = {
        "new thread": ("rounds/1/comments/", {"body": "ใหม่", "kpi": "3"}),
        "reply": ("rounds/1/comments/", {"body": "ตอบ", "parent": root.pk}),
        "resolve": (f"comments/{root.pk}/resolve/", {"resolved": True}),
        "reopen": (f"comments/{root.pk}/resolve/", {"resolved": False}),
    }[post]
    eve = client_for(world, "eve")
    found = eve.post(card(world, sent[0]), sent[1], format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert (found.status_code, found.json()) == (
        409,
        {"detail": "Round 1 is Locked; its comments cannot change.", "code": "round_closed"},
    )
    root.refresh_from_db()
    assert (Comment.objects.count(), root.resolved) == (1, post == "reopen")


def test_a_locked_rounds_threads_are_still_read(world):
    discussions.add(world.oat, world.card, 1, "คำถาม", kpi_id="3")
    lock_round_1(world)
    found = client_for(world, "ekk").get(card(world, "rounds/1/comments/"))
    assert [t["body"] for t in found.json()["threads"]] == ["คำถาม"]
