"""Write a :class:`Draft` as a template file (``thaikpi/scorecard-v1``) for the editor.

The draft is meant to be edited, never signed as is: what the import could not read is
listed in comments at the top and again above the KPI it concerns, and fields it could not
fill are left for ``thaikpi validate`` to name. Figures are written exactly as the text
printed them (trailing zeros kept, thousands separators removed).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Final

from thaikpi.engine.formatting import fiscal_year_dates
from thaikpi.textimport.model import Draft, DraftKpi, DraftLevel, DraftRound, Problem
from thaikpi.textimport.parse import unit_en

AGENCY_CODE_PLACEHOLDER: Final = "DRAFT"
_ENGLISH: Final = re.compile(r"\(([A-Za-z][A-Za-z ]*?)\)")
_KPI_FIELDS: Final = (
    "description",
    "scope",
    "formula_text",
    "data_sources",
    "collection_method",
    "responsible",
    "related_agencies",
    "reporting_period",
)


# Characters YAML does not allow unescaped (outside its printable set), and its line breaks.
_NOT_PRINTABLE: Final = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
)


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax, with YAML's unprintables escaped)."""
    quoted = json.dumps(text, ensure_ascii=False)
    return _NOT_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _comment_safe(text: str) -> str:
    """Text that stays inside one YAML comment line."""
    return _NOT_PRINTABLE.sub("?", re.sub(r"[\r\n\x85\u2028\u2029]+", " ", text))


def th(text: str, en: str = "") -> str:
    """A ``{th, en}`` text in flow style; ``en`` left out when the import has none."""
    return f"{{th: {q(text)}, en: {q(en)}}}" if en else f"{{th: {q(text)}}}"


def _english(name: str) -> str:
    """The English a Thai heading carries in parentheses ("(Performance Base)"), if any."""
    found = _ENGLISH.findall(name)
    return found[-1] if found else ""


def draft_yaml(draft: Draft, source: str = "") -> str:
    """The whole draft template as YAML text, problems first as comments."""
    return "\n".join([*_header(draft, source), *_top(draft, source), *_kpis(draft)]) + "\n"


def problem_comment(problem: Problem, indent: str = "") -> str:
    """One problem as a comment line, English then Thai."""
    where = f"line {problem.line}" if problem.line else "document"
    kpi = f" KPI {problem.kpi}:" if problem.kpi else ""
    text = _comment_safe(f"{where}:{kpi} {problem.message} / {problem.message_th}")
    return f"{indent}#   {text}"


def _header(draft: Draft, source: str) -> Iterator[str]:
    yield "# DRAFT template read by `thaikpi import-text` from the text extracted from a PDF"
    if source:
        yield f"#   ({_comment_safe(source)})."
    yield "# ร่างแม่แบบ: ต้องตรวจและแก้ไขก่อนใช้ ห้ามลงนามตามที่เป็นอยู่"
    yield "# A draft for the editor: check it against the signed document; never sign it as is."
    yield "# `thaikpi validate THIS_FILE` lists what is still missing or wrong."
    yield "#"
    yield f"# Could not read / guessed ({len(draft.problems)}), by line of the extracted text:"
    yield "# อ่านไม่ได้หรือคาดเดา ตามบรรทัดของข้อความที่ถอดจาก PDF:"
    for problem in draft.problems:
        yield problem_comment(problem)
    yield ""


