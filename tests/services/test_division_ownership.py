"""On a division's internal scorecard its planner gives KPIs to the division or to its owners."""

from __future__ import annotations

import pytest

from tests.division_world import DivisionWorld, dw  # noqa: F401
from thaikpi.scorecards import permissions
from thaikpi.services import ownership
from thaikpi.services.errors import Invalid, NotAllowed


def test_a_kpi_given_to_the_division_itself_is_reported_by_its_owners(dw: DivisionWorld) -> None:  # noqa: F811
    assert list(ownership.divisions(dw.division)) == [dw.w.strat]
    ownership.set_owner(dw.dao, dw.division, "3", dw.w.strat, [])
    assert permissions.owned_kpis(dw.dan, dw.division) == {"1", "3"}


@pytest.mark.parametrize("persona", ["pim", "ekk", "dan", "ice"])
def test_only_the_divisions_planner_gives_its_kpis(dw: DivisionWorld, persona: str) -> None:  # noqa: F811
    with pytest.raises(NotAllowed):
        ownership.set_owner(dw.user(persona), dw.division, "3", dw.w.strat, [])


def test_only_the_divisions_kpi_owners_are_candidates(dw: DivisionWorld) -> None:  # noqa: F811
    assert list(ownership.candidates(dw.division)) == [dw.dan]
    with pytest.raises(Invalid):
        ownership.set_owner(dw.dao, dw.division, "3", None, [dw.w.oat])
