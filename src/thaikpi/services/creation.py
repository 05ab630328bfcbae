"""A new scorecard for an agency and fiscal year: from scratch, or from last year's.

- From scratch: a minimal valid template (two rounds, Performance Base 70 and Potential Base
  30 with one KPI each) to complete in the editor or as a workbook.
- From last year's: last year's template moved on a year. Texts, groups, weights, inputs,
  formulas and conditions are copied; every rule's baseline years move a year forward
  (``engine.draft``); each baseline table gets a row for the year just ended from last year's
  stored result of its final round (when the result gives the table's raw columns), and that
  KPI's rule-derived levels are recomputed over it, so their stated figures are the proposal.
  A KPI whose table gets no row keeps last year's rules and figures, with a note saying so;
  fixed figures stay as they were, for the planner to revise. Who reports each KPI is copied.

Either way the result is version 1 of a draft scorecard (services.agreement), imported through
services.imports like any template, and the audit log says where it came from.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thaikpi.agencies.choices import AgencyKind
from thaikpi.agencies.models import Agency
from thaikpi.changelog.log import record
from thaikpi.engine import model as m
from thaikpi.engine import yamlio
from thaikpi.engine.draft import propose
from thaikpi.engine.formatting import fiscal_year_dates
from thaikpi.reports.template_workbook_read import emit
from thaikpi.scorecards import permissions
from thaikpi.scorecards.models import KpiOwnership, Scorecard
from thaikpi.services import engine, imports
from thaikpi.services.errors import Invalid, NotAllowed

SCRATCH, LAST_YEAR = "scratch", "last_year"


@dataclass(frozen=True)
class Drafted:
    """A new template's text and what could not be carried over from last year (by KPI)."""

    text: str
    notes: list[tuple[str, str]] = field(default_factory=list)  # (KPI id, what to check)


def _agency_spec(agency: Agency) -> dict[str, Any]:
    """The template's ``agency`` block for an agency (its ministry: the nearest above it)."""
    ministry, above = agency, agency
    while above is not None and above.kind != AgencyKind.MINISTRY:
        above = above.parent
    if above is not None:
        ministry = above
    return {
        "code": agency.code,
        "name": {"th": agency.name_th, "en": agency.name_en},
        "ministry": {"th": ministry.name_th, "en": ministry.name_en},
    }


def _fiscal_year(year_be: int) -> dict[str, Any]:
    starts, ends = fiscal_year_dates(year_be)
    return {"year_be": year_be, "starts": starts, "ends": ends}


def _levels(figures: tuple[str, str, str]) -> dict[str, Any]:
    scores = (50, 75, 100)
    return {
        "levels": [{"score": s, "stated": Decimal(f)} for s, f in zip(scores, figures, strict=True)]
    }


def _kpi(kpi_id: str, group: str, weight: int, name_th: str, name_en: str) -> dict[str, Any]:
    return {
        "id": kpi_id,
        "group": group,
        "name": {"th": name_th, "en": name_en},
        "weight": weight,
        "unit": {"th": "ร้อยละ", "en": "%"},
        "value": {"min": 0, "max": 100},
        "rounds": {"1": _levels(("40", "45", "50")), "2": _levels(("80", "90", "100"))},
    }


