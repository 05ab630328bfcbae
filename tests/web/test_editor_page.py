"""The template editor's pages: sections as forms, findings beside fields, one action each,
saving as the next version through the import's preview; planners of the agency only."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.personas import World, empty_lists_text
from thaikpi.engine import loader
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import editor, imports


def client_of(world: World, name: str) -> Client:
    client = Client()
    if name != "anon":
        client.force_login(world.user(name))
    return client


def page(world: World, section: str = "general", who: str = "pim"):
    url = reverse("front:editor", args=[world.card.pk])
    return client_of(world, who).get(url, {"section": section})


def form_of(body: str) -> dict[str, str]:
    """The posted form of a page: every input and selected option, as a browser sends it."""
    found: dict[str, str] = {}
    for tag in re.findall(r"<input[^>]*>", body):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or 'type="submit"' in tag:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        if 'type="checkbox"' in tag:
            if "checked" in tag:
                found[name.group(1)] = "on"
            continue
        found[name.group(1)] = unescape(value.group(1)) if value else ""
    for name, text in re.findall(r'<textarea name="([^"]+)"[^>]*>\n?(.*?)</textarea>', body, re.S):
        found[name] = unescape(text).replace("\n", "\r\n")  # as a browser sends it
    for name, options in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', body, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', options)
        found[name] = unescape(chosen.group(1)) if chosen else ""
    return found


def test_the_planner_sees_the_scorecard_section_with_its_groups(world):
    response = page(world)
    body = response.content.decode()
    assert response.status_code == 200
    assert (
        form_of(body)["groups-0-name_th"] == "Performance Base" and 'name="groups-1-weight"' in body
    )
    assert 'id="add-kpi"' in body and 'id="add-rounds"' in body


@pytest.mark.parametrize(
    ("who", "status"),
    [("pim", 200), ("ada", 200), ("eve", 403), ("oat", 403), ("ekk", 403), ("mallory", 404),
     ("anon", 302)],
)  # fmt: skip
def test_only_planners_of_the_agency_edit_its_template(world, who, status):
    response = page(world, who=who)
    assert response.status_code == status
    if who == "anon":
        assert response["Location"].startswith(reverse("front:login"))


def test_a_kpi_section_shows_its_levels_and_rules_in_words(world):
    body = page(world, "kpi-0").content.decode()
    assert 'name="r2lv-0-stated" value="1.5"' in body
    assert "ร้อยละของเป้าหมายอื่น" in body or "Percentage of another target" in body
    assert "percent_of_level</option>" not in body


def post(world: World, form: dict[str, str], **extra: str):
    url = reverse("front:editor", args=[world.card.pk])
    return client_of(world, "pim").post(url, {**form, **extra})


def test_a_stated_figure_its_rule_does_not_give_is_marked_beside_it(world):
    form = form_of(page(world, "kpi-0").content.decode())
    form.update({"r2lv-0-rule__kind": "fixed", "r2lv-0-rule__value": "1.6"})
    url = reverse("front:editor_check", args=[world.card.pk])
    body = client_of(world, "pim").post(url, form).json()
    assert body["ok"] and body["warnings"] == 1
    [found] = body["fields"]["r2lv-0-stated"]
    assert found["severity"] == "warning" and "1.60" in found["text"] and "1.5" in found["text"]


@pytest.mark.parametrize(
    ("field", "typed", "name", "words"),
    [
        ("kpi-weight", "forty", "kpi-weight", "forty"),
        ("kpi-name_th", "", "kpi-name_th", ""),
        ("r1lv-1-stated", "0.5", "@r1lv", "0.50"),  # below the 50 level: the round's levels
        ("sc-fiscal_year__ends", "2023-13-01", "sc-fiscal_year__ends", ""),
    ],
)
def test_an_error_is_reported_beside_the_field_that_has_it(world, field, typed, name, words):
    section = "general" if field.startswith("sc-") else "kpi-0"
    form = form_of(page(world, section).content.decode())
    form[field] = typed
    url = reverse("front:editor_check", args=[world.card.pk])
    body = client_of(world, "pim").post(url, form).json()
    assert body["errors"] >= 1
    assert name in body["fields"], body
    assert words in body["fields"][name][0]["text"]


@pytest.mark.parametrize(
    ("section", "action", "what", "check"),
    [
        ("general", "add", "kpi", lambda d: len(d["kpis"]) == 4),
        ("general", "add", "rounds", lambda d: len(d["rounds"]) == 3
         and all("3" in k["rounds"] for k in d["kpis"])),
        ("general", "add", "groups", lambda d: len(d["groups"]) == 3),
        ("general", "add", "params", lambda d: len(d["parameters"]) == 1),
        ("general", "remove", "rounds:1", lambda d: len(d["rounds"]) == 1
         and all("2" not in k["rounds"] for k in d["kpis"])),
        ("kpi-2", "add", "inputs", lambda d: len(d["kpis"][2]["inputs"]) == 3),
        ("kpi-2", "remove", "inputs:0", lambda d: list(d["kpis"][2]["inputs"]) == ["budget"]),
        ("kpi-0", "add", "baseline", lambda d: "baseline" in d["kpis"][0]),
        ("kpi-0", "add", "links", lambda d: len(d["kpis"][0]["links"]) == 1),
        ("kpi-0", "remove", "kpi", lambda d: len(d["kpis"]) == 2),
    ],
)  # fmt: skip
def test_adding_or_removing_is_one_action(world, section, action, what, check):
    form = form_of(page(world, section).content.decode())
    response = post(world, form, **{action: what})
    assert response.status_code == 200
    base = form_of(response.content.decode())["base"]
    assert check(editor.data_of(base))


def test_a_baseline_year_is_added_after_the_last_one(world):
    form = form_of(page(world, "kpi-0").content.decode())
    body = post(world, form, add="baseline").content.decode()
    body = post(world, form_of(body), add="rows").content.decode()
    body = post(world, form_of(body), add="rows").content.decode()
    rows = editor.data_of(form_of(body)["base"])["kpis"][0]["baseline"]["rows"]
    assert [r["year"] for r in rows] == [2566, 2567]


def test_moving_to_another_section_keeps_what_was_typed(world):
    form = form_of(page(world, "kpi-0").content.decode())
    form["kpi-name_en"] = "Export growth (edited)"
    body = post(world, form, go="general").content.decode()
    assert 'name="sc-title_th"' in body
    data = editor.data_of(form_of(body)["base"])
    assert data["kpis"][0]["name"]["en"] == "Export growth (edited)"


def test_saving_shows_the_changes_then_makes_the_next_version(world):
    form = form_of(page(world, "kpi-0").content.decode())
    form["r2lv-2-stated"] = "2.9"
    form["reason"] = "GDP Q2"
    preview = post(world, form, save="1")
    body = preview.content.decode()
    assert preview.status_code == 200 and 'id="editor-preview"' in body
    assert world.card.versions.count() == 1
    response = post(world, form_of(body), confirm="1")
    assert response.status_code == 302
    world.card.refresh_from_db()
    assert world.card.current.number == 2 and world.card.current.reason == "GDP Q2"
    kpi = editor.data_of(world.card.current.template_text)["kpis"][0]
    assert str(kpi["rounds"]["2"]["levels"][2]["stated"]) == "2.9"


def test_saving_without_a_reason_is_refused_and_nothing_is_stored(world):
    form = form_of(page(world, "kpi-0").content.decode())
    form["r2lv-2-stated"] = "2.9"
    response = post(world, form, save="1")
    assert response.status_code == 422
    assert "ฉบับใหม่ต้องระบุเหตุผลของการปรับปรุง" in response.content.decode()
    assert 'name="r2lv-2-stated" value="2.9"' in response.content.decode()  # nothing lost
    assert world.card.versions.count() == 1


def test_a_template_moved_to_another_agency_is_refused(world):
    form = form_of(page(world).content.decode())
    data = editor.data_of(form["base"])
    data["agency"]["code"] = "DBD"
    form["base"] = editor.text_of(data)
    response = post(world, form, save="1", reason="x")
    assert response.status_code == 422
    assert world.card.versions.count() == 1


@pytest.mark.parametrize(
    ("how", "section", "most"),
    [("get", "general", 7), ("get", "kpi-2", 7), ("check", "kpi-0", 4), ("add", "general", 7)],
)
def test_the_editor_asks_the_database_a_few_times_whatever_the_template_holds(
    world, how, section, most
):
    client = client_of(world, "pim")
    form = form_of(page(world, section).content.decode())
    with CaptureQueriesContext(connection) as queries:
        if how == "get":
            client.get(reverse("front:editor", args=[world.card.pk]), {"section": section})
        elif how == "check":
            client.post(reverse("front:editor_check", args=[world.card.pk]), form)
        else:
            client.post(reverse("front:editor", args=[world.card.pk]), {**form, "add": "kpi"})
    assert len(queries) <= most, [q["sql"][:80] for q in queries]


@pytest.mark.parametrize(
    ("who", "base", "status"),
    [
        ("pim", "{not: [yaml", 400),  # a base that is not a template: refused, said why
        ("pim", "- a list", 400),
        ("eve", None, 403),  # evaluators read the scorecard, never edit its template
        ("mallory", None, 404),  # another agency's planner does not learn it exists
    ],
)
def test_the_live_check_refuses_what_it_cannot_check(world, who, base, status):
    form = form_of(page(world).content.decode())
    if base is not None:
        form["base"] = base
    url = reverse("front:editor_check", args=[world.card.pk])
    response = client_of(world, who).post(url, form)
    assert response.status_code == status


def test_the_live_check_is_posted_not_fetched(world):
    url = reverse("front:editor_check", args=[world.card.pk])
    assert client_of(world, "pim").get(url).status_code == 405


def test_a_page_posted_with_an_unreadable_base_starts_again_from_the_current_version(world):
    response = post(world, {"base": "{not: [yaml", "section": "general"}, go="kpi-0")
    assert response.status_code == 302
    assert response["Location"] == reverse("front:editor", args=[world.card.pk])


@pytest.mark.parametrize(
    ("section", "field", "typed", "said"),
    [
        (
            "kpi-1",
            "r2lv-2-stated",
            "480",
            "ปรับเป้าหมายได้ 0 ครั้ง",
        ),  # KPI 2: its template allows no revision
        ("kpi-0", None, None, "ฉบับที่ 1"),  # nothing changed: nothing is imported
    ],
)
def test_a_save_the_import_refuses_or_finds_unchanged_stores_nothing(
    world, section, field, typed, said
):
    form = form_of(page(world, section).content.decode())
    if field:
        form[field] = typed
    body = post(world, form, save="1", reason="why").content.decode()
    assert said in body and 'id="editor-preview"' not in body
    assert world.card.versions.count() == 1


def test_a_text_of_several_lines_keeps_its_lines(world):
    form = form_of(page(world, "kpi-0").content.decode())
    form["kpi-description_th"] = "1. ข้อแรก\r\n2. ข้อสอง"
    body = post(world, form, save="1", reason="นิยาม").content.decode()
    post(world, form_of(body), confirm="1")
    world.card.refresh_from_db()
    kpi = editor.data_of(world.card.current.template_text)["kpis"][0]
    assert kpi["description"]["th"] == "1. ข้อแรก\n2. ข้อสอง"
    again = form_of(page(world, "kpi-0").content.decode())  # shown again: saving changes nothing
    body = post(world, again, save="1", reason="x").content.decode()
    assert 'id="editor-preview"' not in body and world.card.versions.count() == 2


def next_year_card(world: World, text: str) -> Scorecard:
    """A template imported as DITP's scorecard of 2568 (the personas' scorecard is 2567's)."""
    text = text.replace("year_be: 2567", "year_be: 2568")
    text = text.replace("starts: 2023-10-01", "starts: 2024-10-01")
    text = text.replace("ends: 2024-09-30", "ends: 2025-09-30")
    return imports.import_template(world.ada, text).scorecard


