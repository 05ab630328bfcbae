"""The scorecard as frozen values: what the loader builds and every calculation reads.

Levels are *resolved*: each carries the figure scoring uses and how it was obtained
(provenance), so no caller ever re-derives a target.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from itertools import pairwise

from thaikpi.engine.findings import in_language, nfc
from thaikpi.engine.formatting import ce_year
from thaikpi.engine.numbers import SCORE_ROUNDING, WEIGHTED_ROUNDING, Rounding
from thaikpi.engine.scales import OPDC_3, Scale

Point = tuple[Decimal, Decimal]  # a level as scoring reads it: (value, score)


@dataclass(frozen=True, slots=True)
class Text:
    """A label in Thai with its English translation beside it."""

    th: str
    en: str = ""

    def get(self, language: str = "th") -> str:
        """The label in ``language`` ('th' or 'en'), falling back to Thai."""
        return self.en if language == "en" and self.en else self.th

    def __str__(self) -> str:
        return self.th


class Direction(str, Enum):
    """Whether a higher or a lower actual value is better."""

    HIGHER = "higher"
    LOWER = "lower"


class MeasureKind(str, Enum):
    """What a result is: a number, a count, a judged level, or inputs checked against conditions."""

    NUMERIC = "numeric"
    COUNT = "count"
    JUDGED = "judged"
    CONDITIONS = "conditions"


class ScoringMethod(str, Enum):
    """Numeric KPIs: interpolate linearly between levels, or take the level reached."""

    INTERPOLATE = "interpolate"
    STEP = "step"


class BelowEntry(str, Enum):
    """What a numeric KPI scores below its entry (50) level."""

    ZERO = "zero"
    EXTRAPOLATE = "extrapolate"  # continue the 50→75 slope down, never below 0


@dataclass(frozen=True, slots=True)
class ScoringPolicy:
    """The scorecard's scoring settings, with the rounding of scores and weighted scores."""

    method: ScoringMethod = ScoringMethod.INTERPOLATE
    below_entry: BelowEntry = BelowEntry.ZERO
    score_rounding: Rounding = SCORE_ROUNDING
    weighted_rounding: Rounding = WEIGHTED_ROUNDING


@dataclass(frozen=True, slots=True)
class Condition:
    """``input op value``: one condition a conditions-level needs."""

    input: str
    op: str
    value: Decimal

    def holds(self, actual: Decimal) -> bool:
        """Whether ``actual`` satisfies this condition."""
        return {
            ">=": actual >= self.value,
            ">": actual > self.value,
            "<=": actual <= self.value,
            "<": actual < self.value,
            "==": actual == self.value,
        }[self.op]

    def __str__(self) -> str:
        return f"{self.input} {self.op} {self.value}"


@dataclass(frozen=True, slots=True)
class Rule:
    """How a level's figure is derived; ``kind`` says which parameters apply (see schema)."""

    kind: str
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Level:
    """A target level (a score of the scale: 50, 75, 100 or 1-5), resolved to its figure."""

    score: Decimal
    value: Decimal | None  # None: judged/conditions level, or open (see open_reason)
    stated: Decimal | None = None
    rule: Rule | None = None
    derived: Decimal | None = None  # what the rule gives, exact (before the KPI's rounding)
    provenance: str = ""
    provenance_th: str = ""
    conditions: tuple[Condition, ...] = ()
    description: Text | None = None
    note: Text | None = None
    open_reason: str | None = None
    line: int | None = None
    open_reason_th: str = ""  # the open reason in Thai

    def __post_init__(self) -> None:
        if self.open_reason_th:
            object.__setattr__(self, "open_reason_th", nfc(self.open_reason_th))

    def open_text(self, language: str) -> str:
        """Why the level is open, in ``language`` (Thai when there is one); '' when it is not."""
        return in_language(language, self.open_reason or "", self.open_reason_th)


@dataclass(frozen=True, slots=True)
class Measure:
    """What a result is in a round, and how raw inputs become the actual value."""

    kind: MeasureKind = MeasureKind.NUMERIC
    input: str | None = None
    items: tuple[Text, ...] = ()
    item_at_least: Decimal | None = None
    item_range: tuple[int, int] | None = None
    unit: Text | None = None
    description: Text | None = None


