"""How a command stops on a problem: each message in English, its Thai below, in red on
stderr, then exit status 1. Plain text (no markup), never broken at 80 columns when piped.

The engine's findings print the same way, whether they stop a command or not
(:func:`print_findings`: ``thaikpi validate`` lists its warnings and goes on).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import typer
from rich.console import Console

from thaikpi.engine.findings import Finding, Severity

err = Console(stderr=True, soft_wrap=True, markup=False, highlight=False)
MAX_FINDINGS_SHOWN = 100  # a broken file can have thousands; the first hundred say enough
SEVERITY_STYLE = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
# The English line says "error:", "warning:" or "info:"; the Thai line names only what does not
# stop the command (an error is what it stops for, and its line stays as it always was).
SEVERITY_TH = {Severity.WARNING: " คำเตือน:", Severity.INFO: " ข้อสังเกต:"}


def say(english: str, thai: str, style: str = "red") -> None:
    """Print one message on stderr: the English line, then its Thai indented below it."""
    err.print(f"{english}\n    {thai}", style=style)


def fail_all(messages: Iterable[tuple[str, str]]) -> typer.Exit:
    """Print every (English, Thai) message; the exit to raise: ``raise fail_all(...)``."""
    for english, thai in messages:
        say(english, thai)
    return typer.Exit(1)


def fail(english: str, thai: str) -> typer.Exit:
    """Print one message in English and Thai; the exit to raise: ``raise fail(en, th)``."""
    return fail_all([(english, thai)])


def print_findings(findings: Sequence[Finding]) -> None:
    """Print the engine's findings, each with its place, in English and Thai, coloured by
    severity; past :data:`MAX_FINDINGS_SHOWN` only how many more there are."""
    for f in findings[:MAX_FINDINGS_SHOWN]:
        say(str(f), thai_line(f), SEVERITY_STYLE[f.severity])
    more = len(findings) - MAX_FINDINGS_SHOWN
    if more > 0:
        say(f"… and {more} more", f"… และอีก {more} รายการ")


def fail_findings(findings: Iterable[Finding]) -> typer.Exit:
    """Print the engine's findings as :func:`print_findings` does; the exit to raise."""
    print_findings(tuple(findings))
    return typer.Exit(1)


def thai_line(f: Finding) -> str:
    """A finding's line as ``str(f)`` has it, in Thai: place, severity, KPI, field, words."""
    kpi = f" ตัวชี้วัด {f.kpi}:" if f.kpi else ""
    field = f" [{f.field}]" if f.field else ""
    severity = SEVERITY_TH.get(f.severity, "")
    return f"{f.location()}:{severity}{kpi}{field} {f.text('th')}"


def cannot_write(path: object, exc: OSError) -> typer.Exit:
    """A file that could not be written, in English and Thai; the exit."""
    reason = exc.strerror
    return fail(f"{path}: cannot write file: {reason}", f"{path}: เขียนไฟล์ไม่ได้: {reason}")
