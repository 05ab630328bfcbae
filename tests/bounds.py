"""One table of results the shipped DITP 2567 template rules out, and of number forms it reads,
for the API (tests/api/test_bounds.py) and the entry form (tests/web/test_bounds.py) alike.

A case's ``body`` is a result as the API takes it: ``{"value": ...}`` or ``{"inputs": {...}}``;
:func:`form_fields` turns it into the entry form's fields.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

import pytest

from tests.personas import World
from thaikpi.agencies.choices import AgencyKind
from thaikpi.agencies.models import Agency
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import imports
from thaikpi.templates import __file__ as templates_init

FAR_BEYOND_TH = "ค่าที่กรอกสูงกว่าเป้าหมายขั้นสูงมาก โปรดตรวจสอบ"
TRADE_TH = "มูลค่าการซื้อขายผ่านเว็บไซต์ Thaitrade.com และเครือข่ายพันธมิตรออนไลน์"
NOT_A_NUMBER_TH = "ต้องเป็นตัวเลข"


class Case(NamedTuple):
    """A round-2 result of a KPI, and what ThaiKPI says or stores for it."""

    kpi: str
    body: dict[str, Any]
    expected: Any  # the Thai refusal, or what is stored


def cases(table: dict[str, Case]) -> Any:
    """A parametrize mark over ``table``: one test per case, named by its key."""
    return pytest.mark.parametrize("case", list(table.values()), ids=list(table))


# Beyond the bounds a KPI's definition declares: refused, in Thai, by every surface.
OUT_OF_BOUNDS = {
    "KPI 8 (a survey score) at -5": Case(
        "8", {"value": "-5"}, "ผลการดำเนินงานของตัวชี้วัด 8 ต้องไม่น้อยกว่า 0 แต่พบ -5"
    ),
    "KPI 8 above its scale of 100": Case(
        "8", {"value": "100.01"}, "ผลการดำเนินงานของตัวชี้วัด 8 ต้องไม่เกิน 100 แต่พบ 100.01"
    ),
    "KPI 9 (PMQA 4.0) above its scale of 500": Case(
        "9", {"value": "512"}, "ผลการดำเนินงานของตัวชี้วัด 9 ต้องไม่เกิน 500 แต่พบ 512"
    ),
    "KPI 3's trade value at -5, named by its Thai name": Case(
        "3", {"inputs": {"trade_value": "-5", "budget": "48"}}, f"{TRADE_TH}ต้องไม่น้อยกว่า 0 แต่พบ -5"
    ),
}

# Number forms only Python reads: refused as "not a number" (ต้องเป็นตัวเลข), the form shown.
NOT_NUMBERS = {
    "1_000": Case("8", {"value": "1_000"}, "1_000"),
    "a comma that groups nothing": Case("8", {"value": "2,4"}, "2,4"),
    "Arabic-Indic digits": Case("8", {"value": "١٢٣"}, "١٢٣"),
    "1_000 as an input": Case("3", {"inputs": {"trade_value": "1_000", "budget": "48"}}, "1_000"),
}

# Thai digits and thousands separators as people type them: stored as plain figures.
TYPED_NUMBERS = {
    "Thai digits": Case("8", {"value": "๗๒.๕"}, "72.5"),
    "Thai digits with a point, spaced": Case("8", {"value": " ๔๕.๒๕ "}, "45.25"),
    "inputs in Thai digits, grouped": Case(
        "2",
        {"inputs": {"trade_value": "๒๐๕,๐๐๐", "budget": "539.5"}},
        {"trade_value": "205000", "budget": "539.5"},
    ),
}


def form_fields(body: dict[str, Any]) -> dict[str, str]:
    """The entry form's fields for a result as the API takes it (inputs are ``in_<id>``)."""
    if "value" in body:
        return {"value": body["value"]}
    return {f"in_{name}": value for name, value in body["inputs"].items()}


@pytest.fixture
def ditp(world: World) -> Scorecard:
    """The shipped DITP 2567 scorecard, imported for a third department (DEPA)."""
    Agency.objects.create(
        code="DEPA", name_th="สำนักงานส่งเสริมเศรษฐกิจดิจิทัล", kind=AgencyKind.DEPARTMENT,
        parent=world.ditp.parent,
    )  # fmt: skip
    text = (Path(templates_init).parent / "ditp-2567.yaml").read_text(encoding="utf-8")
    return imports.import_template(world.ada, text.replace("code: DITP", "code: DEPA", 1)).scorecard
