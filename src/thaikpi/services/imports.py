"""Importing templates into the database: a scorecard's first version, and revisions.

A revision is a new version with reason, date and author. A KPI's targets may change only as
often as its template says ("may be revised once"), and never in a round that is closed.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thaikpi.accounts import permissions
from thaikpi.agencies.choices import AgencyKind
from thaikpi.agencies.models import Agency, FiscalYear
from thaikpi.audit.log import record
from thaikpi.engine import loader
from thaikpi.engine import model as m
from thaikpi.engine.findings import EngineError
from thaikpi.results.choices import OPEN_STATES
from thaikpi.results.models import RoundReview
from thaikpi.scorecards.models import Scorecard, ScorecardVersion
from thaikpi.services import engine
from thaikpi.services.errors import Invalid, NotAllowed

Levels = dict[str, list[list[str | None]]]


def parse(text: str, file_name: str = "") -> m.Scorecard:
    """The engine's scorecard, or Invalid with the engine's findings line by line."""
    try:
        return loader.load_text(text, file_name)
    except EngineError as exc:
        raise Invalid(_("The template has errors; nothing was imported."), exc.findings) from None


def workbook_text(data: bytes, file_name: str = "") -> str:
    """The template text of an uploaded template workbook, or Invalid with findings by cell."""
    from thaikpi.reports import template_workbook_read

    try:
        return template_workbook_read.template_text(data, file_name)
    except EngineError as exc:
        raise Invalid(_("The workbook has errors; nothing was imported."), exc.findings) from None


def levels_of(kpi: m.Kpi) -> Levels:
    """Round number → [[score, value]] of a KPI, as strings, to compare versions."""
    return {
        str(n): [[str(lv.score), None if lv.value is None else str(lv.value)] for lv in r.levels]
        for n, r in sorted(kpi.rounds.items())
    }


def metadata(sc: m.Scorecard, revised: list[str]) -> dict[str, Any]:
    """What a version records about itself: KPIs, weights, levels, and which KPIs it revised."""
    kpis = [
        {"id": k.id, "name": k.name.th, "weight": str(k.weight), "levels": levels_of(k)}
        for k in sc.kpis
    ]
    return {"kpis": kpis, "revised": revised, "template_version": sc.version}


def _department(sc: m.Scorecard) -> Agency:
    """The department whose code the template names."""
    agency = Agency.objects.filter(code=sc.agency.code, kind=AgencyKind.DEPARTMENT).first()
    if agency is None:
        raise Invalid(
            _("No department with code {code} exists; an administrator must add it first.").format(
                code=sc.agency.code
            )
        )
    return agency


def revised_kpis(old: m.Scorecard, new: m.Scorecard) -> dict[str, set[str]]:
    """KPI id → the round numbers whose levels differ between two versions."""
    changed: dict[str, set[str]] = {}
    for kpi in new.kpis:
        before = old.kpi(kpi.id)
        old_levels = levels_of(before) if before else {}
        new_levels = levels_of(kpi)
        rounds = {
            r for r in set(old_levels) | set(new_levels) if old_levels.get(r) != new_levels.get(r)
        }
        if rounds:
            changed[kpi.id] = rounds
    return changed


def _check_revisions(scorecard: Scorecard, new: m.Scorecard) -> list[str]:
    """Refuse revisions the template does not allow or that touch a closed round."""
    changed = revised_kpis(engine.current(scorecard), new)
    states = dict(scorecard.reviews.values_list("round_no", "state"))
    earlier = [v.meta.get("revised", []) for v in scorecard.versions.all()]
    for kpi_id, rounds in sorted(changed.items()):
        closed = sorted(r for r in rounds if states.get(int(r), "draft") not in OPEN_STATES)
        if closed:
            raise Invalid(
                _(
                    "KPI {kpi}: round {round} is closed for review; its targets cannot change."
                ).format(kpi=kpi_id, round=", ".join(closed))
            )
        kpi = new.kpi(kpi_id)
        allowed = kpi.revision.times if kpi and kpi.revision else 0
        used = sum(kpi_id in r for r in earlier)
        if used >= allowed:
            raise Invalid(
                _(
                    "KPI {kpi}: the template allows {allowed} target revision(s); "
                    "{used} already made."
                ).format(kpi=kpi_id, allowed=allowed, used=used)
            )
    return sorted(changed)


def _create_version(
    user: Any, scorecard: Scorecard, sc: m.Scorecard, text: str, reason: str, revised: list[str]
) -> ScorecardVersion:
    """Store the version and make it current."""
    number = (scorecard.current.number + 1) if scorecard.current else 1
    version = ScorecardVersion.objects.create(
        scorecard=scorecard,
        number=number,
        template_text=text,
        template_id=sc.id,
        title_th=sc.title.th,
        title_en=sc.title.en,
        meta=metadata(sc, revised),
        reason=reason.strip(),
        author=user if getattr(user, "is_authenticated", False) else None,
    )
    scorecard.current = version
    scorecard.save(update_fields=["current"])
    return version


@transaction.atomic
def import_template(
    user: Any, text: str, reason: str = "", file_name: str = ""
) -> ScorecardVersion:
    """Validate a template and store it as the next version of its agency's scorecard."""
    sc = parse(text, file_name)
    agency = _department(sc)
    if not permissions.can_import(user, agency):
        raise NotAllowed(_("You may not import scorecards for this agency."))
    year = FiscalYear.for_year(sc.fiscal_year.year_be)
    Scorecard.objects.get_or_create(agency=agency, fiscal_year=year)
    scorecard = Scorecard.objects.select_for_update().get(agency=agency, fiscal_year=year)
    revised: list[str] = []
    if scorecard.current is not None:
        if not reason.strip():
            raise Invalid(_("A new version needs a reason for the revision."))
        revised = _check_revisions(scorecard, sc)
    version = _create_version(user, scorecard, sc, text, reason, revised)
    for info in sc.rounds:
        RoundReview.objects.get_or_create(scorecard=scorecard, round_no=info.number)
    after = {"version": version.number, "revised": revised, "reason": version.reason}
    record(user, "scorecard.import", version, after=after, scorecard=scorecard)
    return version
