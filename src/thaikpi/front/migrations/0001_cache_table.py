"""Once made the page cache's table; the page cache is gone (0002 drops the table).

Kept, empty, so installations that applied it migrate on without a gap.
"""

from __future__ import annotations

from django.db import migrations


class Migration(migrations.Migration):
    """Nothing: new installations never had the page cache."""

    dependencies: list[tuple[str, str]] = []
    operations: list[migrations.operations.base.Operation] = []
