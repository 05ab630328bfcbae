"""The editor's logic: a template's data in and out of form fields, one action each, the
engine's and the audit's findings placed beside the fields they name."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.personas import MINI, empty_lists_text
from thaikpi.engine import loader
from thaikpi.engine.diff import compare
from thaikpi.services import editor

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = {
    "ditp-2567": loader.template_text("ditp-2567"),
    "mini web": MINI.read_text(encoding="utf-8"),
    "mini engine": (ROOT / "engine" / "fixtures" / "mini.yaml").read_text(encoding="utf-8"),
    "five-level": (ROOT / "engine" / "fixtures" / "five-level.yaml").read_text(encoding="utf-8"),
    "mini with empty lists": empty_lists_text(),
}


def retyped(data: editor.Data, section: str) -> editor.Data:
    """The data after a section's forms are posted back exactly as they were shown."""
    for part in editor.parts(section, data):
        values = [editor.initial(part.specs, item) for item in part.items(data)]
        data = editor.lay_over(data, part, values)
    return data


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_posting_every_section_back_unchanged_changes_nothing_the_engine_reads(name):
    data = editor.data_of(TEMPLATES[name])
    before = loader.load_text(editor.text_of(data))
    for section, _label in editor.sections(data):
        data = retyped(data, section)
    after = loader.load_text(editor.text_of(data))
    assert compare(before, after) == []
    assert editor.check(data).count("error") == 0


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_posting_any_section_back_unchanged_gives_back_the_saved_text_exactly(name):
    data = editor.data_of(TEMPLATES[name])
    saved = editor.text_of(data)
    for section, _label in editor.sections(data):
        assert editor.text_of(retyped(data, section)) == saved, section


def test_a_list_the_file_does_not_have_is_not_written_empty():
    data = editor.data_of(TEMPLATES["mini web"])
    links = next(p for p in editor.parts("kpi-0", data) if p.prefix == "links")
    assert "links" not in editor.lay_over(data, links, [])["kpis"][0]


@pytest.mark.parametrize(
    ("section", "what", "path"),
    [("general", "params", ("parameters",)), ("general", "notes", ("notes",)),
     ("general", "cat0", ("groups", 0, "categories")), ("kpi-0", "links", ("kpis", 0, "links")),
     ("kpi-0", "inputs", ("kpis", 0, "inputs")), ("kpi-0", "targets", ("kpis", 0, "targets")),
     ("kpi-0", "knotes", ("kpis", 0, "notes")), ("kpi-0", "conds", ("kpis", 0, "conditions"))],
)  # fmt: skip
def test_adding_to_a_list_the_file_does_not_have_makes_it_with_one_item(section, what, path):
    data = editor.data_of(TEMPLATES["mini web"])
    data = editor.apply(data, section, lambda part, d: [], "add", what).data
    assert len(editor.get(data, path)) == 1 and len(data["kpis"]) == 3


@pytest.mark.parametrize(
    "param",
    [
        {"id": "p", "name": {"th": "ก", "en": ""}, "value": None},  # a figure left null
        {"id": "p", "name": {"th": "ก"}},  # a text without its English
        {"id": "p", "name": {"th": "ก\n", "en": " a"}},  # spaces a form does not keep
        {"id": "p", "name": {"th": "ก"}, "value": Decimal("1.50"), "unit": "%"},  # "%": not a text
    ],
)
def test_a_field_posted_as_it_was_shown_stays_as_the_file_writes_it(param):
    shown = editor.initial(editor.PARAMETER, param)
    assert editor.overlay(editor.PARAMETER, param, shown) == param


@pytest.mark.parametrize(("typed", "value"), [("12.50", "12.50"), ("1.5", "1.5"), ("", None)])
def test_a_figure_typed_over_the_shown_one_replaces_it(typed, value):
    param = {"id": "p", "name": {"th": "ก", "en": ""}, "value": Decimal("1.50")}
    shown = editor.initial(editor.PARAMETER, param) | {"value": typed}
    assert str(editor.overlay(editor.PARAMETER, param, shown).get("value")) == str(value)


LEVEL = {"score": 75, "stated": Decimal("324.20")}


@pytest.mark.parametrize(
    ("typed", "stated"),
    [
        ("324.20", Decimal("324.20")),  # the trailing zero stays
        ("๑,๑๕๐.๔๐", Decimal("1150.40")),  # Thai digits and a thousands separator
        ("1,150.40", Decimal("1150.40")),
        ("abc", "abc"),  # kept as typed, for the engine to name beside the field
        ("", None),  # left empty: no stated figure
    ],
)
def test_a_typed_figure_is_read_exactly_or_kept_as_typed(typed, stated):
    values = editor.initial(editor.LEVEL, LEVEL) | {"stated": typed}
    level = editor.overlay(editor.LEVEL, LEVEL, values)
    assert level.get("stated") == stated
    assert level["score"] == 75  # shown, never posted back


@pytest.mark.parametrize(
    ("typed", "conditions"),
    [
        ("quality_pct >= 90", [{"input": "quality_pct", "op": ">=", "value": Decimal(90)}]),
        ("a ≥ 1; b < 2.5", [{"input": "a", "op": ">=", "value": Decimal(1)},
                            {"input": "b", "op": "<", "value": Decimal("2.5")}]),
        ("", None),
    ],
)  # fmt: skip
def test_a_levels_conditions_are_typed_in_one_line(typed, conditions):
    values = editor.initial(editor.LEVEL, LEVEL) | {"conditions": typed}
    assert editor.overlay(editor.LEVEL, LEVEL, values).get("conditions") == conditions


