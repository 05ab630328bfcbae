"""Saving results: validation by the engine, optimistic locking, closed rounds, audit log."""

from __future__ import annotations

from decimal import Decimal

import pytest

from thaikpi.changelog.models import AuditLog
from thaikpi.results.models import Result
from thaikpi.services import engine, results, reviews
from thaikpi.services.errors import Conflict, Invalid, NotAllowed, RoundClosed


def test_a_planner_saves_a_value_and_the_engine_scores_it(world):
    results.save_result(world.pim, world.card, "1", 1, "1.05", "", 0)
    scored = engine.score(world.card, 1)
    assert scored.kpi("1").score == Decimal("75.00")
    assert scored.round.total == Decimal("30.0000")  # 75 × 40 / 100, from the engine


def test_inputs_are_stored_as_decimal_strings(world):
    saved = results.save_result(
        world.oat, world.card, "3", 1, {"trade_value": "3500", "budget": "100"}, "", 0
    )
    saved.refresh_from_db()
    assert saved.raw == {"trade_value": "3500", "budget": "100"}
    assert engine.score(world.card, 1).kpi("3").actual == Decimal("35.00")


def test_the_second_saver_gets_a_conflict_and_the_first_value_stays(world):
    results.save_result(world.pim, world.card, "1", 1, "1.0", "", 0)
    results.save_result(world.pim, world.card, "1", 1, "1.1", "", 1)
    with pytest.raises(Conflict) as caught:
        results.save_result(world.ada, world.card, "1", 1, "9.9", "", 1)
    assert caught.value.current.raw == "1.1"
    assert Result.objects.get(kpi_id="1").raw == "1.1"


def test_a_creator_racing_another_creator_gets_a_conflict(world):
    results.save_result(world.pim, world.card, "1", 1, "1.0", "", 0)
    with pytest.raises(Conflict):
        results.save_result(world.ada, world.card, "1", 1, "2.0", "", 0)


def test_the_engine_refuses_a_zero_budget(world):
    with pytest.raises(Invalid) as caught:
        results.save_result(
            world.oat, world.card, "3", 1, {"trade_value": "1", "budget": "0"}, "", 0
        )
    assert caught.value.findings[0].message == "budget must be more than 0, got 0"
    assert caught.value.findings[0].message_th == "งบประมาณต้องมากกว่า 0 แต่พบ 0"
    assert not Result.objects.exists()


def test_it_refuses_a_kpi_not_assessed_in_the_round(world):
    with pytest.raises(Invalid):
        results.save_result(world.pim, world.card, "2", 1, "450", "", 0)


def test_an_owner_cannot_enter_a_kpi_they_do_not_own(world):
    with pytest.raises(NotAllowed):
        results.save_result(world.oat, world.card, "1", 1, "1.0", "", 0)


def test_mallory_cannot_enter_results_for_ditp(world):
    with pytest.raises(NotAllowed):
        results.save_result(world.mallory, world.card, "1", 1, "1.0", "", 0)


def test_it_refuses_a_locked_round(world):
    results.save_result(world.pim, world.card, "1", 1, "1.0", "", 0)
    for user, action in [(world.pim, "submit"), (world.eve, "approve"), (world.eve, "lock")]:
        reviews.transition(user, world.card, 1, action)
    for user in (world.pim, world.ada, world.oat):
        with pytest.raises((RoundClosed, NotAllowed)):
            results.save_result(user, world.card, "1", 1, "2.0", "", 1)
    assert Result.objects.get(kpi_id="1").raw == "1.0"


def test_a_submitted_round_refuses_progress_of_its_months(world):
    reviews.transition(world.pim, world.card, 1, "submit")
    with pytest.raises(RoundClosed):
        results.set_progress(world.pim, world.card, "1", 3, Decimal("0.5"))
    results.set_progress(world.pim, world.card, "1", 7, Decimal("0.9"))  # round 2 is open


def test_every_save_writes_the_audit_log_with_before_and_after(world):
    results.save_result(world.pim, world.card, "1", 1, "1.0", "first", 0)
    results.save_result(world.pim, world.card, "1", 1, "1.2", "second", 1)
    entry = AuditLog.objects.filter(action="result.save").first()
    assert entry.actor == world.pim
    assert entry.before["raw"] == "1.0" and entry.after["raw"] == "1.2"


def test_preview_writes_nothing(world):
    scored = results.preview(world.card, "1", 1, "1.35")
    assert scored.kpi("1").score == Decimal("100.00")
    assert not Result.objects.exists()


def test_warming_parses_every_current_version(world):
    assert engine.warm() == 2
