"""Who stores a KPI's result: the rule lives in scorecards.permissions, services only raise."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.personas import World
from thaikpi.accounts.choices import Role
from thaikpi.deadlines.models import Notification
from thaikpi.results.choices import ReviewState
from thaikpi.scorecards import permissions

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


@pytest.mark.parametrize(
    ("persona", "unread", "planner"), [("pim", 2, True), ("eve", 1, False), ("ada", 0, False)]
)
def test_the_roles_come_with_the_unread_count_in_one_query(
    world: World, persona: str, unread: int, planner: bool
) -> None:
    for user in (world.pim, world.pim, world.eve):
        key = f"event-{Notification.objects.count()}"
        Notification.objects.create(user=user, key=key, kind="test", url="/")
    Notification.objects.create(user=world.ada, key="read", kind="test", read_at=timezone.now())
    user = type(world.user(persona)).objects.get(pk=world.user(persona).pk)  # nothing cached
    with CaptureQueriesContext(connection) as seen:
        roles = permissions.roles_of(user)
    assert (roles.unread, roles.has(Role.PLANNER, world.ditp.pk), len(seen)) == (
        unread,
        planner,
        1,
    )
