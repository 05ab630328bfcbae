"""The layout of a template as a workbook: which section holds which field, in which words.

The writer (:mod:`thaikpi.reports.template_workbook`) and the reader
(:mod:`thaikpi.reports.template_workbook_read`) both follow these tables, so a field added to
the template format is added here once. Every label is Thai with the English in brackets;
kinds that take a fixed set of values (rule kinds, directions, …) are drop-downs of Thai words.
"""

from __future__ import annotations

from dataclasses import dataclass

SUMMARY = "สรุป (Summary)"
KPI_SHEET = "ตัวชี้วัดที่ {id}"
LISTS = "รายการเลือก (Lists)"  # hidden: the drop-downs' choices

# value kinds of a field: how it is written and read back
TEXT = "text"  # a {th, en} pair: two cells
STR = "str"
INT = "int"
NUM = "num"  # an exact figure, written as text with its places
BOOL = "bool"
DATE = "date"
CONDITIONS = "conditions"  # a level's conditions: "quality_pct >= 90; registered_pct >= 95"

YES, NO = "ใช่ (yes)", "ไม่ใช่ (no)"

# Thai words for every fixed set of codes the format uses: code -> label in the drop-down
CHOICES: dict[str, dict[str, str]] = {
    "rule": {
        "fixed": "ค่าคงที่ (fixed)",
        "xy": "เทียบค่า X กับ Y (xy)",
        "baseline": "สถิติข้อมูลพื้นฐาน (baseline)",
        "best_plus_interval": "ค่าดีสุดบวกช่วงห่าง (best_plus_interval)",
        "percent_of_level": "ร้อยละของเป้าหมายอื่น (percent_of_level)",
        "percent_of_parameter": "ร้อยละของพารามิเตอร์ (percent_of_parameter)",
    },
    "pick": {"low": "ค่าต่ำกว่า (low)", "mid": "ค่ากลาง (mid)", "high": "ค่าสูงกว่า (high)"},
    "stat": {
        "mean": "ค่าเฉลี่ย (mean)",
        "best": "ค่าดีที่สุด (best)",
        "worst": "ค่าต่ำที่สุด (worst)",
        "latest": "ปีล่าสุด (latest)",
    },
    "use": {"stated": "ตัวเลขที่ระบุ (stated)", "rule": "ตามวิธีคำนวณ (rule)"},
    "direction": {"higher": "ยิ่งมากยิ่งดี (higher)", "lower": "ยิ่งน้อยยิ่งดี (lower)"},
    "kpi_kind": {
        "strategic": "ตัวชี้วัดเชิงยุทธศาสตร์ (strategic)",
        "proxy": "ตัวชี้วัดทดแทน (proxy)",
        "unlinked": "ไม่เชื่อมโยง (unlinked)",
    },
    "measure": {
        "numeric": "ค่าตัวเลข (numeric)",
        "count": "นับจำนวน (count)",
        "judged": "ประเมินระดับ (judged)",
        "conditions": "ตามเงื่อนไข (conditions)",
    },
    "mode": {"half_up": "ปัดครึ่งขึ้น (half_up)", "truncate": "ตัดทิ้ง (truncate)"},
    "method": {"interpolate": "เทียบบัญญัติไตรยางศ์ (interpolate)", "step": "ขั้นบันได (step)"},
    "below_entry": {"zero": "ได้ศูนย์ (zero)", "extrapolate": "คำนวณต่อ (extrapolate)"},
    "scale": {
        "opdc-3": "50 / 75 / 100 ของ ก.พ.ร. (opdc-3)",
        "five-level": "5 ระดับ 1-5 (five-level)",
    },
    "link": {
        code: f"{th} ({code})"
        for code, th in (
            ("national_strategy", "ยุทธศาสตร์ชาติ"),
            ("master_plan", "แผนแม่บท"),
            ("sub_plan", "แผนย่อย"),
            ("plan_target", "เป้าหมายแผน"),
            ("value_chain", "ห่วงโซ่คุณค่า"),
            ("factor", "ปัจจัย"),
            ("national_plan", "แผนพัฒนาฯ"),
            ("milestone", "หมุดหมาย"),
            ("joint_agenda", "วาระร่วม"),
            ("agenda_service", "ภารกิจบริการ"),
            ("other", "อื่น ๆ"),
        )
    },
    "bool": {"true": YES, "false": NO},
}


