"""Survey result sheets (DGA readiness survey, PMQA 4.0) read into KPI results, without Django.

DGA and OPDC publish their results as a spreadsheet, one row per agency: the agency (its code
or Thai name), then the 7 DGA pillar levels (1–5) and the overall score (out of 100), or the 7
PMQA 4.0 category scores and the overall score (out of 500). This module reads such a sheet
(CSV or Excel) into rows, refusing each bad cell by row and column, and turns a row into the
raw results the engine reads: the DGA pillars feed the count KPI (pillars at level 3 or
above) and the overall score the score KPI; the PMQA overall score feeds the PMQA KPI.
Matching rows to agencies and storing results is :mod:`thaikpi.services.surveys`' job.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Final

from thaikpi.engine.findings import Problem, in_language, is_thai
from thaikpi.engine.numbers import parse_number


class Survey(str, Enum):
    """Which survey a sheet holds."""

    DGA = "dga"
    PMQA = "pmqa"


# The 7 DGA pillars, as the template's KPI 7 names its items (the engine matches by name).
PILLARS: Final = (
    "Policies and Practices",
    "Data-driven Practices",
    "Digital Capability",
    "Public Service",
    "Smart Back Office",
    "Secure and Efficient Infrastructure",
    "Digital Technology Practices",
)
# The 7 PMQA 4.0 categories (หมวด 1–7).
CATEGORIES: Final = (
    ("การนำองค์การ", "Leadership"),
    ("การวางแผนเชิงยุทธศาสตร์", "Strategic planning"),
    ("การให้ความสำคัญกับผู้รับบริการและผู้มีส่วนได้ส่วนเสีย", "Customer and stakeholder focus"),
    ("การวัด การวิเคราะห์และการจัดการความรู้", "Measurement, analysis and knowledge management"),
    ("การมุ่งเน้นบุคลากร", "Workforce focus"),
    ("การมุ่งเน้นระบบปฏิบัติการ", "Operations focus"),
    ("ผลลัพธ์การดำเนินการ", "Results"),
)
PARTS: Final = 7
OVERALL_MAX: Final = {Survey.DGA: Decimal(100), Survey.PMQA: Decimal(500)}
PILLAR_LEVELS: Final = (1, 5)
_Refuse = Callable[[str, str, str], None]  # refuse(column, English, Thai)
MAX_ROWS: Final = 5000  # the DGA survey covers 376 bodies; a bigger sheet is not a survey sheet

# Which KPI each figure feeds (the DITP 2567 template's ids; another template may differ).
DEFAULT_KPIS: Final = {"pillars": "7", "dga_score": "8", "pmqa_score": "9"}
PILLARS_NAME: Final = "pillars"  # the key the engine reads a count KPI's item levels under


def _key(text: str) -> str:
    """A header or name compared loosely: NFC, case-folded, single spaces, no dots."""
    text = unicodedata.normalize("NFC", str(text)).casefold().replace(".", " ")
    return " ".join(text.split())


AGENCY_HEADERS: Final = frozenset(
    _key(h) for h in ("agency", "agency code", "code", "หน่วยงาน", "รหัส", "รหัสหน่วยงาน", "ชื่อหน่วยงาน")
)
OVERALL_HEADERS: Final = frozenset(
    _key(h)
    for h in ("overall", "overall score", "score", "total", "คะแนน", "คะแนนรวม", "คะแนนภาพรวม")
)
_NUMBERED = re.compile(r"^(?:pillar|p|category|cat|หมวด(?:ที่)?)\s*([1-7])(?:\b|\s|$)")


@dataclass(frozen=True, slots=True)
class CellProblem:
    """A refused cell (or row, or the file), said in English and Thai with where it is."""

    message: str
    message_th: str
    file: str = ""
    row: int | None = None
    column: str = ""  # letter and header, e.g. "C (Digital Capability)"

    def location(self, language: str = "en") -> str:
        """'survey.csv, row 4, column C (Public Service)' (Thai: 'แถว 4 คอลัมน์ C …')."""
        thai = is_thai(language)
        where = [self.file] if self.file else []
        if self.row:
            where.append(("แถว {}" if thai else "row {}").format(self.row))
        if self.column:
            where.append(("คอลัมน์ {}" if thai else "column {}").format(self.column))
        return ", ".join(where)

    def text(self, language: str = "en") -> str:
        """The whole line, the place included, in ``language``."""
        message = in_language(language, self.message, self.message_th)
        where = self.location(language)
        return f"{where}: {message}" if where else message

    def __str__(self) -> str:
        return self.text("en")


class SurveyError(Exception):
    """The sheet as a whole cannot be read (no header, unknown columns, not a sheet)."""

    def __init__(self, problems: Sequence[CellProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True, slots=True)
class SurveyRow:
    """One agency's row: its code or name as written, the 7 parts and the overall score."""

    row: int
    agency: str
    parts: tuple[Decimal | None, ...]
    overall: Decimal | None


