"""KPI ownership: planners assign divisions and KPI owners of their own agency only."""

from __future__ import annotations

import pytest

from thaikpi.changelog.models import AuditLog
from thaikpi.scorecards import permissions
from thaikpi.services import ownership
from thaikpi.services.errors import Invalid, NotAllowed


def test_pim_gives_kpi_1_to_oat_who_may_then_enter_it(world):
    ownership.set_owner(world.pim, world.card, "1", world.strat, [world.oat])
    assert permissions.owned_kpis(world.oat, world.card) == {"1", "3"}
    assert AuditLog.objects.filter(action="ownership.set", kpi_id="1").exists()


def test_only_kpi_owners_of_the_agency_can_be_given_kpis(world):
    with pytest.raises(Invalid):
        ownership.set_owner(world.pim, world.card, "1", None, [world.mallory])


def test_a_division_of_another_agency_is_refused(world):
    with pytest.raises(Invalid):
        ownership.set_owner(world.ada, world.other, "1", world.strat, [])


@pytest.mark.parametrize("name", ["oat", "ekk", "eve", "mallory"])
def test_only_planners_and_admins_assign_owners(world, name):
    with pytest.raises(NotAllowed):
        ownership.set_owner(world.user(name), world.card, "1", None, [])
