"""Loading a scorecard template file: read, validate, resolve levels, build the model.

Every problem becomes a :class:`Finding` with file, line, KPI and a plain message; all of
them are collected (not just the first) and raised together as one :class:`EngineError`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from thaikpi.engine import schema as s
from thaikpi.engine import yamlio
from thaikpi.engine.bounds import levels_outside
from thaikpi.engine.findings import (
    EngineError,
    Finding,
    Severity,
    errors,
    file_unreadable,
    thai_of,
)
from thaikpi.engine.formatting import be_year, ce_year
from thaikpi.engine.formula import FormulaError, compile_formula
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

TEMPLATES = "thaikpi.templates"
SCORES = (Decimal(50), Decimal(75), Decimal(100))


# --- public API ------------------------------------------------------------------------


def template_names() -> list[str]:
    """Names of the templates shipped with ThaiKPI (e.g. 'ditp-2567')."""
    folder = resources.files(TEMPLATES)
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


def template_text(name: str) -> str:
    """The text of a shipped template."""
    if name not in template_names():
        shipped = ", ".join(template_names())
        raise EngineError.single(
            f"no shipped template named {name!r} (shipped: {shipped})",
            f"ไม่มีแม่แบบชื่อ {name!r} ใน ThaiKPI (แม่แบบที่มี: {shipped})",
            file=name,
        )
    return resources.files(TEMPLATES).joinpath(name + ".yaml").read_text(encoding="utf-8")


Overrides = Mapping[str, Decimal] | None


def load_named(name: str, parameters: Overrides = None) -> Scorecard:
    """Load a shipped template by name."""
    return load_text(template_text(name), name + ".yaml", parameters)


def load_path(path: str | Path, parameters: Overrides = None) -> Scorecard:
    """Load a template file from disk."""
    return load_text(read_file(path), str(path), parameters)


def load(name_or_path: str, parameters: Overrides = None) -> Scorecard:
    """Load a shipped template by name, or a template file by path."""
    if is_template_name(name_or_path):
        return load_named(name_or_path, parameters)
    if _looks_like_a_name(name_or_path):
        shipped = ", ".join(template_names())
        raise EngineError.single(
            f"no shipped template named {name_or_path!r} and no such file (shipped: {shipped})",
            f"ไม่มีแม่แบบชื่อ {name_or_path!r} ใน ThaiKPI และไม่มีไฟล์ชื่อนี้ (แม่แบบที่มี: {shipped})",
            file=name_or_path,
        )
    return load_path(name_or_path, parameters)


def _looks_like_a_name(name_or_path: str) -> bool:
    """A bare word such as 'ditp-2568' that is not an existing file."""
    path = Path(name_or_path)
    return not path.exists() and path.suffix == "" and path.name == name_or_path


def is_template_name(name_or_path: str) -> bool:
    """True when ``name_or_path`` names a shipped template rather than an existing file."""
    return name_or_path in template_names() and not Path(name_or_path).exists()


def read_file(path: str | Path) -> str:
    """Read a UTF-8 file, turning OS and decoding problems into an EngineError."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise EngineError.single(*file_unreadable(exc), file=str(path)) from exc
    try:
        return yamlio.read_text(raw)
    except yamlio.YamlProblem as exc:
        raise EngineError.single(
            exc.message, exc.message_th, file=str(path), line=exc.line
        ) from exc


def load_text(text: str, file: str = "", parameters: Overrides = None) -> Scorecard:
    """Load a template from text; raise EngineError listing every error found.

    ``parameters`` fills in (or overrides) parameter values, e.g. a figure the document
    leaves open, without editing the file.
    """
    scorecard, findings = check_text(text, file, parameters)
    if scorecard is None or errors(findings):
        raise EngineError(errors(findings))
    return scorecard


