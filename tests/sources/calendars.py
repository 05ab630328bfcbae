"""A one-KPI export-growth template on each calendar and scale the forecast must follow.

KPI 1 is export growth from the monthly export value (its input ``export_value`` and last
year's ``export_value_previous``), as on DITP's scorecard. Each round's levels are given
per scale; the calendars are OPDC's two rounds (6, 12 months), three rounds (6, 9, 12), a
single year-end round, and the five-level scale on three rounds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from thaikpi.engine import loader
from thaikpi.engine import model as m

ROUND_MONTHS = {"two rounds": (6, 12), "three rounds": (6, 9, 12), "one round": (12,)}


EARLIER = ("1", "5", "8")  # a round before the year end: its standard (5) must not be read


def levels(calendar_name: str, scale: str, standard: str) -> dict[int, tuple[str, ...]]:
    """Each round's level figures: the year-end round's standard level at ``standard``."""
    s = Decimal(standard)
    steps = (-4, -2, 0, 2, 4) if scale == "five-level" else (-5, 0, 5)
    earlier = ("1", "2", "5", "6", "8") if scale == "five-level" else EARLIER
    count = len(ROUND_MONTHS[calendar_name])
    year_end_levels = tuple(str(s + step) for step in steps)
    return {n: earlier for n in range(1, count)} | {count: year_end_levels}


def template(months: Sequence[int], levels: Mapping[int, Sequence[str]], scale: str = "") -> str:
    """The template's text: a round per entry of ``months``, round n's level figures
    ``levels[n]`` (lowest level first, three on OPDC's scale, five on the five-level one;
    none: the round does not assess the KPI)."""
    scores = ("1", "2", "3", "4", "5") if scale == "five-level" else ("50", "75", "100")
    rounds = "\n".join(
        f"  - {{number: {n}, months: {mo}, name: {{th: รอบที่ {n} ({mo} เดือน), "
        f"en: Round {n} ({mo} months)}}}}"
        for n, mo in enumerate(months, 1)
    )
    kpi_rounds = "\n".join(
        f'      "{n}": {{assessed: false}}'
        if not figures
        else f'      "{n}":\n        levels:\n'
        + "\n".join(
            f"          - {{score: {s}, stated: {v}}}" for s, v in zip(scores, figures, strict=True)
        )
        for n, figures in levels.items()
    )
    return f"""format: thaikpi/scorecard-v1
id: calendar-2567
version: 1
title: {{th: ทดสอบปฏิทิน, en: Calendar test}}
agency:
  code: CAL
  name: {{th: กรมทดสอบ, en: Department of Testing}}
  ministry: {{th: กระทรวงทดสอบ, en: Ministry of Testing}}
fiscal_year: {{year_be: 2567, starts: 2023-10-01, ends: 2024-09-30}}
{"scale: " + scale if scale else ""}
rounds:
{rounds}
groups:
  - id: performance
    name: {{th: ประสิทธิผล, en: Performance}}
    weight: 100
kpis:
  - id: "1"
    group: performance
    name: {{th: อัตราการขยายตัวของมูลค่าการส่งออก, en: Export growth}}
    weight: 100
    unit: {{th: ร้อยละ, en: percent}}
    inputs:
      export_value: {{name: {{th: มูลค่าการส่งออก, en: export value}}}}
      export_value_previous: {{name: {{th: มูลค่าการส่งออกปีก่อน, en: last year}}, positive: true}}
    formula: "(export_value - export_value_previous) / export_value_previous * 100"
    rounds:
{kpi_rounds}
"""


def calendar(
    months: Sequence[int], levels: Mapping[int, Sequence[str]], scale: str = ""
) -> m.Scorecard:
    """The template loaded (see :func:`template`)."""
    return loader.load_text(template(months, levels, scale), "calendar.yaml")
