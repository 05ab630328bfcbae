"""A round in which not one KPI has a result has no total: 0 from nothing entered is not a score."""

from __future__ import annotations

from decimal import Decimal

import pytest

from thaikpi.engine import loader
from thaikpi.engine.results import read_result
from thaikpi.engine.scoring import score_round

DITP = loader.load_named("ditp-2567")


def results(round_no: int, raw: dict[str, object]):
    return {k: read_result(DITP.kpi(k), round_no, v) for k, v in raw.items()}  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("round_no", "raw", "no_result", "shown"),
    [
        (2, {}, True, "ยังไม่มีผล"),
        (1, {}, True, "ยังไม่มีผล"),
        (2, {"1": Decimal("1.2")}, False, "0.0000"),  # a real 0: short of the 50 level
        (1, {"1": Decimal("1.06")}, False, None),
    ],
)  # fmt: skip
def test_a_round_without_any_result_says_so_instead_of_a_total(round_no, raw, no_result, shown):
    scored = score_round(DITP, round_no, results(round_no, raw))
    assert scored.no_result is no_result
    assert scored.total_text() == (shown or f"{scored.total:.4f}")
    assert scored.total_text("en") == ("no result yet" if no_result else scored.total_text())


@pytest.mark.parametrize(
    ("raw", "performance", "potential"),
    [
        ({}, True, True),
        ({"1": Decimal("1.2")}, False, True),  # a real 0 in performance; potential has nothing
    ],
)
def test_a_group_without_any_result_has_no_subtotal(raw, performance, potential):
    groups = {g.group_id: g for g in score_round(DITP, 2, results(2, raw)).groups}
    assert (groups["performance"].no_result, groups["potential"].no_result) == (
        performance,
        potential,
    )