def check_text(
    text: str, file: str = "", parameters: Overrides = None
) -> tuple[Scorecard | None, list[Finding]]:
    """Validate a template: the scorecard (None if it has errors) and all findings."""
    try:
        data, lines = yamlio.parse(text)
    except yamlio.YamlProblem as exc:
        return None, [Finding(exc.message, file=file, line=exc.line, message_th=exc.message_th)]
    try:
        spec = s.ScorecardSpec.model_validate(data)
    except ValidationError as exc:
        # Report the weights too: one wrong type should not hide that the sums are off.
        found = list(_schema_findings(exc, data, lines, file))
        return None, found + _raw_weight_findings(data, lines, file)
    builder = _Builder(spec, lines, file, parameters or {})
    scorecard = builder.build()
    findings = builder.findings
    return (None if errors(findings) else scorecard), findings


# --- schema errors ----------------------------------------------------------------------


def _kpi_id_at(data: object, loc: tuple[Any, ...]) -> str | None:
    if len(loc) >= 2 and loc[0] == "kpis" and isinstance(data, dict):
        kpis = data.get("kpis")
        if isinstance(kpis, list) and isinstance(loc[1], int) and loc[1] < len(kpis):
            item = kpis[loc[1]]
            if isinstance(item, dict) and "id" in item:
                return str(item["id"])
    return None


# pydantic's error types in Thai, filled from the error's context (ge, expected, …). The
# English is pydantic's own message; value errors carry their Thai (findings.Problem).
_SCHEMA_TH = {
    "string_type": "ต้องเป็นข้อความ",
    "string_sub_type": "ต้องเป็นข้อความ",
    "string_too_short": "ต้องมีข้อความอย่างน้อย {min_length} ตัวอักษร",
    "string_too_long": "ข้อความต้องยาวไม่เกิน {max_length} ตัวอักษร",
    "string_pattern_mismatch": "ข้อความต้องตรงตามรูปแบบ '{pattern}'",
    "int_type": "ต้องเป็นจำนวนเต็ม",
    "int_parsing": "ต้องเป็นจำนวนเต็ม",
    "int_from_float": "ต้องเป็นจำนวนเต็มที่ไม่มีทศนิยม",
    "float_type": "ต้องเป็นตัวเลข",
    "float_parsing": "ต้องเป็นตัวเลข",
    "decimal_type": "ต้องเป็นตัวเลข",
    "decimal_parsing": "ต้องเป็นตัวเลข",
    "finite_number": "ต้องเป็นตัวเลขที่มีค่าจำกัด",
    "bool_type": "ต้องเป็น true หรือ false",
    "bool_parsing": "ต้องเป็น true หรือ false",
    "literal_error": "ต้องเป็น {expected}",
    "enum": "ต้องเป็น {expected}",
    "list_type": "ต้องเป็นรายการ (list)",
    "tuple_type": "ต้องเป็นรายการ (list)",
    "set_type": "ต้องเป็นรายการ (list)",
    "frozen_set_type": "ต้องเป็นรายการ (list)",
    "dict_type": "ต้องเป็นชุดข้อมูลแบบ key: value (mapping)",
    "mapping_type": "ต้องเป็นชุดข้อมูลแบบ key: value (mapping)",
    "model_type": "ต้องเป็นชุดข้อมูลแบบ key: value (mapping)",
    "model_attributes_type": "ต้องเป็นชุดข้อมูลแบบ key: value (mapping)",
    "date_type": "ต้องเป็นวันที่ในรูปแบบ YYYY-MM-DD (ปี ค.ศ.)",
    "date_parsing": "ต้องเป็นวันที่ในรูปแบบ YYYY-MM-DD (ปี ค.ศ.)",
    "date_from_datetime_parsing": "ต้องเป็นวันที่ในรูปแบบ YYYY-MM-DD (ปี ค.ศ.)",
    "date_from_datetime_inexact": "ต้องเป็นวันที่ในรูปแบบ YYYY-MM-DD (ปี ค.ศ.) โดยไม่มีเวลา",
    "greater_than": "ต้องมากกว่า {gt}",
    "greater_than_equal": "ต้องไม่น้อยกว่า {ge}",
    "less_than": "ต้องน้อยกว่า {lt}",
    "less_than_equal": "ต้องไม่เกิน {le}",
    "multiple_of": "ต้องเป็นพหุคูณของ {multiple_of}",
    "too_short": "ต้องมีอย่างน้อย {min_length} รายการ แต่มี {actual_length}",
    "too_long": "ต้องมีไม่เกิน {max_length} รายการ แต่มี {actual_length}",
    "none_required": "ต้องเว้นว่างไว้ (null)",
}
_IDENTIFIER_TH = "ต้องเป็นรหัสที่มีเฉพาะตัวอักษรภาษาอังกฤษ ตัวเลข และเครื่องหมาย _ . - (รูปแบบ '{pattern}')"


