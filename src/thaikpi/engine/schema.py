"""The scorecard template file format (YAML), as pydantic models.

This module *is* the format's specification: ``thaikpi schema`` prints it as JSON Schema
(shipped as ``thaikpi/templates/scorecard.schema.json``), and ``docs/template-format.md``
explains it with examples. The loader (:mod:`thaikpi.engine.loader`) validates a file
against these models and then builds the frozen engine model (:mod:`thaikpi.engine.model`).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from thaikpi.engine.findings import Problem
from thaikpi.engine.numbers import is_grouped, parse_number

FORMAT_ID = "thaikpi/scorecard-v1"


def _exact_number(value: object) -> Decimal:
    """Accept ints and Decimals (the loader reads YAML decimals exactly); refuse the rest.

    Refusals are :class:`Problem` s, so the loader can report them in Thai too.
    """
    if isinstance(value, bool):
        raise Problem.of("schema.number_not_bool")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        return parse_number(value, "the number", "ตัวเลข")  # finite and plausible
    if isinstance(value, float):
        # Only reached when a caller bypasses the loader; floats are never official figures.
        raise Problem.of("schema.number_not_float")
    if isinstance(value, str) and is_grouped(value):
        # Results and workbooks take "1,150.40"; a template refuses it, saying how to write it,
        # because in YAML's flow style the same comma would split the field in two.
        raise Problem.of("schema.number_grouped", value=value.strip(),
                         plain=value.strip().replace(",", ""))  # fmt: skip
    raise Problem.of("schema.number_expected", value=value)


Number = Annotated[Decimal, BeforeValidator(_exact_number)]
IDENTIFIER_PATTERN = r"^[A-Za-z0-9_.\-]+$"
Identifier = Annotated[str, Field(pattern=IDENTIFIER_PATTERN, min_length=1, max_length=64)]
# A level's score: which are allowed depends on the template's ``scale`` (checked when the
# scorecard is validated, as a coded finding naming the scale's levels).
Score = Annotated[int, Field(ge=1, le=100)]
RoundNumber = Literal[1, 2, 3]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Text(_Strict):
    """A label in Thai with its English translation beside it."""

    th: str = Field(min_length=1)
    en: str = ""


class RoundingSpec(_Strict):
    """A rounding policy: places, half-up or truncate, and whether intermediates are rounded."""

    places: int = Field(default=2, ge=0, le=10)
    mode: Literal["half_up", "truncate"] = "half_up"
    intermediate: bool = False


class ScoringSpec(_Strict):
    """How a numeric KPI's actual value becomes a score."""

    method: Literal["interpolate", "step"] = "interpolate"
    below_entry: Literal["zero", "extrapolate"] = "zero"
    score_rounding: RoundingSpec = Field(default_factory=lambda: RoundingSpec(places=2))
    weighted_rounding: RoundingSpec = Field(default_factory=lambda: RoundingSpec(places=4))


class AgencySpec(_Strict):
    """The agency that signs the scorecard."""

    code: Identifier
    name: Text
    ministry: Text


class FiscalYearSpec(_Strict):
    """The fiscal year, in the Buddhist era, with its first and last day."""

    year_be: int = Field(ge=2400, le=2800)
    starts: datetime.date
    ends: datetime.date

    @model_validator(mode="after")
    def _ordered(self) -> FiscalYearSpec:
        if self.ends <= self.starts:
            raise Problem.of("fiscal_year.backwards")
        return self


class RoundInfoSpec(_Strict):
    """An evaluation round, e.g. 1 after 6 months and 2 after 12 (or 6, 9 and 12 months)."""

    number: RoundNumber
    months: int = Field(ge=1, le=12)
    name: Text


class CategorySpec(_Strict):
    """A category inside a group, e.g. Functional KPIs or Joint KPIs."""

    id: Identifier
    name: Text


class GroupSpec(_Strict):
    """A weighted group of KPIs: Performance Base or Potential Base."""

    id: Identifier
    name: Text
    weight: Number
    categories: list[CategorySpec] = Field(default_factory=list)


class ParameterSpec(_Strict):
    """A named figure rules use; ``value: null`` when the document leaves it open."""

    id: Identifier
    name: Text
    unit: Text | None = None
    value: Number | None = None
    note: Text | None = None


