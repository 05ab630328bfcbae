"""A small template whose every score-moving field is spelt out, for the version-lock tests.

It is the test template with a parameter behind KPI 1's round-1 100 level (a rule the level
follows), the scorecard's rounding and scoring policy written out, KPI 1's direction, measure
kind and rounding written out, and revisions allowed often enough that an open round can take
any of the edits in ``EDITS``.
"""

from __future__ import annotations

from typing import Any

from tests.personas import bring_round, mini_text
from thaikpi.services import imports, results

PARAMETER = """parameters:
  - {id: top_target, name: {th: "เป้าหมายขั้นสูง", en: "Top target"}, value: 1.35}
groups:"""

POLICY = """rounding: {places: 2, mode: half_up, intermediate: false}
scoring: {method: interpolate, below_entry: extrapolate}
rounds:"""


def _once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def base_text() -> str:
    """The template the tests' rounds are entered and closed under (imported as version 2)."""
    text = mini_text()
    text = _once(text, "groups:", PARAMETER)
    text = _once(text, "rounds:\n  - {number: 1", POLICY + "\n  - {number: 1")
    text = _once(
        text,
        '    revision: {times: 1, when: {th: "หลังประกาศ GDP ไตรมาส 2", en: "after Q2 GDP"}}',
        '    revision: {times: 9, when: {th: "หลังประกาศ GDP ไตรมาส 2", en: "after Q2 GDP"}}\n'
        "    direction: higher",
    )
    text = _once(
        text,
        '      "1":\n        levels:\n          - {score: 50, stated: 0.75}',
        '      "1":\n        measure: {kind: numeric}\n        levels:\n'
        "          - {score: 50, stated: 0.75}",
    )
    text = _once(
        text,
        "          - {score: 100, stated: 1.35}",
        "          - {score: 100, stated: 1.35, use: rule,\n"
        "             rule: {kind: percent_of_parameter, parameter: top_target, percent: 100}}",
    )
    text = _once(
        text,
        '    unit: {th: "เท่า", en: "times"}\n',
        '    unit: {th: "เท่า", en: "times"}\n'
        '    revision: {times: 9, when: {th: "ทุกไตรมาส", en: "every quarter"}}\n',
    )
    return text


# field → (what the template says under ``base_text``, what the new version says instead)
EDITS = {
    "weights": ("    weight: 40\n", "    weight: 30\n", "    weight: 30\n", "    weight: 40\n"),
    "levels": ("{score: 75, stated: 1.05}", "{score: 75, stated: 1.15}"),
    "level rule": ("parameter: top_target, percent: 100}", "parameter: top_target, percent: 90}"),
    "parameters": ("value: 1.35}", "value: 1.25}"),
    "formula": ("formula: trade_value / budget", "formula: trade_value / budget * 2"),
    "input bounds": ("min: 0}", "min: 90}"),
    "direction": ("direction: higher", "direction: lower"),
    "measure kind": ("measure: {kind: numeric}", "measure: {kind: judged}"),
    "scoring method": ("method: interpolate", "method: step"),
    "below-entry rule": ("below_entry: extrapolate", "below_entry: zero"),
    "rounding": ("mode: half_up, intermediate", "mode: truncate, intermediate"),
}


def edited(field: str) -> str:
    """The base template with one field changed."""
    text, pairs = base_text(), EDITS[field]
    if field == "weights":  # KPI 1 40 → 30 and KPI 3 30 → 40: the group still weighs 70
        first, rest = text.split("    weight: 40\n", 1)
        head, tail = rest.split('  - id: "3"', 1)
        tail = tail.replace("    weight: 30\n", "    weight: 40\n", 1)
        return first + "    weight: 30\n" + head + '  - id: "3"' + tail
    if field == "direction":  # lower is better: KPI 1's levels run the other way too
        for old, new in (("{score: 50, stated: 0.75}", "{score: 50, stated: 1.35}"),
                         ("stated: 1.35, use: rule", "stated: 0.75, use: rule"),
                         ("value: 1.35}", "value: 0.75}"),
                         ("{score: 50, stated: 1.5}", "{score: 50, stated: 2.7}"),
                         ("{score: 100, stated: 2.7}", "{score: 100, stated: 1.5}")):  # fmt: skip
            text = _once(text, old, new)
    return _once(text, pairs[0], pairs[1])


# The round-1 results every test enters: KPI 1 between its 75 and 100 levels, KPI 3 (86 / 3 =
# 28.67) below its entry level, where the base template extrapolates.
RESULTS = {"1": "1.2", "3": {"trade_value": "86", "budget": "3"}}
BASE_TOTAL = "48.0050"
# The round-1 total once the new version applies (worked out with the engine by hand, KPI by
# KPI: e.g. the formula doubled makes KPI 3's 57.33 reach its 100 level: 40 × 87.5% + 30).
NEW_TOTAL = {
    "weights": "43.5900",
    "levels": "45.5050",
    "level rule": "51.8290",
    "parameters": "50.5050",
    "formula": "65.0000",
    "input bounds": "35.0000",
    "direction": "38.0050",
    "measure kind": "13.0050",
    "scoring method": "30.0000",
    "below-entry rule": "35.0000",
    "rounding": "47.9900",
}
# Edits that move round 1's own targets: a closed round refuses them outright (as before).
TARGET_EDITS = frozenset({"levels", "level rule", "parameters", "direction"})

CLOSED, OPEN = ("submitted", "approved", "locked"), ("draft", "returned")


def round_one_in(world: Any, state: str) -> None:
    """Import the base template (version 2), enter round 1's results, bring it to ``state``."""
    imports.import_template(world.pim, base_text(), "every field spelt out")
    world.card.refresh_from_db()
    for kpi_id, raw in RESULTS.items():
        results.save_result(world.pim, world.card, kpi_id, 1, raw, "", 0)
    bring_round(world, state)
