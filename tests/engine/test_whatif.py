from __future__ import annotations

from decimal import Decimal

import pytest

from thaikpi.engine.loader import load_named
from thaikpi.engine.model import Scorecard
from thaikpi.engine.results import Result, read_result
from thaikpi.engine.scoring import score_kpi, score_round
from thaikpi.engine.whatif import need_for_score, need_for_total, raise_alone


@pytest.fixture(scope="module")
def ditp() -> Scorecard:
    return load_named("ditp-2567")


@pytest.mark.parametrize(
    ("kpi", "score", "actual"),
    [
        ("1", "50", "1.50"),
        ("1", "87.5", "2.40"),
        ("1", "100", "2.70"),
        ("2", "90", "396.81"),  # 396.81 scores 89.9958 → 90.00
        ("8", "60", "66.13"),
        ("9", "75", "461.45"),
    ],
)
def test_it_finds_the_smallest_actual_for_a_score(
    ditp: Scorecard, kpi: str, score: str, actual: str
) -> None:
    need = need_for_score(ditp.kpi(kpi), 2, Decimal(score), ditp)
    assert need.actual == Decimal(actual)
    got = score_kpi(ditp.kpi(kpi), 2, Result(kpi, need.actual), ditp.scoring).score
    assert got >= Decimal(score)
    below = need.actual - Decimal("0.01")
    assert score_kpi(ditp.kpi(kpi), 2, Result(kpi, below), ditp.scoring).score < Decimal(score)


def test_a_count_kpi_needs_the_level_value(ditp: Scorecard) -> None:
    need = need_for_score(ditp.kpi("7"), 2, Decimal(60), ditp)
    assert (need.actual, need.explanation) == (Decimal(5), "reach level 75: 5 → 75")


def test_a_conditions_kpi_needs_its_conditions(ditp: Scorecard) -> None:
    need = need_for_score(ditp.kpi("6"), 2, Decimal(100), ditp)
    assert need.explanation == "reach level 100: quality_pct >= 100, registered_pct >= 100"


def test_it_spreads_a_target_total_over_the_kpis_without_results(ditp: Scorecard) -> None:
    results = {"1": Result("1", Decimal("2.7")), "2": Result("2", Decimal("445.25"))}
    answer = need_for_total(ditp, 2, results, Decimal(90))
    # 15 + 25 = 40 points in; 50 more from the remaining weight of 60 → 83.34 each
    assert answer.current == Decimal("40.0000")
    assert answer.score_needed == Decimal("83.34")
    assert answer.reachable
    assert {n.kpi_id for n in answer.needs} == {"3", "4", "5", "6", "7", "8", "9"}
    kpi3 = next(n for n in answer.needs if n.kpi_id == "3")
    assert kpi3.actual is not None and Decimal("52.26") < kpi3.actual < Decimal("56.23")


def test_it_says_when_a_target_total_cannot_be_reached(ditp: Scorecard) -> None:
    results = {k.id: read_result(k, 2, 0) for k in ditp.kpis if k.id in ("1", "2", "3")}
    answer = need_for_total(ditp, 2, results, Decimal(90))
    assert not answer.reachable
    assert answer.explanation.endswith("more than 100, so the target cannot be reached")


@pytest.mark.parametrize(
    ("kpi", "round_no", "score", "thai"),
    [
        ("7", 2, "60", "ต้องถึงระดับ 75: 5 → 75"),
        (
            "6",
            2,
            "100",
            "ต้องถึงระดับ 100: ร้อยละของชุดข้อมูลที่คุณภาพเป็นไปตามมาตรฐานคุณลักษณะแบบเปิดที่ สพร. กำหนด"
            " (quality_pct) >= 100, ร้อยละของชุดข้อมูลเปิดที่นำมาลงทะเบียนที่ระบบบัญชีข้อมูลภาครัฐ"
            " (GD Catalog) (registered_pct) >= 100",
        ),
        ("1", 2, "101", "ไม่มีตัวชี้วัดใดได้คะแนนเกิน 100"),
        ("1", 2, "0", "ผลการดำเนินงานใด ๆ ได้คะแนนอย่างน้อย 0"),
        ("1", 2, "87.5", "2.40 → 87.50"),
        (
            "4",
            1,
            "50",
            "ยังไม่ได้กำหนดค่าเป้าหมายระดับ 50: ร้อยละ 10 ของ "
            "เป้าหมายจำนวนผู้ประกอบการที่ได้รับการพัฒนาและส่งเสริม ปี 2567 (ยังไม่กำหนดค่า)",
        ),
        ("6", 1, "50", "ไม่ประเมินในรอบที่ 1"),
    ],
)
def test_what_a_kpi_needs_is_explained_in_thai_too(
    ditp: Scorecard, kpi: str, round_no: int, score: str, thai: str
) -> None:
    assert need_for_score(ditp.kpi(kpi), round_no, Decimal(score), ditp).explanation_th == thai


