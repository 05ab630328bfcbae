"""The message catalogue: every code worded in English and Thai, and the engine using it."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from thaikpi.engine import messages
from thaikpi.engine.findings import EngineError, Finding, Problem, Severity
from thaikpi.engine.messages import MESSAGES, Both, placeholders, render

ENGINE = Path(messages.__file__).parent
THAI_LETTER = re.compile("[\u0e01-\u0e2e]")


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_code_has_an_english_and_a_thai_wording(code: str) -> None:
    english, thai = MESSAGES[code]
    assert english.strip() and thai.strip()
    if placeholders(thai) != {"problem"}:  # an exception's own words are already in Thai
        assert THAI_LETTER.search(thai), code


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_placeholder_of_the_thai_wording_is_in_the_english_one(code: str) -> None:
    english, thai = MESSAGES[code]
    assert placeholders(thai) <= placeholders(english)


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_code_renders_in_both_languages_from_its_parameters(code: str) -> None:
    params = {name: Both("<en>", "<th>") for name in placeholders(MESSAGES[code][0])}
    english, thai = render(code, params), render(code, params, thai=True)
    assert "<th>" not in english and "<en>" not in thai
    assert ("<en>" in english) == ("<th>" in thai) == bool(params)


def test_a_finding_of_a_code_carries_the_code_its_parameters_and_both_wordings() -> None:
    finding = Finding.of("weight.not_positive", file="a.yaml", line=3, weight=Decimal(0))
    assert (finding.code, dict(finding.params)) == ("weight.not_positive", {"weight": Decimal(0)})
    assert (finding.message, finding.message_th) == (
        "weight must be more than 0, got 0",
        "น้ำหนักต้องมากกว่า 0 แต่พบ 0",
    )
    assert (finding.file, finding.line, finding.severity) == ("a.yaml", 3, Severity.ERROR)


def test_a_finding_of_a_code_equals_the_same_words_given_as_they_are() -> None:
    given = Finding("weight must be more than 0, got 0", message_th="น้ำหนักต้องมากกว่า 0 แต่พบ 0")
    assert Finding.of("weight.not_positive", weight=Decimal(0)) == given


def test_a_parameter_worded_in_both_languages_is_said_in_each() -> None:
    levels = Both("50, 75 and 100", "50, 75 และ 100")
    finding = Finding.of("round.levels_needed", scores=Both("none", "ไม่มี"), levels=levels)
    assert finding.text("en").endswith("(got none)")
    assert finding.text("th").endswith("(ที่มี: ไม่มี)")


def test_a_problem_of_a_code_becomes_the_same_finding() -> None:
    problem = Problem.of("weight.not_positive", weight=Decimal(-1))
    finding = Finding.of_problem(problem, kpi="1")
    assert (str(problem), problem.message_th) == (finding.message, finding.message_th)
    assert (finding.code, finding.kpi) == ("weight.not_positive", "1")


def test_an_exception_without_a_code_becomes_a_finding_in_its_own_words() -> None:
    finding = Finding.of_problem(Problem("odd", "แปลก"))
    assert (finding.code, finding.message, finding.message_th) == ("problem", "odd", "แปลก")


def test_an_engine_error_of_a_code_has_that_one_finding() -> None:
    error = EngineError.of("template.unknown", file="x", name="x", shipped="a, b")
    assert [f.message for f in error.findings] == ["no shipped template named 'x' (shipped: a, b)"]


# A Finding built in the engine with its words given as they are, rather than from a code.
LITERAL_FINDING = re.compile(r"\b(?<!Audit)Finding\(|EngineError\.single\(")


@pytest.mark.parametrize(
    "path", sorted(p.name for p in ENGINE.glob("*.py") if p.name != "findings.py")
)
def test_no_finding_in_the_engine_is_built_with_its_words_given_as_they_are(path: str) -> None:
    source = (ENGINE / path).read_text(encoding="utf-8")
    assert not LITERAL_FINDING.findall(source), f"use Finding.of(code, ...) in {path}"
