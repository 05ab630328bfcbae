"""The overview's shared page cache (thaikpi/front/pagecache.py) and what it rests on.

- A page made from the cache is byte for byte the page made without one (but for the CSRF
  token, which is the request's own), for every role and language.
- A body is made once for the same inputs and again for anything that differs; nothing a
  page shows can come back stale: results, owners' names, the agency's name, review steps.
- If the cache cannot be read or written the page is made as if there were none.
- The key is every input and the code; the database cache's own ``get``; the migration that
  makes its table.
"""

from __future__ import annotations

import datetime
import importlib
import io
import logging
import pickle
import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import DatabaseError, connection
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client, override_settings
from django.urls import reverse, set_script_prefix
from django.utils import timezone

from tests.personas import World, mini_text
from tests.web.test_speed import logged_in, overview_url, shown
from thaikpi.accounts.choices import Role
from thaikpi.accounts.models import Membership
from thaikpi.front import jinja, pagecache
from thaikpi.front.views import CSRF_STAND_IN
from thaikpi.scorecards.models import KpiOwnership
from thaikpi.services import imports, results, reviews
from thaikpi.web.cache import DatabaseCache, PlainUnpickler, short_lock_wait

BODY = "front/_overview_body.html"
NO_CACHE = {**settings.CACHES, "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")([^"]+)(")')
CACHE_TABLE = settings.CACHES["pages"]["LOCATION"]


# The migration's function (its module's name starts with a digit: no plain import).
create_cache_table = importlib.import_module(
    "thaikpi.front.migrations.0001_cache_table"
).create_cache_table


def in_language(client: Client, language: str) -> Client:
    """The client with the language cookie set, as the language switch sets it."""
    if language != "th":
        client.post(reverse("set_language"), {"language": language, "next": "/"})
    return client


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def without_tokens(body: str) -> str:
    """The page with every CSRF token replaced by the same text (each request masks anew)."""
    return TOKEN.sub(r"\1TOKEN\3", body)


def owner_of(body: str, kpi_id: str) -> str:
    """The owner column of a KPI's row."""
    found = re.search(
        rf'data-kpi="{re.escape(kpi_id)}">.*?<td class="owner">([^<]*)</td>', body, re.S
    )
    assert found, f"no row for KPI {kpi_id}"
    return found.group(1)


def crumbs(body: str) -> str:
    found = re.search(r'<div class="crumbs">(.*?)</div>', body, re.S)
    assert found, "no crumbs on the page"
    return found.group(1)


def entry_url(world: World, kpi_id: str, round_no: int = 1) -> str:
    return reverse("front:entry", args=[world.card.pk, kpi_id, round_no])


@pytest.fixture
def renders(monkeypatch) -> list[str]:
    """The names of the page parts rendered from now on."""
    made: list[str] = []
    render = jinja.render_part

    def counted(template_name: str, context: dict[str, object]) -> str:
        made.append(template_name)
        return render(template_name, context)

    monkeypatch.setattr(jinja, "render_part", counted)
    return made


def a_second_planner(world: World) -> User:
    """Another planner of DITP: the same inputs as Pim's page."""
    user = User.objects.create_user("pat", first_name="Pat")
    Membership.objects.create(user=user, agency=world.ditp, role=Role.PLANNER)
    return user


# The same page, with or without the cache


@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.parametrize("name", ["pim", "eve"])
def test_it_makes_the_same_page_from_the_cache_as_without_it(world, renders, name, language):
    results.save_result(world.pim, world.card, "1", 1, "1.05", "", 0)
    if name == "eve":  # a submitted round: the evaluator has review actions too
        reviews.transition(world.pim, world.card, 1, "submit")
    client = in_language(logged_in(world, name), language)
    url = overview_url(world)
    with override_settings(CACHES=NO_CACHE):
        uncached = page(client, url)
        assert renders == [BODY]
    made = page(client, url)  # made and kept
    from_cache = page(client, url)
    assert renders == [BODY, BODY]  # the last page was not rendered
    assert without_tokens(from_cache) == without_tokens(uncached)
    assert without_tokens(made) == without_tokens(uncached)
    assert 'class="review-form"' in from_cache  # the form with the CSRF field is there
    assert f'lang="{language}"' in from_cache


# Made once for the same inputs, again for others


def test_it_does_not_render_the_body_again_for_a_second_load(world, renders):
    client = logged_in(world, "pim")
    first = page(client, overview_url(world))
    second = page(client, overview_url(world))
    assert renders == [BODY]
    assert shown(second.encode(), "total") == shown(first.encode(), "total") == "0.0000"


def test_it_shares_the_body_between_users_who_see_the_same(world, renders):
    page(logged_in(world, "pim"), overview_url(world))
    client = Client()
    client.force_login(a_second_planner(world))
    assert 'class="btn-submit"' in page(client, overview_url(world))
    assert renders == [BODY]


def test_it_renders_the_body_again_for_other_editable_kpis(world, renders):
    nid = User.objects.create_user("nid", first_name="Nid")  # reports KPI 1, as Oat reports 3
    Membership.objects.create(user=nid, agency=world.ditp, role=Role.KPI_OWNER)
    KpiOwnership.objects.create(scorecard=world.card, kpi_id="1").users.add(nid)
    client = Client()
    client.force_login(nid)
    oat = page(logged_in(world, "oat"), overview_url(world))
    nids = page(client, overview_url(world))
    assert renders == [BODY, BODY]
    assert entry_url(world, "3") in oat and entry_url(world, "1") not in oat
    assert entry_url(world, "1") in nids and entry_url(world, "3") not in nids


def test_it_renders_the_body_again_for_other_review_actions(world, renders):
    reviews.transition(world.pim, world.card, 1, "submit")  # nobody edits a submitted round
    evaluator = page(logged_in(world, "eve"), overview_url(world))
    executive = page(logged_in(world, "ekk"), overview_url(world))
    assert renders == [BODY, BODY]
    assert 'class="btn-approve"' in evaluator and 'class="btn-approve"' not in executive


def test_it_renders_the_body_again_for_another_language(world, renders):
    thai = page(logged_in(world, "pim"), overview_url(world))
    english = page(in_language(logged_in(world, "pim"), "en"), overview_url(world))
    assert renders == [BODY, BODY]
    assert "บันทึกผล" in thai and "Enter result" in english and "บันทึกผล" not in english


def test_it_renders_the_body_again_for_another_round(world, renders):
    client = logged_in(world, "pim")
    first = page(client, overview_url(world, 1))
    second = page(client, overview_url(world, 2))
    assert renders == [BODY, BODY]
    assert 'href="?round=1" class="pill on"' in first
    assert 'href="?round=2" class="pill on"' in second
    assert page(client, overview_url(world, 1)) and renders == [BODY, BODY]


def test_a_page_served_under_another_path_prefix_links_under_it(world, renders):
    client, url = logged_in(world, "pim"), overview_url(world)
    plain = page(client, url)
    set_script_prefix("/kpi/")  # as the WSGI handler does for SCRIPT_NAME=/kpi
    try:
        prefixed = page(client, url)
    finally:
        set_script_prefix("/")
    assert renders == [BODY, BODY]
    assert f'href="/scorecards/{world.card.pk}/audit/"' in plain
    assert f'href="/kpi/scorecards/{world.card.pk}/audit/"' in prefixed


def test_the_key_holds_the_language_and_the_right_to_manage_owners(world, monkeypatch):
    keys: list[tuple[object, ...]] = []
    cached = pagecache.cached

    def kept(kind: str, inputs: tuple[object, ...], make):  # type: ignore[no-untyped-def]
        keys.append(inputs)
        return cached(kind, inputs, make)

    monkeypatch.setattr(pagecache, "cached", kept)
    page(logged_in(world, "pim"), overview_url(world))
    page(in_language(logged_in(world, "pim"), "en"), overview_url(world))
    assert "th" in keys[0] and "en" in keys[1]
    # Everything the same but the right to manage owners: still another key.
    with monkeypatch.context() as patched:
        patched.setattr("thaikpi.accounts.permissions.can_manage_owners", lambda *a: False)
        page(logged_in(world, "pim"), overview_url(world))
    assert keys[2] != keys[0]
    assert [a for a, b in zip(keys[0], keys[2], strict=True) if a != b] == [True]


# Nothing stale


def test_a_saved_result_shows_on_the_next_load(world):
    client = logged_in(world, "eve")
    assert shown(page(client, overview_url(world)).encode(), "total") == "0.0000"
    results.save_result(world.pim, world.card, "1", 1, "1.35", "", 0)
    assert shown(page(client, overview_url(world)).encode(), "total") == "40.0000"
    results.save_result(world.pim, world.card, "1", 1, "1.05", "", 1)
    assert shown(page(client, overview_url(world)).encode(), "total") == "30.0000"


def test_a_renamed_owner_shows_on_the_next_load(world):
    client = logged_in(world, "pim")
    assert owner_of(page(client, overview_url(world)), "3") == "กองยุทธศาสตร์ · Oat"
    User.objects.filter(pk=world.oat.pk).update(first_name="Oatthaphon", last_name="Dee")
    assert owner_of(page(client, overview_url(world)), "3") == "กองยุทธศาสตร์ · Oatthaphon Dee"
    world.strat.name_th = "กองยุทธศาสตร์และแผน"
    world.strat.save()
    assert owner_of(page(client, overview_url(world)), "3") == "กองยุทธศาสตร์และแผน · Oatthaphon Dee"


def test_a_new_owner_shows_on_the_next_load(world):
    client = logged_in(world, "pim")
    assert owner_of(page(client, overview_url(world)), "1") == ""
    KpiOwnership.objects.create(scorecard=world.card, kpi_id="1", division=world.strat)
    assert owner_of(page(client, overview_url(world)), "1") == "กองยุทธศาสตร์"


def test_a_renamed_agency_shows_on_the_next_load(world):
    client = logged_in(world, "pim")
    assert "กรมส่งเสริมการค้าระหว่างประเทศ" in crumbs(page(client, overview_url(world)))
    world.ditp.name_th = "กรมส่งเสริมการค้าระหว่างประเทศ (ใหม่)"
    world.ditp.save()
    assert "กรมส่งเสริมการค้าระหว่างประเทศ (ใหม่)" in crumbs(page(client, overview_url(world)))


def test_a_locked_round_shows_on_the_next_load_without_enter_result_buttons(world):
    client = logged_in(world, "pim")
    body = page(client, overview_url(world))
    assert entry_url(world, "1") in body and 'state-draft"' in body
    reviews.transition(world.pim, world.card, 1, "submit")
    reviews.transition(world.eve, world.card, 1, "approve")
    assert 'state-approved"' in page(client, overview_url(world))
    reviews.transition(world.eve, world.card, 1, "lock")
    body = page(client, overview_url(world))
    assert 'state-locked"' in body
    assert "front/entry" not in body and entry_url(world, "1") not in body
    assert 'class="review-form"' not in body


def test_a_changed_review_comment_shows_on_the_next_load(world):
    client = logged_in(world, "pim")
    reviews.transition(world.pim, world.card, 1, "submit")
    reviews.transition(world.eve, world.card, 1, "return", "Check KPI 1")
    body = page(client, overview_url(world))
    assert 'state-returned"' in body and "Check KPI 1" in body
    reviews.transition(world.pim, world.card, 1, "submit")
    reviews.transition(world.eve, world.card, 1, "return", "Now check KPI 3")
    body = page(client, overview_url(world))
    assert 'state-returned"' in body and "Now check KPI 3" in body and "Check KPI 1" not in body


def test_a_new_version_shows_on_the_next_load(world):
    client = logged_in(world, "pim")
    results.save_result(world.pim, world.card, "1", 1, "0.80", "", 0)
    assert shown(page(client, overview_url(world)).encode(), "total") == "21.6680"
    revised = mini_text().replace("stated: 0.75", "stated: 0.80", 1)
    imports.import_template(world.pim, revised, reason="GDP revised")
    assert shown(page(client, overview_url(world)).encode(), "total") == "20.0000"


def test_a_new_years_scorecard_shows_in_the_year_switch_on_the_next_load(world):
    client = logged_in(world, "pim")
    assert "2568" not in page(client, overview_url(world))
    next_year = (
        mini_text()
        .replace("id: mini-2567", "id: mini-2568")
        .replace(
            "year_be: 2567, starts: 2023-10-01, ends: 2024-09-30",
            "year_be: 2568, starts: 2024-10-01, ends: 2025-09-30",
        )
    )
    new = imports.import_template(world.pim, next_year).scorecard
    body = page(client, overview_url(world))
    assert f'href="{reverse("front:overview", args=[new.pk])}?round=1" class="pill">2568' in body


# The CSRF field


def test_the_page_has_no_stand_in_and_one_token_for_every_form(world):
    client = logged_in(world, "pim")
    page(client, overview_url(world))
    body = page(client, overview_url(world))  # from the cache
    assert CSRF_STAND_IN not in body
    review_form = re.search(r'<form[^>]*class="review-form">(.*?)</form>', body, re.S)
    assert review_form, "no review form"
    (review_token,) = TOKEN.findall(review_form.group(1))
    header_tokens = TOKEN.findall(body[: body.index('class="review-form"')])
    assert len(header_tokens) >= 2  # the language switch and the log-out button
    assert {t[1] for t in header_tokens} == {review_token[1]}


def test_the_review_form_from_the_cache_is_accepted(world):
    page(logged_in(world, "pim"), overview_url(world))  # Pim's body, kept
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.pim)
    body = page(client, overview_url(world))
    (token,) = {t[1] for t in TOKEN.findall(body)}
    response = client.post(
        reverse("front:review", args=[world.card.pk, 1]),
        {"action": "submit", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert 'state-submitted"' in page(client, overview_url(world))


def test_a_comment_that_looks_like_the_stand_in_stays_text(world):
    reviews.transition(world.pim, world.card, 1, "submit")
    reviews.transition(world.eve, world.card, 1, "return", CSRF_STAND_IN)
    client = logged_in(world, "pim")
    page(client, overview_url(world))
    body = page(client, overview_url(world))
    assert "&lt;!--thaikpi:csrf--&gt;" in body and CSRF_STAND_IN not in body
    assert len(TOKEN.findall(body)) == body.count('method="post"')


# When the cache fails


def test_an_unreadable_cache_still_gives_the_page_and_a_warning(world, monkeypatch, caplog):
    def broken(*args: object, **kwargs: object) -> object:
        raise DatabaseError("no such table: thaikpi_cache")

    results.save_result(world.pim, world.card, "1", 1, "1.35", "", 0)
    monkeypatch.setattr(DatabaseCache, "get", broken)
    with caplog.at_level(logging.WARNING, logger="thaikpi.front.pagecache"):
        response = logged_in(world, "eve").get(overview_url(world))
    assert response.status_code == 200
    assert shown(response.content, "total") == "40.0000"
    warnings = [r for r in caplog.records if r.name == "thaikpi.front.pagecache"]
    assert [r.levelno for r in warnings] == [logging.WARNING]
    assert "not readable" in warnings[0].getMessage()
    assert "no such table" in warnings[0].getMessage()


def test_an_unwritable_cache_still_gives_the_page_and_a_warning(world, monkeypatch, caplog):
    def broken(*args: object, **kwargs: object) -> None:
        raise DatabaseError("disk full")

    monkeypatch.setattr(DatabaseCache, "set", broken)
    with caplog.at_level(logging.WARNING, logger="thaikpi.front.pagecache"):
        response = logged_in(world, "pim").get(overview_url(world))
    assert response.status_code == 200
    assert shown(response.content, "total") == "0.0000"
    warnings = [r.getMessage() for r in caplog.records if r.name == "thaikpi.front.pagecache"]
    assert len(warnings) == 1 and "not writable" in warnings[0] and "disk full" in warnings[0]


@pytest.mark.django_db(transaction=True)  # PostgreSQL: a failed query would end a test transaction
def test_a_missing_cache_table_still_gives_the_page(world, caplog):
    results.save_result(world.pim, world.card, "1", 1, "1.35", "", 0)
    client = logged_in(world, "eve")
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE {connection.ops.quote_name(CACHE_TABLE)}")
        with caplog.at_level(logging.WARNING, logger="thaikpi.front.pagecache"):
            response = client.get(overview_url(world))
        assert response.status_code == 200
        assert shown(response.content, "total") == "40.0000"
        assert any("not readable" in r.getMessage() for r in caplog.records)
    finally:
        create_cache_table(None, SimpleNamespace(connection=connection))
        caches["pages"].clear()


# The key


INPUTS = ((7, 3, "กรม", "Dept"), (9, datetime.datetime(2024, 1, 2, tzinfo=datetime.UTC)), 1, "th")


def test_the_key_is_the_same_for_the_same_inputs():
    same = (
        (7, 3, "กรม", "Dept"),
        (9, datetime.datetime(2024, 1, 2, tzinfo=datetime.UTC)),
        1,
        "th",
    )
    assert pagecache.key("overview", INPUTS) == pagecache.key("overview", same)
    assert pagecache.key("overview", INPUTS).startswith("thaikpi:overview:")


@pytest.mark.parametrize("position", range(len(INPUTS)))
def test_the_key_changes_with_any_input(position):
    changed = list(INPUTS)
    changed[position] = (changed[position], "changed")
    assert pagecache.key("overview", tuple(changed)) != pagecache.key("overview", INPUTS)


def test_the_key_changes_with_the_kind():
    assert pagecache.key("kpi", INPUTS) != pagecache.key("overview", INPUTS)


def test_the_key_changes_with_the_code(monkeypatch):
    before = pagecache.key("overview", INPUTS)
    assert re.fullmatch(r"[0-9a-f]{16}", pagecache.code_fingerprint())
    monkeypatch.setattr(pagecache, "code_fingerprint", lambda: "0123456789abcdef")
    assert pagecache.key("overview", INPUTS) != before


def test_the_code_fingerprint_follows_the_code_files(monkeypatch, tmp_path):
    (tmp_path / "views.py").write_text("A = 1\n")
    (tmp_path / "jinja2").mkdir()
    (tmp_path / "jinja2" / "page.html").write_text("<p>{{ a }}</p>\n")
    monkeypatch.setattr(pagecache, "PACKAGE_DIR", tmp_path)

    def fingerprint() -> str:
        pagecache.code_fingerprint.cache_clear()
        return pagecache.code_fingerprint()

    try:
        first = fingerprint()
        assert fingerprint() == first
        (tmp_path / "notes.txt").write_text("not code")
        assert fingerprint() == first
        (tmp_path / "jinja2" / "page.html").write_text("<p>{{ b }}</p>\n")
        changed = fingerprint()
        assert changed != first
        (tmp_path / "jinja2" / "page.html").rename(tmp_path / "jinja2" / "other.html")
        assert fingerprint() not in (first, changed)  # the same text under another name
    finally:
        monkeypatch.undo()
        pagecache.code_fingerprint.cache_clear()
    assert pagecache.code_fingerprint() != first


# The database cache's get


@pytest.fixture
def db_cache(db: None) -> DatabaseCache:
    found = caches["pages"]
    assert isinstance(found, DatabaseCache)
    return found


def expire(db_cache: DatabaseCache, key: str) -> None:
    """Move an entry's expiry an hour into the past, in the table."""
    past = connection.ops.adapt_datetimefield_value(timezone.now() - datetime.timedelta(hours=1))
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {connection.ops.quote_name(CACHE_TABLE)} SET expires = %s"
            " WHERE cache_key = %s",
            [past, db_cache.make_key(key)],
        )
        assert cursor.rowcount == 1


def django_get(db_cache: DatabaseCache, key: str, default: object = None) -> object:
    return DjangoDatabaseCache.get(db_cache, key, default)


def test_the_database_cache_gives_back_what_was_set(db_cache):
    body = "<p>ผลรวม 40.0000</p>" * 1000
    db_cache.set("page", body)
    db_cache.set("parts", {"total": 40, "rows": ["1", "3"]})
    db_cache.set("forever", "kept", timeout=None)
    assert db_cache.get("page") == body == django_get(db_cache, "page")
    assert db_cache.get("parts") == {"total": 40, "rows": ["1", "3"]}
    assert db_cache.get("forever") == "kept" == django_get(db_cache, "forever")


def test_the_database_cache_gives_the_default_for_a_missing_key(db_cache):
    missing = object()
    assert db_cache.get("never-set") is None
    assert db_cache.get("never-set", missing) is missing
    db_cache.set("other", "x")
    assert db_cache.get("other", version=2) is None  # versions are part of the key


def test_the_database_cache_gives_the_default_for_an_expired_entry(db_cache):
    db_cache.set("old", "stale")
    assert db_cache.get("old") == "stale"
    expire(db_cache, "old")
    assert db_cache.get("old", "gone") == "gone"
    assert django_get(db_cache, "old", "gone") == "gone"  # as Django's own get says


def test_the_database_cache_gives_the_default_for_an_entry_set_to_expire_at_once(db_cache):
    db_cache.set("brief", "value", timeout=0)
    assert db_cache.get("brief", "gone") == "gone"


# The migration that makes the table


@pytest.mark.django_db
def test_the_migration_is_recorded_and_the_table_is_there():
    assert ("front", "0001_cache_table") in MigrationRecorder(connection).applied_migrations()
    assert CACHE_TABLE in connection.introspection.table_names()


@pytest.mark.django_db
def test_the_migration_creates_the_cache_table_when_it_is_missing():
    # The function reads only ``schema_editor.connection``; SQLite's schema editor cannot be
    # opened inside the test's transaction, so a stand-in carries the connection.
    editor = SimpleNamespace(connection=connection)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {connection.ops.quote_name(CACHE_TABLE)}")
    assert CACHE_TABLE not in connection.introspection.table_names()
    create_cache_table(None, editor)
    assert CACHE_TABLE in connection.introspection.table_names()
    create_cache_table(None, editor)  # there already: nothing to do
    caches["pages"].set("after", "works")
    assert caches["pages"].get("after") == "works"


# What the table may hold, and how long a write waits


def test_an_entry_that_is_not_plain_values_reads_as_absent(db_cache, caplog):
    db_cache.set("numbers", Decimal("40.0000"))  # a class: not what a page part is made of
    with caplog.at_level(logging.WARNING, logger="thaikpi.web.cache"):
        assert db_cache.get("numbers", "absent") == "absent"
    assert any("not a plain value: decimal.Decimal" in r.getMessage() for r in caplog.records)


def test_the_plain_unpickler_refuses_any_callable():
    class Boom:
        def __reduce__(self):  # type: ignore[no-untyped-def]
            return (print, ("ran",))

    with pytest.raises(pickle.UnpicklingError, match=r"builtins\.print"):
        PlainUnpickler(io.BytesIO(pickle.dumps(Boom()))).load()
    plain = {"body": "<p>ก</p>", "n": [1, 2.5, None, True], "t": (b"x",)}
    assert PlainUnpickler(io.BytesIO(pickle.dumps(plain))).load() == plain


@pytest.mark.django_db
def test_a_cache_write_waits_only_a_moment_for_sqlites_lock_and_restores_the_wait():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only: PostgreSQL writers do not take a database-wide lock")
    connection.ensure_connection()
    usual = connection.connection.execute("PRAGMA busy_timeout").fetchone()[0]
    with short_lock_wait("default"):
        assert connection.connection.execute("PRAGMA busy_timeout").fetchone()[0] == 50
    assert connection.connection.execute("PRAGMA busy_timeout").fetchone()[0] == usual == 20000


# Templates as fingerprinted


def test_every_page_template_is_compiled_when_the_application_loads():
    names = {p.name for p in pagecache.TEMPLATES_DIR.rglob("*.html")}
    assert jinja.load_all() == len(names) >= 15
    assert "_overview_body.html" in names


def test_reloading_templates_are_part_of_the_key_and_compiled_ones_are_not(monkeypatch, tmp_path):
    env = jinja.env()
    template = tmp_path / "body.html"
    template.write_text("one")
    monkeypatch.setattr(pagecache, "template_files", lambda: (str(template),))
    monkeypatch.setattr(env, "auto_reload", False)
    assert pagecache.templates_stamp() == ()
    monkeypatch.setattr(env, "auto_reload", True)
    before = pagecache.key("overview", (1,))
    template.write_text("one and two")
    assert pagecache.templates_stamp()[0][:2] == (str(template), 11)
    assert pagecache.key("overview", (1,)) != before
