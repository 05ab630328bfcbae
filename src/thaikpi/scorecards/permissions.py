"""Every permission rule in one place; every view and service asks here (the roles they start
from are read in ``accounts.roles``).

- admin: everything, every agency.
- planner: everything in their agency (results while the round is open, submit, import).
- kpi_owner: results of the KPIs they own, only while the round is open.
- executive: read their agency.
- evaluator: read every agency; return, approve and lock rounds; add agencies.
A locked (or submitted/approved) round is not open, so no one can change its results.

Divisions (กอง/สำนัก) work inside their department:
- a division's planner runs the division's internal scorecard (results, submit, owners, due
  dates, its template) and reads the department's; never runs the department's own;
- a division's KPI owners report the KPIs given to them on the division's scorecard and the
  department's KPIs given to their division (or to them by name);
- the department's members read its divisions' scorecards; its planners set them up (import,
  template editor) and its planners or executives may sign them as the agency's head, but the
  division enters and submits its own results.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from django.db.models import Q, QuerySet

from thaikpi.accounts.choices import Role
from thaikpi.accounts.roles import is_admin, is_evaluator, roles_of
from thaikpi.agencies.choices import AgencyKind
from thaikpi.agencies.models import Agency
from thaikpi.results.choices import OPEN_STATES, ReviewState
from thaikpi.scorecards.models import KpiOwnership, Scorecard, Signature


class NotFound(LookupError):
    """No such object, or the user may not read it: pages and the API answer 404 alike."""


def home_agency(scorecard: Scorecard) -> int:
    """The agency whose roles count for a scorecard: a division's department, else its own."""
    agency = scorecard.agency
    if agency.kind == AgencyKind.DIVISION and agency.parent_id:
        return agency.parent_id
    return agency.pk


def _has_here(user: Any, scorecard: Scorecard, role: str | None = None) -> bool:
    """Whether the user has ``role`` (any role for None) where the scorecard's roles count.

    The scorecard's own agency is asked first: only a division's scorecard loads its agency.
    """
    r = roles_of(user)

    def has(agency_id: int) -> bool:
        return r.any_in(agency_id) if role is None else r.has(role, agency_id)

    if has(scorecard.agency_id):
        return True
    if not r.by_agency:
        return False
    home = home_agency(scorecard)
    return home != scorecard.agency_id and has(home)


def can_view(user: Any, scorecard: Scorecard) -> bool:
    """Anyone with a role in the scorecard's agency (or its department), evaluators, admins."""
    return is_evaluator(user) or _has_here(user, scorecard)


def visible_scorecards(user: Any) -> QuerySet[Scorecard]:
    """The scorecards this user may read, with what lists and headings show (no template text)."""
    qs = Scorecard.objects.readable_by(user).select_related("agency", "fiscal_year", "current")
    return qs.defer("current__template_text", "current__meta")


def is_planner(user: Any, scorecard: Scorecard) -> bool:
    """Planners of the scorecard's own agency (and admins): a division's planners for its
    internal scorecard, never the department's (they read it and set it up: can_import)."""
    return is_admin(user) or roles_of(user).has(Role.PLANNER, scorecard.agency_id)


def owns_kpi(user: Any, scorecard: Scorecard, kpi_id: str) -> bool:
    """True if the user is a KPI owner of the scorecard's agency and reports this KPI.

    The scorecard's own agency: a division's owners for its internal scorecard; for a
    department's, its owners and its divisions' (Roles folds those into the department).
    """
    r = roles_of(user)
    if not r.has(Role.KPI_OWNER, scorecard.agency_id):
        return False
    return (
        KpiOwnership.objects.filter(scorecard=scorecard, kpi_id=kpi_id)
        .filter(Q(users=user) | Q(division_id__in=r.divisions))
        .exists()
    )


def owned_kpis(user: Any, scorecard: Scorecard) -> set[str]:
    """The KPI ids of this scorecard the user reports as a KPI owner."""
    r = roles_of(user)
    if not r.has(Role.KPI_OWNER, scorecard.agency_id):
        return set()
    rows = KpiOwnership.objects.filter(scorecard=scorecard).filter(
        Q(users=user) | Q(division_id__in=r.divisions)
    )
    return set(rows.values_list("kpi_id", flat=True))


def may_report(user: Any, scorecard: Scorecard, kpi_id: str) -> bool:
    """Whether the user reports this KPI at all, ignoring the round's state."""
    return is_planner(user, scorecard) or owns_kpi(user, scorecard, kpi_id)


def may_store(user: Any, scorecard: Scorecard, kpi_id: str, by_source: bool = False) -> bool:
    """Whether the user stores this KPI's results at all, ignoring the round's state.

    Those who report it; and evaluators, for results a source decides (``by_source``: a
    survey's publisher decides those figures, for every agency at once).
    """
    return (by_source and is_evaluator(user)) or may_report(user, scorecard, kpi_id)


