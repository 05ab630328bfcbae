"""``thaikpi``: validate, show, audit and score scorecards from the command line.

Every command takes a shipped template name (``ditp-2567``) or a template file path.
``--json`` output is stable (see docs/cli.md); errors go to stderr with file, line and KPI,
and the exit code is 1 for bad input, never a traceback.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from thaikpi.cli import catalog as catalog_cmd
from thaikpi.cli import import_text as import_text_cmd
from thaikpi.cli import report as report_cmd
from thaikpi.cli import series as series_cmd
from thaikpi.cli import surveys as surveys_cmd
from thaikpi.cli import workbook as workbook_cmd
from thaikpi.cli.exits import fail_findings, print_findings
from thaikpi.engine.findings import EngineError
from thaikpi.engine.formatting import MISSING, day_month_year, figure
from thaikpi.engine.model import Level, Scorecard
from thaikpi.engine.numbers import parse_number
from thaikpi.engine.scoring import RoundScore, Status
from thaikpi.engine.whatif import TotalNeed
from thaikpi.services import present
from thaikpi.services import scorecards as svc

app = typer.Typer(
    help="ThaiKPI: Thai government KPI scorecards (OPDC) — validate, audit, score.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    # Help texts are plain text: "{KPI id: [new year rows]}" must not lose its brackets to
    # Rich markup. Click's own help layout shows every text as written.
    rich_markup_mode=None,
)
# markup=False: template text and file contents are data, never Rich markup ("[/red]" in a
# KPI id must print as itself, not crash the console).
# soft_wrap=True: a message is one line however narrow the terminal, and unbroken when piped
# to a log or a script (Rich would otherwise wrap at 80 columns); tables still fit the width.
out = Console(soft_wrap=True, markup=False)
err = Console(stderr=True, soft_wrap=True, markup=False, highlight=False)

T = TypeVar("T")
Template = Annotated[
    str, typer.Argument(help="Shipped template name (e.g. ditp-2567) or file path")
]
AsJson = Annotated[bool, typer.Option("--json", help="Stable JSON output (see docs/cli.md)")]
Params = Annotated[
    list[str] | None,
    typer.Option("--param", "-p", help="Fill in a parameter the template leaves open: name=value"),
]


def _load(template: str, params: list[str] | None) -> Scorecard:
    return _run(lambda: svc.load_scorecard(template, svc.parse_parameters(params or [])))


NO_RESULT = "ยังไม่มีผล\nno result"  # a KPI without a result counts 0, but shows no 0
STATUS_STYLE = {
    Status.SCORED: "green",
    Status.NO_RESULT: "red",
    Status.NOT_ASSESSED: "dim",
    Status.LEVELS_OPEN: "yellow",
}


def _short(text: str, width: int) -> str:
    """Cut Thai text to ``width`` characters without orphaning its vowel and tone marks."""
    if len(text) <= width:
        return text
    cut = width
    while cut > 0 and unicodedata.category(text[cut]) in ("Mn", "Mc"):
        cut -= 1
    return text[:cut] + "…"


def _run(action: Callable[[], T]) -> T:
    """Run a command body; engine errors become messages and exit code 1."""
    try:
        return action()
    except EngineError as exc:
        raise fail_findings(exc.findings) from None


def _json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


@app.command()
def validate(template: Template, as_json: AsJson = False) -> None:
    """Check a template: every error and warning with file, line and KPI."""
    scorecard, findings = _run(lambda: svc.validate(template))
    if as_json:
        _json({"valid": scorecard is not None, "findings": [f.as_dict() for f in findings]})
    else:
        print_findings(findings)
        if scorecard is not None:
            weights = sum((k.weight for k in scorecard.kpis), Decimal(0))
            out.print(
                Text.assemble(
                    ("OK", "green"),
                    f" {scorecard.id} v{scorecard.version}: {len(scorecard.kpis)} KPIs, "
                    f"weights {weights.normalize():f}",
                )
            )
    if scorecard is None:
        raise typer.Exit(1)


@app.command()
def show(
    template: Template,
    round_no: Annotated[int | None, typer.Option("--round")] = None,
    as_json: AsJson = False,
    param: Params = None,
) -> None:
    """Show a scorecard as tables: KPIs, weights and each round's levels."""
    scorecard = _load(template, param)
    if as_json:
        _json(
            {
                "scorecard": scorecard.id,
                "kpis": [
                    {
                        **present.kpi_summary(k),
                        "rounds": {
                            str(n): {
                                "assessed": r.assessed,
                                "levels": [present.level_dict(lv) for lv in r.levels],
                            }
                            for n, r in k.rounds.items()
                        },
                    }
                    for k in scorecard.kpis
                ],
            }
        )
        return
    fy = scorecard.fiscal_year
    out.print(Text(scorecard.title.th, style="bold"))
    out.print(
        f"{scorecard.agency.name.th} ({scorecard.agency.name.en}), "
        f"{scorecard.agency.ministry.th} — ปีงบประมาณ พ.ศ. {fy.year_be} "
        f"({day_month_year(fy.starts)} – {day_month_year(fy.ends)})"
    )
    out.print(_kpis_table(scorecard))
    if scorecard.parameters:
        out.print(_parameters_table(scorecard))
    for number in [round_no] if round_no else [r.number for r in scorecard.rounds]:
        out.print(_levels_table(scorecard, number))


