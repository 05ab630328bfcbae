"""A scorecard's ``changed_at`` moves on with every write, so cached scores are never stale."""

from __future__ import annotations

import ast
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from thaikpi.scorecards.models import Scorecard
from thaikpi.services import engine, lists, ownership, results, reviews

SERVICES = Path(results.__file__).parent
ORM_WRITES = {"save", "create", "get_or_create", "update_or_create", "update", "delete"}
ORM_WRITES |= {"bulk_create", "bulk_update", "set", "add", "remove", "clear"}
# Writes that change nothing a scorecard's figures are made from (module.function: why).
NOT_CONTENT = {
    "tokens.issue": "a user's API token",
    "tokens.revoke": "a user's API token",
    "rounds.review_of": "the draft review row a round of the template has: it scores the same",
    "agencies.create_agency": "a new agency: no scorecard yet (audited without one)",
    "calendar.replace": "a user's calendar feed address",
    "calendar.revoke": "a user's calendar feed address",
    "calendar.feed": "a user's calendar feed address (made on first use)",
    "notifications.notify": "a user's inbox",
    "notifications.mark_read": "a user's inbox",
    "notifications.send_pending": "a user's inbox (marked as e-mailed)",
    # The walk reads calls by name: these only add to Python sets, not to the database.
    "dashboard.rounds_with_results": "set.add, a read",
    "dashboard.level_mismatches": "set.add, a read",
    "deadlines.todo_for": "set.add, a read",
    "deadlines.events_for": "set.add, a read (the dated part of todo_for)",
}


def changed_at(card: Scorecard) -> datetime:
    return Scorecard.objects.get(pk=card.pk).changed_at


def _calls(node: ast.AST) -> list[ast.Call]:
    return [n for n in ast.walk(node) if isinstance(n, ast.Call)]


def _writes_and_records(path: Path) -> dict[str, tuple[bool, bool]]:
    """Function name → (writes to the database, records a change against a scorecard),
    following the module's private helpers it calls."""
    tree = ast.parse(path.read_text())
    functions = {f.name: f for f in tree.body if isinstance(f, ast.FunctionDef)}
    direct = {}
    for name, f in functions.items():
        calls = _calls(f)
        writes = any(isinstance(c.func, ast.Attribute) and c.func.attr in ORM_WRITES for c in calls)
        records = any(
            isinstance(c.func, ast.Name)
            and c.func.id == "record"
            and any(k.arg == "scorecard" for k in c.keywords)
            for c in calls
        )
        helpers = {c.func.id for c in calls if isinstance(c.func, ast.Name)} & set(functions)
        direct[name] = (writes, records, {h for h in helpers if h.startswith("_")})

    def reach(name: str, seen: set[str]) -> tuple[bool, bool]:
        writes, records, helpers = direct[name]
        for helper in helpers - seen:
            w, r = reach(helper, seen | {name})
            writes, records = writes or w, records or r
        return writes, records

    return {name: reach(name, set()) for name in functions}


def test_every_service_that_writes_records_the_change_against_its_scorecard():
    """``changelog.log.record(..., scorecard=...)`` moves ``changed_at`` on: a write
    without it would leave the agencies' comparison showing cached scores."""
    unrecorded = []
    for path in sorted(SERVICES.glob("*.py")):
        for name, (writes, records) in _writes_and_records(path).items():
            where = f"{path.stem}.{name}"
            if writes and not records and not name.startswith("_") and where not in NOT_CONTENT:
                unrecorded.append(where)
    assert unrecorded == []


def test_the_walk_finds_the_writing_services_and_every_exception_still_writes():
    found = {
        f"{path.stem}.{name}"
        for path in SERVICES.glob("*.py")
        for name, (writes, _records) in _writes_and_records(path).items()
        if writes
    }
    expected = {"results.save_result", "results.set_progress", "results.add_evidence"}
    expected |= {"reviews.transition", "ownership.set_owner", "ownership.remove_owner"}
    expected |= {"imports.import_version"}
    assert expected | set(NOT_CONTENT) <= found


@pytest.mark.parametrize(
    "write",
    [
        lambda w: results.save_result(w.pim, w.card, "1", 1, "1.05", "", 0),
        lambda w: results.set_progress(w.pim, w.card, "1", 2, Decimal("0.5")),
        lambda w: reviews.transition(w.pim, w.card, 1, "submit"),
        lambda w: ownership.set_owner(w.pim, w.card, "1", w.strat, [w.oat]),
    ],
    ids=["a result", "monthly progress", "a review", "an owner"],
)
def test_writing_to_a_scorecard_moves_its_changed_at_on_and_no_other(world, write):
    before, other = changed_at(world.card), changed_at(world.other)
    write(world)
    assert changed_at(world.card) > before
    assert changed_at(world.other) == other


def totals(world) -> dict[str, Decimal]:
    codes = {world.card.pk: "DITP", world.other.pk: "DBD"}
    return {codes[pk]: s.total for pk, s in lists.comparison(world.eve, 2567, 1)}


def test_the_comparison_shows_a_saved_result_at_once_though_scores_are_cached(world):
    assert totals(world) == {"DITP": Decimal("0.0000"), "DBD": Decimal("0.0000")}
    results.save_result(world.pim, world.card, "1", 1, "1.05", "", 0)
    assert totals(world) == {"DITP": Decimal("30.0000"), "DBD": Decimal("0.0000")}


def test_a_second_comparison_scores_only_the_scorecards_that_changed(world, monkeypatch):
    totals(world)
    scored = []
    score_many = engine.score_many
    monkeypatch.setattr(
        engine, "score_many", lambda cards, r: scored.extend(cards) or score_many(cards, r)
    )
    totals(world)
    assert scored == []
    results.save_result(world.pim, world.card, "1", 1, "1.05", "", 0)
    assert totals(world)["DITP"] == Decimal("30.0000")
    assert [c.pk for c in scored] == [world.card.pk]


def test_warming_before_the_workers_fork_leaves_the_comparison_nothing_to_score(world, monkeypatch):
    assert lists.warm_standings() == 4  # two scorecards, each with rounds 1 and 2
    scored = []
    monkeypatch.setattr(engine, "score_many", lambda cards, r: scored.extend(cards) or [])
    assert totals(world) == {"DITP": Decimal("0.0000"), "DBD": Decimal("0.0000")}
    assert scored == []
