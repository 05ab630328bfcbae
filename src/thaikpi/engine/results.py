"""Results: reading a results file, and turning one KPI's raw result into an actual value.

A result is a measured value, raw inputs that go through the KPI's formula, a judged level
reached, condition inputs, a count, or counted items (e.g. DGA pillars and their levels).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal

from thaikpi.engine import yamlio
from thaikpi.engine.bounds import far_beyond, input_name_th, outside_input, outside_value
from thaikpi.engine.findings import EngineError, Finding, Problem, in_language, nfc
from thaikpi.engine.formatting import figure
from thaikpi.engine.formula import FormulaError, compile_formula, evaluate, rename, substitute
from thaikpi.engine.messages import Both
from thaikpi.engine.model import InputDef, Kpi, KpiRound, MeasureKind, Scorecard, Text
from thaikpi.engine.numbers import (
    ZERO,
    apply,
    describe_value,
    parse_number,
)


@dataclass(frozen=True, slots=True)
class Result:
    """One KPI's result in a round, read and checked: the actual value and what it came from."""

    kpi_id: str
    actual: Decimal
    inputs: Mapping[str, Decimal] = field(default_factory=dict)
    items: Mapping[str, Decimal] = field(default_factory=dict)
    derivation: str = ""
    derivation_th: str = ""  # ``derivation`` in Thai: the same figures and ids, Thai words
    warnings: tuple[Finding, ...] = ()  # accepted, but worth a second look (see engine.bounds)

    def __post_init__(self) -> None:
        object.__setattr__(self, "derivation_th", nfc(self.derivation_th))

    def derivation_in(self, language: str) -> str:
        """How the actual was obtained, in ``language`` (Thai when there is one, else English)."""
        return in_language(language, self.derivation, self.derivation_th)


@dataclass(frozen=True, slots=True)
class ResultsFile:
    """A parsed results file: the round and each KPI's raw result with its line."""

    round: int
    raw: Mapping[str, object]
    lines: Mapping[str, int | None]
    file: str = ""


def number(value: object, what: str, what_th: str = "") -> Decimal:
    """A finite, plausible Decimal (see numbers.parse_number); a ValueError otherwise.

    ``what`` names the value in messages, ``what_th`` in Thai (``what`` when not given).
    """
    return parse_number(value, what, what_th or what)


def input_th(kpi: Kpi, input_id: str) -> str:
    """An input as Thai messages name it: its Thai name with the id in brackets.

    'งบประมาณ (budget)'; the id alone when the KPI does not define the input or names it
    by its id.
    """
    definition = kpi.input(input_id)
    name = definition.name.th.strip() if definition else ""
    return nfc(f"{name} ({input_id})") if name and name != input_id else input_id


def item_th(item: Text) -> str:
    """A counted item as Thai messages name it: its Thai name, the English in brackets if other."""
    th, en = item.th.strip(), item.en.strip()
    if not th:
        return en
    return nfc(f"{th} ({en})") if en and en.casefold() != th.casefold() else th


def inputs_shown(inputs: Mapping[str, Decimal]) -> str:
    """Inputs as a derivation shows them: 'quality_pct = 100, registered_pct = 95'."""
    return ", ".join(f"{k} = {v}" for k, v in inputs.items())


def inputs_shown_th(kpi: Kpi, inputs: Mapping[str, Decimal]) -> str:
    """:func:`inputs_shown` in Thai: 'คุณภาพ (quality_pct) = 100, ลงทะเบียน (registered_pct) = 95'."""
    return ", ".join(f"{input_th(kpi, k)} = {v}" for k, v in inputs.items())


def read_result(kpi: Kpi, round_no: int, raw: object) -> Result:
    """Check one raw result against the KPI's measure in ``round_no`` and compute the actual."""
    kpi_round = kpi.round(round_no)
    if kpi_round is None or not kpi_round.assessed:
        raise EngineError.of("result.not_assessed", kpi=kpi.id, kpi_id=kpi.id, round=round_no)
    try:
        result = _read(kpi, kpi_round, raw)
    except (ValueError, FormulaError) as exc:
        raise EngineError([Finding.of_problem(exc, kpi=kpi.id)]) from exc
    return _with_warnings(kpi, kpi_round, result)


