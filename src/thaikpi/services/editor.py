"""The template editor's logic: a template's data (as the engine's YAML reader gives it) in and
out of form fields, one section at a time, its findings placed beside the fields they name, and
saving as the scorecard's next version.

The editor works on the template's *data* (the dict :func:`thaikpi.engine.yamlio.parse` returns).
A page carries the whole data as template text (``base``) and shows one section of it (the
scorecard, or one KPI) as forms; a post lays the section's fields over the data, then adds,
removes, checks, moves to another section or saves. Fields are lenient: what a person typed is
kept as typed when it is not a figure, so the engine refuses it with its own message, beside the
field (the engine is the only validator). A field left empty is removed from the data (or kept
empty when the format requires it, so the engine names it). A field posted as it was shown
keeps its value as the file writes it, and a list the file lacks is not written empty: a
section posted unchanged gives back the saved text exactly, so the page is not "unsaved".

Saving writes the data as template text (the workbook reader's writer, one value a line) and
imports it through :func:`thaikpi.services.imports.import_version`: the usual preview of what
changes, the revision rules, the audit log.
"""

from __future__ import annotations

import datetime
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thaikpi.engine import loader, scales, yamlio
from thaikpi.engine.audit import audit
from thaikpi.engine.findings import Finding, Problem, Severity
from thaikpi.engine.messages import Both
from thaikpi.engine.numbers import parse_number
from thaikpi.reports.template_workbook_read import emit, path_in
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import imports
from thaikpi.services.errors import Invalid

Path_ = tuple[str | int, ...]
Data = dict[str, Any]

# value kinds of a field
TEXT = "text"  # {th, en}: two inputs
STR = "str"
NUM = "num"  # an exact figure
INT = "int"
BOOL = "bool"
DATE = "date"
CHOICE = "choice"
YEARS = "years"  # [from, to]: two inputs
CONDS = "conds"  # a level's conditions, "quality_pct >= 90; registered_pct >= 95"

GENERAL = "general"

# The codes of the format's fixed sets, in words (Thai on Thai pages, never the code).
CHOICES: dict[str, list[tuple[str, Any]]] = {
    "rule": [
        ("", gettext_lazy("Stated figure only (no rule)")),
        ("fixed", gettext_lazy("Fixed figure")),
        ("xy", gettext_lazy("Compare X with Y")),
        ("baseline", gettext_lazy("Statistic of the baseline")),
        ("best_plus_interval", gettext_lazy("Best plus the interval")),
        ("percent_of_level", gettext_lazy("Percentage of another target")),
        ("percent_of_parameter", gettext_lazy("Percentage of a parameter")),
    ],
    "pick": [
        ("", "–"),
        ("low", gettext_lazy("The lower")),
        ("mid", gettext_lazy("The middle")),
        ("high", gettext_lazy("The higher")),
    ],
    "stat": [
        ("", "–"),
        ("mean", gettext_lazy("Mean")),
        ("best", gettext_lazy("Best")),
        ("worst", gettext_lazy("Worst")),
        ("latest", gettext_lazy("Latest year")),
    ],
    "use": [
        ("stated", gettext_lazy("The stated figure")),
        ("rule", gettext_lazy("The rule's figure")),
    ],
    "direction": [
        ("higher", gettext_lazy("Higher is better")),
        ("lower", gettext_lazy("Lower is better")),
    ],
    "kpi_kind": [
        ("unlinked", gettext_lazy("Not linked")),
        ("strategic", gettext_lazy("Strategic KPI")),
        ("proxy", gettext_lazy("Proxy KPI")),
    ],
    "measure": [
        ("numeric", gettext_lazy("A figure")),
        ("count", gettext_lazy("A count")),
        ("judged", gettext_lazy("A judged level")),
        ("conditions", gettext_lazy("Conditions")),
    ],
    "mode": [("half_up", gettext_lazy("Round half up")), ("truncate", gettext_lazy("Truncate"))],
    "method": [
        ("interpolate", gettext_lazy("Interpolate between levels")),
        ("step", gettext_lazy("The level reached (steps)")),
    ],
    "below_entry": [
        ("zero", gettext_lazy("Zero")),
        ("extrapolate", gettext_lazy("Continue the slope")),
    ],
    "scale": [
        ("opdc-3", gettext_lazy("OPDC 50 / 75 / 100")),
        ("five-level", gettext_lazy("Five levels (1-5)")),
    ],
    "link": [
        ("national_strategy", gettext_lazy("National strategy")),
        ("master_plan", gettext_lazy("Master plan")),
        ("sub_plan", gettext_lazy("Sub-plan")),
        ("plan_target", gettext_lazy("Plan target")),
        ("value_chain", gettext_lazy("Value chain")),
        ("factor", gettext_lazy("Factor")),
        ("national_plan", gettext_lazy("National development plan")),
        ("milestone", gettext_lazy("Milestone")),
        ("joint_agenda", gettext_lazy("Joint agenda")),
        ("agenda_service", gettext_lazy("Agenda: service")),
        ("other", gettext_lazy("Other")),
    ],
    "op": [(">=", "≥"), (">", ">"), ("<=", "≤"), ("<", "<"), ("==", "=")],
}

# The fields each rule kind uses; the others are dropped when a level's rule changes kind.
RULE_FIELDS: dict[str, tuple[str, ...]] = {
    "fixed": ("value",),
    "xy": ("x", "y", "pick", "factor"),
    "baseline": ("stat", "column", "years"),
    "best_plus_interval": ("column", "years"),
    "percent_of_level": ("round", "score", "percent"),
    "percent_of_parameter": ("parameter", "percent"),
}


