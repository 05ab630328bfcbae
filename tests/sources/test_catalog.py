"""KPI 6 from a CKAN catalog: the 14 items, open formats, registration, shares and level."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thaikpi.engine.findings import EngineError
from thaikpi.engine.loader import load
from thaikpi.engine.model import Text
from thaikpi.sources import catalog
from thaikpi.sources.catalog import (
    Group,
    MatchRule,
    QualityRule,
    Rules,
    check_catalog,
    compute,
    groups_of,
    missing_items,
)
from thaikpi.sources.ckan import Dataset, read_dump

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def ditp():
    return load("ditp-2567")


def complete(name: str, formats: tuple[str, ...] = ("CSV",), **changes: Any) -> Dataset:
    """A dataset with all 14 items filled in, in the given formats, with ``changes`` applied."""
    data: dict[str, Any] = {
        "name": name,
        "title": f"ชุดข้อมูล {name}",
        "data_type": "ข้อมูลสถิติ",
        "owner_org": "ditp",
        "maintainer": "กองเทคโนโลยีสารสนเทศ",
        "maintainer_email": "it@ditp.go.th",
        "tags": [{"name": "ส่งออก"}],
        "notes": "รายละเอียด",
        "objective": ["ยุทธศาสตร์ชาติ"],
        "update_frequency_unit": "ปี",
        "update_frequency_interval": "1",
        "geo_coverage": "ประเทศ",
        "data_source": "กรมส่งเสริมการค้าระหว่างประเทศ",
        "data_format": list(formats),
        "data_category": "ข้อมูลสาธารณะ",
        "license_id": "Open Data Common",
        "url": f"https://catalog.example.go.th/dataset/{name}",
        "resources": [{"format": f, "url": f"https://files.example/{name}.{f}"} for f in formats],
    }
    data.update(changes)
    return Dataset(data, "test")


def central(*names: str) -> list[Dataset]:
    return [Dataset({"name": n}, "central") for n in names]


def test_a_complete_dataset_lacks_none_of_the_14_items():
    assert missing_items(complete("a").data) == ()
    assert len(catalog.MANDATORY) == 14


@pytest.mark.parametrize(
    ("change", "missing"),
    [
        ({"objective": []}, ["objective"]),
        ({"notes": "   "}, ["notes"]),
        ({"tags": [], "tag_string": ""}, ["tag_string"]),
        ({"tags": [], "tag_string": "ส่งออก,การค้า"}, []),
        ({"owner_org": None, "organization": {"name": "ditp"}}, []),
        ({"owner_org": None}, ["owner_org"]),
        ({"update_frequency_interval": ""}, ["update_frequency_unit"]),
        ({"update_frequency_interval": "0"}, ["update_frequency_unit"]),
        (
            {
                "update_frequency_unit": "ไม่มีการปรับปรุงหลังจากการจัดเก็บข้อมูล",
                "update_frequency_interval": None,
            },
            [],
        ),
        ({"license_id": None, "maintainer_email": ""}, ["maintainer_email", "license_id"]),
        ({"data_format": [""]}, ["data_format"]),
    ],
)
def test_missing_or_empty_items_are_named_by_the_schema_field(change, missing):
    data = dict(complete("a").data)
    for key, value in change.items():
        data[key] = value
    assert [i.field for i in missing_items(data)] == missing


@pytest.mark.parametrize(
    ("formats", "rule", "is_open"),
    [
        (("CSV",), QualityRule.ANY, True),
        (("csv ",), QualityRule.ANY, True),
        ((".json",), QualityRule.ANY, True),
        (("text/csv",), QualityRule.ANY, True),
        (("API",), QualityRule.ANY, True),
        (("PDF",), QualityRule.ANY, False),
        (("XLSX",), QualityRule.ANY, False),
        (("XLSX", "CSV"), QualityRule.ANY, True),
        (("XLSX", "CSV"), QualityRule.ALL, False),
        ((), QualityRule.ANY, False),
    ],
)
def test_a_dataset_is_open_by_its_resources_formats(formats, rule, is_open):
    checked = check_catalog([complete("a", formats)], [], Rules(quality=rule))
    assert checked.datasets[0].open is is_open


def test_registration_is_matched_by_name_or_by_url_as_the_rule_says():
    mine = complete("ditp-export", url="https://catalog.ditp.go.th/dataset/ditp-export/")
    by_url = Dataset(
        {"name": "gdc-0001", "url": "HTTPS://Catalog.DITP.go.th/dataset/ditp-export"}, "c"
    )
    assert check_catalog([mine], central("ditp-export")).datasets[0].registered
    assert not check_catalog([mine], [by_url]).datasets[0].registered
    assert check_catalog([mine], [by_url], Rules(match=MatchRule.URL)).datasets[0].registered


def test_shares_count_only_datasets_with_all_14_items_over_every_public_dataset():
    mine = [
        complete("a"),
        complete("b"),
        complete("c", ("PDF",)),
        complete("d", objective=[]),  # open and registered, but not counted
        complete("hidden", private=True),  # not public: not in the denominator
        complete("gone", state="deleted"),
    ]
    checked = check_catalog(mine, central("a", "c", "d", "hidden"))
    assert checked.total == 4
    assert checked.counted == 3
    assert checked.quality_pct == Decimal("50.00")  # a, b of 4
    assert checked.registered_pct == Decimal("50.00")  # a, c of 4


def test_a_share_just_below_100_is_cut_not_rounded_up_to_the_100_level(ditp):
    mine = [complete(f"d{n}") for n in range(100_000)]
    mine[0] = complete("d0", ("PDF",))
    scored = compute(ditp, "6", mine, central(*(f"d{n}" for n in range(100_000))))
    assert scored.check.quality_exact == Decimal("99.999")
    assert scored.check.quality_pct == Decimal("99.99")
    assert scored.level == Decimal(50)


@pytest.mark.parametrize(
    ("pdf", "unregistered", "level"),
    [(0, 0, 100), (0, 1, 75), (1, 0, 50), (2, 0, 0)],
)
def test_the_level_comes_from_the_templates_conditions_through_the_engine(
    ditp, pdf, unregistered, level
):
    mine = [complete(f"d{n}", ("PDF",) if n < pdf else ("CSV",)) for n in range(10)]
    registered = [f"d{n}" for n in range(unregistered, 10)]
    scored = compute(ditp, "6", mine, central(*registered))
    assert scored.round_no == 2
    assert scored.level == Decimal(level)
    assert scored.score.score == Decimal(level)


def test_the_generated_catalog_is_checked_as_it_was_made(ditp):
    agency = read_dump((FIXTURES / "agency.jsonl").read_bytes(), "agency.jsonl")
    gd = read_dump((FIXTURES / "central.json").read_bytes(), "central.json")
    made = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))
    scored = compute(ditp, "6", agency, gd)
    got = [
        {
            "name": d.name,
            "missing": [i.field for i in d.missing],
            "open": d.open,
            "registered": d.registered,
        }
        for d in scored.check.datasets
    ]
    assert got == made
    counted = [m for m in made if not m["missing"]]
    assert scored.check.total == 24
    assert scored.check.counted == len(counted) == 17
    assert scored.check.quality_exact == Decimal(100) * sum(m["open"] for m in counted) / 24
    assert scored.check.quality_pct == Decimal("45.83")  # 11 of 24, cut at 2 places
    assert scored.check.registered_pct == Decimal("62.50")  # 15 of 24
    assert scored.level == Decimal(0)
    assert scored.group == Group(1, 1, 25)


def test_each_problem_is_said_in_thai_and_english():
    mine = complete("a", ("PDF",), objective=[])
    problems = check_catalog([mine], []).datasets[0].problems()
    assert problems == [
        ("missing metadata: objective", "คำอธิบายข้อมูลที่ยังขาด: วัตถุประสงค์"),
        (
            "not in an open format (PDF): add CSV, JSON, XML or an API",
            "ไม่อยู่ในรูปแบบเปิด (PDF): เพิ่มไฟล์ CSV, JSON, XML หรือ API",
        ),
        ("not registered in the GD Catalog", "ยังไม่ได้ลงทะเบียนในระบบบัญชีข้อมูลภาครัฐ (GD Catalog)"),
    ]


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("กลุ่มที่ 1: 1 ถึง 25 ชุดข้อมูล", [Group(1, 1, 25)]),
        (
            "กลุ่มที่ 1: 1 ถึง 25 ชุดข้อมูล\nกลุ่มที่ 2: 26 ถึง 50 ชุดข้อมูล\nกลุ่มที่ 3: 51 ชุดข้อมูลขึ้นไป",
            [Group(1, 1, 25), Group(2, 26, 50), Group(3, 51, None)],
        ),
        ("", []),
    ],
)
def test_the_count_groups_are_read_from_the_templates_text(text, groups):
    assert list(groups_of(Text(text, ""))) == groups


@pytest.mark.parametrize(
    ("count", "number"), [(1, 1), (25, 1), (26, 2), (50, 2), (51, 3), (999, 3)]
)
def test_the_agency_falls_in_the_group_its_dataset_count_says(count, number):
    groups = [Group(1, 1, 25), Group(2, 26, 50), Group(3, 51, None)]
    found = catalog.group_for(count, groups)
    assert found is not None and found.number == number


def test_an_empty_catalog_is_refused_in_both_languages():
    with pytest.raises(EngineError) as caught:
        check_catalog([complete("x", private=True)], [])
    assert caught.value.findings[0].message_th == "บัญชีข้อมูลของหน่วยงานไม่มีชุดข้อมูลสาธารณะให้นับ"


def test_a_kpi_without_catalog_conditions_is_refused(ditp):
    with pytest.raises(EngineError) as caught:
        compute(ditp, "1", [complete("a")], [])
    assert caught.value.findings[0].kpi == "1"


@given(st.lists(st.tuples(st.booleans(), st.booleans(), st.booleans()), min_size=1, max_size=40))
def test_shares_are_the_fractions_of_the_public_datasets_cut_at_2_places(flags):
    mine = [
        complete(f"d{n}", ("CSV",) if is_open else ("PDF",), **({} if full else {"notes": ""}))
        for n, (full, is_open, _) in enumerate(flags)
    ]
    gd = central(*(f"d{n}" for n, (_, _, reg) in enumerate(flags) if reg))
    checked = check_catalog(mine, gd)
    quality = sum(1 for full, is_open, _ in flags if full and is_open)
    registered = sum(1 for full, _, reg in flags if full and reg)
    # In hundredths, by integer arithmetic: floor(100 × 100 × part / whole).
    assert checked.quality_pct == Decimal(10_000 * quality // len(flags)) / 100
    assert checked.registered_pct == Decimal(10_000 * registered // len(flags)) / 100
    assert Decimal(0) <= checked.quality_pct <= checked.quality_exact <= Decimal(100)