KIND_TH = {"strategic": "Strategic KPI", "proxy": "Proxy KPI", "unlinked": "—"}


def _kpis_table(scorecard: Scorecard) -> Table:
    table = Table(title="ตัวชี้วัดและน้ำหนัก (KPIs and weights)")
    for heading in ("KPI", "ตัวชี้วัด", "กลุ่ม", "ประเภท", "น้ำหนัก", "หน่วย", "ทิศทาง"):
        table.add_column(heading)
    for group in scorecard.groups:
        for kpi in (k for k in scorecard.kpis if k.group == group.id):
            direction = "สูงดี" if kpi.direction.value == "higher" else "ต่ำดี"
            table.add_row(
                kpi.id,
                kpi.name.th,
                group.name.th,
                KIND_TH.get(kpi.kind, kpi.kind),
                figure(kpi.weight),
                kpi.unit.th,
                direction,
            )
        table.add_row(
            "",
            Text(f"รวม {group.name.th}", style="bold"),
            "",
            "",
            Text(figure(group.weight), style="bold"),
            "",
            "",
        )
    return table


def _parameters_table(scorecard: Scorecard) -> Table:
    table = Table(title="พารามิเตอร์ (Parameters)")
    for heading in ("id", "ชื่อ", "ค่า"):
        table.add_column(heading)
    for p in scorecard.parameters:
        value = Text("ยังไม่กำหนด (open)", style="yellow") if p.value is None else figure(p.value)
        table.add_row(p.id, p.name.th, value)
    return table


def _levels_table(scorecard: Scorecard, number: int) -> Table:
    info = scorecard.round(number)
    table = Table(title=info.name.th if info else f"รอบที่ {number}", show_lines=False)
    levels = tuple(figure(level, 0) for level in scorecard.scale.levels)  # 50 75 100, or 1-5
    for heading in ("KPI", "ตัวชี้วัด", "น้ำหนัก", *levels):
        table.add_column(heading, justify="right" if heading not in ("ตัวชี้วัด",) else "left")
    for kpi in scorecard.kpis:
        kpi_round = kpi.round(number)
        if kpi_round is None or not kpi_round.assessed:
            cells = ["ไม่ประเมินในรอบนี้", *[""] * (len(levels) - 1)]
        else:
            cells = [_level_cell(lv) for lv in kpi_round.levels]
        table.add_row(kpi.id, _short(kpi.name.th, 60), figure(kpi.weight), *cells)
    return table


def _level_cell(level: Level) -> str:
    if level.open_reason:
        return "(ยังไม่กำหนด)"
    if level.value is not None:
        return f"{level.value:,}"
    if level.conditions:
        return ", ".join(str(c) for c in level.conditions)
    return "(พิจารณาตามเกณฑ์)"


@app.command()
def audit(
    template: Template,
    as_json: AsJson = False,
    all_findings: Annotated[bool, typer.Option("--all", help="Also list matches")] = False,
    param: Params = None,
) -> None:
    """Recompute every derived figure and compare it with the stated one (mismatches first)."""
    scorecard = _load(template, param)
    report = svc.audit(scorecard)
    if as_json:
        _json(present.audit_dict(report))
        return
    for habit in report.habits:
        out.print(habit.describe(), style="yellow" if habit.differs else None, highlight=False)
    table = Table(title=f"Audit of {scorecard.id}: {len(report.mismatches)} mismatch(es)")
    for heading in ("KPI", "figure", "stated", "recomputed", "match", "how"):
        table.add_column(heading)
    for f in report.findings:
        if f.match is True and not all_findings:
            continue
        mark = {
            True: Text("✓", style="green"),
            False: Text("✗", style="red"),
            None: Text("?", style="dim"),
        }[f.match]
        how = f.formula + (f" ({f.note})" if f.note else "")
        table.add_row(f.kpi, f.figure, figure(f.stated), figure(f.recomputed), mark, how)
    out.print(table)
    matched = sum(1 for f in report.findings if f.match)
    out.print(
        f"{matched} match, {len(report.mismatches)} mismatch, "
        f"{sum(1 for f in report.findings if f.match is None)} not recomputable"
    )


