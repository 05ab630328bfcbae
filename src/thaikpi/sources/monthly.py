"""Monthly series sheets (CSV or Excel) read into series by name, without Django.

The layout: a header row whose first column is the month ("เดือน" / "month") and whose other
columns each name a series (a KPI input id such as ``export_value``, or its Thai name, which
the caller maps); then one row per month, labelled as Thai sheets write months ("ต.ค. 66",
"ตุลาคม 2566", "10/2566"; see :func:`thaikpi.engine.series.parse_month`). Several fiscal
years may follow each other: earlier years teach the forecast the year's shape. An empty cell
is a month not reported; a bad cell is refused by row and column.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from itertools import product
from typing import Final

from thaikpi.engine import model as m
from thaikpi.engine import series as es
from thaikpi.engine.findings import EngineError, Problem, is_thai
from thaikpi.engine.numbers import Rounding, RoundingMode, apply, parse_number
from thaikpi.engine.results import read_result
from thaikpi.engine.series import Month, parse_month
from thaikpi.sources.surveys import CellProblem, SurveyError, column_letter, table_of

MONTH_HEADERS: Final = frozenset({"month", "เดือน", "เดือน/ปี", "เดือนปี", "period", "งวด"})
MAX_ROWS: Final = 1200  # a century of months
_TIME = re.compile(r"\s+00:00:00$")  # an Excel date cell, read as text


@dataclass(frozen=True, slots=True)
class MonthlySheet:
    """Series name (as headed) → month → value, and every refused cell."""

    file: str
    series: dict[str, dict[Month, Decimal]]
    problems: tuple[CellProblem, ...]


def read_monthly(data: bytes, file_name: str = "") -> MonthlySheet:
    """Read a monthly sheet; SurveyError when it has no usable header at all."""
    table = table_of(data, file_name)
    header_at = next((i for i, row in enumerate(table) if any(row)), None)
    if header_at is None:
        raise SurveyError([CellProblem("the sheet is empty", "ไม่มีข้อมูลในชีต", file_name)])
    if len(table) - header_at > MAX_ROWS:
        raise SurveyError(
            [CellProblem(f"more than {MAX_ROWS} rows", f"มีเกิน {MAX_ROWS} แถว", file_name)]
        )
    header = [unicodedata.normalize("NFC", h).strip() for h in table[header_at]]
    names = [h for h in header[1:] if h]
    if not header or header[0].casefold() not in MONTH_HEADERS or not names:
        raise SurveyError(
            [
                CellProblem(
                    "the first column must be headed 'month' (เดือน) and the others name "
                    "the series, e.g. export_value",
                    "คอลัมน์แรกต้องมีหัวตาราง 'เดือน' (month) และคอลัมน์ถัดไปเป็นชื่อชุดข้อมูล เช่น export_value",
                    file_name,
                    header_at + 1,
                )
            ]
        )
    series: dict[str, dict[Month, Decimal]] = {name: {} for name in names}
    problems: list[CellProblem] = []
    seen: dict[Month, int] = {}
    for index in range(header_at + 1, len(table)):
        cells, line = table[index], index + 1
        if not any(cells):
            continue
        try:
            month = parse_month(_TIME.sub("", cells[0]))
        except Problem as exc:
            where = f"A ({header[0]})"
            problems.append(CellProblem(str(exc), exc.message_th, file_name, line, where))
            continue
        if month in seen:
            problems.append(
                CellProblem(
                    f"{month.label('en')} is also on row {seen[month]}",
                    f"{month.label('th')} มีอยู่แล้วที่แถว {seen[month]}",
                    file_name,
                    line,
                    f"A ({header[0]})",
                )
            )
            continue
        seen[month] = line
        for column in range(1, len(header)):
            text = cells[column].replace(",", "").strip() if column < len(cells) else ""
            if not header[column] or not text:
                continue
            try:
                series[header[column]][month] = parse_number(text)
            except Problem as exc:
                where = f"{column_letter(column)} ({header[column]})"
                problems.append(CellProblem(str(exc), exc.message_th, file_name, line, where))
    return MonthlySheet(file_name, series, tuple(problems))


def input_of(kpi: m.Kpi, heading: str) -> str | None:
    """The KPI input a column heading names: its id, Thai or English name (loosely)."""
    key = " ".join(heading.split()).casefold()
    for definition in kpi.inputs:
        names = (definition.id, definition.name.th, definition.name.en)
        if key in {" ".join(n.split()).casefold() for n in names if n}:
            return definition.id
    return None


def previous_of(kpi: m.Kpi, series: Mapping[str, es.Series]) -> list[str]:
    """Series whose previous year's sum is an input of its own (export_value_previous)."""
    return [name for name in series if kpi.input(f"{name}_previous") is not None]


