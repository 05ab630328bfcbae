"""What the pages' speed rests on, and what it must never cost: a stale score.

- Parsed versions are reused per process, known by id and import time; page loads do not read
  the template text (90 KB for DITP) from the database.
- The overview and the KPI page run a fixed number of queries, whatever the number of KPIs,
  results and owners (no query per row).
- A saved result, a review step and a new version show on the very next page load.
"""

from __future__ import annotations

import os
import re
import runpy
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.personas import World, mini_text
from thaikpi.scorecards import permissions
from thaikpi.scorecards.models import KpiOwnership, ScorecardVersion
from thaikpi.services import engine, imports, results, reviews


def logged_in(world: World, name: str) -> Client:
    client = Client()
    client.force_login(world.user(name))
    return client


def overview_url(world: World, round_no: int = 1) -> str:
    return reverse("front:overview", args=[world.card.pk]) + f"?round={round_no}"


def kpi_url(world: World, kpi_id: str, round_no: int = 1) -> str:
    return reverse("front:kpi", args=[world.card.pk, kpi_id]) + f"?round={round_no}"


def shown(body: bytes, element_id: str) -> str:
    """The text of the element with this id on a page."""
    found = re.search(rf'id="{element_id}"[^>]*>([^<]*)<', body.decode())
    assert found, f"no #{element_id} on the page"
    return found.group(1).strip()


def queries(client: Client, url: str) -> int:
    client.get(url)  # the first load may create the round's review row
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


# Parsed versions


def test_a_page_load_leaves_the_template_text_in_the_database(world):
    card = permissions.scorecard_for(world.eve, world.card.pk)
    assert {"template_text", "meta"} <= card.current.get_deferred_fields()


def test_a_parsed_version_is_reused_without_reading_its_text(world, django_assert_num_queries):
    first = engine.current(world.card)
    card = permissions.scorecard_for(world.eve, world.card.pk)
    with django_assert_num_queries(0):
        assert engine.current(card) is first


def test_a_version_not_parsed_yet_reads_its_text_once(world, django_assert_num_queries):
    engine._parsed.clear()
    card = permissions.scorecard_for(world.eve, world.card.pk)
    with django_assert_num_queries(1):
        engine.current(card)
        engine.current(card)


def test_an_id_that_comes_back_with_another_text_is_parsed_again(world):
    # After a rollback or a restore an id can name another version; its import time differs.
    version = world.card.current
    assert engine.parsed(version).kpi("1").round(1).levels[0].value == Decimal("0.75")
    other = ScorecardVersion(
        pk=version.pk,
        number=version.number,
        created_at=version.created_at + timedelta(microseconds=1),
        template_text=mini_text().replace("stated: 0.75", "stated: 0.80", 1),
    )
    assert engine.parsed(other).kpi("1").round(1).levels[0].value == Decimal("0.80")
    assert engine.parsed(version).kpi("1").round(1).levels[0].value == Decimal("0.75")


def test_an_unsaved_version_is_parsed_but_not_kept(world):
    engine._parsed.clear()
    unsaved = ScorecardVersion(number=1, template_text=mini_text())
    assert engine.parsed(unsaved).kpi("1") is not None
    assert not engine._parsed


def test_warming_parses_and_audits_every_current_version(world, monkeypatch):
    engine._parsed.clear()
    engine._audits.clear()
    assert engine.warm() == 2

    def no_audit(*args: object) -> None:
        raise AssertionError("audited again after warming")

    monkeypatch.setattr(engine, "audit", no_audit)
    client = logged_in(world, "eve")
    assert client.get(kpi_url(world, "1")).status_code == 200


# Queries per page