@dataclass(frozen=True)
class Field:
    """One field: where it sits in the record, its label, and how its value is written."""

    path: tuple[str | int, ...]
    label: str
    kind: str = STR
    choice: str = ""  # a CHOICES key: a drop-down of its Thai labels

    def headers(self) -> tuple[str, ...]:
        """The column headers (tables) a field takes: two for a Thai/English text."""
        if self.kind == TEXT:
            return (f"{self.label} ไทย", f"{self.label} English")
        return (self.label,)


def _f(path: str, label: str, kind: str = STR, choice: str = "") -> Field:
    parts = tuple(int(p) if p.isdigit() else p for p in path.split("."))
    return Field(parts, label, kind, choice)


def _rounding(prefix: str, label: str) -> list[Field]:
    return [
        _f(f"{prefix}.places", f"{label}: ทศนิยม (places)", INT),
        _f(f"{prefix}.mode", f"{label}: วิธีปัด (mode)", STR, "mode"),
        _f(f"{prefix}.intermediate", f"{label}: ปัดค่าระหว่างทาง (intermediate)", BOOL, "bool"),
    ]


@dataclass(frozen=True)
class Section:
    """A titled block of a sheet: label/value rows (``table=False``) or a table of records."""

    key: str
    title: str
    fields: tuple[Field, ...]
    table: bool = False


def _s(key: str, title: str, fields: list[Field], table: bool = False) -> Section:
    return Section(key, title, tuple(fields), table)


