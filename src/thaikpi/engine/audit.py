"""Audit: recompute every derived figure of a template and compare it with the stated one.

Baseline ratios and growth rates, multi-year summaries and rule-derived levels are
recomputed from raw inputs under the template's rounding policy. Tables are often built
with another rounding habit (truncating, or rounding each shown figure before using it);
where another habit explains a KPI's figures better than the declared one, the audit says
so and compares under that habit instead of flagging every figure.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from thaikpi.engine.baseline import column_rounding, recompute, summarize
from thaikpi.engine.findings import in_language, is_thai, nfc
from thaikpi.engine.formatting import figure
from thaikpi.engine.messages import render, worded
from thaikpi.engine.model import Kpi, Scorecard
from thaikpi.engine.numbers import Rounding, RoundingMode, apply
from thaikpi.engine.rules import STAT_TH, RuleContext, derive


@dataclass(frozen=True, slots=True)
class AuditFinding:
    """One stated figure next to its recomputation; ``note`` (and ``note_th``) say why not."""

    kpi: str
    figure: str
    stated: Decimal | None
    recomputed: Decimal | None
    formula: str
    match: bool | None  # None: cannot be recomputed (see note)
    rounding: str = ""
    note: str = ""
    line: int | None = None
    note_th: str = ""  # the note in Thai
    formula_th: str = ""  # the formula with Thai names, for Thai pages ("" when the same)

    def __post_init__(self) -> None:
        object.__setattr__(self, "note_th", nfc(self.note_th))
        object.__setattr__(self, "formula_th", nfc(self.formula_th))

    def formula_in(self, language: str) -> str:
        """The formula in ``language``: Thai names on Thai pages when there are some."""
        return self.formula_th if is_thai(language) and self.formula_th else self.formula

    @property
    def message(self) -> str:
        """The note, under the name an engine :class:`~thaikpi.engine.findings.Finding` uses."""
        return self.note

    @property
    def message_th(self) -> str:
        """The note in Thai."""
        return self.note_th

    def text(self, language: str) -> str:
        """The note in ``language`` ('th…' for Thai when there is one, else English)."""
        return in_language(language, self.note, self.note_th)

    def as_dict(self) -> dict[str, object]:
        """JSON-ready, with numbers as strings so no digit is lost."""
        return {
            "kpi": self.kpi,
            "figure": self.figure,
            "stated": None if self.stated is None else str(self.stated),
            "recomputed": None if self.recomputed is None else str(self.recomputed),
            "formula": self.formula,
            "match": self.match,
            "rounding": self.rounding,
            "note": self.note,
            "note_th": self.note_th,
            "formula_th": self.formula_th,
            "line": self.line,
        }


@dataclass(frozen=True, slots=True)
class HabitFit:
    """How well one rounding habit explains a KPI's stated figures."""

    kpi: str
    declared: Rounding
    best: Rounding
    declared_matches: int
    best_matches: int
    checked: int

    @property
    def differs(self) -> bool:
        """True when another habit explains the figures better than the declared one."""
        return self.best != self.declared

    def describe(self, language: str = "en") -> str:
        """A sentence for people, in English or (``language`` 'th…') in Thai."""
        params = {
            "kpi_id": self.kpi,
            "declared": self.declared.describe(language),
            "best": self.best.describe(language),
            "declared_matches": self.declared_matches,
            "best_matches": self.best_matches,
            "checked": self.checked,
        }
        code = "audit.habit_differs" if self.differs else "audit.habit_matches"
        return render(code, params, thai=is_thai(language))

    @property
    def message(self) -> str:
        """The sentence in English, as an engine finding names it."""
        return self.describe()

    @property
    def message_th(self) -> str:
        """The sentence in Thai."""
        return nfc(self.describe("th"))

    def text(self, language: str) -> str:
        """The sentence in ``language``."""
        return self.describe(language)


@dataclass(frozen=True, slots=True)
class AuditReport:
    """All findings of an audit, mismatches first, and the rounding habit of each KPI."""

    scorecard_id: str
    findings: tuple[AuditFinding, ...]
    habits: tuple[HabitFit, ...]

    @property
    def mismatches(self) -> tuple[AuditFinding, ...]:
        """Findings whose stated figure differs from the recomputation."""
        return tuple(f for f in self.findings if f.match is False)

    def for_kpi(self, kpi_id: str) -> tuple[AuditFinding, ...]:
        """The findings of one KPI."""
        return tuple(f for f in self.findings if f.kpi == kpi_id)


def habits_for(declared: Rounding) -> list[Rounding]:
    """The declared habit first, then the other three mode × intermediate combinations."""
    others = [
        Rounding(declared.places, mode, inter)
        for mode in (RoundingMode.HALF_UP, RoundingMode.TRUNCATE)
        for inter in (False, True)
    ]
    return [declared] + [h for h in others if h != declared]


