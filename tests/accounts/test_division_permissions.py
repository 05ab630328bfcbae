"""Who does what on a department's scorecard, its division's internal one, and another's.

The rules (scorecards.permissions): a division's planner and KPI owners run the division's
scorecard; the department's planners and executive read it (the planners set it up and may
sign it as its head); evaluators read and review it; nobody outside the department sees it.
"""

from __future__ import annotations

import pytest

from tests.division_world import PERSONAS, DivisionWorld, dw  # noqa: F401
from thaikpi.accounts.choices import Role
from thaikpi.results.choices import ReviewState
from thaikpi.scorecards import permissions
from thaikpi.scorecards.models import Scorecard

OPEN, SUBMITTED = ReviewState.DRAFT, ReviewState.SUBMITTED
EVERYTHING = "read enter1 enter3 submit owners deadlines sign template approve"

# persona, scorecard, what they may do on it (see ACTIONS). On DITP's own scorecard KPI 3 is
# given to the strategy division and to Oat by name; on the division's, KPI 1 to Dan by name.
TABLE = [
    ("pim", "department", "read enter1 enter3 submit owners deadlines sign template"),
    ("pim", "division", "read sign template"),  # sets it up and signs; the division runs it
    ("pim", "other", ""),
    ("oat", "department", "read enter3"),
    ("oat", "division", "read"),
    ("oat", "other", ""),
    ("ekk", "department", "read sign"),
    ("ekk", "division", "read sign"),
    ("ekk", "other", ""),
    ("eve", "department", "read deadlines approve"),
    ("eve", "division", "read deadlines approve"),
    ("eve", "other", "read deadlines approve"),
    ("ada", "department", EVERYTHING),
    ("ada", "division", EVERYTHING),
    ("ada", "other", EVERYTHING),
    ("mallory", "department", ""),
    ("mallory", "division", ""),
    ("mallory", "other", "read enter1 enter3 submit owners deadlines sign template"),
    ("dao", "department", "read"),  # a division's planner is not the department's
    ("dao", "division", "read enter1 enter3 submit owners deadlines sign template"),
    ("dao", "other", ""),
    ("dan", "department", "read enter3"),  # the department's KPI given to his division
    ("dan", "division", "read enter1"),  # his own KPI on the division's scorecard
    ("dan", "other", ""),
    ("ice", "department", "read"),  # a sibling division's planner reads, nothing more
    ("ice", "division", "read"),
    ("ice", "other", ""),
]

ACTIONS = {
    "read": lambda u, c: permissions.can_view(u, c),
    "enter1": lambda u, c: permissions.can_store_result(u, c, "1", OPEN),
    "enter3": lambda u, c: permissions.can_store_result(u, c, "3", OPEN),
    "submit": lambda u, c: permissions.can_submit(u, c, OPEN),
    "owners": lambda u, c: permissions.can_manage_owners(u, c),
    "deadlines": lambda u, c: permissions.can_set_deadlines(u, c),
    "sign": lambda u, c: "agency" in permissions.can_sign_as(u, c),
    "template": lambda u, c: permissions.can_edit_template(u, c),
    "approve": lambda u, c: permissions.can_review(u, c, "approve", SUBMITTED),
}


def test_the_table_names_every_persona_on_every_scorecard_once() -> None:
    pairs = [(persona, card) for persona, card, _ in TABLE]
    assert sorted(pairs) == sorted(
        (p, c) for p in PERSONAS for c in ("department", "division", "other")
    )


@pytest.mark.parametrize(("persona", "card", "allowed"), TABLE)
def test_what_each_persona_may_do_on_each_scorecard(
    dw: DivisionWorld,  # noqa: F811
    persona: str,
    card: str,
    allowed: str,
) -> None:
    user, scorecard = dw.user(persona), dw.card(card)
    done = {name for name, may in ACTIONS.items() if may(user, scorecard)}
    assert done == set(allowed.split())


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_scorecard_lists_agree_with_the_rules(
    dw: DivisionWorld,  # noqa: F811
    persona: str,
) -> None:
    """readable_by lists what can_view allows; editable_by what the user reports a KPI of."""
    user = dw.user(persona)
    cards = [dw.card(name) for name in ("department", "division", "other")]
    readable = set(Scorecard.objects.readable_by(user).values_list("pk", flat=True))
    editable = set(Scorecard.objects.editable_by(user).values_list("pk", flat=True))
    reports = {
        c.pk for c in cards if permissions.is_planner(user, c) or permissions.owned_kpis(user, c)
    }
    assert readable & {c.pk for c in cards} == {
        c.pk for c in cards if permissions.can_view(user, c)
    }
    assert editable & {c.pk for c in cards} == reports


@pytest.mark.parametrize(
    ("persona", "agency", "role", "has"),
    [
        ("dao", "strat", Role.PLANNER, True),
        ("dao", "ditp", Role.PLANNER, False),  # ... but a member of the department
        ("dan", "strat", Role.KPI_OWNER, True),
        ("dan", "ditp", Role.KPI_OWNER, True),  # the department's KPIs given to his division
        ("pim", "strat", Role.PLANNER, False),
        ("pim", "ditp", Role.PLANNER, True),
    ],
)
def test_a_division_members_roles_are_the_divisions(
    dw: DivisionWorld,  # noqa: F811
    persona: str,
    agency: str,
    role: str,
    has: bool,
) -> None:
    roles = permissions.roles_of(dw.user(persona))
    where = getattr(dw.w, agency).pk
    assert (roles.has(role, where), roles.any_in(dw.w.ditp.pk)) == (has, True)


@pytest.mark.parametrize(
    ("persona", "agencies"),
    [
        ("pim", {"DITP", "DITP-STRAT", "DITP-ICT"}),  # the department sets its divisions up
        ("dao", {"DITP-STRAT"}),
        ("ice", {"DITP-ICT"}),
        ("dan", set()),
        ("ekk", set()),
    ],
)
def test_who_imports_a_scorecard_for_which_agency(
    dw: DivisionWorld,  # noqa: F811
    persona: str,
    agencies: set[str],
) -> None:
    user = dw.user(persona)
    found = set(permissions.importable_agencies(user).values_list("code", flat=True))
    assert (found, permissions.may_import(user)) == (agencies, bool(agencies))
