"""The demo's joint KPI: DITP's export growth (KPI 1) scored in DTN's scorecard too."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO

from django.core.management import call_command

from thaikpi.joint.models import JointKpi, JointLink
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import engine


def test_the_demo_feeds_ditps_kpi_1_into_a_second_departments_scorecard(db):
    call_command("thaikpi_demo", stdout=StringIO())
    joint = JointKpi.objects.get()
    members = sorted(joint.members.values_list("code", flat=True))
    assert (joint.owner.code, joint.owner_kpi_id, members) == ("DITP", "1", ["DBD", "DFT", "DTN"])
    ditp = Scorecard.objects.get(agency__code="DITP")
    dtn = Scorecard.objects.get(agency__code="DTN")
    assert JointLink.objects.get(scorecard=dtn).kpi_id == "1"
    owner, member = engine.score(ditp, 1).kpi("1"), engine.score(dtn, 1)
    assert member.kpi("1").actual == owner.actual == Decimal("1.06")
    assert member.kpi("1").score == owner.score
    assert member.shared["1"].owner_th == "กรมส่งเสริมการค้าระหว่างประเทศ"
    assert member.kpi("2").actual is not None  # DTN's own result beside the joint one