def audit(scorecard: Scorecard) -> AuditReport:
    """Recompute every derived figure of ``scorecard``; mismatches come first."""
    findings: list[AuditFinding] = []
    habits: list[HabitFit] = []
    for kpi in scorecard.kpis:
        kpi_findings, fit = _audit_kpi(kpi, scorecard)
        findings.extend(kpi_findings)
        if fit is not None:
            habits.append(fit)
    order = {False: 0, None: 1, True: 2}
    findings.sort(key=lambda f: order[f.match])
    return AuditReport(scorecard.id, tuple(findings), tuple(habits))


def _audit_kpi(kpi: Kpi, scorecard: Scorecard) -> tuple[list[AuditFinding], HabitFit | None]:
    declared = kpi.baseline.rounding if kpi.baseline else kpi.rounding
    tried = [(habit, list(_figures(kpi, scorecard, habit))) for habit in habits_for(declared)]
    checked = sum(1 for f in tried[0][1] if f.match is not None)
    if checked == 0:
        return tried[0][1], None
    counts = [sum(1 for f in found if f.match) for _, found in tried]
    best_index = max(range(len(tried)), key=lambda i: (counts[i], i == 0))
    best_habit, best_findings = tried[best_index]
    fit = HabitFit(kpi.id, declared, best_habit, counts[0], counts[best_index], checked)
    return best_findings, fit


def _figures(kpi: Kpi, scorecard: Scorecard, habit: Rounding) -> Iterator[AuditFinding]:
    yield from _baseline_figures(kpi, habit)
    yield from _summary_figures(kpi, habit)
    yield from _level_figures(kpi, scorecard, habit)


def _compare(stated: Decimal | None, recomputed: Decimal | None) -> bool | None:
    if stated is None or recomputed is None:
        return None
    return stated == recomputed


def _baseline_figures(kpi: Kpi, habit: Rounding) -> Iterator[AuditFinding]:
    if kpi.baseline is None:
        return
    cells = recompute(kpi.baseline, habit)
    for row in kpi.baseline.rows:
        for column in kpi.baseline.columns:
            stated = row.values.get(column.id)
            cell = cells.get((row.year, column.id))
            if cell is None or stated is None:
                continue
            places = column_rounding(column, habit)
            shown = None if cell.value is None else apply(cell.value, places)
            yield AuditFinding(
                kpi.id,
                f"baseline {row.year} {column.id}",
                stated,
                shown,
                cell.formula,
                _compare(stated, shown),
                places.describe(),
                cell.missing,
                row.line,
                cell.missing_th,
                cell.formula_th,
            )


def _summary_figures(kpi: Kpi, habit: Rounding) -> Iterator[AuditFinding]:
    if kpi.baseline is None:
        return
    for summary in kpi.baseline.summaries:
        value, pairs = summarize(
            kpi.baseline, summary.column, summary.years, summary.stat, kpi.direction, habit
        )
        column = kpi.baseline.column(summary.column)
        places = column_rounding(column, habit) if column else habit
        shown = None if value is None else apply(value, places)
        shown_places = places if places.intermediate else replace(places, places=places.places + 2)
        used = ", ".join(f"{apply(v, shown_places):,}" for _, v in pairs)
        formula = f"{summary.stat}({summary.column} {summary.years[0]}–{summary.years[1]}: {used})"
        column_th = column.name.th if column and column.name.th else summary.column
        stat_th = STAT_TH.get(summary.stat, summary.stat)
        formula_th = f"{stat_th}ของ{column_th} ปี {summary.years[0]}–{summary.years[1]}: {used}"
        note, note_th = ("", "") if value is not None else worded("audit.years_missing")
        yield AuditFinding(
            kpi.id,
            f"{summary.stat} {summary.column} {summary.years[0]}–{summary.years[1]}",
            summary.stated,
            shown,
            formula,
            _compare(summary.stated, shown),
            places.describe(),
            note,
            summary.line,
            note_th,
            formula_th,
        )


def _level_figures(kpi: Kpi, scorecard: Scorecard, habit: Rounding) -> Iterator[AuditFinding]:
    parameters = {p.id: p.value for p in scorecard.parameters}

    def level_value(round_no: int, score: int) -> Decimal | None:
        kpi_round = kpi.round(round_no)
        if kpi_round is None:
            return None
        return next((lv.value for lv in kpi_round.levels if lv.score == score), None)

    places = replace(habit, places=kpi.rounding.places)
    names_th = {p.id: p.name.th for p in scorecard.parameters if p.name.th}
    ctx = RuleContext(kpi.direction, places, kpi.baseline, parameters, level_value, names_th)
    for number, kpi_round in kpi.rounds.items():
        for level in kpi_round.levels:
            if level.rule is None:
                continue
            derivation = derive(level.rule, ctx)
            shown = None if derivation.value is None else apply(derivation.value, places)
            note, note_th = derivation.open_reason or "", derivation.open_reason_th
            if not note and level.stated is None:
                note, note_th = worded("audit.no_stated_figure")
            yield AuditFinding(
                kpi.id,
                f"round {number} level {figure(level.score, 0)}",
                level.stated,
                shown,
                derivation.provenance,
                _compare(level.stated, shown),
                places.describe(),
                note,
                level.line,
                note_th,
                derivation.provenance_th,
            )
