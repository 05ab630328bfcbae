"""The checks of a template that passed its schema: a list of plain functions.

As beancount's ``ops/validation.py`` does, each check takes the parsed scorecard (or one of
its KPIs) and returns findings; adding a check is adding a function to
:data:`SCORECARD_CHECKS` or :data:`KPI_CHECKS`. Checks that need the levels resolved (rules
that refer to each other, levels out of order) are found while building, in ``build.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from thaikpi.engine import schema as s
from thaikpi.engine import yamlio
from thaikpi.engine.findings import Finding, Severity
from thaikpi.engine.formatting import be_year, ce_year
from thaikpi.engine.formula import FormulaError, compile_formula
from thaikpi.engine.messages import Both
from thaikpi.engine.scales import SCALES, Scale
from thaikpi.engine.thai_damage import damage_in
from thaikpi.engine.weights import weight_problems


@dataclass(frozen=True)
class Context:
    """What every check reads: the validated spec, where its values are, and the parameters."""

    spec: s.ScorecardSpec
    lines: dict[yamlio.Path_, int] = field(default_factory=dict)
    file: str = ""
    overrides: Mapping[str, Decimal] = field(default_factory=dict)
    # The declared parameters' values with the overrides given on loading applied.
    parameters: Mapping[str, Decimal | None] = field(init=False)

    def __post_init__(self) -> None:
        declared = {p.id: p.value for p in self.spec.parameters}
        object.__setattr__(self, "parameters", declared | dict(self.overrides))

    def finding(
        self,
        code: str,
        path: yamlio.Path_,
        kpi: str | None = None,
        severity: Severity = Severity.ERROR,
        **params: object,
    ) -> Finding:
        """The finding ``code`` at ``path`` in the file (its line and dotted field)."""
        line = yamlio.line_for(self.lines, path)
        field = ".".join(str(p) for p in path)
        return Finding.of(
            code, params, severity=severity, file=self.file, line=line, kpi=kpi, field=field
        )

    def problem(self, exc: FormulaError, path: yamlio.Path_, kpi: str | None) -> Finding:
        """An exception's own finding (e.g. a formula that does not compile) at ``path``."""
        line = yamlio.line_for(self.lines, path)
        field = ".".join(str(p) for p in path)
        return Finding.of_problem(exc, file=self.file, line=line, kpi=kpi, field=field)


ScorecardCheck = Callable[[Context], list[Finding]]
KpiCheck = Callable[[Context, int, s.KpiSpec], list[Finding]]


# --- scorecard-wide checks ----------------------------------------------------------------


def check_parameters(ctx: Context) -> list[Finding]:
    """Parameters given on loading that the template does not declare."""
    declared = [p.id for p in ctx.spec.parameters]
    known = ", ".join(declared)
    return [
        ctx.finding(
            "parameter.unknown",
            ("parameters",),
            name=name,
            known=Both(known or "none", known or "ไม่มี"),
        )
        for name in ctx.overrides
        if name not in declared
    ]


def check_ids(ctx: Context) -> list[Finding]:
    """Group, KPI and parameter ids given twice, and rounds listed twice."""
    spec = ctx.spec
    found: list[Finding] = []
    id_lists: tuple[tuple[str, str, list[str], str], ...] = (
        ("group", "กลุ่ม", [g.id for g in spec.groups], "groups"),
        ("KPI", "ตัวชี้วัด", [k.id for k in spec.kpis], "kpis"),
        ("parameter", "พารามิเตอร์", [p.id for p in spec.parameters], "parameters"),
    )
    for label, label_th, ids, key in id_lists:
        seen: set[str] = set()
        for i, item_id in enumerate(ids):
            if item_id in seen:
                found.append(
                    ctx.finding(
                        "id.duplicate", (key, i, "id"), label=Both(label, label_th), id=item_id
                    )
                )
            seen.add(item_id)
    numbers = [r.number for r in spec.rounds]
    if len(set(numbers)) != len(numbers):
        found.append(ctx.finding("rounds.duplicate", ("rounds",)))
    return found


def check_fiscal_year(ctx: Context) -> list[Finding]:
    """A fiscal year that does not run October to September, or ends in the wrong year."""
    year = ctx.spec.fiscal_year
    found: list[Finding] = []
    if year.starts.month != 10 or year.ends.month != 9:
        found.append(ctx.finding("fiscal_year.months", ("fiscal_year",), severity=Severity.WARNING))
    if be_year(year.ends.year) != year.year_be:
        found.append(
            ctx.finding(
                "fiscal_year.end",
                ("fiscal_year", "ends"),
                year_be=year.year_be,
                year_ce=ce_year(year.year_be),
                ends=year.ends.year,
            )
        )
    return found


