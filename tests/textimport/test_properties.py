"""Properties: whatever text comes in, import-text drafts without an exception, as YAML."""

from __future__ import annotations

import subprocess
import sys
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thaikpi.engine import yamlio
from thaikpi.textimport import import_text
from thaikpi.textimport.writer import draft_yaml

# Pieces of the OPDC form, so that generated texts reach the readers, not only their guards.
PIECES = [
    "ตัวชี้วัด 1 : ร้อยละของงาน",
    "ตัวช้ีวัด 2 : จ านวนผู้รับบริการ (ราย)",
    "การประเมินประสิทธิผลการด าเนินงาน (Performance Base) (ร้อยละ 70)",
    "1.1 ตัวชี้วัดตามภารกิจ (Functional KPIs)",
    "1. ร้อยละของงาน ร้อยละ 60",
    "ร้อยละ 40",
    "น้ าหนัก",
    "25",
    "เกณฑ์การประเมิน รอบที่ 1 (6 เดือน)",
    "เกณฑ์การประเมิน",
    "เป้าหมายขั้นต้น (50) เป้าหมายมาตรฐาน (75) เป้าหมายขั้นสูง (100)",
    "(1,203.10)",
    "30% ของเป้าหมายมาตรฐาน",
    "62.13 72.13 77.13",
    "ค าอธิบาย : ",
    "เงื่อนไข : -",
    "ผู้รับผิดชอบการรายงานผล : กรมทดลอง",
    "ปีงบประมาณ พ.ศ. 2568",
    "\uf0b7",
    "",
]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=30)), max_size=40).map(
    "\n".join
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_any_text_gives_a_draft_whose_yaml_the_engine_can_read(text: str) -> None:
    draft = import_text(text)
    data, _lines = yamlio.parse(draft_yaml(draft, "x.txt"))
    assert isinstance(data, dict)
    assert [k["id"] for k in data["kpis"] or []] == [k.id for k in draft.kpis]
    assert all(p.message and p.message_th for p in draft.problems)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=40))
def test_any_text_round_trips_through_a_quoted_yaml_scalar(text: str) -> None:
    from thaikpi.textimport.writer import q

    data, _lines = yamlio.parse(f"value: {q(text)}\n")
    assert isinstance(data, dict)
    assert data["value"] in (text, unicodedata.normalize("NFC", text))


def test_the_text_import_runs_without_django() -> None:
    code = "import sys, thaikpi.textimport.writer; print('django' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