SCORECARD = _s(
    "scorecard",
    "แม่แบบตัวชี้วัด (Scorecard template)",
    [
        _f("id", "รหัสแม่แบบ (Template id)"),
        _f("version", "ฉบับที่ (Version)", INT),
        _f("title", "ชื่อเอกสาร (Title)", TEXT),
        _f("source", "ที่มา (Source)", TEXT),
        _f("agency.code", "รหัสหน่วยงาน (Agency code)"),
        _f("agency.name", "ชื่อหน่วยงาน (Agency)", TEXT),
        _f("agency.ministry", "กระทรวง (Ministry)", TEXT),
        _f("fiscal_year.year_be", "ปีงบประมาณ พ.ศ. (Fiscal year B.E.)", INT),
        _f("fiscal_year.starts", "วันเริ่มปีงบประมาณ ค.ศ. (Starts, YYYY-MM-DD)", DATE),
        _f("fiscal_year.ends", "วันสิ้นปีงบประมาณ ค.ศ. (Ends, YYYY-MM-DD)", DATE),
        _f("total_weight", "น้ำหนักรวม (Total weight)", NUM),
        _f("scale", "ระดับคะแนน (Scale)", STR, "scale"),
        *_rounding("rounding", "การปัดเศษ (Rounding)"),
        _f("scoring.method", "วิธีคิดคะแนน (Scoring method)", STR, "method"),
        _f("scoring.below_entry", "ต่ำกว่าขั้นต้น (Below the 50 level)", STR, "below_entry"),
        *_rounding("scoring.score_rounding", "การปัดคะแนน (Score rounding)"),
        *_rounding("scoring.weighted_rounding", "การปัดคะแนนถ่วงน้ำหนัก (Weighted rounding)"),
    ],
)
ROUNDS = _s(
    "rounds",
    "รอบการประเมิน (Evaluation rounds)",
    [
        _f("number", "รอบที่ (Round)", INT),
        _f("months", "จำนวนเดือน (Months)", INT),
        _f("name", "ชื่อรอบ (Name)", TEXT),
    ],
    table=True,
)
GROUPS = _s(
    "groups",
    "กลุ่มตัวชี้วัดและน้ำหนัก (Groups and weights)",
    [
        _f("id", "รหัสกลุ่ม (Group id)"),
        _f("name", "ชื่อกลุ่ม (Name)", TEXT),
        _f("weight", "น้ำหนัก (Weight)", NUM),
    ],
    table=True,
)
CATEGORIES = _s(
    "categories",
    "หมวดในกลุ่ม (Categories)",
    [
        _f("group", "รหัสกลุ่ม (Group id)"),
        _f("id", "รหัสหมวด (Category id)"),
        _f("name", "ชื่อหมวด (Name)", TEXT),
    ],
    table=True,
)
KPIS = _s(
    "kpis",
    "ตัวชี้วัดและน้ำหนัก (KPIs and weights)",
    [
        _f("id", "ตัวชี้วัดที่ (KPI)"),
        _f("sheet", "ชีต (Sheet)"),
        _f("group", "รหัสกลุ่ม (Group id)"),
        _f("category", "รหัสหมวด (Category id)"),
        _f("weight", "น้ำหนัก (Weight)", NUM),
    ],
    table=True,
)
KPI_NAME_SHOWN = "ชื่อตัวชี้วัด (KPI name, from its sheet)"  # display only, never read
PARAMETERS = _s(
    "parameters",
    "พารามิเตอร์ (Parameters)",
    [
        _f("id", "รหัส (Id)"),
        _f("name", "ชื่อ (Name)", TEXT),
        _f("unit", "หน่วย (Unit)", TEXT),
        _f("value", "ค่า (Value)", NUM),
        _f("note", "หมายเหตุ (Note)", TEXT),
    ],
    table=True,
)
NOTES_FIELDS = [_f("text", "ข้อความ (Text)", TEXT)]
SCORECARD_NOTES = _s("notes", "หมายเหตุของแม่แบบ (Scorecard notes)", NOTES_FIELDS, table=True)
SUMMARY_SECTIONS = (SCORECARD, ROUNDS, GROUPS, CATEGORIES, KPIS, PARAMETERS, SCORECARD_NOTES)