@pytest.mark.parametrize(
    ("kind", "rule"),
    [
        ("fixed", {"kind": "fixed", "value": Decimal("2.5")}),
        ("xy", {"kind": "xy", "x": "gdp", "y": "moc", "pick": "low"}),
        ("", None),  # no rule: the stated figure only
    ],
)
def test_a_rule_keeps_only_the_fields_of_its_kind(kind, rule):
    values = editor.initial(editor.LEVEL, LEVEL) | {
        "rule__kind": kind, "rule__value": "2.5", "rule__x": "gdp", "rule__y": "moc",
        "rule__pick": "low", "rule__percent": "30",
    }  # fmt: skip
    assert editor.overlay(editor.LEVEL, LEVEL, values).get("rule") == rule


@pytest.mark.parametrize(
    ("field", "kept"),
    [
        ("name", {"th": "", "en": ""}),  # required: kept empty, so the engine names it
        ("proxy_for", None),  # optional: removed
    ],
)
def test_an_emptied_text_is_removed_unless_the_format_requires_it(field, kept):
    kpi = {"id": "1", "name": {"th": "ก", "en": "a"}, "proxy_for": {"th": "ข", "en": ""}}
    values = editor.initial(editor.KPI, kpi) | {f"{field}_th": "", f"{field}_en": ""}
    assert editor.overlay(editor.KPI, kpi, values).get(field) == kept


@pytest.mark.parametrize(
    ("name", "levels"),
    [("mini web", [50, 75, 100]), ("five-level", [1, 2, 3, 4, 5])],
)
def test_a_new_round_gives_every_kpi_the_levels_of_the_scale(name, levels):
    data = editor.data_of(TEMPLATES[name])
    data, _section = editor.add(data, editor.GENERAL, "rounds")
    number = str(len(data["rounds"]))
    for kpi in data["kpis"]:
        assert [lv["score"] for lv in kpi["rounds"][number]["levels"]] == levels


def test_a_new_kpi_is_shown_next_with_the_fields_to_fill_in_named():
    data = editor.data_of(TEMPLATES["mini web"])
    data, section = editor.add(data, editor.GENERAL, "kpi")
    assert section == "kpi-3" and data["kpis"][3]["id"] == "4"
    beside, _rest = editor.placed(editor.check(data).notes, section, data)
    assert {"kpi-name_th", "kpi-unit_th", "kpi-weight"} <= set(beside)


def test_a_new_baseline_year_follows_the_last():
    data = editor.data_of(TEMPLATES["ditp-2567"])
    years = [r["year"] for r in data["kpis"][1]["baseline"]["rows"]]
    data, _section = editor.add(data, "kpi-1", "rows")
    row = data["kpis"][1]["baseline"]["rows"][-1]
    assert row["year"] == max(years) + 1
    assert set(row) == {"year", *(c["id"] for c in data["kpis"][1]["baseline"]["columns"])}


def test_the_audit_marks_a_stated_figure_its_rule_does_not_give_beside_it():
    data = editor.data_of(TEMPLATES["ditp-2567"])
    data["kpis"][0]["rounds"]["2"]["levels"][0]["stated"] = Decimal("9.99")
    beside, rest = editor.placed(editor.check(data).notes, "kpi-0", data)
    [note] = beside["r2lv-0-stated"]
    assert note.audit and note.severity == "warning"
    assert "9.99" in note.finding.message and "1.50" in note.finding.message
    assert all(n.section != "kpi-0" for n in rest)  # the others belong to other sections


def test_weights_that_do_not_add_up_are_shown_on_the_group_and_the_scorecard():
    data = editor.data_of(TEMPLATES["mini web"])
    data["kpis"][0]["weight"] = Decimal(30)
    beside, rest = editor.placed(editor.check(data).notes, editor.GENERAL, data)
    assert "groups-0-weight" in beside  # performance: 30 + 30 is not 70
    assert "@sc" in beside and not rest  # the total, 90 not 100: the scorecard's own


@pytest.mark.parametrize(
    ("field", "words"),
    [
        ("rounds.2.levels.50.stated", "รอบที่ 2 · เป้าหมายระดับ 50 · ตัวเลขที่ระบุ"),
        ("rounds.1.levels.5.rule.kind", "รอบที่ 1 · เป้าหมายระดับ 5 · วิธีกำหนดเป้าหมาย"),
        ("rounds.1.levels.75.rule.params.x", "รอบที่ 1 · เป้าหมายระดับ 75 · พารามิเตอร์ X"),
        ("name.th", "ชื่อ · ภาษาไทย"),
        ("baseline.rows.2566.values.ratio", "ข้อมูลพื้นฐาน · ปี 2566 · ratio"),  # the table's code
        ("revision.times", "จำนวนครั้งที่ปรับเป้าหมายได้"),
    ],
)  # fmt: skip
def test_a_changed_field_is_named_in_words_on_thai_pages(field, words):
    from django.utils import translation

    with translation.override("th"):
        assert editor.field_words(field) == words
