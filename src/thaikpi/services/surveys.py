"""Survey results (DGA readiness, PMQA 4.0) for every agency at once, all or nothing.

An evaluator uploads the sheet the survey's publisher gives out, one row per agency. Each row
is matched to that agency's scorecard of the fiscal year (by agency code, else by Thai name);
its figures go through :func:`thaikpi.services.results.save_result` as the KPIs' results of the
round, with the sheet itself kept as each result's evidence. One refused cell, or a result the
engine refuses, and nothing from the file is saved. Rows of agencies this system does not hold
are listed, not refused: the survey covers hundreds of bodies. A scorecard that carries the
survey's KPIs but has no row gets no result, so it scores 0 there, as the template states.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from thaikpi.agencies.models import Agency
from thaikpi.results.models import Result, RoundReview
from thaikpi.scorecards import permissions
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import engine, results, rounds
from thaikpi.services.errors import DomainError, Invalid, NotAllowed
from thaikpi.sources import surveys as parser
from thaikpi.sources.surveys import CellProblem, Survey, SurveyError


class SurveyInvalid(Invalid):
    """The sheet was refused; ``cells`` name the file, row and column of each problem."""

    def __init__(self, message: str, cells: tuple[CellProblem, ...]) -> None:
        super().__init__(message)
        self.cells = cells

    def texts(self, language: str) -> tuple[str, ...]:
        """Every problem, with where it is, in ``language``."""
        return tuple(c.text(language) for c in self.cells)


@dataclass(frozen=True)
class Matched:
    """A row stored for an agency's scorecard: the KPIs it set."""

    row: int
    agency: str
    scorecard_id: int
    kpis: tuple[str, ...]
    name_th: str = ""  # the agency's Thai name, for the preview


@dataclass(frozen=True)
class SurveyReport:
    """What an import did (or, ``dry_run``, would do): rows stored, rows of unknown agencies,
    scorecards with no row, and (dry run only) every problem that would refuse the file."""

    survey: Survey
    matched: tuple[Matched, ...]
    unmatched: tuple[tuple[int, str], ...]  # (row, agency as written)
    without_result: tuple[str, ...]  # agency codes of scorecards the sheet has no row for
    rows: tuple[parser.SurveyRow, ...] = ()
    problems: tuple[CellProblem, ...] = ()
    dry_run: bool = False

    def problems_by_row(self) -> dict[int | None, list[CellProblem]]:
        """Each row's problems (None: the file's)."""
        found: dict[int | None, list[CellProblem]] = {}
        for problem in self.problems:
            found.setdefault(problem.row, []).append(problem)
        return found


def _name_key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def _agencies() -> dict[str, Agency]:
    """Agency code and Thai name (loosely compared) → agency."""
    found: dict[str, Agency] = {}
    for agency in Agency.objects.all():
        found.setdefault(_name_key(agency.code), agency)
        found.setdefault(_name_key(agency.name_th), agency)
    return found


def _carries(scorecard: Scorecard, kpis: Mapping[str, str], survey: Survey) -> bool:
    """True when the scorecard has every KPI this survey feeds."""
    wanted = [kpis["pmqa_score"]] if survey is Survey.PMQA else [kpis["pillars"], kpis["dga_score"]]
    sc = engine.current(scorecard)
    return all(sc.kpi(k) is not None for k in wanted)


