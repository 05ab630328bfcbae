"""Monthly series of a KPI's inputs: imported all or nothing, then where the year is heading.

The months are kept per agency (:class:`~thaikpi.results.models.MonthlyValue`), earlier
fiscal years included, because the forecast learns the year's shape from them. After an
import, each month of the scorecard's year that every input has reached gets the KPI's value
to date in MonthlyProgress (the KPI page's progress chart), computed by the KPI's formula.
The arithmetic is :mod:`thaikpi.engine.series`' (docs/forecast.md).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thaikpi.accounts import permissions
from thaikpi.changelog.log import record
from thaikpi.engine import model as m
from thaikpi.engine import series as es
from thaikpi.engine.findings import EngineError, Problem
from thaikpi.results.models import MonthlyProgress, MonthlyValue
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import engine
from thaikpi.services.errors import NotAllowed
from thaikpi.services.results import kpi_or_invalid
from thaikpi.services.surveys import SurveyInvalid
from thaikpi.sources import monthly
from thaikpi.sources.surveys import CellProblem, SurveyError


class SeriesInvalid(SurveyInvalid):
    """The monthly sheet was refused; ``cells`` name the file, row and column of each problem."""


@dataclass(frozen=True)
class SeriesImported:
    """What an import stored: values by input, and the months of the year given a value."""

    values: Mapping[str, int]
    progress_months: tuple[int, ...]


@transaction.atomic
def import_monthly(
    user: Any, scorecard: Scorecard, kpi_id: str, data: bytes, file_name: str = ""
) -> SeriesImported:
    """Store a KPI's monthly input series from a sheet, or nothing (SeriesInvalid)."""
    if not permissions.may_report(user, scorecard, kpi_id):
        raise NotAllowed(_("You may not enter results for this KPI."))
    kpi = kpi_or_invalid(scorecard, kpi_id)
    try:
        sheet = monthly.read_monthly(data, file_name)
    except SurveyError as exc:
        raise SeriesInvalid(
            _("The monthly file has errors; nothing was saved."), exc.problems
        ) from None
    problems = list(sheet.problems)
    by_input: dict[str, dict[es.Month, Decimal]] = {}
    for heading, values in sheet.series.items():
        input_id = monthly.input_of(kpi, heading)
        if input_id is None:
            known = ", ".join(i.id for i in kpi.inputs) or "-"
            problems.append(
                CellProblem(
                    f"KPI {kpi_id} has no input {heading!r} (inputs: {known})",
                    f"ตัวชี้วัด {kpi_id} ไม่มีข้อมูลนำเข้า {heading!r} (ที่มี: {known})",
                    file_name,
                    1,
                )
            )
            continue
        by_input[input_id] = values
    if problems:
        raise SeriesInvalid(_("The monthly file has errors; nothing was saved."), tuple(problems))
    for input_id, values in by_input.items():
        for month, value in values.items():
            MonthlyValue.objects.update_or_create(
                agency=scorecard.agency,
                kpi_id=kpi_id,
                input=input_id,
                year_be=month.year_be,
                month=month.month,
                defaults={"value": value},
            )
    months = _refresh_progress(scorecard, kpi)
    counts = {k: len(v) for k, v in by_input.items()}
    record(user, "series.import", scorecard, after={"file": file_name, "values": counts},
           scorecard=scorecard, kpi_id=kpi_id)  # fmt: skip
    return SeriesImported(counts, months)


def stored_series(scorecard: Scorecard, kpi_id: str) -> dict[str, dict[es.Month, Decimal]]:
    """The agency's stored monthly series of a KPI, by input."""
    found: dict[str, dict[es.Month, Decimal]] = defaultdict(dict)
    rows = MonthlyValue.objects.filter(agency_id=scorecard.agency_id, kpi_id=kpi_id)
    for input_id, year_be, month, value in rows.values_list("input", "year_be", "month", "value"):
        found[input_id][es.Month(year_be, month)] = value
    return dict(found)


def _refresh_progress(scorecard: Scorecard, kpi: m.Kpi) -> tuple[int, ...]:
    """Each month every input has reached: the KPI's value to date, in MonthlyProgress."""
    series = stored_series(scorecard, kpi.id)
    year = scorecard.fiscal_year.year_be
    reached = min((es.months_reported(s, year) for s in series.values()), default=0)
    done: list[int] = []
    for through in range(1, reached + 1):
        try:
            inputs = es.inputs_to_date(series, year, through, monthly.previous_of(kpi, series))
            value = monthly.value_of(kpi, inputs)
        except (Problem, EngineError):
            continue  # e.g. last year's months are missing: no growth to show yet
        MonthlyProgress.objects.update_or_create(
            scorecard=scorecard, kpi_id=kpi.id, month=through, defaults={"value": value}
        )
        done.append(through)
    return tuple(done)


def outlook(scorecard: Scorecard, kpi_id: str, language: str = "th") -> monthly.Outlook | None:
    """The KPI's year so far and its year-end forecast; None without monthly data."""
    kpi = engine.current(scorecard).kpi(kpi_id)
    found = stored_series(scorecard, kpi_id)
    if kpi is None or not found:
        return None
    return monthly.outlook_of(kpi, found, scorecard.fiscal_year.year_be, language)
