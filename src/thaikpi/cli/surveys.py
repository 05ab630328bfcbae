"""``thaikpi survey-import``: a DGA or PMQA survey sheet → one results file per agency.

Each row is read as the engine reads a typed result (against the template's KPIs), so a file
this writes scores with ``thaikpi score TEMPLATE FILE``. Into the web database the same sheet
goes with ``manage.py import_survey`` (see docs/cli.md).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.console import Console

from thaikpi.cli.exits import fail_all
from thaikpi.engine.findings import EngineError, file_unreadable
from thaikpi.engine.model import Scorecard
from thaikpi.engine.results import read_result
from thaikpi.services import scorecards as svc
from thaikpi.sources import surveys
from thaikpi.sources.surveys import CellProblem, Survey, SurveyError

out = Console(soft_wrap=True, markup=False, highlight=False)
T = TypeVar("T")


def fail(problems: tuple[CellProblem, ...] | list[CellProblem]) -> typer.Exit:
    """Print each cell's problem in English and Thai; the exit to raise."""
    return fail_all((p.text("en"), p.text("th")) for p in problems)


def load_sheet(template: str, file: Path, read: Callable[[bytes], T]) -> tuple[Scorecard, T]:
    """The template's scorecard and the sheet ``read`` makes of the file's bytes; every
    problem (file, template, cells) printed in English and Thai, then exit 1."""
    try:
        data = file.read_bytes()
    except OSError as exc:
        english, thai = file_unreadable(exc)
        raise fail([CellProblem(english, thai, str(file))]) from None
    try:
        return svc.load_scorecard(template, {}), read(data)
    except EngineError as exc:
        raise fail([CellProblem(f.message, f.message_th, f.file) for f in exc.findings]) from None
    except SurveyError as exc:
        raise fail(exc.problems) from None


def _checked(sc: Scorecard, sheet: surveys.SurveySheet, round_no: int) -> list[CellProblem]:
    """The engine's refusals of each row's results, by row."""
    problems: list[CellProblem] = []
    for row in sheet.rows:
        for kpi_id, raw in surveys.results_of(sheet.survey, row).items():
            kpi = sc.kpi(kpi_id)
            if kpi is None:
                problems.append(
                    CellProblem(
                        f"the template has no KPI {kpi_id}",
                        f"แม่แบบไม่มีตัวชี้วัด {kpi_id}",
                        sheet.file,
                        row.row,
                    )
                )
                continue
            try:
                read_result(kpi, round_no, raw)
            except EngineError as exc:
                problems.extend(
                    CellProblem(
                        f"KPI {kpi_id}: {f.message}",
                        f"ตัวชี้วัด {kpi_id}: {f.message_th}",
                        sheet.file,
                        row.row,
                    )
                    for f in exc.findings
                )
    return problems


def _yaml(value: object, indent: int = 4) -> str:
    """A raw result as YAML: decimals digit for digit, pillar names quoted."""
    if isinstance(value, dict):
        pad = " " * indent
        return "".join(
            f"\n{pad}{json.dumps(str(k), ensure_ascii=False)}:{_yaml(v, indent + 2)}"
            for k, v in value.items()
        )
    return " " + (f"{value:f}" if isinstance(value, Decimal) else str(value))


def results_yaml(sheet: surveys.SurveySheet, row: surveys.SurveyRow, round_no: int) -> str:
    """One agency's results file: its round and the KPIs the survey feeds."""
    lines = [f"# {row.agency}: {sheet.file}, row {row.row}", f"round: {round_no}", "results:"]
    for kpi_id, raw in surveys.results_of(sheet.survey, row).items():
        lines.append(f'  "{kpi_id}":{_yaml(raw)}')
    return "\n".join(lines) + "\n"


def _file_name(agency: str) -> str:
    return re.sub(r"[\\/:*?\"<>|\s]+", "_", agency).strip("._") or "agency"


def survey_import(
    template: Annotated[str, typer.Argument(help="Shipped template name or file path")],
    file: Annotated[Path, typer.Argument(help="Survey sheet (.csv or .xlsx), one row per agency")],
    survey: Annotated[
        Survey | None, typer.Option("--survey", help="dga or pmqa (default: told by the headers)")
    ] = None,
    round_no: Annotated[int, typer.Option("--round")] = 2,
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Folder for one results YAML per agency")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Every row's results as JSON")] = False,
) -> None:
    """Read a DGA readiness or PMQA 4.0 survey sheet into each agency's KPI results."""
    sc, sheet = load_sheet(template, file, lambda data: surveys.read_sheet(data, str(file), survey))
    problems = list(sheet.problems) or _checked(sc, sheet, round_no)
    if problems:
        raise fail(problems)
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
        for row in sheet.rows:
            target = out_dir / f"{_file_name(row.agency)}.yaml"
            target.write_text(results_yaml(sheet, row, round_no), encoding="utf-8")
    if as_json:
        rows = [
            {
                "row": row.row,
                "agency": row.agency,
                "results": json.loads(
                    json.dumps(surveys.results_of(sheet.survey, row), default=str)
                ),
            }
            for row in sheet.rows
        ]
        sys.stdout.write(
            json.dumps(
                {"survey": sheet.survey.value, "file": str(file), "round": round_no, "rows": rows},
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
        return
    where = f" → {out_dir}" if out_dir else ""
    out.print(f"{len(sheet.rows)} agencies read from {file} ({sheet.survey.value}){where}")
    out.print(f"อ่านผลสำรวจได้ {len(sheet.rows)} หน่วยงาน")
