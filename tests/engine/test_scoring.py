from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.engine.conftest import MINI, make_kpi
from thaikpi.engine.loader import load_path
from thaikpi.engine.model import BelowEntry, Direction, MeasureKind, ScoringMethod, ScoringPolicy
from thaikpi.engine.numbers import Rounding
from thaikpi.engine.results import Result, read_result
from thaikpi.engine.scoring import Status, explain, score_kpi, score_round

POLICY = ScoringPolicy()


def _score(actual: str, **kpi: object) -> Decimal | None:
    kpi_obj = make_kpi(**kpi)  # type: ignore[arg-type]
    return score_kpi(kpi_obj, 2, Result("k", Decimal(actual)), POLICY).score


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        ("0", "0.00"),
        ("1.49", "0.00"),  # just below the entry level
        ("1.5", "50.00"),  # exactly the 50 level
        ("1.8", "62.50"),
        ("2.1", "75.00"),
        ("2.4", "87.50"),
        ("2.7", "100.00"),
        ("9.9", "100.00"),  # beyond the 100 level is capped
        ("2.11", "75.42"),  # 75 + 0.01/0.6*25 = 75.4166… → half-up
    ],
)
def test_it_interpolates_between_levels(actual: str, expected: str) -> None:
    assert _score(actual) == Decimal(expected)


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        ("31", "0.00"),
        ("30", "50.00"),
        ("25", "62.50"),
        ("20", "75.00"),
        ("15", "87.50"),
        ("10", "100.00"),
        ("2", "100.00"),
    ],
)
def test_it_mirrors_interpolation_for_lower_is_better(actual: str, expected: str) -> None:
    assert _score(actual, values=("30", "20", "10"), direction=Direction.LOWER) == Decimal(expected)


def test_it_explains_a_score_a_person_can_check_by_hand() -> None:
    kpi = make_kpi()
    scored = score_kpi(kpi, 2, Result("k", Decimal("2.40")), POLICY)
    assert scored.explanation == "2.40 lies between 2.1 (75) and 2.7 (100) → 87.50"


@pytest.mark.parametrize(
    ("actual", "explanation"),
    [
        ("3", "3 reaches the 100 level (2.7) → 100.00"),
        ("1", "1 is short of the 50 level (1.5) → 0.00"),
    ],
)
def test_it_explains_the_edges(actual: str, explanation: str) -> None:
    scored = score_kpi(make_kpi(), 2, Result("k", Decimal(actual)), POLICY)
    assert scored.explanation == explanation


def test_it_can_extrapolate_below_the_entry_level_by_policy() -> None:
    policy = ScoringPolicy(below_entry=BelowEntry.EXTRAPOLATE)
    scored = score_kpi(make_kpi(), 2, Result("k", Decimal("1.2")), policy)
    assert scored.score == Decimal("37.50")  # 50 − 0.3/0.6×25
    floor = score_kpi(make_kpi(), 2, Result("k", Decimal("-50")), policy)
    assert floor.score == Decimal("0.00")


@pytest.mark.parametrize(
    ("actual", "expected"), [("1.4", "0"), ("1.5", "50"), ("2.6", "75"), ("2.7", "100")]
)
def test_it_takes_the_level_reached_under_the_step_policy(actual: str, expected: str) -> None:
    policy = ScoringPolicy(method=ScoringMethod.STEP)
    assert score_kpi(make_kpi(), 2, Result("k", Decimal(actual)), policy).score == Decimal(expected)


def test_it_weights_a_score_by_the_kpi_weight() -> None:
    scored = score_kpi(make_kpi(weight="2.5"), 2, Result("k", Decimal("2.4")), POLICY)
    assert scored.weighted == Decimal("2.1875")


def test_it_scores_zero_and_flags_a_kpi_without_a_result() -> None:
    scored = score_kpi(make_kpi(), 2, None, POLICY)
    assert (scored.status, scored.score, scored.weighted) == (Status.NO_RESULT, 0, 0)
    assert scored.explanation == "no result → 0"


def test_it_does_not_score_a_round_the_kpi_is_not_assessed_in() -> None:
    scored = score_kpi(make_kpi(), 1, Result("k", Decimal(2)), POLICY)
    assert scored.status is Status.NOT_ASSESSED and scored.score is None


