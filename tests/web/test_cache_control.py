"""No browser or proxy keeps a private response: the whole URL map × every persona."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.authtoken.models import Token

from tests.personas import World
from thaikpi.services import results

PERSONAS = ["anon", "pim", "oat", "ekk", "eve", "ada", "mallory"]


def routes(resolver: URLResolver | None = None, prefix: str = "") -> list[str]:
    """Every route of the URL map as a pattern string, e.g. 'scorecards/<int:pk>/'."""
    found: list[str] = []
    for entry in (resolver or get_resolver()).url_patterns:
        here = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            found += routes(entry, here)
        elif isinstance(entry, URLPattern):
            found.append(here)
    return found


def concrete(route: str, world: World, evidence_pk: int) -> str:
    """A URL for a route, with the personas' own scorecard, round 1, KPI 3 and evidence."""
    if route.startswith("admin/"):  # the admin's regex routes: its index and one list page
        route = re.sub(r"^admin/\^?", "admin/", route)
        if "(" in route or "<" in route or "^" in route or "$" in route:
            route = "admin/auth/user/"
    values = {"pk": world.card.pk, "round_no": 1, "kpi_id": "3"}
    if route.startswith("evidence/"):
        values["pk"] = evidence_pk

    def value(match: re.Match[str]) -> str:
        return str(values.get(match.group(1), 1))

    path = re.sub(r"<(?:\w+:)?(\w+)>", value, route)
    return "/" + path.lstrip("^").rstrip("$")


@pytest.fixture
def urls(world: World) -> list[str]:
    saved = results.save_result(world.pim, world.card, "3", 1, "8", "", 0)
    pdf = SimpleUploadedFile("proof.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    evidence = results.add_evidence(world.pim, saved, pdf)
    return sorted({concrete(route, world, evidence.pk) for route in routes()})


def client_for(world: World, name: str) -> Client:
    client = Client()
    if name != "anon":
        client.force_login(world.user(name))
    return client


def test_the_walk_covers_pages_api_downloads_and_evidence(urls: list[str]) -> None:
    for expected in ("/login/", "/api/v1/scorecards/", "/admin/", "/evidence/"):
        assert any(url.startswith(expected) for url in urls), expected
    assert any(url.endswith("report.pdf") for url in urls)
    assert any(url.endswith("workbook.xlsx") for url in urls)


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_response_says_private_no_store_and_varies_on_cookie(
    world: World, urls: list[str], persona: str
) -> None:
    client = client_for(world, persona)
    cacheable = {}
    for url in urls:
        response = client.get(url)
        control = {part.strip() for part in response.get("Cache-Control", "").split(",")}
        vary = {part.strip().lower() for part in response.get("Vary", "").split(",")}
        if not {"private", "no-store"} <= control or "cookie" not in vary:
            cacheable[url] = (response.status_code, response.get("Cache-Control"))
    assert cacheable == {}


def test_api_answers_to_a_token_are_private_too(world: World) -> None:
    token = Token.objects.create(user=world.pim)
    response = Client().get("/api/v1/scorecards/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert "Authorization" in response["Vary"]


def test_a_refused_log_in_and_a_not_found_page_are_not_cached_either(world: World) -> None:
    refused = Client().post("/login/", {"username": "pim", "password": "wrong"})
    missing = Client().get("/no-such-page/")
    assert "no-store" in refused["Cache-Control"]
    assert missing.status_code == 404
    assert "no-store" in missing["Cache-Control"]
