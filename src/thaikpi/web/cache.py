"""The page cache's table: Django's database cache, made safe and quick for rendered pages.

- ``get`` is one plain query. Django's ``DatabaseCache.get`` costs about 80 µs here against
  59 µs (most of it moving 17 KB out of SQLite): key checks meant for memcached, converters
  and a time-zone lookup per call. An expired entry counts as absent, as in Django's (culling
  removes it later).
- Values are text and numbers only: reading one never builds any other object, so a row
  written into the table by someone else (a restored dump, a shared account) cannot run code
  when it is read, as a pickled object could. Such a row reads as absent.
- ``set`` on SQLite waits at most a moment for the database's write lock: a page that made a
  part must not wait behind a long import to keep it. If the lock is busy, nothing is kept
  (Django's cache already lets a write fail quietly) and a later request keeps it.
"""

from __future__ import annotations

import base64
import io
import logging
import pickle
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connection, connections, router

from thaikpi.services import plainsql

WRITE_WAIT_MS = 50  # how long a cache write waits for SQLite's write lock
log = logging.getLogger(__name__)


class DatabaseCache(DjangoDatabaseCache):
    """Django's DatabaseCache: ``get`` in one plain query, plain values, short write waits."""

    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        """The value kept under ``key``, or ``default`` if there is none or it expired."""
        found = plainsql.rows(  # on the default database, as every plainsql read
            f"SELECT value FROM {plainsql.quote(self._table)}"
            " WHERE cache_key = %s AND expires > %s",
            [self.make_and_validate_key(key, version=version), plainsql.now()],
        )
        if not found:
            return default
        value = connection.ops.process_clob(found[0][0])
        try:
            return PlainUnpickler(io.BytesIO(base64.b64decode(value.encode()))).load()
        except pickle.UnpicklingError as exc:
            log.warning("page cache entry %s ignored: %s", key, exc)
            return default

    def set(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> None:
        """Keep ``value`` under ``key``, unless the database is busy writing something else."""
        with short_lock_wait(router.db_for_write(self.cache_model_class)):
            super().set(key, value, timeout, version)


class PlainUnpickler(pickle.Unpickler):
    """Unpickles text, numbers, bytes, lists, tuples and dicts; refuses any class or function."""

    def find_class(self, module: str, name: str) -> Any:
        """Refuse: a page part is made of plain values, so this is not one of ours."""
        raise pickle.UnpicklingError(f"not a plain value: {module}.{name}")


@contextmanager
def short_lock_wait(alias: str) -> Iterator[None]:
    """On SQLite, wait at most WRITE_WAIT_MS for the write lock (then Django's wait again)."""
    connection = connections[alias]
    if connection.vendor != "sqlite":
        yield
        return
    connection.ensure_connection()
    raw = connection.connection
    usual = raw.execute("PRAGMA busy_timeout").fetchone()[0]
    raw.execute(f"PRAGMA busy_timeout = {WRITE_WAIT_MS}")
    try:
        yield
    finally:
        raw.execute(f"PRAGMA busy_timeout = {int(usual)}")