DEFINITION = _s(
    "definition",
    "นิยามตัวชี้วัด (Definition)",
    [
        _f("name", "ชื่อตัวชี้วัด (Name)", TEXT),
        _f("kind", "ประเภท (Kind)", STR, "kpi_kind"),
        _f("proxy_for", "ทดแทนตัวชี้วัด (Proxy for)", TEXT),
        _f("unit", "หน่วยวัด (Unit)", TEXT),
        _f("direction", "ทิศทาง (Direction)", STR, "direction"),
        _f("description", "คำอธิบาย (Description)", TEXT),
        _f("scope", "ขอบเขต (Scope)", TEXT),
        _f("formula", "สูตรคำนวณ (Formula)"),
        _f("formula_text", "สูตรตามเอกสาร (Formula in words)", TEXT),
        _f("value.min", "ค่าต่ำสุดที่เป็นไปได้ (Value min)", NUM),
        _f("value.max", "ค่าสูงสุดที่เป็นไปได้ (Value max)", NUM),
        *_rounding("rounding", "การปัดเศษ (Rounding)"),
        _f("data_sources", "แหล่งข้อมูล (Data sources)", TEXT),
        _f("collection_method", "วิธีการจัดเก็บข้อมูล (Collection method)", TEXT),
        _f("responsible", "ผู้รับผิดชอบ (Responsible)", TEXT),
        _f("related_agencies", "หน่วยงานที่เกี่ยวข้อง (Related agencies)", TEXT),
        _f("reporting_period", "ช่วงเวลารายงาน (Reporting period)", TEXT),
        _f("joint", "รหัสตัวชี้วัดร่วม (Joint KPI code)"),
        _f("revision.times", "ปรับเป้าหมายได้ (ครั้ง) (Revisions allowed)", INT),
        _f("revision.when", "ปรับเมื่อ (Revised when)", TEXT),
    ],
)
INPUTS = _s(
    "inputs",
    "ข้อมูลที่ใช้คำนวณ (Inputs)",
    [
        _f("id", "รหัส (Id)"),
        _f("name", "ชื่อ (Name)", TEXT),
        _f("unit", "หน่วย (Unit)", TEXT),
        _f("min", "ต่ำสุด (Min)", NUM),
        _f("max", "สูงสุด (Max)", NUM),
        _f("positive", "ต้องมากกว่า 0 (Positive)", BOOL, "bool"),
    ],
    table=True,
)
LINKS = _s(
    "links",
    "ความเชื่อมโยงกับยุทธศาสตร์ (Links to the national strategy)",
    [
        _f("type", "ประเภท (Type)", STR, "link"),
        _f("code", "รหัส (Code)"),
        _f("name", "ชื่อ (Name)", TEXT),
    ],
    table=True,
)
CONDITIONS_LIST = _s("conditions", "เงื่อนไข (Conditions)", NOTES_FIELDS, table=True)
KPI_NOTES = _s("notes", "หมายเหตุ (Notes)", NOTES_FIELDS, table=True)
BASELINE = _s(
    "baseline",
    "ข้อมูลพื้นฐาน (Baseline)",
    [
        _f("unit", "หน่วย (Unit)", TEXT),
        _f("note", "หมายเหตุ (Note)", TEXT),
        *_rounding("rounding", "การปัดเศษของตาราง (Table rounding)"),
    ],
)
COLUMNS = _s(
    "columns",
    "คอลัมน์ของข้อมูลพื้นฐาน (Baseline columns)",
    [
        _f("id", "รหัส (Id)"),
        _f("name", "ชื่อ (Name)", TEXT),
        _f("formula", "สูตร (Formula)"),
        _f("growth_of", "อัตราการเติบโตของ (Growth of)"),
        _f("places", "ทศนิยม (Places)", INT),
    ],
    table=True,
)
ROWS_TITLE = "ตารางข้อมูลพื้นฐาน (Baseline table)"
YEAR_HEADER = "ปี พ.ศ. (Year B.E.)"
NULL_FIGURE = "n/a"  # a baseline cell the document leaves empty ("n/a"), as opposed to no cell
SUMMARIES = _s(
    "summaries",
    "ค่าสรุปข้อมูลพื้นฐาน (Baseline summaries)",
    [
        _f("id", "รหัส (Id)"),
        _f("stat", "สถิติ (Statistic)", STR, "stat"),
        _f("column", "คอลัมน์ (Column)"),
        _f("years.0", "ตั้งแต่ปี (From year)", INT),
        _f("years.1", "ถึงปี (To year)", INT),
        _f("stated", "ค่าที่ระบุ (Stated)", NUM),
        _f("label", "คำอธิบาย (Label)", TEXT),
    ],
    table=True,
)
TARGETS = _s(
    "targets",
    "ค่าเป้าหมายรายปี (Targets by year)",
    [
        _f("year", "ปี พ.ศ. (Year B.E.)", INT),
        _f("value", "ค่าเป้าหมาย (Value)", NUM),
        _f("label", "คำอธิบาย (Label)", TEXT),
    ],
    table=True,
)


