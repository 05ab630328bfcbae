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
