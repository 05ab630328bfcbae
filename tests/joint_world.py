"""A joint KPI in the personas' world: DITP owns export growth (its KPI 1), DTN carries it.

DTN (กรมเจรจาการค้าระหว่างประเทศ) is a second department of the Ministry of Commerce whose
template names the joint KPI on its KPI 1; Tui is its planner. DBD is a member too but its
template does not name it (a member may, not must, carry a joint KPI).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User

from tests.personas import World, _user, agree, build_world, mini_text
from thaikpi.accounts.choices import Role
from thaikpi.agencies.choices import AgencyKind
from thaikpi.agencies.models import Agency
from thaikpi.joint.models import JointKpi
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import imports, joint

CODE = "moc-export-growth"
KPI_1 = '  - id: "1"\n    group: performance\n'


def member_text(code: str = "DTN", joint_code: str = CODE, kpi_id: str = "1") -> str:
    """The test template of department ``code``, whose KPI ``kpi_id`` names a joint KPI."""
    text = mini_text(code)
    start = f'  - id: "{kpi_id}"\n    group: '
    at = text.index(start) + len(f'  - id: "{kpi_id}"\n')
    return text[:at] + f"    joint: {joint_code}\n" + text[at:]


def department(code: str, name_th: str, parent: Agency | None) -> Agency:
    """Another department of the ministry."""
    return Agency.objects.create(
        code=code, name_th=name_th, kind=AgencyKind.DEPARTMENT, parent=parent
    )


@dataclass
class JointWorld:
    """The personas' world with the joint KPI, DTN's scorecard carrying it, and Tui."""

    w: World
    dtn: Agency
    joint: JointKpi
    member: Scorecard
    tui: User


def build_joint_world() -> JointWorld:
    """Define the joint KPI as the evaluator and import DTN's template naming it."""
    w = build_world()
    dtn = department("DTN", "กรมเจรจาการค้าระหว่างประเทศ", w.ditp.parent)
    defined = joint.define(
        w.eve, CODE, 2567, "อัตราการขยายตัวของมูลค่าการส่งออกรวม", w.ditp, "1", [w.dbd, dtn],
        name_en="Growth of total export value",
    )  # fmt: skip
    member = imports.import_template(w.ada, member_text("DTN")).scorecard
    tui = _user("tui", Role.PLANNER, dtn)
    agree(member, tui, w.eve)  # signed, so its rounds can be submitted
    return JointWorld(w, dtn, defined, member, tui)


@pytest.fixture
def jw(db: None) -> JointWorld:
    """The joint world, fresh for each test."""
    return build_joint_world()


@pytest.fixture
def live_jw(transactional_db: None) -> JointWorld:
    """The joint world for tests that run a live server (committed, not rolled back)."""
    return build_joint_world()
