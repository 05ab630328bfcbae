"""Results from a filled-in workbook (its results-entry sheet), saved all or nothing.

This is how divisions report today: download the round's workbook, fill in column E, upload
it. Each changed result goes through :func:`thaikpi.services.results.save_result`, so the
same rules hold as in the form (who reports which KPI, open rounds only, the audit log); one
refusal anywhere and nothing from the file is saved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thaikpi.engine.findings import EngineError
from thaikpi.reports import excel_import, xlsx_checks
from thaikpi.results.models import Result
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import engine, joint, results
from thaikpi.services.errors import Invalid


class WorkbookInvalid(Invalid):
    """The workbook was refused; each problem names the sheet, row and column it is in.

    ``cells`` are the problems themselves, said in English and Thai (a page shows each with
    ``text(language)``, see :meth:`texts`); ``problems`` are their English lines.
    """

    def __init__(self, message: str, cells: Sequence[xlsx_checks.CellProblem]) -> None:
        super().__init__(message)
        self.cells = tuple(cells)
        self.problems = tuple(str(p) for p in self.cells)

    def texts(self, language: str) -> tuple[str, ...]:
        """Every problem, with where it is, in ``language`` ('th…' for Thai, else English)."""
        return tuple(p.text(language) for p in self.cells)


@dataclass(frozen=True)
class Saved:
    """What an import saved: the round and the KPIs whose results changed."""

    round: int
    kpis: tuple[str, ...]


def may_import(user: Any, scorecard: Scorecard) -> bool:
    """Planners, and KPI owners who report at least one of the scorecard's KPIs."""
    return Scorecard.objects.editable_by(user).filter(pk=scorecard.pk).exists()


def _unchanged(scorecard: Scorecard, row: Result | None, new: Any, round_no: int) -> bool:
    """True when the stored result reads to the same actual and inputs as the workbook's."""
    if row is None:
        return False
    kpi = engine.current(scorecard).kpi(row.kpi_id)
    if kpi is None:
        return False
    try:
        old = engine.read(kpi, round_no, engine.to_engine(row.raw))
    except (EngineError, ValueError):
        return False
    return bool(old.actual == new.actual and dict(old.inputs) == dict(new.inputs))


@transaction.atomic
def import_results(user: Any, scorecard: Scorecard, data: bytes, file_name: str = "") -> Saved:
    """Save every changed result of an uploaded workbook, or nothing (with every problem)."""
    try:
        imported = excel_import.import_results(engine.current(scorecard), data, file_name)
    except xlsx_checks.WorkbookError as exc:
        raise WorkbookInvalid(
            _("The workbook has errors; nothing was saved."), exc.problems
        ) from None
    saved: list[str] = []
    shared = joint.shared_kpis(scorecard, engine.current(scorecard))
    for kpi_id, raw in imported.raw.items():
        if kpi_id in shared:
            continue  # a member's joint KPI: the workbook shows the owner's result, read only
        row = (
            Result.objects.select_for_update()
            .filter(scorecard=scorecard, kpi_id=kpi_id, round_no=imported.round)
            .first()
        )
        if _unchanged(scorecard, row, imported.results[kpi_id], imported.round):
            continue  # the rows the user did not touch (other KPIs' current results)
        results.save_result(
            user,
            scorecard,
            kpi_id,
            imported.round,
            engine.to_stored(raw),
            row.note if row else "",
            row.revision if row else 0,
        )
        saved.append(kpi_id)
    return Saved(imported.round, tuple(saved))