def _with_warnings(kpi: Kpi, kpi_round: KpiRound, result: Result) -> Result:
    """The result with a warning when its value lies far beyond the round's 100 level."""
    if kpi_round.measure.kind not in (MeasureKind.NUMERIC, MeasureKind.COUNT):
        return result
    warning = far_beyond(kpi, kpi_round, result.actual)
    return result if warning is None else replace(result, warnings=(warning,))


def _read(kpi: Kpi, kpi_round: KpiRound, raw: object) -> Result:
    kind = kpi_round.measure.kind
    if kind is MeasureKind.JUDGED:
        level = number(raw, "the judged level reached", "ระดับที่ได้จากการพิจารณา")
        # The levels of the round are the scale's levels (checked when the template loads).
        reachable = (ZERO, *(lv.score for lv in kpi_round.levels))
        if level not in reachable:
            shown = [figure(score, 0) for score in reachable]
            en = f"{', '.join(shown[:-1])} or {shown[-1]}"
            th = f"{', '.join(shown[:-1])} หรือ {shown[-1]}"
            raise Problem(
                f"the judged level reached must be {en}, got {raw}",
                f"ระดับที่ได้จากการพิจารณาต้องเป็น {th} แต่พบ {raw}",
            )
        return Result(
            kpi.id,
            level,
            derivation=f"judged level {level}",
            derivation_th=f"ผลการพิจารณาระดับ {level}",
        )
    if kind is MeasureKind.CONDITIONS:
        inputs = _inputs(kpi, raw, required=True)
        return Result(
            kpi.id,
            Decimal(0),
            inputs,
            derivation=inputs_shown(inputs),
            derivation_th=inputs_shown_th(kpi, inputs),
        )
    if kind is MeasureKind.COUNT:
        return _count(kpi, kpi_round, raw)
    if isinstance(raw, dict):
        return _from_formula(kpi, raw)
    measured = number(raw, "the result", "ผลการดำเนินงาน")
    _check_bounds(kpi, measured, "the result", "ผลการดำเนินงาน")
    _check_range(kpi, measured)
    # Measured or computed, the actual is taken at the KPI's places, so that the same figure
    # scores the same however it was entered.
    actual = apply(measured, kpi.rounding)
    rounded = f" → {actual}" if actual != measured else ""
    return Result(
        kpi.id,
        actual,
        derivation=f"measured {measured}{rounded}",
        derivation_th=f"ค่าที่วัดได้ {measured}{rounded}",
    )


def _inputs(kpi: Kpi, raw: object, required: bool) -> dict[str, Decimal]:
    if not isinstance(raw, dict):
        names = ", ".join(i.id for i in kpi.inputs)
        names_th = ", ".join(input_th(kpi, i.id) for i in kpi.inputs)
        got, got_th = describe_value(raw)
        raise Problem(
            f"the result must give the inputs {names}, got {got}",
            f"ผลการดำเนินงานต้องระบุข้อมูลที่ใช้คำนวณ {names_th} แต่พบ {got_th}",
        )
    inputs: dict[str, Decimal] = {}
    for name, value in raw.items():
        definition = kpi.input(str(name))
        if definition is None:
            known = ", ".join(i.id for i in kpi.inputs)
            known_th = ", ".join(input_th(kpi, i.id) for i in kpi.inputs)
            raise Problem(
                f"unknown input {name!r} (inputs: {known or 'none'})",
                f"ไม่รู้จักข้อมูลที่ใช้คำนวณ {name!r} (ข้อมูลที่มี: {known_th or 'ไม่มี'})",
            )
        amount = _input_amount(kpi, definition, value)
        inputs[str(name)] = amount
    if required:
        missing = [i.id for i in kpi.inputs if i.id not in inputs]
        if missing:
            raise Problem(
                f"missing input(s): {', '.join(missing)}",
                f"ขาดข้อมูลที่ใช้คำนวณ: {', '.join(input_name_th(kpi, i) for i in missing)}",
            )
    return inputs


def _input_amount(kpi: Kpi, definition: InputDef, value: object) -> Decimal:
    """A raw input read as a number and checked against its declared bounds."""
    named = input_name_th(kpi, definition.id)
    amount = number(value, definition.id, named)
    problem = outside_input(definition, amount, named)
    if problem:
        raise problem
    return amount


def _check_bounds(kpi: Kpi, value: Decimal, what: str, what_th: str) -> None:
    """Refuse a value outside the KPI's declared ``value:`` bounds."""
    problem = outside_value(kpi, value, what, what_th)
    if problem:
        raise problem


