"""A thousands separator reads the same everywhere it is typed.

Results typed by people (forms, API, results files in block style) and workbooks accept
``1,150.40``; a template refuses it with the line and how to write it (``1150.40``), because in
YAML's flow style (``{stated: 1,150.40}``) the comma separates fields and would be misread.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from tests.engine.conftest import MINI, make_kpi
from thaikpi.engine.findings import EngineError
from thaikpi.engine.loader import load_text
from thaikpi.engine.model import Kpi, Text
from thaikpi.engine.results import parse_results, read_result

STATED = "{score: 50, stated: 203.14, rule:"


def _template(written: str) -> str:
    text = MINI.read_text(encoding="utf-8")
    assert STATED in text
    return text.replace(STATED, STATED.replace("203.14", written), 1)


def _baht() -> Kpi:
    """A KPI counted in baht, whose results run into thousands."""
    return replace(make_kpi(values=("1000", "1100", "1200")), unit=Text("บาท", "baht"))


def _refusal(text: str) -> tuple[int | None, str, str]:
    with pytest.raises(EngineError) as caught:
        load_text(text, "t.yaml")
    finding = caught.value.findings[0]
    return finding.line, finding.message, finding.message_th


@pytest.mark.parametrize(
    ("written", "plain"),
    [("1,150.40", "1150.40"), ("12,345", "12345"), ("1,150,000.5", "1150000.5")],
)
def test_a_template_in_flow_style_refuses_a_thousands_separator_naming_line_and_plain_figure(
    written: str, plain: str
) -> None:
    text = _template(written)
    line, message, message_th = _refusal(text)
    assert (
        line
        == text.splitlines().index(next(x for x in text.splitlines() if f"stated: {written}" in x))
        + 1
    )
    assert f"{written} is written with a thousands separator" in message
    assert message.endswith(f"write {plain}") and message_th.endswith(f"ให้เขียน {plain}")


def test_a_template_in_block_style_refuses_a_thousands_separator_the_same_way() -> None:
    text = MINI.read_text(encoding="utf-8").replace("    weight: 40\n", "    weight: 1,040\n", 1)
    line, message, message_th = _refusal(text)
    assert line == text.splitlines().index("    weight: 1,040") + 1
    assert "1,040 has a thousands separator" in message and message.endswith("write 1040")
    assert message_th.endswith("ให้เขียน 1040")


def test_a_flow_mapping_with_a_three_digit_key_of_its_own_is_not_taken_for_a_separator() -> None:
    from thaikpi.engine import yamlio

    assert yamlio.parse("a: {v: 1, 150: 2}\n")[0] == {"a": {"v": 1, "150": 2}}


@pytest.mark.parametrize("typed", ["1,150.40", " 1,150.40 ", "1150.40"])
def test_a_result_typed_with_a_thousands_separator_is_accepted(typed: str) -> None:
    assert read_result(_baht(), 2, typed).actual == Decimal("1150.40")


def test_a_results_file_in_block_style_accepts_a_thousands_separator() -> None:
    parsed = parse_results('round: 2\nresults:\n  "1": 1,150.40\n')
    assert read_result(_baht(), 2, parsed.raw["1"]).actual == Decimal("1150.40")


def test_a_results_file_in_flow_style_refuses_it_as_a_template_does() -> None:
    with pytest.raises(EngineError) as caught:
        parse_results('round: 2\nresults: {"1": 1,150.40}\n')
    assert "write 1150.40" in caught.value.findings[0].message
