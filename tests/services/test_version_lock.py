"""A submitted, approved or locked round is scored with the version it was submitted under.

Every template field that can move a score is changed in a new version after round 1 was
entered: a closed round's total stays; an open round (draft, returned) takes the new version.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.apps import apps

from tests import versions as v
from tests.versions import base_text, edited, round_one_in
from thaikpi.changelog.models import AuditLog
from thaikpi.results.models import RoundReview
from thaikpi.services import engine, imports, reviews
from thaikpi.services import reports as report_service
from thaikpi.services.errors import Invalid


def total(world) -> Decimal:
    world.card.refresh_from_db()
    return engine.score(world.card, 1).round.total


def import_edit(world, field: str) -> bool:
    """True when the edited template became a new version, False when it was refused."""
    try:
        imports.import_template(world.pim, edited(field), f"change the {field}")
    except Invalid:
        return False
    return True


@pytest.mark.parametrize("state", v.CLOSED)
@pytest.mark.parametrize("field", list(v.EDITS))
def test_a_closed_round_keeps_its_total_whatever_version_is_imported_after(world, field, state):
    round_one_in(world, state)
    assert total(world) == Decimal(v.BASE_TOTAL)
    assert import_edit(world, field) is (field not in v.TARGET_EDITS)
    assert total(world) == Decimal(v.BASE_TOTAL)
    assert engine.score_many([world.card], 1)[0][1].round.total == Decimal(v.BASE_TOTAL)
    report = report_service.report_data(world.card, 1)
    assert (report.scored.total, report.version) == (Decimal(v.BASE_TOTAL), 2)


@pytest.mark.parametrize("state", v.OPEN)
@pytest.mark.parametrize("field", list(v.EDITS))
def test_an_open_round_is_scored_with_the_new_version(world, field, state):
    round_one_in(world, state)
    assert import_edit(world, field)
    assert total(world) == Decimal(v.NEW_TOTAL[field])
    assert engine.score(world.card, 1).version == 3


def test_submitting_pins_the_current_version_and_returning_releases_it(world):
    round_one_in(world, "submitted")
    review = RoundReview.objects.get(scorecard=world.card, round_no=1)
    assert review.version.number == 2
    reviews.transition(world.eve, world.card, 1, "return", "แก้ไขสูตร")
    review.refresh_from_db()
    assert review.version is None
    import_edit(world, "formula")
    reviews.transition(world.pim, world.card, 1, "submit")
    import_edit(world, "scoring method")
    assert (engine.version_for(world.card, 1).number, total(world)) == (3, Decimal("65.0000"))


def test_the_audit_log_keeps_the_pinned_version_of_a_review(world):
    round_one_in(world, "submitted")
    row = AuditLog.objects.filter(action="review.submit").latest("pk")
    assert (row.before["version"], row.after["version"]) == (None, 2)


def test_importing_an_identical_template_makes_no_version(world):
    imports.import_template(world.pim, base_text(), "every field spelt out")
    logged = AuditLog.objects.count()
    outcome = imports.import_version(world.pim, base_text(), "")
    assert (outcome.unchanged, outcome.number, outcome.changes) == (True, 2, ())
    assert world.card.versions.count() == 2 and AuditLog.objects.count() == logged
    assert imports.describe(outcome) == "แม่แบบนี้เหมือนฉบับที่ 2 ทุกประการ จึงไม่ได้นำเข้าฉบับใหม่"


def test_the_audit_log_keeps_the_difference_and_which_rounds_use_the_new_version(world):
    round_one_in(world, "locked")
    import_edit(world, "formula")
    row = AuditLog.objects.filter(action="scorecard.import").latest("pk")
    assert row.after["changes"] == [
        {"kpi": "3", "field": "formula", "old": "trade_value / budget",
         "new": "trade_value / budget * 2"}
    ]  # fmt: skip
    assert row.after["round_versions"] == [
        {"round": 1, "state": "locked", "version": 2, "follows_new": False},
        {"round": 2, "state": "draft", "version": 3, "follows_new": True},
    ]


def test_a_dry_run_says_what_would_change_and_stores_nothing(world):
    round_one_in(world, "approved")
    logged = AuditLog.objects.count()
    outcome = imports.import_version(world.pim, edited("weights"), "swap", dry_run=True)
    assert [(c.kpi, c.field, c.old, c.new) for c in outcome.changes] == [
        ("1", "weight", "40", "30"),
        ("3", "weight", "30", "40"),
    ]
    assert [(r.round_no, r.version, r.follows_new) for r in outcome.rounds] == [
        (1, 2, False),
        (2, 3, True),
    ]
    assert world.card.versions.count() == 2 and AuditLog.objects.count() == logged


def test_a_dry_run_of_a_first_import_leaves_no_scorecard_behind(world):
    from thaikpi.scorecards.models import Scorecard

    count = Scorecard.objects.count()
    year = "{year_be: 2568, starts: 2024-10-01, ends: 2025-09-30}"
    text = base_text().replace("{year_be: 2567, starts: 2023-10-01, ends: 2024-09-30}", year)
    outcome = imports.import_version(world.pim, text, "", dry_run=True)
    assert (outcome.dry_run, outcome.number) == (True, 1)
    assert Scorecard.objects.count() == count


def test_the_migration_pins_rounds_already_closed_to_the_current_version(world):
    from importlib import import_module

    migration = import_module("thaikpi.results.migrations.0002_roundreview_version")
    round_one_in(world, "locked")
    RoundReview.objects.filter(scorecard=world.card).update(version=None)
    migration.pin_closed_rounds(apps, None)
    rows = RoundReview.objects.filter(scorecard=world.card)
    pinned = dict(rows.values_list("round_no", "version__number"))
    assert pinned == {1: 2, 2: None}


def test_warming_up_parses_the_versions_closed_rounds_keep_as_well(world):
    round_one_in(world, "locked")
    import_edit(world, "formula")
    assert engine.warm() == 3  # DITP's current (3) and kept (2) versions, DBD's version 1
