"""Reading a template workbook (filled in or edited) back into a template.

The workbook is checked like every uploaded workbook (size, zip bombs, DTDs: the checks of
:mod:`thaikpi.reports.xlsx_checks`), read section by section into the template's data, written out
as template text (YAML, one value a line) and validated by the engine's own loader. Every
finding is then moved from its line in that text to the cell it came from, so a planner reads
"'ตัวชี้วัดที่ 3'!C12" rather than a line of a file they never saw. Figures are read from the
text they are written as, or, when typed as numbers, with the places the cell shows: never
through float arithmetic.
"""

from __future__ import annotations

import datetime
import io
import itertools
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.cell import Cell
from openpyxl.utils import quote_sheetname
from openpyxl.worksheet.worksheet import Worksheet

from thaikpi.engine import loader
from thaikpi.engine.findings import EngineError, Finding, Problem, errors, file_unreadable
from thaikpi.engine.model import Scorecard
from thaikpi.engine.numbers import pad, parse_number
from thaikpi.engine.schema import FORMAT_ID
from thaikpi.reports import template_layout as lay
from thaikpi.reports import xlsx_checks
from thaikpi.reports.template_workbook import sheet_name

XLSX_MAGIC = b"PK\x03\x04"
MAX_ROWS = 2000  # a KPI sheet has about 150; more is not a template
Path_ = tuple[str | int, ...]


def is_workbook(path: str | Path) -> bool:
    """True for an .xlsx file (by its suffix, or its zip signature when it has another)."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        return True
    try:
        with path.open("rb") as handle:
            return handle.read(4) == XLSX_MAGIC
    except OSError:
        return False


def check_path(
    path: str | Path, parameters: loader.Overrides = None
) -> tuple[Scorecard | None, list[Finding]]:
    """Validate a template workbook on disk: the scorecard (None on errors) and all findings."""
    data, problem = _read(path)
    if problem:
        return None, [problem]
    return check_bytes(data, str(path), parameters)[:2]


def load_path(path: str | Path, parameters: loader.Overrides = None) -> Scorecard:
    """Load a template workbook on disk; EngineError listing every error found."""
    scorecard, findings = check_path(path, parameters)
    if scorecard is None:
        raise EngineError(errors(findings))
    return scorecard


def check_bytes(
    data: bytes, file: str = "", parameters: loader.Overrides = None
) -> tuple[Scorecard | None, list[Finding], str]:
    """Validate an uploaded template workbook: scorecard, findings, and the template text."""
    reading = _Reading(file)
    try:
        xlsx_checks.check_archive(data)
        book = load_workbook(io.BytesIO(data), data_only=True)
    except xlsx_checks.WorkbookError as exc:
        problem = exc.problems[0]
        return None, [Finding(problem.message, file=file, message_th=problem.message_th)], ""
    except Exception as exc:  # openpyxl raises many types for damaged files
        name = type(exc).__name__
        bad = Finding(
            f"cannot read the workbook: {name}", file=file, message_th=f"อ่านไฟล์ Excel ไม่ได้: {name}"
        )
        return None, [bad], ""
    template = reading.template(book)
    if errors(reading.findings):
        return None, reading.findings, ""
    text, line_paths = emit(template)
    scorecard, found = loader.check_text(text, file, parameters)
    return scorecard, [reading.locate(f, line_paths, template) for f in found], text


def template_text(data: bytes, file: str = "") -> str:
    """The template text (YAML) of a valid template workbook; EngineError otherwise."""
    scorecard, findings, text = check_bytes(data, file)
    if scorecard is None:
        raise EngineError(errors(findings))
    return text


def text_of_path(path: str | Path) -> str:
    """The template text (YAML) of a valid template workbook on disk; EngineError otherwise."""
    data, problem = _read(path)
    if problem:
        raise EngineError([problem])
    return template_text(data, str(path))


def _read(path: str | Path) -> tuple[bytes, Finding | None]:
    try:
        size = Path(path).stat().st_size
        if size > xlsx_checks.MAX_BYTES:
            return b"", Finding(
                f"the file is {size:,} bytes; the limit is {xlsx_checks.MAX_BYTES:,}",
                file=str(path),
                message_th=f"ไฟล์มีขนาด {size:,} ไบต์ เกินขนาดที่รับได้ {xlsx_checks.MAX_BYTES:,} ไบต์",
            )
        return Path(path).read_bytes(), None
    except OSError as exc:
        en, th = file_unreadable(exc)
        return b"", Finding(en, file=str(path), message_th=th)


# --- the sheets, section by section ------------------------------------------------------


@dataclass
class _Block:
    """The rows of one section: its heading's cell and the rows under it."""

    heading: str
    rows: list[tuple[Cell, ...]] = field(default_factory=list)


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _blocks(sheet: Worksheet, titles: set[str]) -> dict[str, _Block]:
    """Each known section heading (column A) of a sheet, with the rows up to the next one."""
    blocks: dict[str, _Block] = {}
    current: _Block | None = None
    for row in sheet.iter_rows(max_row=min(sheet.max_row, MAX_ROWS)):
        first = _text(row[0].value) if row else ""
        if first in titles:
            current = blocks.setdefault(first, _Block(_ref(row[0])))
            continue
        if current is not None and any(_text(c.value) for c in row):
            current.rows.append(row)
    return blocks


