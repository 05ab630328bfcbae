"""Named personas and their world, healthchecks style.

Pim is the planner of DITP. Oat is a KPI owner at DITP who reports KPI 3. Ekk is DITP's
executive. Eve is an evaluator. Ada is an administrator. Mallory is a planner at another
department (DBD), with a scorecard of her own, and must never see or touch DITP's.
Both scorecards are the small test template ``tests/web/fixtures/mini-2567.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from thaikpi.accounts.choices import Role
from thaikpi.accounts.models import Membership
from thaikpi.agencies.choices import AgencyKind
from thaikpi.agencies.models import Agency
from thaikpi.deadlines.models import Notification
from thaikpi.scorecards.models import KpiOwnership, Scorecard
from thaikpi.services import agreement, imports, reviews

MINI = Path(__file__).parent / "web" / "fixtures" / "mini-2567.yaml"
PASSWORD = "correct horse battery staple"


def mini_text(code: str = "DITP") -> str:
    """The test template, for the department with ``code``."""
    return MINI.read_text(encoding="utf-8").replace("code: DITP", f"code: {code}", 1)


def empty_lists_text(code: str = "DITP") -> str:
    """The test template with every optional list written, and left empty (`notes: []`)."""
    text = mini_text(code).replace("weight: 70}", "weight: 70, categories: []}")
    lists = "    inputs: {}\n    links: []\n    conditions: []\n    notes: []\n    targets: []\n"
    text = text.replace("    revision: {times: 1", lists + "    revision: {times: 1", 1)
    return text + "parameters: []\nnotes: []\n"


def agency_text(
    code: str, name_th: str, name_en: str = "", ministry_th: str = "กระทรวงพาณิชย์"
) -> str:
    """The test template signed by another agency (a ministry, province or division)."""
    agency = (
        f'agency:\n  code: {code}\n  name: {{th: "{name_th}", en: "{name_en}"}}\n'
        f'  ministry: {{th: "{ministry_th}", en: ""}}\n'
    )
    text = MINI.read_text(encoding="utf-8")
    start, end = text.index("agency:\n"), text.index("fiscal_year:")
    return text[:start] + agency + text[end:]


@dataclass
class World:
    """Everyone and everything the tests talk about."""

    ditp: Agency
    dbd: Agency
    strat: Agency
    card: Scorecard
    other: Scorecard
    pim: User
    oat: User
    ekk: User
    eve: User
    ada: User
    mallory: User

    def user(self, name: str) -> User:
        """A persona by name."""
        return getattr(self, name)


def _user(username: str, role: str, agency: Agency | None) -> User:
    user = User.objects.create_user(username, password=PASSWORD, first_name=username.title())
    Membership.objects.create(user=user, agency=agency, role=role)
    return user


def build_world() -> World:
    """Create the agencies, personas and the two scorecards."""
    moc = Agency.objects.create(code="MOC", name_th="กระทรวงพาณิชย์", kind=AgencyKind.MINISTRY)
    ditp = Agency.objects.create(
        code="DITP", name_th="กรมส่งเสริมการค้าระหว่างประเทศ", kind=AgencyKind.DEPARTMENT, parent=moc
    )
    dbd = Agency.objects.create(
        code="DBD", name_th="กรมพัฒนาธุรกิจการค้า", kind=AgencyKind.DEPARTMENT, parent=moc
    )
    strat = Agency.objects.create(
        code="DITP-STRAT", name_th="กองยุทธศาสตร์", kind=AgencyKind.DIVISION, parent=ditp
    )
    ada = _user("ada", Role.ADMIN, None)
    card = imports.import_template(ada, mini_text("DITP")).scorecard
    other = imports.import_template(ada, mini_text("DBD")).scorecard
    oat = _user("oat", Role.KPI_OWNER, ditp)
    KpiOwnership.objects.create(scorecard=card, kpi_id="3", division=strat).users.add(oat)
    pim, ekk = _user("pim", Role.PLANNER, ditp), _user("ekk", Role.EXECUTIVE, ditp)
    eve, mallory = _user("eve", Role.EVALUATOR, None), _user("mallory", Role.PLANNER, dbd)
    # Both scorecards are agreed, as every scorecard whose rounds run is (a draft's rounds
    # cannot be submitted): signed by the agency's executive or planner and the evaluator.
    agree(card, ekk, eve)
    agree(other, mallory, eve)
    Notification.objects.all().delete()  # the signings' notifications: the world starts unread-free
    return World(
        ditp=ditp,
        dbd=dbd,
        strat=strat,
        card=card,
        other=other,
        pim=pim,
        oat=oat,
        ekk=ekk,
        eve=eve,
        ada=ada,
        mallory=mallory,
    )


def agree(scorecard: Scorecard, head: User, evaluator: User) -> Scorecard:
    """Sign a draft scorecard for both sides, so its rounds can be submitted."""
    agreement.sign(head, scorecard, "agency")
    agreement.sign(evaluator, scorecard, "evaluator")
    return scorecard


# The review actions (persona, action) that bring a round into each state from draft.
STEPS = {
    "draft": (),
    "submitted": (("pim", "submit"),),
    "approved": (("pim", "submit"), ("eve", "approve")),
    "locked": (("pim", "submit"), ("eve", "approve"), ("eve", "lock")),
    "returned": (("pim", "submit"), ("eve", "return")),
}


def bring_round(world: World, state: str, round_no: int = 1) -> None:
    """Take a draft round of DITP's scorecard to ``state`` through its review actions."""
    for who, action in STEPS[state]:
        reviews.transition(world.user(who), world.card, round_no, action, "ตรวจสอบอีกครั้ง")


@pytest.fixture
def world(db: None) -> World:
    """The personas' world, fresh for each test."""
    return build_world()


@pytest.fixture
def live_world(transactional_db: None) -> World:
    """The personas' world for tests that run a live server (committed, not rolled back)."""
    return build_world()