# A foreseen input (an exact quotient) is taken to the places MonthlyValue keeps before the
# KPI's formula reads it: the engine refuses figures of more than 10 places as typos.
FORESEEN = Rounding(6, RoundingMode.HALF_UP)


def value_of(kpi: m.Kpi, inputs: Mapping[str, Decimal]) -> Decimal:
    """The KPI's value from its inputs, by its own formula (round 2's reading)."""
    return read_result(kpi, 2, {k: apply(v, FORESEEN) for k, v in inputs.items()}).actual


@dataclass(frozen=True)
class Outlook:
    """Where a KPI's year is heading: its value so far and foreseen, the band, the risk."""

    through: int
    to_date: Decimal | None
    round_1: Decimal | None
    foreseen: Decimal | None
    low: Decimal | None
    high: Decimal | None
    level_75: Decimal | None
    at_risk: bool
    explanations: tuple[str, ...]
    why_not: str = ""  # why there is no forecast, in the reader's language


def outlook_of(
    kpi: m.Kpi, series: Mapping[str, es.Series], year: int, language: str = "th"
) -> Outlook:
    """Where the KPI's fiscal year ``year`` is heading from its inputs' monthly series."""
    through = min(es.months_reported(s, year) for s in series.values())
    previous = previous_of(kpi, series)
    level = _level_75(kpi)
    try:
        to_date = value_of(kpi, es.inputs_to_date(series, year, through, previous))
        round_1 = (
            value_of(kpi, es.inputs_to_date(series, year, 6, previous)) if through >= 6 else None
        )
        made = {name: es.forecast(s, year, through) for name, s in series.items()}
        last = {f"{n}_previous": es.year_to_date(series[n], year - 1, 12) for n in previous}
    except (Problem, EngineError) as exc:
        message = exc.message_th if isinstance(exc, Problem) and language == "th" else str(exc)
        return Outlook(through, None, None, None, None, None, level, False, (), message)
    corners = [
        value_of(kpi, {**last, **dict(zip(made, pick, strict=True))})
        for pick in product(*[(f.low, f.high) for f in made.values()])
    ]
    foreseen = value_of(kpi, {**last, **{n: f.value for n, f in made.items()}})
    higher = kpi.direction.value == "higher"
    risk = level is not None and es.at_risk(foreseen, level, higher)
    explained = tuple(f"{_named(kpi, n, language)}: {f.explain(language)}" for n, f in made.items())
    return Outlook(
        through, to_date, round_1, foreseen, min(corners), max(corners), level, risk, explained
    )


def _named(kpi: m.Kpi, input_id: str, language: str) -> str:
    """A series by its input's Thai name on Thai pages (no ids there); its id in English."""
    definition = kpi.input(input_id)
    return definition.name.th if definition is not None and is_thai(language) else input_id


def _level_75(kpi: m.Kpi) -> Decimal | None:
    """The year-end (round 2) 75 level's figure, if the KPI has one."""
    kpi_round = kpi.round(2)
    if kpi_round is None:
        return None
    return next((lv.value for lv in kpi_round.levels if lv.score == 75), None)