@pytest.mark.parametrize("name", ["pim", "oat", "eve"])
def test_the_overview_and_kpi_page_run_a_fixed_number_of_queries(world, name):
    client = logged_in(world, name)
    before = (queries(client, overview_url(world)), queries(client, kpi_url(world, "3")))
    # More results, evidence-free history and owners for every KPI: no query per row.
    results.save_result(world.pim, world.card, "1", 1, "1.0", "", 0)
    results.save_result(world.pim, world.card, "3", 1, {"trade_value": "35", "budget": "1"}, "", 0)
    extra = User.objects.create_user("extra", first_name="Extra", last_name="Owner")
    for kpi_id in ("1", "2"):
        KpiOwnership.objects.create(scorecard=world.card, kpi_id=kpi_id, division=world.strat)
    for row in KpiOwnership.objects.filter(scorecard=world.card):
        row.users.add(extra, world.oat)
    after = (queries(client, overview_url(world)), queries(client, kpi_url(world, "3")))
    assert after == before
    # Session, user, roles, scorecard, review, results, owners, years, the header's unread
    # notifications, the KPI page's monthly series (+ what the role adds).
    # the KPI page: + its comment threads, + the scorecards that carry a joint result, + its
    # monthly sheets
    assert before[0] <= 11 and before[1] <= 16


def test_the_owner_column_names_division_and_users_in_one_query(world, django_assert_num_queries):
    from thaikpi.front import tables

    KpiOwnership.objects.get(scorecard=world.card, kpi_id="3").users.add(
        User.objects.create_user("nid", first_name="Nid", last_name="Dee")
    )
    KpiOwnership.objects.create(scorecard=world.card, kpi_id="1")
    with django_assert_num_queries(1):
        labels = tables.owners(world.card)
    assert labels == {"3": "กองยุทธศาสตร์ · Oat, Nid Dee", "1": ""}


# Never a stale score


def test_a_saved_result_shows_on_the_next_page_load(world):
    client = logged_in(world, "pim")
    assert shown(client.get(overview_url(world)).content, "total") == "0.0000"
    results.save_result(world.pim, world.card, "1", 1, "1.35", "", 0)  # level 100 × 40 %
    assert shown(client.get(overview_url(world)).content, "total") == "40.0000"
    assert shown(client.get(kpi_url(world, "1")).content, "kpi-score") == "100.00"
    results.save_result(world.pim, world.card, "1", 1, "1.05", "", 1)  # level 75
    assert shown(client.get(overview_url(world)).content, "total") == "30.0000"
    assert shown(client.get(kpi_url(world, "1")).content, "kpi-score") == "75.00"


def test_a_review_step_shows_on_the_next_page_load(world):
    client = logged_in(world, "eve")
    client.get(overview_url(world))
    reviews.transition(world.pim, world.card, 1, "submit")
    assert 'state-submitted"' in client.get(overview_url(world)).content.decode()


def test_a_new_version_is_scored_with_its_own_levels_at_once(world):
    client = logged_in(world, "pim")
    results.save_result(world.pim, world.card, "1", 1, "0.80", "", 0)
    assert shown(client.get(overview_url(world)).content, "total") == "21.6680"  # 54.17 × 40 %
    revised = mini_text().replace("stated: 0.75", "stated: 0.80", 1)
    imports.import_template(world.pim, revised, reason="GDP revised")
    assert shown(client.get(overview_url(world)).content, "total") == "20.0000"  # 50 × 40 %


# The server configuration the README, the demo, the deployment guide and the benchmark share


def test_the_server_configuration_preloads_the_scorecards(monkeypatch):
    import thaikpi.web

    monkeypatch.setenv("THAIKPI_PRELOAD", "")  # restored (unset) after the test
    monkeypatch.delenv("THAIKPI_PRELOAD")
    monkeypatch.setenv("WEB_CONCURRENCY", "")
    config = runpy.run_path(os.path.join(os.path.dirname(thaikpi.web.__file__), "gunicorn_conf.py"))
    assert config["preload_app"] is True and os.environ["THAIKPI_PRELOAD"] == "1"
    assert config["worker_class"] == "sync"
    assert config["workers"] == 2 * (os.cpu_count() or 1)
