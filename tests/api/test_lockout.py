"""A user locked out after failed log-ins: the password is guarded, issued tokens keep working.

The lock-out protects the password from guessing. An attacker failing log-ins on purpose must
not be able to cut off an agency's integrations; deactivating the user revokes everything.
"""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.test import Client
from rest_framework.authtoken.models import Token

from tests.personas import PASSWORD, World

TOKEN_URL = "/api/v1/auth/token/"


def fail_log_ins(client: Client, times: int) -> None:
    for _ in range(times):
        client.post(TOKEN_URL, {"username": "pim", "password": "guess"}, "application/json")


@pytest.fixture
def locked(world: World) -> str:
    """pim's token, issued before someone failed pim's log-in until the lock-out."""
    key = Token.objects.create(user=world.pim).key
    fail_log_ins(Client(), settings.AXES_FAILURE_LIMIT)
    return key


def test_an_issued_token_keeps_working_while_the_user_is_locked_out(locked: str) -> None:
    response = Client().get("/api/v1/scorecards/", HTTP_AUTHORIZATION=f"Token {locked}")
    assert response.status_code == 200


def test_the_right_password_gets_no_token_while_locked_out(world: World, locked: str) -> None:
    response = Client().post(
        TOKEN_URL, {"username": "pim", "password": PASSWORD}, "application/json"
    )
    body = json.loads(response.content)
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert body["code"] == "locked_out"
    assert "token" not in body
    assert "keeps working" in body["detail"]
    assert "ถูกระงับ" in body["detail_th"]


def test_the_log_in_page_says_so_in_thai_while_locked_out(world: World, locked: str) -> None:
    response = Client().post("/login/", {"username": "pim", "password": PASSWORD})
    html = response.content.decode()
    assert response.status_code == 429
    assert "ระงับการเข้าสู่ระบบชั่วคราว" in html


def test_deactivating_the_user_stops_the_token_too(world: World, locked: str) -> None:
    world.pim.is_active = False
    world.pim.save()
    response = Client().get("/api/v1/scorecards/", HTTP_AUTHORIZATION=f"Token {locked}")
    assert response.status_code == 401


def test_before_the_limit_a_wrong_password_is_an_ordinary_refusal(world: World) -> None:
    client = Client()
    fail_log_ins(client, settings.AXES_FAILURE_LIMIT - 2)
    response = client.post(TOKEN_URL, {"username": "pim", "password": PASSWORD}, "application/json")
    assert response.status_code == 200
    assert "token" in json.loads(response.content)
