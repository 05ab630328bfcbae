"""Problems are values: a :class:`Finding` names the file, line, KPI and what is wrong.

A finding carries a code of :mod:`thaikpi.engine.messages` and its parameters; its English
and Thai (``message`` and ``message_th``) are rendered from the catalogue there, and
:meth:`Finding.text` picks the one a page shows.
"""

from __future__ import annotations

import dataclasses
import errno
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any, Self

from thaikpi.engine.messages import Both, render, worded


class Severity(str, Enum):
    """How bad a finding is: errors stop loading, warnings and info do not."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


def nfc(text: str) -> str:
    """Thai text as the engine keeps it: NFC normalized."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def is_thai(language: str) -> bool:
    """True for Thai language codes ('th', 'th-TH', …)."""
    return language.lower().startswith("th")


def in_language(language: str, en: str, th: str) -> str:
    """``th`` when ``language`` is Thai ('th', 'th-TH', …) and there is one; else ``en``."""
    return th if th and is_thai(language) else en


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in a file: where it is and a plain message, in English and Thai."""

    message: str
    severity: Severity = Severity.ERROR
    file: str = ""
    line: int | None = None
    kpi: str | None = None
    field: str = ""
    message_th: str = ""
    # The catalogue code and parameters the messages were rendered from ("" for a message
    # given as it is, e.g. by a service); not compared: equal wording is the same finding.
    code: str = dataclasses.field(default="", compare=False)
    params: Mapping[str, object] = dataclasses.field(
        default_factory=dict, compare=False, repr=False
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "message_th", nfc(self.message_th))

    @classmethod
    def of(
        cls,
        code: str,
        params: Mapping[str, object] | None = None,
        /,
        *,
        severity: Severity = Severity.ERROR,
        file: str = "",
        line: int | None = None,
        kpi: str | None = None,
        field: str = "",
        **more: object,
    ) -> Finding:
        """The finding ``code`` of the message catalogue, worded from ``params`` (and ``more``)."""
        params = {**(params or {}), **more}
        return cls(
            render(code, params),
            severity,
            file,
            line,
            kpi,
            field,
            render(code, params, thai=True),
            code,
            params,
        )

    @classmethod
    def of_problem(cls, exc: BaseException, **where: Any) -> Finding:
        """An exception as a finding: its own code when it has one, else its own words."""
        code = getattr(exc, "code", "")
        if code:
            return cls.of(code, getattr(exc, "params", {}), **where)
        return cls.of("problem", {"problem": Both(str(exc), thai_of(exc))}, **where)

    def text(self, language: str) -> str:
        """The message in ``language`` ('th…' for Thai when there is one, else English)."""
        return in_language(language, self.message, self.message_th)

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
            "message_th": self.message_th,
        }


class Problem(ValueError):
    """A ValueError whose message is also given in Thai; ``str()`` is the English one."""

    def __init__(
        self,
        message: str,
        message_th: str = "",
        code: str = "",
        params: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.message_th = nfc(message_th)
        self.code = code  # of the message catalogue, when the words come from there
        self.params: Mapping[str, object] = params or {}

    @classmethod
    def of(cls, code: str, **params: object) -> Self:
        """The problem ``code`` of the message catalogue, worded from ``params``."""
        return cls(render(code, params), render(code, params, thai=True), code, params)


def thai_of(exc: BaseException) -> str:
    """The Thai message of an exception: its own, or a general sentence with the English."""
    own = getattr(exc, "message_th", "")
    return own if isinstance(own, str) and own else f"ข้อมูลไม่ถูกต้อง: {exc}"


# The operating system's reasons a file cannot be read, in Thai (others keep the system's words).
OS_REASONS_TH = {
    errno.ENOENT: "ไม่พบไฟล์",
    errno.EACCES: "ไม่มีสิทธิ์อ่านไฟล์",
    errno.EPERM: "ไม่มีสิทธิ์อ่านไฟล์",
    errno.EISDIR: "เป็นโฟลเดอร์ ไม่ใช่ไฟล์",
    errno.ENOTDIR: "เส้นทางของไฟล์ไม่ถูกต้อง",
    errno.ENAMETOOLONG: "ชื่อไฟล์ยาวเกินไป",
    errno.EIO: "อ่านจากดิสก์ไม่สำเร็จ",
}


def unreadable_reason(exc: OSError) -> Both:
    """Why the operating system would not let us read a file, in English and Thai."""
    reason = exc.strerror or str(exc)
    thai = OS_REASONS_TH.get(exc.errno) if exc.errno is not None else None
    return Both(reason, thai or reason)


def file_unreadable(exc: OSError) -> tuple[str, str]:
    """(English, Thai) for a file the operating system would not let us read."""
    return worded("file.unreadable", {"reason": unreadable_reason(exc)})


class EngineError(Exception):
    """The one exception type the engine raises for bad input; it carries findings."""

    def __init__(self, findings: Iterable[Finding]) -> None:
        self.findings: tuple[Finding, ...] = tuple(findings)
        super().__init__("\n".join(str(f) for f in self.findings))

    @classmethod
    def single(cls, message: str, message_th: str = "", **where: object) -> EngineError:
        """An error with one finding (its message in English and Thai)."""
        return cls([Finding(message, message_th=message_th, **where)])  # type: ignore[arg-type]

    @classmethod
    def of(cls, code: str, **where_and_params: Any) -> EngineError:
        """An error with one finding: ``code`` of the message catalogue (see Finding.of)."""
        return cls([Finding.of(code, **where_and_params)])


def errors(findings: Iterable[Finding]) -> list[Finding]:
    """Only the findings that are errors."""
    return [f for f in findings if f.severity is Severity.ERROR]
