"""Creating a scorecard for an agency and a fiscal year: from scratch or from last year's."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from thaikpi.accounts.choices import Role
from thaikpi.accounts.models import Membership
from thaikpi.agencies.choices import AgencyKind
from thaikpi.agencies.models import Agency
from thaikpi.changelog.models import AuditLog
from thaikpi.engine import loader
from thaikpi.engine.loader import template_text
from thaikpi.scorecards.models import KpiOwnership
from thaikpi.services import creation, engine, imports, results
from thaikpi.services.errors import Invalid, NotAllowed


@pytest.fixture(autouse=True)
def english():
    """Messages are matched in English."""
    with translation.override("en"):
        yield


@pytest.fixture
def dtn(world):
    """A department with the DITP 2567 template as its own, a 12-month result and owners."""
    agency = Agency.objects.create(
        code="DTN", name_th="กรมเจรจาการค้าระหว่างประเทศ", kind=AgencyKind.DEPARTMENT,
        parent=world.ditp.parent,
    )  # fmt: skip
    Membership.objects.create(user=world.pim, agency=agency, role=Role.PLANNER)
    text = template_text("ditp-2567").replace("code: DITP", "code: DTN", 1)
    card = imports.import_template(world.ada, text).scorecard
    results.save_result(world.ada, card, "3", 2, {"trade_value": "120000", "budget": "250"}, "", 0)
    row = KpiOwnership.objects.create(scorecard=card, kpi_id="3", division=world.strat)
    row.users.add(world.oat)
    return agency, card


@pytest.mark.parametrize("code", ["DITP", "DBD", "DITP-STRAT", "MOC"])
def test_a_skeleton_is_a_valid_template_for_any_agency(world, code):
    agency = Agency.objects.get(code=code)
    sc = loader.load_text(creation.skeleton(agency, 2570))
    assert (sc.agency.code, sc.fiscal_year.year_be, sc.id) == (code, 2570, f"{code.lower()}-2570")
    assert sc.agency.ministry.th == "กระทรวงพาณิชย์"
    assert [k.weight for k in sc.kpis] == [Decimal(70), Decimal(30)]


def test_from_scratch_makes_version_1_of_a_draft_and_the_log_says_so(world):
    card, drafted = creation.create(world.pim, world.ditp, 2568, creation.SCRATCH)
    assert (card.fiscal_year.year_be, card.current.number, card.is_agreed) == (2568, 1, False)
    entry = AuditLog.objects.get(scorecard=card, action="scorecard.create")
    assert (entry.actor, entry.after) == (world.pim, {"start": "scratch", "year": 2568})
    assert drafted.notes == []


def test_from_last_year_moves_the_year_rules_and_baseline(world, dtn):
    agency, last = dtn
    card, _drafted = creation.create(world.pim, agency, 2568, creation.LAST_YEAR)
    sc, old = engine.current(card), engine.current(last)
    assert (sc.id, sc.fiscal_year.year_be, str(sc.fiscal_year.starts)) == (
        "ditp-2568", 2568, "2024-10-01")  # fmt: skip
    assert "2568" in sc.title.th and "2567" not in sc.title.th
    assert [(k.id, k.name.th, k.weight) for k in sc.kpis] == [
        (k.id, k.name.th, k.weight) for k in old.kpis
    ]
    kpi = sc.kpi("3")
    assert [r.year for r in kpi.baseline.rows] == [2563, 2564, 2565, 2566, 2567]
    assert kpi.baseline.rows[-1].values["trade_value"] == Decimal("120000")
    level = kpi.round(2).levels[1]  # 75: best ratio of 2565-2567, 120000 / 250 = 480 now
    assert level.rule.params["years"] == (2565, 2567)
    assert (level.stated, level.value) == (Decimal("480.00"), Decimal("480.00"))
    round1 = [lv.stated for lv in kpi.round(1).levels]  # 30/35/40 % of round 2's level 75
    assert round1 == [Decimal("144.00"), Decimal("168.00"), Decimal("192.00")]


def test_from_last_year_copies_owners_and_lists_what_it_could_not_carry(world, dtn):
    agency, last = dtn
    card, drafted = creation.create(world.pim, agency, 2568, creation.LAST_YEAR)
    row = KpiOwnership.objects.get(scorecard=card, kpi_id="3")
    assert (row.division, list(row.users.all())) == (world.strat, [world.oat])
    noted = {kpi for kpi, _text in drafted.notes}
    assert "2" in noted and "3" not in noted  # KPI 2 has no 12-month result of 2567
    entry = AuditLog.objects.get(scorecard=card, action="scorecard.create")
    assert (entry.after["from_scorecard"], entry.after["owners"]) == (last.pk, 1)


@pytest.mark.parametrize(
    ("persona", "code", "year", "start", "error", "message"),
    [
        ("mallory", "DITP", 2568, "scratch", NotAllowed, "may not create"),
        ("eve", "DITP", 2568, "scratch", NotAllowed, "may not create"),
        ("pim", "DITP", 2567, "scratch", Invalid, "already has a scorecard for 2567"),
        ("pim", "DITP", 2569, "last_year", Invalid, "no scorecard for 2568"),
        ("pim", "DITP", 2568, "copy", Invalid, "Choose how"),
    ],
)
def test_creating_is_refused_with_a_reason(world, persona, code, year, start, error, message):
    with pytest.raises(error, match=message):
        creation.create(world.user(persona), Agency.objects.get(code=code), year, start)
