"""How a command stops on a problem: each message in English, its Thai below, in red on
stderr, then exit status 1. Plain text (no markup), never broken at 80 columns when piped.
"""

from __future__ import annotations

from collections.abc import Iterable

import typer
from rich.console import Console

from thaikpi.engine.findings import Finding

err = Console(stderr=True, soft_wrap=True, markup=False, highlight=False)


def fail_all(messages: Iterable[tuple[str, str]]) -> typer.Exit:
    """Print every (English, Thai) message; the exit to raise: ``raise fail_all(...)``."""
    for english, thai in messages:
        err.print(f"{english}\n    {thai}", style="red")
    return typer.Exit(1)


def fail(english: str, thai: str) -> typer.Exit:
    """Print one message in English and Thai; the exit to raise: ``raise fail(en, th)``."""
    return fail_all([(english, thai)])


def fail_findings(findings: Iterable[Finding]) -> typer.Exit:
    """Print the engine's findings, each with its place, in English and Thai; the exit."""
    return fail_all((str(f), _thai(f)) for f in findings)


def _thai(f: Finding) -> str:
    """A finding's line as ``str(f)`` has it, in Thai: place, KPI, field, then the words."""
    kpi = f" ตัวชี้วัด {f.kpi}:" if f.kpi else ""
    field = f" [{f.field}]" if f.field else ""
    return f"{f.location()}:{kpi}{field} {f.text('th')}"


def cannot_write(path: object, exc: OSError) -> typer.Exit:
    """A file that could not be written, in English and Thai; the exit."""
    reason = exc.strerror
    return fail(f"{path}: cannot write file: {reason}", f"{path}: เขียนไฟล์ไม่ได้: {reason}")