def test_what_a_target_total_needs_is_explained_in_thai_too(ditp: Scorecard) -> None:
    results = {k.id: read_result(k, 2, 0) for k in ditp.kpis if k.id in ("1", "2", "3")}
    answer = need_for_total(ditp, 2, results, Decimal(90))
    assert answer.explanation_th.endswith("; เกิน 100 จึงไม่อาจถึงเป้าหมายได้")
    assert "สำหรับตัวชี้วัดที่ยังไม่มีผลแต่ละตัว (6 ตัว)" in answer.explanation_th


# -- every KPI has a result: what one result alone would need --------------------------------

ALL_IN = {  # DITP round 2 with every KPI in: the total is 76.7663
    "1": Decimal("2.4"),
    "2": {"trade_value": Decimal(205000), "budget": Decimal("539.5")},
    "3": Decimal("50.1"),
    "4": Decimal("5.2"),
    "5": Decimal(75),
    "6": {"quality_pct": Decimal(100), "registered_pct": Decimal(95)},
    "7": Decimal(5),
    "8": Decimal("74.5"),
    "9": Decimal(455),
}


@pytest.fixture(scope="module")
def all_in(ditp: Scorecard) -> dict[str, Result]:
    return {k: read_result(ditp.kpi(k), 2, v) for k, v in ALL_IN.items()}


@pytest.mark.parametrize(
    ("target", "kpi", "score_needed", "actual_needed"),
    [
        ("80", "1", "109.06", None),  # would need more than 100: not alone
        ("80", "2", "99.46", "442.62"),
        ("80", "3", "77.57", "52.67"),
        ("80", "5", "139.68", None),
        ("80", "9", "97.54", "476.27"),
        ("77", "1", "89.06", "2.44"),
        ("77", "4", "81.49", "5.49"),
        ("77", "7", "84.35", "6"),  # a count KPI: the next level's count
        ("77", "8", "96.20", "76.37"),
    ],
)
def test_each_result_below_100_says_what_it_alone_would_need(
    ditp: Scorecard,
    all_in: dict[str, Result],
    target: str,
    kpi: str,
    score_needed: str,
    actual_needed: str | None,
) -> None:
    alone = {a.kpi_id: a for a in raise_alone(ditp, 2, all_in, Decimal(target))}
    assert alone[kpi].score_needed == Decimal(score_needed)
    assert alone[kpi].actual_needed == (Decimal(actual_needed) if actual_needed else None)
    assert alone[kpi].reachable is (Decimal(score_needed) <= 100)


@pytest.mark.parametrize("target", ["76.8", "77", "78.5", "80"])
def test_the_actual_needed_alone_reaches_the_total_and_one_step_less_does_not(
    ditp: Scorecard, all_in: dict[str, Result], target: str
) -> None:
    for alone in raise_alone(ditp, 2, all_in, Decimal(target)):
        if alone.actual_needed is None:
            continue
        kpi = ditp.kpi(alone.kpi_id)
        step = Decimal(1).scaleb(-kpi.rounding.places)
        reached = {**all_in, kpi.id: Result(kpi.id, alone.actual_needed)}
        short = {**all_in, kpi.id: Result(kpi.id, alone.actual_needed - step)}
        assert score_round(ditp, 2, reached).total >= Decimal(target)
        assert score_round(ditp, 2, short).total < Decimal(target)


def test_kpis_at_100_or_not_scored_are_not_asked_to_rise(ditp: Scorecard) -> None:
    results = {k: read_result(ditp.kpi(k), 2, v) for k, v in ALL_IN.items()}
    results["1"] = read_result(ditp.kpi("1"), 2, Decimal("2.7"))  # 100
    ids = {a.kpi_id for a in raise_alone(ditp, 2, results, Decimal(80))}
    assert "1" not in ids and ids <= set(ALL_IN)


def test_a_reached_total_asks_nothing(ditp: Scorecard, all_in: dict[str, Result]) -> None:
    assert raise_alone(ditp, 2, all_in, Decimal(70)) == ()


def test_the_total_need_lists_them_when_every_kpi_has_a_result(
    ditp: Scorecard, all_in: dict[str, Result]
) -> None:
    answer = need_for_total(ditp, 2, all_in, Decimal(80))
    assert answer.needs == ()
    assert [a.kpi_id for a in answer.alone if a.reachable] == ["2", "3", "9"]
    assert answer.reachable
    assert "alone" in answer.explanation and "ตัวอื่นคงเดิม" in answer.explanation_th


def test_the_thai_says_the_same_figures(ditp: Scorecard, all_in: dict[str, Result]) -> None:
    alone = {a.kpi_id: a for a in raise_alone(ditp, 2, all_in, Decimal(80))}
    assert alone["3"].explanation_th == "50.10 → 52.67 (+2.57): คะแนน 61.40 → 77.58"
    assert alone["1"].explanation_th == "ปรับตัวชี้วัดนี้ตัวเดียวไม่อาจถึง 80: ต้องได้คะแนน 109.06 (เกิน 100)"
