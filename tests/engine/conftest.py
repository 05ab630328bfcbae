"""Engine test helpers: the small fixture scorecard and quick KPI builders. No database."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from thaikpi.engine.loader import load_path
from thaikpi.engine.model import (
    Direction,
    Kpi,
    KpiRound,
    Level,
    Measure,
    MeasureKind,
    Scorecard,
    Text,
)
from thaikpi.engine.numbers import Rounding

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini.yaml"


@pytest.fixture(scope="session")
def mini() -> Scorecard:
    """The small fixture scorecard with every measure and rule kind."""
    return load_path(MINI)


def make_kpi(
    values: tuple[str, str, str] = ("1.5", "2.1", "2.7"),
    direction: Direction = Direction.HIGHER,
    kind: MeasureKind = MeasureKind.NUMERIC,
    weight: str = "15",
) -> Kpi:
    """A KPI with round-2 levels 50/75/100 at ``values``."""
    levels = tuple(
        Level(score=Decimal(s), value=Decimal(v))
        for s, v in zip(("50", "75", "100"), values, strict=True)
    )
    return Kpi(
        id="k",
        group="performance",
        name=Text("ทดสอบ", "test"),
        weight=Decimal(weight),
        unit=Text("ร้อยละ", "percent"),
        direction=direction,
        rounds={2: KpiRound(2, True, Measure(kind), levels)},
        rounding=Rounding(2),
    )


def mini_text_with_round_1_unassessed() -> str:
    """The fixture scorecard text with no KPI assessed in round 1: a round with nothing to score."""
    import re

    text = MINI.read_text(encoding="utf-8")
    block = re.compile(r'^      "1":\n(?:        .*\n)+', re.MULTILINE)
    return block.sub('      "1": {assessed: false}\n', text)
