"""Schema errors as findings: each pydantic error placed at its file, line and KPI.

The English is pydantic's own message; the Thai of its error types is
:data:`~thaikpi.engine.messages.PYDANTIC_TH`, and value errors carry their own Thai
(findings.Problem).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from pydantic import ValidationError

from thaikpi.engine import schema as s
from thaikpi.engine import yamlio
from thaikpi.engine.findings import Finding, thai_of
from thaikpi.engine.messages import IDENTIFIER_TH, PYDANTIC_TH, Both, render


def _kpi_id_at(data: object, loc: tuple[Any, ...]) -> str | None:
    if len(loc) >= 2 and loc[0] == "kpis" and isinstance(data, dict):
        kpis = data.get("kpis")
        if isinstance(kpis, list) and isinstance(loc[1], int) and loc[1] < len(kpis):
            item = kpis[loc[1]]
            if isinstance(item, dict) and "id" in item:
                return str(item["id"])
    return None


def _or_th(expected: str) -> str:
    """pydantic's "'a', 'b' or 'c'" in Thai: "'a', 'b' หรือ 'c'"."""
    head, sep, last = expected.rpartition(" or ")
    return f"{head} หรือ {last}" if sep else expected


def _code(error: Mapping[str, Any]) -> tuple[str, dict[str, object]]:
    """A pydantic error as a code of the message catalogue and its parameters."""
    kind, msg, loc = error["type"], str(error["msg"]), error["loc"]
    name = loc[-1] if loc else ""
    if kind == "extra_forbidden":
        return "schema.unknown_field", {"name": name}
    if kind == "missing":
        return "schema.missing_field", {"name": name}
    en = msg.removeprefix("Value error, ")
    ctx: Mapping[str, Any] = error.get("ctx") or {}
    if kind in ("value_error", "assertion_error") and isinstance(ctx.get("error"), Exception):
        own = ctx["error"]
        if getattr(own, "code", ""):  # a Problem of the catalogue: keep its code
            return own.code, dict(own.params)
        return "schema.invalid", {"problem": Both(en, thai_of(own))}
    template = PYDANTIC_TH.get(kind)
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == s.IDENTIFIER_PATTERN:
        template = IDENTIFIER_TH
    try:
        th = template and template.format(
            **{k: _or_th(str(v)) if k == "expected" else v for k, v in ctx.items()}
        )
    except (KeyError, IndexError, ValueError):
        th = None
    if not th:
        return "schema.unexplained", {"problem": en}
    code = "schema.invalid_key" if name == "[key]" else "schema.invalid"
    return code, {"problem": Both(en, th)}


def _message(error: Mapping[str, Any]) -> tuple[str, str]:
    """A pydantic error as a message in English and in Thai, by its type and context."""
    code, params = _code(error)
    return render(code, params), render(code, params, thai=True)


def schema_findings(
    exc: ValidationError, data: object, lines: dict[yamlio.Path_, int], file: str
) -> Iterator[Finding]:
    """Every error of a failed schema validation as a finding at its place in the file."""
    for error in exc.errors():
        loc = tuple(part for part in error["loc"] if not str(part).startswith("function-"))
        # Union members ("decimal", "none") are not places in the file.
        path = tuple(p for p in loc if p not in ("decimal", "none", "int"))
        code, params = _code(error)
        yield Finding.of(
            code,
            params,
            file=file,
            line=yamlio.line_for(lines, path),
            kpi=_kpi_id_at(data, path),
            field=".".join(str(p) for p in path),
        )
