"""Scoring scales a template may declare: OPDC's 50/75/100 and the older five-level scale.

A scale is data, not code paths: its level scores, their names, and how the round's total
is made from the KPIs' scores. Scoring, what-if, validation and every page read the scale
of the scorecard; nothing else names 50, 75 or 100.

- ``opdc-3`` (the default, OPDC since 2562): levels 50, 75 and 100; a KPI scores 0-100;
  weighted score = weight × score / 100, and the total is their sum (at most the weights
  assessed in the round, 100 when all are).
- ``five-level`` (OPDC's method until 2561, still used by ministries, provinces and
  hospitals for their own agreements): levels 1-5; a KPI scores 0-5 by linear
  interpolation between levels, 0 below level 1 (the same ``below_entry: zero`` rule as
  the 50 level; ``extrapolate`` continues the 1→2 slope, never below 0); weighted score =
  weight × score / the sum of the weights assessed in the round, so the total is the
  weighted average, at most 5. Each score is rounded to 4 places half-up (OPDC's
  ค่าคะแนนที่ได้ 1.0000-5.0000), each weighted score to 4 places half-up, and the total is
  the sum of the rounded weighted scores (e.g. 4.5321), as the paper form adds them up.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Final

from thaikpi.engine.findings import in_language
from thaikpi.engine.formatting import figure
from thaikpi.engine.numbers import (
    FIVE_LEVEL_SCORE_ROUNDING,
    HUNDRED,
    SCORE_ROUNDING,
    ZERO,
    Rounding,
)


class TotalKind(str, Enum):
    """How a round's total is made from the KPIs' weighted scores."""

    SUM = "sum"  # weight × score / 100, summed: a total out of the weights (OPDC 50/75/100)
    WEIGHTED_AVERAGE = "weighted_average"  # weight × score / Σ weights: a total on the scale


@dataclass(frozen=True, slots=True)
class Scale:
    """A scoring scale: its level scores (lowest first), their names, and the total's rule."""

    id: str
    levels: tuple[Decimal, ...]
    names: tuple[tuple[str, str], ...]  # each level's name, (Thai, English)
    total: TotalKind
    name: tuple[str, str]  # the scale's name, (Thai, English)
    score_rounding: Rounding = SCORE_ROUNDING  # when the template does not state one
    headers: tuple[tuple[str, str], ...] = ()  # each level's column header, (Thai, English)

    @property
    def max_score(self) -> Decimal:
        """The most a KPI scores: its top level."""
        return self.levels[-1]

    @property
    def entry(self) -> Decimal:
        """The lowest level (50, or 1)."""
        return self.levels[0]

    @property
    def judged(self) -> tuple[Decimal, ...]:
        """The levels a judged KPI may reach: 0 and every level."""
        return (ZERO, *self.levels)

    @property
    def standard(self) -> Decimal:
        """The standard level, below which a KPI is at risk: 75, or 3 of five (the middle)."""
        return self.levels[len(self.levels) // 2]

    def standing(self, score: Decimal) -> Decimal:
        """Which level a score reached: the highest level at or below it, 0 below the entry.

        A KPI's score, not its actual: 87.5 stands at 75, 4.2 at 4, 0.8 at 0 (five-level).
        """
        return next((level for level in reversed(self.levels) if score >= level), ZERO)

    def band(self, level: Decimal) -> str:
        """The colour band of a level reached: 'top', 'standard', 'entry' or 'below'.

        The top level; the standard level up (75; 3-4 of five); the entry level up (50;
        1-2 of five); below the entry level (0). Charts, chips and the briefing key their
        colours and words by these names.
        """
        if level >= self.max_score:
            return "top"
        if level >= self.standard:
            return "standard"
        return "entry" if level >= self.entry else "below"

    def divisor(self, assessed_weight: Decimal) -> Decimal:
        """What weight × score is divided by: 100, or the weights assessed in the round."""
        if self.total is TotalKind.SUM or assessed_weight <= 0:
            return HUNDRED
        return assessed_weight

    def max_total(self, assessed_weight: Decimal) -> Decimal:
        """The most a round's total can reach."""
        if self.total is TotalKind.SUM:
            return assessed_weight
        return self.max_score if assessed_weight > 0 else ZERO

    def level_name(self, score: Decimal, language: str = "th") -> str:
        """The name of the level with this score, e.g. 'ขั้นสูง' or 'level 5'."""
        for level, name in zip(self.levels, self.names, strict=True):
            if level == score:
                return in_language(language, name[1], name[0])
        return figure(score, 0)

    def header(self, score: Decimal, language: str = "th") -> str:
        """A table's column header for a level: 'เป้าหมายขั้นต้น (50)', 'ระดับ 1'."""
        for level, (th, en) in zip(self.levels, self.headers, strict=True):
            if level == score:
                return in_language(language, en, th)
        return figure(score, 0)

    def headers_in(self, language: str = "th") -> tuple[str, ...]:
        """Every level's column header, lowest level first."""
        return tuple(self.header(level, language) for level in self.levels)

    def listing(self, language: str = "en", zero: bool = False) -> str:
        """The level scores as a sentence lists them: '50, 75 or 100' ('0, 50, 75 หรือ 100')."""
        shown = [figure(s, 0) for s in (self.judged if zero else self.levels)]
        word = in_language(language, "or", "หรือ")
        return f"{', '.join(shown[:-1])} {word} {shown[-1]}"


OPDC_3: Final = Scale(
    "opdc-3",
    (Decimal(50), Decimal(75), Decimal(100)),
    (("เป้าหมายขั้นต้น", "entry target"), ("เป้าหมายมาตรฐาน", "standard target"),
     ("เป้าหมายขั้นสูง", "advanced target")),
    TotalKind.SUM,
    ("ระดับ 50/75/100 (สำนักงาน ก.พ.ร.)", "OPDC levels 50/75/100"),
    headers=(("เป้าหมายขั้นต้น (50)", "Entry target (50)"),
             ("เป้าหมายมาตรฐาน (75)", "Standard target (75)"),
             ("เป้าหมายขั้นสูง (100)", "Advanced target (100)")),
)  # fmt: skip
FIVE_LEVEL: Final = Scale(
    "five-level",
    tuple(Decimal(n) for n in range(1, 6)),
    tuple((f"ระดับ {n}", f"level {n}") for n in range(1, 6)),
    TotalKind.WEIGHTED_AVERAGE,
    ("เกณฑ์การให้คะแนน 5 ระดับ (ค่าคะแนน 1-5)", "five-level scale (scores 1-5)"),
    score_rounding=FIVE_LEVEL_SCORE_ROUNDING,
    headers=tuple((f"เป้าหมายระดับ {n}", f"Level {n} target") for n in range(1, 6)),
)
SCALES: Final = {s.id: s for s in (OPDC_3, FIVE_LEVEL)}


def level_named(score: Decimal, language: str = "th") -> str:
    """The name of a level score on the scale that has it: 'เป้าหมายขั้นสูง' (100), 'ระดับ 5'.

    The scales' level scores do not overlap (50/75/100 and 1-5), so a score names its level
    where the scale itself is not at hand (a KPI score's explanation).
    """
    for scale in SCALES.values():
        if score in scale.levels:
            return scale.level_name(score, language)
    return figure(score, 0)
