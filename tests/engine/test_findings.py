"""Findings in English and Thai: the shape, and Thai for every finding the engine produces."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.engine.test_loader import BROKEN_TEMPLATES, SCHEMA_ERRORS, TEXT, broken
from tests.engine.test_results import BAD_RESULTS, MALFORMED_RESULTS_FILES
from thaikpi.engine.findings import EngineError, Finding, Problem, Severity, thai_of
from thaikpi.engine.loader import check_text, load_path
from thaikpi.engine.results import parse_results, read_results
from thaikpi.textimport.pdf_text_repair import looks_damaged

THAI_LETTER = re.compile("[\u0e01-\u0e2e]")


def assert_said_in_thai(findings: Iterable[Finding]) -> None:
    """Every finding has a Thai message: Thai letters, NFC, marks in order; English untouched."""
    findings = list(findings)
    assert findings
    for f in findings:
        assert THAI_LETTER.search(f.message_th), f
        assert unicodedata.is_normalized("NFC", f.message_th), f
        # Damage may only come from the input the message quotes, which the English quotes too
        # (a fuzzed id with a private-use glyph); never from the Thai wording itself.
        assert not looks_damaged(f.message_th) or looks_damaged(f.message), f
        assert f.text("th") == f.message_th
        assert f.text("en") == f.message == f.as_dict()["message"]


# --- the shape ---------------------------------------------------------------------------

FINDING = Finding("weight must be more than 0, got 0", message_th="น้ำหนักต้องมากกว่า 0 แต่พบ 0")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("th", "น้ำหนักต้องมากกว่า 0 แต่พบ 0"),
        ("th-th", "น้ำหนักต้องมากกว่า 0 แต่พบ 0"),
        ("TH", "น้ำหนักต้องมากกว่า 0 แต่พบ 0"),
        ("en", "weight must be more than 0, got 0"),
        ("en-us", "weight must be more than 0, got 0"),
        ("", "weight must be more than 0, got 0"),
    ],
)
def test_a_finding_speaks_thai_to_thai_pages_and_english_to_the_rest(
    language: str, text: str
) -> None:
    assert FINDING.text(language) == text


def test_a_finding_without_thai_shows_its_english_on_thai_pages() -> None:
    assert Finding("something odd").text("th") == "something odd"


def test_the_thai_message_comes_after_the_existing_fields_so_positional_use_still_works() -> None:
    f = Finding("m", Severity.WARNING, "a.yaml", 3, "1", "kpis.0", "ข้อความ")
    assert (f.message, f.severity, f.file, f.line, f.kpi, f.field, f.message_th) == (
        "m",
        Severity.WARNING,
        "a.yaml",
        3,
        "1",
        "kpis.0",
        "ข้อความ",
    )
    assert str(f) == "a.yaml:3: warning: KPI 1: [kpis.0] m"  # the English, as before


def test_the_json_of_a_finding_adds_message_th_to_the_keys_it_had() -> None:
    assert list(FINDING.as_dict()) == [
        "severity",
        "file",
        "line",
        "kpi",
        "field",
        "message",
        "message_th",
    ]
    assert FINDING.as_dict()["message_th"] == "น้ำหนักต้องมากกว่า 0 แต่พบ 0"


def test_thai_is_kept_nfc_normalized_with_its_marks_in_order() -> None:
    typed = "ก\u0e48\u0e38"  # mai ek typed before sara u
    assert Finding("x", message_th=typed).message_th == "ก\u0e38\u0e48"
    assert Problem("x", typed).message_th == "ก\u0e38\u0e48"


def test_an_engine_error_with_one_finding_carries_its_thai() -> None:
    error = EngineError.single("no such thing", "ไม่มีสิ่งนี้", file="a.yaml", line=2)
    assert error.findings == (Finding("no such thing", file="a.yaml", line=2, message_th="ไม่มีสิ่งนี้"),)
    assert str(error) == "a.yaml:2: error: no such thing"


@pytest.mark.parametrize(
    ("exc", "thai"),
    [
        (Problem("bad", "ไม่ดี"), "ไม่ดี"),
        (ValueError("bad"), "ข้อมูลไม่ถูกต้อง: bad"),
        (Problem("bad"), "ข้อมูลไม่ถูกต้อง: bad"),
    ],
)
def test_an_exception_gives_its_own_thai_or_a_general_sentence_with_the_english(
    exc: Exception, thai: str
) -> None:
    assert thai_of(exc) == thai


def test_a_problem_is_a_value_error_whose_text_is_the_english() -> None:
    problem = Problem("weight must be more than 0", "น้ำหนักต้องมากกว่า 0")
    assert isinstance(problem, ValueError) and str(problem) == "weight must be more than 0"


# --- every finding the engine produces, in Thai -------------------------------------------


@pytest.mark.parametrize(
    "change",
    list(BROKEN_TEMPLATES.values()) + list(SCHEMA_ERRORS.values()),
    ids=list(BROKEN_TEMPLATES) + list(SCHEMA_ERRORS),
)
def test_every_finding_on_a_broken_template_is_said_in_thai(change: tuple[str, str, str]) -> None:
    _, findings = check_text(broken(change), "bad.yaml")
    assert_said_in_thai(findings)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "- 1\n",
        "format: a\nformat: b\n",
        "[" * 100,
        "? [a]\n: 1\n",
        "x: 0477\n",
        "x: !!binary aGk=\n",
        "x: [1\n",
        "x: 2024-02-30\n",
        "{}",
    ],
)
def test_every_finding_on_a_file_that_is_not_a_template_is_said_in_thai(text: str) -> None:
    _, findings = check_text(text, "bad.yaml")
    assert_said_in_thai(findings)


def test_every_finding_on_parameters_given_on_loading_is_said_in_thai() -> None:
    _, findings = check_text(TEXT, "mini.yaml", {"x": Decimal(3), "z": Decimal(1)})
    assert_said_in_thai(findings)


@pytest.mark.parametrize(("results", "thai"), BAD_RESULTS)
def test_every_finding_on_a_bad_result_is_said_in_thai(mini, results: str, thai: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(EngineError) as caught:
        read_results(mini, parse_results("round: 2\nresults:\n  " + results + "\n", "r.yaml"))
    assert_said_in_thai(caught.value.findings)


@pytest.mark.parametrize(("text", "thai"), MALFORMED_RESULTS_FILES)
def test_every_finding_on_a_malformed_results_file_is_said_in_thai(text: str, thai: str) -> None:
    with pytest.raises(EngineError) as caught:
        parse_results(text, "r.yaml")
    assert_said_in_thai(caught.value.findings)


def test_a_file_that_cannot_be_read_is_said_in_thai(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(EngineError) as caught:
        load_path(tmp_path / "missing.yaml")
    assert_said_in_thai(caught.value.findings)


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=len(TEXT) - 1), st.text(min_size=1, max_size=5))
@example(TEXT.index("- id: performance") + len("- id: "), "\U000f0000")  # seen in a run
def test_damaging_the_fixture_anywhere_gives_findings_said_in_thai(at: int, junk: str) -> None:
    _, findings = check_text(TEXT[:at] + junk + TEXT[at + 1 :], "fuzz.yaml")
    if findings:
        assert_said_in_thai(findings)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_findings_said_in_thai(text: str) -> None:
    _, findings = check_text(text, "fuzz.yaml")
    assert_said_in_thai(findings)
