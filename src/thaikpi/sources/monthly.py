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
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import product
from typing import Final

from thaikpi.engine import model as m
from thaikpi.engine import series as es
from thaikpi.engine.findings import EngineError, Problem, in_language, is_thai
from thaikpi.engine.numbers import Rounding, RoundingMode, apply, parse_number
from thaikpi.engine.results import read_result
from thaikpi.engine.scales import OPDC_3, Scale
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


def value_of(kpi: m.Kpi, inputs: Mapping[str, Decimal], round_no: int) -> Decimal:
    """The KPI's value from its inputs, by its own formula as round ``round_no`` reads it."""
    return read_result(kpi, round_no, {k: apply(v, FORESEEN) for k, v in inputs.items()}).actual


def year_end(sc: m.Scorecard) -> m.RoundInfo:
    """The scorecard's year-end round: its last (round 2 of two, 3 of three, the only one)."""
    return max(sc.rounds, key=lambda r: r.number)


def reading_round(sc: m.Scorecard, kpi: m.Kpi) -> int | None:
    """The round whose measure reads the KPI's year so far: the last round assessing it."""
    assessed = [r.number for r in sc.rounds if (kr := kpi.round(r.number)) and kr.assessed]
    return max(assessed, default=None)


def standard_level(sc: m.Scorecard, kpi: m.Kpi) -> Decimal | None:
    """The figure of the KPI's standard level (the scale's: 75, or 3 of five) in the
    year-end round, if the KPI is assessed there with a figure at that level."""
    kpi_round = kpi.round(year_end(sc).number)
    if kpi_round is None or not kpi_round.assessed:
        return None
    return next((lv.value for lv in kpi_round.levels if lv.score == sc.scale.standard), None)


def standard_name(scale: Scale) -> m.Text:
    """The scale's standard level by its name: 'เป้าหมายมาตรฐาน' (75), 'ระดับ 3' (of five)."""
    return m.Text(scale.level_name(scale.standard, "th"), scale.level_name(scale.standard, "en"))


@dataclass(frozen=True)
class RoundSoFar:
    """A round before the year end whose months are all in: its value from the months."""

    number: int
    months: int
    name: m.Text
    value: Decimal


@dataclass(frozen=True)
class Outlook:
    """Where a KPI's year is heading: its value so far and foreseen, the band, the risk.

    ``rounds``: the rounds before the year end the months cover, with their values;
    ``standard``: the year-end round's standard level figure, named by ``standard_name``
    (the scale's), which a foreseen value short of puts the KPI ``at_risk``.
    """

    through: int
    to_date: Decimal | None
    rounds: tuple[RoundSoFar, ...]
    foreseen: Decimal | None
    low: Decimal | None
    high: Decimal | None
    standard: Decimal | None
    at_risk: bool
    explanations: tuple[str, ...]
    why_not: str = ""  # why there is no forecast, in the reader's language
    year_end: int = 2  # the year-end round's number
    year_end_months: int = es.FISCAL_MONTHS
    standard_name: m.Text = field(default_factory=lambda: standard_name(OPDC_3))

    @property
    def round_1(self) -> Decimal | None:
        """Round 1's value when the months cover it and it is not the year end."""
        return next((r.value for r in self.rounds if r.number == 1), None)


def outlook_of(
    sc: m.Scorecard, kpi: m.Kpi, series: Mapping[str, es.Series], language: str = "th"
) -> Outlook:
    """Where the KPI's fiscal year is heading from its inputs' monthly series.

    The year ends with the scorecard's year-end round (its months; 12 on every OPDC
    calendar) and the forecast is compared with that round's standard level on the
    scorecard's scale (:func:`standard_level`).
    """
    year = sc.fiscal_year.year_be
    last = year_end(sc)
    until = last.months
    through = min(min(es.months_reported(s, year) for s in series.values()), until)
    previous = previous_of(kpi, series)
    level = standard_level(sc, kpi)
    reading = reading_round(sc, kpi)
    named = standard_name(sc.scale)
    try:
        if reading is None:
            raise EngineError.of(
                "result.not_assessed", kpi=kpi.id, kpi_id=kpi.id, round=last.number
            )
        to_date = value_of(kpi, es.inputs_to_date(series, year, through, previous), reading)
        so_far = tuple(
            RoundSoFar(r.number, r.months, r.name, value_of(
                kpi, es.inputs_to_date(series, year, r.months, previous), r.number))
            for r in sorted(sc.rounds, key=lambda r: r.number)
            if r.number != last.number and r.months <= through
            and (kr := kpi.round(r.number)) is not None and kr.assessed
        )  # fmt: skip
        made = {name: es.forecast(s, year, through, until=until) for name, s in series.items()}
        last_year = {f"{n}_previous": es.year_to_date(series[n], year - 1, until) for n in previous}
    except (Problem, EngineError) as exc:
        return Outlook(through, None, (), None, None, None, level, False, (), why(exc, language),
                       last.number, until, named)  # fmt: skip
    corners = [
        value_of(kpi, {**last_year, **dict(zip(made, pick, strict=True))}, reading)
        for pick in product(*[(f.low, f.high) for f in made.values()])
    ]
    foreseen = value_of(kpi, {**last_year, **{n: f.value for n, f in made.items()}}, reading)
    higher = kpi.direction.value == "higher"
    risk = level is not None and es.at_risk(foreseen, level, higher)
    explained = tuple(f"{_named(kpi, n, language)}: {f.explain(language)}" for n, f in made.items())
    return Outlook(through, to_date, so_far, foreseen, min(corners), max(corners), level, risk,
                   explained, "", last.number, until, named)  # fmt: skip


def why(exc: Problem | EngineError, language: str) -> str:
    """An engine problem's message in the reader's language (Thai where it has one)."""
    if isinstance(exc, Problem):
        return in_language(language, exc.message, exc.message_th)
    return "; ".join(f.text(language) for f in exc.findings)


def _named(kpi: m.Kpi, input_id: str, language: str) -> str:
    """A series by its input's Thai name on Thai pages (no ids there); its id in English."""
    definition = kpi.input(input_id)
    return definition.name.th if definition is not None and is_thai(language) else input_id
