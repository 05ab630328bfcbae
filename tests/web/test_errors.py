"""The demo runs like production: DEBUG off, Thai error pages, JSON errors under /api/."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from tests.personas import World
from tests.web.test_settings import load_settings


@pytest.mark.parametrize(
    ("env", "debug"),
    [({}, False), ({"DEBUG": "1"}, True), ({"DEBUG": "off"}, False)],
    ids=["the demo by default", "DEBUG=1 for development", "DEBUG=off"],
)
def test_the_demo_runs_with_debug_off_unless_asked(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], debug: bool
) -> None:
    assert load_settings(monkeypatch, THAIKPI_ENV="demo", **env).DEBUG is debug


def test_a_misspelt_debug_stops_start_up_naming_it(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be true or false"):
        load_settings(monkeypatch, THAIKPI_ENV="demo", DEBUG="ture")


def test_a_404_is_the_sites_thai_page_not_the_debug_page(world: World) -> None:
    client = Client()
    client.force_login(world.pim)
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "ไม่พบหน้าที่ต้องการ" in html
    assert "site.css" in html
    assert "URLconf" not in html and "Using the URLconf" not in html


def test_a_404_in_english_when_the_user_chose_english(world: World) -> None:
    client = Client()
    client.cookies["django_language"] = "en"
    html = client.get("/no-such-page/").content.decode()
    assert "Not found." in html


def test_a_500_is_a_thai_page_without_a_traceback(settings: object) -> None:
    settings.ROOT_URLCONF = "tests.web.boom_urls"  # type: ignore[attr-defined]
    response = Client(raise_request_exception=False).get("/boom/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "ระบบขัดข้อง" in html and "Something went wrong" in html
    assert "Traceback" not in html and "secret internals" not in html
    assert "site.css" in html


def test_the_apis_unknown_address_is_json(world: World) -> None:
    response = Client().get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"detail": "Not found.", "code": "not_found"}


def test_the_apis_500_is_json_without_a_traceback(settings: object) -> None:
    settings.ROOT_URLCONF = "tests.web.boom_urls"  # type: ignore[attr-defined]
    response = Client(raise_request_exception=False).get("/api/v1/boom/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    assert body["code"] == "server_error"
    assert "secret" not in response.content.decode()
