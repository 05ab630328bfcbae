"""Repairing Thai text extracted from PDFs (thaikpi.textimport.pdf_text_repair)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thaikpi.textimport import pdf_text_repair
from thaikpi.textimport.pdf_text_repair import Repair, looks_damaged, normalize_thai, repair_thai

# Real lines (or parts of lines) from a PDF-extracted performance agreement, with what they
# should read. They show only the damage repaired here.
REAL_LINES = [
    (" จ านวน 9 ตัวชี้วัด", " จำนวน 9 ตัวชี้วัด"),
    (
        "การประเมินศักยภาพในการด าเนินงาน (Potential Base) (ร้อยละ 30)",
        "การประเมินศักยภาพในการดำเนินงาน (Potential Base) (ร้อยละ 30)",
    ),
    ("ค าอธิบาย :", "คำอธิบาย :"),
    (
        "ได้แก่ ส านักงานนโยบายและยุทธศาสตร์การค้า กรมส่งเสริมการค้าระหว่างประเทศ "
        "กรมเจรจาการค้ าระหว่างประเทศ และ",
        "ได้แก่ สำนักงานนโยบายและยุทธศาสตร์การค้า กรมส่งเสริมการค้าระหว่างประเทศ "
        "กรมเจรจาการค้าระหว่างประเทศ และ",
    ),
    (
        "2.  พิจารณาความส าเร็จจาก ร้อยละการเปลี่ยนแปลงของมูลค่าการส่งออกท้ังหมด"
        "ในปีงบประมาณ 2567 (ต.ค. 66 - ก.ย. 67) ",
        "2. พิจารณาความสำเร็จจาก ร้อยละการเปลี่ยนแปลงของมูลค่าการส่งออกทั้งหมด"
        "ในปีงบประมาณ 2567 (ต.ค. 66 - ก.ย. 67)",
    ),
    (
        "วิเคราะห์ทางเศรษฐกิจท่ีมีข้อมูลเป็นปัจจุบัน เพ่ือสะท้อนภาพรวมการส่งออกของประเทศ"
        "ท่ีชัดเจนมากยิ่งขึ้น โดยก าหนดค่าเป้าหมายโดยการ",
        "วิเคราะห์ทางเศรษฐกิจที่มีข้อมูลเป็นปัจจุบัน เพื่อสะท้อนภาพรวมการส่งออกของประเทศ"
        "ที่ชัดเจนมากยิ่งขึ้น โดยกำหนดค่าเป้าหมายโดยการ",
    ),
    (
        "ดิจิทัลหน่วยงานภาครัฐ ท่ีท าการส ารวจมาอย่างต่อเน่ืองตั้งแต่ปี พ.ศ. 2558",
        "ดิจิทัลหน่วยงานภาครัฐ ที่ทำการสำรวจมาอย่างต่อเนื่องตั้งแต่ปี พ.ศ. 2558",
    ),
    (
        "สพร. ได้ก าหนดกลุ่มเป้าหมายในการส ารวจ จ านวนรวมท้ังสิ้น 376 หน่วยงาน",
        "สพร. ได้กำหนดกลุ่มเป้าหมายในการสำรวจ จำนวนรวมทั้งสิ้น 376 หน่วยงาน",
    ),
    ("ที่ต่ าที่สุด 3 ปี ย้อนหลัง", "ที่ต่ำที่สุด 3 ปี ย้อนหลัง"),
    ("KPI Template น้ าหนัก", "KPI Template น้ำหนัก"),
    ("2. เก็บข้อมูลจากเอกสารหรือหลักฐานที่แสดงการซ้ือขาย", "2. เก็บข้อมูลจากเอกสารหรือหลักฐานที่แสดงการซื้อขาย"),
    (
        "กลุ่ม เป้าหมายข้ันต้น (50) เป้าหมายมาตรฐาน (75) เป้าหมายข้ันสูง (100)",
        "กลุ่ม เป้าหมายขั้นต้น (50) เป้าหมายมาตรฐาน (75) เป้าหมายขั้นสูง (100)",
    ),
    ("ของมูลคา่การส่งออกภาพรวม (ร้อยละ)", "ของมูลค่าการส่งออกภาพรวม (ร้อยละ)"),
    ("√ ตัวช้ีวัดเฉพาะหน่วยงาน", "√ ตัวชี้วัดเฉพาะหน่วยงาน"),
    ("\uf06f ตัวช้ีวัดบูรณาการหลาย", "☐ ตัวชี้วัดบูรณาการหลาย"),
    ("\uf052 หน่วยงานที่เกี่ยวข้อง", "☑ หน่วยงานที่เกี่ยวข้อง"),
]


@pytest.mark.parametrize(("damaged", "repaired"), REAL_LINES)
def test_it_repairs_real_lines_from_a_performance_agreement(damaged: str, repaired: str) -> None:
    assert normalize_thai(damaged) == repaired


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("ด าเนินงาน", "ดำเนินงาน"),
        ("น้ าหนัก", "น้ำหนัก"),
        ("ส านักงาน", "สำนักงาน"),
        ("ค าอธิบาย", "คำอธิบาย"),
        ("จ านวน", "จำนวน"),
        ("ต่ าที่สุด", "ต่ำที่สุด"),
        ("การน าเข้า", "การนำเข้า"),
        ("ล าดับ", "ลำดับ"),
        ("ท าให้", "ทำให้"),
        ("ประจ าปี", "ประจำปี"),
        ("จ า  นวน", "จำ นวน"),  # the join takes every space; the rest is just spacing
    ],
)
def test_it_joins_a_split_sara_am(damaged: str, repaired: str) -> None:
    assert normalize_thai(damaged) == repaired


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("กรมเจรจาการค้ าระหว่างประเทศ", "กรมเจรจาการค้าระหว่างประเทศ"),
        ("การค้ าขาย", "การค้าขาย"),
        ("ท าง", "ทาง"),
        ("เข้ า", "เข้า"),
        ("ท่ าน", "ท่าน"),
        ("ส ามารถ", "สามารถ"),
    ],
)
def test_it_drops_a_spurious_space_before_a_real_sara_aa(damaged: str, repaired: str) -> None:
    assert normalize_thai(damaged) == repaired


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("ฮ าฮ", "ฮำฮ"),  # no reading is a word
        ("ที่ส านกังาน", "ที่สำนกังาน"),  # other damage nearby spoils both readings
    ],
)
def test_it_reads_sara_am_when_the_dictionary_cannot_decide(damaged: str, repaired: str) -> None:
    assert normalize_thai(damaged) == repaired


def test_it_joins_common_words_without_the_dictionary(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_dictionary(phrase: str) -> list[str]:
        raise AssertionError(f"consulted the dictionary for {phrase!r}")

    monkeypatch.setattr(pdf_text_repair, "_tokenize", no_dictionary)
    assert normalize_thai("การด าเนินงานของส านักงาน จ านวน 9 ตัวชี้วัด") == (
        "การดำเนินงานของสำนักงาน จำนวน 9 ตัวชี้วัด"
    )


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("น\u0e49\u0e4d\u0e32", "น้ำ"),
        ("น\u0e4d\u0e49\u0e32", "น้ำ"),
        ("ท\u0e4d\u0e32", "ทำ"),
        ("ต\u0e48\u0e4d\u0e32", "ต่ำ"),
    ],
)
def test_it_turns_nikhahit_and_sara_aa_into_sara_am(damaged: str, repaired: str) -> None:
    assert normalize_thai(damaged) == repaired


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("ตัวช้ีวัด", "ตัวชี้วัด"),
        ("ข้ึน", "ขึ้น"),
        ("เพ่ือ", "เพื่อ"),
        ("ท้ัง", "ทั้ง"),
        ("ซ้ือ", "ซื้อ"),
        ("ก\u0e4cิ", "กิ\u0e4c"),  # thanthakhat
        ("ก\u0e47ิ", "กิ\u0e47"),  # mai taikhu
        ("ผ\u0e49\u0e39", "ผู้"),  # below the consonant too
        ("กล\u0e48\u0e38ม", "กลุ่ม"),
    ],
)
def test_it_puts_a_tone_mark_after_its_vowel(damaged: str, repaired: str) -> None:
    assert normalize_thai(damaged) == repaired


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [("มูลคา่", "มูลค่า"), ("การคา้", "การค้า"), ("เปา้หมาย", "เป้าหมาย"), ("นำ้", "น้ำ")],
)
def test_it_moves_a_tone_mark_from_after_sara_aa_to_the_consonant(
    damaged: str, repaired: str
) -> None:
    assert normalize_thai(damaged) == repaired


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("ป\uf70bา", "ป้า"),  # Windows: tone shifted down
        ("ช\uf702\uf70b", "ชี้"),  # Windows: vowel shifted left, tone shifted down
        ("ป\uf701\uf713", "ปิ่"),  # Windows: both shifted left
        ("น\uf706\uf711า", "น้ำ"),  # Windows: nikhahit shifted left, then nikhahit + sara aa
        ("ก\uf718", "กุ"),
        ("\uf70fาณ", "ญาณ"),
        ("\uf700าน", "ฐาน"),
        ("ช\uf886\uf88e", "ชี้"),  # Mac
        ("ท\uf884\uf88dง", "ทั้ง"),  # Mac
    ],
)
def test_it_maps_shifted_private_use_marks_back_to_thai(damaged: str, repaired: str) -> None:
    assert normalize_thai(damaged) == repaired


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("\uf0b7 ข้อ 1", "• ข้อ 1"),
        ("\uf0a7 ข้อ 1", "• ข้อ 1"),
        ("\uf0d8 ข้อ 1", "• ข้อ 1"),
        ("\uf06f ไม่ใช่", "☐ ไม่ใช่"),
        ("\uf0fe ใช่", "☑ ใช่"),
        ("\uf0fc ผ่าน", "✓ ผ่าน"),
    ],
)
def test_it_maps_private_use_bullets_and_check_boxes(damaged: str, repaired: str) -> None:
    assert normalize_thai(damaged) == repaired


def test_it_drops_and_reports_unknown_private_use_characters() -> None:
    text, repairs = repair_thai("ข้อ\ue123มูล")
    assert text == "ข้อมูล"
    assert repairs == [Repair(1, 4, "\ue123", "", pdf_text_repair.PRIVATE_USE_DROPPED)]


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("ร้อยละ   5", "ร้อยละ 5"),
        ("ร้อยละ 5   \nร้อยละ 10\t", "ร้อยละ 5\nร้อยละ 10"),
        ("ก\n\n\nข\n", "ก\n\n\nข\n"),
        ("ก  \r\nข", "ก\r\nข"),
        ("   ", ""),
    ],
)
def test_it_collapses_spaces_and_strips_trailing_ones_but_keeps_line_breaks(
    damaged: str, repaired: str
) -> None:
    assert normalize_thai(damaged) == repaired


def test_the_result_is_nfc() -> None:
    text, repairs = repair_thai("cafe\u0301 ก")
    assert text == "caf\u00e9 ก"
    assert repairs == [Repair(1, 4, "e\u0301", "\u00e9", pdf_text_repair.NFC)]


def test_it_reports_each_repair_with_its_line_and_column() -> None:
    text, repairs = repair_thai("ตัวช้ีวัด\n\nกรมเจรจาการค้ าระหว่าง จ านวน  9\uf0b7")
    assert text == "ตัวชี้วัด\n\nกรมเจรจาการค้าระหว่าง จำนวน 9•"
    assert repairs == [
        Repair(1, 4, "ช้ี", "ชี้", pdf_text_repair.MARK_ORDER),
        Repair(3, 12, "ค้ า", "ค้า", pdf_text_repair.SPURIOUS_SPACE),
        Repair(3, 24, "จ า", "จำ", pdf_text_repair.SARA_AM),
        Repair(3, 30, "  ", " ", pdf_text_repair.WHITESPACE),
        Repair(3, 33, "\uf0b7", "•", pdf_text_repair.PRIVATE_USE),
    ]


def test_columns_count_in_the_original_line_after_earlier_repairs() -> None:
    _, repairs = repair_thai("\ue000\ue000ส านักงาน")
    assert [(r.column, r.reason) for r in repairs] == [
        (1, pdf_text_repair.PRIVATE_USE_DROPPED),
        (2, pdf_text_repair.PRIVATE_USE_DROPPED),
        (3, pdf_text_repair.SARA_AM),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "ตัวชี้วัดที่ 1 : ร้อยละของจำนวนผู้ประกอบการ",
        "กรมเจรจาการค้าระหว่างประเทศ\nสำนักงานปลัดกระทรวงพาณิชย์",
        "Functional KPIs (ร้อยละ 70)",
        "น้ำหนัก ต่ำที่สุด ทั้งหมด ขึ้น เพื่อ ซื้อ",
    ],
)
def test_it_leaves_clean_text_alone(text: str) -> None:
    assert repair_thai(text) == (text, [])
    assert not looks_damaged(text)


@pytest.mark.parametrize(
    "text",
    [
        "ด าเนินงาน",
        "กรมเจรจาการค้ าระหว่างประเทศ",
        "น\u0e49\u0e4d\u0e32",
        "ตัวช้ีวัด",
        "ผ\u0e49\u0e39",
        "มูลคา่",
        "ป\uf70bา",
        "\uf0b7 ข้อ",
        "ข้อ\ue123มูล",
    ],
)
def test_it_sees_damage_that_is_still_there(text: str) -> None:
    assert looks_damaged(text)
    assert not looks_damaged(normalize_thai(text))


def test_it_does_not_call_spacing_damage() -> None:
    assert not looks_damaged("ร้อยละ   5   ")


THAI_ISH = st.text(
    st.sampled_from(
        [chr(c) for c in range(0x0E01, 0x0E3B)]
        + [chr(c) for c in range(0x0E3F, 0x0E5C)]
        + [" "] * 12
        + ["\n", "\r", "\t", "\u0e32"] * 3
        + ["\uf70b", "\uf702", "\uf711", "\uf88e", "\uf0b7", "\ue000", "e", "\u0301"]
    ),
    max_size=60,
)


@settings(max_examples=400, deadline=None)
@given(THAI_ISH)
def test_normalizing_twice_is_the_same_as_normalizing_once(text: str) -> None:
    once = normalize_thai(text)
    assert normalize_thai(once) == once


@settings(max_examples=400, deadline=None)
@given(THAI_ISH)
def test_normalized_text_no_longer_looks_damaged_and_keeps_its_lines(text: str) -> None:
    repaired, repairs = repair_thai(text)
    assert not looks_damaged(repaired)
    assert repaired.splitlines() == [line.rstrip(" \t") for line in repaired.splitlines()]
    assert (repaired.count("\n"), repaired.count("\r")) == (text.count("\n"), text.count("\r"))
    assert all(1 <= r.line <= text.count("\n") + text.count("\r") + 1 for r in repairs)