@dataclass(frozen=True)
class Spec:
    """One field of a form: its name, where it sits in the item, its label and kind."""

    name: str
    path: Path_
    label: Any
    kind: str = STR
    choices: str = ""
    required: bool = False  # kept (empty) when left empty, so the engine names it
    fixed: bool = False  # shown, not edited here
    default: Any = None  # a choice or box left at its default is not written
    rule: str = ""  # for a level's rule fields: which field of the rule (shown per kind)
    when: tuple[str, str] = ("", "")  # shown (with JavaScript) while field NAME has VALUE

    def names(self) -> tuple[str, ...]:
        """The form field names this field takes (two for a text or a pair of years)."""
        if self.kind == TEXT:
            return (f"{self.name}_th", f"{self.name}_en")
        if self.kind == YEARS:
            return (f"{self.name}_from", f"{self.name}_to")
        return (self.name,)


def _p(path: str) -> Path_:
    return tuple(path.split(".")) if path else ()


def _s(name: str, label: Any, kind: str = STR, path: str | None = None, **more: Any) -> Spec:
    return Spec(name, _p(name.replace("__", ".") if path is None else path), label, kind, **more)


SCORECARD = (
    _s("id", gettext_lazy("Template code"), fixed=True),
    _s("title", gettext_lazy("Title"), TEXT, required=True),
    _s("source", gettext_lazy("Source document"), TEXT),
    _s("agency__code", gettext_lazy("Agency code"), fixed=True),
    _s("agency__name", gettext_lazy("Agency"), TEXT, required=True),
    _s("agency__ministry", gettext_lazy("Ministry"), TEXT, required=True),
    _s("fiscal_year__year_be", gettext_lazy("Fiscal year (B.E.)"), INT, fixed=True),
    _s("fiscal_year__starts", gettext_lazy("First day (YYYY-MM-DD)"), DATE, required=True),
    _s("fiscal_year__ends", gettext_lazy("Last day (YYYY-MM-DD)"), DATE, required=True),
    _s("scale", gettext_lazy("Scale"), CHOICE, choices="scale", default="opdc-3"),
    _s("total_weight", gettext_lazy("Total weight"), NUM),
    _s("rounding__places", gettext_lazy("Decimal places"), INT),
    _s("rounding__mode", gettext_lazy("Rounding"), CHOICE, choices="mode", default="half_up"),
    _s("rounding__intermediate", gettext_lazy("Round intermediate figures"), BOOL, default=False),
    _s("scoring__method", gettext_lazy("Scoring"), CHOICE, choices="method", default="interpolate"),
    _s(
        "scoring__below_entry",
        gettext_lazy("Below the entry level"),
        CHOICE,
        choices="below_entry",
        default="zero",
    ),
    _s("scoring__score_rounding__places", gettext_lazy("Decimal places of a KPI's score"), INT),
    _s(
        "scoring__weighted_rounding__places",
        gettext_lazy("Decimal places of a weighted score"),
        INT,
    ),
)
CATEGORY = (
    _s("id", gettext_lazy("Code"), required=True),
    _s("name", gettext_lazy("Name"), TEXT, required=True),
)
ROUND_INFO = (
    _s("number", gettext_lazy("Round"), INT, fixed=True),
    _s("months", gettext_lazy("Months"), INT, required=True),
    _s("name", gettext_lazy("Name"), TEXT, required=True),
)
GROUP = (
    _s("id", gettext_lazy("Code"), required=True),
    _s("name", gettext_lazy("Name"), TEXT, required=True),
    _s("weight", gettext_lazy("Weight"), NUM, required=True),
)
PARAMETER = (
    _s("id", gettext_lazy("Code"), required=True),
    _s("name", gettext_lazy("Name"), TEXT, required=True),
    _s("value", gettext_lazy("Value"), NUM),
    _s("unit", gettext_lazy("Unit"), TEXT),
    _s("note", gettext_lazy("Note"), TEXT),
)
A_TEXT = (Spec("text", (), gettext_lazy("Text"), TEXT, required=True),)
KPI = (
    _s("id", gettext_lazy("KPI number"), required=True),
    _s("group", gettext_lazy("Group"), CHOICE, choices="groups", required=True),
    _s("category", gettext_lazy("Category")),
    _s("name", gettext_lazy("Name"), TEXT, required=True),
    _s("weight", gettext_lazy("Weight"), NUM, required=True),
    _s("unit", gettext_lazy("Unit"), TEXT, required=True),
    _s("direction", gettext_lazy("Direction"), CHOICE, choices="direction", default="higher"),
    _s("kind", gettext_lazy("Kind"), CHOICE, choices="kpi_kind", default="unlinked"),
    _s("proxy_for", gettext_lazy("A proxy for"), TEXT),
    _s("description", gettext_lazy("Definition"), TEXT),
    _s("scope", gettext_lazy("Scope"), TEXT),
    _s("formula", gettext_lazy("Formula (over the inputs)")),
    _s("formula_text", gettext_lazy("Formula in words"), TEXT),
    _s("value__min", gettext_lazy("Lowest possible value"), NUM),
    _s("value__max", gettext_lazy("Highest possible value"), NUM),
    _s("rounding__places", gettext_lazy("Decimal places"), INT),
    _s("rounding__mode", gettext_lazy("Rounding"), CHOICE, choices="mode", default="half_up"),
    _s("rounding__intermediate", gettext_lazy("Round intermediate figures"), BOOL, default=False),
    _s("responsible", gettext_lazy("Responsible unit"), TEXT),
    _s("data_sources", gettext_lazy("Data sources"), TEXT),
    _s("collection_method", gettext_lazy("How the data is collected"), TEXT),
    _s("related_agencies", gettext_lazy("Related agencies"), TEXT),
    _s("reporting_period", gettext_lazy("Reporting period"), TEXT),
    _s("revision__times", gettext_lazy("Target revisions allowed"), INT),
    _s("revision__when", gettext_lazy("When targets may be revised"), TEXT),
)
INPUT = (
    Spec("key", ("@key",), gettext_lazy("Code"), STR, required=True),
    _s("name", gettext_lazy("Name"), TEXT, required=True),
    _s("unit", gettext_lazy("Unit"), TEXT),
    _s("min", gettext_lazy("Lowest"), NUM),
    _s("max", gettext_lazy("Highest"), NUM),
    _s("positive", gettext_lazy("More than 0"), BOOL, default=False),
)
LINK = (
    _s("type", gettext_lazy("Link to"), CHOICE, choices="link", required=True),
    _s("code", gettext_lazy("Code")),
    _s("name", gettext_lazy("Name"), TEXT, required=True),
)
COLUMN = (
    _s("id", gettext_lazy("Code"), required=True),
    _s("name", gettext_lazy("Name"), TEXT, required=True),
    _s("formula", gettext_lazy("Formula")),
    _s("growth_of", gettext_lazy("Growth rate of"), CHOICE, choices="columns"),
    _s("places", gettext_lazy("Decimal places"), INT),
)
SUMMARY = (
    _s("id", gettext_lazy("Code"), required=True),
    _s("stat", gettext_lazy("Statistic"), CHOICE, choices="stat", required=True),
    _s("column", gettext_lazy("Column"), CHOICE, choices="columns", required=True),
    _s("years", gettext_lazy("Years"), YEARS, required=True),
    _s("stated", gettext_lazy("Stated figure"), NUM),
    _s("label", gettext_lazy("Label"), TEXT),
)
BASELINE = (
    _s("unit", gettext_lazy("Unit"), TEXT),
    _s("note", gettext_lazy("Note"), TEXT),
    _s("rounding__places", gettext_lazy("Decimal places"), INT),
    _s("rounding__mode", gettext_lazy("Rounding"), CHOICE, choices="mode", default="half_up"),
    _s("rounding__intermediate", gettext_lazy("Round intermediate figures"), BOOL, default=False),
)
TARGET = (
    _s("year", gettext_lazy("Year (B.E.)"), INT, required=True),
    _s("value", gettext_lazy("Target"), NUM),
    _s("label", gettext_lazy("Label"), TEXT),
)
KPI_ROUND = (
    _s("assessed", gettext_lazy("Assessed in this round"), BOOL, default=True),
    _s("reason", gettext_lazy("Why not assessed"), TEXT, when=("assessed", "")),
    _s(
        "measure__kind",
        gettext_lazy("What is measured"),
        CHOICE,
        choices="measure",
        default="numeric",
    ),
    _s(
        "measure__input",
        gettext_lazy("Input counted"),
        CHOICE,
        choices="inputs",
        when=("measure__kind", "count"),
    ),
    _s("measure__unit", gettext_lazy("Unit of the measure"), TEXT),
    _s("measure__description", gettext_lazy("What is measured, in words"), TEXT),
    _s(
        "measure__item_at_least",
        gettext_lazy("An item counts from level"),
        NUM,
        when=("measure__kind", "count"),
    ),
    _s("measure__item_range", gettext_lazy("Item levels"), YEARS, when=("measure__kind", "count")),
    _s("groups", gettext_lazy("Groups of agencies"), TEXT),
    _s("note", gettext_lazy("Note"), TEXT),
)
LEVEL = (
    _s("score", gettext_lazy("Level"), INT, fixed=True),
    _s("stated", gettext_lazy("Stated figure"), NUM),
    _s("rule__kind", gettext_lazy("Rule"), CHOICE, choices="rule"),
    _s("rule__value", gettext_lazy("Value"), NUM, rule="value"),
    _s("rule__x", gettext_lazy("Parameter X"), CHOICE, choices="params", rule="x"),
    _s("rule__y", gettext_lazy("Parameter Y"), CHOICE, choices="params", rule="y"),
    _s("rule__pick", gettext_lazy("Pick"), CHOICE, choices="pick", rule="pick"),
    _s("rule__factor", gettext_lazy("Factor"), NUM, rule="factor"),
    _s("rule__stat", gettext_lazy("Statistic"), CHOICE, choices="stat", rule="stat"),
    _s("rule__column", gettext_lazy("Baseline column"), CHOICE, choices="columns", rule="column"),
    _s("rule__years", gettext_lazy("Years"), YEARS, rule="years"),
    _s("rule__round", gettext_lazy("Of round"), INT, rule="round"),
    _s("rule__score", gettext_lazy("Of level"), INT, rule="score"),
    _s("rule__percent", gettext_lazy("Percent"), NUM, rule="percent"),
    _s("rule__parameter", gettext_lazy("Parameter"), CHOICE, choices="params", rule="parameter"),
    _s("use", gettext_lazy("Scoring uses"), CHOICE, choices="use", default="stated"),
    _s("conditions", gettext_lazy("Conditions (input ≥ figure; …)"), CONDS),
    _s("description", gettext_lazy("Description"), TEXT),
    _s("note", gettext_lazy("Note"), TEXT),
)


