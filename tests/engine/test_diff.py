"""The difference between two versions of a scorecard, field by field."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thaikpi.engine.diff import Change, compare
from thaikpi.engine.loader import load_text
from thaikpi.engine.model import Scorecard

from .conftest import MINI


def edited(old: str, new: str, path=MINI) -> Scorecard:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    return load_text(text.replace(old, new), "edited.yaml")


def test_a_scorecard_compared_with_itself_has_no_difference(mini):
    assert compare(mini, load_text(MINI.read_text(encoding="utf-8"), "again.yaml")) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("formula: trade_value / budget\n    baseline",
         "formula: trade_value / budget * 2\n    baseline",
         [Change("2", "formula", "trade_value / budget", "trade_value / budget * 2")]),
        ("budget: {name: {th: งบประมาณ, en: budget}, positive: true}",
         "budget: {name: {th: งบประมาณ, en: budget}, positive: true, max: 9000}",
         [Change("2", "inputs.budget.max", None, "9000")]),
        ("rounding: {places: 2, mode: half_up, intermediate: false}",
         "rounding: {places: 2, mode: truncate, intermediate: false}",
         [Change(None, "rounding.mode", "half_up", "truncate")]),
        ("name: {th: อัตราการขยายตัว, en: Growth rate}",
         "name: {th: อัตราการขยายตัว, en: Export growth rate}",
         [Change("1", "name.en", "Growth rate", "Export growth rate")]),
    ],
    ids=["formula", "a new input bound", "rounding mode", "an English name"],
)  # fmt: skip
def test_a_change_is_named_by_kpi_field_old_and_new(mini, old, new, expected):
    changes = compare(mini, edited(old, new))
    # A scorecard's rounding is every KPI's too, unless a KPI says otherwise: listed per KPI.
    assert [c for c in changes if c.kpi is None or "rounding" not in c.field] == expected


def test_a_parameter_behind_a_rule_shows_with_the_levels_it_moves(mini):
    changes = compare(mini, edited("value: 2.7}", "value: 3.1}"))
    assert Change(None, "parameters.x.value", "2.7", "3.1") in changes
    assert {c.kpi for c in changes} == {None, "1"}
    assert all(c.field.startswith("rounds.") for c in changes if c.kpi == "1")


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(["30", "40"]), st.decimals(min_value=1, max_value=60, places=0))
def test_comparing_the_other_way_swaps_old_and_new(mini, kpi_weight, weight):
    kpi = next(k for k in mini.kpis if str(k.weight) == kpi_weight)
    other = dataclasses.replace(
        mini,
        kpis=tuple(dataclasses.replace(k, weight=Decimal(weight)) if k is kpi else k
                   for k in mini.kpis),
    )  # fmt: skip
    forth, back = compare(mini, other), compare(other, mini)
    assert back == [Change(c.kpi, c.field, c.new, c.old) for c in forth]
    assert forth == ([] if Decimal(weight) == kpi.weight else
                     [Change(kpi.id, "weight", kpi_weight, str(weight))])  # fmt: skip
