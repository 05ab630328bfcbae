"""Create (idempotently) demo agencies, the shipped DITP 2567 scorecard, results and users."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from thaikpi.accounts.choices import Role
from thaikpi.agencies.choices import AgencyKind
from thaikpi.agencies.models import Agency
from thaikpi.engine.loader import template_text
from thaikpi.front import demo_discussions, demo_sources
from thaikpi.front.demo_common import ROUND_DUES, demo_user, relabelled
from thaikpi.front.demo_divisions import add_division_demo
from thaikpi.front.demo_joint import add_joint_demo
from thaikpi.results.models import Result
from thaikpi.scorecards.models import KpiOwnership, Scorecard
from thaikpi.services import agreement, deadlines, engine, imports, results, reviews

PASSWORD = "thaikpi-demo"  # demo mode only; the command refuses to run in production
TEMPLATE = "ditp-2567"

DIVISIONS = [
    ("DITP-STRAT", "กองยุทธศาสตร์และการบริหาร", "Strategy and Management Division"),
    ("DITP-DIGITAL", "สำนักส่งเสริมการค้าดิจิทัล", "Digital Trade Promotion Office"),
    ("DITP-ICT", "ศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร", "ICT Centre"),
]
# username, full name, role, agency code (None: every agency)
USERS = [
    ("admin", "ผู้ดูแลระบบ", Role.ADMIN, None),
    ("pim", "พิมพ์ (ผู้วางแผน)", Role.PLANNER, "DITP"),
    ("oat", "โอ๊ต (เจ้าของตัวชี้วัด)", Role.KPI_OWNER, "DITP"),
    ("ekk", "เอก (ผู้บริหาร)", Role.EXECUTIVE, "DITP"),
    ("eve", "อีฟ (ผู้ประเมิน)", Role.EVALUATOR, None),
    ("mallory", "มัลลอรี (ผู้วางแผน กรมอื่น)", Role.PLANNER, "DBD"),
]
OWNERS = {
    "1": "DITP-STRAT",
    "2": "DITP-STRAT",
    "3": "DITP-DIGITAL",
    "4": "DITP-STRAT",
    "5": "DITP-ICT",
    "6": "DITP-ICT",
    "7": "DITP-ICT",
    "8": "DITP-ICT",
    "9": "DITP-STRAT",
}
# Reporting dates of the two rounds (after 6 and 12 months of fiscal year 2567); the Agenda
# (joint) KPIs also report their progress monthly, by the 15th of the following month.
AGENDA_DUE_DAY = 15
RESULTS = {
    1: {
        "1": {"export_value": "142500", "export_value_previous": "141000"},
        "2": {"trade_value": "41200", "budget": "350"},
        "3": {"trade_value": "3350", "budget": "200"},
    },
    2: {
        "1": {"export_value": "287000", "export_value_previous": "284500"},
        "2": {"trade_value": "98000", "budget": "310"},
        "8": "74.5",
        "9": "458.2",
    },
}
PROGRESS = {
    "1": ["0.4", "0.6", "0.5", "0.7", "0.9", "1.1", "1.3", "1.6"],
    "2": ["15", "31", "48", "66", "90", "118", "150", "181"],
}


class Command(BaseCommand):
    """``manage.py thaikpi_demo``: demo data and log-ins (demo mode only)."""

    help = "Create demo agencies, the DITP 2567 scorecard, results and users (demo mode only)."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("thaikpi_demo refuses to run with THAIKPI_ENV=production.")
        with transaction.atomic():
            self._agencies()
            users = self._users()
        card = self._scorecard(users["admin"], "DITP", template_text(TEMPLATE))
        self._scorecard(
            users["admin"],
            "DBD",
            relabelled("DBD", "กรมพัฒนาธุรกิจการค้า", "Department of Business Development"),
        )
        self._ownership(card, users["oat"])
        self._agree(card, users["ekk"], users["eve"])
        self._results(card, users["pim"])
        self._deadlines(card, users["pim"])
        demo_sources.load(card, users)  # KPI 6 from a catalog, 7–9 from surveys, KPI 1 by month
        demo_discussions.comments(card)
        self._print_logins()
        add_joint_demo(users["admin"], users["eve"], PASSWORD, self.stdout)  # KPI 1 feeds DTN
        add_division_demo(users, PASSWORD, self.stdout)  # a division's internal scorecard

    def _agencies(self) -> None:
        moc, _ = Agency.objects.get_or_create(
            code="MOC",
            defaults={
                "name_th": "กระทรวงพาณิชย์",
                "name_en": "Ministry of Commerce",
                "kind": AgencyKind.MINISTRY,
            },
        )
        for code, th, en in [
            ("DITP", "กรมส่งเสริมการค้าระหว่างประเทศ", "Department of International Trade Promotion"),
            ("DBD", "กรมพัฒนาธุรกิจการค้า", "Department of Business Development"),
        ]:
            Agency.objects.get_or_create(
                code=code,
                defaults={
                    "name_th": th,
                    "name_en": en,
                    "kind": AgencyKind.DEPARTMENT,
                    "parent": moc,
                },
            )
        ditp = Agency.objects.get(code="DITP")
        for code, th, en in DIVISIONS:
            Agency.objects.get_or_create(
                code=code,
                defaults={
                    "name_th": th,
                    "name_en": en,
                    "kind": AgencyKind.DIVISION,
                    "parent": ditp,
                },
            )

    def _users(self) -> dict[str, User]:
        users = {}
        for username, name, role, agency_code in USERS:
            agency = Agency.objects.get(code=agency_code) if agency_code else None
            # The demo administrator also gets Django's admin site (agencies, memberships).
            staff = role == Role.ADMIN
            users[username] = demo_user(username, name, role, agency, PASSWORD, staff)
        return users

    def _scorecard(self, admin: User, code: str, text: str) -> Scorecard:
        existing = Scorecard.objects.filter(agency__code=code, fiscal_year__year_be=2567).first()
        if existing:
            return existing
        return imports.import_template(admin, text, file_name=f"{TEMPLATE}.yaml").scorecard

    def _ownership(self, card: Scorecard, oat: User) -> None:
        for kpi_id, division in OWNERS.items():
            row, _ = KpiOwnership.objects.get_or_create(
                scorecard=card,
                kpi_id=kpi_id,
                defaults={"division": Agency.objects.get(code=division)},
            )
            if kpi_id == "3":
                row.users.add(oat)

    def _agree(self, card: Scorecard, head: User, evaluator: User) -> None:
        """DITP's scorecard is signed by its executive and the evaluator (DBD's stays a draft)."""
        if not card.is_agreed:
            agreement.sign(head, card, "agency")
            agreement.sign(evaluator, card, "evaluator")

    def _results(self, card: Scorecard, pim: User) -> None:
        if Result.objects.filter(scorecard=card).exists():
            return
        for round_no, entries in RESULTS.items():
            for kpi_id, raw in entries.items():
                results.save_result(pim, card, kpi_id, round_no, raw, "", 0)
        for kpi_id, values in PROGRESS.items():
            for month, value in enumerate(values, start=1):
                results.set_progress(pim, card, kpi_id, month, Decimal(value))
        reviews.transition(pim, card, 1, "submit")

    def _deadlines(self, card: Scorecard, pim: User) -> None:
        """The rounds' reporting dates and the Agenda KPIs' monthly due day, set by the planner."""
        kpis = engine.current(card).kpis
        agenda = [k.id for k in kpis if any(x.type == "joint_agenda" for x in k.links)]
        dues = {(n, deadlines.ROUND): day for n, day in ROUND_DUES.items()}
        deadlines.set_dues(pim, card, dues, dict.fromkeys(agenda, AGENDA_DUE_DAY))

    def _print_logins(self) -> None:
        self.stdout.write(
            self.style.SUCCESS("Demo log-ins (password for all: {}):".format(PASSWORD))
        )
        for username, name, role, agency in USERS:
            self.stdout.write(f"  {username:<8} {role.label:<14} {agency or '*':<5} {name}")
