"""Read an OPDC KPI template from the text extracted from its PDF into a :class:`Draft`.

Each section has its own small reader; what a reader cannot find becomes a :class:`Problem`
naming the line, never an exception. Nothing here knows one agency's KPIs: the structure
read is the OPDC form's (summary page with groups, categories and weights; one detail page
per KPI headed "ตัวชี้วัด N"; criteria tables "เกณฑ์การประเมิน รอบที่ N (M เดือน)").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from thaikpi.textimport.levels import monotone, plain_number, read_levels
from thaikpi.textimport.model import (
    Draft,
    DraftCategory,
    DraftGroup,
    DraftKpi,
    DraftRound,
    Problem,
)
from thaikpi.textimport.pdf_text_repair import repair_thai

_NUMBER: Final = r"\d[\d,]*(?:\.\d+)?"
_KPI_HEADER: Final = re.compile(r"^\s*ตัวชี้วัด(?:ที่)?\s*(\d{1,2})(?![\d.])\s*[:：.]?\s*(.*)$")
_GROUP: Final = re.compile(rf"^\s*(?!\d+\.)(.+?)\s*\(\s*ร้อยละ\s*({_NUMBER})\s*\)\s*\d?\s*$")
_CATEGORY: Final = re.compile(r"^\s*\d+\.\d+\s+(.+)$")
_SUMMARY_ITEM: Final = re.compile(r"^\s*(\d{1,2})\.\s+(.+)$")
_TRAILING_WEIGHT: Final = re.compile(rf"\s*ร้อยละ\s*({_NUMBER})\s*$")
_LONE_WEIGHT: Final = re.compile(rf"^\s*ร้อยละ\s*({_NUMBER})\s*$")
_KIND: Final = re.compile(r"\s*\b(Proxy|Strategic)\s+KPIs?\b\s*", re.IGNORECASE)
_WEIGHT_LABEL: Final = re.compile(r"น้ำหนัก\s*(?:\(?ร้อยละ\)?)?\s*[:：]?\s*(" + _NUMBER + r")?\s*$")
_WEIGHT_ALONE: Final = re.compile(rf"^\s*({_NUMBER})\s*$")
_CRITERIA: Final = re.compile(r"^\s*เกณฑ์การประเมิน")
_ROUND: Final = re.compile(r"รอบ\s*ที่\s*(\d)\s*\(\s*(\d{1,2})\s*เดือน\s*\)")
# Some forms name a round by its months only: "เกณฑ์การประเมิน (รอบ 6 เดือน)".
_MONTHS: Final = re.compile(r"(?<!\d)(\d{1,2})\s*เดือน")
_ENGLISH: Final = re.compile(r"\(([A-Za-z][A-Za-z ]*?)\)")
_FISCAL_YEAR: Final = re.compile(r"ปีงบประมาณ\s*(?:พ\s*\.\s*ศ\s*\.)?\s*(25\d\d)")
_MINISTRY: Final = re.compile(r"กระทรวง[\u0e00-\u0e7f]+")
_UNITS: Final = (
    "ร้อยละ",
    "ล้านบาท",
    "ล้านเหรียญสหรัฐ",
    "บาท",
    "ราย",
    "ระดับ",
    "คะแนน",
    "ครั้ง",
    "วัน",
    "คน",
    "แห่ง",
    "เรื่อง",
    "สัดส่วน",
)
_UNIT_EN: Final = {
    "ร้อยละ": "percent",
    "ล้านบาท": "million baht",
    "ล้านเหรียญสหรัฐ": "million US dollars",
    "บาท": "baht",
    "ราย": "cases",
    "ระดับ": "level",
    "คะแนน": "points",
    "ครั้ง": "times",
    "วัน": "days",
    "คน": "people",
    "แห่ง": "places",
    "เรื่อง": "items",
    "สัดส่วน": "ratio",
}

# Labelled fields of a detail page, "label : value", and where they go.
FIELDS: Final = {
    "คำอธิบาย": "description",
    "ขอบเขตการประเมิน": "scope",
    "สูตรคำนวณ": "formula_text",
    "แหล่งที่มาของข้อมูล": "data_sources",
    "วิธีการเก็บข้อมูล": "collection_method",
    "ผู้รับผิดชอบการรายงานผล": "responsible",
    "หน่วยงานที่เกี่ยวข้อง": "related_agencies",
    "ช่วงเวลารายงานผล": "reporting_period",
    "เงื่อนไข": "conditions",
    "หมายเหตุ": "notes",
}
_LABEL: Final = re.compile(r"(" + "|".join(FIELDS) + r")\s*[:：]")
# A label alone on its line (or right after a table cell's ")"), its text on the next lines.
_LABEL_ALONE: Final = re.compile(r"(?:^[^\w]*|\))(" + "|".join(FIELDS) + r")\s*$")
# Lines that start another part of the form: a labelled field's text stops before them.
_STOP: Final = re.compile(
    r"^\s*(?:เกณฑ์การประเมิน|น้ำหนัก|ข้อมูลพื้นฐาน|ประเภท\s|Proxy|KPI Template|Joint KPIs"
    r"|รายละเอียดตัวชี้วัด|ตัวชี้วัด\s*\d|เป้าหมาย\s*ปี\s*\d{4}\s*:|เป้าหมายแผนแม่บท|แผนแม่บท"
    r"|ยุทธศาสตร์ชาติ|รหัส\s*:|เป้าหมายระดับ|"
    + _NUMBER
    + r"\s*$)"
    + "|"
    + _LABEL.pattern
    + "|"
    + _LABEL_ALONE.pattern
)
# A line that opens with its own short "label :" starts another field, named or not.
_OTHER_LABEL: Final = re.compile(r"^[^:：]{1,30}\s[:：]\s")
# On the summary page a note also stops at a KPI row, a category heading or a lone weight.
_SUMMARY_STOP: Final = re.compile(r"^\s*(?:\d{1,2}\.\s|\d+\.\d+\s|ร้อยละ\s*\d)")
FIELD_MAX_LINES: Final = 30


@dataclass(frozen=True)
class Header:
    """A KPI's detail-page heading "ตัวชี้วัด N : name" (index is 0-based)."""

    index: int
    number: int
    name: str


