"""How a command stops on a problem: each message in English, its Thai below, in red on
stderr, then exit status 1. Plain text (no markup), never broken at 80 columns when piped.
"""

from __future__ import annotations

from collections.abc import Iterable

import typer
from rich.console import Console

err = Console(stderr=True, soft_wrap=True, markup=False, highlight=False)


def fail_all(messages: Iterable[tuple[str, str]]) -> typer.Exit:
    """Print every (English, Thai) message; the exit to raise: ``raise fail_all(...)``."""
    for english, thai in messages:
        err.print(f"{english}\n    {thai}", style="red")
    return typer.Exit(1)


def fail(english: str, thai: str) -> typer.Exit:
    """Print one message in English and Thai; the exit to raise: ``raise fail(en, th)``."""
    return fail_all([(english, thai)])
