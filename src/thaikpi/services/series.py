"""Monthly series of a KPI's inputs: imported all or nothing, then where the year is heading.

The months are kept per agency (:class:`~thaikpi.results.models.MonthlyValue`), earlier
fiscal years included, because the forecast learns the year's shape from them. After an
import, each month of the scorecard's year that every input has reached gets the KPI's value
to date in MonthlyProgress (the KPI page's progress chart), computed by the KPI's formula.
The arithmetic is :mod:`thaikpi.engine.series`' (docs/forecast.md).
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from thaikpi.changelog.log import record
from thaikpi.engine import model as m
from thaikpi.engine import series as es
from thaikpi.engine.findings import EngineError, Problem
from thaikpi.engine.formatting import places_of
from thaikpi.engine.numbers import Rounding, RoundingMode, apply
from thaikpi.results.models import MonthlyProgress, MonthlyValue, Result, RoundReview, SeriesFile
from thaikpi.scorecards import permissions
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import engine, results
from thaikpi.services.errors import NotAllowed
from thaikpi.services.results import EVIDENCE_TYPES, kpi_or_invalid
from thaikpi.services.surveys import SurveyInvalid
from thaikpi.sources import monthly
from thaikpi.sources.surveys import CellProblem, SurveyError


class SeriesInvalid(SurveyInvalid):
    """The monthly sheet was refused; ``cells`` name the file, row and column of each problem."""


@dataclass(frozen=True)
class RoundValue:
    """A round whose months are all in: its inputs summed from the series, and what happens.

    ``action``: "store" (saved as the round's result, the sheet as its evidence), "closed"
    (the round is submitted or later: its result stays) or "unreadable" (the engine refuses
    the inputs: ``message`` says why).
    """

    round_no: int
    months: int
    inputs: Mapping[str, Decimal]
    value: Decimal | None
    action: str
    current: Any = None  # the stored result's raw value it replaces, if any
    message: str = ""


@dataclass(frozen=True)
class SeriesColumn:
    """A column of the sheet: its heading, the KPI input it feeds and the months it holds."""

    heading: str
    input_id: str
    count: int
    first: es.Month
    last: es.Month


@dataclass(frozen=True)
class SeriesImported:
    """What an import stored (or, ``dry_run``, would store).

    ``values``: months by input; ``progress_months``: months of the year given a value to
    date; ``rounds``: complete rounds' results; ``outlook``: the year with the sheet's months.
    """

    values: Mapping[str, int]
    progress_months: tuple[int, ...]
    columns: tuple[SeriesColumn, ...] = ()
    rounds: tuple[RoundValue, ...] = ()
    outlook: monthly.Outlook | None = None
    dry_run: bool = False

    @property
    def stored_rounds(self) -> tuple[int, ...]:
        """The rounds whose result the sheet sets."""
        return tuple(r.round_no for r in self.rounds if r.action == "store")


def _read(
    scorecard: Scorecard, kpi: m.Kpi, data: bytes, file_name: str
) -> tuple[dict[str, dict[es.Month, Decimal]], list[SeriesColumn]]:
    """The sheet's series by KPI input; SeriesInvalid naming every refused cell or heading."""
    try:
        sheet = monthly.read_monthly(data, file_name)
    except SurveyError as exc:
        raise SeriesInvalid(
            _("The monthly file has errors; nothing was saved."), exc.problems
        ) from None
    problems = list(sheet.problems)
    by_input: dict[str, dict[es.Month, Decimal]] = {}
    columns: list[SeriesColumn] = []
    for heading, values in sheet.series.items():
        input_id = monthly.input_of(kpi, heading)
        if input_id is None:
            known = ", ".join(i.id for i in kpi.inputs) or "-"
            problems.append(
                CellProblem(
                    f"KPI {kpi.id} has no input {heading!r} (inputs: {known})",
                    f"ตัวชี้วัด {kpi.id} ไม่มีข้อมูลนำเข้า {heading!r} (ที่มี: {known})",
                    file_name,
                    1,
                )
            )
            continue
        by_input[input_id] = values
        if values:
            columns.append(SeriesColumn(heading, input_id, len(values), min(values), max(values)))
    if problems:
        raise SeriesInvalid(_("The monthly file has errors; nothing was saved."), tuple(problems))
    return by_input, columns


@transaction.atomic
def import_monthly(
    user: Any,
    scorecard: Scorecard,
    kpi_id: str,
    data: bytes,
    file_name: str = "",
    *,
    dry_run: bool = False,
) -> SeriesImported:
    """Store a KPI's monthly input series from a sheet, or nothing (SeriesInvalid).

    The sheet is kept as the evidence of the KPI's series (:class:`SeriesFile`, in the audit
    log), whether or not it completes a round. Every round of the scorecard's year whose
    months the series now cover gets its result computed from them (the year to date at the
    round's last month, by the KPI's formula), with the sheet also kept as the result's
    evidence, while the round is open. ``dry_run``: write nothing; say what would be
    stored, and the year's outlook with the sheet's months.
    """
    if not permissions.may_report(user, scorecard, kpi_id):
        raise NotAllowed(_("You may not enter results for this KPI."))
    kpi = kpi_or_invalid(scorecard, kpi_id)
    by_input, columns = _read(scorecard, kpi, data, file_name)
    merged = stored_series(scorecard, kpi_id)
    for input_id, values in by_input.items():
        merged[input_id] = {**merged.get(input_id, {}), **values}
    round_values = _round_values(scorecard, kpi, merged)
    counts = {k: len(v) for k, v in by_input.items()}
    if dry_run:
        sc = engine.decided(scorecard, scorecard.current)  # the levels as the pages score them
        decided = sc.kpi(kpi_id) or kpi
        outlook_now = monthly.outlook_of(sc, decided, merged, get_language() or "th")
        return SeriesImported(counts, (), tuple(columns), round_values, outlook_now, True)
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
    _keep_file(user, scorecard, kpi_id, data, file_name, by_input)
    for found in round_values:
        if found.action == "store":
            _store_round(user, scorecard, kpi_id, found, data, file_name)
    return SeriesImported(counts, months, tuple(columns), round_values)


def _keep_file(
    user: Any,
    scorecard: Scorecard,
    kpi_id: str,
    data: bytes,
    file_name: str,
    by_input: Mapping[str, Mapping[es.Month, Decimal]],
) -> SeriesFile:
    """Keep the sheet as uploaded, with the months it gave, and record it in the audit log."""
    name = os.path.basename(file_name or "monthly.csv")[:200]
    content_type = EVIDENCE_TYPES.get(os.path.splitext(name)[1].lower(), ("text/csv", None))[0]
    given = [month for values in by_input.values() for month in values]
    counts = {input_id: len(values) for input_id, values in by_input.items()}
    kept = SeriesFile(
        scorecard=scorecard,
        kpi_id=kpi_id,
        original_name=name,
        content_type=content_type,
        size=len(data),
        first=_month_key(min(given)) if given else "",
        last=_month_key(max(given)) if given else "",
        values=counts,
        uploaded_by=user,
    )
    kept.file.save(name, ContentFile(data), save=False)
    kept.save()
    after = {"name": name, "size": kept.size, "first": kept.first, "last": kept.last,
             "values": counts}  # fmt: skip
    record(user, "series.import", kept, after=after, scorecard=scorecard, kpi_id=kpi_id)
    return kept


def _month_key(month: es.Month) -> str:
    """'2566-10': a month as SeriesFile keeps it (Buddhist-era year, read by parse_month)."""
    return f"{month.year_be}-{month.month:02d}"


def series_files(scorecard: Scorecard, kpi_id: str) -> list[SeriesFile]:
    """The KPI's monthly sheets as uploaded, newest first (the KPI page lists them)."""
    found = SeriesFile.objects.filter(scorecard=scorecard, kpi_id=kpi_id)
    return list(found.select_related("uploaded_by").order_by("-uploaded_at", "-id"))


def series_file_for(user: Any, pk: int) -> SeriesFile:
    """A monthly sheet for someone who may read its scorecard; NotFound for anyone else."""
    kept = SeriesFile.objects.filter(pk=pk).first()
    if kept is None:
        raise permissions.NotFound("no such monthly sheet")
    permissions.scorecard_for(user, kept.scorecard_id)
    return kept


def _round_values(
    scorecard: Scorecard, kpi: m.Kpi, series: Mapping[str, es.Series]
) -> tuple[RoundValue, ...]:
    """Each round of the year the series cover whole: its inputs, value and what happens."""
    if not series:
        return ()
    year = scorecard.fiscal_year.year_be
    reached = min(es.months_reported(s, year) for s in series.values())
    previous = monthly.previous_of(kpi, series)
    reviews = {r.round_no: r for r in RoundReview.objects.filter(scorecard=scorecard)}
    stored = {r.round_no: r.raw for r in Result.objects.filter(scorecard=scorecard, kpi_id=kpi.id)}
    found: list[RoundValue] = []
    for sc_round in engine.current(scorecard).rounds:
        kpi_round = kpi.round(sc_round.number)
        if sc_round.months > reached or kpi_round is None or not kpi_round.assessed:
            continue  # not complete yet, or a round that does not assess the KPI
        number = sc_round.number
        try:
            inputs = es.inputs_to_date(series, year, sc_round.months, previous)  # exact sums
            value: Decimal | None = monthly.value_of(kpi, inputs, number)
        except (Problem, EngineError) as exc:
            message = monthly.why(exc, get_language() or "th")  # Thai where it has one
            found.append(RoundValue(number, sc_round.months, {}, None, "unreadable",
                                    stored.get(number), message))  # fmt: skip
            continue
        review = reviews.get(number) or RoundReview(scorecard=scorecard, round_no=number)
        action = "store" if review.is_open else "closed"
        found.append(RoundValue(number, sc_round.months, inputs, value, action,
                                stored.get(number)))  # fmt: skip
    return tuple(found)


def _store_round(
    user: Any, scorecard: Scorecard, kpi_id: str, found: RoundValue, data: bytes, file_name: str
) -> None:
    """Save a complete round's result computed from the series, the sheet as its evidence."""
    revision = (
        Result.objects.filter(scorecard=scorecard, kpi_id=kpi_id, round_no=found.round_no)
        .values_list("revision", flat=True)
        .first()
    )
    note = _("Computed from the monthly file {name}: the first {months} months of the year.")
    results.save_result(
        user,
        scorecard,
        kpi_id,
        found.round_no,
        {k: str(v) for k, v in found.inputs.items()},
        note.format(name=file_name, months=found.months),
        revision or 0,
        SimpleUploadedFile(file_name or "monthly.csv", data),
    )


def takes_months(kpi: m.Kpi) -> bool:
    """True for a KPI computed by its formula from inputs that add up by month (KPIs 1–4),
    not one checked against conditions (KPI 6) or counted (KPI 7)."""
    rounds = [r for r in kpi.rounds.values() if r.assessed]
    numeric = all(r.measure.kind is m.MeasureKind.NUMERIC for r in rounds)
    return bool(kpi.formula and kpi.inputs and rounds and numeric)


def as_given(value: Decimal) -> Decimal:
    """A stored figure with the places it was given, not the column's six (137337.900000 →
    137337.9), so sums and explanations read as the sheet did. The value does not change."""
    return apply(value, Rounding(places_of(value), RoundingMode.HALF_UP))


def stored_series(scorecard: Scorecard, kpi_id: str) -> dict[str, dict[es.Month, Decimal]]:
    """The agency's stored monthly series of a KPI, by input."""
    found: dict[str, dict[es.Month, Decimal]] = defaultdict(dict)
    rows = MonthlyValue.objects.filter(agency_id=scorecard.agency_id, kpi_id=kpi_id)
    for input_id, year_be, month, value in rows.values_list("input", "year_be", "month", "value"):
        found[input_id][es.Month(year_be, month)] = as_given(value)
    return dict(found)


def _refresh_progress(scorecard: Scorecard, kpi: m.Kpi) -> tuple[int, ...]:
    """Each month every input has reached: the KPI's value to date, in MonthlyProgress."""
    series = stored_series(scorecard, kpi.id)
    year = scorecard.fiscal_year.year_be
    reached = min((es.months_reported(s, year) for s in series.values()), default=0)
    reading = monthly.reading_round(engine.current(scorecard), kpi)
    if reading is None:
        return ()  # a KPI no round assesses has no value to date
    done: list[int] = []
    for through in range(1, reached + 1):
        try:
            inputs = es.inputs_to_date(series, year, through, monthly.previous_of(kpi, series))
            value = monthly.value_of(kpi, inputs, reading)
        except (Problem, EngineError):
            continue  # e.g. last year's months are missing: no growth to show yet
        MonthlyProgress.objects.update_or_create(
            scorecard=scorecard, kpi_id=kpi.id, month=through, defaults={"value": value}
        )
        done.append(through)
    return tuple(done)


def outlook(scorecard: Scorecard, kpi_id: str, language: str = "th") -> monthly.Outlook | None:
    """The KPI's year so far and its year-end forecast; None without monthly data. Its
    standard level is the one the pages score with (the planner's decisions included), as the
    dashboard's at-risk list reads it."""
    sc = engine.decided(scorecard, scorecard.current)
    kpi = sc.kpi(kpi_id)
    found = stored_series(scorecard, kpi_id)
    if kpi is None or not found:
        return None
    return monthly.outlook_of(sc, kpi, found, language)


@dataclass(frozen=True)
class Risk:
    """A KPI whose year-end forecast from its monthly figures falls short of its standard
    level (the year-end round's, at the scale's standard: 75, or 3 of five)."""

    kpi_id: str
    name: m.Text
    foreseen: Decimal
    standard: Decimal
    places: int  # the KPI's decimal places, to show both figures as its levels are shown
    level: m.Text  # the standard level by its name in the scale: 'เป้าหมายมาตรฐาน (75)'


def at_risk(cards: list[tuple[Scorecard, m.Scorecard]]) -> dict[int, list[Risk]]:
    """Scorecard id → its KPIs at risk: the year-end forecast is below the standard level.

    ``cards`` pairs each scorecard with the engine scorecard it is scored with (decisions
    applied, so a decided level is the one compared); the year ends with its last round and
    the standard level is its scale's (:func:`monthly.standard_level`). The monthly series
    of every card's agency are read in one query; a KPI without monthly figures, or whose
    forecast cannot be made, is not at risk. The forecast and its rule are
    :func:`monthly.outlook_of`'s.
    """
    agencies = {card.agency_id for card, _sc in cards}
    rows = MonthlyValue.objects.filter(agency_id__in=agencies).values_list(
        "agency_id", "kpi_id", "input", "year_be", "month", "value"
    )
    series: dict[tuple[int, str], dict[str, dict[es.Month, Decimal]]] = {}
    for agency_id, kpi_id, input_id, year_be, month, value in rows:
        by_input = series.setdefault((agency_id, kpi_id), {})
        by_input.setdefault(input_id, {})[es.Month(year_be, month)] = value
    found: dict[int, list[Risk]] = {}
    for card, sc in cards:
        year = card.fiscal_year.year_be
        for kpi in sc.kpis:
            stored = series.get((card.agency_id, kpi.id))
            if not stored or not all(es.months_reported(s, year) for s in stored.values()):
                continue  # no month of this fiscal year yet: nothing to foresee from
            seen = monthly.outlook_of(sc, kpi, stored)
            if seen.at_risk and seen.foreseen is not None and seen.standard is not None:
                risk = Risk(kpi.id, kpi.name, seen.foreseen, seen.standard,
                            kpi.rounding.places, seen.standard_name)  # fmt: skip
                found.setdefault(card.pk, []).append(risk)
    return found
