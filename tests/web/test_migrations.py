"""The page cache is gone from the database too: migrate drops its table."""

from __future__ import annotations

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


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
