from __future__ import annotations

from decimal import Decimal

import pytest

from thaikpi.engine.numbers import D, Rounding, RoundingMode, apply, intermediate


@pytest.mark.parametrize(
    ("value", "places", "mode", "expected"),
    [
        ("324.1960", 2, RoundingMode.HALF_UP, "324.20"),
        ("50.3886", 2, RoundingMode.HALF_UP, "50.39"),
        ("50.3886", 2, RoundingMode.TRUNCATE, "50.38"),
        ("2.675", 2, RoundingMode.HALF_UP, "2.68"),  # a float would give 2.67
        ("-5.525", 2, RoundingMode.HALF_UP, "-5.53"),
        ("-16.1469", 2, RoundingMode.TRUNCATE, "-16.14"),
        ("87.5", 4, RoundingMode.HALF_UP, "87.5000"),
        ("-6.51", 1, RoundingMode.HALF_UP, "-6.5"),
    ],
)
def test_it_rounds_by_the_named_policy(
    value: str, places: int, mode: RoundingMode, expected: str
) -> None:
    assert str(apply(Decimal(value), Rounding(places, mode))) == expected


def test_it_keeps_intermediates_exact_unless_the_policy_rounds_them() -> None:
    value = Decimal("45.332185")
    assert intermediate(value, Rounding(2, intermediate=False)) == value
    assert intermediate(value, Rounding(2, intermediate=True)) == Decimal("45.33")


@pytest.mark.parametrize("bad", [1.5, True, float("nan"), "NaN", "inf", None])
def test_it_refuses_floats_and_non_finite_values(bad: object) -> None:
    with pytest.raises((TypeError, ValueError, ArithmeticError)):
        D(bad)


def test_it_reads_thousands_separators_exactly() -> None:
    assert D("175,364.61") == Decimal("175364.61")


def test_it_describes_a_policy_for_people() -> None:
    assert Rounding(2, RoundingMode.TRUNCATE, True).describe() == (
        "truncate, 2 places, intermediates rounded"
    )


def test_d_refuses_a_comma_that_is_not_a_thousands_separator() -> None:
    with pytest.raises(ValueError, match="must be a number"):
        D("2,4")  # would otherwise be read as 24


@pytest.mark.parametrize(
    ("rounding", "thai"),
    [
        (
            Rounding(2, RoundingMode.TRUNCATE, True),
            "ตัดเศษทิ้ง, ทศนิยม 2 ตำแหน่ง, ปัดเศษค่าระหว่างการคำนวณ",
        ),
        (
            Rounding(1, RoundingMode.HALF_UP, False),
            "ปัดเศษแบบครึ่งขึ้น, ทศนิยม 1 ตำแหน่ง, ไม่ปัดเศษค่าระหว่างการคำนวณ",
        ),
    ],
)
def test_it_describes_a_policy_in_thai_too(rounding: Rounding, thai: str) -> None:
    assert rounding.describe("th") == thai


@pytest.mark.parametrize(
    ("value", "what", "what_th", "thai"),
    [
        ("abc", "the result", "ผลการดำเนินงาน", "ผลการดำเนินงานต้องเป็นตัวเลข แต่พบ 'abc'"),
        (None, "budget", "budget", "budget ต้องเป็นตัวเลข แต่พบ ค่าว่าง"),
        ({}, "the count", "จำนวน", "จำนวนต้องเป็นตัวเลข แต่พบ ข้อมูลแบบ mapping"),
        (Decimal("NaN"), "the value", "ค่า", "ค่าต้องเป็นตัวเลขที่มีค่าจำกัด แต่พบ NaN"),
    ],
)
def test_a_value_that_is_not_a_number_is_said_in_thai(
    value: object, what: str, what_th: str, thai: str
) -> None:
    from thaikpi.engine.findings import Problem
    from thaikpi.engine.numbers import parse_number

    with pytest.raises(Problem) as caught:
        parse_number(value, what, what_th)
    assert caught.value.message_th == thai