@dataclass(frozen=True, slots=True)
class KpiRound:
    """A KPI in one round: whether it is assessed, what is measured, and its resolved levels."""

    number: int
    assessed: bool
    measure: Measure
    levels: tuple[Level, ...] = ()
    reason: Text | None = None
    groups: Text | None = None
    note: Text | None = None
    # Derived from the levels once, because scoring reads them for every evaluation:
    points: tuple[Point, ...] = field(init=False)  # (value, score), 50→100
    open_reason: str | None = field(init=False)  # why a level still waits for a figure
    open_reason_th: str = field(init=False)  # the same reason in Thai

    def __post_init__(self) -> None:
        points = tuple((lv.value, lv.score) for lv in self.levels if lv.value is not None)
        first = next((lv for lv in self.levels if lv.open_reason), None)
        object.__setattr__(self, "points", points)
        object.__setattr__(self, "open_reason", first.open_reason if first else None)
        object.__setattr__(self, "open_reason_th", first.open_reason_th if first else "")

    @property
    def is_open(self) -> bool:
        """True when a level still waits for a figure the document leaves open."""
        return self.open_reason is not None

    def open_text(self, language: str) -> str:
        """Why a level is open, in ``language`` (Thai when there is one); '' when none is."""
        return in_language(language, self.open_reason or "", self.open_reason_th)

    def out_of_order(self, direction: Direction) -> tuple[tuple[Point, Point], ...]:
        """Neighbouring points (value, score), lower level first, whose value goes back.

        Each level must ask at least what the level below it asks: a value as high or higher
        when higher is better, as low or lower when lower is better.
        """
        higher = direction is Direction.HIGHER
        return tuple(
            (low, high)
            for low, high in pairwise(self.points)
            if (high[0] < low[0] if higher else high[0] > low[0])
        )


@dataclass(frozen=True, slots=True)
class InputDef:
    """A named raw input of a KPI's formula or conditions."""

    id: str
    name: Text
    unit: Text | None = None
    min: Decimal | None = None
    max: Decimal | None = None
    positive: bool = False


@dataclass(frozen=True, slots=True)
class Link:
    """A link to the national strategy (master-plan code, value chain, factor, agenda)."""

    type: str
    code: str
    name: Text


@dataclass(frozen=True, slots=True)
class Column:
    """A baseline column: a raw input, or derived by a formula or as a growth rate."""

    id: str
    name: Text
    formula: str | None = None
    growth_of: str | None = None
    places: int | None = None

    @property
    def is_derived(self) -> bool:
        """True for columns the audit recomputes."""
        return bool(self.formula or self.growth_of)


@dataclass(frozen=True, slots=True)
class BaselineRow:
    """One Buddhist-era year of a baseline table, as stated."""

    year: int
    values: Mapping[str, Decimal | None]
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Summary:
    """A multi-year figure the document states (e.g. the 3-year average ratio)."""

    id: str
    stat: str
    column: str
    years: tuple[int, int]
    stated: Decimal | None
    label: Text | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Baseline:
    """A KPI's baseline table."""

    columns: tuple[Column, ...]
    rows: tuple[BaselineRow, ...]
    summaries: tuple[Summary, ...] = ()
    rounding: Rounding = Rounding()
    unit: Text | None = None
    note: Text | None = None

    def column(self, column_id: str) -> Column | None:
        """The column with this id, if any."""
        return next((c for c in self.columns if c.id == column_id), None)

    def series(self, column_id: str, first: int, last: int) -> list[tuple[int, Decimal | None]]:
        """(year, stated value) of a column for years first..last inclusive."""
        return [(r.year, r.values.get(column_id)) for r in self.rows if first <= r.year <= last]


@dataclass(frozen=True, slots=True)
class Target:
    """A multi-year target figure the document states."""

    year: int
    value: Decimal | None
    label: Text | None = None


@dataclass(frozen=True, slots=True)
class Revision:
    """How often, and when, a KPI's targets may be revised during the year."""

    times: int
    when: Text


