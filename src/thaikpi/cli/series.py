"""``thaikpi series``: a KPI's monthly sheet → its value so far, its rounds, a year-end forecast."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from thaikpi.cli.surveys import fail, load_sheet
from thaikpi.engine.formatting import figure
from thaikpi.sources import monthly
from thaikpi.sources.surveys import CellProblem

out = Console(soft_wrap=True, markup=False, highlight=False)


def series(
    template: Annotated[str, typer.Argument(help="Shipped template name or file path")],
    file: Annotated[Path, typer.Argument(help="Monthly sheet (.csv/.xlsx): month, then inputs")],
    kpi_id: Annotated[str, typer.Option("--kpi", help="The KPI the series feed")] = "1",
    as_json: Annotated[bool, typer.Option("--json", help="Stable JSON output")] = False,
) -> None:
    """The KPI's value so far, its rounds' values and the year-end forecast from monthly figures."""
    sc, sheet = load_sheet(template, file, lambda data: monthly.read_monthly(data, str(file)))
    kpi = sc.kpi(kpi_id)
    if kpi is None:
        raise fail([CellProblem(f"no KPI {kpi_id}", f"ไม่มีตัวชี้วัด {kpi_id}", template)])
    problems = list(sheet.problems)
    found = {}
    for heading, values in sheet.series.items():
        input_id = monthly.input_of(kpi, heading)
        if input_id is None:
            problems.append(
                CellProblem(
                    f"KPI {kpi_id} has no input {heading!r}",
                    f"ตัวชี้วัด {kpi_id} ไม่มีข้อมูลนำเข้า {heading!r}",
                    str(file),
                    1,
                )
            )
        found[input_id or heading] = values
    if problems:
        raise fail(problems)
    seen = monthly.outlook_of(sc, kpi, found, "en")
    places = kpi.rounding  # shown as the KPI's own result is
    level = seen.standard_name
    if as_json:
        shown = {
            k: (None if v is None else f"{v:f}")
            for k, v in (
                ("to_date", seen.to_date),
                ("round_1", seen.round_1),
                ("forecast", seen.foreseen),
                ("low", seen.low),
                ("high", seen.high),
                ("standard", seen.standard),
            )
        }
        rounds = [{"round": r.number, "months": r.months, "value": f"{r.value:f}"}
                  for r in seen.rounds]  # fmt: skip
        body = {"kpi": kpi_id, "months": seen.through, "year_end_round": seen.year_end,
                "year_end_months": seen.year_end_months, "rounds": rounds, **shown,
                "standard_level": {"th": level.th, "en": level.en}, "at_risk": seen.at_risk,
                "explanations": list(seen.explanations), "why_not": seen.why_not}  # fmt: skip
        sys.stdout.write(json.dumps(body, ensure_ascii=False, indent=2) + "\n")
        return
    out.print(f"KPI {kpi_id}: {seen.through} month(s) of fiscal year {sc.fiscal_year.year_be}")
    out.print(f"  so far (ถึงปัจจุบัน): {figure(seen.to_date, places)}")
    for done in seen.rounds:
        out.print(f"  round {done.number} ({done.name.th}): {figure(done.value, places)}")
    if seen.why_not:
        out.print(f"  no forecast: {seen.why_not}")
        return
    risk = f" — AT RISK (เสี่ยงไม่ถึง{level.th})" if seen.at_risk else ""
    out.print(
        f"  forecast of round {seen.year_end} (คาดการณ์สิ้นปี): {figure(seen.foreseen, places)} "
        f"[{figure(seen.low, places)} – {figure(seen.high, places)}], "
        f"{level.en} {figure(seen.standard)}{risk}"
    )
    for line in seen.explanations:
        out.print(f"  {line}")
