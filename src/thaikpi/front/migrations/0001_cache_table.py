"""The table of the page cache (settings.CACHES, THAIKPI_CACHE=database): made by ``migrate``.

Django makes cache tables with ``createcachetable``; running it here means the README's and
the deployment's ``migrate`` is all a new or upgraded installation needs. It does nothing for
a cache that is not a database table, or when the table is there already.
"""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps: Any, schema_editor: Any) -> None:
    """Django's createcachetable on the database being migrated."""
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    """Create the page cache's table."""

    dependencies: list[tuple[str, str]] = []
    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