def test_it_scores_count_items_by_the_level_reached(mini) -> None:  # type: ignore[no-untyped-def]
    kpi = mini.kpi("4")
    pillars = {"pillars": {"P1": 3, "P2": 4, "P3": 5, "P4": 3, "P5": 2, "P6": 3, "P7": 1}}
    result = read_result(kpi, 2, pillars)
    assert result.actual == 5
    scored = score_kpi(kpi, 2, result, mini.scoring)
    assert scored.score == Decimal("75.00")
    assert scored.explanation == "5 reaches level 75 (5) → 75.00"


@pytest.mark.parametrize(
    ("inputs", "expected"),
    [
        ({"quality_pct": 89, "registered_pct": 100}, "0"),
        ({"quality_pct": 90, "registered_pct": 0}, "50"),
        ({"quality_pct": 100, "registered_pct": 95}, "75"),
        ({"quality_pct": 100, "registered_pct": 100}, "100"),
    ],
)
def test_it_scores_conditions_by_the_highest_level_whose_conditions_all_hold(
    mini,
    inputs: dict[str, int],
    expected: str,  # type: ignore[no-untyped-def]
) -> None:
    kpi = mini.kpi("3")
    scored = score_kpi(kpi, 2, read_result(kpi, 2, inputs), mini.scoring)
    assert scored.score == Decimal(expected)


def test_it_explains_in_thai_too() -> None:
    scored = score_kpi(make_kpi(), 2, Result("k", Decimal("2.40")), POLICY)
    assert scored.explanation_th == "2.40 อยู่ระหว่าง 2.1 (75) และ 2.7 (100) → 87.50"


OPEN = [
    # (language, why KPI 2 of the fixture cannot be scored in round 1)
    ("en", "levels not set yet (parameter target_count is not set yet)"),
    ("th", "ยังไม่ได้กำหนดค่าเป้าหมาย (ยังไม่ได้กำหนดค่าพารามิเตอร์ เป้าหมายจำนวนผู้ประกอบการ)"),
]


@pytest.mark.parametrize(("language", "expected"), OPEN)
def test_open_levels_are_explained_in_the_language_asked_for(
    mini,  # type: ignore[no-untyped-def]
    language: str,
    expected: str,
) -> None:
    kpi = mini.kpi("2")
    for result in (None, read_result(kpi, 1, {"entrepreneurs": 120})):
        scored = score_kpi(kpi, 1, result, mini.scoring)
        assert scored.status is Status.LEVELS_OPEN
        assert explain(scored, language) == expected
    assert dict(OPEN) == {"en": scored.explanation, "th": scored.explanation_th}


def test_a_conditions_score_says_what_the_next_level_needs(mini) -> None:  # type: ignore[no-untyped-def]
    kpi = mini.kpi("3")
    scored = score_kpi(
        kpi, 2, read_result(kpi, 2, {"quality_pct": 100, "registered_pct": 95}), mini.scoring
    )
    assert scored.explanation == (
        "quality_pct = 100, registered_pct = 95 → level 75 "
        "(level 100 needs registered_pct >= 100) → 75.00"
    )


def test_it_scores_a_judged_level(mini) -> None:  # type: ignore[no-untyped-def]
    kpi = mini.kpi("5")
    scored = score_kpi(kpi, 2, read_result(kpi, 2, 75), mini.scoring)
    assert (scored.score, scored.explanation) == (Decimal(75), "judged level reached: 75 → 75.00")


def test_a_round_total_covers_only_assessed_kpis_and_says_its_maximum(mini) -> None:  # type: ignore[no-untyped-def]
    results = {"1": Result("1", Decimal("1.05"))}
    scored = score_round(mini, 1, results)
    assert scored.covered == ("1", "2")
    assert scored.max_total == Decimal(70)
    assert scored.kpi("1").score == Decimal("75.00")
    assert scored.kpi("2").status is Status.LEVELS_OPEN
    assert scored.total == Decimal("22.5000")


def test_group_subtotals_add_up_to_the_total(mini) -> None:  # type: ignore[no-untyped-def]
    results = {
        "1": read_result(mini.kpi("1"), 2, Decimal("2.4")),
        "2": read_result(mini.kpi("2"), 2, {"trade_value": 205000, "budget": Decimal("539.5")}),
        "5": read_result(mini.kpi("5"), 2, 100),
        "6": read_result(mini.kpi("6"), 2, 25),
    }
    scored = score_round(mini, 2, results)
    assert scored.kpi("2").actual == Decimal("379.98")
    assert sum(g.weighted for g in scored.groups) == scored.total
    assert scored.total == sum(k.weighted for k in scored.kpis)
    assert scored.missing == ("3", "4")