@dataclass(frozen=True, slots=True)
class SurveySheet:
    """A read sheet: the rows it could read and every refused cell."""

    survey: Survey
    file: str
    rows: tuple[SurveyRow, ...]
    problems: tuple[CellProblem, ...] = field(default=())


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def table_of(data: bytes, file_name: str) -> list[list[str]]:
    """The cells of a CSV (UTF-8, with or without BOM) or the first sheet of an .xlsx file."""
    if data.startswith(b"PK\x03\x04") or file_name.lower().endswith(".xlsx"):
        return _xlsx_table(data, file_name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SurveyError([_whole(file_name, "not UTF-8 text", "ไม่ใช่ข้อความ UTF-8")]) from None
    if "\x00" in text:
        raise SurveyError([_whole(file_name, "not a text file", "ไม่ใช่ไฟล์ข้อความ")])
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text))]


def _xlsx_table(data: bytes, file_name: str) -> list[list[str]]:
    import openpyxl  # only when an Excel file comes: the CSV path stays light

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise SurveyError(
            [_whole(file_name, "not a readable .xlsx workbook", "ไม่ใช่ไฟล์ .xlsx ที่อ่านได้")]
        ) from None
    sheet = book.worksheets[0]
    table = [
        ["" if v is None else _cell_text(v) for v in row]
        for row in sheet.iter_rows(values_only=True)
    ]
    book.close()
    return table


def _cell_text(value: object) -> str:
    """An Excel cell as text; a float cell keeps its shortest decimal form (4.5, not 4.50001)."""
    return repr(value) if isinstance(value, float) else str(value).strip()


def _whole(file_name: str, message: str, message_th: str) -> CellProblem:
    return CellProblem(message, message_th, file_name)


def read_sheet(data: bytes, file_name: str = "", survey: Survey | None = None) -> SurveySheet:
    """Read a survey sheet; the survey is told by its headers when ``survey`` is None.

    Raises SurveyError when the sheet cannot be read at all; a bad cell is a problem of the
    returned sheet (its row is still listed, with the bad cell as None).
    """
    table = table_of(data, file_name)
    header_at = next((i for i, row in enumerate(table) if any(row)), None)
    if header_at is None:
        raise SurveyError([_whole(file_name, "the sheet is empty", "ไม่มีข้อมูลในชีต")])
    if len(table) - header_at - 1 > MAX_ROWS:
        raise SurveyError([_whole(file_name, f"more than {MAX_ROWS} rows", f"มีเกิน {MAX_ROWS} แถว")])
    header = table[header_at]
    survey = survey or _survey_of(header)
    columns = _columns(header, survey, file_name, header_at + 1)
    rows: list[SurveyRow] = []
    problems: list[CellProblem] = []
    for index in range(header_at + 1, len(table)):
        cells = table[index]
        if not any(cells):
            continue
        row, found = _row(cells, columns, survey, header, file_name, index + 1)
        rows.append(row)
        problems.extend(found)
    return SurveySheet(survey, file_name, tuple(rows), tuple(problems))


def _survey_of(header: Sequence[str]) -> Survey:
    """PMQA when a header names a category (หมวด / category), else DGA."""
    keys = [_key(h) for h in header]
    if any(k.startswith(("หมวด", "category", "cat ")) for k in keys):
        return Survey.PMQA
    if any(_key(c[0]) in keys or _key(c[1]) in keys for c in CATEGORIES):
        return Survey.PMQA
    return Survey.DGA


def _part_names(survey: Survey) -> list[set[str]]:
    if survey is Survey.DGA:
        return [{_key(p)} for p in PILLARS]
    return [{_key(th), _key(en)} for th, en in CATEGORIES]


