"""The pages' Jinja2 environment: URLs exactly as Django reverses them, filters, translations."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from thaikpi.front.jinja import url

ROUTES = [
    ("front:home", ()),
    ("front:overview", (7,)),
    ("front:audit", (7,)),
    ("front:review", (7, 2)),
    ("front:kpi", (7, "1")),
    ("front:kpi", (123456, "2.1")),
    ("front:kpi", (7, "ตัวชี้วัด ๓")),
    ("front:kpi", (7, "a b%c?d#e&f")),
    ("front:progress", (7, "3")),
    ("front:entry", (7, "5", 1)),
    ("front:preview", (7, "5", 2)),
    ("front:report_pdf", (7, 1)),
    ("front:report_xlsx", (7, 2)),
    ("front:evidence", (0,)),
    ("admin:index", ()),
    ("set_language", ()),
]


@pytest.mark.parametrize(("name", "args"), ROUTES)
def test_a_url_is_exactly_what_reverse_gives(name, args):
    assert url(name, *args) == reverse(name, args=args)
    assert url(name, *args) == reverse(name, args=args)  # the second time from the pattern


@given(kpi_id=st.text(min_size=1).filter(lambda s: "/" not in s), pk=st.integers(0, 2**62))
def test_any_kpi_id_and_id_give_what_reverse_gives(kpi_id, pk):
    assert url("front:entry", pk, kpi_id, 2) == reverse("front:entry", args=(pk, kpi_id, 2))


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("front:overview", (-1,)),
        ("front:overview", ("seven",)),
        ("front:kpi", (7, "")),
        ("front:kpi", (7, "a/b")),
        ("front:entry", (7, "1", "x")),
    ],
)
def test_arguments_reverse_refuses_are_refused_the_same_way(name, args):
    with pytest.raises(NoReverseMatch):
        reverse(name, args=args)
    with pytest.raises(NoReverseMatch):
        url(name, *args)


def test_a_number_given_as_text_still_finds_its_url():
    assert url("front:overview", "7") == reverse("front:overview", args=("7",)) == "/scorecards/7/"


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
