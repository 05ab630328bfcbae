"""A division's internal scorecard in the personas' world.

DITP's strategy division (กองยุทธศาสตร์, DITP-STRAT) keeps its own scorecard (the test template),
set up by DITP's planner Pim and signed by DITP's executive Ekk and the evaluator Eve. Dao is
the division's planner, Dan one of its KPI owners (KPI 1 of the division's scorecard is his by
name; DITP's KPI 3 is given to the division, so his too). Ice is the planner of a sibling
division (ICT centre).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User

from tests.personas import World, _user, agency_text, agree, build_world
from thaikpi.accounts.choices import Role
from thaikpi.agencies.choices import AgencyKind
from thaikpi.agencies.models import Agency
from thaikpi.scorecards.models import KpiOwnership, Scorecard
from thaikpi.services import imports

PERSONAS = ("pim", "oat", "ekk", "eve", "ada", "mallory", "dao", "dan", "ice")


@dataclass
class DivisionWorld:
    """The personas' world with the strategy division's scorecard and its people."""

    w: World
    ict: Agency
    division: Scorecard
    dao: User
    dan: User
    ice: User

    def user(self, name: str) -> User:
        """A persona by name, the division's included."""
        return getattr(self, name) if name in ("dao", "dan", "ice") else self.w.user(name)

    def card(self, name: str) -> Scorecard:
        """A scorecard by name: "department" (DITP), "division" (DITP-STRAT), "other" (DBD)."""
        return {"department": self.w.card, "division": self.division, "other": self.w.other}[name]


def build_division_world() -> DivisionWorld:
    """Import and sign the strategy division's scorecard and add its members."""
    w = build_world()
    ict = Agency.objects.create(
        code="DITP-ICT", name_th="ศูนย์เทคโนโลยีสารสนเทศ", kind=AgencyKind.DIVISION, parent=w.ditp
    )
    text = agency_text("DITP-STRAT", "กองยุทธศาสตร์", "Strategy Division")
    division = imports.import_template(w.pim, text).scorecard  # set up by the department
    dao = _user("dao", Role.PLANNER, w.strat)
    dan = _user("dan", Role.KPI_OWNER, w.strat)
    ice = _user("ice", Role.PLANNER, ict)
    KpiOwnership.objects.create(scorecard=division, kpi_id="1").users.add(dan)
    agree(division, w.ekk, w.eve)
    return DivisionWorld(w, ict, division, dao, dan, ice)


@pytest.fixture
def dw(db: None) -> DivisionWorld:
    """The division world, fresh for each test."""
    return build_division_world()


@pytest.fixture
def live_dw(transactional_db: None) -> DivisionWorld:
    """The division world for tests that run a live server (committed, not rolled back)."""
    return build_division_world()
