"""Scorecard workflows without a database: load, score a results file, what-if, audit.

The CLI and the reports call these directly; the web app calls them with data from its
models. Nothing here calculates: it reads, calls the engine, and shapes the answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

from thaikpi.engine import audit as engine_audit
from thaikpi.engine import yamlio
from thaikpi.engine.draft import Proposal, propose
from thaikpi.engine.findings import EngineError, Finding
from thaikpi.engine.loader import check_text, is_template_name, load, read_file, template_text
from thaikpi.engine.model import Scorecard
from thaikpi.engine.results import Result, number, parse_results, read_results, rounds_listed
from thaikpi.engine.scoring import RoundScore, score_round
from thaikpi.engine.whatif import TotalNeed, need_for_total


def load_scorecard(name_or_path: str, parameters: Mapping[str, Decimal] | None = None) -> Scorecard:
    """A shipped template by name, or a template file (YAML or .xlsx workbook) by path."""
    if _is_workbook(name_or_path):
        from thaikpi.reports import template_workbook_read

        return template_workbook_read.load_path(name_or_path, parameters)
    return load(name_or_path, parameters)


def validate(name_or_path: str) -> tuple[Scorecard | None, list[Finding]]:
    """Every finding of a template (errors and warnings), and the scorecard if it loads."""
    if is_template_name(name_or_path):
        return check_text(template_text(name_or_path), name_or_path + ".yaml")
    if not Path(name_or_path).exists() and not Path(name_or_path).suffix:
        load(name_or_path)  # raises the "no shipped template named …" error
    if _is_workbook(name_or_path):
        from thaikpi.reports import template_workbook_read

        return template_workbook_read.check_path(name_or_path)
    return check_text(read_file(name_or_path), str(name_or_path))


def _is_workbook(name_or_path: str) -> bool:
    """A template workbook (.xlsx) rather than a shipped name or a YAML file."""
    if is_template_name(name_or_path):
        return False
    from thaikpi.reports.template_workbook_read import is_workbook

    return is_workbook(name_or_path)


def template_source(name_or_path: str) -> str:
    """A template's text (YAML): shipped, from a file, or from a valid template workbook."""
    if is_template_name(name_or_path):
        return template_text(name_or_path)
    if _is_workbook(name_or_path):
        from thaikpi.reports import template_workbook_read

        return template_workbook_read.text_of_path(name_or_path)
    if not Path(name_or_path).exists() and not Path(name_or_path).suffix:
        load(name_or_path)  # raises the "no shipped template named …" error
    return read_file(name_or_path)


def template_workbook(name_or_path: str) -> bytes:
    """A template (even an unfinished draft, as long as it reads) as a workbook to fill in."""
    from thaikpi.reports.template_workbook import template_workbook as write

    text = template_source(name_or_path)
    try:
        yamlio.parse(text)
    except yamlio.YamlProblem as exc:
        raise EngineError.single(
            exc.message, exc.message_th, file=name_or_path, line=exc.line
        ) from exc
    return write(text)


def parse_parameters(pairs: list[str]) -> dict[str, Decimal]:
    """``name=value`` pairs (from the command line) as parameter overrides."""
    overrides: dict[str, Decimal] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        try:
            overrides[name.strip()] = number(value, f"parameter {name.strip()}")
        except ValueError as exc:
            raise EngineError.single(
                str(exc) if sep else f"expected name=value, got {pair!r}"
            ) from exc
    return overrides


def read_results_file(scorecard: Scorecard, path: str | Path) -> tuple[int, dict[str, Result]]:
    """The round and the checked results of a results file (YAML or JSON)."""
    parsed = parse_results(read_file(path), str(path), scorecard.round_numbers)
    return parsed.round, read_results(scorecard, parsed)


def score_file(scorecard: Scorecard, path: str | Path) -> RoundScore:
    """Score a results file against a scorecard."""
    round_no, results = read_results_file(scorecard, path)
    return score_round(scorecard, round_no, results)


