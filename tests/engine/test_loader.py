from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.engine.conftest import MINI
from thaikpi.engine.findings import EngineError, Severity
from thaikpi.engine.loader import check_text, load_text

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


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_loading_never_raises_anything_but_findings(text: str) -> None:
    scorecard, findings = check_text(text, "fuzz.yaml")
    assert scorecard is None and findings


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=len(TEXT) - 1), st.text(min_size=1, max_size=5))
def test_damaging_the_fixture_anywhere_gives_findings_not_exceptions(at: int, junk: str) -> None:
    scorecard, findings = check_text(TEXT[:at] + junk + TEXT[at + 1 :], "fuzz.yaml")
    assert scorecard is not None or findings


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