def _ref(cell: Cell) -> str:
    return f"{quote_sheetname(cell.parent.title)}!{cell.coordinate}"


class _Reading:
    """One workbook being read: the findings so far and where each value came from."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.findings: list[Finding] = []
        self.cells: dict[Path_, str] = {}
        self.kpi_of_sheet: dict[str, str] = {}

    def problem(self, ref: str, en: str, th: str, kpi: str | None = None) -> None:
        """A problem the workbook's layout has (the engine never sees these)."""
        self.findings.append(Finding(en, file=self.file, kpi=kpi, field=ref, message_th=th))

    def template(self, book: Any) -> dict[str, Any]:
        """The template's data from the whole workbook."""
        if lay.SUMMARY not in book.sheetnames:
            sheets = ", ".join(book.sheetnames)
            self.problem(
                "",
                f"not a ThaiKPI template workbook: no sheet '{lay.SUMMARY}' (sheets: {sheets})",
                f"ไม่ใช่ไฟล์ Excel แม่แบบตัวชี้วัดของ ThaiKPI: ไม่มีชีต '{lay.SUMMARY}' (ชีตที่มี: {sheets})",
            )
            return {}
        titles = {s.title for s in lay.SUMMARY_SECTIONS}
        blocks = _blocks(book[lay.SUMMARY], titles)
        data: dict[str, Any] = {"format": FORMAT_ID}
        self.cells[()] = f"{quote_sheetname(lay.SUMMARY)}!A1"
        self.fields(blocks, lay.SCORECARD, data, ())
        data["rounds"] = self.table(blocks, lay.ROUNDS, ("rounds",))
        data["groups"] = self.table(blocks, lay.GROUPS, ("groups",))
        self.categories(blocks, data["groups"])
        data["parameters"] = self.table(blocks, lay.PARAMETERS, ("parameters",))
        data["notes"] = self.texts(blocks, lay.SCORECARD_NOTES, ("notes",))
        kpis = self.table(blocks, lay.KPIS, ("kpis",), extra={lay.KPI_NAME_SHOWN})
        data["kpis"] = [self.kpi(book, i, k) for i, k in enumerate(kpis)]
        return data

    def categories(self, blocks: dict[str, _Block], groups: list[dict[str, Any]]) -> None:
        """Categories go into their group (by the group id in their row)."""
        rows = self.table(blocks, lay.CATEGORIES, ("categories",))
        by_id = {str(g.get("id")): (i, g) for i, g in enumerate(groups)}
        for j, category in enumerate(rows):
            group_id = str(category.pop("group", ""))
            ref = self.cells.get(("categories", j), "")
            if group_id not in by_id:
                self.problem(
                    ref,
                    f"category {category.get('id')!r}: "
                    f"no group {group_id!r} in '{lay.GROUPS.title}'",
                    f"หมวด {category.get('id')!r}: ไม่มีกลุ่ม {group_id!r} ใน '{lay.GROUPS.title}'",
                )
                continue
            i, group = by_id[group_id]
            listed = group.setdefault("categories", [])
            self.move(("categories", j), ("groups", i, "categories", len(listed)))
            listed.append(category)

    def move(self, old: Path_, new: Path_) -> None:
        """Values read into one place that the template holds in another keep their cells."""
        for path in [p for p in self.cells if p[: len(old)] == old]:
            self.cells[new + path[len(old) :]] = self.cells.pop(path)

    def kpi(self, book: Any, index: int, row: dict[str, Any]) -> dict[str, Any]:
        """One KPI: its summary row (id, group, weight) and everything on its sheet."""
        base: Path_ = ("kpis", index)
        name = str(row.pop("sheet", "") or sheet_name(str(row.get("id", ""))))
        kpi_id = str(row.get("id", ""))
        if name not in book.sheetnames:
            self.problem(
                self.cells.get(base, ""),
                f"KPI {kpi_id}: the workbook has no sheet '{name}'",
                f"ตัวชี้วัดที่ {kpi_id}: ไม่มีชีต '{name}' ในไฟล์ Excel",
                kpi_id,
            )
            return row
        self.kpi_of_sheet[name] = kpi_id
        titles = {s.title for s in (*lay.KPI_SECTIONS, *lay.KPI_SECTIONS_AFTER_ROWS)}
        titles.add(lay.ROWS_TITLE)
        for n in lay.ROUND_NUMBERS:
            titles |= {lay.round_section(n).title, lay.levels_section(n).title}
            titles.add(lay.items_section(n).title)
        blocks = _blocks(book[name], titles)
        self.fields(blocks, lay.DEFINITION, row, base)
        inputs = self.table(blocks, lay.INPUTS, (*base, "inputs"))
        row["inputs"] = self.keyed(inputs, (*base, "inputs"), kpi_id)
        row["links"] = self.table(blocks, lay.LINKS, (*base, "links"))
        row["conditions"] = self.texts(blocks, lay.CONDITIONS_LIST, (*base, "conditions"))
        row["notes"] = self.texts(blocks, lay.KPI_NOTES, (*base, "notes"))
        baseline = self.baseline(blocks, (*base, "baseline"))
        if baseline:
            row["baseline"] = baseline
        row["targets"] = self.table(blocks, lay.TARGETS, (*base, "targets"))
        row["rounds"] = self.rounds(blocks, (*base, "rounds"))
        return row

    def keyed(self, records: list[dict[str, Any]], path: Path_, kpi: str) -> dict[str, Any]:
        """Table rows with an id column as the mapping the template holds (inputs)."""
        keyed: dict[str, Any] = {}
        for i, record in enumerate(records):
            key = str(record.pop("id", ""))
            if key in keyed:
                self.problem(
                    self.cells.get((*path, i), ""),
                    f"the input {key!r} is listed twice",
                    f"ข้อมูล {key!r} ซ้ำกัน",
                    kpi,
                )
            self.move((*path, i), (*path, key))
            keyed[key] = record
        return keyed

    def baseline(self, blocks: dict[str, _Block], path: Path_) -> dict[str, Any]:
        """The baseline table with its columns, rows, summaries and habits; {} when empty."""
        baseline: dict[str, Any] = {}
        self.fields(blocks, lay.BASELINE, baseline, path)
        columns = self.table(blocks, lay.COLUMNS, (*path, "columns"))
        rows = self.baseline_rows(blocks.get(lay.ROWS_TITLE), (*path, "rows"))
        summaries = self.table(blocks, lay.SUMMARIES, (*path, "summaries"))
        if not (baseline or columns or rows or summaries):
            return {}
        baseline.update(columns=columns, rows=rows, summaries=summaries)
        if lay.BASELINE.title in blocks:
            self.cells[path] = blocks[lay.BASELINE.title].heading
        return baseline

    def baseline_rows(self, block: _Block | None, path: Path_) -> list[dict[str, Any]]:
        """A row per Buddhist-era year; a column per '[id]' header; 'n/a' for no figure."""
        if block is None or not block.rows:
            return []
        header, *body = block.rows
        ids: dict[int, str] = {}
        for col, cell in enumerate(header):
            title = _text(cell.value)
            found = re.search(r"\[([^\]]+)\]\s*$", title)
            if col == 0 and title == lay.YEAR_HEADER:
                ids[col] = "year"
            elif found:
                ids[col] = found.group(1).strip()
            elif title:
                self.problem(
                    _ref(cell),
                    f"a baseline column header must end with the column id in brackets, "
                    f"e.g. 'Budget [budget]'; got {title!r}",
                    f"หัวคอลัมน์ของตารางข้อมูลพื้นฐานต้องลงท้ายด้วยรหัสคอลัมน์ในวงเล็บเหลี่ยม "
                    f"เช่น 'งบประมาณ [budget]' แต่พบ {title!r}",
                )
        rows: list[dict[str, Any]] = []
        for cells in body:
            record: dict[str, Any] = {}
            i = len(rows)
            self.cells[(*path, i)] = _ref(cells[0])
            for col, key in ids.items():
                cell = cells[col] if col < len(cells) else None
                if cell is None or _text(cell.value) == "":
                    continue
                self.cells[(*path, i, key)] = _ref(cell)
                null = _text(cell.value).casefold() in (lay.NULL_FIGURE, "-")
                kind = lay.INT if key == "year" else lay.NUM
                record[key] = None if null and key != "year" else _value(cell, kind)
            if record:
                rows.append(record)
        return rows

    def rounds(self, blocks: dict[str, _Block], path: Path_) -> dict[str, Any]:
        """Each round whose heading is on the sheet, with its levels and counted items."""
        rounds: dict[str, Any] = {}
        for n in lay.ROUND_NUMBERS:
            section = lay.round_section(n)
            if section.title not in blocks:
                continue
            spec: dict[str, Any] = {}
            self.fields(blocks, section, spec, (*path, n))
            self.cells[(*path, n)] = blocks[section.title].heading
            spec["levels"] = self.table(blocks, lay.levels_section(n), (*path, n, "levels"))
            items = self.texts(blocks, lay.items_section(n), (*path, n, "measure", "items"))
            if items:
                spec.setdefault("measure", {})["items"] = items
            rounds[n] = spec
        return rounds

    def texts(self, blocks: dict[str, _Block], section: lay.Section, path: Path_) -> list[Any]:
        """A table of {th, en} texts (notes, conditions, items) as the list of texts."""
        records = self.table(blocks, section, path)
        for i in range(len(records)):
            self.move((*path, i, "text"), (*path, i))
        return [r.get("text", {}) for r in records]

    def fields(
        self, blocks: dict[str, _Block], section: lay.Section, target: dict[str, Any], path: Path_
    ) -> None:
        """Label/value rows into ``target``: the label in column A says which field."""
        block = blocks.get(section.title)
        if block is None:
            return
        by_label = {f.label: f for f in section.fields}
        for cells in block.rows:
            label = _text(cells[0].value)
            known = by_label.get(label)
            if known is None:
                if label:
                    self.unknown(cells[0], label, section)
                continue
            self.put(target, path, known, list(cells[1:3]))

    def table(
        self,
        blocks: dict[str, _Block],
        section: lay.Section,
        path: Path_,
        extra: set[str] | None = None,
    ) -> list[dict[str, Any]]:
        """The records of a table: its header row says which column holds which field."""
        block = blocks.get(section.title)
        if block is None or not block.rows:
            return []
        self.cells.setdefault(path, block.heading)
        header, *body = block.rows
        columns: dict[str, tuple[lay.Field, list[int]]] = {}
        for col, cell in enumerate(header):
            title = _text(cell.value)
            matched = [f for f in section.fields if title in f.headers()]
            if matched:
                f = matched[0]
                columns.setdefault(f.label, (f, [-1] * len(f.headers())))
                columns[f.label][1][f.headers().index(title)] = col
            elif title and title not in (extra or set()):
                self.unknown(cell, title, section)
        records: list[dict[str, Any]] = []
        for cells in body:
            record: dict[str, Any] = {}
            i = len(records)
            for f, cols in columns.values():
                picked = [cells[c] if 0 <= c < len(cells) else None for c in cols]
                self.put(record, (*path, i), f, picked)
            if record:
                self.cells[(*path, i)] = _ref(cells[0])
                records.append(record)
        return records

    def unknown(self, cell: Cell, label: str, section: lay.Section) -> None:
        kpi = self.kpi_of_sheet.get(cell.parent.title)
        self.problem(
            _ref(cell),
            f"unknown label {label!r} in '{section.title}' (was it renamed?)",
            f"ไม่รู้จักหัวข้อ {label!r} ในส่วน '{section.title}' (มีการแก้ไขชื่อหัวข้อหรือไม่)",
            kpi,
        )

    def put(
        self, target: dict[str, Any], path: Path_, f: lay.Field, cells: list[Cell | None]
    ) -> None:
        """Set one field from its cell(s) when any is filled in; remember the cell."""
        filled = [c for c in cells if c is not None and _text(c.value) != ""]
        if not filled:
            return
        if f.kind == lay.TEXT:
            th, en = ([*cells, None, None])[:2]
            value: object = {"th": _cell_text(th), "en": _cell_text(en)}
            self.cells[(*path, *f.path, "th")] = _ref(th) if th is not None else _ref(filled[0])
            if en is not None:
                self.cells[(*path, *f.path, "en")] = _ref(en)
        elif f.kind == lay.CONDITIONS:
            value = self.conditions(filled[0])
        else:
            value = _value(filled[0], f.kind, f.choice)
        self.cells[(*path, *f.path)] = _ref(filled[0])
        _set(target, f.path, value)

    def conditions(self, cell: Cell) -> list[dict[str, Any]]:
        """'quality_pct >= 90; registered_pct >= 95' as the level's conditions."""
        found: list[dict[str, Any]] = []
        for part in _cell_text(cell).split(";"):
            match = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*(>=|<=|==|>|<)\s*(\S+)\s*", part)
            value: object = None
            if match:
                try:
                    value = parse_number(match.group(3))
                except Problem:
                    match = None
            if not match:
                kpi = self.kpi_of_sheet.get(cell.parent.title)
                self.problem(
                    _ref(cell),
                    f"a condition is written 'input >= number', e.g. 'quality_pct >= 90'; "
                    f"got {part.strip()!r}",
                    f"เงื่อนไขต้องเขียนในรูป 'ข้อมูล >= ตัวเลข' เช่น 'quality_pct >= 90' "
                    f"แต่พบ {part.strip()!r}",
                    kpi,
                )
                continue
            found.append({"input": match.group(1), "op": match.group(2), "value": value})
        return found

    def locate(self, finding: Finding, line_paths: Mapping[int, Path_], data: object) -> Finding:
        """An engine finding moved from its line in the template text to its cell."""
        path = path_in(data, finding.field) or line_paths.get(finding.line or 0, ())
        ref = ""
        while True:
            ref = self.cells.get(path, "")
            if ref or not path:
                break
            path = path[:-1]
        return Finding(
            finding.message,
            severity=finding.severity,
            file=self.file,
            kpi=finding.kpi,
            field=ref,
            message_th=finding.message_th,
        )