@dataclass(frozen=True)
class SummaryItem:
    """A KPI row of the summary page: name, weight as printed, kind, category."""

    index: int
    name: str
    weight: str | None
    kind: str
    category: int | None  # index into the categories read


def import_text(text: str) -> Draft:
    """Read extracted text into a draft template and the list of what could not be read."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    repaired, repairs = repair_thai(text)
    lines = repaired.split("\n")
    draft = Draft(repairs=len(repairs))
    headers = find_headers(lines)
    first_detail = page_start(lines, headers[0].index) if headers else len(lines)
    summary = lines[:first_detail]
    draft.groups, categories = read_groups(summary, draft.problems)
    items = read_summary(summary, draft.problems)
    draft.notes = [text for _line, text in labelled(summary, 0, "หมายเหตุ", _SUMMARY_STOP)]
    placed = assign_groups(draft.groups, categories, items, draft.problems)
    draft.year_be = read_fiscal_year(lines, draft.problems)
    draft.rounds = read_rounds(lines)
    segments = kpi_segments(lines, headers)
    boxes = weight_boxes(lines, headers, draft.problems)
    for position, header in enumerate(headers):
        item = items[position] if position < len(items) else None
        kpi = read_kpi(lines, header, segments[position], item, draft, boxes.get(position))
        if item is not None and item.category is not None and item.category < len(placed):
            kpi.category, kpi.group = placed[item.category]
        elif draft.groups:
            kpi.group = draft.groups[0].id
        draft.kpis.append(kpi)
    draft.groups.sort(key=lambda g: -Decimal(g.weight))
    check_counts(headers, items, draft.problems)
    draft.agency_name, draft.ministry = read_agency(draft.kpis, lines, draft.problems)
    return draft


# --- structure ----------------------------------------------------------------------------


def find_headers(lines: list[str]) -> list[Header]:
    """Every "ตัวชี้วัด N" heading, in order; a number seen again is a repeat, not a new KPI."""
    headers: list[Header] = []
    seen: set[int] = set()
    for index, line in enumerate(lines):
        match = _KPI_HEADER.match(line)
        if match and int(match.group(1)) not in seen:
            seen.add(int(match.group(1)))
            headers.append(Header(index, int(match.group(1)), match.group(2).strip()))
    return headers


def page_start(lines: list[str], index: int) -> int:
    """Where the page holding line ``index`` starts: after the last run of 2+ blank lines."""
    blanks = 0
    for i in range(index - 1, -1, -1):
        if lines[i].strip():
            if blanks >= 2:
                return i + blanks + 1
            blanks = 0
        else:
            blanks += 1
    return 0


def kpi_segments(lines: list[str], headers: list[Header]) -> list[tuple[int, int]]:
    """The lines of each KPI: its whole page, split at the next heading on the same page.

    The flattening often puts a page's tables before its heading, so a page's start belongs
    to the first KPI heading on it.
    """
    segments = []
    for position, header in enumerate(headers):
        start = page_start(lines, header.index)
        if position > 0 and start <= headers[position - 1].index:
            start = header.index
        end = headers[position + 1].index if position + 1 < len(headers) else len(lines)
        following = page_start(lines, end) if position + 1 < len(headers) else end
        if following > header.index:
            end = following
        segments.append((start, end))
    return segments


def read_groups(
    summary: list[str], problems: list[Problem]
) -> tuple[list[DraftGroup], list[DraftCategory]]:
    """Assessment groups ("... (ร้อยละ 70)") and KPI categories ("1.1 ...") of the summary."""
    groups: list[DraftGroup] = []
    categories: list[DraftCategory] = []
    for index, line in enumerate(summary):
        category = _CATEGORY.match(line)
        if category:
            name = category.group(1).strip()
            categories.append(
                DraftCategory(_slug(name, "category", len(categories)), name, index + 1)
            )
            continue
        group = _GROUP.match(line)
        if group and not _SUMMARY_ITEM.match(line):
            name = group.group(1).strip()
            weight = plain_number(group.group(2))
            groups.append(
                DraftGroup(_slug(name, "group", len(groups)), name, weight, line=index + 1)
            )
    if not groups:
        problems.append(
            Problem(
                None,
                "no assessment group with its weight (e.g. 'Performance Base (ร้อยละ 70)') "
                "found on the summary page; one group holds every KPI",
                "ไม่พบกลุ่มการประเมินพร้อมน้ำหนัก (เช่น 'Performance Base (ร้อยละ 70)') "
                "ในหน้าสรุป จึงรวมทุกตัวชี้วัดไว้ในกลุ่มเดียว",
            )
        )
    return groups, categories


def _slug(name: str, prefix: str, position: int) -> str:
    """An id from the English words in a heading ("(Performance Base)" → "performance")."""
    english = _ENGLISH.findall(name)
    if english:
        word = english[-1].split()[0].lower()
        return re.sub(r"[^a-z0-9_]", "", word) or f"{prefix}{position + 1}"
    return f"{prefix}{position + 1}"


def read_summary(summary: list[str], problems: list[Problem]) -> list[SummaryItem]:
    """The numbered KPI rows of the summary page with their weights, in order.

    A weight the flattening moved to a line of its own ("ร้อยละ 20") goes to the first
    earlier row still without one.
    """
    items: list[SummaryItem] = []
    category: int | None = None
    for index, line in enumerate(summary):
        if _CATEGORY.match(line):
            category = 0 if category is None else category + 1
            continue
        lone = _LONE_WEIGHT.match(line)
        if lone:
            waiting = next((i for i, it in enumerate(items) if it.weight is None), None)
            if waiting is None:
                problems.append(
                    _problem(index, "a weight with no KPI row before it", "พบน้ำหนักที่ไม่มีตัวชี้วัดก่อนหน้า")
                )
            else:
                item = items[waiting]
                items[waiting] = SummaryItem(
                    item.index, item.name, plain_number(lone.group(1)), item.kind, item.category
                )
            continue
        match = _SUMMARY_ITEM.match(line)
        if match and category is not None:
            items.append(_summary_item(index, match.group(2), category))
    for item in items:
        if item.weight is None:
            problems.append(
                _problem(item.index, "no weight found for this KPI row", "ไม่พบน้ำหนักของตัวชี้วัดในแถวนี้")
            )
    return items


def _summary_item(index: int, text: str, category: int) -> SummaryItem:
    weight = _TRAILING_WEIGHT.search(text)
    if weight:
        text = text[: weight.start()]
    kind = _KIND.search(text)
    name = _KIND.sub(" ", text).strip()
    return SummaryItem(
        index,
        name,
        plain_number(weight.group(1)) if weight else None,
        kind.group(1).lower() if kind else "unlinked",
        category,
    )


def assign_groups(
    groups: list[DraftGroup],
    categories: list[DraftCategory],
    items: list[SummaryItem],
    problems: list[Problem],
) -> list[tuple[str, str]]:
    """Put each category in the group whose weight its KPIs' weights add up to.

    Returns (category id, group id) for each category, in the summary page's order.

    The summary page's headings come out of the PDF in any order, so the weights, not the
    order, say which category belongs to which group.
    """
    sums: dict[int, Decimal] = {}
    for item in items:
        if item.category is not None and item.weight is not None:
            sums[item.category] = sums.get(item.category, Decimal(0)) + Decimal(item.weight)
    free = list(groups)
    placed: list[tuple[str, str]] = []
    for position, category in enumerate(categories):
        group = next((g for g in free if Decimal(g.weight) == sums.get(position)), None)
        if group is None and free:
            group = free[0]
            problems.append(
                _problem(
                    (category.line or 1) - 1,
                    f"the weights of category '{category.name}' do not add up to a group's weight; "
                    f"put under '{group.name}'",
                    f"น้ำหนักของหมวด '{category.name}' ไม่เท่ากับน้ำหนักของกลุ่มใด จึงจัดไว้ใต้ '{group.name}'",
                )
            )
        if group is not None:
            group.categories.append(category)
            placed.append((category.id, group.id))
            if len(free) > 1:
                free.remove(group)
    return placed


def check_counts(headers: list[Header], items: list[SummaryItem], problems: list[Problem]) -> None:
    """Say when the summary page and the detail pages list a different number of KPIs."""
    if len(headers) != len(items):
        problems.append(
            Problem(
                None,
                f"the summary page lists {len(items)} KPIs but {len(headers)} detail pages "
                "('ตัวชี้วัด N') were found",
                f"หน้าสรุปมี {len(items)} ตัวชี้วัด แต่พบหน้ารายละเอียด ('ตัวชี้วัด N') {len(headers)} หน้า",
            )
        )


def read_fiscal_year(lines: list[str], problems: list[Problem]) -> int | None:
    """The fiscal year: the year named most often after "ปีงบประมาณ" (the latest on a tie)."""
    years = Counter(int(y) for line in lines for y in _FISCAL_YEAR.findall(line))
    if not years:
        problems.append(
            Problem(
                None, "no fiscal year ('ปีงบประมาณ 25xx') found", "ไม่พบปีงบประมาณ ('ปีงบประมาณ 25xx')"
            )
        )
        return None
    top = max(years.values())
    return max(year for year, count in years.items() if count == top)


def read_rounds(lines: list[str]) -> dict[int, int]:
    """The reporting rounds the criteria tables name: {1: 6, 2: 12}; one 12-month round if none."""
    rounds: dict[int, int] = {}
    by_months: set[int] = set()
    for line in lines:
        if _CRITERIA.match(line):
            for number, months in _ROUND.findall(line):
                rounds.setdefault(int(number), int(months))
            by_months.update(int(m) for m in _MONTHS.findall(line) if 1 <= int(m) <= 12)
    if not rounds and by_months:
        rounds = {number: months for number, months in enumerate(sorted(by_months)[-2:], 1)}
    return dict(sorted(rounds.items())) or {1: 12}


def round_of(line: str, rounds: dict[int, int]) -> int:
    """The round a criteria heading names, by number or by months; the last round if none."""
    numbered = _ROUND.findall(line)
    if numbered:
        return int(numbered[0][0])
    months = [int(m) for m in _MONTHS.findall(line)]
    return next((n for n, m in rounds.items() if m in months), max(rounds))


def weight_boxes(
    lines: list[str], headers: list[Header], problems: list[Problem]
) -> dict[int, tuple[int, str | None]]:
    """Each detail page's weight box ("น้ำหนัก" and a figure), given to the nearest heading.

    Returns {header position: (line index, weight or None when the box is blank)}.
    """
    boxes: dict[int, tuple[int, str | None]] = {}
    for index, line in enumerate(lines):
        match = _WEIGHT_LABEL.search(line)
        if not match or not headers or _LABEL.search(line.split("น้ำหนัก")[0]):
            continue
        weight = match.group(1)
        if weight is None and index + 1 < len(lines):
            alone = _WEIGHT_ALONE.match(lines[index + 1])
            weight = alone.group(1) if alone else None
        nearest = min(range(len(headers)), key=lambda p: abs(headers[p].index - index))
        known = boxes.get(nearest)
        if known is None or abs(headers[nearest].index - index) < abs(
            headers[nearest].index - known[0]
        ):
            boxes[nearest] = (index, plain_number(weight) if weight else None)
    return boxes


# --- one KPI ------------------------------------------------------------------------------


def read_kpi(
    lines: list[str],
    header: Header,
    segment: tuple[int, int],
    item: SummaryItem | None,
    draft: Draft,
    box: tuple[int, str | None] | None,
) -> DraftKpi:
    """One KPI from its detail page, completed by its summary-page row."""
    kpi_id = str(header.number)
    name = header.name or (item.name if item else "")
    kpi = DraftKpi(kpi_id, name, line=header.index + 1)
    if not name:
        draft.problems.append(_problem(header.index, "no KPI name", "ไม่พบชื่อตัวชี้วัด", kpi_id))
    if item is not None:
        kpi.kind = item.kind
    kpi.weight = read_weight(kpi_id, item, box, draft.problems)
    kpi.unit = read_unit(name) or (read_unit(item.name) if item else None)
    if kpi.unit is None:
        draft.problems.append(
            _problem(
                header.index,
                "no unit in the KPI name; fill in 'unit'",
                "ไม่พบหน่วยในชื่อตัวชี้วัด กรุณากรอก unit",
                kpi_id,
            )
        )
    start, end = segment
    body = lines[start:end]
    for _label_line, field, text in read_fields(body, start):
        if field in ("conditions", "notes"):
            getattr(kpi, field).append(text)
        elif getattr(kpi, field) is None:
            setattr(kpi, field, text)
    kpi.rounds = read_criteria(body, start, kpi_id, draft)
    directions = {r.line: _direction(r) for r in kpi.rounds.values() if r.levels}
    if "lower" in directions.values() and "higher" not in directions.values():
        kpi.direction = "lower"
    for line, direction in directions.items():
        if direction is None:
            draft.problems.append(
                _problem(
                    (line or 1) - 1,
                    "the level figures are not in order (50 → 75 → 100); check them",
                    "ค่าเป้าหมายไม่เรียงตามลำดับ (50 → 75 → 100) กรุณาตรวจสอบ",
                    kpi_id,
                )
            )
    return kpi


def read_weight(
    kpi_id: str,
    item: SummaryItem | None,
    box: tuple[int, str | None] | None,
    problems: list[Problem],
) -> str | None:
    """The weight from the summary page, checked against the detail page's weight box."""
    summary = item.weight if item else None
    detail = box[1] if box else None
    line = box[0] if box else (item.index if item else 0)
    if box is not None and detail is None:
        problems.append(
            _problem(
                line,
                "the weight box on the detail page is blank"
                + ("; the summary page's weight is used" if summary else ""),
                "ช่องน้ำหนักในหน้ารายละเอียดว่าง" + (" จึงใช้น้ำหนักจากหน้าสรุป" if summary else ""),
                kpi_id,
            )
        )
    if summary and detail and Decimal(summary) != Decimal(detail):
        problems.append(
            _problem(
                line,
                f"the detail page's weight {detail} differs from the summary page's {summary}; "
                "the summary page's is used",
                f"น้ำหนักในหน้ารายละเอียด {detail} ไม่ตรงกับหน้าสรุป {summary} จึงใช้ค่าจากหน้าสรุป",
                kpi_id,
            )
        )
    weight = summary or detail
    if weight is None:
        problems.append(_problem(line, "no weight found", "ไม่พบน้ำหนัก", kpi_id))
    return weight


