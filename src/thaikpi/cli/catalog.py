"""``thaikpi catalog``: KPI 6 computed from the agency's CKAN catalog and the GD Catalog."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from thaikpi.cli.exits import fail, fail_findings
from thaikpi.engine.findings import EngineError, file_unreadable
from thaikpi.services import scorecards as svc
from thaikpi.sources import ckan
from thaikpi.sources.catalog import CatalogScore, MatchRule, QualityRule, Rules, as_dict, compute

out = Console(soft_wrap=True, markup=False)


def _read(path: Path) -> list[ckan.Dataset]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        english, thai = file_unreadable(exc)
        raise fail(f"{path}: {english}", f"{path}: {thai}") from None
    return ckan.read_dump(data, str(path))


def _datasets(
    path: Path | None, url: str | None, fq: str, what: str, what_th: str
) -> list[ckan.Dataset]:
    if (path is None) == (url is None):
        raise fail(
            f"give the {what} as a dump file or a URL (one of them)",
            f"ระบุ{what_th}เป็นไฟล์หรือ URL อย่างใดอย่างหนึ่ง",
        )
    return _read(path) if path is not None else ckan.fetch(str(url), fq=fq)


def catalog(
    template: Annotated[str, typer.Argument(help="Shipped template name or file path")],
    agency_dump: Annotated[
        Path | None,
        typer.Argument(help="The agency catalog: `ckanapi dump datasets` JSON lines or JSON"),
    ] = None,
    central: Annotated[
        Path | None, typer.Option("--central", help="The GD Catalog dump (same formats)")
    ] = None,
    url: Annotated[str | None, typer.Option("--url", help="The agency's CKAN site (live)")] = None,
    central_url: Annotated[
        str | None, typer.Option("--central-url", help="The GD Catalog's CKAN site (live)")
    ] = None,
    fq: Annotated[str, typer.Option("--fq", help="Narrow the live agency search (CKAN fq)")] = "",
    central_fq: Annotated[
        str,
        typer.Option("--central-fq", help="Narrow the live GD Catalog search, e.g. organization:x"),
    ] = "",
    kpi: Annotated[str, typer.Option("--kpi", help="The KPI the catalog measures")] = "6",
    round_no: Annotated[int | None, typer.Option("--round")] = None,
    match: Annotated[
        MatchRule, typer.Option("--match", help="Registered centrally when: same name, or URL")
    ] = MatchRule.NAME,
    quality: Annotated[
        QualityRule, typer.Option("--quality", help="Open when any / all resources are open")
    ] = QualityRule.ANY,
    as_json: Annotated[bool, typer.Option("--json", help="Stable JSON (docs/sources.md)")] = False,
) -> None:
    """Compute KPI 6 from a CKAN catalog: per dataset what to fix, both shares and the level."""
    try:
        scorecard = svc.load_scorecard(template)
        mine = _datasets(agency_dump, url, fq, "agency catalog", "บัญชีข้อมูลของหน่วยงาน")
        gd = _datasets(central, central_url, central_fq, "GD Catalog", "บัญชีข้อมูลภาครัฐ (GD Catalog)")
        scored = compute(scorecard, kpi, mine, gd, Rules(match, quality), round_no)
    except EngineError as exc:
        raise fail_findings(exc.findings) from None
    if as_json:
        sys.stdout.write(json.dumps(as_dict(scored), ensure_ascii=False, indent=2) + "\n")
        return
    out.print(_table(scored))
    _summary(scored)


def _mark(ok: bool) -> Text:
    return Text("✓", style="green") if ok else Text("✗", style="red")


def _table(scored: CatalogScore) -> Table:
    table = Table(title="ชุดข้อมูลในบัญชีข้อมูลของหน่วยงาน (Agency datasets)", show_lines=False)
    # The dataset's name is how the officer finds it in the catalog: never cut it short.
    widest = max(len(d.name) for d in scored.check.datasets)
    table.add_column("ชุดข้อมูล (dataset)", no_wrap=True, min_width=min(widest, 60))
    for heading in ("ครบ 14", "รูปแบบ", "เปิด", "GD Catalog", "ต้องแก้ไข (to fix)"):
        table.add_column(heading)
    for d in scored.check.datasets:
        fixes = "\n".join(f"{th} / {en}" for en, th in d.problems())
        table.add_row(
            d.name,
            _mark(d.complete),
            ", ".join(f or "?" for f in d.formats),
            _mark(d.open),
            _mark(d.registered),
            fixes,
        )
    return table


def _summary(scored: CatalogScore) -> None:
    check = scored.check
    out.print(
        f"ชุดข้อมูล {check.total} ชุด นับได้ (คำอธิบายข้อมูลครบ 14 รายการ) {check.counted} ชุด"
        f" / {check.total} datasets, {check.counted} counted (all 14 items)"
    )
    out.print(f"quality_pct = {check.quality_pct}, registered_pct = {check.registered_pct}")
    out.print(f"KPI {scored.kpi_id} รอบที่ {scored.round_no}: {scored.score.explanation_th}")
    out.print(f"KPI {scored.kpi_id} round {scored.round_no}: {scored.score.explanation}")
    group = scored.group
    if group is not None:
        high = f"{group.high}" if group.high is not None else "ขึ้นไป / or more"
        out.print(f"กลุ่มที่ {group.number} ({group.low}–{high} ชุดข้อมูล) / group {group.number}")
    elif scored.groups:
        out.print(
            f"{check.total} ชุดข้อมูล ไม่อยู่ในกลุ่มใดที่แม่แบบกำหนด / "
            f"{check.total} datasets is outside every group the template states",
            style="yellow",
        )