def _columns(header: Sequence[str], survey: Survey, file_name: str, line: int) -> dict[str, int]:
    """Header → column index for 'agency', 'overall' and parts '1'..'7'; SurveyError if absent."""
    names = _part_names(survey)
    columns: dict[str, int] = {}
    for index, heading in enumerate(header):
        key = _key(heading)
        numbered = _NUMBERED.match(key)
        if key in AGENCY_HEADERS:
            columns.setdefault("agency", index)
        elif key in OVERALL_HEADERS:
            columns.setdefault("overall", index)
        elif numbered:
            columns.setdefault(numbered.group(1), index)
        else:
            part = next((n for n, known in enumerate(names, 1) if key in known), None)
            if part is not None:
                columns.setdefault(str(part), index)
    wanted = ["agency", *map(str, range(1, PARTS + 1)), "overall"]
    missing = [w for w in wanted if w not in columns]
    if missing:
        shown = ", ".join(_wanted_name(w, survey) for w in missing)
        raise SurveyError(
            [
                CellProblem(
                    f"the header row has no column for: {shown}",
                    f"แถวหัวตารางไม่มีคอลัมน์: {shown}",
                    file_name,
                    line,
                )
            ]
        )
    return columns


def _wanted_name(what: str, survey: Survey) -> str:
    if what == "agency":
        return "agency (หน่วยงาน)"
    if what == "overall":
        return "overall (คะแนนรวม)"
    if survey is Survey.DGA:
        return f"pillar {what} ({PILLARS[int(what) - 1]})"
    return f"หมวด {what} ({CATEGORIES[int(what) - 1][1]})"


def _row(
    cells: Sequence[str],
    columns: Mapping[str, int],
    survey: Survey,
    header: Sequence[str],
    file_name: str,
    line: int,
) -> tuple[SurveyRow, list[CellProblem]]:
    problems: list[CellProblem] = []

    def cell(what: str) -> tuple[str, str]:
        index = columns[what]
        text = cells[index] if index < len(cells) else ""
        return text, f"{column_letter(index)} ({header[index]})"

    def refuse(where: str, message: str, message_th: str) -> None:
        problems.append(CellProblem(message, message_th, file_name, line, where))

    agency, where = cell("agency")
    if not agency:
        refuse(where, "no agency code or name", "ไม่มีรหัสหรือชื่อหน่วยงาน")
    parts: list[Decimal | None] = []
    for part in range(1, PARTS + 1):
        text, where = cell(str(part))
        parts.append(_part(text, survey, where, refuse))
    text, where = cell("overall")
    overall = _bounded(text, Decimal(0), OVERALL_MAX[survey], where, refuse)
    return SurveyRow(line, unicodedata.normalize("NFC", agency), tuple(parts), overall), problems


def _part(text: str, survey: Survey, where: str, refuse: _Refuse) -> Decimal | None:
    """A DGA pillar level (a whole number 1–5) or a PMQA category score (0–500)."""
    if survey is Survey.PMQA:
        return _bounded(text, Decimal(0), OVERALL_MAX[survey], where, refuse)
    low, high = PILLAR_LEVELS
    level = _bounded(text, Decimal(low), Decimal(high), where, refuse)
    if level is not None and level != level.to_integral_value():
        refuse(
            where,
            f"a pillar level is a whole number, got {text}",
            f"ระดับ Pillar ต้องเป็นจำนวนเต็ม แต่พบ {text}",
        )
        return None
    return level


def _bounded(text: str, low: Decimal, high: Decimal, where: str, refuse: _Refuse) -> Decimal | None:
    """A number from low to high, or None after refusing the cell."""
    if not text:
        refuse(where, "empty: give a number", "ว่าง: ต้องระบุตัวเลข")
        return None
    try:
        value = parse_number(text.replace(",", ""))
    except Problem as exc:
        refuse(where, str(exc), exc.message_th)
        return None
    if not low <= value <= high:
        refuse(
            where,
            f"must be from {low} to {high}, got {text}",
            f"ต้องอยู่ระหว่าง {low} ถึง {high} แต่พบ {text}",
        )
        return None
    return value


def results_of(
    survey: Survey, row: SurveyRow, kpis: Mapping[str, str] = DEFAULT_KPIS
) -> dict[str, object]:
    """The raw results a row gives, by KPI id: the engine's normal result reading follows.

    DGA: {pillars KPI: {"pillars": {pillar: level}}, score KPI: overall}; PMQA: {KPI: overall}.
    """
    if survey is Survey.PMQA:
        return {kpis["pmqa_score"]: row.overall}
    levels = {name: level for name, level in zip(PILLARS, row.parts, strict=True)}
    return {kpis["pillars"]: {PILLARS_NAME: levels}, kpis["dga_score"]: row.overall}