def round_section(number: str) -> Section:
    """A KPI's round: whether it is assessed and what is measured."""
    return _s(
        f"round{number}",
        f"รอบที่ {number} (Round {number})",
        [
            _f("assessed", "ประเมินในรอบนี้ (Assessed)", BOOL, "bool"),
            _f("reason", "เหตุผลที่ไม่ประเมิน (Reason not assessed)", TEXT),
            _f("measure.kind", "สิ่งที่วัด (Measure)", STR, "measure"),
            _f("measure.input", "ข้อมูลที่นับ (Counted input)"),
            _f("measure.item_at_least", "นับรายการที่ได้อย่างน้อย (Item at least)", NUM),
            _f("measure.item_range.0", "ช่วงค่ารายการ ต่ำสุด (Item range from)", INT),
            _f("measure.item_range.1", "ช่วงค่ารายการ สูงสุด (Item range to)", INT),
            _f("measure.unit", "หน่วยที่วัด (Measure unit)", TEXT),
            _f("measure.description", "คำอธิบายสิ่งที่วัด (Measure description)", TEXT),
            _f("groups", "กลุ่มหน่วยงาน (Agency groups)", TEXT),
            _f("note", "หมายเหตุ (Note)", TEXT),
        ],
    )


LEVEL_FIELDS = [
    _f("score", "คะแนน (Score)", INT),
    _f("stated", "ค่าเป้าหมายที่ระบุ (Stated figure)", NUM),
    _f("use", "ใช้ค่าใด (Use)", STR, "use"),
    _f("rule.kind", "วิธีกำหนดเป้าหมาย (Rule)", STR, "rule"),
    _f("rule.value", "ค่าคงที่ (Value)", NUM),
    _f("rule.x", "พารามิเตอร์ X (X)"),
    _f("rule.y", "พารามิเตอร์ Y (Y)"),
    _f("rule.pick", "เลือกค่า (Pick)", STR, "pick"),
    _f("rule.factor", "ตัวคูณ (Factor)", NUM),
    _f("rule.stat", "สถิติ (Statistic)", STR, "stat"),
    _f("rule.column", "คอลัมน์ข้อมูลพื้นฐาน (Baseline column)"),
    _f("rule.years.0", "ตั้งแต่ปี (From year)", INT),
    _f("rule.years.1", "ถึงปี (To year)", INT),
    _f("rule.round", "ของรอบที่ (Of round)", INT),
    _f("rule.score", "ของเป้าหมายคะแนน (Of level)", INT),
    _f("rule.percent", "ร้อยละ (Percent)", NUM),
    _f("rule.parameter", "พารามิเตอร์ (Parameter)"),
    _f("conditions", "เงื่อนไขของระดับ (Level conditions)", CONDITIONS),
    _f("description", "คำอธิบายระดับ (Description)", TEXT),
    _f("note", "หมายเหตุ (Note)", TEXT),
]


def levels_section(number: str) -> Section:
    """A KPI's levels in one round: the stated figure and the rule, in words."""
    return _s(
        f"levels{number}",
        f"เกณฑ์การให้คะแนน รอบที่ {number} (Levels, round {number})",
        LEVEL_FIELDS,
        table=True,
    )


def items_section(number: str) -> Section:
    """The items a count KPI counts in one round (e.g. the 7 DGA pillars)."""
    return _s(
        f"items{number}",
        f"รายการที่นับ รอบที่ {number} (Items counted, round {number})",
        NOTES_FIELDS,
        table=True,
    )


ROUND_NUMBERS = ("1", "2", "3")  # as many as the schema allows (6, 9 and 12 months)
KPI_SECTIONS = (DEFINITION, INPUTS, LINKS, CONDITIONS_LIST, KPI_NOTES, BASELINE, COLUMNS)
KPI_SECTIONS_AFTER_ROWS = (SUMMARIES, TARGETS)


def label_of(choice: str, code: object) -> object:
    """The drop-down label of a code (the code itself when it has none)."""
    key = str(code).lower() if isinstance(code, bool) else code
    return CHOICES[choice].get(key, code) if isinstance(key, str) else code


def code_of(choice: str, text: str) -> str:
    """The code a drop-down label (or the bare code, or its Thai words) stands for."""
    wanted = text.strip().casefold()
    for code, label in CHOICES[choice].items():
        th = label.rsplit(" (", 1)[0]
        if wanted in (code.casefold(), label.casefold(), th.casefold()):
            return code
    return text