@app.command()
def score(
    template: Template,
    results: Annotated[Path, typer.Argument(help="Results file (YAML or JSON)")],
    as_json: AsJson = False,
    param: Params = None,
) -> None:
    """Score a results file: each KPI with its explanation, group subtotals and the total."""
    scorecard = _load(template, param)
    scored = _run(lambda: svc.score_file(scorecard, results))
    if as_json:
        _json(present.round_score_dict(scorecard, scored))
        return
    out.print(_score_table(scorecard, scored))


def _score_table(scorecard: Scorecard, scored: RoundScore) -> Table:
    info = scorecard.round(scored.round)
    title = f"{scorecard.agency.name.th} — {info.name.th if info else scored.round}"
    caption = report_cmd.total_caption(scored)
    if scored.nothing_assessed:
        caption += f"\n{scored.note('th')}\n{scored.note()}"
    if any(g.covered_weight != g.weight for g in scored.groups):
        caption += "\nน้ำหนัก ก/ข: ตัวชี้วัดที่ประเมินในรอบนี้หนัก ก จากน้ำหนักเต็ม ข"
    table = Table(title=title, caption=caption, show_footer=False)
    for heading, justify in (
        ("KPI", "right"),
        ("ตัวชี้วัด", "left"),
        ("น้ำหนัก", "right"),
        ("ผล", "right"),
        ("คะแนน", "right"),
        ("ถ่วงน้ำหนัก", "right"),
        ("คำอธิบาย", "left"),
    ):
        table.add_column(heading, justify=justify)  # type: ignore[arg-type]
    for s in scored.kpis:
        kpi = scorecard.kpi(s.kpi_id)
        assert kpi is not None
        style = STATUS_STYLE[s.status]
        table.add_row(
            s.kpi_id,
            _short(kpi.name.th, 40),
            figure(s.weight),
            figure(s.actual),
            # rounded by the scorecard's policy already: 2 places, or 4; no result is no 0
            NO_RESULT if s.status is Status.NO_RESULT else figure(s.score),
            MISSING if s.status is Status.NO_RESULT else figure(s.weighted, 4),
            s.explanation_th,  # Thai like the headers; --json keeps the stable English
            style=style,
        )
    for g in scored.groups:
        group = scorecard.group(g.group_id)
        table.add_row(
            "",
            Text(group.name.th if group else g.group_id, style="bold"),
            _weight_assessed(g.weight, g.covered_weight),
            "",
            "",
            Text(MISSING if g.no_result else figure(g.weighted, 4), style="bold"),
            "",
        )
    table.add_row(
        "",
        Text("รวม (Total)", style="bold"),
        _weight_assessed(
            sum((g.weight for g in scored.groups), Decimal(0)), scored.assessed_weight
        ),
        "",
        "",
        Text(scored.total_text(), style="bold"),
        "",
    )
    return table


def _weight_assessed(weight: Decimal, assessed: Decimal) -> str:
    """A group's weight, as 'assessed/weight' when its KPIs assessed this round weigh less."""
    return figure(weight) if assessed == weight else f"{figure(assessed)}/{figure(weight)}"


@app.command()
def need(
    template: Template,
    results: Annotated[Path, typer.Argument(help="Results file (YAML or JSON)")],
    total: Annotated[str, typer.Option("--total", help="Target total, e.g. 90")],
    as_json: AsJson = False,
    param: Params = None,
) -> None:
    """What each KPI without a result needs for the round to reach a target total."""
    try:
        target = parse_number(total, "--total")  # the one reading of typed numbers: not 1_000
    except ValueError:
        err.print(f"--total must be a number, got {total!r}", style="red")
        raise typer.Exit(1) from None
    if not target.is_finite() or target < 0:
        err.print(f"--total must be a number of 0 or more, got {total!r}", style="red")
        raise typer.Exit(1)
    scorecard = _load(template, param)
    answer = _run(lambda: svc.need_file(scorecard, results, target))
    if as_json:
        _json(present.total_need_dict(answer))
        return
    out.print(answer.explanation, highlight=False)
    out.print(answer.explanation_th, highlight=False)
    if answer.alone:
        _print_alone(answer)
        return
    table = Table(title=f"Needed for a total of {target}")
    for heading in ("KPI", "score", "actual needed", "how"):
        table.add_column(heading)
    places = scorecard.scoring.score_rounding.places  # 2 on 50/75/100, 4 on the five-level scale
    for n in answer.needs:
        table.add_row(n.kpi_id, figure(n.score, places), figure(n.actual), n.explanation)
    out.print(table)


