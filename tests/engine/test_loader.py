from __future__ import annotations

import errno
from decimal import Decimal
from pathlib import Path

import pytest

from tests.engine.conftest import MINI
from thaikpi.engine.findings import EngineError, Severity
from thaikpi.engine.loader import check_text, load_text
from thaikpi.engine.model import Direction, KpiRound, Level, Measure

TEXT = MINI.read_text(encoding="utf-8")


def _errors(text: str) -> list[tuple[int | None, str | None, str]]:
    scorecard, findings = check_text(text, "bad.yaml")
    assert scorecard is None
    return [(f.line, f.kpi, f.message) for f in findings if f.severity is Severity.ERROR]


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_it_loads_the_fixture_with_every_kpi_and_round(mini) -> None:  # type: ignore[no-untyped-def]
    assert [k.id for k in mini.kpis] == ["1", "2", "3", "4", "5", "6"]
    assert mini.fiscal_year.year_be == 2567 and mini.fiscal_year.year_ce == 2024
    assert mini.kpi("3").round(1).assessed is False


def test_an_open_level_says_why_in_english_and_thai(mini) -> None:  # type: ignore[no-untyped-def]
    kpi_round = mini.kpi("2").round(1)
    english = "parameter target_count is not set yet"
    thai = "ยังไม่ได้กำหนดค่าพารามิเตอร์ เป้าหมายจำนวนผู้ประกอบการ"
    assert [(lv.open_reason, lv.open_reason_th) for lv in kpi_round.levels] == [(english, thai)] * 3
    assert (kpi_round.open_reason, kpi_round.open_reason_th) == (english, thai)
    assert (kpi_round.open_text("en"), kpi_round.open_text("th-TH")) == (english, thai)
    assert [lv.open_text("th") for lv in kpi_round.levels] == [thai] * 3


def test_a_level_that_is_set_has_no_open_reason_in_either_language(mini) -> None:  # type: ignore[no-untyped-def]
    kpi_round = mini.kpi("2").round(2)
    assert (kpi_round.open_reason, kpi_round.open_reason_th) == (None, "")
    assert {lv.open_text(language) for lv in kpi_round.levels for language in ("en", "th")} == {""}


def test_an_open_reason_without_thai_is_given_in_english() -> None:
    level = Level(Decimal(50), None, open_reason="waits for the budget act")
    assert level.open_text("th") == "waits for the budget act"


def test_it_names_the_line_and_kpi_of_a_weight_that_breaks_the_total() -> None:
    text = TEXT.replace("    weight: 40\n", "    weight: 45\n")
    found = _errors(text)
    assert (
        _line_of(text, "weight: 70"),
        None,
        "KPI weights in group 'performance' add up to 75, but the group's weight is 70",
    ) in found
    assert any(m == "KPI weights add up to 105, not 100" for _, _, m in found)


def test_it_refuses_a_zero_weight() -> None:
    text = TEXT.replace(
        "    weight: 5\n    unit: {th: ระดับ", "    weight: 0\n    unit: {th: ระดับ", 1
    )
    assert any(k == "5" and m == "weight must be more than 0, got 0" for _, k, m in _errors(text))


def test_it_refuses_levels_out_of_order_for_the_direction() -> None:
    text = TEXT.replace("{score: 75, stated: 20}", "{score: 75, stated: 40}")
    found = _errors(text)
    assert any(
        k == "6"
        and "levels out of order for a lower-is-better KPI: level 50 is 30.00 but level 75 is 40.00"
        in m
        for _, k, m in found
    )


def _round(*values: str | None) -> KpiRound:
    levels = tuple(
        Level(Decimal(score), None if v is None else Decimal(v))
        for score, v in zip((50, 75, 100), values, strict=False)
    )
    return KpiRound(1, True, Measure(), levels)