# Choices that come from the template itself: its groups, parameters, a KPI's columns and inputs.
DATA_CHOICES = ("groups", "params", "columns", "inputs")
LEVEL_PLAIN = tuple(s for s in LEVEL if s.name != "conditions")


@dataclass(frozen=True)
class Part:
    """A form (one item) or a formset (a list of items) of a section, at a path of the data."""

    prefix: str
    title: Any
    specs: tuple[Spec, ...]
    path: Path_
    many: bool = False
    keyed: bool = False  # a mapping keyed by code (a KPI's inputs), edited as a list
    add: bool = False  # "add one" is offered
    remove: bool = False  # each item can be removed
    round_no: str = ""  # a KPI round's parts: which round

    def items(self, data: Data) -> list[Any]:
        """The items the part edits, in order (a keyed mapping's values carry their key)."""
        node = get(data, self.path)
        if not self.many:
            return [node if isinstance(node, dict) else {}]
        if self.keyed:
            return [
                {**v, "@key": k} if isinstance(v, dict) else {"@key": k}
                for k, v in (node or {}).items()
            ]
        return list(node) if isinstance(node, list) else []

    def item_path(self, index: int, data: Data) -> Path_:
        """The data path of the item at ``index``."""
        if not self.many:
            return self.path
        if self.keyed:
            return (*self.path, list(get(data, self.path) or {})[index])
        return (*self.path, index)

    def field_name(self, index: int, name: str) -> str:
        """The field's name in the posted form (Django's form and formset prefixes)."""
        return f"{self.prefix}-{index}-{name}" if self.many else f"{self.prefix}-{name}"


