"""Reading the three level figures out of a flattened criteria table, shape by shape."""

from __future__ import annotations

import pytest

from thaikpi.textimport.levels import level_figures, read_levels

HEADING = "เป้าหมายขั้นต้น (50) เป้าหมายมาตรฐาน (75) เป้าหมายขั้นสูง (100)"


@pytest.mark.parametrize(
    ("table", "figures"),
    [
        pytest.param(
            [HEADING, "เฉลี่ย 3 ปี", "(203.14)", "ดีที่สุด", "(324.20)", "(445.25)"],
            ["203.14", "324.20", "445.25"],
            id="in-parentheses",
        ),
        pytest.param(
            [HEADING, "กลุ่มที่ 4 445 461.45 477.89"],
            ["445", "461.45", "477.89"],
            id="row-after-a-group-label",
        ),
        pytest.param(
            [HEADING, "62.13 72.13 77.13"], ["62.13", "72.13", "77.13"], id="row-of-three"
        ),
        pytest.param(
            [HEADING, "กลุ่มที่ 1 1,150 1,200 1,250.50"],
            ["1150", "1200", "1250.50"],
            id="thousands-separators-dropped",
        ),
        pytest.param(
            [HEADING, "(Y) 1.5 %", "(X+Y)/2", "2.1 %", "(X) 2.7 %"],
            ["1.5", "2.1", "2.7"],
            id="percentages",
        ),
        pytest.param(
            [HEADING, "50% ของ X 0.75%", "1.18%", "50% ของ Y 1.05%"],
            ["0.75", "1.18", "1.05"],
            id="percent-of-is-a-rule-not-a-figure",
        ),
        pytest.param([HEADING, "ร้อยละ 80 ร้อยละ 85", "ร้อยละ 90"], ["80", "85", "90"], id="roila"),
        pytest.param(
            [HEADING, "มี 4 Pillar มี 5 Pillar มี 6 Pillar (3-6 Pillar)"],
            ["4", "5", "6"],
            id="same-wording",
        ),
        pytest.param([HEADING, "15 12 10"], ["15", "12", "10"], id="lower-is-better"),
    ],
)
def test_level_figures_are_read_as_printed(table: list[str], figures: list[str]) -> None:
    assert level_figures(table) == figures


@pytest.mark.parametrize(
    "table",
    [
        pytest.param([HEADING, "500 600"], id="a-missing-cell"),
        pytest.param([HEADING, "ออกแบบระบบแล้วเสร็จ ทดสอบระบบกับ 3 จังหวัด"], id="judged-words"),
        pytest.param(
            [HEADING, "ร้อยละ 90", "ร้อยละ 100 ร้อยละ 90", "ร้อยละ 100 ร้อยละ 100"],
            id="two-conditions-per-level",
        ),
        pytest.param(
            [HEADING, "ร้อยละ 10 ของเป้าหมาย", "ร้อยละ 15 ของเป้าหมาย", "ร้อยละ 20 ของเป้าหมาย"],
            id="percent-of-a-figure",
        ),
        pytest.param(
            [HEADING, "ปี 2566 ขยายผล", "ปี 2567 ขยายผล", "ปี 2568 ขยายผล"], id="years-are-not-levels"
        ),
        pytest.param([HEADING], id="empty"),
    ],
)
def test_a_table_without_three_figures_gives_none(table: list[str]) -> None:
    assert level_figures(table) == []


def test_a_percentage_of_the_standard_target_becomes_a_rule_on_the_last_round() -> None:
    table = [
        HEADING,
        "30% ของเป้าหมายมาตรฐาน (97.26)",
        "35% ของเป้าหมายมาตรฐาน (113.47)",
        "40% ของ",
        "ค่าเป้าหมาย มาตรฐาน (129.68)",
    ]
    levels = read_levels(table, last_round=2)
    assert [(lv.score, lv.stated, lv.rule) for lv in levels] == [
        (50, "97.26", {"kind": "percent_of_level", "round": 2, "score": 75, "percent": "30"}),
        (75, "113.47", {"kind": "percent_of_level", "round": 2, "score": 75, "percent": "35"}),
        (100, "129.68", {"kind": "percent_of_level", "round": 2, "score": 75, "percent": "40"}),
    ]


def test_a_percentage_of_a_figure_not_given_keeps_its_words_without_a_figure() -> None:
    table = [
        HEADING,
        "ไม่น้อยกว่าร้อยละ",
        "10 ของเป้าหมายปี 2567",
        "ร้อยละ 15 ของเป้าหมาย",
        "ร้อยละ 20 ของเป้าหมาย",
    ]
    levels = read_levels(table, last_round=2)
    assert [(lv.stated, lv.rule, lv.description) for lv in levels] == [
        (None, None, "ร้อยละ 10 ของเป้าหมายปี"),
        (None, None, "ร้อยละ 15 ของเป้าหมาย"),
        (None, None, "ร้อยละ 20 ของเป้าหมาย"),
    ]
