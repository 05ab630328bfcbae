"""The pages' Jinja2 environment: Django's reverse(), filters, translations."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from thaikpi.front.jinja import url


def test_the_pages_url_function_is_djangos_reverse():
    assert url("front:kpi", 7, "ตัวชี้วัด ๓") == reverse("front:kpi", args=(7, "ตัวชี้วัด ๓"))
    with pytest.raises(NoReverseMatch):
        url("front:kpi", 7, "a/b")


def test_pages_are_translated_and_plural_forms_work(world):
    from thaikpi.front.labels import revision_times

    with translation.override("th"):
        assert revision_times(1) == "ปรับได้ 1 ครั้ง"
    with translation.override("en"):
        assert revision_times(1) == "may be revised 1 time"
        assert revision_times(2) == "may be revised 2 times"


TEMPLATES = Path(__file__).resolve().parents[2] / "src/thaikpi/front/jinja2"


def template_messages() -> list[tuple[str, str]]:
    """(template, message) for every _("…") in the pages' templates."""
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        for match in re.finditer(r"""_\((["'])(.*?)\1\s*(\)|,)""", path.read_text("utf-8")):
            found.append((path.name, match.group(2) + ("" if match.group(3) == ")" else ",")))
    return found


def test_every_page_message_has_a_thai_translation():
    messages = template_messages()
    assert len(messages) > 150
    # makemessages reads only _("…") with nothing after the text: variables go through Python.
    assert [m for m in messages if m[1].endswith(",")] == []
    with translation.override("th"):
        untranslated = [m for m in messages if translation.gettext(m[1]) == m[1]]
    assert untranslated == []


def test_every_form_on_a_page_carries_the_same_csrf_token_and_it_is_accepted(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.pim)
    body = client.get(reverse("front:overview", args=[world.card.pk])).content.decode()
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    assert len(tokens) >= 2 and len(set(tokens)) == 1
    response = client.post(
        reverse("set_language"), {"language": "en", "csrfmiddlewaretoken": tokens[0]}
    )
    assert response.status_code == 302