@pytest.mark.parametrize(
    ("direction", "values", "wrong"),
    [
        (Direction.HIGHER, ("1", "2", "3"), []),
        (Direction.HIGHER, ("1", "1", "3"), []),  # two levels may ask the same figure
        (Direction.HIGHER, ("1", "3", "2"), [(75, 100)]),
        (Direction.LOWER, ("30", "20", "10"), []),
        (Direction.LOWER, ("30", "40", "10"), [(50, 75)]),
        (Direction.LOWER, ("30", None, "40"), [(50, 100)]),  # a level without a figure is skipped
        (Direction.HIGHER, ("1",), []),
    ],
)
def test_a_round_names_each_pair_of_neighbouring_levels_whose_figure_goes_back(
    direction: Direction, values: tuple[str | None, ...], wrong: list[tuple[int, int]]
) -> None:
    found = _round(*values).out_of_order(direction)
    assert [(int(low[1]), int(high[1])) for low, high in found] == wrong


def test_it_refuses_a_formula_that_uses_a_missing_input() -> None:
    text = TEXT.replace(
        "formula: trade_value / budget\n    baseline", "formula: trade_value / budjet\n    baseline"
    )
    line = _line_of(text, "budjet")
    assert (
        line,
        "2",
        "formula uses 'budjet', which is not one of the KPI's inputs "
        "(trade_value, budget, entrepreneurs)",
    ) in _errors(text)


def test_it_names_unknown_fields_and_wrong_types_with_their_lines() -> None:
    text = TEXT.replace(
        "    unit: {th: วัน, en: days}\n", "    unit: {th: วัน, en: days}\n    colour: red\n"
    )
    text = text.replace("weight: 30\n    unit: {th: ร้อยละ", "weight: thirty\n    unit: {th: ร้อยละ")
    found = _errors(text)
    assert (_line_of(text, "colour: red"), "6", "unknown field 'colour'") in found
    assert (_line_of(text, "weight: thirty"), "1", "expected a number, got 'thirty'") in found


def test_it_reports_every_error_not_just_the_first() -> None:
    text = TEXT.replace("weight: 30\n", "weight: 31\n").replace(
        "{score: 75, stated: 20}", "{score: 75, stated: 40}"
    )
    assert len(_errors(text)) >= 3