levels = st.decimals(
    min_value=-1000, max_value=1000, places=2, allow_nan=False, allow_infinity=False
)


@settings(deadline=None)
@given(a=levels, b=levels, c=levels, x=levels, y=levels, lower=st.booleans())
def test_score_is_monotone_bounded_and_exact_at_each_level(a, b, c, x, y, lower) -> None:  # type: ignore[no-untyped-def]
    values = sorted({a, b, c})
    if len(values) < 3:
        return
    direction = Direction.LOWER if lower else Direction.HIGHER
    if lower:
        values.reverse()
    kpi = make_kpi(tuple(str(v) for v in values), direction=direction)  # type: ignore[arg-type]

    def score(v: Decimal) -> Decimal:
        s = score_kpi(kpi, 2, Result("k", v), POLICY).score
        assert s is not None
        return s

    for value, expected in zip(values, (50, 75, 100), strict=False):
        assert score(value) == expected
    low, high = sorted((x, y))
    better, worse = (high, low) if not lower else (low, high)
    assert score(better) >= score(worse)
    assert Decimal(0) <= score(x) <= Decimal(100)


MINI_CARD = load_path(MINI)


@settings(deadline=None)
@given(st.lists(st.decimals(min_value=0, max_value=5, places=2), min_size=6, max_size=6))
def test_total_is_the_sum_of_weighted_scores(values: list[Decimal]) -> None:
    results = {"1": Result("1", values[0]), "6": Result("6", values[1] * 10)}
    scored = score_round(MINI_CARD, 2, results)
    assert scored.total == sum((k.weighted for k in scored.kpis), Decimal(0))
    assert Decimal(0) <= scored.total <= scored.max_total


def test_measure_kind_enum_is_complete() -> None:
    assert {m.value for m in MeasureKind} == {"numeric", "count", "judged", "conditions"}


def test_scores_round_half_up_not_half_even() -> None:
    # 62.132 on levels 62.13 / 72.13 / 77.13 is 50.005 exactly: half-up gives 50.01
    kpi = make_kpi(("62.13", "72.13", "77.13"), weight="2.5")
    scored = score_kpi(kpi, 2, Result("k", Decimal("62.132")), POLICY)
    assert scored.exact == Decimal("50.005")
    assert (scored.score, scored.weighted) == (Decimal("50.01"), Decimal("1.2503"))


@pytest.mark.parametrize(
    ("actual", "expected"), [("1.9", "0.00"), ("2", "75.00"), ("2.5", "87.50")]
)
def test_equal_levels_score_the_higher_level(actual: str, expected: str) -> None:
    # X = Y makes the 50 and 75 levels equal: reaching one reaches both
    assert _score(actual, values=("2", "2", "3")) == Decimal(expected)


def test_a_measured_value_is_taken_at_the_kpis_places_like_a_computed_one() -> None:
    from thaikpi.engine.loader import load_named

    ditp = load_named("ditp-2567")
    kpi = ditp.kpi("1")
    measured = read_result(kpi, 2, "2.404999")
    computed = read_result(
        kpi, 2, {"export_value": "102404.999", "export_value_previous": "100000"}
    )
    assert measured.actual == computed.actual == Decimal("2.40")


