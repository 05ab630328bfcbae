"""The demo's joint KPIs: DITP's export growth (KPI 1) and the Agenda lead's KPI 5 in DTN's."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO

from django.core.management import call_command

from thaikpi.joint.models import JointKpi, JointLink
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import engine, joint


def test_the_demo_feeds_ditps_kpi_1_into_a_second_departments_scorecard(db):
    call_command("thaikpi_demo", stdout=StringIO())
    joint = JointKpi.objects.get(code="moc-export-growth")
    members = sorted(joint.members.values_list("code", flat=True))
    assert (joint.owner.code, joint.owner_kpi_id, members) == ("DITP", "1", ["DBD", "DFT", "DTN"])
    ditp = Scorecard.objects.get(agency__code="DITP")
    dtn = Scorecard.objects.get(agency__code="DTN")
    assert JointLink.objects.get(scorecard=dtn, joint=joint).kpi_id == "1"
    owner, member = engine.score(ditp, 1).kpi("1"), engine.score(dtn, 1)
    assert member.kpi("1").actual == owner.actual == Decimal("1.06")
    assert member.kpi("1").score == owner.score
    assert member.shared["1"].owner_th == "กรมส่งเสริมการค้าระหว่างประเทศ"
    assert member.kpi("2").actual is not None  # DTN's own result beside the joint one


def test_the_demo_feeds_the_agenda_leads_kpi_5_into_dtns_12_month_round(db):
    out = StringIO()
    call_command("thaikpi_demo", stdout=out)
    agenda = JointKpi.objects.get(code="agenda-a2-id-one-smes")
    members = sorted(agenda.members.values_list("code", flat=True))
    assert (agenda.owner.code, agenda.owner_kpi_id, members) == (
        "OSMEP",
        "5",
        ["DBD", "DFT", "DITP", "DTN"],
    )
    lead = Scorecard.objects.get(agency__code="OSMEP")
    dtn = Scorecard.objects.get(agency__code="DTN")
    assert JointLink.objects.get(scorecard=dtn, joint=agenda).kpi_id == "5"
    member = engine.score(dtn, 2)
    assert member.kpi("5").score == engine.score(lead, 2).kpi("5").score == Decimal(75)
    assert member.shared["5"].owner_th == "สำนักงานส่งเสริมวิสาหกิจขนาดกลางและขนาดย่อม"
    assert member.shared["5"].counts
    files = [e.original_name for e in joint.owner_evidence(member.shared["5"])]
    assert files == ["agenda-a2-2567.csv"]  # the lead's report, listed on DTN's KPI 5 page
    assert "som" in out.getvalue()  # the lead's planner among the printed log-ins
    call_command("thaikpi_demo", stdout=StringIO())  # again: nothing doubles
    assert JointKpi.objects.count() == 2