def section_of(path: Path_) -> str:
    """The section (page) of the editor that shows a data path."""
    if len(path) >= 2 and path[0] == "kpis" and isinstance(path[1], int):
        return f"kpi-{path[1]}"
    return GENERAL


def sections(data: Data) -> list[tuple[str, str]]:
    """(section, tab label) of every section: the scorecard, then each KPI by its number."""
    kpis = data.get("kpis") if isinstance(data.get("kpis"), list) else []
    tabs = [(GENERAL, str(_("Scorecard")))]
    for i, kpi in enumerate(kpis or []):
        number = kpi.get("id", "") if isinstance(kpi, dict) else ""
        tabs.append((f"kpi-{i}", _("KPI {id}").format(id=number or i + 1)))
    return tabs


def kpi_index(section: str, data: Data) -> int | None:
    """The KPI a section shows, or None for the scorecard's section (or a KPI no longer there)."""
    match = re.fullmatch(r"kpi-(\d+)", section)
    kpis = data.get("kpis") if isinstance(data.get("kpis"), list) else []
    if match and int(match.group(1)) < len(kpis or []):
        return int(match.group(1))
    return None


def parts(section: str, data: Data) -> list[Part]:
    """The forms and formsets of a section, in page order."""
    index = kpi_index(section, data)
    if index is None:
        return [
            Part("sc", gettext_lazy("Scorecard"), SCORECARD, ()),
            Part(
                "rounds",
                gettext_lazy("Evaluation rounds"),
                ROUND_INFO,
                ("rounds",),
                True,
                add=True,
                remove=True,
            ),
            Part(
                "groups",
                gettext_lazy("Groups and weights"),
                GROUP,
                ("groups",),
                True,
                add=True,
                remove=True,
            ),
            *[
                Part(
                    f"cat{i}",
                    _("Categories of group {group}").format(group=group_id),
                    CATEGORY,
                    ("groups", i, "categories"),
                    True,
                    add=True,
                    remove=True,
                )
                for i, group_id in enumerate(_group_ids(data))
            ],
            Part(
                "params",
                gettext_lazy("Parameters"),
                PARAMETER,
                ("parameters",),
                True,
                add=True,
                remove=True,
            ),
            Part("notes", gettext_lazy("Notes"), A_TEXT, ("notes",), True, add=True, remove=True),
        ]
    k: Path_ = ("kpis", index)
    kpi = get(data, k)
    found = [
        Part("kpi", gettext_lazy("The KPI"), KPI, k),
        Part(
            "inputs",
            gettext_lazy("Inputs"),
            INPUT,
            (*k, "inputs"),
            True,
            keyed=True,
            add=True,
            remove=True,
        ),
        Part(
            "links",
            gettext_lazy("Links to the national strategy"),
            LINK,
            (*k, "links"),
            True,
            add=True,
            remove=True,
        ),
        Part(
            "conds",
            gettext_lazy("Conditions"),
            A_TEXT,
            (*k, "conditions"),
            True,
            add=True,
            remove=True,
        ),
        Part("knotes", gettext_lazy("Notes"), A_TEXT, (*k, "notes"), True, add=True, remove=True),
    ]
    baseline = kpi.get("baseline") if isinstance(kpi, dict) else None
    if isinstance(baseline, dict):
        b: Path_ = (*k, "baseline")
        found += [
            Part("base", gettext_lazy("Baseline"), BASELINE, b),
            Part(
                "cols",
                gettext_lazy("Baseline columns"),
                COLUMN,
                (*b, "columns"),
                True,
                add=True,
                remove=True,
            ),
            Part(
                "rows",
                gettext_lazy("Baseline years"),
                row_specs(baseline),
                (*b, "rows"),
                True,
                add=True,
                remove=True,
            ),
            Part(
                "sums",
                gettext_lazy("Baseline summaries"),
                SUMMARY,
                (*b, "summaries"),
                True,
                add=True,
                remove=True,
            ),
        ]
    found.append(
        Part(
            "targets",
            gettext_lazy("Targets by year"),
            TARGET,
            (*k, "targets"),
            True,
            add=True,
            remove=True,
        )
    )
    rounds = kpi.get("rounds") if isinstance(kpi, dict) else None
    for number in sorted(rounds or {}, key=str):
        r: Path_ = (*k, "rounds", number)
        found.append(
            Part(f"r{number}", gettext_lazy("Round {n}"), KPI_ROUND, r, round_no=str(number))
        )
        if get(data, (*r, "measure", "kind")) == "count":
            found.append(
                Part(
                    f"r{number}items",
                    gettext_lazy("Items counted"),
                    A_TEXT,
                    (*r, "measure", "items"),
                    True,
                    add=True,
                    remove=True,
                )
            )
        levels = get(data, (*r, "levels"))
        typed = any(isinstance(lv, dict) and lv.get("conditions") for lv in levels or [])
        measured = get(data, (*r, "measure", "kind")) == "conditions"
        found.append(
            Part(
                f"r{number}lv",
                gettext_lazy("Levels"),
                LEVEL if typed or measured else LEVEL_PLAIN,
                (*r, "levels"),
                True,
                round_no=str(number),
            )
        )
    return found