def read_unit(name: str) -> str | None:
    """The unit a KPI's name gives: "(ร้อยละ)" at its end, or the word it starts with."""
    tail = re.search(r"\(([^()]+)\)\s*$", name)
    if tail and tail.group(1).strip() in _UNITS:
        return tail.group(1).strip()
    return next((unit for unit in _UNITS if name.startswith(unit)), None)


def unit_en(unit: str) -> str:
    """The English for a unit word the import recognizes ('' when it is not one)."""
    return _UNIT_EN.get(unit, "")


def read_fields(body: list[str], offset: int) -> Iterator[tuple[int, str, str]]:
    """Every labelled field of a detail page: (line, field, text), "-" (none) left out."""
    for label, field in FIELDS.items():
        for line, text in labelled(body, offset, label):
            if text.strip(" -–") and not (field == "related_agencies" and "โปรดระบุ" in text):
                yield line, field, text


def labelled(
    body: list[str], offset: int, label: str, stop: re.Pattern[str] | None = None
) -> Iterator[tuple[int, str]]:
    """The text after each "label :" up to the next label or part of the form."""
    for index, line in enumerate(body):
        matches = list(_LABEL.finditer(line)) or list(_LABEL_ALONE.finditer(line))
        for match in matches:
            if match.group(1) != label:
                continue
            rest = line[match.end() :]
            following = _LABEL.search(rest)
            parts = [rest[: following.start()] if following else rest]
            if not following:
                parts += _continuation(body, index + 1, stop)
            text = re.sub(r"\s+", " ", " ".join(p.strip() for p in parts if p.strip())).strip()
            yield offset + index + 1, text


