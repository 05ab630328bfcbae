"""Report test helpers: a scorecard, its results and their scores, for each round. No database."""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from thaikpi.engine.loader import template_names
from thaikpi.engine.model import Scorecard
from thaikpi.engine.results import Result
from thaikpi.engine.scoring import RoundScore
from thaikpi.services import scorecards as svc

FIXTURES = Path(__file__).parent / "fixtures"
MINI = str(FIXTURES / "mini-2567.yaml")
# A scorecard on the five-level scale with rounds after 6, 9 and 12 months (engine fixture).
FIVE = str(Path(__file__).parents[1] / "engine" / "fixtures" / "five-level.yaml")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
EXPORTED = datetime.date(2024, 9, 30)
needs_pdf_tools = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("chromium") is None,
    reason="poppler-utils or chromium is not installed",
)


@dataclass(frozen=True)
class Case:
    """A scorecard with one round's checked results and the engine's scores for them."""

    scorecard: Scorecard
    results: dict[str, Result]
    scored: RoundScore


def make_case(template: str, results_file: Path) -> Case:
    """Load a template and score a results file against it with the engine."""
    scorecard = svc.load_scorecard(template)
    round_no, results = svc.read_results_file(scorecard, results_file)
    return Case(scorecard, results, svc.score(scorecard, round_no, results))


CASES = {
    "mini round 2": (MINI, FIXTURES / "mini-results-2.yaml"),
    "mini round 1": (MINI, FIXTURES / "mini-results-1.yaml"),
    "five-level round 3": (FIVE, FIXTURES / "five-results-3.yaml"),
    "five-level round 2": (FIVE, FIXTURES / "five-results-2.yaml"),
}
if "ditp-2567" in template_names():
    CASES["ditp-2567 round 2"] = ("ditp-2567", FIXTURES / "ditp-results-2.yaml")
    CASES["ditp-2567 round 1"] = ("ditp-2567", FIXTURES / "ditp-results-1.yaml")


@pytest.fixture(params=sorted(CASES), scope="session")
def case(request: pytest.FixtureRequest) -> Case:
    """Every scorecard and round the report tests run against."""
    return make_case(*CASES[request.param])


@pytest.fixture(scope="session")
def mini2() -> Case:
    """The mini scorecard with round-2 results for every KPI."""
    return make_case(*CASES["mini round 2"])


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """The folder where tests leave files for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def pdf_text(body: bytes, tmp_path: Path) -> tuple[str, int]:
    """(the PDF's text layer, its number of pages) from poppler."""
    path = tmp_path / "brief.pdf"
    path.write_bytes(body)
    # -raw keeps the content's order: the diagonal watermark stays one word, as copied.
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True,
                          check=True, text=True).stdout  # fmt: skip
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True)
    pages = re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)
    assert pages
    return text, int(pages.group(1))
