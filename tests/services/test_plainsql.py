"""The hot-path reads in plain SQL give what the ORM gives (run on SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import User
from django.db import connection
from django.http import Http404
from django.utils import timezone

from thaikpi.accounts import permissions
from thaikpi.accounts.backends import UserBackend
from thaikpi.audit.models import AuditLog
from thaikpi.results.models import MonthlyProgress, Result
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import engine, plainsql, results
from thaikpi.web.sessions import SessionStore


def concrete_values(instance, skip=()):
    """The loaded column values of a model instance, by attribute name."""
    return {
        f.attname: getattr(instance, f.attname)
        for f in type(instance)._meta.concrete_fields
        if f.attname not in skip
    }


def test_a_scorecard_comes_with_its_agency_year_and_version_as_the_orm_loads_them(world):
    orm = Scorecard.objects.select_related("agency", "fiscal_year", "current").get(pk=world.card.pk)
    related = {"agency": (), "fiscal_year": (), "current": ("template_text", "meta")}
    plain = plainsql.one(Scorecard, "t.id = %s", [world.card.pk], related=related)
    assert concrete_values(plain) == concrete_values(orm)
    assert concrete_values(plain.agency) == concrete_values(orm.agency)
    assert concrete_values(plain.fiscal_year) == concrete_values(orm.fiscal_year)
    skip = ("template_text", "meta")
    assert concrete_values(plain.current, skip) == concrete_values(orm.current, skip)
    assert isinstance(plain.current.created_at, datetime.datetime)
    assert plain.current.created_at.tzinfo is not None
    assert plain.current.get_deferred_fields() == {"template_text", "meta"}
    assert plain.current.meta == orm.current.meta  # a deferred column still loads on use


def test_an_empty_relation_comes_back_as_none_and_a_set_one_without_its_skipped_columns(world):
    results.save_result(world.pim, world.card, "1", 1, "1.05", "note", 0)
    AuditLog.objects.create(action="system.check", scorecard=world.card, kpi_id="1")
    found = results.kpi_history(world.card, "1")
    assert [e.action for e in found] == ["system.check", "result.save"]  # newest first
    assert found[0].actor is None
    assert found[1].actor == world.pim
    assert found[1].actor.get_deferred_fields() == {"password"}
    orm = AuditLog.objects.get(pk=found[1].pk)
    assert found[1].after == orm.after and found[1].at == orm.at


def test_stored_results_and_progress_are_the_orms_values(world):
    results.save_result(
        world.oat, world.card, "3", 1, {"trade_value": "3500", "budget": "100"}, "", 0
    )
    results.set_progress(world.pim, world.card, "1", 3, Decimal("12.5"))
    assert engine.stored_results(world.card.pk, 1) == dict(
        Result.objects.filter(scorecard=world.card, round_no=1).values_list("kpi_id", "raw")
    )
    assert results.monthly_progress(world.card, "1") == {3: Decimal("12.5")}
    stored = MonthlyProgress.objects.get(scorecard=world.card, kpi_id="1", month=3).value
    assert results.monthly_progress(world.card, "1")[3] == stored
    entered = results.stored_result(world.card, "3", 1)
    assert entered == Result.objects.get(scorecard=world.card, kpi_id="3", round_no=1)
    assert entered.raw == {"trade_value": "3500", "budget": "100"}
    assert results.stored_result(world.card, "3", 2) is None


def test_a_session_is_read_until_it_expires(world):
    store = SessionStore()
    store[SESSION_KEY] = str(world.pim.pk)
    store[BACKEND_SESSION_KEY] = "thaikpi.accounts.backends.UserBackend"
    store.create()
    assert SessionStore(store.session_key).load()[SESSION_KEY] == str(world.pim.pk)
    store.model.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    expired = SessionStore(store.session_key)
    assert expired.load() == {}
    assert expired.session_key is None  # a new one will be made, as Django's store does


@pytest.mark.parametrize("user_id", ["x", None, "", "-1", "0", str(2**63), "99999"])
def test_a_session_naming_no_usable_user_logs_nobody_in(world, user_id):
    assert UserBackend().get_user(user_id) is None


def test_the_session_user_is_loaded_unless_inactive(world):
    assert UserBackend().get_user(str(world.pim.pk)) == world.pim
    User.objects.filter(pk=world.pim.pk).update(is_active=False)
    assert UserBackend().get_user(str(world.pim.pk)) is None


@pytest.mark.parametrize("pk", [0, -1, 2**63, 10**30])
def test_an_id_beyond_any_scorecard_is_not_found(world, pk):
    with pytest.raises(Http404):
        permissions.scorecard_for(world.ada, pk)


def test_another_agencys_scorecard_is_not_found_and_the_years_are_the_agencys(world):
    with pytest.raises(Http404):
        permissions.scorecard_for(world.mallory, world.card.pk)
    assert permissions.agency_years(world.mallory, world.card) == []
    years = permissions.agency_years(world.pim, world.card)
    assert years == [(world.card.pk, world.card.fiscal_year.year_be)]


def test_scoring_many_scorecards_at_once_gives_each_its_own_score(world):
    results.save_result(world.pim, world.card, "1", 1, "1.05", "", 0)
    results.save_result(world.mallory, world.other, "1", 1, "1.35", "", 0)
    many = dict(engine.score_many(Scorecard.objects.all(), 1))
    assert set(many) == {world.card, world.other}
    for card, scored in many.items():
        assert scored.round == engine.score(card, 1).round
    assert many[world.card].round.total != many[world.other].round.total
    assert engine.score_many(Scorecard.objects.all(), 7) == []  # no such round anywhere


# rows(): SQLite's driver cursor and Django's give the same


def both_ways(sql, params=()):
    """rows() as pages run it (SQLite: the driver's own cursor) and through Django's cursor."""
    assert not connection.queries_logged
    direct = plainsql.rows(sql, params)
    if connection.vendor == "sqlite":
        assert sql in plainsql._qmarked  # the driver's path was taken
    before = connection.force_debug_cursor
    connection.force_debug_cursor = True  # Django logs queries: rows() goes through its cursor
    try:
        logged = plainsql.rows(sql, params)
        assert connection.queries_log[-1]["sql"].startswith("SELECT")
    finally:
        connection.force_debug_cursor = before
    return direct, logged


def test_rows_are_the_same_through_either_cursor_with_an_in_list(world):
    names = ["pim", "oat", "nobody", "eve"]
    sql = (
        f"SELECT username, first_name, is_active FROM {plainsql.table(User)}"
        f" WHERE username IN ({plainsql.placeholders(names)}) ORDER BY username"
    )
    direct, logged = both_ways(sql, names)
    assert direct == logged
    assert [(name, first) for name, first, _ in direct] == [
        ("eve", "Eve"),
        ("oat", "Oat"),
        ("pim", "Pim"),
    ]
    assert both_ways(sql, names) == (direct, direct)  # the rewritten text, kept, is the same


def test_rows_are_the_same_through_either_cursor_with_a_percent_in_the_text(world):
    users = plainsql.table(User)
    no_params = f"SELECT username FROM {users} WHERE username LIKE 'p%%' ORDER BY username"
    direct, logged = both_ways(no_params)
    assert direct == logged == [("pim",)]
    with_param = (
        f"SELECT username, '%%s' FROM {users}"
        " WHERE username LIKE 'm%%' OR username = %s ORDER BY username"
    )
    direct, logged = both_ways(with_param, ["oat"])
    assert direct == logged == [("mallory", "%s"), ("oat", "%s")]


def test_rows_are_the_same_through_either_cursor_with_dates_and_no_rows(world):
    results.save_result(world.pim, world.card, "1", 1, "1.05", "", 0)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    sql = (
        f"SELECT kpi_id, round_no, raw FROM {plainsql.table(Result)}"
        " WHERE scorecard_id = %s AND updated_at <= %s ORDER BY kpi_id"
    )
    direct, logged = both_ways(sql, [world.card.pk, now])
    assert direct == logged and [row[:2] for row in direct] == [("1", 1)]
    assert both_ways(sql, [world.other.pk, now]) == ([], [])