@transaction.atomic
def import_survey(
    user: Any,
    data: bytes,
    file_name: str,
    year_be: int,
    round_no: int,
    survey: Survey | None = None,
    kpis: Mapping[str, str] = parser.DEFAULT_KPIS,
    *,
    dry_run: bool = False,
) -> SurveyReport:
    """Store every matched agency's survey results for the round, or nothing (SurveyInvalid).

    ``dry_run``: write nothing; the report holds what would be stored and every problem that
    would refuse the file (cells, duplicate rows, results the engine or the round refuses),
    so the page can show them by row before the evaluator confirms.
    """
    if not permissions.is_evaluator(user):
        raise NotAllowed(_("Only evaluators and administrators may import survey results."))
    try:
        sheet = parser.read_sheet(data, file_name, survey)
    except SurveyError as exc:
        raise SurveyInvalid(
            _("The survey file cannot be read; nothing was saved."), exc.problems
        ) from None
    if sheet.problems and not dry_run:
        raise SurveyInvalid(_("The survey file has errors; nothing was saved."), sheet.problems)
    refused_rows = {p.row for p in sheet.problems}
    agencies = _agencies()
    cards = {
        s.agency_id: s
        for s in Scorecard.objects.filter(fiscal_year__year_be=year_be)
        .select_related("agency", "current")
        .defer("current__template_text")  # fetched only when a version is not parsed yet
    }
    # The preview checks each round's state: read them all at once, not a query a row.
    reviews = (
        {r.scorecard_id: r for r in RoundReview.objects.filter(
            scorecard__fiscal_year__year_be=year_be, round_no=round_no)}
        if dry_run
        else {}
    )  # fmt: skip
    matched: list[Matched] = []
    unmatched: list[tuple[int, str]] = []
    problems: list[CellProblem] = []
    seen: dict[int, int] = {}
    for row in sheet.rows:
        agency = agencies.get(_name_key(row.agency))
        card = cards.get(agency.pk) if agency else None
        if card is None or not _carries(card, kpis, sheet.survey):
            unmatched.append((row.row, row.agency))
            continue
        if card.pk in seen:
            problems.append(
                CellProblem(
                    f"{row.agency} is also on row {seen[card.pk]}",
                    f"{row.agency} มีอยู่แล้วที่แถว {seen[card.pk]}",
                    file_name,
                    row.row,
                )
            )
            continue
        seen[card.pk] = row.row
        if dry_run:
            if row.row in refused_rows:
                continue  # its cells are refused: nothing to check further
            review = reviews.get(card.pk) or RoundReview(scorecard=card, round_no=round_no)
            stored = _check(user, card, row, sheet.survey, kpis, file_name, review, problems)
        else:
            stored = _store(
                user, card, row, sheet.survey, kpis, data, file_name, round_no, problems
            )
        matched.append(Matched(row.row, card.agency.code, card.pk, stored, card.agency.name_th))
    if dry_run:
        problems = [*sheet.problems, *problems]
    elif problems:
        transaction.set_rollback(True)
        raise SurveyInvalid(_("The survey file has errors; nothing was saved."), tuple(problems))
    without = tuple(
        sorted(
            c.agency.code
            for c in cards.values()
            if c.pk not in seen and _carries(c, kpis, sheet.survey)
        )
    )
    return SurveyReport(
        sheet.survey,
        tuple(matched),
        tuple(unmatched),
        without,
        sheet.rows,
        tuple(sorted(problems, key=lambda p: p.row or 0)),
        dry_run,
    )


def _check(
    user: Any,
    card: Scorecard,
    row: parser.SurveyRow,
    survey: Survey,
    kpis: Mapping[str, str],
    file_name: str,
    review: RoundReview,
    problems: list[CellProblem],
) -> tuple[str, ...]:
    """What :func:`_store` would save of a row, refused the same way, writing nothing.

    ``review``: the round's review row (unsaved, a draft, for a round not yet opened).
    """
    round_no = review.round_no
    checked: list[str] = []
    for kpi_id, raw in parser.results_of(survey, row, kpis).items():
        try:
            rounds.check_round(card, round_no)
            results.check_can_edit(user, card, kpi_id, review, by_source=True)
            kpi = results.kpi_or_invalid(card, kpi_id)
            results.validate(kpi, round_no, engine.to_stored(raw))  # type: ignore[arg-type]
        except DomainError as exc:
            problems.append(_row_problem(kpi_id, exc.message, file_name, row.row))
            continue
        checked.append(kpi_id)
    return tuple(checked)


def _row_problem(kpi_id: str, message: str, file_name: str, row: int) -> CellProblem:
    return CellProblem(f"KPI {kpi_id}: {message}", f"ตัวชี้วัด {kpi_id}: {message}", file_name, row)


def _store(
    user: Any,
    card: Scorecard,
    row: parser.SurveyRow,
    survey: Survey,
    kpis: Mapping[str, str],
    data: bytes,
    file_name: str,
    round_no: int,
    problems: list[CellProblem],
) -> tuple[str, ...]:
    """Save a row's results on one scorecard; the engine's refusals become row problems."""
    note = _("From the survey file {name}, row {row}.").format(name=file_name, row=row.row)
    saved: list[str] = []
    for kpi_id, raw in parser.results_of(survey, row, kpis).items():
        current = (
            Result.objects.filter(scorecard=card, kpi_id=kpi_id, round_no=round_no)
            .values_list("revision", flat=True)
            .first()
        )
        evidence = SimpleUploadedFile(file_name or "survey.csv", data)
        try:
            results.save_result(
                user,
                card,
                kpi_id,
                round_no,
                engine.to_stored(raw),  # type: ignore[arg-type]
                note,
                current or 0,
                evidence,
                by_source=True,
            )
        except Invalid as exc:
            problems.append(_row_problem(kpi_id, exc.message, file_name, row.row))
            continue
        saved.append(kpi_id)
    return tuple(saved)