class InputSpec(_Strict):
    """A named raw input of a KPI's formula or conditions."""

    name: Text
    unit: Text | None = None
    min: Number | None = None
    max: Number | None = None
    positive: bool = False  # True for denominators such as a budget: zero or less is refused


class ValueSpec(_Strict):
    """The bounds of a KPI's value (entered, counted or computed): what its definition rules out."""

    min: Number | None = None
    max: Number | None = None

    @model_validator(mode="after")
    def _ordered(self) -> ValueSpec:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise Problem(
                f"the value's min {self.min} is more than its max {self.max}",
                f"ค่าต่ำสุด (min) {self.min} ของตัวชี้วัดมากกว่าค่าสูงสุด (max) {self.max}",
            )
        return self


class LinkSpec(_Strict):
    """A link to the national strategy: a master-plan code, value-chain or factor code, agenda."""

    type: Literal[
        "national_strategy",
        "master_plan",
        "sub_plan",
        "plan_target",
        "value_chain",
        "factor",
        "national_plan",
        "milestone",
        "joint_agenda",
        "agenda_service",
        "other",
    ]
    code: str = ""
    name: Text


class ColumnSpec(_Strict):
    """A baseline table column: a raw input, or a figure derived by a formula or growth rate."""

    id: Identifier
    name: Text
    formula: str | None = None
    growth_of: Identifier | None = None
    places: int | None = Field(default=None, ge=0, le=10)

    @model_validator(mode="after")
    def _one_derivation(self) -> ColumnSpec:
        if self.formula and self.growth_of:
            raise Problem.of("baseline.two_derivations")
        return self


class SummarySpec(_Strict):
    """A figure over several baseline years (mean, best, worst) that the document states."""

    id: Identifier
    stat: Literal["mean", "best", "worst"]
    column: Identifier
    years: tuple[int, int]
    stated: Number | None = None
    label: Text | None = None


class BaselineSpec(_Strict):
    """The baseline table: one row per Buddhist-era year, raw inputs and stated derived figures."""

    unit: Text | None = None
    columns: list[ColumnSpec]
    rows: list[dict[str, Number | None]]
    summaries: list[SummarySpec] = Field(default_factory=list)
    rounding: RoundingSpec | None = None
    note: Text | None = None


class TargetSpec(_Strict):
    """A multi-year target figure the document states (e.g. DGA targets 2566-2570)."""

    year: int
    value: Number | None = None
    label: Text | None = None


class ConditionSpec(_Strict):
    """One condition of a level: ``input op value``, e.g. quality_pct >= 90."""

    input: Identifier
    op: Literal[">=", ">", "<=", "<", "=="]
    value: Number


class RuleSpec(_Strict):
    """How a level's figure is derived; ``kind`` says which fields apply.

    - ``fixed``: ``value``.
    - ``xy``: two targets ``x`` and ``y`` (parameter ids); ``pick`` low / mid / high of them,
      times ``factor`` (e.g. 0.5 for round 1).
    - ``baseline``: ``stat`` (mean / best / worst / latest) of baseline ``column`` over ``years``.
    - ``best_plus_interval``: best + (best - mean) of ``column`` over ``years``.
    - ``percent_of_level``: ``percent`` of the level ``score`` of round ``round``.
    - ``percent_of_parameter``: ``percent`` of ``parameter``.
    """

    kind: Literal[
        "fixed", "xy", "baseline", "best_plus_interval", "percent_of_level", "percent_of_parameter"
    ]
    value: Number | None = None
    x: Identifier | None = None
    y: Identifier | None = None
    pick: Literal["low", "mid", "high"] | None = None
    factor: Number | None = None
    stat: Literal["mean", "best", "worst", "latest"] | None = None
    column: Identifier | None = None
    years: tuple[int, int] | None = None
    round: RoundNumber | None = None
    score: Score | None = None
    percent: Number | None = None
    parameter: Identifier | None = None

    @model_validator(mode="after")
    def _fields_for_kind(self) -> RuleSpec:
        needed = {
            "fixed": ("value",),
            "xy": ("x", "y", "pick"),
            "baseline": ("stat", "column", "years"),
            "best_plus_interval": ("column", "years"),
            "percent_of_level": ("round", "score", "percent"),
            "percent_of_parameter": ("parameter", "percent"),
        }[self.kind]
        missing = [name for name in needed if getattr(self, name) is None]
        if missing:
            names = ", ".join(repr(m) for m in missing)
            raise Problem.of("rule.needs_fields", kind=self.kind, names=names)
        return self


