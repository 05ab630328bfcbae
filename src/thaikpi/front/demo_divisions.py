"""Demo data for a division's internal scorecard: DITP's Digital Trade Promotion Office.

Called with one line from ``manage.py thaikpi_demo`` once DITP's people exist. The office
(สำนักส่งเสริมการค้าดิจิทัล, a division of DITP) keeps its own 2567 scorecard, set up by DITP's
planner and signed by DITP's executive and the evaluator. Its planner ``nok`` and its KPI owner
``bee`` enter its results and submit its rounds (round 1 approved, round 2 under way); DITP's
people read it and their dashboard lists it with its total. Bee also reports DITP's KPI 3,
which DITP gives to the office.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from thaikpi.accounts.choices import Role
from thaikpi.agencies.models import Agency
from thaikpi.front.demo_common import ROUND_DUES, demo_user
from thaikpi.results.models import Result
from thaikpi.scorecards.models import KpiOwnership, Scorecard
from thaikpi.services import agreement, deadlines, imports, results, reviews

DIVISION = "DITP-DIGITAL"  # created with DITP's divisions by the demo command
# username, full name, role in the division
PEOPLE = [
    ("nok", "นก (ผู้วางแผน สำนักส่งเสริมการค้าดิจิทัล)", Role.PLANNER),
    ("bee", "บี (เจ้าของตัวชี้วัด สำนักส่งเสริมการค้าดิจิทัล)", Role.KPI_OWNER),
]
# KPI id → who reports it by name (besides every KPI owner of the office)
NAMED = {"1": "bee", "2": "bee", "3": None}
# round → KPI id → (who enters it, the result)
RESULTS = {
    1: {"1": ("bee", "1450"), "2": ("bee", "210"), "3": ("nok", "47.5")},
    2: {"1": ("bee", "2650")},
}

TEMPLATE = """\
# The internal scorecard of a division of DITP (demo): three KPIs, 6- and 12-month rounds.
format: thaikpi/scorecard-v1
id: ditp-digital-2567-demo
version: 1
title:
  th: "รายละเอียดตัวชี้วัด สำนักส่งเสริมการค้าดิจิทัล ประจำปีงบประมาณ พ.ศ. 2567 (คำรับรองภายในกรม ชุดสาธิต)"
  en: "KPI details of the Digital Trade Promotion Office, FY2567 (internal agreement, demo)"
agency:
  code: DITP-DIGITAL
  name: {th: "สำนักส่งเสริมการค้าดิจิทัล", en: "Digital Trade Promotion Office"}
  ministry: {th: "กระทรวงพาณิชย์", en: "Ministry of Commerce"}
fiscal_year: {year_be: 2567, starts: 2023-10-01, ends: 2024-09-30}
rounds:
  - {number: 1, months: 6, name: {th: "รอบ 6 เดือน", en: "6-month round"}}
  - {number: 2, months: 12, name: {th: "รอบ 12 เดือน", en: "12-month round"}}
groups:
  - {id: performance, name: {th: "Performance Base", en: "Performance Base"}, weight: 70}
  - {id: potential, name: {th: "Potential Base", en: "Potential Base"}, weight: 30}
kpis:
  - id: "1"
    group: performance
    name:
      th: "มูลค่าการค้าออนไลน์ของผู้ประกอบการที่สำนักส่งเสริม"
      en: "Online trade value of the entrepreneurs the office supports"
    weight: 40
    unit: {th: "ล้านบาท", en: "million baht"}
    rounds:
      "1":
        levels:
          - {score: 50, stated: 1200}
          - {score: 75, stated: 1400}
          - {score: 100, stated: 1600}
      "2":
        levels:
          - {score: 50, stated: 2500}
          - {score: 75, stated: 2800}
          - {score: 100, stated: 3100}
  - id: "2"
    group: performance
    name:
      th: "จำนวนผู้ประกอบการที่ขายผ่านแพลตฟอร์มการค้าออนไลน์ต่างประเทศ"
      en: "Entrepreneurs selling on foreign e-commerce platforms"
    weight: 30
    unit: {th: "ราย", en: "entrepreneurs"}
    rounds:
      "1":
        levels:
          - {score: 50, stated: 150}
          - {score: 75, stated: 200}
          - {score: 100, stated: 250}
      "2":
        levels:
          - {score: 50, stated: 300}
          - {score: 75, stated: 400}
          - {score: 100, stated: 500}
  - id: "3"
    group: potential
    name: {th: "ร้อยละการเบิกจ่ายงบประมาณของสำนัก", en: "Share of the office's budget disbursed"}
    weight: 30
    unit: {th: "ร้อยละ", en: "%"}
    rounds:
      "1":
        levels:
          - {score: 50, stated: 40}
          - {score: 75, stated: 45}
          - {score: 100, stated: 50}
      "2":
        levels:
          - {score: 50, stated: 90}
          - {score: 75, stated: 95}
          - {score: 100, stated: 100}
"""


def add_division_demo(users: dict[str, User], password: str, out: Any) -> None:
    """The office's scorecard, its people and results (idempotent).

    ``users`` are the demo command's (pim, ekk, eve); ``out`` (the command's stdout) gets the
    office's log-ins, in the list the command printed.
    """
    division = Agency.objects.get(code=DIVISION)
    with transaction.atomic():
        people = {
            name: demo_user(name, full, role, division, password) for name, full, role in PEOPLE
        }
    card = Scorecard.objects.filter(agency=division, fiscal_year__year_be=2567).first()
    if card is None:
        card = imports.import_template(
            users["pim"], TEMPLATE, file_name="ditp-digital-2567.yaml"
        ).scorecard  # the department's planner sets its divisions' agreements up
        for kpi_id, named in NAMED.items():
            row = KpiOwnership.objects.create(scorecard=card, kpi_id=kpi_id, division=division)
            if named:
                row.users.add(people[named])
        agreement.sign(users["ekk"], card, "agency")  # the department's head signs
        agreement.sign(users["eve"], card, "evaluator")
        # The office dates its rounds as DITP does, so its people's to-do lists show them.
        dues = {(1, deadlines.ROUND): ROUND_DUES[1], (2, deadlines.ROUND): ROUND_DUES[2]}
        deadlines.set_dues(people["nok"], card, dues)
    if not Result.objects.filter(scorecard=card).exists():
        for round_no, entries in RESULTS.items():
            for kpi_id, (who, value) in entries.items():
                results.save_result(people[who], card, kpi_id, round_no, value, "", 0)
        reviews.transition(people["nok"], card, 1, "submit")  # the office submits its round
        reviews.transition(users["eve"], card, 1, "approve")
    for name, full, role in PEOPLE:
        out.write(f"  {name:<8} {role.label:<14} {DIVISION:<5} {full}")
