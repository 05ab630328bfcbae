"""Demo data for joint KPIs: DITP's export growth (KPI 1) feeding a second MOC department.

Called with one line from ``manage.py thaikpi_demo`` after DITP's scorecard and results exist.
Export growth is shared by four departments of the Ministry of Commerce: DITP reports it; the
Department of Trade Negotiations (DTN) carries it in its own scorecard (its template names the
joint KPI on KPI 1), so DITP's submitted round-1 figure shows and scores there too.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from thaikpi.accounts.choices import Role
from thaikpi.accounts.models import Membership
from thaikpi.agencies.choices import AgencyKind
from thaikpi.agencies.models import Agency
from thaikpi.engine.loader import template_text
from thaikpi.results.models import Result
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import agreement, imports, joint, results

CODE = "moc-export-growth"
KPI_1 = '  - id: "1"\n    group: performance\n'
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
        tui = _planner(members[0], password)
    card = Scorecard.objects.filter(agency__code="DTN", fiscal_year__year_be=2567).first()
    if card is None:
        card = imports.import_template(admin, dtn_text(), file_name="dtn-2567.yaml").scorecard
        agreement.sign(tui, card, "agency")  # agreed, as a scorecard in use is
        agreement.sign(eve, card, "evaluator")
    if not Result.objects.filter(scorecard=card).exists():
        for kpi_id, raw in OWN_RESULTS.items():
            results.save_result(tui, card, kpi_id, 1, raw, "", 0)
    username, name = PLANNER
    out.write(f"  {username:<8} {Role.PLANNER.label:<14} {'DTN':<5} {name}")


def _department(code: str, th: str, en: str) -> Agency:
    moc = Agency.objects.get(code="MOC")
    found, _created = Agency.objects.get_or_create(
        code=code,
        defaults={"name_th": th, "name_en": en, "kind": AgencyKind.DEPARTMENT, "parent": moc},
    )
    return found


def _planner(dtn: Agency, password: str) -> User:
    username, name = PLANNER
    user, created = User.objects.get_or_create(username=username, defaults={"first_name": name})
    if created:
        user.set_password(password)
        user.email = f"{username}@demo.thaikpi.invalid"
        user.save()
    Membership.objects.get_or_create(user=user, agency=dtn, role=Role.PLANNER)
    return user


def dtn_text() -> str:
    """The DITP 2567 template relabelled for DTN, its KPI 1 naming the joint KPI."""
    text = template_text("ditp-2567")
    replacements = [
        ("  code: DITP\n", "  code: DTN\n"),
        (
            "  name: {th: กรมส่งเสริมการค้าระหว่างประเทศ, en: Department of International Trade "
            "Promotion}",
            "  name: {th: กรมเจรจาการค้าระหว่างประเทศ, en: Department of Trade Negotiations}",
        ),
        (
            "  th: รายละเอียดตัวชี้วัด กรมส่งเสริมการค้าระหว่างประเทศ ",
            "  th: รายละเอียดตัวชี้วัด กรมเจรจาการค้าระหว่างประเทศ (ชุดสาธิต) ",
        ),
        (
            "  en: KPI details of the Department of International Trade Promotion,",
            "  en: KPI details of the Department of Trade Negotiations (demo copy),",
        ),
        ("id: ditp-2567", "id: dtn-2567-demo"),
        (KPI_1, KPI_1.replace("    group:", f"    joint: {CODE}\n    group:")),
    ]  # fmt: skip
    for old, new in replacements:
        assert old in text, f"the shipped template changed: {old!r}"
        text = text.replace(old, new, 1)
    return text
