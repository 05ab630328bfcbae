"""Report test helpers: a scorecard, its results and their scores, for each round. No database."""

from __future__ import annotations

import datetime
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