def test_it_refuses_yaml_aliases_so_files_cannot_explode() -> None:
    bomb = (
        "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    )
    assert _errors(bomb) == [(2, None, "YAML aliases (*a) are not allowed in ThaiKPI files")]


def test_it_refuses_absurdly_deep_nesting_without_crashing() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    assert _errors(deep) == [(1, None, "the file is nested too deeply to be a ThaiKPI file")]


def test_it_refuses_an_impossible_date_with_its_line() -> None:
    text = TEXT.replace("starts: 2023-10-01", "starts: 2023-13-01")
    assert _errors(text) == [
        (
            _line_of(text, "2023-13-01"),
            None,
            "not a valid value '2023-13-01': month must be in 1..12",
        )
    ]


def test_it_refuses_duplicate_keys() -> None:
    assert _errors("format: a\nformat: b\n") == [(2, None, "duplicate key 'format'")]


def test_it_explains_broken_yaml_with_a_line() -> None:
    found = _errors("format: thaikpi/scorecard-v1\nid: [unclosed\n")
    assert found[0][0] == 3 and found[0][2].startswith("not valid YAML/JSON")


def test_it_refuses_a_fiscal_year_that_does_not_match_its_buddhist_year() -> None:
    text = TEXT.replace("year_be: 2567", "year_be: 2568")
    assert any(
        m == "fiscal year 2568 BE should end in 2025 CE, not 2024" for _, _, m in _errors(text)
    )


def test_load_text_raises_the_engine_error_with_all_findings() -> None:
    with pytest.raises(EngineError) as caught:
        load_text(TEXT.replace("weight: 30\n", "weight: 31\n"), "x.yaml")
    assert all(f.file == "x.yaml" for f in caught.value.findings)
    assert "x.yaml:" in str(caught.value)


def test_it_reads_decimals_exactly_never_as_floats(mini) -> None:  # type: ignore[no-untyped-def]
    row = mini.kpi("2").baseline.rows[1]
    assert str(row.values["budget"]) == "530.5815"
    assert str(row.values["ratio"]) == "239.90"  # the trailing zero survives


def test_the_fixture_file_is_where_the_tests_expect_it() -> None:
    assert Path(MINI).exists()


def test_a_schema_error_does_not_hide_weights_that_do_not_add_up() -> None:
    text = TEXT.replace(
        "    unit: {th: วัน, en: days}\n", "    unit: {th: วัน, en: days}\n    colour: red\n"
    )
    text = text.replace("weight: 40\n", "weight: 45\n")
    messages = [m for _, _, m in _errors(text)]
    assert "unknown field 'colour'" in messages
    assert "KPI weights add up to 105, not 100" in messages


# --- the same findings in Thai -----------------------------------------------------------

# A broken fixture, by what is broken: (text replaced, replacement, the Thai message expected).
BROKEN_TEMPLATES: dict[str, tuple[str, str, str]] = {
    "KPI weights not adding up to 100": (
        "    weight: 40\n",
        "    weight: 45\n",
        "น้ำหนักของตัวชี้วัดรวมกันได้ 105 ไม่ใช่ 100",
    ),
    "KPI weights not adding up to their group's": (
        "    weight: 40\n",
        "    weight: 45\n",
        "น้ำหนักของตัวชี้วัดในกลุ่ม 'performance' รวมกันได้ 75 แต่น้ำหนักของกลุ่มคือ 70",
    ),
    "group weights not adding up to 100": (
        "    weight: 30\nparameters",
        "    weight: 35\nparameters",
        "น้ำหนักของกลุ่มรวมกันได้ 105 ไม่ใช่ 100",
    ),
    "a zero weight": (
        "    weight: 5\n    unit: {th: ระดับ",
        "    weight: 0\n    unit: {th: ระดับ",
        "น้ำหนักต้องมากกว่า 0 แต่พบ 0",
    ),
    "an unknown group": (
        "group: potential\n    name: {th: ระยะ",
        "group: nowhere\n    name: {th: ระยะ",
        "ไม่รู้จักกลุ่ม 'nowhere' (กลุ่มที่มี: performance, potential)",
    ),
    "an unknown category": (
        "category: functional\n    name: {th: อัตรา",
        "category: nope\n    name: {th: อัตรา",
        "ไม่รู้จักประเภทตัวชี้วัด 'nope' ในกลุ่ม 'performance'",
    ),
    "levels out of order": (
        "{score: 75, stated: 20}",
        "{score: 75, stated: 40}",
        "ค่าเป้าหมายเรียงลำดับไม่ถูกต้องสำหรับตัวชี้วัดที่ค่ายิ่งต่ำยิ่งดี: ระดับ 50 เป็น 30.00 แต่ระดับ 75 เป็น 40.00",
    ),
    "a level given twice": (
        "{score: 50, stated: 30}",
        "{score: 50, stated: 30}\n          - {score: 50, stated: 30}",
        "รอบที่ประเมินต้องมีค่าเป้าหมายระดับ 50, 75 และ 100 ครบและไม่ซ้ำ (ที่มี: 50, 50, 75, 100)",
    ),
    "a duplicate KPI id": ('  - id: "2"\n', '  - id: "1"\n', "รหัสตัวชี้วัด '1' ซ้ำ"),
    "a round listed twice": (
        "  - {number: 2, months: 12",
        "  - {number: 1, months: 12",
        "มีรอบการประเมินซ้ำกัน",
    ),
    "a KPI round the scorecard does not have": (
        "  - {number: 1, months: 6, name: {th: รอบที่ 1 (6 เดือน), en: Round 1 (6 months)}}\n",
        "",
        "รอบที่ 1 ไม่อยู่ในรอบการประเมินของแม่แบบนี้ (rounds)",
    ),
    "a fiscal year not from October to September": (
        "starts: 2023-10-01",
        "starts: 2023-11-01",
        "ปีงบประมาณของไทยเริ่ม 1 ตุลาคม และสิ้นสุด 30 กันยายน",
    ),
    "a Buddhist year that does not match": (
        "year_be: 2567",
        "year_be: 2568",
        "ปีงบประมาณ พ.ศ. 2568 ควรสิ้นสุดในปี ค.ศ. 2025 ไม่ใช่ ค.ศ. 2024",
    ),
    "a fiscal year that ends before it starts": (
        "ends: 2024-09-30",
        "ends: 2023-09-30",
        "วันสิ้นสุดปีงบประมาณต้องอยู่หลังวันเริ่มต้น",
    ),
    "an impossible date": (
        "starts: 2023-10-01",
        "starts: 2023-13-01",
        "ค่า '2023-13-01' ไม่ถูกต้อง: เดือนต้องอยู่ระหว่าง 1 ถึง 12",
    ),
    "an impossible day of the month": (
        "ends: 2024-09-30",
        "ends: 2024-02-30",
        "ค่า '2024-02-30' ไม่ถูกต้อง: วันที่เกินจำนวนวันของเดือนนั้น",
    ),
    "a duplicate key": (
        "id: mini-2567\n",
        "id: mini-2567\nid: mini-2568\n",
        "คีย์ 'id' ซ้ำ",
    ),
    "an unknown field": (
        "    unit: {th: วัน, en: days}\n",
        "    unit: {th: วัน, en: days}\n    colour: red\n",
        "ไม่รู้จักฟิลด์ 'colour'",
    ),
    "a missing required field": (
        "title: {th: ตัวชี้วัดทดสอบ, en: Test scorecard}",
        "title: {en: Test scorecard}",
        "ขาดฟิลด์ที่ต้องระบุ 'th'",
    ),
    "a word for a number": (
        "weight: 30\n    unit: {th: ร้อยละ",
        "weight: thirty\n    unit: {th: ร้อยละ",
        "ต้องเป็นตัวเลข แต่พบ 'thirty'",
    ),
    "true/false for a number": ("weight: 70", "weight: true", "ต้องเป็นตัวเลข แต่พบ true/false"),
    "too many decimal places": (
        "weight: 70",
        "weight: 70.12345678901",
        "ตัวเลขมีทศนิยมเกิน 10 ตำแหน่ง: 70.12345678901",
    ),
    "a rule without the fields of its kind": (
        "{score: 50, stated: 30}",
        "{score: 50, stated: 30, rule: {kind: xy}}",
        "สูตรแบบ 'xy' ต้องมี 'x', 'y', 'pick'",
    ),
    "a column derived twice": (
        "formula: trade_value / budget}",
        "formula: trade_value / budget, growth_of: budget}",
        "คอลัมน์หนึ่งคำนวณได้จากสูตร (formula) หรือจากอัตราการเติบโต (growth_of) อย่างใดอย่างหนึ่งเท่านั้น",
    ),
    "a formula with an unknown input": (
        "formula: trade_value / budget\n    baseline",
        "formula: trade_value / budjet\n    baseline",
        "สูตรใช้ 'budjet' ซึ่งไม่ใช่ข้อมูลที่ใช้คำนวณของตัวชี้วัดนี้ (trade_value, budget, entrepreneurs)",
    ),
    "a formula with a power": (
        "formula: trade_value / budget\n    baseline",
        "formula: trade_value ** budget\n    baseline",
        "ใช้ในสูตรไม่ได้: trade_value ** budget",
    ),
    "a formula dividing by zero": (
        "formula: trade_value / budget\n    baseline",
        "formula: trade_value / 0\n    baseline",
        "สูตรมีการหารด้วยศูนย์: trade_value / 0",
    ),
    "a baseline column using a column that is not there": (
        "growth_of: ratio}",
        "growth_of: ratios}",
        "คอลัมน์ 'ratio_growth' ใช้ 'ratios' ซึ่งไม่ใช่คอลัมน์ของตาราง",
    ),
    "a baseline year that is not whole": (
        "{year: 2564, budget: 645.107",
        "{year: 2564.5, budget: 645.107",
        "ข้อมูลพื้นฐานทุกแถวต้องมี 'year' เป็นจำนวนเต็ม",
    ),
    "an unknown baseline column": (
        "{year: 2565, budget: 530.5815,",
        "{year: 2565, bud: 1, budget: 530.5815,",
        "ไม่รู้จักคอลัมน์ 'bud' ในแถวข้อมูลพื้นฐานปี 2565",
    ),
    "baseline years going down": (
        "{year: 2565, budget",
        "{year: 2563, budget",
        "ปีของข้อมูลพื้นฐานต้องเรียงจากน้อยไปมาก: 2563 อยู่หลัง 2564",
    ),
    "a summary of an unknown column": (
        "{id: mean_ratio, stat: mean, column: ratio,",
        "{id: mean_ratio, stat: mean, column: ratios,",
        "ค่าสรุป 'mean_ratio' ใช้คอลัมน์ 'ratios' ซึ่งไม่มีในตาราง",
    ),
    "a rule with an undeclared parameter": (
        "parameter: target_count, percent: 10",
        "parameter: target_kount, percent: 10",
        "สูตรใช้พารามิเตอร์ 'target_kount' ซึ่งไม่ได้กำหนดไว้ใน parameters",
    ),
    "a rule with a baseline column the KPI does not have": (
        "{kind: baseline, stat: mean, column: ratio,",
        "{kind: baseline, stat: mean, column: ratios,",
        "สูตรใช้คอลัมน์ข้อมูลพื้นฐาน 'ratios' ซึ่งตัวชี้วัดนี้ไม่มี",
    ),
    "a rule whose years go backwards": (
        "stat: mean, column: ratio, years: [2564, 2566]}}",
        "stat: mean, column: ratio, years: [2566, 2564]}}",
        "ช่วงปีของสูตรกลับด้าน: 2566–2564",
    ),
    "a rule over years the baseline does not have": (
        "stat: mean, column: ratio, years: [2564, 2566]}}",
        "stat: mean, column: ratio, years: [2560, 2566]}}",
        "ค่าเป้าหมายระดับ 50: คำนวณตามสูตรไม่ได้: ข้อมูลพื้นฐาน ratio ปี 2560–2566 ไม่ครบ",
    ),
    "a percent of a parameter that is 0": (
        "value: null}",
        "value: 0}",
        "พารามิเตอร์ 'target_count' ต้องมากกว่า 0 แต่พบ 0",
    ),
    "level rules in a circle": (
        "{score: 50, stated: 30}\n          - {score: 75, stated: 20}",
        "{score: 50, rule: {kind: percent_of_level, round: 2, score: 75, percent: 150}}\n"
        "          - {score: 75, rule: {kind: percent_of_level, round: 2, score: 50, percent: 50}}",
        "สูตรของค่าเป้าหมายอ้างอิงกันเป็นวงวน",
    ),
    "use: rule without a rule": (
        "{score: 50, stated: 30}",
        "{score: 50, stated: 30, use: rule}",
        "ค่าเป้าหมายระดับ 50 ระบุ use: rule แต่ไม่มีสูตร (rule)",
    ),
    "a numeric level without a figure": (
        "measure: {kind: conditions}",
        "measure: {kind: numeric}",
        "ค่าเป้าหมายระดับ 50 ต้องระบุตัวเลข (stated) หรือสูตร (rule)",
    ),
    "a numeric KPI with inputs but no formula": (
        "measure: {kind: conditions}",
        "measure: {kind: numeric}",
        "ตัวชี้วัดเชิงตัวเลขที่มีข้อมูลที่ใช้คำนวณต้องมีสูตร (formula)",
    ),
    "a conditions level without conditions": (
        '{score: 50, conditions: [{input: quality_pct, op: ">=", value: 90}]}',
        "{score: 50}",
        "ค่าเป้าหมายระดับ 50 ต้องมีเงื่อนไข (conditions)",
    ),
    "a condition on an unknown input": (
        '{input: quality_pct, op: ">=", value: 90}',
        '{input: quality, op: ">=", value: 90}',
        "เงื่อนไขใช้ 'quality' ซึ่งไม่ใช่ข้อมูลที่ใช้คำนวณของตัวชี้วัดนี้",
    ),
    "levels in a round that is not assessed": (
        '"1": {assessed: false, reason: {th: ประเมินรอบ 12 เดือน, en: 12-month round only}}',
        '"1": {assessed: false, levels: [{score: 50, stated: 1}]}',
        "รอบที่ไม่ประเมินต้องไม่มีค่าเป้าหมาย (levels)",
    ),
    "an item range that goes backwards": (
        "item_range: [1, 5]",
        "item_range: [5, 1]",
        "ช่วงระดับของรายการ (item_range) กลับด้าน: 5–1",
    ),
    "a count that names neither input nor items": (
        "measure: {kind: count, input: entrepreneurs}",
        "measure: {kind: count}",
        "การวัดแบบนับจำนวน (count) ต้องระบุข้อมูลที่ใช้คำนวณ (input) หรือรายการที่นับ (items)",
    ),
    "a measure input the KPI does not have": (
        "measure: {kind: count, input: entrepreneurs}",
        "measure: {kind: count, input: people}",
        "ข้อมูล 'people' ที่ใช้วัดผล (measure.input) ไม่ใช่ข้อมูลที่ใช้คำนวณของตัวชี้วัดนี้",
    ),
    "a proxy KPI without proxy_for": (
        "    weight: 30\n    unit: {th: ร้อยละ",
        "    kind: proxy\n    weight: 30\n    unit: {th: ร้อยละ",
        "ตัวชี้วัด Proxy ควรระบุว่าใช้แทนตัวชี้วัดเชิงยุทธศาสตร์ตัวใด (proxy_for)",
    ),
    "a YAML alias": (
        "id: mini-2567",
        "id: &a mini-2567\nx: *a",
        "ไฟล์ ThaiKPI ใช้ YAML alias (*a) ไม่ได้",
    ),
    "an octal-looking number": (
        "version: 1",
        "version: 0477",
        "'0477' ไม่ใช่ตัวเลขฐานสิบธรรมดา (ห้ามมีเลข 0 นำหน้า ห้ามเป็นเลขฐานสิบหกหรือเลขฐานหกสิบ)"
        " หากเป็นรหัสให้ใส่เครื่องหมายคำพูดครอบไว้",
    ),
    "a number that is not finite": ("weight: 70", "weight: .inf", "ไม่ใช่ตัวเลขที่มีค่าจำกัด: .inf"),
    "a YAML tag ThaiKPI does not read": (
        "version: 1",
        "version: !!binary aGk=",
        "ไม่รองรับแท็ก YAML tag:yaml.org,2002:binary",
    ),
    "broken YAML": (
        "id: mini-2567",
        "id: [mini-2567",
        "ไม่ใช่ YAML/JSON ที่ถูกต้อง: did not find expected ',' or ']'",
    ),
}


def broken(change: tuple[str, str, str]) -> str:
    """The fixture with one change made (the change must find its text)."""
    old, new, _ = change
    assert old in TEXT, old
    return TEXT.replace(old, new, 1)


@pytest.mark.parametrize("change", BROKEN_TEMPLATES.values(), ids=BROKEN_TEMPLATES.keys())
def test_every_template_finding_is_also_said_in_thai(change: tuple[str, str, str]) -> None:
    _, findings = check_text(broken(change), "bad.yaml")
    assert change[2] in [f.message_th for f in findings]


# Schema (pydantic) errors by type: (text replaced, replacement, the Thai message expected).
SCHEMA_ERRORS: dict[str, tuple[str, str, str]] = {
    "greater_than_equal": ("version: 1", "version: 0", "ต้องไม่น้อยกว่า 1"),
    "less_than_equal": ("year_be: 2567", "year_be: 3000", "ต้องไม่เกิน 2800"),
    "int_parsing": ("version: 1", "version: one", "ต้องเป็นจำนวนเต็ม"),
    "int_from_float": ("places: 2, mode", "places: 1.5, mode", "ต้องเป็นจำนวนเต็มที่ไม่มีทศนิยม"),
    "literal_error of words": (
        "mode: half_up",
        "mode: round",
        "ต้องเป็น 'half_up' หรือ 'truncate'",
    ),
    "literal_error of numbers": (
        "{number: 2, months: 12",
        "{number: 4, months: 12",
        "ต้องเป็น 1, 2 หรือ 3",
    ),
    "literal_error of a key": (
        '"1": {assessed: false, reason',
        '"4": {assessed: false, reason',
        "ชื่อคีย์ต้องเป็น '1', '2' หรือ '3'",
    ),
    "bool_parsing": ("intermediate: false", "intermediate: maybe", "ต้องเป็น true หรือ false"),
    "string_type": ("code: TEST", "code: [1]", "ต้องเป็นข้อความ"),
    "string_too_short": (
        "title: {th: ตัวชี้วัดทดสอบ,",
        "title: {th: '',",
        "ต้องมีข้อความอย่างน้อย 1 ตัวอักษร",
    ),
    "string_too_long": ("id: mini-2567", "id: " + "a" * 65, "ข้อความต้องยาวไม่เกิน 64 ตัวอักษร"),
    "string_pattern_mismatch of an identifier": (
        "code: TEST",
        "code: 'TE ST'",
        "ต้องเป็นรหัสที่มีเฉพาะตัวอักษรภาษาอังกฤษ ตัวเลข และเครื่องหมาย _ . - (รูปแบบ '^[A-Za-z0-9_.\\-]+$')",
    ),
    "date_from_datetime_parsing": (
        "starts: 2023-10-01",
        "starts: yesterday",
        "ต้องเป็นวันที่ในรูปแบบ YYYY-MM-DD (ปี ค.ศ.)",
    ),
    "model_type": (
        "title: {th: ตัวชี้วัดทดสอบ, en: Test scorecard}",
        "title: hello",
        "ต้องเป็นชุดข้อมูลแบบ key: value (mapping)",
    ),
    "dict_type": (
        "rows:\n        - {year: 2564,",
        "rows:\n        - 5\n        - {year: 2564,",
        "ต้องเป็นชุดข้อมูลแบบ key: value (mapping)",
    ),
    "list_type": ("kpis:\n", "kpis: {}\nxkpis:\n", "ต้องเป็นรายการ (list)"),
    "tuple_type": (
        "years: [2564, 2566], stated",
        "years: 2564, stated",
        "ต้องเป็นรายการ (list)",
    ),
    "too_long": (
        "years: [2564, 2566], stated",
        "years: [2564, 2565, 2566], stated",
        "ต้องมีไม่เกิน 2 รายการ แต่มี 3",
    ),
    "missing": ("rounds:\n  - {number: 1", "xrounds:\n  - {number: 1", "ขาดฟิลด์ที่ต้องระบุ 'rounds'"),
    "extra_forbidden": (
        "rounds:\n  - {number: 1",
        "xrounds:\n  - {number: 1",
        "ไม่รู้จักฟิลด์ 'xrounds'",
    ),
}


@pytest.mark.parametrize("change", SCHEMA_ERRORS.values(), ids=SCHEMA_ERRORS.keys())
def test_schema_errors_are_said_in_thai_by_their_type(change: tuple[str, str, str]) -> None:
    _, findings = check_text(broken(change), "bad.yaml")
    assert change[2] in [f.message_th for f in findings]


def test_a_parameter_given_on_loading_is_said_in_thai_too() -> None:
    from decimal import Decimal

    _, findings = check_text(TEXT, "mini.yaml", {"x": Decimal(3), "z": Decimal(1)})
    said = [f.message_th for f in findings]
    assert "ไม่รู้จักพารามิเตอร์ 'z' (พารามิเตอร์ที่มี: x, y, target_count)" in said
    assert (
        "ค่าเป้าหมายระดับ 100 ยังใช้ตัวเลขที่ระบุไว้ 2.7 แต่ด้วยพารามิเตอร์ที่กำหนด "
        "สูตรให้ค่า 3.00 หากต้องการใช้ค่าตามสูตรให้ตั้ง use: rule"
    ) in said


@pytest.mark.parametrize(
    ("raw", "thai"),
    [
        (b"format: \xff\n", "ไม่ใช่ข้อความ UTF-8 (ถอดรหัสไบต์ที่ 8 ไม่ได้)"),
        (b"x" * (5 * 1024 * 1024 + 1), "ไฟล์มีขนาดเกิน 5 MB"),
    ],
)
def test_a_file_that_cannot_be_read_is_said_in_thai(tmp_path: Path, raw: bytes, thai: str) -> None:
    from thaikpi.engine.loader import load_path

    path = tmp_path / "bad.yaml"
    path.write_bytes(raw)
    with pytest.raises(EngineError) as caught:
        load_path(path)
    assert [f.message_th for f in caught.value.findings] == [thai]


@pytest.mark.parametrize(
    ("name", "thai"),
    [
        ("ditp-2599", "ไม่มีแม่แบบชื่อ 'ditp-2599' ใน ThaiKPI และไม่มีไฟล์ชื่อนี้ (แม่แบบที่มี: ditp-2567)"),
        ("/no/such/file.yaml", "อ่านไฟล์ไม่ได้: ไม่พบไฟล์"),
    ],
)
def test_a_template_that_is_not_there_is_said_in_thai(name: str, thai: str) -> None:
    from thaikpi.engine.loader import load

    with pytest.raises(EngineError) as caught:
        load(name)
    assert [f.message_th for f in caught.value.findings] == [thai]


def test_an_empty_file_is_said_in_thai() -> None:
    _, findings = check_text("", "empty.yaml")
    assert [f.message_th for f in findings] == ["ไฟล์ว่างเปล่า"]


def test_the_english_of_every_finding_is_unchanged_by_the_thai() -> None:
    _, findings = check_text(broken(BROKEN_TEMPLATES["levels out of order"]), "bad.yaml")
    for f in findings:
        assert f.text("en") == f.message and f.text("th") == f.message_th
        assert f.as_dict()["message"] == f.message


@pytest.mark.parametrize(("number", "months"), [(1, 6), (2, 12), (3, None), (0, None)])
def test_a_scorecard_finds_its_round_by_number(mini, number, months):
    found = mini.round(number)
    assert (found.months if found else None) == months


@pytest.mark.parametrize(
    ("error", "thai"),
    [
        (FileNotFoundError(errno.ENOENT, "No such file or directory"), "ไม่พบไฟล์"),
        (PermissionError(errno.EACCES, "Permission denied"), "ไม่มีสิทธิ์อ่านไฟล์"),
        (IsADirectoryError(errno.EISDIR, "Is a directory"), "เป็นโฟลเดอร์ ไม่ใช่ไฟล์"),
        (OSError(errno.EMFILE, "Too many open files"), "Too many open files"),
    ],
)
def test_the_systems_reason_a_file_cannot_be_read_is_said_in_thai(
    error: OSError, thai: str
) -> None:
    from thaikpi.engine.findings import file_unreadable

    english, in_thai = file_unreadable(error)
    assert english == f"cannot read file: {error.strerror}"
    assert in_thai == f"อ่านไฟล์ไม่ได้: {thai}"


def test_a_folder_given_as_a_template_is_said_in_thai(tmp_path: Path) -> None:
    from thaikpi.engine.loader import load_path

    with pytest.raises(EngineError) as caught:
        load_path(tmp_path)
    assert [f.message_th for f in caught.value.findings] == ["อ่านไฟล์ไม่ได้: เป็นโฟลเดอร์ ไม่ใช่ไฟล์"]
