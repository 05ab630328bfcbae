"""A KPI's ``joint`` field: the code of the joint KPI whose shared result it takes."""

from __future__ import annotations

import pytest

from thaikpi.engine.diff import compare
from thaikpi.engine.findings import EngineError
from thaikpi.engine.loader import load_text, template_text

KPI_1 = '  - id: "1"\n    group: performance\n'


def with_joint(code: str) -> str:
    """The shipped DITP template with KPI 1 naming the joint KPI ``code``."""
    named = f'  - id: "1"\n    joint: {code}\n    group: performance\n'
    return template_text("ditp-2567").replace(KPI_1, named, 1)


def test_a_kpi_names_the_joint_kpi_it_takes_its_result_from():
    sc = load_text(with_joint("moc-export-growth"))
    assert [(k.id, k.joint) for k in sc.kpis if k.joint] == [("1", "moc-export-growth")]


@pytest.mark.parametrize("code", ['"export growth"', '""', "[a, b]"])
def test_a_joint_code_that_is_not_an_identifier_is_refused(code):
    with pytest.raises(EngineError) as refused:
        load_text(with_joint(code))
    assert any("joint" in str(f) for f in refused.value.findings)


def test_naming_or_dropping_a_joint_kpi_is_a_change_between_versions():
    changes = compare(load_text(template_text("ditp-2567")), load_text(with_joint("moc-x")))
    assert [(c.kpi, c.field, c.old, c.new) for c in changes] == [("1", "joint", None, "moc-x")]
