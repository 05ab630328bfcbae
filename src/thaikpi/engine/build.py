"""Building the model from a validated spec: resolve every level, collect what is found.

The checks that need only the spec are :mod:`thaikpi.engine.validation`'s list; the
builder runs them as it walks the file (so findings keep the file's order) and adds the
findings that appear only while levels are resolved: rules that refer to each other, rules
that cannot be applied, and levels out of order.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from thaikpi.engine import schema as s
from thaikpi.engine import yamlio
from thaikpi.engine.bounds import levels_outside
from thaikpi.engine.findings import Finding, Severity
from thaikpi.engine.messages import Both
from thaikpi.engine.model import (
    Agency,
    Baseline,
    BaselineRow,
    BelowEntry,
    Category,
    Column,
    Condition,
    Direction,
    FiscalYear,
    Group,
    InputDef,
    Kpi,
    KpiRound,
    Level,
    Link,
    Measure,
    MeasureKind,
    Parameter,
    Revision,
    RoundInfo,
    Rule,
    Scorecard,
    ScoringMethod,
    ScoringPolicy,
    Summary,
    Target,
    Text,
)
from thaikpi.engine.numbers import (
    SCORE_ROUNDING,
    WEIGHTED_ROUNDING,
    Rounding,
    RoundingMode,
    apply,
    pad,
)
from thaikpi.engine.rules import RuleContext, derive
from thaikpi.engine.scales import SCALES
from thaikpi.engine.validation import Context, check_kpi, check_scorecard


def _text(spec: s.Text | None) -> Text | None:
    return None if spec is None else Text(spec.th, spec.en)


def _rounding(spec: s.RoundingSpec | None, default: Rounding) -> Rounding:
    if spec is None:
        return default
    return Rounding(spec.places, RoundingMode(spec.mode), spec.intermediate)


def _rule(spec: s.RuleSpec) -> Rule:
    params = {k: v for k, v in spec.model_dump(exclude={"kind"}).items() if v is not None}
    return Rule(spec.kind, params)


class Builder:
    """Turns a validated ScorecardSpec into a Scorecard, collecting cross-field findings."""

    def __init__(
        self,
        spec: s.ScorecardSpec,
        lines: dict[yamlio.Path_, int],
        file: str,
        overrides: Mapping[str, Decimal],
    ) -> None:
        self.spec = spec
        self.ctx = Context(spec, lines, file, overrides)
        self.lines = lines
        self.file = file
        self.findings: list[Finding] = []
        self.rounding = _rounding(spec.rounding, Rounding())
        self.parameters = dict(self.ctx.parameters)
        self.overridden = set(overrides)

    def add(
        self,
        code: str,
        path: yamlio.Path_,
        kpi: str | None = None,
        severity: Severity = Severity.ERROR,
        **params: object,
    ) -> None:
        """Record the finding ``code`` of the message catalogue at ``path`` in the file."""
        self.findings.append(self.ctx.finding(code, path, kpi, severity, **params))

    def _check_level_bounds(self, kpis: tuple[Kpi, ...]) -> None:
        """A level the KPI's own value bounds rule out could never be reached: an error."""
        for index, kpi in enumerate(kpis):
            for problem in levels_outside(kpi):
                self.findings.append(
                    Finding.of_problem(
                        problem,
                        file=self.file,
                        line=yamlio.line_for(self.lines, ("kpis", index, "value")),
                        kpi=kpi.id,
                        field=f"kpis.{index}.value",
                    )
                )

    def _score_rounding(self) -> Rounding:
        """The template's score rounding, else its scale's (4 places on the five-level scale)."""
        scoring = self.spec.scoring
        if "score_rounding" in scoring.model_fields_set:
            return _rounding(scoring.score_rounding, SCORE_ROUNDING)
        return SCALES[self.spec.scale].score_rounding

    def build(self) -> Scorecard:
        """Check the whole scorecard and build it (possibly partial when there are errors)."""
        spec = self.spec
        self.findings += check_scorecard(self.ctx)
        kpis = tuple(self._kpi(i, k) for i, k in enumerate(spec.kpis))
        self._check_level_bounds(kpis)
        return Scorecard(
            id=spec.id,
            version=spec.version,
            title=Text(spec.title.th, spec.title.en),
            agency=Agency(
                spec.agency.code,
                Text(**spec.agency.name.model_dump()),
                Text(**spec.agency.ministry.model_dump()),
            ),
            fiscal_year=FiscalYear(
                spec.fiscal_year.year_be, spec.fiscal_year.starts, spec.fiscal_year.ends
            ),
            rounds=tuple(
                RoundInfo(r.number, r.months, Text(r.name.th, r.name.en)) for r in spec.rounds
            ),
            groups=tuple(
                Group(
                    g.id,
                    Text(g.name.th, g.name.en),
                    g.weight,
                    tuple(Category(c.id, Text(c.name.th, c.name.en)) for c in g.categories),
                )
                for g in spec.groups
            ),
            kpis=kpis,
            rounding=self.rounding,
            scoring=ScoringPolicy(
                ScoringMethod(spec.scoring.method),
                BelowEntry(spec.scoring.below_entry),
                self._score_rounding(),
                _rounding(spec.scoring.weighted_rounding, WEIGHTED_ROUNDING),
            ),
            total_weight=spec.total_weight,
            scale=SCALES[spec.scale],
            parameters=tuple(
                Parameter(
                    p.id,
                    Text(p.name.th, p.name.en),
                    self.parameters[p.id],
                    _text(p.unit),
                    _text(p.note),
                )
                for p in spec.parameters
            ),
            notes=tuple(Text(n.th, n.en) for n in spec.notes),
            source=_text(spec.source),
            file=self.file,
        )

    # -- one KPI

    def _kpi(self, index: int, spec: s.KpiSpec) -> Kpi:
        path: yamlio.Path_ = ("kpis", index)
        self.findings += check_kpi(self.ctx, index, spec)
        rounding = _rounding(spec.rounding, self.rounding)
        direction = Direction(spec.direction)
        inputs = tuple(
            InputDef(name, Text(i.name.th, i.name.en), _text(i.unit), i.min, i.max, i.positive)
            for name, i in spec.inputs.items()
        )
        baseline = self._baseline(path, spec, rounding)
        rounds = self._rounds(path, spec, direction, rounding, baseline)
        return Kpi(
            id=spec.id,
            group=spec.group,
            category=spec.category,
            name=Text(spec.name.th, spec.name.en),
            kind=spec.kind,
            proxy_for=_text(spec.proxy_for),
            weight=spec.weight,
            unit=Text(spec.unit.th, spec.unit.en),
            direction=direction,
            description=_text(spec.description),
            scope=_text(spec.scope),
            inputs=inputs,
            formula=spec.formula,
            formula_text=_text(spec.formula_text),
            rounding=rounding,
            data_sources=_text(spec.data_sources),
            collection_method=_text(spec.collection_method),
            responsible=_text(spec.responsible),
            related_agencies=_text(spec.related_agencies),
            reporting_period=_text(spec.reporting_period),
            links=tuple(Link(li.type, li.code, Text(li.name.th, li.name.en)) for li in spec.links),
            joint=spec.joint,
            conditions=tuple(Text(c.th, c.en) for c in spec.conditions),
            notes=tuple(Text(n.th, n.en) for n in spec.notes),
            revision=Revision(
                spec.revision.times, Text(spec.revision.when.th, spec.revision.when.en)
            )
            if spec.revision
            else None,
            baseline=baseline,
            targets=tuple(Target(t.year, t.value, _text(t.label)) for t in spec.targets),
            rounds=rounds,
            line=yamlio.line_for(self.lines, path),
            value_min=spec.value.min if spec.value else None,
            value_max=spec.value.max if spec.value else None,
        )

    def _baseline(self, path: yamlio.Path_, spec: s.KpiSpec, rounding: Rounding) -> Baseline | None:
        b = spec.baseline
        if b is None:
            return None
        path = (*path, "baseline")
        rows: list[BaselineRow] = []
        for i, row in enumerate(b.rows):
            year = row.get("year")
            if year is None or year != int(year):
                continue  # validation.check_baseline says so
            values = {k: v for k, v in row.items() if k != "year"}
            rows.append(
                BaselineRow(int(year), values, yamlio.line_for(self.lines, (*path, "rows", i)))
            )
        summaries = [
            Summary(
                sm.id,
                sm.stat,
                sm.column,
                sm.years,
                sm.stated,
                _text(sm.label),
                yamlio.line_for(self.lines, (*path, "summaries", i)),
            )
            for i, sm in enumerate(b.summaries)
        ]
        return Baseline(
            columns=tuple(
                Column(c.id, Text(c.name.th, c.name.en), c.formula, c.growth_of, c.places)
                for c in b.columns
            ),
            rows=tuple(rows),
            summaries=tuple(summaries),
            rounding=_rounding(b.rounding, rounding),
            unit=_text(b.unit),
            note=_text(b.note),
        )

    # -- rounds and levels

    def _rounds(
        self,
        path: yamlio.Path_,
        spec: s.KpiSpec,
        direction: Direction,
        rounding: Rounding,
        baseline: Baseline | None,
    ) -> dict[int, KpiRound]:
        resolved: dict[tuple[int, int], Level] = {}
        resolving: set[tuple[int, int]] = set()
        round_specs = {int(k): v for k, v in spec.rounds.items()}

        def level_value(round_no: int, score: int) -> Decimal | None:
            level = resolve(round_no, score)
            return None if level is None else level.value

        names_th = {p.id: p.name.th for p in self.spec.parameters if p.name.th}
        ctx = RuleContext(direction, rounding, baseline, self.parameters, level_value, names_th)

        def resolve(round_no: int, score: int) -> Level | None:
            key = (round_no, score)
            if key in resolved:
                return resolved[key]
            rspec = round_specs.get(round_no)
            index = (
                next((i for i, lv in enumerate(rspec.levels) if lv.score == score), None)
                if rspec
                else None
            )
            if rspec is None or index is None:
                return None
            if key in resolving:
                self.add(
                    "level.circular",
                    (*path, "rounds", str(round_no), "levels", index, "rule"),
                    spec.id,
                )
                return None
            resolving.add(key)
            level = self._level(
                spec,
                rspec.levels[index],
                ctx,
                (*path, "rounds", str(round_no), "levels", index),
                rspec.measure.kind,
            )
            resolving.discard(key)
            resolved[key] = level
            return level

        rounds: dict[int, KpiRound] = {}
        for number, rspec in sorted(round_specs.items(), reverse=True):
            rpath = (*path, "rounds", str(number))
            levels = tuple(lv for lv in (resolve(number, int(x.score)) for x in rspec.levels) if lv)
            measure = Measure(
                kind=MeasureKind(rspec.measure.kind),
                input=rspec.measure.input,
                items=tuple(Text(t.th, t.en) for t in rspec.measure.items),
                item_at_least=rspec.measure.item_at_least,
                item_range=rspec.measure.item_range,
                unit=_text(rspec.measure.unit),
                description=_text(rspec.measure.description),
            )
            kpi_round = KpiRound(
                number,
                rspec.assessed,
                measure,
                tuple(sorted(levels, key=lambda lv: lv.score)),
                _text(rspec.reason),
                _text(rspec.groups),
                _text(rspec.note),
            )
            self._check_order(rpath, spec, kpi_round, direction)
            rounds[number] = kpi_round
        return dict(sorted(rounds.items()))

    def _level(
        self,
        kpi: s.KpiSpec,
        spec: s.LevelSpec,
        ctx: RuleContext,
        path: yamlio.Path_,
        kind: str,
    ) -> Level:
        derivation = derive(_rule(spec.rule), ctx) if spec.rule else None
        derived = derivation.value if derivation else None
        rounded = apply(derived, ctx.rounding) if derived is not None else None
        uses_rule = spec.use == "rule" or spec.stated is None
        open_reason, open_reason_th = None, ""
        provenance = derivation.provenance if derivation else "stated in the template"
        provenance_th = derivation.provenance_th if derivation else "ตามที่ระบุในแม่แบบ"
        if derivation and derivation.open_reason and not derivation.waits:
            self.add(
                "level.rule_not_applicable",
                (*path, "rule"),
                kpi.id,
                Severity.ERROR if uses_rule else Severity.WARNING,
                score=spec.score,
                reason=Both(derivation.open_reason, derivation.open_reason_th),
            )
        if uses_rule:
            value = rounded
            if derivation and derivation.open_reason:
                open_reason, open_reason_th = derivation.open_reason, derivation.open_reason_th
        else:
            value = spec.stated
            if rounded is not None and rounded != spec.stated:
                provenance = f"stated {spec.stated}; the rule gives {provenance}"
                provenance_th = f"ระบุไว้ {spec.stated}; ตามสูตรได้ {provenance_th}"
                if spec.rule and self._rule_overridden(spec.rule):
                    self.add(
                        "level.stated_not_rule",
                        (*path, "stated"),
                        kpi.id,
                        Severity.WARNING,
                        score=spec.score,
                        stated=spec.stated,
                        rounded=rounded,
                    )
            elif rounded is None:
                provenance, provenance_th = "stated in the template", "ตามที่ระบุในแม่แบบ"
        if value is not None and kind == "numeric":
            value = pad(value, ctx.rounding.places)
        return Level(
            score=Decimal(spec.score),
            value=value,
            stated=spec.stated,
            rule=_rule(spec.rule) if spec.rule else None,
            derived=derived,
            provenance=provenance,
            provenance_th=provenance_th,
            conditions=tuple(Condition(c.input, c.op, c.value) for c in spec.conditions),
            description=_text(spec.description),
            note=_text(spec.note),
            open_reason=open_reason,
            line=yamlio.line_for(self.lines, path),
            open_reason_th=open_reason_th,
        )

    def _rule_overridden(self, rule: s.RuleSpec) -> bool:
        """Whether a parameter this rule reads was given on loading (e.g. a revised target)."""
        return any(name in self.overridden for name in (rule.x, rule.y, rule.parameter) if name)

    def _check_order(
        self, path: yamlio.Path_, spec: s.KpiSpec, kpi_round: KpiRound, direction: Direction
    ) -> None:
        if any(lv.value is None for lv in kpi_round.levels):
            return  # a level without its figure yet (open): only complete rounds are checked
        higher = direction is Direction.HIGHER
        for (low_value, low), (high_value, high) in kpi_round.out_of_order(direction):
            self.add(
                "levels.out_of_order",
                (*path, "levels"),
                spec.id,
                better=Both("higher", "สูง") if higher else Both("lower", "ต่ำ"),
                low=low,
                low_value=low_value,
                high=high,
                high_value=high_value,
            )