def _continuation(body: list[str], start: int, stop: re.Pattern[str] | None = None) -> list[str]:
    """Lines continuing a field's text: until a part of the form, two blank lines or a cap."""
    parts: list[str] = []
    blanks = 0
    for line in body[start : start + FIELD_MAX_LINES]:
        if not line.strip():
            blanks += 1
            if blanks >= 2:
                break
            continue
        if _STOP.match(line) or _OTHER_LABEL.match(line) or _GROUP.match(line):
            break
        if stop and stop.match(line):
            break
        blanks = 0
        parts.append(line)
    return parts


def read_criteria(body: list[str], offset: int, kpi_id: str, draft: Draft) -> dict[int, DraftRound]:
    """Each round's criteria table; a round the page gives no table for is not assessed."""
    last = max(draft.rounds)
    found: dict[int, DraftRound] = {}
    for index, line in enumerate(body):
        if not _CRITERIA.match(line):
            continue
        number = round_of(line, draft.rounds)
        table = _table(body, index + 1)
        levels = read_levels(table, last if number != last else 0)
        if number == last:
            for level in levels:
                level.rule = None if level.rule and level.rule.get("round") == 0 else level.rule
        unit = re.search(r"\(\s*(ร้อยละ|ล้านบาท|คะแนน|ระดับ)\s*\)\s*$", line)
        found[number] = DraftRound(
            number,
            levels=levels,
            line=offset + index + 1,
            text=" ".join(t.strip() for t in table if t.strip()),
            unit=unit.group(1) if unit else None,
        )
        _check_levels(found[number], kpi_id, draft.problems)
    for number in draft.rounds:
        if number not in found:
            found[number] = DraftRound(
                number,
                assessed=False,
                reason="เอกสารไม่มีเกณฑ์การประเมินของรอบนี้",
            )
    return dict(sorted(found.items()))


