"""Who stores a KPI's result: the rule lives in accounts.permissions, services only raise."""

from __future__ import annotations

import pytest

from tests.personas import World
from thaikpi.accounts import permissions
from thaikpi.results.choices import ReviewState

OPEN, CLOSED = ReviewState.DRAFT, ReviewState.SUBMITTED


@pytest.mark.parametrize(
    ("persona", "kpi_id", "by_source", "stores", "while_open", "once_closed"),
    [
        ("pim", "1", False, True, True, False),  # planner of the agency
        ("oat", "3", False, True, True, False),  # owner of KPI 3
        ("oat", "1", False, False, False, False),  # ... and of KPI 3 only
        ("ekk", "1", False, False, False, False),  # executives read
        ("ekk", "1", True, False, False, False),
        ("eve", "1", False, False, False, False),  # evaluators do not type results in
        ("eve", "1", True, True, True, False),  # ... but load a survey's, while open
        ("ada", "1", False, True, True, False),
        ("mallory", "1", False, False, False, False),  # planner elsewhere
        ("mallory", "1", True, False, False, False),
    ],
)
def test_who_stores_a_kpis_result_and_while_which_round_state(
    world: World,
    persona: str,
    kpi_id: str,
    by_source: bool,
    stores: bool,
    while_open: bool,
    once_closed: bool,
) -> None:
    user, card = world.user(persona), world.card
    assert (
        permissions.may_store(user, card, kpi_id, by_source),
        permissions.can_store_result(user, card, kpi_id, OPEN, by_source),
        permissions.can_store_result(user, card, kpi_id, CLOSED, by_source),
    ) == (stores, while_open, once_closed)
