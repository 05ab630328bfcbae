"""Domain errors: a translated message for the user, plus what the caller needs to recover."""

from __future__ import annotations

from typing import Any

from thaikpi.engine.findings import Finding


class DomainError(Exception):
    """A workflow refused: ``message`` is already translated and safe to show."""

    def __init__(self, message: str) -> None:
        self.message = str(message)
        super().__init__(self.message)


class NotAllowed(DomainError):
    """The user may not do this to this object."""


class RoundClosed(DomainError):
    """The round is submitted, approved or locked: its results cannot change."""


class Conflict(DomainError):
    """Someone else saved since the user opened the form; ``current`` is what they saved."""

    def __init__(self, message: str, current: Any = None) -> None:
        super().__init__(message)
        self.current = current


class Invalid(DomainError):
    """Input the engine refused, with its findings (line by line for templates)."""

    def __init__(self, message: str, findings: tuple[Finding, ...] = ()) -> None:
        super().__init__(message)
        self.findings = findings


class Incomplete(Invalid):
    """A submit refused: KPIs have no result and nobody acknowledged it (see ``checklist``)."""

    def __init__(self, message: str, checklist: Any) -> None:
        super().__init__(message)
        self.checklist = checklist


class CodeMismatch(Invalid):
    """A lock refused: the agency code typed to confirm it is not the scorecard's."""