def _table(body: list[str], start: int) -> list[str]:
    """The lines of a criteria table, up to the next part of the form."""
    table = []
    for line in body[start:]:
        if _STOP.match(line) and not _WEIGHT_ALONE.match(line):
            break
        table.append(line)
    return table


def _check_levels(rnd: DraftRound, kpi_id: str, problems: list[Problem]) -> None:
    line = (rnd.line or 1) - 1
    if not rnd.levels:
        rnd.measure = "judged"
        problems.append(
            _problem(
                line,
                f"round {rnd.number}: no level figures could be read from the criteria table; "
                "written as a judged KPI with the table's text in a note",
                f"รอบที่ {rnd.number}: อ่านค่าเป้าหมายจากตารางเกณฑ์การประเมินไม่ได้ "
                "จึงเขียนเป็นตัวชี้วัดแบบพิจารณาระดับ (judged) และเก็บข้อความของตารางไว้ใน note",
                kpi_id,
            )
        )
    elif any(level.stated is None and level.rule is None for level in rnd.levels):
        problems.append(
            _problem(
                line,
                f"round {rnd.number}: the levels are a percentage of a figure the text does "
                "not give; add the figure or a rule",
                f"รอบที่ {rnd.number}: ค่าเป้าหมายเป็นร้อยละของตัวเลขที่เอกสารไม่ได้ระบุ กรุณาเพิ่มตัวเลขหรือ rule",
                kpi_id,
            )
        )