@dataclass(frozen=True, slots=True)
class Kpi:
    """One KPI with everything the template states about it, levels resolved per round."""

    id: str
    group: str
    name: Text
    weight: Decimal
    unit: Text
    direction: Direction
    rounds: Mapping[int, KpiRound]
    rounding: Rounding
    category: str | None = None
    kind: str = "unlinked"
    proxy_for: Text | None = None
    description: Text | None = None
    scope: Text | None = None
    inputs: tuple[InputDef, ...] = ()
    formula: str | None = None
    formula_text: Text | None = None
    data_sources: Text | None = None
    collection_method: Text | None = None
    responsible: Text | None = None
    related_agencies: Text | None = None
    reporting_period: Text | None = None
    links: tuple[Link, ...] = ()
    joint: str | None = None  # the code of the joint KPI whose shared result this KPI uses
    conditions: tuple[Text, ...] = ()
    notes: tuple[Text, ...] = ()
    revision: Revision | None = None
    baseline: Baseline | None = None
    targets: tuple[Target, ...] = ()
    line: int | None = None
    # The bounds of the value, entered or computed, that the template declares (``value:``).
    value_min: Decimal | None = None
    value_max: Decimal | None = None

    def round(self, number: int) -> KpiRound | None:
        """This KPI in round ``number`` (one of the template's rounds), if it has it."""
        return self.rounds.get(number)

    def input(self, input_id: str) -> InputDef | None:
        """The input definition with this id, if any."""
        return next((i for i in self.inputs if i.id == input_id), None)

    def levels_column(self, round_no: int) -> str | None:
        """The baseline column a round's levels derive from, else the last derived column."""
        if self.baseline is None:
            return None
        kpi_round = self.round(round_no)
        for level in kpi_round.levels if kpi_round else ():
            column = level.rule.params.get("column") if level.rule else None
            if column:
                return str(column)
        derived = [c.id for c in self.baseline.columns if c.is_derived]
        columns = derived or [c.id for c in self.baseline.columns]
        return columns[-1] if derived else (columns[0] if columns else None)


@dataclass(frozen=True, slots=True)
class Category:
    """A category inside a group (Functional KPIs, Joint KPIs)."""

    id: str
    name: Text


@dataclass(frozen=True, slots=True)
class Group:
    """A weighted group of KPIs (Performance Base 70, Potential Base 30)."""

    id: str
    name: Text
    weight: Decimal
    categories: tuple[Category, ...] = ()


@dataclass(frozen=True, slots=True)
class Parameter:
    """A named figure rules use; ``value`` is None while the document leaves it open."""

    id: str
    name: Text
    value: Decimal | None
    unit: Text | None = None
    note: Text | None = None


@dataclass(frozen=True, slots=True)
class Agency:
    """The agency that signs the scorecard."""

    code: str
    name: Text
    ministry: Text


@dataclass(frozen=True, slots=True)
class FiscalYear:
    """A Thai fiscal year (1 October to 30 September), numbered in the Buddhist era."""

    year_be: int
    starts: datetime.date
    ends: datetime.date

    @property
    def year_ce(self) -> int:
        """The Common-Era year in which the fiscal year ends (2567 BE → 2024)."""
        return ce_year(self.year_be)


@dataclass(frozen=True, slots=True)
class RoundInfo:
    """An evaluation round of the year."""

    number: int
    months: int
    name: Text


@dataclass(frozen=True, slots=True)
class Scorecard:
    """A whole KPI template for one agency and fiscal year, validated and resolved."""

    id: str
    version: int
    title: Text
    agency: Agency
    fiscal_year: FiscalYear
    rounds: tuple[RoundInfo, ...]
    groups: tuple[Group, ...]
    kpis: tuple[Kpi, ...]
    rounding: Rounding
    scoring: ScoringPolicy
    total_weight: Decimal = Decimal(100)
    parameters: tuple[Parameter, ...] = ()
    notes: tuple[Text, ...] = ()
    source: Text | None = None
    file: str = ""
    scale: Scale = OPDC_3  # the levels KPIs score and how the total is made

    @property
    def round_numbers(self) -> tuple[int, ...]:
        """The numbers of the template's rounds, e.g. (1, 2) or (1, 2, 3)."""
        return tuple(r.number for r in self.rounds)

    def kpi(self, kpi_id: str) -> Kpi | None:
        """The KPI with this id, if any."""
        return next((k for k in self.kpis if k.id == kpi_id), None)

    def round(self, number: int) -> RoundInfo | None:
        """Round ``number`` (its months and name), if the template has it."""
        return next((r for r in self.rounds if r.number == number), None)

    def group(self, group_id: str) -> Group | None:
        """The group with this id, if any."""
        return next((g for g in self.groups if g.id == group_id), None)

    def parameter(self, parameter_id: str) -> Parameter | None:
        """The parameter with this id, if any."""
        return next((p for p in self.parameters if p.id == parameter_id), None)
