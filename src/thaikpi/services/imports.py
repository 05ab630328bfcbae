"""Importing templates into the database: a scorecard's first version, and revisions.

A revision is a new version with reason, date and author. Once the scorecard is agreed
(services.agreement), a KPI's targets may change only as often as its template says ("may be
revised once"), and never in a round that is closed; while it is a draft, versions change freely.
A new version applies to the rounds still open (draft or returned); a submitted, approved or
locked round keeps the version it was submitted under. An import says so, with the difference
from the current version field by field, before it is saved (``dry_run``) and after; a template
that differs in nothing makes no version.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thaikpi.agencies.models import FiscalYear
from thaikpi.changelog.log import record
from thaikpi.engine import loader
from thaikpi.engine import model as m
from thaikpi.engine.diff import Change, compare
from thaikpi.engine.findings import EngineError
from thaikpi.joint.models import JointKpi, JointLink
from thaikpi.results.choices import OPEN_STATES, ReviewState
from thaikpi.results.models import RoundReview
from thaikpi.scorecards import permissions
from thaikpi.scorecards.models import Scorecard, ScorecardVersion
from thaikpi.services import agencies, engine, joint
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


def _link_joint(scorecard: Scorecard, joints: dict[str, JointKpi]) -> None:
    """Make the scorecard's joint links those its new version names (services.joint)."""
    JointLink.objects.filter(scorecard=scorecard).exclude(kpi_id__in=list(joints)).delete()
    for kpi_id, joint_kpi in joints.items():
        JointLink.objects.update_or_create(
            scorecard=scorecard, kpi_id=kpi_id, defaults={"joint": joint_kpi}
        )


@dataclass(frozen=True)
class RoundUse:
    """Which version one round of the scorecard is scored with once the import is saved."""

    round_no: int
    state: str
    version: int  # the version number it is scored with
    follows_new: bool  # True: an open round, scored with the imported version

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready values."""
        return {"round": self.round_no, "state": self.state, "version": self.version,
                "follows_new": self.follows_new}  # fmt: skip


@dataclass(frozen=True)
class Imported:
    """What an import did (or, for a dry run, would do): the version, changes, rounds."""

    version: ScorecardVersion | None  # the new version; None for a dry run or no difference
    number: int  # the new version's number (would-be for a dry run; current when unchanged)
    scorecard_id: int | None
    changes: tuple[Change, ...] = ()
    rounds: tuple[RoundUse, ...] = ()
    created: bool = False
    dry_run: bool = False
    revised: list[str] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        """True when the template is the same as the current version: nothing was stored."""
        return not self.created and not self.dry_run

    def as_dict(self) -> dict[str, Any]:
        """The changes and the rounds, JSON-ready, for the API and the audit log."""
        return {"version": self.number, "created": self.created, "dry_run": self.dry_run,
                "changes": [c.as_dict() for c in self.changes],
                "round_versions": [r.as_dict() for r in self.rounds]}  # fmt: skip


def describe(outcome: Imported) -> str:
    """One message for the user: what was (or would be) imported and which rounds use it."""
    if outcome.unchanged:
        return headline(outcome)
    return " ".join([headline(outcome), *round_lines(outcome)])


def headline(outcome: Imported) -> str:
    """What was (or would be) imported, or that nothing was."""
    n, count = outcome.number, len(outcome.changes)
    if outcome.unchanged:
        return _("The template is the same as version {n}; nothing was imported.").format(n=n)
    if outcome.dry_run:
        return _("Version {n} would change {count} field(s).").format(n=n, count=count)
    if count:
        return _("Imported version {n}: {count} field(s) changed.").format(n=n, count=count)
    return _("Imported version {n}.").format(n=n)


def round_lines(outcome: Imported) -> list[str]:
    """For each round, the version it is scored with once the import is saved."""
    lines = []
    for use in outcome.rounds:
        state = ReviewState(use.state).label
        if use.follows_new:
            text = _("Round {round} ({state}) is scored with version {n}.")
        else:
            text = _("Round {round} ({state}) stays on version {n}, under which it was submitted.")
        lines.append(text.format(round=use.round_no, state=state, n=use.version))
    return lines


def _round_uses(scorecard: Scorecard, sc: m.Scorecard, number: int) -> tuple[RoundUse, ...]:
    """Open rounds follow the version ``number``; closed rounds keep the one they were under."""
    reviews = {r.round_no: r for r in scorecard.reviews.select_related("version").defer(
        "version__template_text")}  # fmt: skip
    uses = []
    for info in sc.rounds:
        review = reviews.get(info.number)
        if review is None or review.is_open:
            state = review.state if review else "draft"
            uses.append(RoundUse(info.number, state, number, True))
        else:
            kept = review.version or scorecard.current
            assert kept is not None, "a closed round has a version"
            uses.append(RoundUse(info.number, review.state, kept.number, False))
    return tuple(uses)


def import_template(
    user: Any, text: str, reason: str = "", file_name: str = ""
) -> ScorecardVersion:
    """Validate a template and store it as the next version of its agency's scorecard.

    A template identical to the current version stores nothing and returns that version.
    """
    outcome = import_version(user, text, reason, file_name)
    if outcome.version is not None:
        return outcome.version
    return ScorecardVersion.objects.get(scorecard_id=outcome.scorecard_id, number=outcome.number)


@transaction.atomic
def import_version(
    user: Any, text: str, reason: str = "", file_name: str = "", dry_run: bool = False
) -> Imported:
    """Import a template as the next version, or with ``dry_run`` only say what it would do."""
    sc = parse(text, file_name)
    agency = agencies.agency_for(sc.agency)
    if not permissions.can_import(user, agency):
        raise NotAllowed(_("You may not import scorecards for this agency."))
    joints = joint.check_template(agency, sc.fiscal_year.year_be, sc)  # `joint: CODE` fields
    year = FiscalYear.for_year(sc.fiscal_year.year_be)
    Scorecard.objects.get_or_create(agency=agency, fiscal_year=year)
    scorecard = Scorecard.objects.select_for_update().get(agency=agency, fiscal_year=year)
    revised: list[str] = []
    changes: list[Change] = []
    if scorecard.current is not None:
        changes = compare(engine.current(scorecard), sc)
        if not changes:
            number = scorecard.current.number
            return Imported(None, number, scorecard.pk, (), _round_uses(scorecard, sc, number))
        if scorecard.is_agreed:  # a draft is still negotiated: its versions change freely
            if not reason.strip():
                raise Invalid(_("A new version needs a reason for the revision."))
            revised = _check_revisions(scorecard, sc)
    number = (scorecard.current.number + 1) if scorecard.current else 1
    uses = _round_uses(scorecard, sc, number)
    if dry_run:
        transaction.set_rollback(True)  # a scorecard row made for a first import goes too
        return Imported(None, number, None, tuple(changes), uses, dry_run=True, revised=revised)
    version = _create_version(user, scorecard, sc, text, reason, revised)
    _link_joint(scorecard, joints)
    for info in sc.rounds:
        RoundReview.objects.get_or_create(scorecard=scorecard, round_no=info.number)
    outcome = Imported(version, number, scorecard.pk, tuple(changes), uses, True, revised=revised)
    shown = outcome.as_dict()
    after = {"version": version.number, "revised": revised, "reason": version.reason,
             "changes": shown["changes"], "round_versions": shown["round_versions"]}  # fmt: skip
    record(user, "scorecard.import", version, after=after, scorecard=scorecard)
    return outcome
