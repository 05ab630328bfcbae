"""Target rules: derive a level's figure from baselines and parameters, and say how.

Every derivation returns its exact value and a provenance line a person can check,
e.g. ``best of ratio 2564–2566 (45.33, 239.90, 324.20) = 324.20``. The same functions
serve drafting next year's template from this year's baseline.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal

from thaikpi.engine.baseline import summarize
from thaikpi.engine.messages import Both, worded
from thaikpi.engine.model import Baseline, Direction, Rule
from thaikpi.engine.numbers import CONTEXT, HUNDRED, Rounding, apply

STAT_TH = {"mean": "ค่าเฉลี่ย", "best": "ค่าที่ดีที่สุด", "worst": "ค่าที่ต่ำที่สุด", "latest": "ค่าล่าสุด"}


@dataclass(frozen=True, slots=True)
class Derivation:
    """A rule's result: the exact value (None when open) and its provenance."""

    value: Decimal | None
    provenance: str
    open_reason: str | None = None
    waits: bool = False  # open only because a figure the document leaves open is not set yet
    provenance_th: str = ""  # the same provenance in Thai
    open_reason_th: str = ""  # the open reason in Thai


@dataclass(frozen=True, slots=True)
class RuleContext:
    """What rules may read: the KPI's baseline and direction, parameters, other levels."""

    direction: Direction
    rounding: Rounding
    baseline: Baseline | None
    parameters: Mapping[str, Decimal | None]
    level: Callable[[int, int], Decimal | None]  # (round, score) -> resolved level value
    names_th: Mapping[str, str] = field(default_factory=dict)  # parameters' Thai names

    def parameter(self, parameter_id: str) -> Both:
        """A parameter for a message: its id in English, its Thai name (when it has one) in Thai."""
        return Both(parameter_id, self.names_th.get(parameter_id) or parameter_id)


def _show(value: Decimal, rounding: Rounding) -> str:
    """A figure as a rule uses it: at its places when intermediates are rounded, else 2 more."""
    if rounding.intermediate:
        return f"{apply(value, rounding):,}"
    return f"{apply(value, Rounding(rounding.places + 2, rounding.mode)):,}"


def _years(years: tuple[int, int]) -> str:
    return f"{years[0]}–{years[1]}"


Said = tuple[str, Mapping[str, object]]  # a code of the message catalogue and its parameters


def _open(provenance: Said, reason: Said | None = None, waits: bool = False) -> Derivation:
    """A rule that gives no figure: its provenance and open reason from the catalogue."""
    shown, why = worded(*provenance), worded(*(reason or provenance))
    return Derivation(None, shown[0], why[0], waits, shown[1], why[1])


def derive(rule: Rule, ctx: RuleContext) -> Derivation:
    """Apply ``rule`` in ``ctx`` and return the exact value with its provenance."""
    handler = _HANDLERS.get(rule.kind)
    if handler is None:
        return _open(("rule.unknown_kind", {"kind": rule.kind}))
    derivation = handler(rule.params, ctx)
    if derivation.value is None:
        return derivation
    final = f"{apply(derivation.value, ctx.rounding):,}"
    if derivation.provenance.endswith(f"= {final}"):
        return derivation
    return replace(
        derivation,
        provenance=f"{derivation.provenance} → {final}",
        provenance_th=f"{derivation.provenance_th} → {final}",
    )


STAT_EN = {"mean": "mean", "best": "best", "worst": "worst", "latest": "latest"}
PICK_EN = {"low": "lower", "mid": "(X+Y)/2", "high": "higher"}
PICK_TH = {"low": "ค่าที่ต่ำกว่า", "mid": "(X+Y)/2", "high": "ค่าที่สูงกว่า"}


def _column_th(ctx: RuleContext, column: str) -> str:
    found = ctx.baseline.column(column) if ctx.baseline else None
    return found.name.th if found else column


def _fixed(p: Mapping[str, object], ctx: RuleContext) -> Derivation:
    value = p["value"]
    assert isinstance(value, Decimal)
    return Derivation(value, f"fixed = {value}", provenance_th=f"ค่าคงที่ = {value}")


def _xy(p: Mapping[str, object], ctx: RuleContext) -> Derivation:
    x_id, y_id, pick = str(p["x"]), str(p["y"]), str(p["pick"])
    x, y = ctx.parameters.get(x_id), ctx.parameters.get(y_id)
    factor = p.get("factor")
    if x is None or y is None:
        missing = {"name": ctx.parameter(x_id if x is None else y_id)}
        return _open(("rule.needs_parameter", missing), ("rule.parameter_unset", missing), True)
    low, high = min(x, y), max(x, y)
    chosen = {"low": low, "mid": CONTEXT.divide(x + y, Decimal(2)), "high": high}[pick]
    relation = f"X={x} {'<' if x < y else '≥'} Y={y}"
    tail = f" = {chosen.normalize():f}"
    if isinstance(factor, Decimal):
        chosen = CONTEXT.multiply(chosen, factor)
        tail += f" × {factor} = {chosen.normalize():f}"
    return Derivation(
        chosen,
        f"{relation}: {PICK_EN[pick]}{tail}",
        provenance_th=f"{relation}: {PICK_TH[pick]}{tail}",
    )