def _or_th(expected: str) -> str:
    """pydantic's "'a', 'b' or 'c'" in Thai: "'a', 'b' หรือ 'c'"."""
    head, sep, last = expected.rpartition(" or ")
    return f"{head} หรือ {last}" if sep else expected


def _message(error: Mapping[str, Any]) -> tuple[str, str]:
    """A pydantic error as a message in English and in Thai, by its type and context."""
    kind, msg, loc = error["type"], str(error["msg"]), error["loc"]
    name = loc[-1] if loc else ""
    if kind == "extra_forbidden":
        return f"unknown field {name!r}", f"ไม่รู้จักฟิลด์ {name!r}"
    if kind == "missing":
        return f"missing field {name!r}", f"ขาดฟิลด์ที่ต้องระบุ {name!r}"
    en = msg.removeprefix("Value error, ")
    ctx: Mapping[str, Any] = error.get("ctx") or {}
    if kind in ("value_error", "assertion_error") and isinstance(ctx.get("error"), Exception):
        return en, thai_of(ctx["error"])
    template = _SCHEMA_TH.get(kind)
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == s.IDENTIFIER_PATTERN:
        template = _IDENTIFIER_TH
    try:
        th = template and template.format(
            **{k: _or_th(str(v)) if k == "expected" else v for k, v in ctx.items()}
        )
    except (KeyError, IndexError, ValueError):
        th = None
    if not th:
        return en, f"ข้อมูลไม่ถูกต้อง: {en}"
    return en, ("ชื่อคีย์" + th if name == "[key]" else th)


def _schema_findings(
    exc: ValidationError, data: object, lines: dict[yamlio.Path_, int], file: str
) -> Iterator[Finding]:
    for error in exc.errors():
        loc = tuple(part for part in error["loc"] if not str(part).startswith("function-"))
        # Union members ("decimal", "none") are not places in the file.
        path = tuple(p for p in loc if p not in ("decimal", "none", "int"))
        message, message_th = _message(error)
        yield Finding(
            message,
            file=file,
            line=yamlio.line_for(lines, path),
            kpi=_kpi_id_at(data, path),
            field=".".join(str(p) for p in path),
            message_th=message_th,
        )


# --- weights, checked on the validated spec and, when the schema fails, on the raw data ---

# (message, message in Thai, where, KPI id)
WeightProblem = tuple[str, str, yamlio.Path_, str | None]


def weight_problems(
    groups: list[tuple[str, Decimal]],
    kpis: list[tuple[str, str, Decimal]],
    total_weight: Decimal,
) -> list[WeightProblem]:
    """Weights that are not more than 0, unknown groups, and sums that do not add up."""
    problems: list[WeightProblem] = []
    group_ids = {g for g, _ in groups}
    for i, (kpi_id, group, weight) in enumerate(kpis):
        if weight <= 0:
            problems.append(
                (
                    f"weight must be more than 0, got {weight}",
                    f"น้ำหนักต้องมากกว่า 0 แต่พบ {weight}",
                    ("kpis", i, "weight"),
                    kpi_id,
                )
            )
        if group not in group_ids:
            known = ", ".join(sorted(group_ids))
            problems.append(
                (
                    f"unknown group {group!r} (groups: {known})",
                    f"ไม่รู้จักกลุ่ม {group!r} (กลุ่มที่มี: {known})",
                    ("kpis", i, "group"),
                    kpi_id,
                )
            )
    for i, (group_id, group_weight) in enumerate(groups):
        total = sum((w for _, g, w in kpis if g == group_id), Decimal(0))
        if total != group_weight:
            problems.append(
                (
                    f"KPI weights in group {group_id!r} add up to {total}, "
                    f"but the group's weight is {group_weight}",
                    f"น้ำหนักของตัวชี้วัดในกลุ่ม {group_id!r} รวมกันได้ {total} "
                    f"แต่น้ำหนักของกลุ่มคือ {group_weight}",
                    ("groups", i, "weight"),
                    None,
                )
            )
    groups_total = sum((w for _, w in groups), Decimal(0))
    if groups_total != total_weight:
        problems.append(
            (
                f"group weights add up to {groups_total}, not {total_weight}",
                f"น้ำหนักของกลุ่มรวมกันได้ {groups_total} ไม่ใช่ {total_weight}",
                ("groups",),
                None,
            )
        )
    kpis_total = sum((w for _, _, w in kpis), Decimal(0))
    if kpis_total != total_weight:
        problems.append(
            (
                f"KPI weights add up to {kpis_total}, not {total_weight}",
                f"น้ำหนักของตัวชี้วัดรวมกันได้ {kpis_total} ไม่ใช่ {total_weight}",
                ("kpis",),
                None,
            )
        )
    return problems