def _group_ids(data: Data) -> list[str]:
    groups = data.get("groups") if isinstance(data.get("groups"), list) else []
    return [str(g.get("id", "")) if isinstance(g, dict) else "" for g in groups or []]


def row_specs(baseline: Data) -> tuple[Spec, ...]:
    """A baseline row's fields: the year, then a figure per column of the table."""
    columns = [c for c in baseline.get("columns") or [] if isinstance(c, dict)]
    specs = [Spec("year", ("year",), gettext_lazy("Year (B.E.)"), INT, required=True)]
    for i, column in enumerate(columns):
        code = str(column.get("id", ""))
        name = column.get("name") if isinstance(column.get("name"), dict) else {}
        label = name.get("th") or code
        specs.append(Spec(f"c{i}", (code,), label, NUM))
    return tuple(specs)


# --- reading the data into fields, and the fields back --------------------------------------


def get(node: Any, path: Path_) -> Any:
    """The value at a path of keys and positions, or None."""
    for part in path:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        ):
            node = node[part]
        else:
            return None
    return node


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def initial(specs: tuple[Spec, ...], item: Any) -> dict[str, Any]:
    """An item's form fields, as text (a box as True/False)."""
    values: dict[str, Any] = {}
    for spec in specs:
        value = item if spec.path == () else get(item, spec.path)
        if spec.kind == TEXT:
            text = value if isinstance(value, dict) else {}
            values[spec.names()[0]] = _shown(text.get("th"))
            values[spec.names()[1]] = _shown(text.get("en"))
        elif spec.kind == YEARS:
            pair = value if isinstance(value, list | tuple) else []
            values[spec.names()[0]] = _shown(pair[0]) if len(pair) > 0 else ""
            values[spec.names()[1]] = _shown(pair[1]) if len(pair) > 1 else ""
        elif spec.kind == BOOL:
            values[spec.name] = spec.default if value is None else value is True
        elif spec.kind == CONDS:
            values[spec.name] = "; ".join(
                f"{c.get('input', '')} {c.get('op', '')} {_shown(c.get('value'))}"
                for c in value or []
                if isinstance(c, dict)
            )
        elif spec.kind == CHOICE and value is None and spec.default is not None:
            values[spec.name] = spec.default
        else:
            values[spec.name] = _shown(value)
    return values


def _number(text: str) -> Any:
    """A typed figure as a Decimal (Thai digits, thousands separators); the text otherwise."""
    try:
        return parse_number(text)
    except (Problem, ValueError):
        return text


def _whole(text: str) -> Any:
    return int(text) if re.fullmatch(r"[+-]?\d{1,9}", text) else text


_CONDITION = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*(>=|<=|==|>|<|≥|≤|=)\s*(\S+)\s*$")
_OPS = {"≥": ">=", "≤": "<=", "=": "=="}


def _conditions(text: str) -> Any:
    """'quality_pct >= 90; registered_pct >= 95' as conditions; what cannot be read is kept as
    a condition the engine refuses, naming it."""
    found = []
    for part in (p for p in re.split(r"[;\n]", text) if p.strip()):
        match = _CONDITION.match(part)
        if match:
            op = _OPS.get(match.group(2), match.group(2))
            found.append({"input": match.group(1), "op": op, "value": _number(match.group(3))})
        else:
            found.append({"input": part.strip(), "op": "?", "value": ""})
    return found


def _value(spec: Spec, values: dict[str, Any]) -> Any:
    """The field's value as the data holds it; None when left empty."""
    if spec.kind == TEXT:
        # a browser sends a text area's line ends as CR LF: the template keeps LF
        th, en = (str(values.get(n) or "").replace("\r\n", "\n").strip() for n in spec.names())
        return {"th": th, "en": en} if th or en else None
    if spec.kind == YEARS:
        low, high = (str(values.get(n) or "").strip() for n in spec.names())
        return [_whole(low), _whole(high)] if low or high else None
    raw = values.get(spec.name)
    if spec.kind == BOOL:
        return bool(raw)
    text = str(raw or "").strip()
    if not text:
        return None
    if spec.kind == NUM:
        return _number(text)
    if spec.kind == INT:
        return _whole(text)
    if spec.kind == DATE:
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            return text
    if spec.kind == CONDS:
        return _conditions(text)
    return text


def _empty(spec: Spec) -> Any:
    return {"th": "", "en": ""} if spec.kind == TEXT else ""


def overlay(specs: tuple[Spec, ...], item: Any, values: dict[str, Any]) -> Any:
    """The item with the fields typed laid over it (the item itself is left alone)."""
    item = _copy(item)
    for spec in specs:
        if spec.fixed:
            continue
        value = _value(spec, values)
        if repr(value) == repr(_value(spec, initial((spec,), item))):
            # posted as it was shown: the item keeps the field as the file writes it (a null,
            # a text without its English, 1.50 rather than 1.5), so nothing seems changed
            continue
        if spec.path == ():
            item = value if value is not None else _empty(spec)
            continue
        if not isinstance(item, dict):
            item = {}
        present = get(item, spec.path) is not None
        if spec.kind in (BOOL, CHOICE) and value == spec.default and not present:
            continue
        if value is None and spec.kind == CONDS:
            _drop(item, spec.path)
        elif value is None:
            if spec.required:
                _put(item, spec.path, _empty(spec))
            else:
                _drop(item, spec.path)
        else:
            _put(item, spec.path, value)
    if isinstance(item, dict) and isinstance(item.get("rule"), dict):
        _tidy_rule(item)
    return item


