"""Agencies at every level: templates find theirs by code; a missing one is named and added."""

from __future__ import annotations

import pytest
from django.utils import translation

from tests.personas import agency_text
from thaikpi.agencies.models import Agency
from thaikpi.changelog.models import AuditLog
from thaikpi.engine.loader import load_text
from thaikpi.services import agencies, imports
from thaikpi.services.errors import Invalid, NotAllowed

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("code", "name_th", "kind"),
    [
        ("MOC", "กระทรวงพาณิชย์", "ministry"),
        ("DITP", "กรมส่งเสริมการค้าระหว่างประเทศ", "department"),
        ("DITP-STRAT", "กองยุทธศาสตร์", "division"),
    ],
)
def test_a_scorecard_is_imported_for_an_agency_at_any_level(world, code, name_th, kind):
    text = agency_text(code, name_th).replace("(test)", "(test, any level)")
    version = imports.import_template(world.ada, text, reason="a new title")
    assert (version.scorecard.agency.code, version.scorecard.agency.kind) == (code, kind)


def test_a_province_signs_its_own_scorecard(world):
    Agency.objects.create(code="CNX", name_th="จังหวัดเชียงใหม่", kind="province")
    version = imports.import_template(
        world.ada, agency_text("CNX", "จังหวัดเชียงใหม่", ministry_th="กระทรวงมหาดไทย")
    )
    with translation.override("en"):
        assert version.scorecard.agency.get_kind_display() == "Province"
    with translation.override("th"):
        assert version.scorecard.agency.get_kind_display() == "จังหวัด"


def test_a_missing_agency_is_named_with_what_to_add(world):
    with pytest.raises(agencies.AgencyMissing) as caught:
        imports.import_template(world.ada, agency_text("DIT", "กรมการค้าภายใน", "Internal Trade"))
    assert "DIT" in caught.value.message and "กรมการค้าภายใน" in caught.value.message
    assert caught.value.proposal.as_query() == {
        "code": "DIT", "name_th": "กรมการค้าภายใน", "name_en": "Internal Trade",
        "kind": "department", "parent": str(world.ditp.parent_id),
    }  # fmt: skip


@pytest.mark.parametrize(
    ("name_th", "ministry_th", "kind"),
    [
        ("กระทรวงพาณิชย์", "กระทรวงพาณิชย์", "ministry"),
        ("กรมการค้าภายใน", "กระทรวงพาณิชย์", "department"),
        ("สำนักงานปลัดกระทรวงพาณิชย์", "กระทรวงพาณิชย์", "department"),
        ("จังหวัดเชียงใหม่", "กระทรวงมหาดไทย", "province"),
        ("สำนักงานจังหวัดเชียงใหม่", "กระทรวงมหาดไทย", "province"),
        ("กองยุทธศาสตร์", "กระทรวงพาณิชย์", "division"),
        ("Somewhere", "กระทรวงพาณิชย์", "department"),
    ],
)
def test_the_kind_proposed_follows_the_thai_name(db, name_th, ministry_th, kind):
    spec = load_text(agency_text("X1", name_th, ministry_th=ministry_th)).agency
    assert agencies.proposal_for(spec).kind == kind


@pytest.mark.parametrize("who", ["eve", "ada"])
def test_administrators_and_evaluators_add_an_agency_recorded_in_the_audit_log(world, who):
    data = {"code": "DIT", "name_th": "กรมการค้าภายใน", "name_en": "", "kind": "department",
            "parent": world.ditp.parent}  # fmt: skip
    agency = agencies.create_agency(world.user(who), data)
    entry = AuditLog.objects.get(action="agency.create")
    assert (entry.actor, entry.object_id) == (world.user(who), str(agency.pk))
    assert entry.after == {"code": "DIT", "name_th": "กรมการค้าภายใน", "name_en": "",
                           "kind": "department", "parent": "MOC"}  # fmt: skip


@pytest.mark.parametrize("who", ["pim", "oat", "ekk", "mallory"])
def test_no_one_else_adds_agencies(world, who):
    with pytest.raises(NotAllowed):
        agencies.create_agency(
            world.user(who), {"code": "DIT", "name_th": "ก", "kind": "department"}
        )
    assert not Agency.objects.filter(code="DIT").exists()


@pytest.mark.parametrize(
    ("code", "kind", "parent", "refused"),
    [
        ("DITP", "department", None, "already exists"),
        ("NEW", "division", None, "needs the agency it belongs to"),
        ("NEW", "ministry", "MOC", "belongs to no other agency"),
        ("NEW", "department", "DITP-STRAT", "cannot belong to a division"),
    ],
)
def test_an_agency_that_cannot_be_is_refused_with_a_reason(world, code, kind, parent, refused):
    data = {"code": code, "name_th": "ทดสอบ", "kind": kind,
            "parent": Agency.objects.filter(code=parent).first()}  # fmt: skip
    with translation.override("en"), pytest.raises(Invalid, match=refused):
        agencies.create_agency(world.eve, data)
    assert AuditLog.objects.filter(action="agency.create").count() == 0


def test_a_planner_of_a_ministry_imports_the_ministrys_scorecard(world):
    from tests.personas import _user
    from thaikpi.accounts.choices import Role

    planner = _user("mina", Role.PLANNER, world.ditp.parent)
    version = imports.import_template(planner, agency_text("MOC", "กระทรวงพาณิชย์"))
    assert version.scorecard.agency.code == "MOC"
    with pytest.raises(NotAllowed):
        imports.import_template(world.pim, agency_text("MOC", "กระทรวงพาณิชย์").replace(
            "(test)", "(test, 2)"), reason="not hers")  # fmt: skip
