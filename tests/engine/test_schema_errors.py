"""Schema (pydantic) errors as findings: each error type's Thai sentence, or a general one."""

from __future__ import annotations

import pytest

from thaikpi.engine.schema_errors import _message


@pytest.mark.parametrize(
    ("error", "thai"),
    [
        ({"type": "greater_than", "ctx": {"gt": 0}}, "ต้องมากกว่า 0"),
        ({"type": "less_than", "ctx": {"lt": 10}}, "ต้องน้อยกว่า 10"),
        (
            {"type": "too_short", "ctx": {"min_length": 2, "actual_length": 1}},
            "ต้องมีอย่างน้อย 2 รายการ แต่มี 1",
        ),
        ({"type": "decimal_parsing"}, "ต้องเป็นตัวเลข"),
        ({"type": "float_type"}, "ต้องเป็นตัวเลข"),
        ({"type": "int_type"}, "ต้องเป็นจำนวนเต็ม"),
        ({"type": "bool_type"}, "ต้องเป็น true หรือ false"),
        ({"type": "enum", "ctx": {"expected": "'a', 'b' or 'c'"}}, "ต้องเป็น 'a', 'b' หรือ 'c'"),
        ({"type": "date_type"}, "ต้องเป็นวันที่ในรูปแบบ YYYY-MM-DD (ปี ค.ศ.)"),
        ({"type": "list_type"}, "ต้องเป็นรายการ (list)"),
        ({"type": "dict_type"}, "ต้องเป็นชุดข้อมูลแบบ key: value (mapping)"),
        (
            {
                "type": "value_error",
                "msg": "Value error, boom",
                "ctx": {"error": ValueError("boom")},
            },
            "ข้อมูลไม่ถูกต้อง: boom",
        ),
        (
            {"type": "url_parsing", "msg": "Input should be a valid URL"},
            "ข้อมูลไม่ถูกต้อง: Input should be a valid URL",
        ),
        (
            {"type": "greater_than", "msg": "Input should be greater"},
            "ข้อมูลไม่ถูกต้อง: Input should be greater",
        ),
    ],
)
def test_a_schema_error_type_becomes_its_thai_sentence_or_a_general_one_with_the_english(
    error: dict[str, object], thai: str
) -> None:
    full = {"msg": "pydantic's English", "loc": ("kpis", 0, "weight"), **error}
    assert _message(full)[1] == thai