def _tidy_rule(level: Data) -> None:
    """A level's rule keeps the fields of its kind only; no kind, no rule."""
    rule = level["rule"]
    kind = rule.get("kind")
    if not kind:
        del level["rule"]
        return
    keep = ("kind", *RULE_FIELDS.get(str(kind), tuple(rule)))
    level["rule"] = {k: v for k, v in rule.items() if k in keep}


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _put(item: Data, path: Path_, value: Any) -> None:
    """Set a value, making the mappings on the way (list positions must exist)."""
    node: Any = item
    for part, after in itertools.pairwise(path):
        if isinstance(node, list) and isinstance(part, int):
            node = node[part]
            continue
        child = node.get(part)
        # a list is kept when a position follows (`kpis.0.links`): only what is not there is made
        if not isinstance(child, dict) and not (isinstance(child, list) and isinstance(after, int)):
            node[part] = {}
        node = node[part]
    node[path[-1]] = value


def _drop(item: Data, path: Path_) -> None:
    """Remove a value, and the mappings it leaves empty on its way up."""
    parents = [item]
    node: Any = item
    for part in path[:-1]:
        node = node.get(part) if isinstance(node, dict) else None
        if not isinstance(node, dict):
            return
        parents.append(node)
    parents[-1].pop(path[-1], None)
    for depth in range(len(path) - 2, -1, -1):
        if not parents[depth + 1]:
            parents[depth].pop(path[depth], None)


def lay_over(data: Data, part: Part, forms: list[dict[str, Any]]) -> Data:
    """The data with one part's forms laid over it (one dict of field values per item)."""
    data = _copy(data)
    items = part.items(data)
    if not part.many:
        changed = overlay(part.specs, items[0], forms[0]) if forms else items[0]
        return _set(data, part.path, changed)
    if not items and get(data, part.path) is None:
        return data  # a list the file does not have stays out, rather than written `[]`
    new = [overlay(part.specs, item, values) for item, values in zip(items, forms, strict=False)]
    new += items[len(new) :]
    if part.keyed:
        mapping: Data = {}
        for entry in new:
            key = str(entry.pop("@key", "") or "")
            mapping[key] = entry
        return _set(data, part.path, mapping)
    return _set(data, part.path, new)


def _set(data: Data, path: Path_, value: Any) -> Data:
    if not path:
        return value if isinstance(value, dict) else data
    parent = get(data, path[:-1])
    if isinstance(parent, dict) or (
        isinstance(parent, list) and isinstance(path[-1], int) and path[-1] < len(parent)
    ):
        parent[path[-1]] = value
    return data


# --- one action each: add and remove -----------------------------------------------------


def _levels(data: Data) -> list[Data]:
    scale = scales.SCALES.get(str(data.get("scale") or "opdc-3"), scales.OPDC_3)
    return [{"score": int(level)} for level in scale.levels]


def _rounds_of(data: Data) -> list[Data]:
    rounds = data.get("rounds")
    return [r for r in rounds if isinstance(r, dict)] if isinstance(rounds, list) else []


def _new_kpi(data: Data) -> Data:
    kpis = data.get("kpis") if isinstance(data.get("kpis"), list) else []
    ids = {str(k.get("id")) for k in kpis or [] if isinstance(k, dict)}
    number = len(kpis or []) + 1
    while str(number) in ids:
        number += 1
    groups = [g for g in data.get("groups") or [] if isinstance(g, dict)]
    return {
        "id": str(number),
        "group": str(groups[0].get("id", "")) if groups else "",
        "name": {"th": "", "en": ""},
        "weight": Decimal(0),
        "unit": {"th": "", "en": ""},
        "rounds": {str(r.get("number")): {"levels": _levels(data)} for r in _rounds_of(data)},
    }


def _new_round(data: Data) -> Data:
    number = len(_rounds_of(data)) + 1
    for kpi in data.get("kpis") or []:
        if isinstance(kpi, dict) and isinstance(kpi.get("rounds"), dict):
            kpi["rounds"].setdefault(str(number), {"levels": _levels(data)})
    return {"number": number, "months": 12, "name": {"th": f"รอบที่ {number}", "en": ""}}


def _new_row(data: Data, part: Part) -> Data:
    rows = [r for r in get(data, part.path) or [] if isinstance(r, dict)]
    years = [r["year"] for r in rows if isinstance(r.get("year"), int)]
    fiscal = get(data, ("fiscal_year", "year_be"))
    year = max(years) + 1 if years else (fiscal - 1 if isinstance(fiscal, int) else 0)
    row: Data = {"year": year}
    for spec in part.specs[1:]:
        row[str(spec.path[0])] = None
    return row


def _new_item(data: Data, part: Part) -> Any:
    """A new item of a part: blank where the person must fill in, sensible elsewhere."""
    empty = {"th": "", "en": ""}
    kind = part.prefix
    if kind == "rounds":
        return _new_round(data)
    if kind == "rows":
        return _new_row(data, part)
    new: dict[str, Any] = {
        "groups": {"id": "", "name": empty, "weight": Decimal(0)},
        "params": {"id": "", "name": empty, "value": None},
        "links": {"type": "other", "code": "", "name": empty},
        "cols": {"id": "", "name": empty},
        "sums": {"id": "", "stat": "mean", "column": "", "years": ["", ""]},
        "targets": {"year": "", "value": None},
        "inputs": {"name": empty},
    }
    if kind.startswith("cat"):
        return {"id": "", "name": empty}
    return new.get(kind, empty)


