"""The shipped DITP 2567 template signed by another department, for the decision tests.

Its figures differ from their recomputation where the document does (KPI 1 round 1 levels 75
and 100, KPI 4 round 2 level 75). Pat plans for that department (DEPA); the world's personas
are outsiders to it, except Eve the evaluator, who reads every agency.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User

from tests.personas import PASSWORD, World
from thaikpi.accounts.choices import Role
from thaikpi.accounts.models import Membership
from thaikpi.agencies.choices import AgencyKind
from thaikpi.agencies.models import Agency
from thaikpi.engine.loader import template_text
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import imports, results


@dataclass
class Signed:
    """DEPA's scorecard (KPI 1 of round 1 entered as 1.18) and Pat, its planner."""

    world: World
    card: Scorecard
    pat: User  # DEPA's planner; the world's Pim plans for DITP and is an outsider here

    def user(self, name: str) -> User:
        """Pat, or a persona of the world by name."""
        return self.pat if name == "pat" else self.world.user(name)


def signed(world: World) -> Signed:
    """Add DEPA, Pat and DEPA's DITP 2567 scorecard to the world."""
    depa = Agency.objects.create(code="DEPA", name_th="สำนักงานทดสอบ",
                                 kind=AgencyKind.DEPARTMENT, parent=world.ditp.parent)  # fmt: skip
    pat = User.objects.create_user("pat", password=PASSWORD)
    Membership.objects.create(user=pat, agency=depa, role=Role.PLANNER)
    card = imports.import_template(world.ada, depa_text(), "the signed template").scorecard
    results.save_result(pat, card, "1", 1, "1.18", "", 0)
    card.refresh_from_db()
    return Signed(world, card, pat)


def depa_text() -> str:
    """The shipped DITP 2567 template with DEPA's code."""
    return template_text("ditp-2567").replace("code: DITP", "code: DEPA", 1)
