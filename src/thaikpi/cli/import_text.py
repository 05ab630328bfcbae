"""``thaikpi import-text``: a draft template from the text extracted from a KPI template PDF."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path
from typing import Annotated

import typer

from thaikpi.cli.exits import err, fail
from thaikpi.engine import yamlio
from thaikpi.engine.findings import file_unreadable
from thaikpi.textimport import Draft, Problem
from thaikpi.textimport import import_text as read_draft
from thaikpi.textimport.writer import draft_yaml


def _read(path: Path) -> str:
    try:
        return yamlio.read_text(path.read_bytes())
    except OSError as exc:
        english, thai = file_unreadable(exc)
        raise fail(f"{path}: {english}", f"{path}: {thai}") from None
    except yamlio.YamlProblem as exc:
        raise fail(
            f"{path}:{exc.line}: {exc.message}", f"{path}:{exc.line}: {exc.message_th}"
        ) from None


def _print_problem(source: Path, problem: Problem) -> None:
    where = f"{source}:{problem.line}" if problem.line else str(source)
    kpi = f" KPI {problem.kpi}:" if problem.kpi else ""
    err.print(f"{where}:{kpi} {problem.message}\n    {problem.message_th}", style="yellow")


def _summary(draft: Draft) -> tuple[str, str]:
    weights = sum((Decimal(k.weight) for k in draft.kpis if k.weight), Decimal(0))
    levels = sum(1 for k in draft.kpis for r in k.rounds.values() for lv in r.levels if lv.stated)
    total = f"{weights.normalize():f}"
    return (
        f"{len(draft.kpis)} KPIs, weights {total}, {levels} level figures read, "
        f"{draft.repairs} Thai repair(s); {len(draft.problems)} thing(s) to check",
        f"{len(draft.kpis)} ตัวชี้วัด น้ำหนักรวม {total} อ่านค่าเป้าหมายได้ {levels} ค่า "
        f"ซ่อมข้อความภาษาไทย {draft.repairs} จุด ต้องตรวจสอบ {len(draft.problems)} รายการ",
    )


def import_text(
    file: Annotated[Path, typer.Argument(help="Text extracted from an OPDC KPI template PDF")],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Draft template to write (YAML); stdout if not given"),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite OUT if it exists")] = False,
) -> None:
    """Read a KPI template's PDF text into a DRAFT template: check it, then `thaikpi validate`."""
    if out is not None and out.exists() and not force:
        raise fail(
            f"{out}: already exists; use --force to overwrite it",
            f"{out}: มีไฟล์นี้อยู่แล้ว ใช้ --force เพื่อเขียนทับ",
        )
    draft = read_draft(_read(file))
    if not draft.kpis:
        raise fail(
            f"{file}: no KPI detail page ('ตัวชี้วัด 1 : ...') found: is this the text of an "
            "OPDC KPI template?",
            f"{file}: ไม่พบหน้ารายละเอียดตัวชี้วัด ('ตัวชี้วัด 1 : ...') "
            "ไฟล์นี้เป็นข้อความจากแบบรายละเอียดตัวชี้วัดหรือไม่",
        )
    text = draft_yaml(draft, file.name)
    for problem in draft.problems:
        _print_problem(file, problem)
    english, thai = _summary(draft)
    if out is None:
        sys.stdout.write(text)
        err.print(f"{english}\n    {thai}")
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise fail(
            f"{out}: cannot write file: {exc.strerror}", f"{out}: เขียนไฟล์ไม่ได้: {exc.strerror}"
        ) from None
    err.print(
        f"{out}: draft written: {english}. Check it, then run: thaikpi validate {out}\n"
        f"    {out}: เขียนร่างแล้ว: {thai} ตรวจสอบแล้วรัน thaikpi validate {out}",
        style="green",
    )