def check_weights(ctx: Context) -> list[Finding]:
    """Weights that are not more than 0, unknown groups, and sums that do not add up."""
    spec = ctx.spec
    groups = [(g.id, g.weight) for g in spec.groups]
    kpis = [(k.id, k.group, k.weight) for k in spec.kpis]
    return [
        ctx.finding(code, path, kpi, Severity.ERROR, **params)
        for code, params, path, kpi in weight_problems(groups, kpis, spec.total_weight)
    ]


# --- one KPI --------------------------------------------------------------------------------


def check_category(ctx: Context, index: int, spec: s.KpiSpec) -> list[Finding]:
    """A category that its group does not have."""
    group = next((g for g in ctx.spec.groups if g.id == spec.group), None)
    if group and spec.category and spec.category not in {c.id for c in group.categories}:
        return [
            ctx.finding(
                "kpi.unknown_category",
                ("kpis", index, "category"),
                spec.id,
                category=spec.category,
                group=spec.group,
            )
        ]
    return []


def check_proxy(ctx: Context, index: int, spec: s.KpiSpec) -> list[Finding]:
    """A proxy KPI that does not say which strategic KPI it stands for."""
    if spec.kind == "proxy" and spec.proxy_for is None:
        return [ctx.finding("kpi.proxy_for", ("kpis", index, "kind"), spec.id, Severity.WARNING)]
    return []


def check_formula(ctx: Context, index: int, spec: s.KpiSpec) -> list[Finding]:
    """A formula that does not compile or reads a name that is not one of the KPI's inputs."""
    if not spec.formula:
        return []
    path: yamlio.Path_ = ("kpis", index, "formula")
    try:
        formula = compile_formula(spec.formula)
    except FormulaError as exc:
        return [ctx.problem(exc, path, spec.id)]
    inputs = ", ".join(spec.inputs)
    return [
        ctx.finding(
            "formula.unknown_input",
            path,
            spec.id,
            name=name,
            inputs=Both(inputs or "none declared", inputs or "ไม่ได้ระบุไว้"),
        )
        for name in sorted(formula.names - spec.inputs.keys())
    ]


def check_baseline(ctx: Context, index: int, spec: s.KpiSpec) -> list[Finding]:
    """Baseline columns, rows and summaries that name what the table does not have."""
    b = spec.baseline
    if b is None:
        return []
    found: list[Finding] = []
    path: yamlio.Path_ = ("kpis", index, "baseline")
    known = {c.id for c in b.columns}
    for i, column in enumerate(b.columns):
        refs: set[str] = set()
        if column.growth_of:
            refs = {column.growth_of}
        elif column.formula:
            try:
                refs = set(compile_formula(column.formula).names)
            except FormulaError as exc:
                found.append(ctx.problem(exc, (*path, "columns", i, "formula"), spec.id))
        for ref in sorted(refs - known):
            found.append(
                ctx.finding(
                    "baseline.unknown_reference",
                    (*path, "columns", i),
                    spec.id,
                    column=column.id,
                    name=ref,
                )
            )
    previous: int | None = None
    for i, row in enumerate(b.rows):
        year = row.get("year")
        if year is None or year != int(year):
            found.append(ctx.finding("baseline.row_year", (*path, "rows", i), spec.id))
            continue
        for key in sorted(set(row) - known - {"year"}):
            found.append(
                ctx.finding(
                    "baseline.unknown_column",
                    (*path, "rows", i, key),
                    spec.id,
                    column=key,
                    year=year,
                )
            )
        if previous is not None and int(year) <= previous:
            found.append(
                ctx.finding(
                    "baseline.years_order",
                    (*path, "rows", i, "year"),
                    spec.id,
                    year=int(year),
                    previous=previous,
                )
            )
        previous = int(year)
    for i, sm in enumerate(b.summaries):
        if sm.column not in known:
            found.append(
                ctx.finding(
                    "baseline.summary_column",
                    (*path, "summaries", i, "column"),
                    spec.id,
                    summary=sm.id,
                    column=sm.column,
                )
            )
    return found