def add(data: Data, section: str, what: str) -> tuple[Data, str]:
    """The data with one thing added, and the section to show: ``kpi`` (a new KPI, shown
    next), ``baseline`` (a KPI's baseline table) or the prefix of a part ("rows" adds a year)."""
    data = _copy(data)
    if what == "kpi":
        if not isinstance(data.get("kpis"), list):
            data["kpis"] = []
        data["kpis"].append(_new_kpi(data))
        return data, f"kpi-{len(data['kpis']) - 1}"
    index = kpi_index(section, data)
    if what == "baseline" and index is not None:
        kpi = data["kpis"][index]
        kpi.setdefault(
            "baseline", {"columns": [{"id": "value", "name": {"th": "ค่า", "en": ""}}], "rows": []}
        )
        return data, section
    part = next((p for p in parts(section, data) if p.prefix == what and p.add), None)
    if part is None:
        return data, section
    item = _new_item(data, part)
    if part.keyed:
        mapping = get(data, part.path)
        if not isinstance(mapping, dict):
            mapping = {}
            _put(data, part.path, mapping)
        number = len(mapping) + 1
        while f"input_{number}" in mapping:
            number += 1
        mapping[f"input_{number}"] = item
        return data, section
    listed = get(data, part.path)
    if not isinstance(listed, list):
        listed = []
        _put(data, part.path, listed)
    listed.append(item)
    return data, section


def remove(data: Data, section: str, what: str) -> tuple[Data, str]:
    """The data with one item removed: ``kpi`` (the section's KPI) or ``PREFIX:INDEX``."""
    data = _copy(data)
    index = kpi_index(section, data)
    if what == "kpi":
        if index is not None:
            del data["kpis"][index]
        return data, GENERAL
    prefix, _sep, position = what.partition(":")
    part = next((p for p in parts(section, data) if p.prefix == prefix and p.remove), None)
    if part is None or not position.isdigit():
        return data, section
    at = int(position)
    node = get(data, part.path)
    if part.keyed and isinstance(node, dict) and at < len(node):
        del node[list(node)[at]]
    elif isinstance(node, list) and at < len(node):
        gone = node.pop(at)
        if prefix == "rounds" and isinstance(gone, dict):
            for kpi in data.get("kpis") or []:
                if isinstance(kpi, dict) and isinstance(kpi.get("rounds"), dict):
                    kpi["rounds"].pop(str(gone.get("number")), None)
    return data, section


# --- findings beside the fields ----------------------------------------------------------


@dataclass(frozen=True)
class Note:
    """A finding of the engine or the audit, where it belongs in the data."""

    path: Path_
    finding: Any  # an engine Finding (its ``text(language)``)
    severity: str
    audit: bool = False

    @property
    def section(self) -> str:
        """The editor section that shows it."""
        return section_of(self.path)


@dataclass(frozen=True)
class Checked:
    """The data written as template text, and every finding about it."""

    text: str
    notes: tuple[Note, ...]
    valid: bool

    def count(self, severity: str) -> int:
        """How many findings of a severity."""
        return sum(n.severity == severity for n in self.notes)


def text_of(data: Data) -> str:
    """The data as template text (one value a line), as a version stores it."""
    return emit(data)[0]


def check(data: Data) -> Checked:
    """Load the data as the engine would, then audit it: each finding at its path."""
    text, line_paths = emit(data)
    scorecard, findings = loader.check_text(text, "editor")
    notes = [
        Note(
            path_in(data, f.field, prefix=True) or line_paths.get(f.line or 0, ()),
            f,
            f.severity.value,
        )
        for f in findings
    ]
    if scorecard is not None:
        notes += list(_audit_notes(scorecard, line_paths))
    return Checked(text, tuple(notes), scorecard is not None)


def _audit_notes(scorecard: Any, line_paths: dict[int, Path_]) -> Iterator[Note]:
    """The audit's stated figures that their rule (or their table) does not give, as warnings
    on the stated figure's field."""
    for found in audit(scorecard).findings:
        if found.match is not False:
            continue
        path = line_paths.get(found.line or 0, ())
        for container in ("levels", "summaries", "rows"):
            if container in path:
                at = path.index(container)
                last = found.figure.split()[-1] if container == "rows" else "stated"
                path = (*path[: at + 2], last)
                break
        message = Finding.of(
            "audit.stated_differs",
            stated=_shown(found.stated) or "–",
            recomputed=_shown(found.recomputed) or "–",
            how=Both(found.formula, found.formula_th or found.formula),
            severity=Severity.WARNING,
            kpi=found.kpi,
        )
        yield Note(path, message, Severity.WARNING.value, audit=True)


def placed(
    notes: tuple[Note, ...], section: str, data: Data
) -> tuple[dict[str, list[Note]], list[Note]]:
    """Notes by the form field (its posted name) that shows them in ``section``; the rest."""
    names = field_names(section, data)
    beside: dict[str, list[Note]] = {}
    rest: list[Note] = []
    for note in notes:
        path = note.path
        while path and path not in names:
            path = path[:-1]
        if path in names and section_of(note.path) == section:
            beside.setdefault(names[path], []).append(note)
        else:
            rest.append(note)
    return beside, rest


def field_names(section: str, data: Data) -> dict[Path_, str]:
    """Every data path a section shows, to the posted name of its field (or its part's)."""
    names: dict[Path_, str] = {}
    for part in parts(section, data):
        names.setdefault(part.path, f"@{part.prefix}")
        for index, _item in enumerate(part.items(data)):
            where = part.item_path(index, data)
            names.setdefault(where, f"@{part.prefix}-{index}")
            for spec in part.specs:
                if spec.path == ("@key",):
                    continue
                first = part.field_name(index, spec.names()[0])
                names[(*where, *spec.path)] = first
                if spec.kind == TEXT:
                    names[(*where, *spec.path, "th")] = first
                    names[(*where, *spec.path, "en")] = part.field_name(index, spec.names()[1])
                if spec.kind == YEARS:
                    names[(*where, *spec.path, 0)] = first
                    names[(*where, *spec.path, 1)] = part.field_name(index, spec.names()[1])
    return names


