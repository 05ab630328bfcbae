"""Recomputing a baseline table's derived columns (ratios, growth rates) and summaries."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from thaikpi.engine.findings import thai_of
from thaikpi.engine.formula import FormulaError, compile_formula, evaluate, growth, rename
from thaikpi.engine.model import Baseline, Column, Direction
from thaikpi.engine.numbers import CONTEXT, Rounding, apply, intermediate


@dataclass(frozen=True, slots=True)
class Cell:
    """A recomputed baseline figure: exact value, or why it could not be recomputed."""

    year: int
    column: str
    value: Decimal | None
    formula: str
    missing: str = ""
    missing_th: str = ""  # the same reason in Thai
    formula_th: str = ""  # the formula with the columns' Thai names (set for every derived cell)


def column_rounding(column: Column, table: Rounding) -> Rounding:
    """The table's rounding, with the column's own number of places when it states one."""
    if column.places is None:
        return table
    return Rounding(column.places, table.mode, table.intermediate)


def recompute(baseline: Baseline, rounding: Rounding) -> dict[tuple[int, str], Cell]:
    """Recompute every derived cell from raw inputs, rounding intermediates per ``rounding``.

    A derived value feeds later figures exact, or rounded when ``rounding.intermediate``.
    Raw inputs are taken as stated.
    """
    cells: dict[tuple[int, str], Cell] = {}
    feeds: dict[tuple[int, str], Decimal | None] = {}  # what later figures are computed from
    previous_year: int | None = None
    thai = {c.id: c.name.th for c in baseline.columns if c.name.th}
    for row in baseline.rows:
        for column in baseline.columns:
            key = (row.year, column.id)
            if not column.is_derived:
                feeds[key] = row.values.get(column.id)
                continue
            cell = _derive(column, row.year, previous_year, feeds, thai)
            cells[key] = cell
            places = column_rounding(column, rounding)
            feeds[key] = None if cell.value is None else intermediate(cell.value, places)
        previous_year = row.year
    return cells


def _derive(
    column: Column,
    year: int,
    previous_year: int | None,
    feeds: dict[tuple[int, str], Decimal | None],
    thai: dict[str, str],
) -> Cell:
    if column.growth_of:
        source = column.growth_of
        before_year = previous_year or year - 1
        text = f"({source}[{year}] − {source}[{before_year}]) / {source}[{before_year}] × 100"
        name = thai.get(source, source)
        text_th = f"{name}: (ปี {year} − ปี {before_year}) / ปี {before_year} × 100"
        current = feeds.get((year, source))
        before = feeds.get((previous_year, source)) if previous_year else None
        if current is None or before is None:
            return Cell(
                year,
                column.id,
                None,
                text,
                f"no {source} for {before_year}",
                f"ไม่มีค่า{name} ของปี {before_year}",
                text_th,
            )
        try:
            return Cell(year, column.id, growth(current, before), text, formula_th=text_th)
        except FormulaError as exc:
            return Cell(year, column.id, None, text, str(exc), thai_of(exc), text_th)
    assert column.formula is not None
    text_th = rename(column.formula, thai)
    try:
        formula = compile_formula(column.formula)
    except FormulaError as exc:
        return Cell(year, column.id, None, column.formula, str(exc), thai_of(exc), text_th)
    inputs = {name: feeds.get((year, name)) for name in formula.names}
    absent = sorted(name for name, value in inputs.items() if value is None)
    if absent:
        missing_th = ", ".join(thai.get(name, name) for name in absent)
        return Cell(
            year,
            column.id,
            None,
            column.formula,
            f"no {', '.join(absent)}",
            f"ไม่มีค่า{missing_th}",
            text_th,
        )
    try:
        exact = {name: value for name, value in inputs.items() if value is not None}
        return Cell(year, column.id, evaluate(formula, exact), column.formula, formula_th=text_th)
    except FormulaError as exc:
        return Cell(year, column.id, None, column.formula, str(exc), thai_of(exc), text_th)


def series(
    baseline: Baseline, column_id: str, first: int, last: int, rounding: Rounding
) -> list[tuple[int, Decimal]]:
    """(year, value) of a column over first..last as rules use it.

    Raw columns are taken as stated. Derived columns are recomputed from raw inputs, exact
    or rounded per ``rounding.intermediate``; a derived value that cannot be recomputed falls
    back to the stated figure.
    """
    column = baseline.column(column_id)
    cells = recompute(baseline, rounding) if column and column.is_derived else {}
    values: list[tuple[int, Decimal]] = []
    for row in baseline.rows:
        if not first <= row.year <= last:
            continue
        cell = cells.get((row.year, column_id))
        if cell is not None and cell.value is not None:
            assert column is not None
            places = column_rounding(column, rounding)
            values.append((row.year, intermediate(cell.value, places)))
        elif (stated := row.values.get(column_id)) is not None:
            values.append((row.year, stated))
    return values


def stat(values: list[Decimal], name: str, direction: Direction) -> Decimal:
    """mean, best (by direction), worst, or latest of ``values``."""
    if not values:
        raise ValueError("no values")
    if name == "mean":
        return CONTEXT.divide(sum(values, Decimal(0)), Decimal(len(values)))
    higher = direction is Direction.HIGHER
    if name == "best":
        return max(values) if higher else min(values)
    if name == "worst":
        return min(values) if higher else max(values)
    if name == "latest":
        return values[-1]
    raise ValueError(f"unknown statistic {name}")


def summarize(
    baseline: Baseline,
    column_id: str,
    years: tuple[int, int],
    name: str,
    direction: Direction,
    rounding: Rounding,
) -> tuple[Decimal | None, list[tuple[int, Decimal]]]:
    """A statistic of a column over ``years`` and the (year, value) pairs it used."""
    pairs = series(baseline, column_id, years[0], years[1], rounding)
    if len(pairs) != years[1] - years[0] + 1:
        return None, pairs
    column = baseline.column(column_id)
    places = column_rounding(column, rounding) if column else rounding
    return intermediate(stat([v for _, v in pairs], name, direction), places), pairs


def rounded(value: Decimal | None, rounding: Rounding) -> Decimal | None:
    """``value`` rounded per policy, or None."""
    return None if value is None else apply(value, rounding)
