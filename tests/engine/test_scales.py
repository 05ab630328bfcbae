"""The five-level scale and three reporting rounds, scored by hand.

The fixture ``five-level.yaml`` is a scorecard on OPDC's pre-2561 scale (levels 1-5) with
rounds after 6, 9 and 12 months. Every figure below is worked out in the comments, with the
policy of :mod:`thaikpi.engine.scales`: a score is rounded to 4 places half-up, a weighted
score = weight × score / the weights assessed in the round, rounded to 4 places half-up,
and the total is their sum.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.engine.conftest import MINI
from thaikpi.engine.loader import check_text, load_path, load_text
from thaikpi.engine.results import Result, read_result
from thaikpi.engine.scales import FIVE_LEVEL, OPDC_3
from thaikpi.engine.scoring import Status, score_round
from thaikpi.engine.whatif import need_for_score, need_for_total

FIVE = Path(__file__).parent / "fixtures" / "five-level.yaml"
FIVE_TEXT = FIVE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def card():  # type: ignore[no-untyped-def]
    return load_path(FIVE)


def _results(card, round_no: int, raw: dict[str, object]) -> dict[str, Result]:  # type: ignore[no-untyped-def]
    return {k: read_result(card.kpi(k), round_no, v) for k, v in raw.items()}


def _kpi_score(card, kpi_id: str, round_no: int, raw: object) -> Decimal | None:  # type: ignore[no-untyped-def]
    scored = score_round(card, round_no, _results(card, round_no, {kpi_id: raw}))
    found = scored.kpi(kpi_id)
    assert found is not None
    return found.score


def test_the_template_declares_the_five_level_scale_and_three_rounds(card) -> None:  # type: ignore[no-untyped-def]
    assert (card.scale, card.round_numbers) == (FIVE_LEVEL, (1, 2, 3))
    assert [r.months for r in card.rounds] == [6, 9, 12]
    assert card.scoring.score_rounding.places == 4  # the scale's default: ค่าคะแนน 1.0000-5.0000


def test_a_template_without_a_scale_is_on_opdc_50_75_100() -> None:
    card = load_path(MINI)
    assert (card.scale, card.scale.levels) == (OPDC_3, (Decimal(50), Decimal(75), Decimal(100)))
    assert card.scoring.score_rounding.places == 2


@pytest.mark.parametrize(
    ("kpi_id", "round_no", "raw", "expected"),
    [
        # KPI 1, higher is better, round 3 levels 60/65/70/75/80 (one point per 5).
        ("1", 3, "59.99", "0.0000"),  # below level 1 scores 0, as below the 50 level
        ("1", 3, "60", "1.0000"),  # exactly level 1
        ("1", 3, "61", "1.2000"),  # 1 + (61 − 60) / 5
        ("1", 3, "77.37", "4.4740"),  # 4 + 2.37 / 5
        ("1", 3, "80", "5.0000"),
        ("1", 3, "95", "5.0000"),  # beyond level 5 is capped at 5
        ("1", 3, "62.33", "1.4660"),  # 1 + 2.33 / 5
        # KPI 1 in round 1 (levels 50/52.5/55/57.5/60): 2.5 per point.
        ("1", 1, "51", "1.4000"),  # 1 + 1 / 2.5
        # KPI 2, lower is better, levels 30/25/20/15/10 days.
        ("2", 3, "31", "0.0000"),  # worse than level 1
        ("2", 3, "30", "1.0000"),
        ("2", 3, "22", "2.6000"),  # 2 + (25 − 22) / 5
        ("2", 3, "13", "4.4000"),  # 4 + (15 − 13) / 5
        ("2", 3, "8", "5.0000"),  # better than level 5
        # KPI 3, a milestone KPI (count): the level reached, no interpolation.
        ("3", 3, {"milestones": 0}, "0.0000"),
        ("3", 3, {"milestones": 3}, "3.0000"),
        ("3", 3, {"milestones": 5}, "5.0000"),
        # KPI 4, judged: the level the evaluator judged.
        ("4", 3, 0, "0.0000"),
        ("4", 3, 4, "4.0000"),
        # KPI 5 in round 2 (levels 60/120/180/240/300): 60 per point.
        ("5", 2, "200", "3.3333"),  # 3 + 20 / 60 = 3.33333…
        ("5", 2, "250", "4.1667"),  # 4 + 10 / 60 = 4.16666… → half-up
    ],
)
def test_a_kpi_on_the_five_level_scale_scores_by_hand(  # type: ignore[no-untyped-def]
    card, kpi_id: str, round_no: int, raw: object, expected: str
) -> None:
    assert _kpi_score(card, kpi_id, round_no, raw) == Decimal(expected)


ROUND_RESULTS = {
    1: {"1": "62.5", "5": "180"},
    2: {"1": "61", "2": "22", "5": "200"},
    3: {"1": "77.37", "2": "13", "3": {"milestones": 3}, "4": 5, "5": "437"},
}


@pytest.mark.parametrize(
    ("round_no", "weighted", "total"),
    [
        # Round 1 (6 months): KPIs 1 and 5 assessed, weights 22.5 + 12.5 = 35.
        #   KPI 1: 62.5 ≥ 60 (level 5) → 5;   22.5 × 5 / 35 = 3.2142857… → 3.2143
        #   KPI 5: 180, 160 (4)…200 (5) → 4.5; 12.5 × 4.5 / 35 = 1.6071428… → 1.6071
        #   total 3.2143 + 1.6071 = 4.8214
        (1, {"1": "3.2143", "5": "1.6071"}, "4.8214"),
        # Round 2 (9 months): KPIs 1, 2 and 5, weights 22.5 + 27.5 + 12.5 = 62.5.
        #   KPI 1: 61 → 3.4;    22.5 × 3.4 / 62.5 = 1.224
        #   KPI 2: 22 → 2.6;    27.5 × 2.6 / 62.5 = 1.144
        #   KPI 5: 200 → 3.3333; 12.5 × 3.3333 / 62.5 = 0.66666 → 0.6667
        #   total 1.2240 + 1.1440 + 0.6667 = 3.0347
        (2, {"1": "1.2240", "2": "1.1440", "5": "0.6667"}, "3.0347"),
        # Round 3 (12 months): every KPI, weights 100.
        #   KPI 1: 77.37 → 4.4740; 22.5 × 4.474 / 100 = 1.00665 → 1.0067 (half-up)
        #   KPI 2: 13 → 4.4;       27.5 × 4.4 / 100 = 1.21
        #   KPI 3: 3 milestones → 3; 20 × 3 / 100 = 0.6
        #   KPI 4: judged 5 → 5;   17.5 × 5 / 100 = 0.875
        #   KPI 5: 437 → 4.37;     12.5 × 4.37 / 100 = 0.54625 → 0.5463 (half-up)
        #   total 1.0067 + 1.2100 + 0.6000 + 0.8750 + 0.5463 = 4.2380
        (3, {"1": "1.0067", "2": "1.2100", "3": "0.6000", "4": "0.8750", "5": "0.5463"}, "4.2380"),
    ],
)
def test_each_of_the_three_rounds_totals_the_weighted_average_by_hand(  # type: ignore[no-untyped-def]
    card, round_no: int, weighted: dict[str, str], total: str
) -> None:
    scored = score_round(card, round_no, _results(card, round_no, ROUND_RESULTS[round_no]))
    got = {k.kpi_id: str(k.weighted) for k in scored.kpis if k.status is Status.SCORED}
    assert (got, scored.total, scored.max_total) == (weighted, Decimal(total), Decimal(5))


def test_the_assessed_weight_of_a_round_is_kept_beside_its_most(card) -> None:  # type: ignore[no-untyped-def]
    scored = score_round(card, 2, {})
    assert (scored.assessed_weight, scored.max_total, scored.total) == (
        Decimal("62.5"),
        Decimal(5),
        Decimal(0),
    )


def test_the_group_subtotals_add_up_to_the_total(card) -> None:  # type: ignore[no-untyped-def]
    scored = score_round(card, 3, _results(card, 3, ROUND_RESULTS[3]))
    # performance 1.0067 + 1.2100 + 0.6000; potential 0.8750 + 0.5463
    assert [g.weighted for g in scored.groups] == [Decimal("2.8167"), Decimal("1.4213")]


@pytest.mark.parametrize(
    ("kpi_id", "raw", "explanation"),
    [
        ("1", "77.37", "77.37 lies between 75.00 (4) and 80.00 (5) → 4.4740"),
        ("1", "50", "50.00 is short of the 1 level (60.00) → 0.0000"),
        ("1", "81", "81.00 reaches the 5 level (80.00) → 5.0000"),
        ("2", "13", "13.00 lies between 15.00 (4) and 10.00 (5) → 4.4000"),
        ("3", {"milestones": 3}, "3 reaches level 3 (3) → 3.0000"),
        ("3", {"milestones": 0}, "0 is short of the 1 level (1) → 0.0000"),
        ("4", 5, "judged level reached: 5 → 5.0000"),
    ],
)
def test_an_explanation_names_the_five_level_scale_and_shows_four_places(  # type: ignore[no-untyped-def]
    card, kpi_id: str, raw: object, explanation: str
) -> None:
    scored = score_round(card, 3, _results(card, 3, {kpi_id: raw}))
    found = scored.kpi(kpi_id)
    assert found is not None and found.explanation == explanation


def test_a_judged_level_outside_the_scale_is_refused_naming_its_levels(card) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(Exception) as caught:
        read_result(card.kpi("4"), 3, 50)
    assert "must be 0, 1, 2, 3, 4 or 5, got 50" in str(caught.value)


@pytest.mark.parametrize(
    ("old", "new", "code", "field"),
    [
        ("{score: 4, stated: 75}", "{score: 75, stated: 75}", "level.outside_scale", "score"),
        ("          - {score: 4, stated: 75}\n", "", "round.levels_needed", "levels"),
        ("  - {number: 2, months: 9", "  - {number: 4, months: 9", "schema.invalid", "number"),
    ],
)
def test_a_level_or_round_outside_the_template_s_scale_is_a_coded_finding(
    old: str, new: str, code: str, field: str
) -> None:
    assert old in FIVE_TEXT
    _, findings = check_text(FIVE_TEXT.replace(old, new, 1), "five.yaml")
    assert any(f.code == code and f.field and f.field.endswith(field) for f in findings), [
        (f.code, f.field, f.message) for f in findings
    ]


def test_the_levels_needed_are_said_in_the_scale_s_words() -> None:
    _, findings = check_text(FIVE_TEXT.replace("          - {score: 4, stated: 75}\n", ""), "f")
    messages = {(f.message, f.message_th) for f in findings if f.code == "round.levels_needed"}
    assert messages == {
        (
            "an assessed round needs exactly the levels 1, 2, 3, 4 and 5 (got 1, 2, 3, 5)",
            "รอบที่ประเมินต้องมีค่าเป้าหมายระดับ 1, 2, 3, 4 และ 5 ครบและไม่ซ้ำ (ที่มี: 1, 2, 3, 5)",
        )
    }


def test_a_50_75_100_level_in_a_five_level_template_names_the_scale() -> None:
    _, findings = check_text(
        FIVE_TEXT.replace("{score: 5, stated: 80}", "{score: 100, stated: 80}")
    )
    outside = [f for f in findings if f.code == "level.outside_scale"]
    assert [f.message for f in outside] == [
        "level 100 is not on the scorecard's scale 'five-level' (its levels are 1, 2, 3, 4 or 5)"
    ]


def test_kpi_rounds_a_one_round_scorecard_does_not_report_are_named() -> None:
    one = (
        FIVE_TEXT.replace("  - {number: 1, months: 6, name: {th: รอบ 6 เดือน, en: 6 months}}\n", "")
        .replace("  - {number: 2, months: 9, name: {th: รอบ 9 เดือน, en: 9 months}}\n", "")
        .replace("{number: 3, months: 12", "{number: 1, months: 12")
    )
    _, findings = check_text(one)
    # The KPIs still speak of rounds 2 and 3: each is named as a round the scorecard lacks.
    assert {f.code for f in findings if f.severity.value == "error"} >= {"round.undeclared"}


def test_whatif_needs_a_score_on_the_scale(card) -> None:  # type: ignore[no-untyped-def]
    # KPI 1 in round 3: score 4.5 needs 75 + 0.5 × 5 = 77.5
    need = need_for_score(card.kpi("1"), 3, Decimal("4.5"), card)
    assert (need.actual, need.reachable) == (Decimal("77.50"), True)
    assert need_for_score(card.kpi("1"), 3, Decimal(6), card).explanation == (
        "no KPI scores more than 5"
    )


def test_whatif_finds_the_score_the_remaining_kpis_need_for_a_total(card) -> None:  # type: ignore[no-untyped-def]
    # Round 3 with KPIs 1-4 as above (1.0067 + 1.2100 + 0.6000 + 0.8750 = 3.6917); for 4.0
    # KPI 5 (12.5) needs (4.0 − 3.6917) × 100 / 12.5 = 2.4664
    raw = {k: v for k, v in ROUND_RESULTS[3].items() if k != "5"}
    need = need_for_total(card, 3, _results(card, 3, raw), Decimal("4.0"))
    assert (need.score_needed, need.reachable) == (Decimal("2.4664"), True)
    assert need.needs[0].actual is not None
    scored = score_round(card, 3, _results(card, 3, {**raw, "5": need.needs[0].actual}))
    assert scored.total >= Decimal("4.0")


@settings(max_examples=60, deadline=None)
@given(
    st.decimals(min_value=0, max_value=120, places=2),
    st.decimals(min_value=0, max_value=40, places=2),
    st.decimals(min_value=0, max_value=600, places=2),
)
def test_a_five_level_total_stays_between_0_and_5(a: Decimal, b: Decimal, e: Decimal) -> None:
    card = load_text(FIVE_TEXT)
    raw = {"1": a, "2": b, "3": {"milestones": 2}, "4": 3, "5": e}
    total = score_round(card, 3, _results(card, 3, raw)).total
    assert Decimal(0) <= total <= Decimal(5)


def _one_round_text() -> str:
    """The five-level fixture reported once, after 12 months: its round 3 becomes round 1."""
    import yaml

    data = yaml.safe_load(FIVE_TEXT)
    data["rounds"] = [{**data["rounds"][2], "number": 1}]
    for kpi in data["kpis"]:
        kpi["rounds"] = {"1": kpi["rounds"]["3"]}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def test_one_reporting_round_scores_like_the_12_month_round() -> None:
    card = load_text(_one_round_text())
    assert card.round_numbers == (1,)
    scored = score_round(card, 1, _results(card, 1, ROUND_RESULTS[3]))
    assert scored.total == Decimal("4.2380")  # as round 3 of the three-round scorecard


def test_a_new_version_on_another_scale_is_one_change_named_by_the_scale() -> None:
    from thaikpi.engine.diff import compare

    old = load_text(FIVE_TEXT)
    new = load_text(FIVE_TEXT.replace("title: {th: คำรับรอง", "title: {th: ฉบับใหม่ คำรับรอง"))
    assert [c.field for c in compare(old, new)] == ["title.th"]
    changes = compare(load_path(MINI), old)
    assert ("scale", "opdc-3", "five-level") in [(c.field, c.old, c.new) for c in changes]


@pytest.mark.parametrize(
    ("scale", "score", "standing", "band"),
    [
        (OPDC_3, "100", "100", "top"),
        (OPDC_3, "87.5", "75", "standard"),
        (OPDC_3, "75", "75", "standard"),
        (OPDC_3, "74.99", "50", "entry"),
        (OPDC_3, "50", "50", "entry"),
        (OPDC_3, "49.99", "0", "below"),
        (OPDC_3, "0", "0", "below"),
        (FIVE_LEVEL, "5", "5", "top"),
        (FIVE_LEVEL, "4.5", "4", "standard"),
        (FIVE_LEVEL, "4", "4", "standard"),
        (FIVE_LEVEL, "3", "3", "standard"),
        (FIVE_LEVEL, "2.9999", "2", "entry"),
        (FIVE_LEVEL, "1", "1", "entry"),
        (FIVE_LEVEL, "0.8", "0", "below"),
        (FIVE_LEVEL, "0", "0", "below"),
    ],
)
def test_a_score_stands_at_the_highest_level_of_its_scale_it_reaches(
    scale, score: str, standing: str, band: str
) -> None:  # type: ignore[no-untyped-def]
    reached = scale.standing(Decimal(score))
    assert (reached, scale.band(reached)) == (Decimal(standing), band)


@pytest.mark.parametrize(("scale", "standard"), [(OPDC_3, 75), (FIVE_LEVEL, 3)])
def test_the_standard_level_is_the_middle_of_the_scale(scale, standard: int) -> None:  # type: ignore[no-untyped-def]
    assert scale.standard == standard
