"""What the text import reads out of a KPI template: plain values, no Django, no YAML."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """Something the import could not read (or only guessed), by line of the input text."""

    line: int | None
    message: str
    message_th: str
    kpi: str | None = None

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line else "-"
        kpi = f" KPI {self.kpi}:" if self.kpi else ""
        return f"{where}:{kpi} {self.message} / {self.message_th}"


@dataclass
class DraftLevel:
    """One target level: its score and the figure the document prints, as written."""

    score: int
    stated: str | None = None  # exact digits, thousands separators removed
    rule: dict[str, object] | None = None
    description: str | None = None


@dataclass
class DraftRound:
    """A KPI in one round: the levels read from its criteria table, or why none were."""

    number: int
    assessed: bool = True
    measure: str = "numeric"  # numeric or judged
    unit: str | None = None
    levels: list[DraftLevel] = field(default_factory=list)
    reason: str | None = None
    line: int | None = None
    text: str = ""  # the criteria table as extracted, kept for the editor


@dataclass
class DraftKpi:
    """One KPI as read from the summary page and its detail page."""

    id: str
    name: str
    group: str | None = None
    category: str | None = None
    weight: str | None = None
    kind: str = "unlinked"
    unit: str | None = None
    direction: str = "higher"
    description: str | None = None
    scope: str | None = None
    formula_text: str | None = None
    data_sources: str | None = None
    collection_method: str | None = None
    responsible: str | None = None
    related_agencies: str | None = None
    reporting_period: str | None = None
    conditions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rounds: dict[int, DraftRound] = field(default_factory=dict)
    line: int | None = None


@dataclass
class DraftCategory:
    """A KPI category heading such as "1.1 ตัวชี้วัดตามภารกิจ (Functional KPIs)"."""

    id: str
    name: str
    line: int | None = None


@dataclass
class DraftGroup:
    """An assessment group such as Performance Base (70 %) with its categories."""

    id: str
    name: str
    weight: str
    categories: list[DraftCategory] = field(default_factory=list)
    line: int | None = None


@dataclass
class Draft:
    """A whole draft template and the list of what could not be read."""

    agency_name: str | None = None
    ministry: str | None = None
    year_be: int | None = None
    rounds: dict[int, int] = field(default_factory=dict)  # round number -> months
    groups: list[DraftGroup] = field(default_factory=list)
    kpis: list[DraftKpi] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    repairs: int = 0  # how many Thai repairs were made
