"""Drop the page cache's table: pages are no longer cached (issue 10)."""

from __future__ import annotations

from django.db import migrations


class Migration(migrations.Migration):
    """Remove ``thaikpi_cache``, which 0001 made with createcachetable."""

    dependencies = [("front", "0001_cache_table")]
    operations = [migrations.RunSQL("DROP TABLE IF EXISTS thaikpi_cache", migrations.RunSQL.noop)]
