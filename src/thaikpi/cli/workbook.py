"""``thaikpi template-workbook``: a whole template as a workbook a planner fills in in Excel."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from thaikpi.cli.exits import cannot_write, fail_findings
from thaikpi.engine.findings import EngineError
from thaikpi.services import scorecards as svc

out = Console(soft_wrap=True, markup=False, highlight=False)


def template_workbook(
    template: Annotated[str, typer.Argument(help="Shipped template name or template file path")],
    output: Annotated[Path, typer.Argument(help="The workbook to write (.xlsx)")],
) -> None:
    """Write a template as a workbook laid out like the paper form; it reads back as a template."""
    try:
        body = svc.template_workbook(template)
    except EngineError as exc:
        raise fail_findings(exc.findings) from None
    try:
        output.write_bytes(body)
    except OSError as exc:
        raise cannot_write(output, exc) from None
    out.print(f"wrote {output}")
