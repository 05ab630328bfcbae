"""Django's database cache, with its read in plain SQL (every overview reads one entry).

Django's ``DatabaseCache.get`` costs about 0.25 ms here, ten times the query: key checks meant
for memcached, converters and a time-zone lookup per call. This reads the entry the same way
in one query (an expired entry counts as absent, as in Django; culling removes it later).
Writing, culling and clearing are Django's.
"""

from __future__ import annotations

import base64
import pickle
from typing import Any

from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connection
from django.utils import timezone

from thaikpi.services import plainsql


class DatabaseCache(DjangoDatabaseCache):
    """Django's DatabaseCache; ``get`` in one plain query."""

    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        """The value kept under ``key``, or ``default`` if there is none or it expired."""
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        found = plainsql.rows(
            f"SELECT value FROM {plainsql.quote(self._table)}"
            " WHERE cache_key = %s AND expires > %s",
            [self.make_and_validate_key(key, version=version), now],
        )
        if not found:
            return default
        value = connection.ops.process_clob(found[0][0])
        return pickle.loads(base64.b64decode(value.encode()))
