"""Loading a scorecard template file: read, validate, resolve levels, build the model.

Every problem becomes a :class:`Finding` with file, line, KPI and a plain message; all of
them are collected (not just the first) and raised together as one :class:`EngineError`.
The work is split along its seams: schema errors to findings (``schema_errors``), weights
(``weights``), the checks as a list of functions (``validation``) and the model (``build``).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from importlib import resources
from pathlib import Path

from pydantic import ValidationError

from thaikpi.engine import schema as s
from thaikpi.engine import yamlio
from thaikpi.engine.build import Builder
from thaikpi.engine.findings import EngineError, Finding, errors, unreadable_reason
from thaikpi.engine.model import Scorecard
from thaikpi.engine.schema_errors import schema_findings
from thaikpi.engine.weights import WeightProblem, raw_weight_findings, weight_problems

__all__ = [
    "Overrides",
    "WeightProblem",
    "check_text",
    "is_template_name",
    "load",
    "load_named",
    "load_path",
    "load_text",
    "read_file",
    "template_names",
    "template_text",
    "weight_problems",
]

TEMPLATES = "thaikpi.templates"


def template_names() -> list[str]:
    """Names of the templates shipped with ThaiKPI (e.g. 'ditp-2567')."""
    folder = resources.files(TEMPLATES)
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


def template_text(name: str) -> str:
    """The text of a shipped template."""
    if name not in template_names():
        shipped = ", ".join(template_names())
        raise EngineError.of("template.unknown", file=name, name=name, shipped=shipped)
    return resources.files(TEMPLATES).joinpath(name + ".yaml").read_text(encoding="utf-8")


Overrides = Mapping[str, Decimal] | None


def load_named(name: str, parameters: Overrides = None) -> Scorecard:
    """Load a shipped template by name."""
    return load_text(template_text(name), name + ".yaml", parameters)


def load_path(path: str | Path, parameters: Overrides = None) -> Scorecard:
    """Load a template file from disk."""
    return load_text(read_file(path), str(path), parameters)


def load(name_or_path: str, parameters: Overrides = None) -> Scorecard:
    """Load a shipped template by name, or a template file by path."""
    if is_template_name(name_or_path):
        return load_named(name_or_path, parameters)
    if _looks_like_a_name(name_or_path):
        shipped = ", ".join(template_names())
        raise EngineError.of(
            "template.unknown_or_missing", file=name_or_path, name=name_or_path, shipped=shipped
        )
    return load_path(name_or_path, parameters)


def _looks_like_a_name(name_or_path: str) -> bool:
    """A bare word such as 'ditp-2568' that is not an existing file."""
    path = Path(name_or_path)
    return not path.exists() and path.suffix == "" and path.name == name_or_path


def is_template_name(name_or_path: str) -> bool:
    """True when ``name_or_path`` names a shipped template rather than an existing file."""
    return name_or_path in template_names() and not Path(name_or_path).exists()


def read_file(path: str | Path) -> str:
    """Read a UTF-8 file, turning OS and decoding problems into an EngineError."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise EngineError.of(
            "file.unreadable", file=str(path), reason=unreadable_reason(exc)
        ) from exc
    try:
        return yamlio.read_text(raw)
    except yamlio.YamlProblem as exc:
        raise EngineError([Finding.of_problem(exc, file=str(path), line=exc.line)]) from exc


def load_text(text: str, file: str = "", parameters: Overrides = None) -> Scorecard:
    """Load a template from text; raise EngineError listing every error found.

    ``parameters`` fills in (or overrides) parameter values, e.g. a figure the document
    leaves open, without editing the file.
    """
    scorecard, findings = check_text(text, file, parameters)
    if scorecard is None or errors(findings):
        raise EngineError(errors(findings))
    return scorecard


def check_text(
    text: str, file: str = "", parameters: Overrides = None
) -> tuple[Scorecard | None, list[Finding]]:
    """Validate a template: the scorecard (None if it has errors) and all findings."""
    try:
        data, lines = yamlio.parse(text)
    except yamlio.YamlProblem as exc:
        return None, [Finding.of_problem(exc, file=file, line=exc.line)]
    try:
        spec = s.ScorecardSpec.model_validate(data)
    except ValidationError as exc:
        # Report the weights too: one wrong type should not hide that the sums are off.
        found = list(schema_findings(exc, data, lines, file))
        return None, found + raw_weight_findings(data, lines, file)
    builder = Builder(spec, lines, file, parameters or {})
    scorecard = builder.build()
    findings = builder.findings
    return (None if errors(findings) else scorecard), findings