def _print_alone(answer: TotalNeed) -> None:
    """Every KPI has a result: one line per KPI below 100, what it alone would need."""
    for a in answer.alone:
        line = f"KPI {a.kpi_id}: {a.explanation_th} / {a.explanation}"
        out.print(line, style=None if a.reachable else "dim", highlight=False)


@app.command()
def draft(
    template: Template,
    baseline: Annotated[Path, typer.Argument(help="YAML: baseline: {KPI id: [new year rows]}")],
    as_json: AsJson = False,
    param: Params = None,
) -> None:
    """Propose next year's levels by this template's own rules over an extended baseline."""
    scorecard = _load(template, param)
    proposals = _run(lambda: svc.draft(scorecard, baseline))
    if as_json:
        _json(
            [
                {
                    "kpi": p.kpi,
                    "round": p.round,
                    "score": p.score,
                    "value": present.num(p.value),
                    "current": present.num(p.current),
                    "provenance": p.provenance,
                }
                for p in proposals
            ]
        )
        return
    table = Table(title=f"Draft levels from {scorecard.id}")
    for heading in ("KPI", "round", "level", "this year", "proposed", "how"):
        table.add_column(heading)
    for p in proposals:
        table.add_row(
            p.kpi, str(p.round), str(p.score), figure(p.current), figure(p.value), p.provenance
        )
    out.print(table)


@app.command("normalize-thai")
def normalize_thai(
    file: Annotated[Path, typer.Argument(help="Text extracted from a Thai PDF, or a template")],
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
    in_place: Annotated[bool, typer.Option("--in-place", "-i", help="Rewrite FILE")] = False,
    report: Annotated[bool, typer.Option("--report", help="List each repair on stderr")] = False,
) -> None:
    """Repair Thai text extracted from a PDF (split sara am, tone-mark order, private-use chars).

    A template (.yaml, .yml, .json) keeps its indentation, keys and comments: only its text is
    repaired, and it reads to the same structure afterwards.
    """
    from thaikpi.engine import yamlio
    from thaikpi.textimport.pdf_text_repair import repair_thai
    from thaikpi.textimport.template_repair import (
        TEMPLATE_SUFFIXES,
        StructureChanged,
        repair_template,
    )

    try:
        text = yamlio.read_text(file.read_bytes())
    except OSError as exc:
        err.print(f"{file}: cannot read file: {exc.strerror}", style="red")
        raise typer.Exit(1) from None
    except yamlio.YamlProblem as exc:
        err.print(f"{file}:{exc.line}: {exc.message}", style="red")
        raise typer.Exit(1) from None
    try:
        is_template = file.suffix.lower() in TEMPLATE_SUFFIXES
        repaired, repairs = repair_template(text) if is_template else repair_thai(text)
    except StructureChanged as exc:
        err.print(f"{file}: not repaired, {exc}", style="red", highlight=False, markup=False)
        raise typer.Exit(1) from None
    if report:
        for r in repairs:
            err.print(
                f"{file}:{r.line}:{r.column}: {r.before!r} → {r.after!r} ({r.reason})",
                highlight=False,
                markup=False,
            )
        err.print(f"{len(repairs)} repair(s)")
    target = file if in_place else output
    if target:
        try:
            target.write_text(repaired, encoding="utf-8")
        except OSError as exc:
            err.print(f"{target}: cannot write file: {exc.strerror}", style="red")
            raise typer.Exit(1) from None
    else:
        sys.stdout.write(repaired)


@app.command()
def templates() -> None:
    """List the templates shipped with ThaiKPI."""
    from thaikpi.engine.loader import template_names

    for name in template_names():
        out.print(name)


@app.command()
def schema() -> None:
    """Print the template file format as JSON Schema."""
    from thaikpi.engine.schema import ScorecardSpec

    _json(ScorecardSpec.model_json_schema())


app.command("report")(report_cmd.report)
app.command("import-text")(import_text_cmd.import_text)
app.command("catalog")(catalog_cmd.catalog)
app.command("template-workbook")(workbook_cmd.template_workbook)
app.command("survey-import")(surveys_cmd.survey_import)
app.command("series")(series_cmd.series)


def main() -> None:
    """Entry point: run the app; an unexpected error is one line, never a traceback."""
    try:
        app()
    except (KeyboardInterrupt, BrokenPipeError):
        raise SystemExit(130) from None
    except Exception as exc:
        err.print(
            f"internal error: {type(exc).__name__}: {exc}\n"
            "Please report this with the command you ran.",
            style="red",
        )
        raise SystemExit(2) from None