def path_in(data: object, dotted: str, prefix: bool = False) -> Path_ | None:
    """A finding's field ('kpis.0.rounds.2.levels.1') as a path in the data, if it is one;
    with ``prefix``, the longest part of it that is (the editor shows a finding beside the
    nearest field it has)."""
    path: list[str | int] = []
    node = data
    for part in dotted.split(".") if dotted else []:
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            path.append(int(part))
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            path.append(part)
            node = node[part]
        else:
            return (tuple(path) or None) if prefix else None
    return tuple(path) or None


def _set(target: dict[str, Any], path: tuple[str | int, ...], value: object) -> None:
    """Set a value at a path of keys and list positions, making the containers on the way."""
    node: Any = target
    for part, after in itertools.pairwise(path):
        empty: Any = [] if isinstance(after, int) else {}
        if isinstance(part, int):
            while len(node) <= part:
                node.append(None)
            if node[part] is None:
                node[part] = empty
            node = node[part]
        else:
            node = node.setdefault(part, empty)
    last = path[-1]
    if isinstance(last, int):
        while len(node) <= last:
            node.append(None)
        node[last] = value
    else:
        node[last] = value


def _cell_text(cell: Cell | None) -> str:
    """A cell as text: what was typed, with a typed figure shown as the cell shows it."""
    if cell is None or cell.value is None:
        return ""
    value = cell.value
    if isinstance(value, float | int) and not isinstance(value, bool):
        return format(_figure(cell), "f")
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    return str(value).strip()