def need_file(scorecard: Scorecard, path: str | Path, total: Decimal) -> TotalNeed:
    """What the KPIs without results in a results file need for a target total."""
    round_no, results = read_results_file(scorecard, path)
    return need_for_total(scorecard, round_no, results, total)


def audit(scorecard: Scorecard) -> engine_audit.AuditReport:
    """The audit of a scorecard's stated figures."""
    return engine_audit.audit(scorecard)


def score(scorecard: Scorecard, round_no: int, results: Mapping[str, Result]) -> RoundScore:
    """Score checked results (from any source) against a scorecard."""
    if round_no not in scorecard.round_numbers:
        raise EngineError.of(
            "results.round", got=round_no, rounds=rounds_listed(scorecard.round_numbers)
        )
    return score_round(scorecard, round_no, results)


def read_new_baseline(path: str | Path) -> dict[str, list[dict[str, Decimal | None]]]:
    """A file of next year's baseline rows per KPI: ``baseline: {"2": [{year: 2567, ...}]}``."""
    file = str(path)
    try:
        data, lines = yamlio.parse(read_file(path))
    except yamlio.YamlProblem as exc:
        raise EngineError.single(exc.message, file=file, line=exc.line) from exc
    rows = data.get("baseline") if isinstance(data, dict) else None
    if not isinstance(rows, dict):
        raise EngineError.single("expected baseline: {KPI id: [rows]}", file=file, line=1)
    parsed: dict[str, list[dict[str, Decimal | None]]] = {}
    for kpi_id, kpi_rows in rows.items():
        line = lines.get(("baseline", kpi_id))
        if not isinstance(kpi_rows, list) or not all(isinstance(r, dict) for r in kpi_rows):
            raise EngineError.single("expected a list of rows", file=file, line=line, kpi=kpi_id)
        try:
            parsed[str(kpi_id)] = [
                {str(k): None if v is None else number(v, str(k)) for k, v in row.items()}
                for row in kpi_rows
            ]
        except ValueError as exc:
            raise EngineError.single(str(exc), file=file, line=line, kpi=str(kpi_id)) from exc
    return parsed


def draft(scorecard: Scorecard, path: str | Path) -> list[Proposal]:
    """Next year's levels by the template's own rules over the extended baseline."""
    rows = read_new_baseline(path)
    problems = list(check_new_baseline(scorecard, rows, str(path)))
    if problems:
        raise EngineError(problems)
    return propose(scorecard, rows)


def check_new_baseline(
    scorecard: Scorecard, rows: dict[str, list[dict[str, Decimal | None]]], file: str
) -> list[Finding]:
    """Problems with next year's baseline rows: unknown KPIs, columns, years; bad inputs."""
    problems: list[Finding] = []

    def problem(message: str, kpi: str) -> None:
        problems.append(Finding(message, file=file, kpi=kpi))

    for kpi_id, kpi_rows in rows.items():
        kpi = scorecard.kpi(kpi_id)
        if kpi is None or kpi.baseline is None:
            problem(
                "unknown KPI, or a KPI without a baseline table"
                if kpi is None
                else "this KPI has no baseline table to extend",
                kpi_id,
            )
            continue
        columns = {c.id for c in kpi.baseline.columns if not c.is_derived}
        known_years = {r.year for r in kpi.baseline.rows}
        for row in kpi_rows:
            year = row.get("year")
            if year is None or year != year.to_integral_value():
                problem(f"each row needs a whole-number year, got {year}", kpi_id)
                continue
            if int(year) in known_years:
                problem(f"the baseline already has {int(year)}", kpi_id)
            for column in sorted(set(row) - columns - {"year"}):
                problem(
                    f"unknown raw column {column!r} (raw columns: {', '.join(sorted(columns))})",
                    kpi_id,
                )
            for name, value in row.items():
                definition = kpi.input(name)
                if definition and definition.positive and value is not None and value <= 0:
                    problem(f"{name} must be more than 0, got {value}", kpi_id)
    return problems
