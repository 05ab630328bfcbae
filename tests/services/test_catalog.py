"""KPI 6 from uploaded catalog dumps: computed, stored as the result, the dumps its evidence."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import translation

from thaikpi.accounts.choices import Role
from thaikpi.accounts.models import Membership
from thaikpi.agencies.choices import AgencyKind
from thaikpi.agencies.models import Agency
from thaikpi.engine.loader import template_text
from thaikpi.results.models import Evidence, Result
from thaikpi.services import catalog, engine, imports
from thaikpi.services.errors import Invalid, NotAllowed

FIXTURES = Path(__file__).parent.parent / "sources" / "fixtures"
AGENCY = (FIXTURES / "agency.jsonl").read_bytes()
CENTRAL = (FIXTURES / "central.json").read_bytes()


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/json")


@pytest.fixture
def card(world):
    """A department's scorecard from the full DITP 2567 template; Pim is its planner."""
    return full_card(world)


def full_card(world):
    """A department's scorecard from the full DITP 2567 template (which has KPI 6)."""
    dep = Agency.objects.create(code="DTN", name_th="กรมทดสอบ", kind=AgencyKind.DEPARTMENT)
    world.pim = User.objects.create_user("pin")
    Membership.objects.create(user=world.pim, agency=dep, role=Role.PLANNER)
    text = template_text("ditp-2567").replace("code: DITP", "code: DTN", 1)
    return imports.import_template(world.ada, text).scorecard


def test_the_computed_shares_are_stored_as_the_round_2_result_with_both_dumps(world, card):
    saved, scored = catalog.store_result(
        world.pim, card, "6", upload("agency.jsonl", AGENCY), upload("central.json", CENTRAL), 0
    )
    saved.refresh_from_db()
    assert (saved.round_no, saved.raw) == (2, {"quality_pct": "45.83", "registered_pct": "62.50"})
    assert saved.note.startswith(
        "คำนวณจากบัญชีข้อมูล: ชุดข้อมูลสาธารณะ 24 ชุด มีคำอธิบายข้อมูลครบ 14 รายการ 17 ชุด"
    )
    assert (
        "(ตรวจการลงทะเบียนจากชื่อ (name) เดียวกัน; นับว่าเปิดเมื่อทรัพยากรอย่างน้อยหนึ่งรายการอยู่ในรูปแบบเปิด)"
        in saved.note
    )
    assert sorted(e.original_name for e in Evidence.objects.filter(result=saved)) == [
        "agency.jsonl",
        "central.json",
    ]
    assert scored.level == Decimal(0)
    assert engine.score(card, 2).kpi("6").level == Decimal(0)  # the engine reads what was stored


def test_a_bad_dump_stores_nothing_and_says_where_in_the_users_language(world, card):
    cut = upload("agency.jsonl", AGENCY[:3000])
    with translation.override("th"), pytest.raises(Invalid) as caught:
        catalog.store_result(world.pim, card, "6", cut, upload("central.json", CENTRAL), 0)
    assert caught.value.message.startswith("agency.jsonl:2: ไม่ใช่ JSON ที่ถูกต้อง")
    assert caught.value.findings[0].line == 2
    assert not Result.objects.filter(kpi_id="6").exists()
    assert not Evidence.objects.exists()


@override_settings(EVIDENCE_MAX_BYTES=10_000)
def test_a_dump_too_big_to_keep_as_evidence_is_refused_before_it_is_read(world, card):
    with pytest.raises(Invalid) as caught:
        catalog.store_result(
            world.pim, card, "6", upload("agency.jsonl", AGENCY), upload("c.json", CENTRAL), 0
        )
    assert caught.value.message == "ไฟล์บัญชีข้อมูลต้องมีขนาดไม่เกิน 0 MB"  # 10,000 bytes
    assert not Result.objects.exists()


def test_only_those_who_report_the_kpi_may_store_it(world, card):
    with pytest.raises(NotAllowed):
        catalog.store_result(
            world.mallory, card, "6", upload("a.jsonl", AGENCY), upload("c.json", CENTRAL), 0
        )
    assert not Result.objects.exists()


def test_computing_alone_saves_nothing(world, card):
    scored = catalog.compute_kpi(
        card, "6", catalog.Dump("a.jsonl", AGENCY), catalog.Dump("c.json", CENTRAL)
    )
    assert catalog.stored_inputs(scored) == {"quality_pct": "45.83", "registered_pct": "62.50"}
    assert not Result.objects.exists()