def _raw_weight_findings(data: object, lines: dict[yamlio.Path_, int], file: str) -> list[Finding]:
    """Weight problems of a file whose schema failed, where its groups and KPIs can be read."""
    if not isinstance(data, dict):
        return []
    raw_groups, raw_kpis = data.get("groups"), data.get("kpis")
    if not isinstance(raw_groups, list) or not isinstance(raw_kpis, list):
        return []

    def weight(item: object) -> Decimal | None:
        value = item.get("weight") if isinstance(item, dict) else None
        return (
            Decimal(value)
            if isinstance(value, int | Decimal) and not isinstance(value, bool)
            else None
        )

    groups = [(str(g.get("id")), weight(g)) for g in raw_groups if isinstance(g, dict)]
    kpis = [
        (str(k.get("id")), str(k.get("group")), weight(k)) for k in raw_kpis if isinstance(k, dict)
    ]
    if any(w is None for _, w in groups) or any(w is None for _, _, w in kpis):
        return []  # the schema errors already say which weight is missing or wrong
    total = data.get("total_weight", 100)
    if not isinstance(total, int | Decimal):
        return []
    checked = weight_problems(
        [(g, w) for g, w in groups if w is not None],
        [(k, g, w) for k, g, w in kpis if w is not None],
        Decimal(total),
    )
    return [
        Finding(
            message,
            file=file,
            line=yamlio.line_for(lines, path),
            kpi=kpi,
            field=".".join(str(p) for p in path),
            message_th=message_th,
        )
        for message, message_th, path, kpi in checked
    ]


# --- building the model -----------------------------------------------------------------


def _text(spec: s.Text | None) -> Text | None:
    return None if spec is None else Text(spec.th, spec.en)


def _rounding(spec: s.RoundingSpec | None, default: Rounding) -> Rounding:
    if spec is None:
        return default
    return Rounding(spec.places, RoundingMode(spec.mode), spec.intermediate)


def _rule(spec: s.RuleSpec) -> Rule:
    params = {k: v for k, v in spec.model_dump(exclude={"kind"}).items() if v is not None}
    return Rule(spec.kind, params)