def walked(client: Client, url: str, body: str, edit: dict[str, str] | None = None) -> list[str]:
    """The pages of moving through every section in turn, ``edit`` typed on the first."""
    pages = []
    for section, _label in editor.sections(editor.data_of(form_of(body)["base"]))[1:]:
        body = client.post(url, {**form_of(body), **(edit or {}), "go": section}).content.decode()
        edit = None
        pages.append(body)
    return pages


def test_every_section_of_the_shipped_template_goes_through_the_forms_unchanged(world):
    card = next_year_card(world, loader.template_text("ditp-2567"))
    url = reverse("front:editor", args=[card.pk])
    client = client_of(world, "pim")
    body = client.get(url).content.decode()
    for section, _label in editor.sections(editor.data_of(form_of(body)["base"]))[1:]:
        body = client.post(url, {**form_of(body), "go": section}).content.decode()
        assert f'name="section" value="{section}"' in body
        assert 'data-unsaved="0"' in body and 'id="editor-unsaved"' not in body, section
    body = client.post(url, {**form_of(body), "save": "1", "reason": "x"}).content.decode()
    assert "ฉบับที่ 1" in body and 'id="editor-preview"' not in body  # the same as version 1
    assert 'data-unsaved="0"' in body  # the last KPI posted unchanged too
    assert card.versions.count() == 1