def skeleton(agency: Agency, year_be: int) -> str:
    """A minimal valid template for ``agency`` and ``year_be``, to complete."""
    data = {
        "format": "thaikpi/scorecard-v1",
        "id": f"{agency.code.lower()}-{year_be}",
        "version": 1,
        "title": {
            "th": f"รายละเอียดตัวชี้วัด {agency.name_th} ประจำปีงบประมาณ พ.ศ. {year_be}",
            "en": f"KPI template, {agency.name_en or agency.code}, fiscal year {year_be} B.E.",
        },
        "agency": _agency_spec(agency),
        "fiscal_year": _fiscal_year(year_be),
        "rounds": [
            {"number": 1, "months": 6, "name": {"th": "รอบ 6 เดือน", "en": "6-month round"}},
            {"number": 2, "months": 12, "name": {"th": "รอบ 12 เดือน", "en": "12-month round"}},
        ],
        "groups": [
            {
                "id": "performance",
                "name": {"th": "Performance Base", "en": "Performance Base"},
                "weight": 70,
            },
            {
                "id": "potential",
                "name": {"th": "Potential Base", "en": "Potential Base"},
                "weight": 30,
            },
        ],
        "kpis": [
            _kpi("1", "performance", 70, "ตัวชี้วัดที่ 1 (ตั้งชื่อ)", "KPI 1 (to name)"),
            _kpi("2", "potential", 30, "ตัวชี้วัดที่ 2 (ตั้งชื่อ)", "KPI 2 (to name)"),
        ],
    }
    return emit(data)[0]


def _moved_id(old: str, year_be: int) -> str:
    """``ditp-2567`` → ``ditp-2568``; an id without the year gets it appended."""
    previous = str(year_be - 1)
    if old.endswith(previous):
        return old[: -len(previous)] + str(year_be)
    return f"{old}-{year_be}"[:64]


def _moved_text(text: dict[str, Any], year_be: int) -> dict[str, Any]:
    """A title with last year's (Buddhist-era) year replaced by this year's."""
    pattern = re.compile(rf"(?<!\d){year_be - 1}(?!\d)")
    return {k: pattern.sub(str(year_be), v) if isinstance(v, str) else v for k, v in text.items()}


def _year_row(kpi: m.Kpi, year: int, stored: Any) -> dict[str, Decimal | None] | None:
    """The baseline row for ``year`` from a stored result, if it gives every raw column."""
    if kpi.baseline is None or stored is None:
        return None
    raw = [c.id for c in kpi.baseline.columns if not c.is_derived]
    try:
        value = engine.to_engine(stored)
    except ValueError:
        return None
    if isinstance(value, dict):
        if not raw or any(not isinstance(value.get(c), Decimal) for c in raw):
            return None
        return {"year": Decimal(year), **{c: value[c] for c in raw}}
    if len(raw) == 1:
        return {"year": Decimal(year), raw[0]: value}
    return None


def next_year(previous: Scorecard) -> Drafted:
    """Last year's template moved on a year (see the module's docstring)."""
    assert previous.current is not None, "a scorecard always has a current version"
    old = engine.current(previous)
    data, _lines = yamlio.parse(previous.current.template_text)
    assert isinstance(data, dict), "a stored version is a valid template"
    data = copy.deepcopy(data)
    year_be = previous.fiscal_year.year_be + 1
    data["id"] = _moved_id(str(data["id"]), year_be)
    data["version"] = 1
    data["title"] = _moved_text(data["title"], year_be)
    data["fiscal_year"] = _fiscal_year(year_be)
    final = max(old.round_numbers)
    stored = engine.stored_results(previous.pk, final)
    rows: dict[str, list[dict[str, Decimal | None]]] = {}
    notes: list[tuple[str, str]] = []
    for kpi in old.kpis:
        if kpi.baseline is None:
            continue
        row = _year_row(kpi, year_be - 1, stored.get(kpi.id))
        if row is None:
            notes.append((kpi.id, _("No result of {year} extends the baseline table: add that "
                                    "year's row, then move its rules a year on.").format(
                                        year=year_be - 1)))  # fmt: skip
        elif all(r.year != year_be - 1 for r in kpi.baseline.rows):
            rows[kpi.id] = [row]
    proposals = {(p.kpi, p.round, p.score): p for p in propose(old, rows)}
    for spec in data.get("kpis", []):
        kpi_id = str(spec.get("id"))
        baseline = spec.get("baseline")
        if isinstance(baseline, dict) and kpi_id in rows:
            new_rows = [{k: v for k, v in r.items() if v is not None} for r in rows[kpi_id]]
            for r in new_rows:
                r["year"] = int(r["year"])  # type: ignore[arg-type]
            baseline["rows"] = [*baseline.get("rows", []), *new_rows]
        if kpi_id not in rows:  # its rules would reach a year the table lacks: left as they were
            continue
        for number, kpi_round in (spec.get("rounds") or {}).items():
            for level in kpi_round.get("levels", []) if isinstance(kpi_round, dict) else []:
                _move_level(level, kpi_id, int(number), proposals, notes)
    return Drafted(emit(data)[0], notes)


