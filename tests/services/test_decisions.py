"""A planner decides which figure a mismatched level uses; every scoring path follows it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.signed import Signed, depa_text, signed
from thaikpi.changelog.models import AuditLog
from thaikpi.results.models import FigureDecision, RoundReview
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import decisions, engine, imports, whatif
from thaikpi.services import reports as report_service
from thaikpi.services.errors import Invalid, NotAllowed, RoundClosed

REASON = "ตรวจกับเอกสารที่ลงนามแล้ว"


@pytest.fixture
def depa(world) -> Signed:
    return signed(world)


def kpi_1_score(depa: Signed) -> Decimal:
    return engine.score(depa.card, 1).kpi("1").score


def test_keeping_the_stated_figure_changes_the_score_everywhere_it_is_read(depa):
    assert kpi_1_score(depa) == Decimal("85.83")  # the template follows the rule: 1.05
    decisions.decide(depa.pat, depa.card, "1", 1, 75, "stated", REASON)
    assert kpi_1_score(depa) == Decimal("75.00")  # the printed 1.18
    assert engine.score_many([depa.card], 1)[0][1].kpi("1").score == Decimal("75.00")
    report = report_service.report_data(depa.card, 1)
    assert next(k for k in report.scored.kpis if k.kpi_id == "1").score == Decimal("75.00")
    level = engine.scorecard_for_round(depa.card, 1).kpi("1").round(1).levels[1]
    assert level.value == Decimal("1.18")
    assert whatif.need_for_score(depa.card, "1", 1, Decimal(75)).actual == Decimal("1.18")


def test_the_total_what_if_starts_from_the_decided_total(depa):
    before = whatif.need_for_total(depa.card, 1, Decimal(90)).current
    decisions.decide(depa.pat, depa.card, "1", 1, 75, "stated", REASON)
    after = whatif.need_for_total(depa.card, 1, Decimal(90)).current
    assert after == engine.score(depa.card, 1).round.total and after < before


def test_a_fresh_read_of_the_scorecard_sees_the_decision_too(depa):
    decisions.decide(depa.pat, depa.card, "1", 1, 75, "stated", REASON)
    again = type(depa.card).objects.get(pk=depa.card.pk)
    assert engine.score(again, 1).kpi("1").score == Decimal("75.00")


def test_changing_ones_mind_replaces_the_decision_and_the_log_keeps_both(depa):
    decisions.decide(depa.pat, depa.card, "1", 1, 75, "stated", REASON)
    decisions.decide(depa.pat, depa.card, "1", 1, 75, "recomputed", "ก.พ.ร. ยืนยันสูตร")
    assert kpi_1_score(depa) == Decimal("85.83")
    row = FigureDecision.objects.get()
    assert (row.choice, row.stated, row.recomputed, row.version.number) == (
        "recomputed", "1.18", "1.05", 1,
    )  # fmt: skip
    log = AuditLog.objects.filter(action__startswith="figure.").order_by("pk")
    assert [(e.action, e.before and e.before["choice"], e.after["choice"]) for e in log] == [
        ("figure.decide", None, "stated"),
        ("figure.redecide", "stated", "recomputed"),
    ]
    assert log[1].after["reason"] == "ก.พ.ร. ยืนยันสูตร"
    assert {e.kpi_id for e in log} == {"1"}


@pytest.mark.parametrize(
    ("who", "kpi", "level", "choice", "reason", "error"),
    [
        ("oat", "1", 75, "stated", REASON, NotAllowed),  # another agency's KPI owner
        ("pim", "1", 75, "stated", REASON, NotAllowed),  # another agency's planner
        ("eve", "1", 75, "stated", REASON, NotAllowed),  # the evaluator
        ("mallory", "1", 75, "stated", REASON, NotAllowed),  # another agency's planner
        ("pat", "1", 75, "stated", "   ", Invalid),  # no reason
        ("pat", "1", 75, "both", REASON, Invalid),  # no such choice
        ("pat", "1", 50, "stated", REASON, Invalid),  # 0.75 printed and recomputed alike
        ("pat", "9", 75, "stated", REASON, Invalid),  # nothing recomputed
        ("pat", "42", 75, "stated", REASON, Invalid),  # no such KPI
    ],
)
def test_a_decision_is_refused_unless_a_planner_gives_a_reason_on_a_mismatch(
    depa, who, kpi, level, choice, reason, error
):
    with pytest.raises(error):
        decisions.decide(depa.user(who), depa.card, kpi, 1, level, choice, reason)
    assert not FigureDecision.objects.exists()
    assert kpi_1_score(depa) == Decimal("85.83")


def test_keeping_both_printed_figures_of_a_round_is_refused_as_out_of_order(depa):
    decisions.decide(depa.pat, depa.card, "1", 1, 75, "stated", REASON)
    with pytest.raises(Invalid, match="เรียงลำดับไม่ถูกต้อง"):
        decisions.decide(depa.pat, depa.card, "1", 1, 100, "stated", REASON)
    assert FigureDecision.objects.count() == 1


@pytest.mark.parametrize("state", ["submitted", "approved", "locked"])
def test_a_closed_round_keeps_its_figures_and_refuses_a_decision(depa, state):
    RoundReview.objects.update_or_create(
        scorecard=depa.card, round_no=1, defaults={"state": state, "version": depa.card.current}
    )
    with pytest.raises(RoundClosed):
        decisions.decide(depa.pat, depa.card, "1", 1, 75, "stated", REASON)
    assert kpi_1_score(depa) == Decimal("85.83")


def test_a_decision_belongs_to_its_version_and_a_new_version_starts_from_the_template(depa):
    decisions.decide(depa.pat, depa.card, "1", 1, 75, "stated", REASON)
    text = depa_text().replace("version: 1", "version: 2", 1)
    imports.import_template(depa.world.ada, text, "a new version")
    depa.card.refresh_from_db()
    assert depa.card.current.number == 2
    assert kpi_1_score(depa) == Decimal("85.83")


def test_the_marks_name_each_mismatched_level_its_figures_audit_row_and_decision(depa):
    decisions.decide(depa.pat, depa.card, "1", 1, 75, "stated", REASON)
    found = decisions.marks(depa.card, depa.card.current, "1", 1)
    assert sorted(found) == [75, 100]
    mark = found[75]
    assert (mark.stated, mark.recomputed, mark.anchor, mark.decidable) == (
        Decimal("1.18"), Decimal("1.05"), "audit-1-round-1-level-75", True,
    )  # fmt: skip
    assert (mark.decision.choice, mark.decision.decided_by) == ("stated", depa.pat)
    assert found[100].decision is None
    stored = FigureDecision.objects.filter(version=depa.card.current, round_no=1)
    assert list(stored.values_list("kpi_id", "score", "choice")) == [("1", 75, "stated")]


def test_decisions_are_read_once_per_change_of_the_scorecard(depa):
    decisions.decide(depa.pat, depa.card, "1", 1, 75, "stated", REASON)
    version = depa.card.current
    engine.decided(depa.card, version)
    with CaptureQueriesContext(connection) as ctx:
        level = engine.decided(depa.card, version).kpi("1").round(1).levels[1]
    assert (len(ctx.captured_queries), level.value) == (0, Decimal("1.18"))
    # Another process changes its mind: the row and the scorecard's changed_at move on.
    FigureDecision.objects.update(choice="recomputed")
    Scorecard.objects.filter(pk=depa.card.pk).mark_changed()
    fresh = Scorecard.objects.get(pk=depa.card.pk)
    assert engine.decided(fresh, version).kpi("1").round(1).levels[1].value == Decimal("1.05")


def test_a_decision_names_its_scorecard_through_its_version_in_the_log(depa):
    decisions.decide(depa.pat, depa.card, "1", 1, 75, "stated", REASON)
    decisions.decide(depa.pat, depa.card, "1", 1, 75, "recomputed", REASON)
    assert FigureDecision.objects.get().version.scorecard == depa.card
    reprs = AuditLog.objects.filter(action__startswith="figure.").values_list("object_repr")
    assert {r for (r,) in reprs} == {f"{depa.card} KPI 1 round 1 level 75"}


def test_changing_ones_mind_costs_no_more_queries_than_deciding(depa):
    # The stored decision's repr names the scorecard through its version: the call's own
    # version and scorecard are handed to it rather than read back.
    with CaptureQueriesContext(connection) as first:
        decisions.decide(depa.pat, depa.card, "1", 1, 75, "stated", REASON)
    with CaptureQueriesContext(connection) as again:
        decisions.decide(depa.pat, depa.card, "1", 1, 75, "recomputed", REASON)
    assert len(again.captured_queries) <= len(first.captured_queries)
