"""Problems are values: a :class:`Finding` names the file, line, KPI and what is wrong."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    """How bad a finding is: errors stop loading, warnings and info do not."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in a file: where it is and a plain message."""

    message: str
    severity: Severity = Severity.ERROR
    file: str = ""
    line: int | None = None
    kpi: str | None = None
    field: str = ""

    def location(self) -> str:
        """'file:line' (or what is known of it) for messages."""
        where = self.file or "<input>"
        return f"{where}:{self.line}" if self.line else where

    def __str__(self) -> str:
        kpi = f" KPI {self.kpi}:" if self.kpi else ""
        field = f" [{self.field}]" if self.field else ""
        return f"{self.location()}: {self.severity.value}:{kpi}{field} {self.message}"

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready dict with stable keys."""
        return {
            "severity": self.severity.value,
            "file": self.file,
            "line": self.line,
            "kpi": self.kpi,
            "field": self.field,
            "message": self.message,
        }


class EngineError(Exception):
    """The one exception type the engine raises for bad input; it carries findings."""

    def __init__(self, findings: Iterable[Finding]) -> None:
        self.findings: tuple[Finding, ...] = tuple(findings)
        super().__init__("\n".join(str(f) for f in self.findings))

    @classmethod
    def single(cls, message: str, **where: object) -> EngineError:
        """An error with one finding."""
        return cls([Finding(message, **where)])  # type: ignore[arg-type]


def errors(findings: Iterable[Finding]) -> list[Finding]:
    """Only the findings that are errors."""
    return [f for f in findings if f.severity is Severity.ERROR]