def check_rounds(ctx: Context, index: int, spec: s.KpiSpec) -> list[Finding]:
    """Each round of a KPI: declared by the scorecard, its levels, rules and measure."""
    found: list[Finding] = []
    declared_rounds = {r.number for r in ctx.spec.rounds}
    round_specs = {int(k): v for k, v in spec.rounds.items()}
    for number, rspec in sorted(round_specs.items(), reverse=True):
        rpath: yamlio.Path_ = ("kpis", index, "rounds", str(number))
        if number not in declared_rounds:
            found.append(ctx.finding("round.undeclared", rpath, spec.id, round=number))
        found += _check_round(ctx, rpath, spec, rspec)
    return found


def _check_round(
    ctx: Context, path: yamlio.Path_, spec: s.KpiSpec, rspec: s.RoundSpec
) -> list[Finding]:
    found: list[Finding] = []
    if not rspec.assessed:
        if rspec.levels:
            found.append(ctx.finding("round.levels_not_assessed", (*path, "levels"), spec.id))
        return found
    scale = SCALES[ctx.spec.scale]
    scores = ", ".join(map(str, (lv.score for lv in rspec.levels)))
    if sorted(lv.score for lv in rspec.levels) != [int(lv) for lv in scale.levels]:
        found.append(
            ctx.finding(
                "round.levels_needed",
                (*path, "levels"),
                spec.id,
                scores=Both(scores or "none", scores or "ไม่มี"),
                levels=_levels_listed(scale),
            )
        )
    kind = rspec.measure.kind
    for i, level in enumerate(rspec.levels):
        lpath = (*path, "levels", i)
        score = level.score
        if score not in scale.levels:
            found.append(_outside_scale(ctx, (*lpath, "score"), spec.id, score))
        if kind in ("numeric", "count") and level.stated is None and level.rule is None:
            found.append(ctx.finding("level.needs_figure", lpath, spec.id, score=score))
        if level.use == "rule" and level.rule is None:
            found.append(ctx.finding("level.use_rule_without_rule", lpath, spec.id, score=score))
        if kind == "conditions" and not level.conditions:
            found.append(ctx.finding("level.needs_conditions", lpath, spec.id, score=score))
        for j, cond in enumerate(level.conditions):
            if cond.input not in spec.inputs:
                found.append(
                    ctx.finding(
                        "condition.unknown_input",
                        (*lpath, "conditions", j, "input"),
                        spec.id,
                        name=cond.input,
                    )
                )
        if level.rule:
            found += _check_rule(ctx, lpath, spec, level.rule)
    found += _check_measure(ctx, path, spec, rspec.measure)
    return found


def _check_measure(
    ctx: Context, path: yamlio.Path_, spec: s.KpiSpec, measure: s.MeasureSpec
) -> list[Finding]:
    found: list[Finding] = []
    kind = measure.kind
    if measure.item_range and measure.item_range[0] > measure.item_range[1]:
        low, high = measure.item_range
        found.append(
            ctx.finding(
                "measure.item_range_backwards",
                (*path, "measure", "item_range"),
                spec.id,
                low=low,
                high=high,
            )
        )
    if kind == "count" and not measure.items and measure.input is None:
        found.append(ctx.finding("measure.count_needs_input", (*path, "measure"), spec.id))
    if measure.input and measure.input not in spec.inputs:
        found.append(
            ctx.finding(
                "measure.unknown_input",
                (*path, "measure", "input"),
                spec.id,
                name=measure.input,
            )
        )
    if kind == "numeric" and not spec.formula and spec.inputs and not measure.input:
        found.append(
            ctx.finding(
                "measure.numeric_needs_formula", (*path, "measure"), spec.id, Severity.WARNING
            )
        )
    return found


def _check_rule(
    ctx: Context, path: yamlio.Path_, spec: s.KpiSpec, rule: s.RuleSpec
) -> list[Finding]:
    found: list[Finding] = []
    rpath = (*path, "rule")
    for name in (rule.x, rule.y, rule.parameter):
        if name is not None and name not in ctx.parameters:
            found.append(ctx.finding("rule.unknown_parameter", rpath, spec.id, name=name))
    if rule.column is not None:
        columns = {c.id for c in spec.baseline.columns} if spec.baseline else set()
        if rule.column not in columns:
            found.append(ctx.finding("rule.unknown_column", rpath, spec.id, column=rule.column))
    if rule.kind == "percent_of_parameter" and rule.parameter:
        value = ctx.parameters.get(rule.parameter)
        if value is not None and value <= 0:
            found.append(
                ctx.finding(
                    "rule.parameter_not_positive",
                    rpath,
                    spec.id,
                    name=rule.parameter,
                    value=value,
                )
            )
    if rule.score is not None and rule.score not in SCALES[ctx.spec.scale].levels:
        found.append(_outside_scale(ctx, (*rpath, "score"), spec.id, rule.score))
    if rule.round is not None and rule.round not in {r.number for r in ctx.spec.rounds}:
        found.append(ctx.finding("round.undeclared", (*rpath, "round"), spec.id, round=rule.round))
    if rule.years is not None and rule.years[0] > rule.years[1]:
        first, last = rule.years
        found.append(ctx.finding("rule.years_backwards", rpath, spec.id, first=first, last=last))
    return found