def _top(draft: Draft, source: str) -> Iterator[str]:
    year = draft.year_be
    agency = draft.agency_name or "?"
    yield "format: thaikpi/scorecard-v1"
    yield f"id: draft-{year or 'unknown'}"
    yield "version: 1"
    shown = year or "?"
    yield "title:"
    yield f"  th: {q(f'รายละเอียดตัวชี้วัด {agency} ปีงบประมาณ พ.ศ. {shown} (ร่าง)')}"
    yield f"  en: {q(f'KPI details, fiscal year B.E. {shown} (draft)')}"
    yield "agency:"
    yield f"  code: {AGENCY_CODE_PLACEHOLDER}  # fill in the agency's code / กรอกรหัสหน่วยงาน"
    yield f"  name: {th(agency)}"
    yield f"  ministry: {th(draft.ministry or '?')}"
    if year:
        yield "fiscal_year:"
        yield f"  year_be: {year}"
        starts, ends = fiscal_year_dates(year)
        yield f"  starts: {starts.isoformat()}"
        yield f"  ends: {ends.isoformat()}"
    else:
        yield "fiscal_year: null  # not found in the text / ไม่พบปีงบประมาณ"
    name = source or "PDF"
    yield f"source: {th(f'ข้อความที่ถอดจากไฟล์ PDF ({name})', f'Text extracted from the PDF ({name})')}"
    yield "rounds:"
    for number, months in draft.rounds.items():
        label = th(f"รอบที่ {number} ({months} เดือน)", f"Round {number} ({months} months)")
        yield f"  - {{number: {number}, months: {months}, name: {label}}}"
    yield "rounding: {places: 2, mode: half_up, intermediate: false}"
    yield "scoring: {method: interpolate, below_entry: zero}"
    yield "total_weight: 100"
    yield "groups:"
    for group in draft.groups:
        yield f"  - id: {group.id}"
        yield f"    name: {th(group.name, _english(group.name))}"
        yield f"    weight: {group.weight}"
        if group.categories:
            yield "    categories:"
            for cat in group.categories:
                yield f"      - {{id: {cat.id}, name: {th(cat.name, _english(cat.name))}}}"
    if not draft.groups:
        yield '  - {id: group1, name: {th: "?"}, weight: 100}'
    if draft.notes:
        yield "notes:"
        for note in draft.notes:
            yield f"  - {th(note)}"
    yield ""


def _kpis(draft: Draft) -> Iterator[str]:
    yield "kpis:"
    for kpi in draft.kpis:
        yield from _kpi(kpi, [p for p in draft.problems if p.kpi == kpi.id], max(draft.rounds))


def _kpi(kpi: DraftKpi, problems: list[Problem], last_round: int) -> Iterator[str]:
    yield ""
    yield f"  # KPI {kpi.id} (from line {kpi.line})"
    for problem in problems:
        yield problem_comment(problem, "  ")
    yield f"  - id: {q(kpi.id)}"
    yield f"    group: {kpi.group or 'group1'}"
    if kpi.category:
        yield f"    category: {kpi.category}"
    yield f"    name: {th(kpi.name or '?')}"
    yield f"    kind: {kpi.kind}"
    yield f"    weight: {kpi.weight if kpi.weight is not None else 'null'}"
    unit = kpi.unit or "?"
    yield f"    unit: {th(unit, unit_en(unit))}"
    yield f"    direction: {kpi.direction}"
    for field in _KPI_FIELDS:
        value = getattr(kpi, field)
        if value:
            yield f"    {field}: {th(value)}"
    for field in ("conditions", "notes"):
        values = getattr(kpi, field)
        if values:
            yield f"    {field}:"
            for value in values:
                yield f"      - {th(value)}"
    yield "    rounds:"
    for rnd in kpi.rounds.values():
        yield from _round(rnd, unit)


def _round(rnd: DraftRound, unit: str) -> Iterator[str]:
    yield f'      "{rnd.number}":'
    if not rnd.assessed:
        yield "        assessed: false"
        reason = rnd.reason or "ไม่มีเกณฑ์การประเมินของรอบนี้"
        yield f"        reason: {th(reason, 'The text gives no criteria for this round.')}"
        return
    if rnd.line:
        yield f"        # criteria table from line {rnd.line}"
    yield f"        measure: {{kind: {rnd.measure}}}"
    if rnd.measure == "judged" and rnd.text:
        yield f"        note: {th('ตารางเกณฑ์ตามที่ถอดจาก PDF: ' + rnd.text)}"
    yield "        levels:"
    levels = rnd.levels or [DraftLevel(score) for score in (50, 75, 100)]
    for level in levels:
        yield from _level(level, rnd.measure)


def _level(level: DraftLevel, measure: str) -> Iterator[str]:
    yield f"          - score: {level.score}"
    if level.stated is not None:
        yield f"            stated: {level.stated}"
    if level.rule:
        parts = ", ".join(f"{key}: {value}" for key, value in level.rule.items())
        yield f"            rule: {{{parts}}}"
    if level.description:
        yield f"            description: {th(level.description)}"
    elif measure == "judged":
        text = f"(กรอกคำอธิบายของระดับ {level.score})"
        yield f"            description: {th(text, f'(describe level {level.score})')}"