def _incomplete(ctx: RuleContext, column: str, years: tuple[int, int]) -> Derivation:
    if ctx.baseline is None:
        return _open(("rule.no_baseline", {}), ("rule.no_baseline_table", {}))
    # The provenance names the column in Thai; the open reason keeps its id, as the file does.
    named = {"column": Both(column, _column_th(ctx, column)), "years": _years(years)}
    by_id = {"column": column, "years": _years(years)}
    return _open(("rule.baseline_incomplete", named), ("rule.baseline_incomplete", by_id))


def _baseline(p: Mapping[str, object], ctx: RuleContext) -> Derivation:
    column, name = str(p["column"]), str(p["stat"])
    years = p["years"]
    assert isinstance(years, tuple)
    if ctx.baseline is None:
        return _incomplete(ctx, column, years)
    value, pairs = summarize(ctx.baseline, column, years, name, ctx.direction, ctx.rounding)
    if value is None:
        return _incomplete(ctx, column, years)
    shown = ", ".join(_show(v, ctx.rounding) for _, v in pairs)
    result = f"({shown}) = {_show(value, ctx.rounding)}"
    return Derivation(
        value,
        f"{STAT_EN[name]} of {column} {_years(years)} {result}",
        provenance_th=f"{STAT_TH[name]}ของ{_column_th(ctx, column)} ปี {_years(years)} {result}",
    )


def _best_plus_interval(p: Mapping[str, object], ctx: RuleContext) -> Derivation:
    column = str(p["column"])
    years = p["years"]
    assert isinstance(years, tuple)
    if ctx.baseline is None:
        return _incomplete(ctx, column, years)
    best, _ = summarize(ctx.baseline, column, years, "best", ctx.direction, ctx.rounding)
    mean, _ = summarize(ctx.baseline, column, years, "mean", ctx.direction, ctx.rounding)
    if best is None or mean is None:
        return _incomplete(ctx, column, years)
    interval = best - mean
    value = best + interval
    r = ctx.rounding
    b, m, i, v = _show(best, r), _show(mean, r), _show(interval, r), _show(value, r)
    return Derivation(
        value,
        f"best {b} + interval ({b} − mean {m} = {i}) of {column} {_years(years)} = {v}",
        provenance_th=(
            f"ค่าที่ดีที่สุด {b} + ช่วงห่าง ({b} − ค่าเฉลี่ย {m} = {i}) ของ"
            f"{_column_th(ctx, column)} ปี {_years(years)} = {v}"
        ),
    )


def _percent_of_level(p: Mapping[str, object], ctx: RuleContext) -> Derivation:
    round_no, score, percent = p["round"], p["score"], p["percent"]
    assert isinstance(round_no, int) and isinstance(score, int) and isinstance(percent, Decimal)
    base = ctx.level(round_no, score)
    if base is None:
        # That level reports its own cause.
        return _open(("rule.level_unset", {"score": score, "round": round_no}), waits=True)
    value = CONTEXT.divide(CONTEXT.multiply(base, percent), HUNDRED)
    shown = _show(value, ctx.rounding)
    return Derivation(
        value,
        f"{percent}% of round-{round_no} level {score} ({base}) = {shown}",
        provenance_th=f"ร้อยละ {percent} ของเป้าหมายระดับ {score} รอบที่ {round_no} ({base}) = {shown}",
    )


def _percent_of_parameter(p: Mapping[str, object], ctx: RuleContext) -> Derivation:
    parameter, percent = str(p["parameter"]), p["percent"]
    assert isinstance(percent, Decimal)
    base = ctx.parameters.get(parameter)
    if base is None:
        name = ctx.parameter(parameter)
        said = ("rule.percent_open", {"percent": percent, "name": name})
        return _open(said, ("rule.parameter_unset_yet", {"name": name}), waits=True)
    value = CONTEXT.divide(CONTEXT.multiply(base, percent), HUNDRED)
    shown = _show(value, ctx.rounding)
    return Derivation(
        value,
        f"{percent}% of {parameter} ({base}) = {shown}",
        provenance_th=f"ร้อยละ {percent} ของ{ctx.parameter(parameter).th} ({base}) = {shown}",
    )


_HANDLERS: dict[str, Callable[[Mapping[str, object], RuleContext], Derivation]] = {
    "fixed": _fixed,
    "xy": _xy,
    "baseline": _baseline,
    "best_plus_interval": _best_plus_interval,
    "percent_of_level": _percent_of_level,
    "percent_of_parameter": _percent_of_parameter,
}

RULE_KINDS = frozenset(_HANDLERS)
