"""Every message the engine gives, in English and in Thai, in one place.

A :class:`~thaikpi.engine.findings.Finding` carries a code from :data:`MESSAGES` and its
parameters; its English and Thai wording are rendered from the two templates here, so a
translator reads (and a test checks) both side by side. A parameter whose wording itself
depends on the language (a word, "none" / "ไม่มี", an exception's own message) is given as
:class:`Both`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from string import Formatter


@dataclass(frozen=True, slots=True)
class Both:
    """A parameter worded in English and in Thai, e.g. Both('none', 'ไม่มี')."""

    en: str
    th: str

    def __str__(self) -> str:
        return self.en


# code → (English template, Thai template); str.format placeholders, the same in both.
MESSAGES: dict[str, tuple[str, str]] = {
    # -- an exception's own wording, passed on as a finding
    "problem": ("{problem}", "{problem}"),
    # -- a KPI's bounds (bounds.py); {name} / {what} are Both(id or English, Thai subject)
    "bounds.input_positive": (
        "{name} must be more than 0, got {got}",
        "{name}ต้องมากกว่า 0 แต่พบ {got}",
    ),
    "bounds.input_min": (
        "{name} must be at least {min}, got {got}",
        "{name}ต้องไม่น้อยกว่า {min} แต่พบ {got}",
    ),
    "bounds.input_max": (
        "{name} must be at most {max}, got {got}",
        "{name}ต้องไม่เกิน {max} แต่พบ {got}",
    ),
    "bounds.value_min": (
        "{what} must be at least {min} for KPI {kpi_id}, got {got}",
        "{what}ของตัวชี้วัด {kpi_id} ต้องไม่น้อยกว่า {min} แต่พบ {got}",
    ),
    "bounds.value_max": (
        "{what} must be at most {max} for KPI {kpi_id}, got {got}",
        "{what}ของตัวชี้วัด {kpi_id} ต้องไม่เกิน {max} แต่พบ {got}",
    ),
    "bounds.far_beyond": (
        "the value entered is far {side} the advanced target, please check: {actual} is more "
        "than {spans} times the distance from the {entry_level} level ({entry}) to the "
        "{top_level} level ({top}) {side} the {top_level} level",
        "ค่าที่กรอก{side}เป้าหมายขั้นสูงมาก โปรดตรวจสอบ: {actual} {side}ค่าระดับ {top_level} ({top}) "
        "เกิน {spans} เท่าของระยะจากค่าระดับ {entry_level} ({entry}) ถึงระดับ {top_level}",
    ),
    # -- reading YAML / JSON
    "yaml.not_finite": ("not a finite number: {value}", "ไม่ใช่ตัวเลขที่มีค่าจำกัด: {value}"),
    "yaml.not_a_number": ("not a number: {value}", "ไม่ใช่ตัวเลข: {value}"),
    "yaml.not_decimal": (
        "{value!r} is not a plain decimal number (no leading zeros, hex or sexagesimal); "
        "quote it if it is a code",
        "{value!r} ไม่ใช่ตัวเลขฐานสิบธรรมดา (ห้ามมีเลข 0 นำหน้า ห้ามเป็นเลขฐานสิบหก"
        "หรือเลขฐานหกสิบ) หากเป็นรหัสให้ใส่เครื่องหมายคำพูดครอบไว้",
    ),
    "yaml.thousands_in_flow": (
        "{number} is written with a thousands separator, but inside {{…}} a comma separates "
        "fields (YAML read it as two): write {plain}",
        "{number} เขียนด้วยเครื่องหมายจุลภาคคั่นหลักพัน แต่ใน {{…}} จุลภาคใช้คั่นรายการ "
        "(YAML อ่านเป็นสองค่า) ให้เขียน {plain}",
    ),
    "yaml.invalid_value": ("not a valid value {value!r}", "ค่า {value!r} ไม่ถูกต้อง"),
    "yaml.invalid_value_why": (
        "not a valid value {value!r}: {why}",
        "ค่า {value!r} ไม่ถูกต้อง: {why}",
    ),
    "yaml.unsupported_tag": ("unsupported YAML tag {tag}", "ไม่รองรับแท็ก YAML {tag}"),
    "yaml.alias": (
        "YAML aliases (*{anchor}) are not allowed in ThaiKPI files",
        "ไฟล์ ThaiKPI ใช้ YAML alias (*{anchor}) ไม่ได้",
    ),
    "yaml.key_not_plain": (
        "mapping keys must be plain values",
        "คีย์ของ mapping ต้องเป็นค่าธรรมดา ไม่ใช่ mapping หรือรายการ",
    ),
    "yaml.too_deep": (
        "the file is nested too deeply to be a ThaiKPI file",
        "ไฟล์ซ้อนกันหลายชั้นเกินกว่าจะเป็นไฟล์ ThaiKPI",
    ),
    "yaml.duplicate_key": ("duplicate key {key!r}", "คีย์ {key!r} ซ้ำ"),
    "yaml.invalid": ("not valid YAML/JSON: {problem}", "ไม่ใช่ YAML/JSON ที่ถูกต้อง: {problem}"),
    "yaml.empty": ("the file is empty", "ไฟล์ว่างเปล่า"),
    "yaml.not_utf8": (
        "not UTF-8 text (byte {byte} cannot be decoded)",
        "ไม่ใช่ข้อความ UTF-8 (ถอดรหัสไบต์ที่ {byte} ไม่ได้)",
    ),
    "yaml.too_large": ("file is larger than {megabytes} MB", "ไฟล์มีขนาดเกิน {megabytes} MB"),
    # -- reading a template
    "template.unknown": (
        "no shipped template named {name!r} (shipped: {shipped})",
        "ไม่มีแม่แบบชื่อ {name!r} ใน ThaiKPI (แม่แบบที่มี: {shipped})",
    ),
    "template.unknown_or_missing": (
        "no shipped template named {name!r} and no such file (shipped: {shipped})",
        "ไม่มีแม่แบบชื่อ {name!r} ใน ThaiKPI และไม่มีไฟล์ชื่อนี้ (แม่แบบที่มี: {shipped})",
    ),
    "file.unreadable": ("cannot read file: {reason}", "อ่านไฟล์ไม่ได้: {reason}"),
    # -- schema errors (pydantic's own English; the Thai of its error types is PYDANTIC_TH)
    "schema.unknown_field": ("unknown field {name!r}", "ไม่รู้จักฟิลด์ {name!r}"),
    "schema.missing_field": ("missing field {name!r}", "ขาดฟิลด์ที่ต้องระบุ {name!r}"),
    "schema.invalid": ("{problem}", "{problem}"),
    "schema.invalid_key": ("{problem}", "ชื่อคีย์{problem}"),
    "schema.unexplained": ("{problem}", "ข้อมูลไม่ถูกต้อง: {problem}"),
    "schema.number_not_bool": (
        "expected a number, got true/false",
        "ต้องเป็นตัวเลข แต่พบ true/false",
    ),
    "schema.number_not_float": (
        "expected an exact number, got a float",
        "ต้องเป็นตัวเลขที่แม่นยำ แต่พบเลขทศนิยมแบบ float",
    ),
    "schema.number_expected": ("expected a number, got {value!r}", "ต้องเป็นตัวเลข แต่พบ {value!r}"),
    "schema.number_grouped": (
        "{value} has a thousands separator, which a template does not take: write {plain}",
        "{value} มีเครื่องหมายจุลภาคคั่นหลักพัน ซึ่งแม่แบบไม่รับ ให้เขียน {plain}",
    ),
    "fiscal_year.backwards": (
        "the fiscal year must end after it starts",
        "วันสิ้นสุดปีงบประมาณต้องอยู่หลังวันเริ่มต้น",
    ),
    "baseline.two_derivations": (
        "a column is derived by a formula or by growth_of, not both",
        "คอลัมน์หนึ่งคำนวณได้จากสูตร (formula) หรือจากอัตราการเติบโต (growth_of) อย่างใดอย่างหนึ่งเท่านั้น",
    ),
    "rule.needs_fields": ("a '{kind}' rule needs {names}", "สูตรแบบ '{kind}' ต้องมี {names}"),
    # -- scorecard-wide checks
    "thai.damaged": (
        "Thai text looks damaged by PDF extraction ({kind}: {piece!r}); repair it with "
        "`thaikpi normalize-thai FILE --in-place`",
        "ข้อความภาษาไทยดูเสียหายจากการคัดลอกจาก PDF ({kind}: {piece!r}) แก้ด้วยคำสั่ง "
        "`thaikpi normalize-thai FILE --in-place`",
    ),
    "parameter.unknown": (
        "unknown parameter {name!r} (parameters: {known})",
        "ไม่รู้จักพารามิเตอร์ {name!r} (พารามิเตอร์ที่มี: {known})",
    ),
    "id.duplicate": ("duplicate {label} id {id!r}", "รหัส{label} {id!r} ซ้ำ"),
    "rounds.duplicate": ("rounds are listed twice", "มีรอบการประเมินซ้ำกัน"),
    "fiscal_year.months": (
        "a Thai fiscal year runs from 1 October to 30 September",
        "ปีงบประมาณของไทยเริ่ม 1 ตุลาคม และสิ้นสุด 30 กันยายน",
    ),
    "fiscal_year.end": (
        "fiscal year {year_be} BE should end in {year_ce} CE, not {ends}",
        "ปีงบประมาณ พ.ศ. {year_be} ควรสิ้นสุดในปี ค.ศ. {year_ce} ไม่ใช่ ค.ศ. {ends}",
    ),
    # -- weights
    "weight.not_positive": (
        "weight must be more than 0, got {weight}",
        "น้ำหนักต้องมากกว่า 0 แต่พบ {weight}",
    ),
    "weight.unknown_group": (
        "unknown group {group!r} (groups: {known})",
        "ไม่รู้จักกลุ่ม {group!r} (กลุ่มที่มี: {known})",
    ),
    "weight.group_sum": (
        "KPI weights in group {group!r} add up to {total}, but the group's weight is {weight}",
        "น้ำหนักของตัวชี้วัดในกลุ่ม {group!r} รวมกันได้ {total} แต่น้ำหนักของกลุ่มคือ {weight}",
    ),
    "weight.groups_total": (
        "group weights add up to {total}, not {expected}",
        "น้ำหนักของกลุ่มรวมกันได้ {total} ไม่ใช่ {expected}",
    ),
    "weight.kpis_total": (
        "KPI weights add up to {total}, not {expected}",
        "น้ำหนักของตัวชี้วัดรวมกันได้ {total} ไม่ใช่ {expected}",
    ),
    # -- one KPI
    "kpi.proxy_for": (
        "a proxy KPI should say which strategic KPI it stands for (proxy_for)",
        "ตัวชี้วัด Proxy ควรระบุว่าใช้แทนตัวชี้วัดเชิงยุทธศาสตร์ตัวใด (proxy_for)",
    ),
    "kpi.unknown_category": (
        "unknown category {category!r} in group {group!r}",
        "ไม่รู้จักประเภทตัวชี้วัด {category!r} ในกลุ่ม {group!r}",
    ),
    "formula.unknown_input": (
        "formula uses {name!r}, which is not one of the KPI's inputs ({inputs})",
        "สูตรใช้ {name!r} ซึ่งไม่ใช่ข้อมูลที่ใช้คำนวณของตัวชี้วัดนี้ ({inputs})",
    ),
    # -- formulas
    "formula.unreadable": (
        "cannot read formula {source!r}: {reason}",
        "อ่านสูตร {source!r} ไม่ได้: {reason}",
    ),
    "formula.unusable_number": (
        "not a usable number in a formula: {written}",
        "ใช้ตัวเลขนี้ในสูตรไม่ได้: {written}",
    ),
    "formula.divides_by_zero": (
        "division by zero in the formula: {expression}",
        "สูตรมีการหารด้วยศูนย์: {expression}",
    ),
    "formula.not_allowed": ("not allowed in a formula: {expression}", "ใช้ในสูตรไม่ได้: {expression}"),
    "formula.missing_inputs": (
        "missing input(s) for {formula}: {names}",
        "ขาดข้อมูลที่ใช้คำนวณ {formula}: {names}",
    ),
    "formula.zero_denominator": (
        "division by zero: {denominator} is 0",
        "หารด้วยศูนย์: {denominator} เป็น 0",
    ),
    "formula.cannot_compute": (
        "cannot compute {formula}: {reason}",
        "คำนวณ {formula} ไม่ได้: {reason}",
    ),
    "formula.growth_from_zero": (
        "growth from a zero base is undefined",
        "คำนวณอัตราการเติบโตจากฐานที่เป็นศูนย์ไม่ได้",
    ),
    # -- baseline tables
    "baseline.unknown_reference": (
        "column {column!r} uses {name!r}, which is not a column",
        "คอลัมน์ {column!r} ใช้ {name!r} ซึ่งไม่ใช่คอลัมน์ของตาราง",
    ),
    "baseline.row_year": (
        "each baseline row needs a whole-number 'year'",
        "ข้อมูลพื้นฐานทุกแถวต้องมี 'year' เป็นจำนวนเต็ม",
    ),
    "baseline.unknown_column": (
        "unknown column {column!r} in baseline row {year}",
        "ไม่รู้จักคอลัมน์ {column!r} ในแถวข้อมูลพื้นฐานปี {year}",
    ),
    "baseline.years_order": (
        "baseline years must go up: {year} after {previous}",
        "ปีของข้อมูลพื้นฐานต้องเรียงจากน้อยไปมาก: {year} อยู่หลัง {previous}",
    ),
    "baseline.summary_column": (
        "summary {summary!r} uses unknown column {column!r}",
        "ค่าสรุป {summary!r} ใช้คอลัมน์ {column!r} ซึ่งไม่มีในตาราง",
    ),
    # -- rounds, levels and their rules
    "round.undeclared": (
        "round {round} is not one of the scorecard's rounds",
        "รอบที่ {round} ไม่อยู่ในรอบการประเมินของแม่แบบนี้ (rounds)",
    ),
    "round.no_result": ("no result yet", "ยังไม่มีผล"),
    "round.nothing_assessed": (
        "no KPI is assessed in round {round}: there is nothing to score",
        "รอบที่ {round} ไม่มีตัวชี้วัดที่ประเมิน จึงไม่มีคะแนน",
    ),
    "round.levels_not_assessed": (
        "a round that is not assessed has no levels",
        "รอบที่ไม่ประเมินต้องไม่มีค่าเป้าหมาย (levels)",
    ),
    "round.levels_needed": (
        "an assessed round needs exactly the levels {levels} (got {scores})",
        "รอบที่ประเมินต้องมีค่าเป้าหมายระดับ {levels} ครบและไม่ซ้ำ (ที่มี: {scores})",
    ),
    "level.outside_scale": (
        "level {score} is not on the scorecard's scale {scale!r} (its levels are {levels})",
        "ระดับ {score} ไม่อยู่ในเกณฑ์การให้คะแนน {scale!r} ของแม่แบบนี้ (ระดับที่มี: {levels})",
    ),
    "rounds.numbering": (
        "the rounds must be numbered 1, 2, 3 in order, once each (got {got})",
        "รอบการประเมิน (rounds) ต้องเรียงเลข 1, 2, 3 ตามลำดับ ไม่ซ้ำ (ที่มี: {got})",
    ),
    "level.needs_figure": (
        "level {score} needs a stated figure or a rule",
        "ค่าเป้าหมายระดับ {score} ต้องระบุตัวเลข (stated) หรือสูตร (rule)",
    ),
    "level.use_rule_without_rule": (
        "level {score} says use: rule but has no rule",
        "ค่าเป้าหมายระดับ {score} ระบุ use: rule แต่ไม่มีสูตร (rule)",
    ),
    "level.needs_conditions": (
        "level {score} needs conditions",
        "ค่าเป้าหมายระดับ {score} ต้องมีเงื่อนไข (conditions)",
    ),
    "condition.unknown_input": (
        "condition uses {name!r}, which is not one of the KPI's inputs",
        "เงื่อนไขใช้ {name!r} ซึ่งไม่ใช่ข้อมูลที่ใช้คำนวณของตัวชี้วัดนี้",
    ),
    "measure.item_range_backwards": (
        "item_range goes backwards: {low}–{high}",
        "ช่วงระดับของรายการ (item_range) กลับด้าน: {low}–{high}",
    ),
    "measure.count_needs_input": (
        "a count measure names its input or the items it counts",
        "การวัดแบบนับจำนวน (count) ต้องระบุข้อมูลที่ใช้คำนวณ (input) หรือรายการที่นับ (items)",
    ),
    "measure.unknown_input": (
        "measure input {name!r} is not one of the KPI's inputs",
        "ข้อมูล {name!r} ที่ใช้วัดผล (measure.input) ไม่ใช่ข้อมูลที่ใช้คำนวณของตัวชี้วัดนี้",
    ),
    "measure.numeric_needs_formula": (
        "a numeric KPI with inputs needs a formula",
        "ตัวชี้วัดเชิงตัวเลขที่มีข้อมูลที่ใช้คำนวณต้องมีสูตร (formula)",
    ),
    "rule.unknown_parameter": (
        "rule uses parameter {name!r}, which is not declared",
        "สูตรใช้พารามิเตอร์ {name!r} ซึ่งไม่ได้กำหนดไว้ใน parameters",
    ),
    "rule.unknown_column": (
        "rule uses baseline column {column!r}, which the KPI does not have",
        "สูตรใช้คอลัมน์ข้อมูลพื้นฐาน {column!r} ซึ่งตัวชี้วัดนี้ไม่มี",
    ),
    "rule.parameter_not_positive": (
        "parameter {name!r} must be more than 0, got {value}",
        "พารามิเตอร์ {name!r} ต้องมากกว่า 0 แต่พบ {value}",
    ),
    "rule.years_backwards": (
        "rule years go backwards: {first}–{last}",
        "ช่วงปีของสูตรกลับด้าน: {first}–{last}",
    ),
    "rule.unknown_kind": ("unknown rule {kind}", "ไม่รู้จักสูตรแบบ {kind}"),
    "rule.needs_parameter": ("needs parameter {name}", "ต้องกำหนดพารามิเตอร์ {name}"),
    "rule.parameter_unset": (
        "parameter {name} is not set",
        "ยังไม่ได้กำหนดค่าพารามิเตอร์ {name}",
    ),
    "rule.parameter_unset_yet": (
        "parameter {name} is not set yet",
        "ยังไม่ได้กำหนดค่าพารามิเตอร์ {name}",
    ),
    "rule.percent_open": (
        "{percent}% of {name} (open)",
        "ร้อยละ {percent} ของ {name} (ยังไม่กำหนดค่า)",
    ),
    "rule.no_baseline": ("no baseline table", "ไม่มีตารางข้อมูลพื้นฐาน"),
    "rule.no_baseline_table": (
        "the KPI has no baseline table",
        "ตัวชี้วัดนี้ไม่มีตารางข้อมูลพื้นฐาน",
    ),
    "rule.baseline_incomplete": (
        "baseline {column} is incomplete for {years}",
        "ข้อมูลพื้นฐาน {column} ปี {years} ไม่ครบ",
    ),
    "rule.level_unset": (
        "level {score} of round {round} is not set",
        "เป้าหมายระดับ {score} รอบที่ {round} ยังไม่กำหนด",
    ),
    "level.circular": (
        "level rules refer to each other in a circle",
        "สูตรของค่าเป้าหมายอ้างอิงกันเป็นวงวน",
    ),
    "level.rule_not_applicable": (
        "level {score}: the rule cannot be applied: {reason}",
        "ค่าเป้าหมายระดับ {score}: คำนวณตามสูตรไม่ได้: {reason}",
    ),
    "level.stated_not_rule": (
        "level {score} keeps its stated {stated}, but with the parameters given its rule "
        "gives {rounded}; set use: rule to follow it",
        "ค่าเป้าหมายระดับ {score} ยังใช้ตัวเลขที่ระบุไว้ {stated} แต่ด้วยพารามิเตอร์ที่กำหนด "
        "สูตรให้ค่า {rounded} หากต้องการใช้ค่าตามสูตรให้ตั้ง use: rule",
    ),
    "levels.out_of_order": (
        "levels out of order for a {better}-is-better KPI: level {low} is {low_value} but "
        "level {high} is {high_value}",
        "ค่าเป้าหมายเรียงลำดับไม่ถูกต้องสำหรับตัวชี้วัดที่ค่ายิ่ง{better}ยิ่งดี: "
        "ระดับ {low} เป็น {low_value} แต่ระดับ {high} เป็น {high_value}",
    ),
    # -- the audit: stated figures recomputed
    "audit.years_missing": ("some years have no value", "บางปีไม่มีค่า"),
    "audit.no_stated_figure": ("the template states no figure", "แม่แบบไม่ได้ระบุตัวเลขไว้"),
    "audit.stated_differs": (
        "the stated figure {stated} is not what its rule gives: {recomputed} ({how})",
        "ตัวเลขที่ระบุ {stated} ไม่ตรงกับที่วิธีคำนวณให้ได้ {recomputed} ({how})",
    ),
    "audit.habit_matches": (
        "KPI {kpi_id}: {declared_matches} of {checked} figures match the declared rounding "
        "({declared})",
        "ตัวชี้วัด {kpi_id}: ตัวเลข {declared_matches} จาก {checked} ตัว"
        "ตรงกับวิธีปัดเศษที่แม่แบบกำหนด ({declared})",
    ),
    "audit.habit_differs": (
        "KPI {kpi_id}: figures fit {best} ({best_matches} of {checked} match) better than the "
        "declared {declared} ({declared_matches} of {checked})",
        "ตัวชี้วัด {kpi_id}: ตัวเลขที่ระบุไว้ตรงกับวิธี {best} ({best_matches} จาก {checked} ตัว) "
        "มากกว่าวิธีที่แม่แบบกำหนด คือ {declared} ({declared_matches} จาก {checked} ตัว)",
    ),
    # -- decisions on mismatched figures (decisions.py)
    "decision.stated": (
        "decided: the stated {stated} is kept (the rule gives {recomputed}); reason: {reason}",
        "มีมติให้ใช้ตัวเลขที่ระบุในเอกสาร {stated} (ตามสูตรได้ {recomputed}) เหตุผล: {reason}",
    ),
    "decision.recomputed": (
        "decided: the recomputed {recomputed} is used instead of the stated {stated}; "
        "reason: {reason}",
        "มีมติให้ใช้ค่าที่คำนวณใหม่ {recomputed} แทนตัวเลขที่ระบุในเอกสาร {stated} เหตุผล: {reason}",
    ),
    # -- results files
    "result.not_assessed": (
        "KPI {kpi_id} is not assessed in round {round}",
        "ตัวชี้วัด {kpi_id} ไม่ได้ประเมินในรอบที่ {round}",
    ),
    "results.not_mapping": (
        "a results file is a mapping with 'round' and 'results'",
        "ไฟล์ผลการดำเนินงานต้องเป็น mapping ที่มี 'round' และ 'results'",
    ),
    "results.round": (
        "round must be {rounds}, got {got}",
        "รอบการประเมิน (round) ต้องเป็น {rounds} แต่พบ {got}",
    ),
    "results.not_by_kpi": (
        "'results' must map KPI ids to results",
        "'results' ต้องจับคู่รหัสตัวชี้วัดกับผลการดำเนินงาน",
    ),
    "results.unknown_kpi": (
        "unknown KPI id {kpi_id!r} (KPIs: {known})",
        "ไม่รู้จักรหัสตัวชี้วัด {kpi_id!r} (ตัวชี้วัดที่มี: {known})",
    ),
}


# pydantic's error types in Thai, filled from the error's context (ge, expected, …). The
# English is pydantic's own message; value errors carry their Thai (findings.Problem).
PYDANTIC_TH = {
    "string_type": "ต้องเป็นข้อความ",
    "string_sub_type": "ต้องเป็นข้อความ",
    "string_too_short": "ต้องมีข้อความอย่างน้อย {min_length} ตัวอักษร",
    "string_too_long": "ข้อความต้องยาวไม่เกิน {max_length} ตัวอักษร",
    "string_pattern_mismatch": "ข้อความต้องตรงตามรูปแบบ '{pattern}'",
    "int_type": "ต้องเป็นจำนวนเต็ม",
    "int_parsing": "ต้องเป็นจำนวนเต็ม",
    "int_from_float": "ต้องเป็นจำนวนเต็มที่ไม่มีทศนิยม",
    "float_type": "ต้องเป็นตัวเลข",
    "float_parsing": "ต้องเป็นตัวเลข",
    "decimal_type": "ต้องเป็นตัวเลข",
    "decimal_parsing": "ต้องเป็นตัวเลข",
    "finite_number": "ต้องเป็นตัวเลขที่มีค่าจำกัด",
    "bool_type": "ต้องเป็น true หรือ false",
    "bool_parsing": "ต้องเป็น true หรือ false",
    "literal_error": "ต้องเป็น {expected}",
    "enum": "ต้องเป็น {expected}",
    "list_type": "ต้องเป็นรายการ (list)",
    "tuple_type": "ต้องเป็นรายการ (list)",
    "set_type": "ต้องเป็นรายการ (list)",
    "frozen_set_type": "ต้องเป็นรายการ (list)",
    "dict_type": "ต้องเป็นชุดข้อมูลแบบ key: value (mapping)",
    "mapping_type": "ต้องเป็นชุดข้อมูลแบบ key: value (mapping)",
    "model_type": "ต้องเป็นชุดข้อมูลแบบ key: value (mapping)",
    "model_attributes_type": "ต้องเป็นชุดข้อมูลแบบ key: value (mapping)",
    "date_type": "ต้องเป็นวันที่ในรูปแบบ YYYY-MM-DD (ปี ค.ศ.)",
    "date_parsing": "ต้องเป็นวันที่ในรูปแบบ YYYY-MM-DD (ปี ค.ศ.)",
    "date_from_datetime_parsing": "ต้องเป็นวันที่ในรูปแบบ YYYY-MM-DD (ปี ค.ศ.)",
    "date_from_datetime_inexact": "ต้องเป็นวันที่ในรูปแบบ YYYY-MM-DD (ปี ค.ศ.) โดยไม่มีเวลา",
    "greater_than": "ต้องมากกว่า {gt}",
    "greater_than_equal": "ต้องไม่น้อยกว่า {ge}",
    "less_than": "ต้องน้อยกว่า {lt}",
    "less_than_equal": "ต้องไม่เกิน {le}",
    "multiple_of": "ต้องเป็นพหุคูณของ {multiple_of}",
    "too_short": "ต้องมีอย่างน้อย {min_length} รายการ แต่มี {actual_length}",
    "too_long": "ต้องมีไม่เกิน {max_length} รายการ แต่มี {actual_length}",
    "none_required": "ต้องเว้นว่างไว้ (null)",
}
IDENTIFIER_TH = "ต้องเป็นรหัสที่มีเฉพาะตัวอักษรภาษาอังกฤษ ตัวเลข และเครื่องหมาย _ . - (รูปแบบ '{pattern}')"


def placeholders(template: str) -> set[str]:
    """The parameter names a template reads, e.g. {'name', 'known'}."""
    return {name for _, name, _, _ in Formatter().parse(template) if name}


def worded(code: str, params: Mapping[str, object] | None = None) -> tuple[str, str]:
    """The message ``code`` as (English, Thai)."""
    return render(code, params or {}), render(code, params or {}, thai=True)


def render(code: str, params: Mapping[str, object], thai: bool = False) -> str:
    """The message ``code`` in English (or Thai), its placeholders filled from ``params``."""
    en, th = MESSAGES[code]
    worded = {k: (v.th if thai else v.en) if isinstance(v, Both) else v for k, v in params.items()}
    return (th if thai else en).format(**worded)
