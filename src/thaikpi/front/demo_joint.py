"""Demo data for joint KPIs: export growth (KPI 1) and an Agenda e-service (KPI 5).

Called with one line from ``manage.py thaikpi_demo`` after DITP's scorecard and results exist.
Export growth is shared by four departments of the Ministry of Commerce: DITP reports it; the
Department of Trade Negotiations (DTN) carries it in its own scorecard (its template names the
joint KPI on KPI 1), so DITP's submitted round-1 figure shows and scores there too.

KPI 5 (Agenda service A2, ID One SMEs) is reported by the service group's lead agency for every
related agency: in the demo the lead is the Office of SMEs Promotion (OSMEP, planner ``som``),
which judges it at level 75 in the 12-month round and submits that round; DTN's KPI 5 names the
joint KPI, so the lead's result scores in DTN's round 2 as well ("ผลร่วมจาก …").
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from thaikpi.accounts.choices import Role
from thaikpi.agencies.choices import AgencyKind
from thaikpi.agencies.models import Agency
from thaikpi.front.demo_common import demo_user, relabelled
from thaikpi.joint.models import JointKpi
from thaikpi.results.models import Result
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import agreement, imports, joint, results, reviews

CODE = "moc-export-growth"
KPI_1 = '  - id: "1"\n    group: performance\n'
KPI_5 = '  - id: "5"\n    group: potential\n'
AGENDA = "agenda-a2-id-one-smes"
# The lead (host) agency of Agenda A2 in the demo, its planner, and its judged 12-month level.
LEAD = ("OSMEP", "สำนักงานส่งเสริมวิสาหกิจขนาดกลางและขนาดย่อม", "Office of SMEs Promotion")
LEAD_PLANNER = ("som", "ส้ม (ผู้วางแผน สำนักงานส่งเสริมวิสาหกิจขนาดกลางและขนาดย่อม)")
LEAD_LEVEL = "75"
# The lead's 12-month report on the service (demo figures), kept as KPI 5's evidence: the
# members' KPI pages list it, read only.
LEAD_REPORT = """รายการ,ปี 2566,ปี 2567 (ชุดสาธิต)
จำนวนหน่วยงานที่เชื่อมโยง,5,9
จำนวนงานบริการในระบบ,12,18
จำนวนผู้ใช้บริการ,41250,57300
"""
# The departments of the Ministry of Commerce that share export growth, besides DITP.
MEMBERS = [
    ("DTN", "กรมเจรจาการค้าระหว่างประเทศ", "Department of Trade Negotiations"),
    ("DFT", "กรมการค้าต่างประเทศ", "Department of Foreign Trade"),
    ("DBD", "กรมพัฒนาธุรกิจการค้า", "Department of Business Development"),
]
PLANNER = ("tui", "ตุ่ย (ผู้วางแผน กรมเจรจาการค้าระหว่างประเทศ)")
# DTN's own round-1 result (KPI 2), so its total is not the joint KPI alone.
OWN_RESULTS = {"2": {"trade_value": "38500", "budget": "340"}}


def add_joint_demo(admin: User, eve: User, password: str, out: Any) -> None:
    """The joint KPI, DTN's scorecard carrying it, its planner ``tui`` (idempotent).

    ``out`` (the command's stdout) gets Tui's log-in, in the list the command printed.
    """
    with transaction.atomic():
        members = [_department(code, th, en) for code, th, en in MEMBERS]
        ditp = Agency.objects.get(code="DITP")
        if not joint.defined(2567):
            joint.define(
                eve, CODE, 2567, "อัตราการขยายตัวของมูลค่าการส่งออกภาพรวม", ditp, "1", members,
                name_en="Growth rate of total export value",
            )  # fmt: skip
        tui = demo_user(*PLANNER, Role.PLANNER, members[0], password)
        lead = _lead_agency()
        if not JointKpi.objects.filter(code=AGENDA, fiscal_year__year_be=2567).exists():
            joint.define(
                eve, AGENDA, 2567,
                "ระดับความสำเร็จในการขับเคลื่อนงานบริการ Agenda A2 (ID One SMEs)", lead, "5",
                [ditp, *members], name_en="Agenda service A2 (ID One SMEs)",
            )  # fmt: skip
        som = demo_user(*LEAD_PLANNER, Role.PLANNER, lead, password)
    _lead_scorecard(admin, eve, som)
    card = Scorecard.objects.filter(agency__code="DTN", fiscal_year__year_be=2567).first()
    if card is None:
        card = imports.import_template(admin, dtn_text(), file_name="dtn-2567.yaml").scorecard
        agreement.sign(tui, card, "agency")  # agreed, as a scorecard in use is
        agreement.sign(eve, card, "evaluator")
    if not Result.objects.filter(scorecard=card).exists():
        for kpi_id, raw in OWN_RESULTS.items():
            results.save_result(tui, card, kpi_id, 1, raw, "", 0)
    for (username, name), code in ((PLANNER, "DTN"), (LEAD_PLANNER, LEAD[0])):
        out.write(f"  {username:<8} {Role.PLANNER.label:<14} {code:<5} {name}")


def _lead_agency() -> Agency:
    code, th, en = LEAD
    found, _created = Agency.objects.get_or_create(
        code=code, defaults={"name_th": th, "name_en": en, "kind": AgencyKind.DEPARTMENT}
    )
    return found


def _lead_scorecard(admin: User, eve: User, som: User) -> None:
    """The lead's scorecard, its KPI 5 judged in round 2 and that round submitted (idempotent)."""
    card = Scorecard.objects.filter(agency__code=LEAD[0], fiscal_year__year_be=2567).first()
    if card is None:
        card = imports.import_template(admin, lead_text(), file_name="osmep-2567.yaml").scorecard
        agreement.sign(som, card, "agency")
        agreement.sign(eve, card, "evaluator")
    if not Result.objects.filter(scorecard=card, kpi_id="5", round_no=2).exists():
        report = SimpleUploadedFile(
            "agenda-a2-2567.csv", LEAD_REPORT.encode("utf-8"), content_type="text/csv"
        )
        note = "ตามรายงานผลของหน่วยงานเจ้าภาพ"
        results.save_result(som, card, "5", 2, LEAD_LEVEL, note, 0, evidence=report)
        reviews.transition(som, card, 2, "submit")


def _department(code: str, th: str, en: str) -> Agency:
    moc = Agency.objects.get(code="MOC")
    found, _created = Agency.objects.get_or_create(
        code=code,
        defaults={"name_th": th, "name_en": en, "kind": AgencyKind.DEPARTMENT, "parent": moc},
    )
    return found


def dtn_text() -> str:
    """The DITP 2567 template relabelled for DTN, its KPIs 1 and 5 naming the joint KPIs."""
    text = relabelled("DTN", "กรมเจรจาการค้าระหว่างประเทศ", "Department of Trade Negotiations")
    for kpi, code in ((KPI_1, CODE), (KPI_5, AGENDA)):
        assert kpi in text, f"the shipped template changed: {kpi!r}"
        text = text.replace(kpi, kpi.replace("    group:", f"    joint: {code}\n    group:"), 1)
    return text


def lead_text() -> str:
    """The DITP 2567 template relabelled for the lead agency of Agenda A2 (it reports KPI 5)."""
    text = relabelled(*LEAD)
    role = "☐ หน่วยงานเจ้าภาพหลัก ☑ หน่วยงานที่เกี่ยวข้อง"
    assert role in text, "the shipped template changed: KPI 5's role note"
    return text.replace(role, "☑ หน่วยงานเจ้าภาพหลัก ☐ หน่วยงานที่เกี่ยวข้อง", 1).replace(
        "☐ lead (host) agency ☑ related agency", "☑ lead (host) agency ☐ related agency", 1
    )