@pytest.mark.parametrize(("field", "typed"), [("sc-title_th", "ชื่อใหม่"), ("groups-0-weight", "71")])
def test_a_real_edit_of_the_shipped_template_stays_marked_unsaved_in_every_section(
    world, field, typed
):
    url = reverse(
        "front:editor", args=[next_year_card(world, loader.template_text("ditp-2567")).pk]
    )
    client = client_of(world, "pim")
    pages = walked(client, url, client.get(url).content.decode(), {field: typed})
    assert all('data-unsaved="1"' in body for body in pages)
    shown = form_of(pages[-1])  # a KPI's page: back to the scorecard, the edit undone
    body = client.post(url, {**shown, "go": "general"}).content.decode()
    undone = {**form_of(body), field: form_of(client.get(url).content.decode())[field]}
    body = client.post(url, {**undone, "go": "kpi-0"}).content.decode()
    assert 'data-unsaved="0"' in body


def test_a_template_with_its_optional_lists_written_empty_goes_through_unchanged(world):
    card = next_year_card(world, empty_lists_text())
    url = reverse("front:editor", args=[card.pk])
    client = client_of(world, "pim")
    body = client.get(url).content.decode()
    pages = walked(client, url, body)
    assert all('data-unsaved="0"' in body for body in pages)
    body = client.post(url, {**form_of(pages[-1]), "confirm": "1", "reason": "x"}).content
    assert "แม่แบบนี้เหมือนฉบับที่ 1 ทุกประการ" in body.decode()
    assert card.versions.count() == 1


def test_the_page_says_when_it_holds_changes_not_saved_yet(world):
    fresh = page(world, "kpi-0").content.decode()
    assert 'data-unsaved="0"' in fresh and 'id="editor-unsaved"' not in fresh
    form = form_of(fresh)
    form["kpi-weight"] = "41"
    body = post(world, form, go="general").content.decode()
    assert 'data-unsaved="1"' in body and 'id="editor-unsaved"' in body


def test_the_current_version_written_again_is_saved_and_any_other_text_is_not(world):
    text = editor.text_of(editor.start(world.card))
    assert editor.unsaved(world.card, text) is False
    assert editor.unsaved(world.card, text + "notes: []\n") is True
    assert editor.unsaved(world.card, text + "notes: []\n", fresh=True) is False


@pytest.mark.parametrize(("who", "shown"), [("pim", True), ("eve", False), ("oat", False)])
def test_the_overview_links_the_editor_for_those_who_may_use_it(world, who, shown):
    url = reverse("front:overview", args=[world.card.pk])
    body = client_of(world, who).get(url).content.decode()
    assert ('id="edit-template"' in body) is shown
