"""The audit's notes and rounding habits in English and Thai."""

from __future__ import annotations

import unicodedata

import pytest

from tests.engine.conftest import MINI
from thaikpi.engine.audit import AuditFinding, audit
from thaikpi.engine.loader import load_named, load_text
from thaikpi.engine.model import Scorecard
from thaikpi.textimport.pdf_text_repair import looks_damaged


@pytest.fixture(scope="module")
def ditp() -> Scorecard:
    return load_named("ditp-2567")


def _notes(scorecard: Scorecard) -> dict[tuple[str, str], AuditFinding]:
    return {(f.kpi, f.figure): f for f in audit(scorecard).findings if f.note}


def test_the_audit_says_in_thai_that_kpi_3_fits_another_rounding_habit(ditp: Scorecard) -> None:
    fit = next(h for h in audit(ditp).habits if h.kpi == "3")
    assert fit.describe() == (
        "KPI 3: figures fit truncate, 2 places, intermediates rounded (17 of 20 match) better "
        "than the declared half-up, 2 places, intermediates exact (6 of 20)"
    )
    assert (
        fit.text("th")
        == fit.message_th
        == (
            "ตัวชี้วัด 3: ตัวเลขที่ระบุไว้ตรงกับวิธี ตัดเศษทิ้ง, ทศนิยม 2 ตำแหน่ง, "
            "ปัดเศษค่าระหว่างการคำนวณ (17 จาก 20 ตัว) มากกว่าวิธีที่แม่แบบกำหนด คือ "
            "ปัดเศษแบบครึ่งขึ้น, ทศนิยม 2 ตำแหน่ง, ไม่ปัดเศษค่าระหว่างการคำนวณ (6 จาก 20 ตัว)"
        )
    )
    assert fit.text("en") == fit.message == fit.describe()


def test_a_habit_that_fits_the_declared_rounding_says_so_in_thai(ditp: Scorecard) -> None:
    fit = next(h for h in audit(ditp).habits if h.kpi == "2")
    assert fit.describe("th") == (
        "ตัวชี้วัด 2: ตัวเลข 19 จาก 20 ตัวตรงกับวิธีปัดเศษที่แม่แบบกำหนด "
        "(ปัดเศษแบบครึ่งขึ้น, ทศนิยม 2 ตำแหน่ง, ไม่ปัดเศษค่าระหว่างการคำนวณ)"
    )


@pytest.mark.parametrize(
    ("kpi", "figure", "note", "thai"),
    [
        (
            "1",
            "baseline 2562 export_growth",
            "no export_value for 2561",
            "ไม่มีค่ามูลค่าการส่งออก (ล้านเหรียญสหรัฐ) ของปี 2561",
        ),
        (
            "4",
            "round 1 level 50",
            "parameter entrepreneurs_target_2567 is not set yet",
            "ยังไม่ได้กำหนดค่าพารามิเตอร์ เป้าหมายจำนวนผู้ประกอบการที่ได้รับการพัฒนาและส่งเสริม ปี 2567",
        ),
    ],
)
def test_an_audit_note_on_the_ditp_template_is_said_in_thai(
    ditp: Scorecard, kpi: str, figure: str, note: str, thai: str
) -> None:
    found = _notes(ditp)[(kpi, figure)]
    assert (found.note, found.note_th) == (note, thai)
    assert found.text("th") == thai and found.text("en") == note


@pytest.mark.parametrize(
    ("change", "kpi", "figure", "thai"),
    [
        (None, "1", "round 1 level 50", "แม่แบบไม่ได้ระบุตัวเลขไว้"),
        (None, "2", "round 1 level 75", "ยังไม่ได้กำหนดค่าพารามิเตอร์ เป้าหมายจำนวนผู้ประกอบการ"),
        (
            (
                "column: ratio, years: [2564, 2566], stated",
                "column: ratio, years: [2563, 2566], stated",
            ),
            "2",
            "mean ratio 2563–2566",
            "บางปีไม่มีค่า",
        ),
        (
            (
                "years: [2564, 2566]}}\n          - {score: 75",
                "years: [2563, 2566]}}\n          - {score: 75",
            ),
            "2",
            "round 2 level 50",
            "ข้อมูลพื้นฐาน ratio ปี 2563–2566 ไม่ครบ",
        ),
        (
            ("{year: 2565, budget: 530.5815,", "{year: 2565, budget: 0,"),
            "2",
            "baseline 2565 ratio",
            "หารด้วยศูนย์: budget เป็น 0",
        ),
        (
            (
                "{year: 2564, budget: 645.107, trade_value: 29244.11,",
                "{year: 2564, budget: 645.107,",
            ),
            "2",
            "baseline 2564 ratio",
            "ไม่มีค่ามูลค่าการค้า",
        ),
    ],
)
def test_an_audit_note_on_a_changed_fixture_is_said_in_thai(
    change: tuple[str, str] | None, kpi: str, figure: str, thai: str
) -> None:
    text = MINI.read_text(encoding="utf-8")
    if change:
        assert change[0] in text
        text = text.replace(*change, 1)
    assert _notes(load_text(text, "mini.yaml"))[(kpi, figure)].note_th == thai


def test_every_audit_note_has_its_thai(ditp: Scorecard) -> None:
    mini = load_text(MINI.read_text(encoding="utf-8"), "mini.yaml")
    notes = list(_notes(ditp).values()) + list(_notes(mini).values())
    assert notes
    for f in notes:
        assert f.note_th and unicodedata.is_normalized("NFC", f.note_th)
        assert not looks_damaged(f.note_th)
        assert f.as_dict()["note_th"] == f.note_th and f.as_dict()["note"] == f.note
    for h in audit(ditp).habits:
        assert h.message_th.startswith(f"ตัวชี้วัด {h.kpi}: ")


@pytest.mark.parametrize(
    ("kpi", "figure", "thai"),
    [
        (
            "1",
            "baseline 2563 export_growth",
            "มูลค่าการส่งออก (ล้านเหรียญสหรัฐ): (ปี 2563 − ปี 2562) / ปี 2562 × 100",
        ),
        ("3", "baseline 2564 ratio", "มูลค่าการค้า (ล้านบาท) / งบประมาณ (ล้านบาท)"),
    ],
)
def test_baseline_formulas_name_their_columns_in_thai(
    ditp: Scorecard, kpi: str, figure: str, thai: str
) -> None:
    found = next(f for f in audit(ditp).findings if (f.kpi, f.figure) == (kpi, figure))
    assert found.formula_in("th") == thai
    assert found.formula_in("en") == found.formula != thai