def _from_formula(kpi: Kpi, raw: dict[object, object]) -> Result:
    if not kpi.formula:
        raise Problem(
            f"KPI {kpi.id} has no formula, so give its measured value",
            f"ตัวชี้วัด {kpi.id} ไม่มีสูตรคำนวณ จึงต้องระบุค่าที่วัดได้โดยตรง",
        )
    formula = compile_formula(kpi.formula)
    inputs = _inputs(kpi, raw, required=False)
    exact = evaluate(formula, inputs, {i.id: input_name_th(kpi, i.id) for i in kpi.inputs})
    if exact != 0 and exact.adjusted() >= 15:
        raise Problem(
            f"{kpi.formula} gives {exact:.6E}, which is not a plausible result",
            f"{kpi.formula} ได้ {exact:.6E} ซึ่งไม่น่าจะเป็นผลการดำเนินงานที่ถูกต้อง",
        )
    computed = f"{kpi.formula} (= {exact})"
    _check_bounds(kpi, exact, computed, f"ผลที่คำนวณจาก {computed}")
    actual = apply(exact, kpi.rounding)
    worked = f"{substitute(kpi.formula, inputs)} = {actual:,}"
    derivation = f"{kpi.formula} = {worked}"
    # In Thai the inputs go by their Thai names: 'มูลค่าการค้า / งบประมาณ = 98,000 / 310 = …'.
    thai = {i.id: i.name.th.strip() for i in kpi.inputs if i.name.th.strip()}
    derivation_th = f"{rename(kpi.formula, thai)} = {worked}"
    return Result(kpi.id, actual, inputs, derivation=derivation, derivation_th=derivation_th)


def _count(kpi: Kpi, kpi_round: KpiRound, raw: object) -> Result:
    measure = kpi_round.measure
    counted = kpi.input(measure.input) if measure.input else None
    if isinstance(raw, dict) and measure.input and set(raw) == {measure.input}:
        raw = raw[measure.input]
    if isinstance(raw, dict) and measure.items:
        if len(raw) != 1 or not isinstance(next(iter(raw.values())), dict):
            raise Problem(
                "give the count, or {name: {item: level, ...}} for the items",
                "ให้ระบุจำนวน หรือระบุ {name: {item: level, ...}} ของแต่ละรายการ",
            )
        levels = next(iter(raw.values()))
        assert isinstance(levels, dict)
        items = _item_levels(kpi_round, levels)
        threshold = measure.item_at_least or Decimal(0)
        count = Decimal(sum(1 for v in items.values() if v >= threshold))
        return Result(
            kpi.id,
            count,
            items=items,
            derivation=f"{count} of {len(items)} items at level {threshold} or above",
            derivation_th=f"{count} จาก {len(items)} รายการอยู่ในระดับ {threshold} ขึ้นไป",
        )
    count = number(raw, "the count", "จำนวน")
    if count < 0 or count != count.to_integral_value():
        raise Problem(
            f"the count must be a whole number of 0 or more, got {raw}",
            f"จำนวนต้องเป็นจำนวนเต็มตั้งแต่ 0 ขึ้นไป แต่พบ {raw}",
        )
    if measure.items and count > len(measure.items):
        raise Problem(
            f"the count cannot be more than {len(measure.items)} items",
            f"จำนวนต้องไม่เกิน {len(measure.items)} รายการ",
        )
    if counted is not None:  # the count is that input, given directly or by its name
        _input_amount(kpi, counted, count)
    _check_bounds(kpi, count, "the count", "จำนวน")
    return Result(kpi.id, count, derivation=f"counted {count}", derivation_th=f"นับได้ {count}")


