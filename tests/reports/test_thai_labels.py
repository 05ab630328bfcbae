"""The reports' Thai labels show figures the one way: half-up at the KPI's places."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.engine.conftest import make_kpi
from thaikpi.engine.model import Condition, Level
from thaikpi.reports.thai_labels import conditions_text, inputs_text, level_text


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        ("0.125", None, "0.13"),  # the KPI's 2 places, half-up (half-even gave 0.12)
        ("2.665", None, "2.67"),
        ("-0.125", None, "-0.13"),
        ("1234.5", None, "1,234.50"),
        ("1234.5", 0, "1,235"),  # a count is whole
    ],
)
def test_a_level_is_shown_half_up_at_the_kpis_places(
    value: str, places: int | None, expected: str
) -> None:
    level = Level(score=Decimal(50), value=Decimal(value))
    assert level_text(make_kpi(), level, places) == expected


def test_conditions_and_inputs_show_figures_as_stated() -> None:
    kpi = make_kpi()
    conditions = [Condition("a", ">=", Decimal("1000.50")), Condition("b", "<", Decimal("0.125"))]
    assert conditions_text(kpi, conditions) == "a ≥ 1,000.50 และ b < 0.125"
    assert inputs_text(kpi, {"a": Decimal("12345"), "b": Decimal("2.50")}) == "a = 12,345, b = 2.50"