class LevelSpec(_Strict):
    """A target level (a score of the scale) with its stated figure and/or deriving rule."""

    score: Score
    stated: Number | None = None
    rule: RuleSpec | None = None
    # Which figure scoring uses when both exist. "rule" is for a stated figure that is wrong.
    use: Literal["stated", "rule"] = "stated"
    conditions: list[ConditionSpec] = Field(default_factory=list)
    description: Text | None = None
    note: Text | None = None


class MeasureSpec(_Strict):
    """What a result is in this round: numeric value, count, judged level, or conditions."""

    kind: Literal["numeric", "count", "judged", "conditions"] = "numeric"
    # For count: the input holding the count, or the items counted (e.g. 7 DGA pillars).
    input: Identifier | None = None
    items: list[Text] = Field(default_factory=list)
    item_at_least: Number | None = None
    item_range: tuple[int, int] | None = None
    unit: Text | None = None
    description: Text | None = None


class RoundSpec(_Strict):
    """A KPI in one round: whether it is assessed, what is measured, and its levels."""

    assessed: bool = True
    reason: Text | None = None
    measure: MeasureSpec = Field(default_factory=MeasureSpec)
    levels: list[LevelSpec] = Field(default_factory=list)
    groups: Text | None = None  # e.g. "group 2: agencies with 3-6 pillars at level 3 or above"
    note: Text | None = None


class RevisionSpec(_Strict):
    """How often and when a KPI's targets may be revised during the year."""

    times: int = Field(ge=0, le=12)
    when: Text


class KpiSpec(_Strict):
    """One KPI of the scorecard, with everything the template document states about it."""

    id: Identifier
    group: Identifier
    category: Identifier | None = None
    name: Text
    kind: Literal["strategic", "proxy", "unlinked"] = "unlinked"
    proxy_for: Text | None = None
    weight: Number
    unit: Text
    value: ValueSpec | None = None  # e.g. {min: 0, max: 100} for a percentage
    direction: Literal["higher", "lower"] = "higher"
    description: Text | None = None
    scope: Text | None = None
    inputs: dict[Identifier, InputSpec] = Field(default_factory=dict)
    formula: str | None = None
    formula_text: Text | None = None
    rounding: RoundingSpec | None = None
    data_sources: Text | None = None
    collection_method: Text | None = None
    responsible: Text | None = None
    related_agencies: Text | None = None
    reporting_period: Text | None = None
    links: list[LinkSpec] = Field(default_factory=list)
    # The code of a joint KPI shared by several agencies (defined once in the web app): the
    # owning agency enters its result, every scorecard naming the code scores with it.
    joint: Identifier | None = None
    conditions: list[Text] = Field(default_factory=list)
    notes: list[Text] = Field(default_factory=list)
    revision: RevisionSpec | None = None
    baseline: BaselineSpec | None = None
    targets: list[TargetSpec] = Field(default_factory=list)
    rounds: dict[Literal["1", "2", "3"], RoundSpec]


class ScorecardSpec(_Strict):
    """A whole KPI template (รายละเอียดตัวชี้วัด) for one agency and fiscal year."""

    format: Literal["thaikpi/scorecard-v1"]
    id: Identifier
    version: int = Field(default=1, ge=1)
    title: Text
    agency: AgencySpec
    fiscal_year: FiscalYearSpec
    source: Text | None = None
    # The levels KPIs score: OPDC's 50/75/100 or the five-level scale (1-5) used until 2561.
    scale: Literal["opdc-3", "five-level"] = "opdc-3"
    rounds: list[RoundInfoSpec]
    rounding: RoundingSpec = Field(default_factory=RoundingSpec)
    scoring: ScoringSpec = Field(default_factory=ScoringSpec)
    total_weight: Number = Decimal(100)
    groups: list[GroupSpec]
    parameters: list[ParameterSpec] = Field(default_factory=list)
    notes: list[Text] = Field(default_factory=list)
    kpis: list[KpiSpec]