def _item_levels(kpi_round: KpiRound, levels: dict[object, object]) -> dict[str, Decimal]:
    measure = kpi_round.measure
    # Items are known by their English or Thai name and kept by the English one.
    by_name = {t.en.casefold(): t for t in measure.items} | {
        t.th.casefold(): t for t in measure.items
    }
    items: dict[str, Decimal] = {}
    for name, value in levels.items():
        key = str(name).strip().casefold()
        item = by_name.get(key)
        if item is None:
            known = ", ".join(t.en or t.th for t in measure.items)
            known_th = ", ".join(item_th(t) for t in measure.items)
            raise Problem(
                f"unknown item {name!r} (items: {known})",
                f"ไม่รู้จักรายการ {name!r} (รายการที่มี: {known_th})",
            )
        kept, named = item.en or item.th, item_th(item)
        if kept in items:
            raise Problem(f"{name!r} is given twice", f"ระบุรายการ {named} ซ้ำ ({name!r})")
        level = number(value, f"the level of {name}", f"ระดับของ {named}")
        if level != level.to_integral_value():
            raise Problem(
                f"the level of {name} must be a whole number, got {value}",
                f"ระดับของ {named} ต้องเป็นจำนวนเต็ม แต่พบ {value}",
            )
        if measure.item_range and not measure.item_range[0] <= level <= measure.item_range[1]:
            low, high = measure.item_range
            raise Problem(
                f"the level of {name} must be {low} to {high}, got {level}",
                f"ระดับของ {named} ต้องอยู่ระหว่าง {low} ถึง {high} แต่พบ {level}",
            )
        items[kept] = level
    return items


def _check_range(kpi: Kpi, actual: Decimal) -> None:
    if kpi.unit.en.lower() in ("percent", "%") and not Decimal(-1000) <= actual <= Decimal(1000):
        raise Problem(
            f"a percentage of {actual} is not plausible",
            f"ค่าร้อยละ {actual} ไม่น่าเป็นไปได้",
        )


def rounds_listed(rounds: tuple[int, ...]) -> Both:
    """A scorecard's round numbers as a message lists them: '1 or 2' / '1 หรือ 2'."""
    shown = [str(n) for n in rounds]
    if len(shown) == 1:
        return Both(shown[0], shown[0])
    head = ", ".join(shown[:-1])
    return Both(f"{head} or {shown[-1]}", f"{head} หรือ {shown[-1]}")


def parse_results(text: str, file: str = "", rounds: tuple[int, ...] = (1, 2)) -> ResultsFile:
    """Parse a results file (YAML or JSON): ``round`` (one of ``rounds``) and its results."""
    try:
        data, lines = yamlio.parse(text)
    except yamlio.YamlProblem as exc:
        raise EngineError([Finding.of_problem(exc, file=file, line=exc.line)]) from exc
    if not isinstance(data, dict):
        raise EngineError.of("results.not_mapping", file=file, line=1)
    problems = []
    for key in sorted(set(data) - {"round", "results", "scorecard", "agency", "note"}):
        problems.append(
            Finding.of(
                "schema.unknown_field", file=file, line=lines.get((key,)), field=key, name=key
            )
        )
    round_no = data.get("round")
    if type(round_no) is not int or round_no not in rounds:
        got, got_th = describe_value(round_no)
        problems.append(
            Finding.of(
                "results.round",
                file=file,
                line=lines.get(("round",)),
                field="round",
                got=Both(got, got_th),
                rounds=rounds_listed(rounds),
            )
        )
    results = data.get("results")
    if not isinstance(results, dict):
        problems.append(
            Finding.of(
                "results.not_by_kpi", file=file, line=lines.get(("results",), 1), field="results"
            )
        )
    if problems:
        raise EngineError(problems)
    assert isinstance(results, dict) and isinstance(round_no, int)
    result_lines = {str(k): lines.get(("results", k)) for k in results}
    return ResultsFile(round_no, {str(k): v for k, v in results.items()}, result_lines, file)


def read_results(scorecard: Scorecard, results: ResultsFile) -> dict[str, Result]:
    """Check every raw result of a results file against the scorecard; all errors at once."""
    problems: list[Finding] = []
    read: dict[str, Result] = {}
    for kpi_id, raw in results.raw.items():
        line = results.lines.get(kpi_id)
        kpi = scorecard.kpi(kpi_id)
        if kpi is None:
            known = ", ".join(k.id for k in scorecard.kpis)
            problems.append(
                Finding.of(
                    "results.unknown_kpi",
                    file=results.file,
                    line=line,
                    kpi=kpi_id,
                    kpi_id=kpi_id,
                    known=known,
                )
            )
            continue
        if raw is None:
            continue  # an explicit "no result yet"
        try:
            read[kpi_id] = read_result(kpi, results.round, raw)
        except EngineError as exc:
            problems.extend(
                replace(f, file=results.file, line=line, kpi=kpi_id) for f in exc.findings
            )
    if problems:
        raise EngineError(problems)
    return read
