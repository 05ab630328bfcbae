"""Decisions on mismatched figures: the scoring follows the chosen figure of a level."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from thaikpi.engine import decisions
from thaikpi.engine.decisions import (
    Choice,
    Decision,
    apply_decisions,
    figures,
    is_decidable,
    out_of_order,
    recomputed,
)
from thaikpi.engine.loader import load_named
from thaikpi.engine.model import MeasureKind, Scorecard
from thaikpi.engine.results import Result
from thaikpi.engine.scoring import score_kpi

STATED, RECOMPUTED = Choice.STATED, Choice.RECOMPUTED


@pytest.fixture(scope="module")
def ditp() -> Scorecard:
    return load_named("ditp-2567")


def decision(kpi: str, round_no: int, score: int, choice: Choice) -> Decision:
    return Decision(kpi, round_no, Decimal(score), choice, "checked against the signed PDF")


def scored(sc: Scorecard, kpi_id: str, round_no: int, actual: str) -> Decimal | None:
    kpi = sc.kpi(kpi_id)
    assert kpi is not None
    return score_kpi(kpi, round_no, Result(kpi_id, Decimal(actual)), sc.scoring).score


# KPI 1 round 1: the document prints 1.18 (75) and 1.05 (100); the rule gives 1.05 and 1.35
# and the template follows the rule. KPI 4 round 2: the document prints 4.69 (75), the rule
# gives 4.70, and the template keeps the printed figure.
@pytest.mark.parametrize(
    ("kpi", "round_no", "decided", "actual", "score", "levels"),
    [
        ("1", 1, [], "1.18", "85.83", ("0.75", "1.05", "1.35")),
        ("1", 1, [(75, STATED)], "1.18", "75.00", ("0.75", "1.18", "1.35")),
        ("1", 1, [(75, RECOMPUTED)], "1.18", "85.83", ("0.75", "1.05", "1.35")),
        ("1", 1, [(100, RECOMPUTED)], "1.35", "100.00", ("0.75", "1.05", "1.35")),
        ("4", 2, [], "4.69", "75.00", ("3.04", "4.69", "7.76")),
        ("4", 2, [(75, RECOMPUTED)], "4.69", "74.85", ("3.04", "4.70", "7.76")),
        ("4", 2, [(75, STATED)], "4.69", "75.00", ("3.04", "4.69", "7.76")),
        ("4", 2, [(75, RECOMPUTED)], "4.70", "75.00", ("3.04", "4.70", "7.76")),
    ],
)
def test_the_scoring_follows_the_figure_decided_for_a_level(
    ditp, kpi, round_no, decided, actual, score, levels
):
    sc = apply_decisions(ditp, [decision(kpi, round_no, s, c) for s, c in decided])
    kr = sc.kpi(kpi).round(round_no)
    assert tuple(str(v) for v, _ in kr.points) == levels
    assert scored(sc, kpi, round_no, actual) == Decimal(score)


def test_without_decisions_the_same_scorecard_comes_back(ditp):
    assert apply_decisions(ditp, []) is ditp


@pytest.mark.parametrize(
    ("kpi", "round_no", "score"),
    [
        ("9", 2, 75),  # no KPI 9 level has two figures
        ("1", 1, 50),  # the printed 0.75 is what the rule gives
        ("1", 3, 75),  # no round 3
        ("99", 1, 75),  # no such KPI
        ("1", 1, 60),  # no such level
    ],
)
def test_a_decision_on_a_level_without_two_figures_changes_nothing(ditp, kpi, round_no, score):
    assert apply_decisions(ditp, [decision(kpi, round_no, score, STATED)]) is ditp


def test_only_the_decided_level_changes_and_the_other_kpis_are_the_same_objects(ditp):
    sc = apply_decisions(ditp, [decision("1", 1, 75, STATED)])
    assert sc.kpi("2") is ditp.kpi("2")
    assert sc.kpi("1").round(2) is ditp.kpi("1").round(2)
    before, after = ditp.kpi("1").round(1).levels, sc.kpi("1").round(1).levels
    assert [lv.value for lv in after] == [Decimal("0.75"), Decimal("1.18"), Decimal("1.35")]
    assert (after[1].stated, after[1].derived, after[1].rule) == (
        before[1].stated, before[1].derived, before[1].rule,
    )  # fmt: skip


def test_a_decided_level_says_how_it_was_set_in_both_languages(ditp):
    level = apply_decisions(ditp, [decision("1", 1, 75, STATED)]).kpi("1").round(1).levels[1]
    assert level.provenance == (
        "decided: the stated 1.18 is kept (the rule gives 1.05); "
        "reason: checked against the signed PDF"
    )
    assert level.provenance_th == (
        "มีมติให้ใช้ตัวเลขที่ระบุในเอกสาร 1.18 (ตามสูตรได้ 1.05) เหตุผล: checked against the signed PDF"
    )


def test_a_level_decided_for_the_recomputation_names_both_figures_in_both_languages(ditp):
    decided = decision("4", 2, 75, RECOMPUTED)
    level = apply_decisions(ditp, [decided]).kpi("4").round(2).levels[1]
    assert level.value == Decimal("4.70")
    assert level.provenance == (
        "decided: the recomputed 4.70 is used instead of the stated 4.69; "
        "reason: checked against the signed PDF"
    )
    assert level.provenance_th == (
        "มีมติให้ใช้ค่าที่คำนวณใหม่ 4.70 แทนตัวเลขที่ระบุในเอกสาร 4.69 เหตุผล: checked against the signed PDF"
    )


def test_a_decided_level_is_recomputed_once(ditp, monkeypatch):
    calls = []

    def counted(kpi, level):
        calls.append(level.score)
        return recomputed(kpi, level)

    monkeypatch.setattr(decisions, "recomputed", counted)
    apply_decisions(ditp, [decision("1", 1, 75, STATED)])
    assert calls == [Decimal(75)]


@pytest.mark.parametrize(
    ("kpi", "round_no", "score", "stated", "recomputed", "decidable"),
    [
        ("1", 1, 75, "1.18", "1.05", True),
        ("1", 1, 100, "1.05", "1.35", True),
        ("1", 1, 50, "0.75", "0.75", False),
        ("4", 2, 75, "4.69", "4.70", True),
        ("9", 2, 75, "461.45", None, False),
    ],
)
def test_the_two_figures_of_a_level_are_at_the_kpis_places(
    ditp, kpi, round_no, score, stated, recomputed, decidable
):
    k = ditp.kpi(kpi)
    level = next(lv for lv in k.round(round_no).levels if lv.score == score)
    expected = (Decimal(stated), None if recomputed is None else Decimal(recomputed))
    assert figures(k, level) == expected
    assert is_decidable(k, level) is decidable


def test_keeping_both_printed_figures_of_kpi_1_puts_its_levels_out_of_order(ditp):
    both = [decision("1", 1, 75, STATED), decision("1", 1, 100, STATED)]
    assert out_of_order(apply_decisions(ditp, both).kpi("1"), 1)
    assert not out_of_order(apply_decisions(ditp, both[:1]).kpi("1"), 1)


def test_a_level_that_is_not_a_figure_is_never_decided(ditp):
    kpi = ditp.kpi("1")
    judged = replace(kpi.round(1), measure=replace(kpi.round(1).measure, kind=MeasureKind.JUDGED))
    sc = replace(ditp, kpis=(replace(kpi, rounds={**kpi.rounds, 1: judged}), *ditp.kpis[1:]))
    assert apply_decisions(sc, [decision("1", 1, 75, STATED)]) is sc