def _figure(cell: Cell) -> Decimal:
    """A number typed in a cell, exactly as written, with the places its format shows."""
    value = cell.value
    exact = Decimal(repr(value)) if isinstance(value, float) else Decimal(int(value))  # type: ignore[arg-type]
    if exact == exact.to_integral_value():
        exact = Decimal(int(exact))  # Excel keeps 2 as 2.0
    shown = re.fullmatch(r"[#,]*0\.(0+)", str(cell.number_format or ""))
    return pad(exact, len(shown.group(1))) if shown else exact


def _value(cell: Cell, kind: str, choice: str = "") -> object:
    """A cell's value as the template holds it; text it cannot read is kept for the engine
    to refuse with its own message (at this cell)."""
    value = cell.value
    if isinstance(value, datetime.datetime):
        value = value.date()
    if kind == lay.DATE and isinstance(value, datetime.date):
        return value
    text = _cell_text(cell)
    if choice:
        text = lay.code_of(choice, text)
    if kind == lay.BOOL:
        return {"true": True, "false": False}.get(lay.code_of("bool", text), text)
    if kind == lay.INT:
        return int(text) if re.fullmatch(r"[+-]?\d+", text) else text
    if kind == lay.NUM:
        try:
            return parse_number(text)
        except Problem:
            return text
    if kind == lay.DATE:
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            return text
    return text