def _levels_listed(scale: Scale) -> Both:
    """The scale's levels as a message lists them: '50, 75 and 100' / '50, 75 และ 100'."""
    shown = [str(int(level)) for level in scale.levels]
    head = ", ".join(shown[:-1])
    return Both(f"{head} and {shown[-1]}", f"{head} และ {shown[-1]}")


def _outside_scale(ctx: Context, path: yamlio.Path_, kpi: str, score: int) -> Finding:
    """A level score the template's scale does not have."""
    scale = SCALES[ctx.spec.scale]
    return ctx.finding(
        "level.outside_scale",
        path,
        kpi,
        score=score,
        scale=scale.id,
        levels=Both(scale.listing("en"), scale.listing("th")),
    )


def check_round_numbers(ctx: Context) -> list[Finding]:
    """The rounds are numbered 1, 2, … in order, once each (one, two or three rounds)."""
    numbers = [r.number for r in ctx.spec.rounds]
    if numbers == list(range(1, len(numbers) + 1)) or len(set(numbers)) < len(numbers):
        return []  # in order, or a number given twice (check_ids says so)
    got = ", ".join(map(str, numbers)) or "-"
    return [ctx.finding("rounds.numbering", ("rounds",), got=got)]


# The damage kinds of :mod:`thaikpi.engine.thai_damage`, as a planner reads them.
DAMAGE_WORDS = {
    "private_use": Both("private-use character", "อักขระในพื้นที่ใช้ส่วนตัว (private use)"),
    "split_sara_am": Both("sara am split by a space", "สระอำถูกแยกด้วยช่องว่าง"),
    "nikhahit": Both("sara am written as nikhahit + sara aa", "สระอำเขียนเป็นนิคหิต + สระอา"),
    "mark_order": Both("tone mark before its vowel", "วรรณยุกต์อยู่หน้าสระ"),
    "tone_after_vowel": Both("tone mark after sara aa/am", "วรรณยุกต์อยู่หลังสระอา/อำ"),
}


def _texts(value: object, path: yamlio.Path_) -> Iterator[tuple[yamlio.Path_, str]]:
    """Every string in the template as written, with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))


def check_thai_text(ctx: Context) -> list[Finding]:
    """Warn about Thai text damaged by PDF extraction, naming its line and field."""
    written = ctx.spec.model_dump(by_alias=True, exclude_unset=True)
    findings = []
    for path, text in _texts(written, ()):
        damage = damage_in(text)
        if damage is None:
            continue
        index = path[1] if path[:1] == ("kpis",) and len(path) > 1 else None
        kpi = ctx.spec.kpis[index].id if isinstance(index, int) else None
        kind, piece = damage
        findings.append(ctx.finding("thai.damaged", path, kpi=kpi, severity=Severity.WARNING,
                                    kind=DAMAGE_WORDS[kind], piece=piece))  # fmt: skip
    return findings


# The checks, in the order their findings are listed (the order of the file).
SCORECARD_CHECKS: list[ScorecardCheck] = [
    check_parameters,
    check_ids,
    check_fiscal_year,
    check_round_numbers,
    check_weights,
    check_thai_text,
]
KPI_CHECKS: list[KpiCheck] = [
    check_category,
    check_proxy,
    check_formula,
    check_baseline,
    check_rounds,
]


def check_scorecard(ctx: Context) -> list[Finding]:
    """The findings of every scorecard-wide check."""
    return [finding for check in SCORECARD_CHECKS for finding in check(ctx)]


def check_kpi(ctx: Context, index: int, spec: s.KpiSpec) -> list[Finding]:
    """The findings of every check of one KPI (the ``index``-th in the file)."""
    return [finding for check in KPI_CHECKS for finding in check(ctx, index, spec)]