def can_store_result(
    user: Any, scorecard: Scorecard, kpi_id: str, state: str, by_source: bool = False
) -> bool:
    """may_store, only while the round is open (draft or returned)."""
    return state in OPEN_STATES and may_store(user, scorecard, kpi_id, by_source)


def can_submit(user: Any, scorecard: Scorecard, state: str) -> bool:
    """Planners submit an open round for review, once the scorecard is agreed (signed)."""
    return scorecard.is_agreed and state in OPEN_STATES and is_planner(user, scorecard)


def can_sign_as(user: Any, scorecard: Scorecard) -> list[str]:
    """The sides of the agreement ``user`` may sign: "agency" (planner or executive of the
    agency, for its head) and "evaluator" (evaluators); administrators either."""
    sides = []
    head = _has_here(user, scorecard, Role.PLANNER) or _has_here(user, scorecard, Role.EXECUTIVE)
    if is_admin(user) or head:
        sides.append(Signature.Side.AGENCY.value)
    if is_evaluator(user):
        sides.append(Signature.Side.EVALUATOR.value)
    return sides


def can_review(user: Any, scorecard: Scorecard, action: str, state: str) -> bool:
    """Evaluators return or approve a submitted round, and lock an approved one."""
    if not is_evaluator(user):
        return False
    allowed = {
        "return": {ReviewState.SUBMITTED, ReviewState.APPROVED},
        "approve": {ReviewState.SUBMITTED},
        "lock": {ReviewState.APPROVED},
    }
    return state in allowed.get(action, set())


def can_import(user: Any, agency: Agency) -> bool:
    """Planners of the agency and administrators import templates and new versions; a
    division's scorecard also by its department's planners, who set up its agreement."""
    r = roles_of(user)
    if is_admin(user) or r.has(Role.PLANNER, agency.pk):
        return True
    return r.has(Role.PLANNER, agency.department.pk)


def importable_agencies(user: Any) -> QuerySet[Agency]:
    """The agencies (any level, and their divisions) this user may import scorecards for."""
    qs = Agency.objects.all()
    if is_admin(user):
        return qs
    r = roles_of(user)
    planned = [a for a, roles in r.by_agency.items() if Role.PLANNER in roles]
    return qs.filter(Q(pk__in=planned) | Q(parent_id__in=planned, kind=AgencyKind.DIVISION))


def can_add_agency(user: Any) -> bool:
    """Administrators and evaluators add agencies (any level) to the hierarchy."""
    return is_evaluator(user)


def may_import(user: Any) -> bool:
    """True if the user may import a template for at least one department (the menu entry)."""
    if not is_admin(user) and not any(Role.PLANNER in r for r in roles_of(user).by_agency.values()):
        return False  # no query: most users are not planners
    return importable_agencies(user).exists()


def scorecard_for(user: Any, pk: int) -> Scorecard:
    """The scorecard if the user may read it; NotFound otherwise (other agencies' ids do not leak).

    The version's template text is not loaded: the engine's parsed-version cache fetches it on
    a miss.
    """
    if not 0 < pk < 2**63:  # beyond any id: not found (the database would refuse the number)
        raise NotFound("no such scorecard")
    scorecard = visible_scorecards(user).filter(pk=pk, current__isnull=False).first()
    if scorecard is None:
        raise NotFound("no such scorecard")
    return scorecard


class YearLink(NamedTuple):
    """A scorecard of the same agency in another fiscal year, for the year switch."""

    pk: int
    year_be: int


def agency_years(user: Any, scorecard: Scorecard) -> list[YearLink]:
    """The agency's scorecards the user may read, newest year first.

    Reading is granted per agency, so whoever reads this scorecard reads them all.
    """
    if not can_view(user, scorecard):
        return []
    found = Scorecard.objects.filter(agency_id=scorecard.agency_id).order_by(
        "-fiscal_year__year_be"
    )
    found = found.values_list("pk", "fiscal_year__year_be")
    return [YearLink(pk, year_be) for pk, year_be in found]


def can_manage_owners(user: Any, scorecard: Scorecard) -> bool:
    """Planners of the agency (and administrators) decide who reports which KPI."""
    return is_planner(user, scorecard)


def can_set_deadlines(user: Any, scorecard: Scorecard) -> bool:
    """Planners of the agency and evaluators (and administrators) set due dates."""
    return is_planner(user, scorecard) or is_evaluator(user)


def can_edit_template(user: Any, scorecard: Scorecard) -> bool:
    """Planners of the agency (and administrators) edit its scorecard's template in the web
    editor: those who may import its next version."""
    return can_import(user, scorecard.agency)
