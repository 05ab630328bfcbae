"""The template import page: errors line by line, a new version with its reason."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.personas import World, mini_text


def pim(world: World) -> Client:
    client = Client()
    client.force_login(world.pim)
    return client


def test_errors_are_listed_with_their_lines(world):
    bad = mini_text().replace("weight: 40", "weight: forty")
    upload = SimpleUploadedFile("ditp.yaml", bad.encode())
    response = pim(world).post(reverse("front:import"), {"file": upload, "reason": "x"})
    body = response.content.decode()
    assert response.status_code == 200 and 'id="findings"' in body
    line = next(n for n, text in enumerate(bad.splitlines(), 1) if "forty" in text)
    assert f'<td class="n">{line}</td>' in body
    assert world.card.versions.count() == 1


def test_a_new_version_is_imported_with_its_reason_once_its_preview_is_confirmed(world):
    text = mini_text().replace("{score: 100, stated: 2.7}", "{score: 100, stated: 2.9}")
    client = pim(world)
    preview = client.post(reverse("front:import"), {"text": text, "reason": "GDP Q2"})
    assert preview.status_code == 200 and 'id="import-preview"' in preview.content.decode()
    assert world.card.versions.count() == 1
    form = {"text": text, "reason": "GDP Q2", "confirm": "True"}
    response = client.post(reverse("front:import"), form)
    assert response.status_code == 302
    world.card.refresh_from_db()
    assert world.card.current.number == 2 and world.card.current.reason == "GDP Q2"


def test_an_empty_form_or_binary_junk_is_a_form_error(world):
    assert pim(world).post(reverse("front:import"), {}).status_code == 200
    junk = SimpleUploadedFile("x.yaml", b"\xff\xfe\x00\x01")
    assert pim(world).post(reverse("front:import"), {"file": junk}).status_code == 200