def _move_level(
    level: dict[str, Any],
    kpi_id: str,
    round_no: int,
    proposals: dict[tuple[str, int, int], Any],
    notes: list[tuple[str, str]],
) -> None:
    """A level's rule over years moved a year on, and its stated figure the rule's new one."""
    rule = level.get("rule")
    if not isinstance(rule, dict):
        return
    years = rule.get("years")
    if isinstance(years, list) and len(years) == 2:
        rule["years"] = [int(y) + 1 for y in years]
    proposal = proposals.get((kpi_id, round_no, int(level["score"])))
    level.pop("use", None)  # last year's choice between stated and rule no longer applies
    if proposal is not None and proposal.value is not None:
        level["stated"] = proposal.value
    else:
        level.pop("stated", None)  # the rule gives it, once what it needs is filled in
        text = _("Round {round}, level {score}: the rule gives no figure yet; check it.")
        notes.append((kpi_id, text.format(round=round_no, score=level["score"])))


def previous_scorecard(user: Any, agency: Agency, year_be: int) -> Scorecard:
    """The agency's scorecard of the year before ``year_be``, or Invalid."""
    found = (
        Scorecard.objects.readable_by(user)
        .select_related("current", "fiscal_year", "agency")
        .filter(agency=agency, fiscal_year__year_be=year_be - 1, current__isnull=False)
        .first()
    )
    if found is None:
        raise Invalid(
            _("{agency} has no scorecard for {year} to start from.").format(
                agency=agency.name, year=year_be - 1
            )
        )
    return found


@transaction.atomic
def create(
    user: Any, agency: Agency, year_be: int, start: str = SCRATCH
) -> tuple[Scorecard, Drafted]:
    """Create the agency's draft scorecard for ``year_be`` (version 1), recorded in the log."""
    if not permissions.can_import(user, agency):
        raise NotAllowed(_("You may not create scorecards for this agency."))
    if start not in (SCRATCH, LAST_YEAR):
        raise Invalid(_("Choose how to start the scorecard."))
    if Scorecard.objects.filter(agency=agency, fiscal_year__year_be=year_be).exists():
        raise Invalid(
            _("{agency} already has a scorecard for {year}.").format(
                agency=agency.name, year=year_be
            )
        )
    previous = previous_scorecard(user, agency, year_be) if start == LAST_YEAR else None
    drafted = next_year(previous) if previous else Drafted(skeleton(agency, year_be))
    outcome = imports.import_version(user, drafted.text, file_name=f"{agency.code}-{year_be}.yaml")
    scorecard = Scorecard.objects.select_related("agency", "fiscal_year", "current").get(
        pk=outcome.scorecard_id
    )
    after: dict[str, Any] = {"start": start, "year": year_be}
    if previous is not None:
        after["from_scorecard"] = previous.pk
        after["owners"] = _copy_owners(previous, scorecard)
        after["notes"] = [f"{kpi}: {text}" for kpi, text in drafted.notes]
    record(user, "scorecard.create", scorecard, after=after, scorecard=scorecard)
    return scorecard, drafted


def _copy_owners(previous: Scorecard, scorecard: Scorecard) -> int:
    """Who reports each KPI last year reports it this year too; how many KPIs were copied."""
    kpis = {k.id for k in engine.current(scorecard).kpis}
    copied = 0
    for row in previous.owners.prefetch_related("users"):
        if row.kpi_id not in kpis:
            continue
        new = KpiOwnership.objects.create(
            scorecard=scorecard, kpi_id=row.kpi_id, division_id=row.division_id
        )
        new.users.set(row.users.all())
        copied += 1
    return copied
