"""A changed field names its level by score and its baseline row by year, on every page."""

from __future__ import annotations

import pytest
from django.utils import translation

from thaikpi.engine import loader
from thaikpi.engine.diff import Change
from thaikpi.services import versions

DITP = loader.load_named("ditp-2567")
FIRST_YEAR = DITP.kpi("2").baseline.rows[0].year  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("kpi", "field", "named"),
    [
        ("1", "rounds.2.levels.1.stated", "rounds.2.levels.50.stated"),
        ("1", "rounds.2.levels.3.rule.kind", "rounds.2.levels.100.rule.kind"),
        ("2", "baseline.rows.1.values.x", f"baseline.rows.{FIRST_YEAR}.values.x"),
        ("1", "rounds.9.levels.1.stated", "rounds.9.levels.1.stated"),  # no such round: as it is
        ("1", "weight", "weight"),
    ],
)  # fmt: skip
def test_a_change_is_named_by_score_and_year_not_by_place(kpi, field, named):
    assert versions.by_name(Change(kpi, field, "1", "2"), DITP).field == named


def test_the_save_preview_reads_the_row_s_year_not_its_place():
    row = DITP.kpi("2").baseline.rows[-1]  # type: ignore[union-attr]
    change = Change(
        "2", f"baseline.rows.{len(DITP.kpi('2').baseline.rows)}.values.trade_value", "1", "2"
    )  # type: ignore[union-attr]
    with translation.override("th"):
        ((_c, words),) = versions.words_of((change,), DITP)
    assert words == f"ข้อมูลพื้นฐาน · ปี {row.year} · trade_value"