def _direction(rnd: DraftRound) -> str | None:
    stated = [Decimal(level.stated) for level in rnd.levels if level.stated is not None]
    return monotone(stated) if len(stated) == 3 else "higher"


# --- agency -------------------------------------------------------------------------------


def read_agency(
    kpis: list[DraftKpi], lines: list[str], problems: list[Problem]
) -> tuple[str | None, str | None]:
    """The agency: the department named most often as responsible or related unit.

    The form's pages do not carry the agency's name in a fixed place, so this is a guess,
    and said to be one.
    """
    names = Counter(
        name.strip()
        for kpi in kpis
        for name in (kpi.responsible, kpi.related_agencies)
        if name and name.strip().startswith(("กรม", "สำนักงาน", "จังหวัด", "กระทรวง"))
    )
    ministries = Counter(m for line in lines for m in _MINISTRY.findall(line))
    agency = names.most_common(1)[0][0] if names else None
    ministry = ministries.most_common(1)[0][0] if ministries else None
    problems.append(
        Problem(
            None,
            f"agency guessed as '{agency or '?'}' of '{ministry or '?'}' from the responsible "
            "units; check it and fill in the agency code",
            f"คาดว่าหน่วยงานคือ '{agency or '?'}' สังกัด '{ministry or '?'}' จากผู้รับผิดชอบการรายงานผล "
            "กรุณาตรวจสอบและกรอกรหัสหน่วยงาน",
        )
    )
    return agency, ministry


def _problem(index: int, message: str, message_th: str, kpi: str | None = None) -> Problem:
    """A problem at 0-based line ``index`` (reported 1-based)."""
    return Problem(index + 1, message, message_th, kpi)
