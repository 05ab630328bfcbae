"""A user's roles, read once a request: the facts every permission rule starts from.

Apart from ``permissions`` (which also reads scorecards and owners) so that the scorecards'
queryset can narrow itself to a user without importing the rules that import it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from thaikpi.accounts.choices import Role
from thaikpi.agencies.choices import AgencyKind


@dataclass(frozen=True)
class Roles:
    """A user's roles: global ones, and per agency.

    A division member's roles are the division's; the department holds them too, but only
    for reading and, for a KPI owner, for the department's KPIs given to the division: a
    division's planner or executive is in ``by_agency`` of the department with no role.
    """

    global_roles: frozenset[str] = frozenset()
    by_agency: dict[int, frozenset[str]] = field(default_factory=dict)
    divisions: frozenset[int] = frozenset()  # divisions the user belongs to as a KPI owner
    # The user's unread notifications: the page header's number, counted in the same query
    # as the roles the header's menu needs (a page would otherwise pay a query for it).
    unread: int = 0

    def has(self, role: str, agency_id: int | None = None) -> bool:
        """True if the user has ``role`` globally or in agency ``agency_id``."""
        if role in self.global_roles:
            return True
        return agency_id is not None and role in self.by_agency.get(agency_id, frozenset())

    def any_in(self, agency_id: int) -> bool:
        """True if the user is a member of this agency or of one of its divisions."""
        return agency_id in self.by_agency


def roles_of(user: Any) -> Roles:
    """The user's roles, computed once per request (cached on the user object)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Roles()
    cached = getattr(user, "_thaikpi_roles", None)
    if cached is not None:
        return cached
    global_roles: set[str] = {Role.ADMIN} if user.is_superuser else set()
    by_agency: dict[int, set[str]] = {}
    divisions: set[int] = set()
    users = get_user_model().objects
    unread = (  # a notification's user is reached by its reverse name (accounts → no import)
        users.filter(pk=OuterRef("pk"), notifications__read_at__isnull=True)
        .values("pk")
        .annotate(n=Count("notifications"))
        .values("n")
    )
    found = (  # the user left-joined to their memberships: one row even without any
        users.filter(pk=user.pk)
        .annotate(unread=Coalesce(Subquery(unread), 0))
        .values_list(
            "unread",
            "memberships__role",
            "memberships__agency_id",
            "memberships__agency__kind",
            "memberships__agency__parent_id",
        )
    )
    unread_count = 0
    rows = []
    for count, *row in found:
        unread_count = count
        if row[0] is not None:
            rows.append(row)
    for role, agency_id, kind, parent_id in rows:
        if agency_id is None:
            global_roles.add(role)
            continue
        by_agency.setdefault(agency_id, set()).add(role)
        if kind == AgencyKind.DIVISION and parent_id:
            # A division's members read their department's scorecard; its KPI owners also
            # report the department's KPIs given to their division. Nothing more: a division's
            # planner is not the department's.
            department = by_agency.setdefault(parent_id, set())
            if role == Role.KPI_OWNER:
                department.add(role)
                divisions.add(agency_id)
    roles = Roles(
        frozenset(global_roles),
        {k: frozenset(v) for k, v in by_agency.items()},
        frozenset(divisions),
        unread_count,
    )
    user._thaikpi_roles = roles
    return roles


def is_admin(user: Any) -> bool:
    """Administrators may do everything."""
    return roles_of(user).has(Role.ADMIN)


def is_evaluator(user: Any) -> bool:
    """Evaluators (and administrators) read every agency and review rounds."""
    r = roles_of(user)
    return r.has(Role.EVALUATOR) or r.has(Role.ADMIN)


def readable_agencies(user: Any) -> list[int] | None:
    """The agencies whose scorecards the user may read; None for every agency (evaluators)."""
    return None if is_evaluator(user) else list(roles_of(user).by_agency)
