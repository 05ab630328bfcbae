"""Demo results computed from source files, as an agency and the evaluator would load them.

KPI 6 from the DITP data catalog and the GD Catalog (CKAN dumps, kept as the result's
evidence), KPIs 7–9 from the DGA readiness and PMQA 4.0 survey sheets (loaded by the evaluator
for every agency at once) and KPI 1's monthly export values (its KPI page then shows where the
year is heading). The files ship in ``thaikpi/sources/examples/``. Each part runs once:
``thaikpi_demo`` may be run again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

import thaikpi.sources
from thaikpi.results.models import Evidence, MonthlyValue, Result
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import catalog, series, surveys

EXAMPLES = Path(thaikpi.sources.__file__).parent / "examples"
CATALOG = ("ditp-catalog.jsonl", "gd-catalog.json")
SURVEYS = ("dga-2567.csv", "pmqa-2567.csv")
EXPORTS = "exports-kpi1.csv"
SURVEY_YEAR, SURVEY_ROUND = 2567, 2


def example(name: str) -> bytes:
    """A shipped example file's bytes."""
    return (EXAMPLES / name).read_bytes()


def load(card: Scorecard, users: dict[str, Any]) -> None:
    """The three sources for the DITP demo scorecard (planner pim, evaluator eve)."""
    _catalog(card, users["pim"])
    _surveys(users["eve"])
    _monthly(card, users["pim"])


def _catalog(card: Scorecard, pim: Any) -> None:
    round_no, revision = catalog.current_revision(card, "6")
    if Evidence.objects.filter(result__scorecard=card, result__kpi_id="6").exists():
        return
    agency, central = (SimpleUploadedFile(name, example(name)) for name in CATALOG)
    catalog.store_result(pim, card, "6", agency, central, revision, round_no=round_no)


def _surveys(eve: Any) -> None:
    for name in SURVEYS:
        if Evidence.objects.filter(original_name=name).exists():
            continue
        surveys.import_survey(eve, example(name), name, SURVEY_YEAR, SURVEY_ROUND)


def _monthly(card: Scorecard, pim: Any) -> None:
    if MonthlyValue.objects.filter(agency_id=card.agency_id, kpi_id="1").exists():
        return
    if not Result.objects.filter(scorecard=card, kpi_id="1").exists():
        return  # the demo's typed results come first; the months complete no open round
    series.import_monthly(pim, card, "1", example(EXPORTS), EXPORTS)