# A score of each kind of result explained in English and in Thai (kpi, raw result, en, th):
# the Thai names the inputs in Thai and carries the Thai derivation.
EXPLAINED: list[tuple[str, object, str, str]] = [
    (
        "2",
        {"trade_value": 205000, "budget": "539.5"},
        "trade_value / budget = 205,000 / 539.5 = 379.98;"
        " 379.98 lies between 324.20 (75) and 445.25 (100) → 86.52",
        "มูลค่าการค้า / งบประมาณ = 205,000 / 539.5 = 379.98;"
        " 379.98 อยู่ระหว่าง 324.20 (75) และ 445.25 (100) → 86.52",
    ),
    (
        "4",
        {"pillars": {"P1": 3, "P2": 4, "P3": 5, "P4": 3, "P5": 2, "P6": 3, "P7": 1}},
        "5 reaches level 75 (5) → 75.00",
        "5 ถึงระดับ 75 (5) → 75.00",
    ),
    ("5", 75, "judged level reached: 75 → 75.00", "ผลการพิจารณาอยู่ที่ระดับ 75 → 75.00"),
    (
        "3",
        {"quality_pct": 100, "registered_pct": 95},
        "quality_pct = 100, registered_pct = 95 → level 75"
        " (level 100 needs registered_pct >= 100) → 75.00",
        "คุณภาพ (quality_pct) = 100, ลงทะเบียน (registered_pct) = 95 → ระดับ 75"
        " (ระดับ 100 ต้อง ลงทะเบียน (registered_pct) >= 100) → 75.00",
    ),
    (
        "3",
        {"quality_pct": 100, "registered_pct": 100},
        "quality_pct = 100, registered_pct = 100 → level 100 → 100.00",
        "คุณภาพ (quality_pct) = 100, ลงทะเบียน (registered_pct) = 100 → ระดับ 100 → 100.00",
    ),
]


@pytest.mark.parametrize(("kpi", "raw", "english", "thai"), EXPLAINED)
def test_a_score_is_explained_in_english_and_in_thai_with_thai_names(
    mini, kpi: str, raw: object, english: str, thai: str
) -> None:  # type: ignore[no-untyped-def]
    scored = score_kpi(mini.kpi(kpi), 2, read_result(mini.kpi(kpi), 2, raw), mini.scoring)
    assert (scored.explanation, scored.explanation_th) == (english, thai)
    assert (explain(scored, "en"), explain(scored, "th")) == (english, thai)


@pytest.mark.parametrize(("kpi", "raw", "english", "thai"), EXPLAINED)
def test_the_thai_explanation_has_no_english_word_of_the_derivation(
    mini, kpi: str, raw: object, english: str, thai: str
) -> None:  # type: ignore[no-untyped-def]
    result = read_result(mini.kpi(kpi), 2, raw)
    scored = score_kpi(mini.kpi(kpi), 2, result, mini.scoring)
    ids = {i.id for i in mini.kpi(kpi).inputs}
    words = set(re.findall(r"[A-Za-z_]+", result.derivation)) - ids
    assert words.isdisjoint(re.findall(r"[A-Za-z_]+", scored.explanation_th))


def test_a_result_without_a_thai_derivation_is_explained_with_the_english_one(mini) -> None:  # type: ignore[no-untyped-def]
    inputs = {"trade_value": Decimal(205000), "budget": Decimal("539.5")}
    result = Result("2", Decimal("379.98"), inputs, derivation="computed by hand")
    scored = score_kpi(mini.kpi("2"), 2, result, mini.scoring)
    assert scored.explanation_th.startswith("computed by hand; 379.98 อยู่ระหว่าง")


@pytest.mark.parametrize(
    ("places", "actual", "explanation"),
    [
        (4, "1.8", "1.8 lies between 1.5 (50) and 2.1 (75) → 62.5000"),
        (4, "1.5", "1.5 lies between 1.5 (50) and 2.1 (75) → 50.0000"),
        (0, "1.8", "1.8 lies between 1.5 (50) and 2.1 (75) → 63"),
        (3, "3", "3 reaches the 100 level (2.7) → 100.000"),
    ],
)
def test_an_explanation_shows_the_score_at_the_places_the_scorecard_declares(
    places: int, actual: str, explanation: str
) -> None:
    policy = ScoringPolicy(score_rounding=Rounding(places))
    scored = score_kpi(make_kpi(), 2, Result("k", Decimal(actual)), policy)
    assert scored.explanation == explanation


def test_a_round_in_which_no_kpi_is_assessed_says_there_is_nothing_to_score() -> None:
    from tests.engine.conftest import mini_text_with_round_1_unassessed
    from thaikpi.engine.loader import load_text

    sc = load_text(mini_text_with_round_1_unassessed())
    first, second = score_round(sc, 1, {}), score_round(sc, 2, {})
    assert (first.nothing_assessed, first.total, first.max_total) == (True, 0, 0)
    assert first.note() == "no KPI is assessed in round 1: there is nothing to score"
    assert first.note("th") == "รอบที่ 1 ไม่มีตัวชี้วัดที่ประเมิน จึงไม่มีคะแนน"
    assert (second.nothing_assessed, second.note()) == (False, "")
