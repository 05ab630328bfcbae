"""The API token page: see whether you have one, create it (shown once), replace, revoke."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from tests.personas import World
from thaikpi.changelog.models import AuditLog

PAGE = "/account/token/"


def logged_in(world: World, name: str, csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(world.user(name))
    return client


def shown_key(body: str) -> str | None:
    found = re.search(r'id="token-key" value="([0-9a-f]{40})"', body)
    return found[1] if found else None


def api_status(key: str) -> int:
    return Client().get("/api/v1/scorecards/", HTTP_AUTHORIZATION=f"Token {key}").status_code


def test_the_page_is_linked_from_the_header_and_says_there_is_no_token(world):
    client = logged_in(world, "oat")
    assert f'href="{PAGE}"' in client.get("/").content.decode()
    body = client.get(PAGE).content.decode()
    assert "คุณยังไม่มีโทเค็น API" in body and 'value="create"' in body
    assert shown_key(body) is None


def test_creating_shows_the_key_once_and_it_works_for_the_api(world):
    client = logged_in(world, "ekk")
    response = client.post(PAGE, {"action": "create"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    key = shown_key(response.content.decode())
    assert key == Token.objects.get(user=world.ekk).key
    assert api_status(key) == 200
    again = client.get(PAGE).content.decode()
    assert key not in again and "คุณมีโทเค็น API ซึ่งสร้างเมื่อ" in again


def test_create_when_there_is_one_never_reveals_the_existing_key(world):
    client = logged_in(world, "pim")
    key = shown_key(client.post(PAGE, {"action": "create"}).content.decode())
    response = client.post(PAGE, {"action": "create"}, follow=True)
    body = response.content.decode()
    assert key not in body and "คุณมีโทเค็น API อยู่แล้ว" in body
    assert Token.objects.get(user=world.pim).key == key


def test_replacing_gives_a_new_key_and_the_old_one_stops_working(world):
    client = logged_in(world, "eve")
    old = shown_key(client.post(PAGE, {"action": "create"}).content.decode())
    new = shown_key(client.post(PAGE, {"action": "replace"}).content.decode())
    assert new and new != old
    assert api_status(old) == 401 and api_status(new) == 200


def test_revoking_stops_the_token_at_once(world):
    client = logged_in(world, "mallory")
    key = shown_key(client.post(PAGE, {"action": "create"}).content.decode())
    response = client.post(PAGE, {"action": "revoke"})
    assert response.status_code == 302 and response.url == PAGE
    assert not Token.objects.filter(user=world.mallory).exists()
    assert api_status(key) == 401
    body = client.get(PAGE).content.decode()
    assert "ยกเลิกโทเค็น API แล้ว" in body and "คุณยังไม่มีโทเค็น API" in body


def test_create_and_revoke_are_in_the_audit_log_and_on_the_page(world):
    client = logged_in(world, "oat")
    client.post(PAGE, {"action": "create"})
    client.post(PAGE, {"action": "replace"})
    client.post(PAGE, {"action": "revoke"})
    entries = AuditLog.objects.filter(object_type="auth.user", object_id=str(world.oat.pk))
    assert [e.action for e in entries.order_by("id")] == [
        "api_token.create",
        "api_token.revoke",
        "api_token.create",
        "api_token.revoke",
    ]
    assert all(e.actor == world.oat for e in entries)
    assert Token.objects.filter(user=world.oat).count() == 0
    body = client.get(PAGE).content.decode()
    assert body.count("สร้างโทเค็น API") == 2 and body.count("ยกเลิกโทเค็น API") >= 2


def test_one_users_actions_never_touch_anothers_token(world):
    logged_in(world, "pim").post(PAGE, {"action": "create"})
    logged_in(world, "oat").post(PAGE, {"action": "revoke"})
    assert Token.objects.filter(user=world.pim).exists()
    assert "pim" not in logged_in(world, "oat").get(PAGE).content.decode().split("<main>")[1]


def test_posts_need_the_csrf_token(world):
    client = logged_in(world, "pim", csrf=True)
    assert client.post(PAGE, {"action": "create"}).status_code == 403
    assert not Token.objects.exists()
    page = client.get(PAGE)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    assert client.post(PAGE, {"action": "create", "csrfmiddlewaretoken": token}).status_code == 200
    assert Token.objects.filter(user=world.pim).exists()


def test_an_unknown_action_changes_nothing(world):
    client = logged_in(world, "pim")
    assert client.post(PAGE, {"action": "steal"}).status_code == 302
    assert client.get(PAGE + "?action=create").status_code == 200
    assert (
        not Token.objects.exists()
        and not AuditLog.objects.filter(action__startswith="api_token.").exists()
    )


def test_visitors_are_sent_to_log_in(db):
    response = Client().post(PAGE, {"action": "create"})
    assert response.status_code == 302 and response.url.startswith(reverse("front:login"))
    assert not Token.objects.exists()