# --- reading the base and saving --------------------------------------------------------


def data_of(text: str) -> Data:
    """The template data of a template text; Invalid when it is not a readable mapping."""
    try:
        data, _lines = yamlio.parse(text)
    except yamlio.YamlProblem as exc:
        raise Invalid(
            _("The template text cannot be read: {why}").format(why=exc.message)
        ) from None
    if not isinstance(data, dict):
        raise Invalid(_("The template text is not a template."))
    return data


def start(scorecard: Scorecard) -> Data:
    """The data of the scorecard's current version, where editing starts."""
    assert scorecard.current is not None, "a scorecard on the editor has a version"
    return data_of(scorecard.current.template_text)


def unsaved(scorecard: Scorecard, text: str, fresh: bool = False) -> bool:
    """Whether ``text`` (as :func:`text_of` writes it) differs from the current version.

    ``fresh``: the text was just written from the current version (the page opened anew), so
    it is that version's own text and nothing is compared. A posted form is compared with the
    version written the same way.
    """
    return not fresh and text != text_of(start(scorecard))


def save(
    user: Any, scorecard: Scorecard, data: Data, reason: str, dry_run: bool
) -> imports.Imported:
    """Import the data as the scorecard's next version (``dry_run``: only say what it would
    change). The agency and the fiscal year are the scorecard's: a template that names others
    is refused rather than imported elsewhere."""
    agency = get(data, ("agency", "code"))
    year = get(data, ("fiscal_year", "year_be"))
    if agency != scorecard.agency.code or year != scorecard.fiscal_year.year_be:
        raise Invalid(_("The template must stay the agency's and the fiscal year's it edits."))
    return imports.import_version(user, text_of(data), reason, "editor", dry_run=dry_run)


Posted = Callable[[Part, Data], list[dict[str, Any]]]


@dataclass
class Edit:
    """What a post did: the data after it, the section to show next, and why."""

    data: Data
    section: str
    moved: bool = False
    changed_shape: bool = False
    notes: tuple[Note, ...] = field(default_factory=tuple)


def apply(data: Data, section: str, posted: Posted, action: str, target: str) -> Edit:
    """Lay a section's posted forms over the data, then do one action: ``go`` to a section,
    ``add`` or ``remove`` something (``target`` says what), or nothing (check)."""
    for part in parts(section, data):
        data = lay_over(data, part, posted(part, data))
    if action == "go" and (target == GENERAL or kpi_index(target, data) is not None):
        return Edit(data, target, moved=True)
    if action == "add":
        data, shown = add(data, section, target)
        return Edit(data, shown, changed_shape=True)
    if action == "remove":
        data, shown = remove(data, section, target)
        return Edit(data, shown, changed_shape=True)
    return Edit(data, section)


# --- a changed field in words, for the save preview ------------------------------------

_EXTRA_WORDS: dict[str, Any] = {
    "value": gettext_lazy("Value"),
    "params": "",
    "rule": "",
    "revision": "",
    "scoring": "",
    "agency": gettext_lazy("Agency"),
    "fiscal_year": gettext_lazy("Fiscal year (B.E.)"),
    "inputs": gettext_lazy("Inputs"),
    "baseline": gettext_lazy("Baseline"),
    "columns": gettext_lazy("Baseline columns"),
    "rows": gettext_lazy("Baseline years"),
    "summaries": gettext_lazy("Baseline summaries"),
    "values": "",  # a row's values: the column's id follows
    "targets": gettext_lazy("Targets by year"),
    "links": gettext_lazy("Links to the national strategy"),
    "notes": gettext_lazy("Notes"),
    "parameters": gettext_lazy("Parameters"),
    "groups": gettext_lazy("Groups and weights"),
    "categories": gettext_lazy("Category"),
    "measure": gettext_lazy("What is measured"),
    "th": gettext_lazy("Thai"),
    "en": gettext_lazy("English"),
}


def _words() -> dict[str, Any]:
    """Each field name of the format to its label (the editor's own labels)."""
    found: dict[str, Any] = {}
    every = (KPI, LEVEL, KPI_ROUND, SCORECARD, ROUND_INFO, GROUP, PARAMETER, INPUT, LINK,
             COLUMN, SUMMARY, BASELINE, TARGET)  # fmt: skip
    for specs in every:
        for spec in specs:
            name = str(spec.path[-1]) if spec.path else ""
            found.setdefault(name, spec.label)
    return {**found, "kind": gettext_lazy("Rule"), **_EXTRA_WORDS}


def field_words(field: str) -> str:
    """A changed field of the versions' difference, its levels and rows named by
    ``versions.by_name`` ('rounds.2.levels.50.stated'), in words: 'Round 2 · Target 50 · Stated
    figure'. Codes the template itself names stay as they are."""
    words = _words()
    parts = field.split(".")
    shown: list[str] = []
    for i, part in enumerate(parts):
        before = parts[i - 1] if i else ""
        if before == "rounds" and part.isdigit():
            shown[-1] = _("Round {n}").format(n=part)
        elif before == "rows" and part.isdigit():
            shown[-1] = _("Year {year}").format(year=part)
        elif before == "levels" and part.isdigit():
            shown[-1] = _("Target {score}").format(score=part)
        elif part in words:
            if str(words[part]):
                shown.append(str(words[part]))
        else:
            shown.append(part)
    return " · ".join(shown)