# --- template text, one value a line ---------------------------------------------------

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def emit(data: object) -> tuple[str, dict[int, Path_]]:
    """Template data as YAML text, and the data path each line holds."""
    lines: list[str] = []
    paths: dict[int, Path_] = {}
    for indent, text, path in _lines(data, 0, ()):
        lines.append(" " * indent + text)
        paths[len(lines)] = path
    return "\n".join(lines) + "\n", paths


def _lines(value: object, indent: int, path: Path_) -> Iterator[tuple[int, str, Path_]]:
    items: list[tuple[str, str | int]]
    if isinstance(value, dict):
        items = [(f"{_key(k)}:", k) for k in value]
    else:
        items = [("-", i) for i in range(len(value))] if isinstance(value, list) else []
    for prefix, key in items:
        child = value[key]  # type: ignore[index]
        here = (*path, key)
        if isinstance(child, dict | list) and child:
            yield indent, prefix, here
            yield from _lines(child, indent + 2, here)
        else:
            yield indent, f"{prefix} {_scalar(child)}", here


def _key(key: object) -> str:
    text = str(key)
    plain = _PLAIN_KEY.fullmatch(text) and text.lower() not in _YAML_WORDS
    return text if plain else json.dumps(text, ensure_ascii=False)


def _scalar(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list):
        return "[]"
    return json.dumps(str(value), ensure_ascii=False)
