"""KPI ownership: which division and which users report each KPI."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from thaikpi.accounts.choices import Role
from thaikpi.agencies.choices import AgencyKind
from thaikpi.agencies.models import Agency
from thaikpi.changelog.log import record
from thaikpi.scorecards import permissions
from thaikpi.scorecards.models import KpiOwnership, Scorecard
from thaikpi.services import engine
from thaikpi.services.errors import Invalid, NotAllowed


def divisions(scorecard: Scorecard) -> QuerySet[Agency]:
    """The divisions a KPI may be given to: the agency's; on a division's internal scorecard,
    the division itself (all its KPI owners report it)."""
    own = Q(parent=scorecard.agency_id) | Q(pk=scorecard.agency_id)
    return Agency.objects.filter(own, kind=AgencyKind.DIVISION)


def candidates(scorecard: Scorecard) -> QuerySet[User]:
    """Users who may be given KPIs: KPI owners of the agency or of one of its divisions."""
    agency = Q(memberships__agency=scorecard.agency_id) | Q(
        memberships__agency__parent=scorecard.agency_id
    )
    return User.objects.filter(agency, memberships__role=Role.KPI_OWNER, is_active=True).distinct()


def check_owner(
    scorecard: Scorecard, kpi_id: str, division: Agency | None, users: Iterable[User]
) -> None:
    """Invalid unless the KPI is in the template, the division is one of the agency's and
    every user is one of its KPI owners (who may do it is the caller's question)."""
    if engine.current(scorecard).kpi(kpi_id) is None:
        raise Invalid(_("This scorecard has no KPI {kpi}.").format(kpi=kpi_id))
    if division is not None and division not in divisions(scorecard):
        raise Invalid(_("The division must belong to the scorecard's agency."))
    allowed = set(candidates(scorecard).values_list("pk", flat=True))
    if any(u.pk not in allowed for u in users):
        raise Invalid(_("Only KPI owners of this agency can report its KPIs."))


def _state(row: KpiOwnership) -> dict[str, Any]:
    """What the audit log keeps of an ownership row: its division and users' ids."""
    return {"division": row.division_id, "users": sorted(row.users.values_list("pk", flat=True))}


@transaction.atomic
def set_owner(
    user: Any, scorecard: Scorecard, kpi_id: str, division: Agency | None, users: Iterable[User]
) -> KpiOwnership:
    """Set a KPI's responsible division and reporting users."""
    if not permissions.can_manage_owners(user, scorecard):
        raise NotAllowed(_("You may not change who reports this scorecard's KPIs."))
    users = list(users)
    check_owner(scorecard, kpi_id, division, users)
    row, _created = KpiOwnership.objects.select_for_update().get_or_create(
        scorecard=scorecard, kpi_id=kpi_id
    )
    before = _state(row)
    row.division = division
    row.save()
    row.users.set(users)
    after = {"division": row.division_id, "users": sorted(u.pk for u in users)}
    record(
        user, "ownership.set", row, before=before, after=after, scorecard=scorecard, kpi_id=kpi_id
    )
    return row


@transaction.atomic
def remove_owner(user: Any, row: KpiOwnership) -> None:
    """Delete a KPI's ownership row: no division and no users report it any more."""
    scorecard = row.scorecard
    if not permissions.can_manage_owners(user, scorecard):
        raise NotAllowed(_("You may not change who reports this scorecard's KPIs."))
    row = KpiOwnership.objects.select_for_update().get(pk=row.pk)
    before = _state(row)
    record(
        user,
        "ownership.delete",
        row,
        before=before,
        after=None,
        scorecard=scorecard,
        kpi_id=row.kpi_id,
    )
    row.delete()
