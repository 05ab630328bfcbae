"""Migrations that change what is stored: the page cache's table dropped, derivable columns."""

from __future__ import annotations

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.personas import build_world
from tests.signed import signed
from thaikpi.services import decisions


def test_a_migrated_database_has_no_page_cache_table(db):
    assert "thaikpi_cache" not in connection.introspection.table_names()


def test_migrating_an_installation_that_had_the_page_cache_drops_its_table(transactional_db):
    executor = MigrationExecutor(connection)
    executor.migrate([("front", "0001_cache_table")])
    with connection.cursor() as cursor:  # as Django's createcachetable made it
        cursor.execute("CREATE TABLE thaikpi_cache (cache_key varchar(255) PRIMARY KEY)")
    executor = MigrationExecutor(connection)
    executor.migrate([("front", "0002_drop_cache_table")])
    assert "thaikpi_cache" not in connection.introspection.table_names()


def test_migrating_back_gives_decisions_and_signatures_their_versions_scorecard(transactional_db):
    depa = signed(build_world())
    decisions.decide(depa.pat, depa.card, "1", 1, 75, "stated", "ตรวจกับเอกสาร")
    executor = MigrationExecutor(connection)
    executor.migrate([("results", "0005_seriesfile"), ("scorecards", "0003_agreement")])
    with connection.cursor() as cursor:
        for table in ("scorecards_signature", "results_figuredecision"):
            cursor.execute(
                f"SELECT t.scorecard_id = v.scorecard_id FROM {table} t"
                " JOIN scorecards_scorecardversion v ON v.id = t.version_id"
            )
            assert {same for (same,) in cursor.fetchall()} == {True}, table
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, "scorecards_signature")
    assert "scorecard_id" not in [c.name for c in columns]