class _Builder:
    """Turns a validated ScorecardSpec into a Scorecard, collecting cross-field findings."""

    def __init__(
        self,
        spec: s.ScorecardSpec,
        lines: dict[yamlio.Path_, int],
        file: str,
        overrides: Mapping[str, Decimal],
    ) -> None:
        self.spec = spec
        self.lines = lines
        self.file = file
        self.findings: list[Finding] = []
        self.rounding = _rounding(spec.rounding, Rounding())
        self.parameters: dict[str, Decimal | None] = {p.id: p.value for p in spec.parameters}
        self.overridden = set(overrides)
        for name, value in overrides.items():
            if name not in self.parameters:
                known = ", ".join(self.parameters)
                self.add(
                    f"unknown parameter {name!r} (parameters: {known or 'none'})",
                    f"ไม่รู้จักพารามิเตอร์ {name!r} (พารามิเตอร์ที่มี: {known or 'ไม่มี'})",
                    ("parameters",),
                )
            self.parameters[name] = value

    def add(
        self,
        message: str,
        message_th: str,
        path: yamlio.Path_,
        kpi: str | None = None,
        severity: Severity = Severity.ERROR,
    ) -> None:
        """Record a finding at ``path`` in the file, its message in English and Thai."""
        line = yamlio.line_for(self.lines, path)
        field = ".".join(str(p) for p in path)
        self.findings.append(Finding(message, severity, self.file, line, kpi, field, message_th))

    def build(self) -> Scorecard:
        """Check the whole scorecard and build it (possibly partial when there are errors)."""
        spec = self.spec
        self._check_ids()
        self._check_weights()
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
                _rounding(spec.scoring.score_rounding, SCORE_ROUNDING),
                _rounding(spec.scoring.weighted_rounding, WEIGHTED_ROUNDING),
            ),
            total_weight=spec.total_weight,
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

    # -- scorecard-wide checks

    def _check_level_bounds(self, kpis: tuple[Kpi, ...]) -> None:
        """A level the KPI's own value bounds rule out could never be reached: an error."""
        for index, kpi in enumerate(kpis):
            for message, message_th in levels_outside(kpi):
                self.add(message, message_th, ("kpis", index, "value"), kpi.id)

    def _check_ids(self) -> None:
        spec = self.spec
        id_lists: tuple[tuple[str, str, list[str], str], ...] = (
            ("group", "กลุ่ม", [g.id for g in spec.groups], "groups"),
            ("KPI", "ตัวชี้วัด", [k.id for k in spec.kpis], "kpis"),
            ("parameter", "พารามิเตอร์", [p.id for p in spec.parameters], "parameters"),
        )
        for label, label_th, ids, key in id_lists:
            seen: set[str] = set()
            for i, item_id in enumerate(ids):
                if item_id in seen:
                    self.add(
                        f"duplicate {label} id {item_id!r}",
                        f"รหัส{label_th} {item_id!r} ซ้ำ",
                        (key, i, "id"),
                    )
                seen.add(item_id)
        numbers = [r.number for r in spec.rounds]
        if len(set(numbers)) != len(numbers):
            self.add("rounds are listed twice", "มีรอบการประเมินซ้ำกัน", ("rounds",))
        year = spec.fiscal_year
        if year.starts.month != 10 or year.ends.month != 9:
            self.add(
                "a Thai fiscal year runs from 1 October to 30 September",
                "ปีงบประมาณของไทยเริ่ม 1 ตุลาคม และสิ้นสุด 30 กันยายน",
                ("fiscal_year",),
                severity=Severity.WARNING,
            )
        if be_year(year.ends.year) != year.year_be:
            self.add(
                f"fiscal year {year.year_be} BE should end in "
                f"{ce_year(year.year_be)} CE, not {year.ends.year}",
                f"ปีงบประมาณ พ.ศ. {year.year_be} ควรสิ้นสุดในปี ค.ศ. {ce_year(year.year_be)}"
                f" ไม่ใช่ ค.ศ. {year.ends.year}",
                ("fiscal_year", "ends"),
            )

    def _check_weights(self) -> None:
        spec = self.spec
        groups = [(g.id, g.weight) for g in spec.groups]
        kpis = [(k.id, k.group, k.weight) for k in spec.kpis]
        for message, message_th, path, kpi in weight_problems(groups, kpis, spec.total_weight):
            self.add(message, message_th, path, kpi)

    # -- one KPI

    def _kpi(self, index: int, spec: s.KpiSpec) -> Kpi:
        path: yamlio.Path_ = ("kpis", index)
        self._check_category(path, spec)
        if spec.kind == "proxy" and spec.proxy_for is None:
            self.add(
                "a proxy KPI should say which strategic KPI it stands for (proxy_for)",
                "ตัวชี้วัด Proxy ควรระบุว่าใช้แทนตัวชี้วัดเชิงยุทธศาสตร์ตัวใด (proxy_for)",
                (*path, "kind"),
                spec.id,
                Severity.WARNING,
            )
        rounding = _rounding(spec.rounding, self.rounding)
        direction = Direction(spec.direction)
        inputs = tuple(
            InputDef(name, Text(i.name.th, i.name.en), _text(i.unit), i.min, i.max, i.positive)
            for name, i in spec.inputs.items()
        )
        self._check_formula(path, spec)
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

    def _check_category(self, path: yamlio.Path_, spec: s.KpiSpec) -> None:
        group = next((g for g in self.spec.groups if g.id == spec.group), None)
        if group and spec.category and spec.category not in {c.id for c in group.categories}:
            self.add(
                f"unknown category {spec.category!r} in group {spec.group!r}",
                f"ไม่รู้จักประเภทตัวชี้วัด {spec.category!r} ในกลุ่ม {spec.group!r}",
                (*path, "category"),
                spec.id,
            )

    def _check_formula(self, path: yamlio.Path_, spec: s.KpiSpec) -> None:
        if not spec.formula:
            return
        try:
            formula = compile_formula(spec.formula)
        except FormulaError as exc:
            self.add(str(exc), thai_of(exc), (*path, "formula"), spec.id)
            return
        inputs = ", ".join(spec.inputs)
        for name in sorted(formula.names - spec.inputs.keys()):
            self.add(
                f"formula uses {name!r}, which is not one of the KPI's inputs "
                f"({inputs or 'none declared'})",
                f"สูตรใช้ {name!r} ซึ่งไม่ใช่ข้อมูลที่ใช้คำนวณของตัวชี้วัดนี้ ({inputs or 'ไม่ได้ระบุไว้'})",
                (*path, "formula"),
                spec.id,
            )

    def _baseline(self, path: yamlio.Path_, spec: s.KpiSpec, rounding: Rounding) -> Baseline | None:
        b = spec.baseline
        if b is None:
            return None
        path = (*path, "baseline")
        known = {c.id for c in b.columns}
        for i, column in enumerate(b.columns):
            refs: set[str] = set()
            if column.growth_of:
                refs = {column.growth_of}
            elif column.formula:
                try:
                    refs = set(compile_formula(column.formula).names)
                except FormulaError as exc:
                    self.add(str(exc), thai_of(exc), (*path, "columns", i, "formula"), spec.id)
            for ref in sorted(refs - known):
                self.add(
                    f"column {column.id!r} uses {ref!r}, which is not a column",
                    f"คอลัมน์ {column.id!r} ใช้ {ref!r} ซึ่งไม่ใช่คอลัมน์ของตาราง",
                    (*path, "columns", i),
                    spec.id,
                )
        rows: list[BaselineRow] = []
        for i, row in enumerate(b.rows):
            year = row.get("year")
            if year is None or year != int(year):
                self.add(
                    "each baseline row needs a whole-number 'year'",
                    "ข้อมูลพื้นฐานทุกแถวต้องมี 'year' เป็นจำนวนเต็ม",
                    (*path, "rows", i),
                    spec.id,
                )
                continue
            for key in sorted(set(row) - known - {"year"}):
                self.add(
                    f"unknown column {key!r} in baseline row {year}",
                    f"ไม่รู้จักคอลัมน์ {key!r} ในแถวข้อมูลพื้นฐานปี {year}",
                    (*path, "rows", i, key),
                    spec.id,
                )
            if rows and int(year) <= rows[-1].year:
                self.add(
                    f"baseline years must go up: {int(year)} after {rows[-1].year}",
                    f"ปีของข้อมูลพื้นฐานต้องเรียงจากน้อยไปมาก: {int(year)} อยู่หลัง {rows[-1].year}",
                    (*path, "rows", i, "year"),
                    spec.id,
                )
            values = {k: v for k, v in row.items() if k != "year"}
            rows.append(
                BaselineRow(int(year), values, yamlio.line_for(self.lines, (*path, "rows", i)))
            )
        summaries = []
        for i, sm in enumerate(b.summaries):
            if sm.column not in known:
                self.add(
                    f"summary {sm.id!r} uses unknown column {sm.column!r}",
                    f"ค่าสรุป {sm.id!r} ใช้คอลัมน์ {sm.column!r} ซึ่งไม่มีในตาราง",
                    (*path, "summaries", i, "column"),
                    spec.id,
                )
            summaries.append(
                Summary(
                    sm.id,
                    sm.stat,
                    sm.column,
                    sm.years,
                    sm.stated,
                    _text(sm.label),
                    yamlio.line_for(self.lines, (*path, "summaries", i)),
                )
            )
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
        declared_rounds = {r.number for r in self.spec.rounds}

        def level_value(round_no: int, score: int) -> Decimal | None:
            level = resolve(round_no, score)
            return None if level is None else level.value

        ctx = RuleContext(direction, rounding, baseline, self.parameters, level_value)

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
                    "level rules refer to each other in a circle",
                    "สูตรของค่าเป้าหมายอ้างอิงกันเป็นวงวน",
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
            if number not in declared_rounds:
                self.add(
                    f"round {number} is not one of the scorecard's rounds",
                    f"รอบที่ {number} ไม่อยู่ในรอบการประเมินของแม่แบบนี้ (rounds)",
                    rpath,
                    spec.id,
                )
            self._check_round(rpath, spec, rspec)
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

    def _check_round(self, path: yamlio.Path_, spec: s.KpiSpec, rspec: s.RoundSpec) -> None:
        if not rspec.assessed:
            if rspec.levels:
                self.add(
                    "a round that is not assessed has no levels",
                    "รอบที่ไม่ประเมินต้องไม่มีค่าเป้าหมาย (levels)",
                    (*path, "levels"),
                    spec.id,
                )
            return
        scores = ", ".join(map(str, (lv.score for lv in rspec.levels)))
        if sorted(lv.score for lv in rspec.levels) != [50, 75, 100]:
            self.add(
                "an assessed round needs exactly the levels 50, 75 and 100 "
                f"(got {scores or 'none'})",
                f"รอบที่ประเมินต้องมีค่าเป้าหมายระดับ 50, 75 และ 100 ครบและไม่ซ้ำ (ที่มี: {scores or 'ไม่มี'})",
                (*path, "levels"),
                spec.id,
            )
        kind = rspec.measure.kind
        for i, level in enumerate(rspec.levels):
            lpath = (*path, "levels", i)
            score = level.score
            if kind in ("numeric", "count") and level.stated is None and level.rule is None:
                self.add(
                    f"level {score} needs a stated figure or a rule",
                    f"ค่าเป้าหมายระดับ {score} ต้องระบุตัวเลข (stated) หรือสูตร (rule)",
                    lpath,
                    spec.id,
                )
            if level.use == "rule" and level.rule is None:
                self.add(
                    f"level {score} says use: rule but has no rule",
                    f"ค่าเป้าหมายระดับ {score} ระบุ use: rule แต่ไม่มีสูตร (rule)",
                    lpath,
                    spec.id,
                )
            if kind == "conditions" and not level.conditions:
                self.add(
                    f"level {score} needs conditions",
                    f"ค่าเป้าหมายระดับ {score} ต้องมีเงื่อนไข (conditions)",
                    lpath,
                    spec.id,
                )
            for j, cond in enumerate(level.conditions):
                if cond.input not in spec.inputs:
                    self.add(
                        f"condition uses {cond.input!r}, which is not one of the KPI's inputs",
                        f"เงื่อนไขใช้ {cond.input!r} ซึ่งไม่ใช่ข้อมูลที่ใช้คำนวณของตัวชี้วัดนี้",
                        (*lpath, "conditions", j, "input"),
                        spec.id,
                    )
            if level.rule:
                self._check_rule(lpath, spec, level.rule)
        measure = rspec.measure
        if measure.item_range and measure.item_range[0] > measure.item_range[1]:
            low, high = measure.item_range
            self.add(
                f"item_range goes backwards: {low}–{high}",
                f"ช่วงระดับของรายการ (item_range) กลับด้าน: {low}–{high}",
                (*path, "measure", "item_range"),
                spec.id,
            )
        if kind == "count" and not measure.items and measure.input is None:
            self.add(
                "a count measure names its input or the items it counts",
                "การวัดแบบนับจำนวน (count) ต้องระบุข้อมูลที่ใช้คำนวณ (input) หรือรายการที่นับ (items)",
                (*path, "measure"),
                spec.id,
            )
        if measure.input and measure.input not in spec.inputs:
            self.add(
                f"measure input {measure.input!r} is not one of the KPI's inputs",
                f"ข้อมูล {measure.input!r} ที่ใช้วัดผล (measure.input) ไม่ใช่ข้อมูลที่ใช้คำนวณของตัวชี้วัดนี้",
                (*path, "measure", "input"),
                spec.id,
            )
        if kind == "numeric" and not spec.formula and spec.inputs and not measure.input:
            self.add(
                "a numeric KPI with inputs needs a formula",
                "ตัวชี้วัดเชิงตัวเลขที่มีข้อมูลที่ใช้คำนวณต้องมีสูตร (formula)",
                (*path, "measure"),
                spec.id,
                Severity.WARNING,
            )

    def _check_rule(self, path: yamlio.Path_, spec: s.KpiSpec, rule: s.RuleSpec) -> None:
        rpath = (*path, "rule")
        for name in (rule.x, rule.y, rule.parameter):
            if name is not None and name not in self.parameters:
                self.add(
                    f"rule uses parameter {name!r}, which is not declared",
                    f"สูตรใช้พารามิเตอร์ {name!r} ซึ่งไม่ได้กำหนดไว้ใน parameters",
                    rpath,
                    spec.id,
                )
        if rule.column is not None:
            columns = {c.id for c in spec.baseline.columns} if spec.baseline else set()
            if rule.column not in columns:
                self.add(
                    f"rule uses baseline column {rule.column!r}, which the KPI does not have",
                    f"สูตรใช้คอลัมน์ข้อมูลพื้นฐาน {rule.column!r} ซึ่งตัวชี้วัดนี้ไม่มี",
                    rpath,
                    spec.id,
                )
        if rule.kind == "percent_of_parameter" and rule.parameter:
            value = self.parameters.get(rule.parameter)
            if value is not None and value <= 0:
                self.add(
                    f"parameter {rule.parameter!r} must be more than 0, got {value}",
                    f"พารามิเตอร์ {rule.parameter!r} ต้องมากกว่า 0 แต่พบ {value}",
                    rpath,
                    spec.id,
                )
        if rule.years is not None and rule.years[0] > rule.years[1]:
            first, last = rule.years
            self.add(
                f"rule years go backwards: {first}–{last}",
                f"ช่วงปีของสูตรกลับด้าน: {first}–{last}",
                rpath,
                spec.id,
            )

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
                f"level {spec.score}: the rule cannot be applied: {derivation.open_reason}",
                f"ค่าเป้าหมายระดับ {spec.score}: คำนวณตามสูตรไม่ได้: {derivation.open_reason_th}",
                (*path, "rule"),
                kpi.id,
                Severity.ERROR if uses_rule else Severity.WARNING,
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
                        f"level {spec.score} keeps its stated {spec.stated}, but with the "
                        f"parameters given its rule gives {rounded}; set use: rule to follow it",
                        f"ค่าเป้าหมายระดับ {spec.score} ยังใช้ตัวเลขที่ระบุไว้ {spec.stated} "
                        f"แต่ด้วยพารามิเตอร์ที่กำหนด สูตรให้ค่า {rounded} "
                        "หากต้องการใช้ค่าตามสูตรให้ตั้ง use: rule",
                        (*path, "stated"),
                        kpi.id,
                        Severity.WARNING,
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
        values = [lv.value for lv in kpi_round.levels]
        if any(v is None for v in values) or len(values) < 2:
            return
        pairs = list(zip(kpi_round.levels, kpi_round.levels[1:], strict=False))
        for low, high in pairs:
            assert low.value is not None and high.value is not None
            wrong = (
                high.value < low.value if direction is Direction.HIGHER else high.value > low.value
            )
            if wrong:
                higher = direction is Direction.HIGHER
                word, word_th = ("higher", "สูง") if higher else ("lower", "ต่ำ")
                self.add(
                    f"levels out of order for a {word}-is-better KPI: level {low.score} is "
                    f"{low.value} but level {high.score} is {high.value}",
                    f"ค่าเป้าหมายเรียงลำดับไม่ถูกต้องสำหรับตัวชี้วัดที่ค่ายิ่ง{word_th}ยิ่งดี: "
                    f"ระดับ {low.score} เป็น {low.value} แต่ระดับ {high.score} เป็น {high.value}",
                    (*path, "levels"),
                    spec.id,
                )
