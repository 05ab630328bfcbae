"""Parts of pages kept in a cache shared by the workers, known by everything they are made from.

The overview's body (its table, subtotals, review box, findings and chart) is the same for
everyone who sees the same round of the same version with the same stored results, owners,
review state, rights and language. Making it costs more than half of the page (engine
scoring, rows, rendering); reading it back costs one query. The cache key is a hash of every
one of those inputs, read fresh on each request, and of the code that turns them into HTML:
ThaiKPI's own files (templates and translations included), every installed library's version
and Python's. So a saved result, a new owner, a locked round, a new version or an upgrade
changes the key: nothing is ever invalidated and nothing stale can be shown, even from a
cache shared by several workers or kept across restarts.

The WSGI application fingerprints the code and compiles every page template as it loads
(:func:`pin_code`), so the key describes the code that runs even if an upgrade replaces the
files before the restart; elsewhere (tests, commands) the fingerprint is taken on first use.
Where templates are reloaded when they change (DEBUG), their files' sizes and times are part
of the key as well.

The cache is ``caches["pages"]`` (settings.CACHES, chosen by THAIKPI_CACHE): by default a
table in the application's database (thaikpi.web.cache). If it cannot be read or written,
the page is made as if there were no cache (and a warning is logged).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import os
import sys
from collections.abc import Callable
from functools import cache as once
from pathlib import Path
from typing import Any, TypeVar

from django.core.cache import caches
from django.db import DatabaseError, connection, transaction

from thaikpi.front import jinja

T = TypeVar("T")
PACKAGE_DIR = Path(__file__).resolve().parent.parent  # src/thaikpi
TEMPLATES_DIR = PACKAGE_DIR / "front" / "jinja2"
CODE_SUFFIXES = {".py", ".html", ".mo", ".css", ".svg"}
log = logging.getLogger(__name__)


@once
def code_fingerprint() -> str:
    """A hash of ThaiKPI's own files, the installed libraries and Python, once a process."""
    digest = hashlib.sha256(sys.version.encode())
    for path in sorted(p for p in PACKAGE_DIR.rglob("*") if p.suffix in CODE_SUFFIXES):
        digest.update(str(path.relative_to(PACKAGE_DIR)).encode())
        digest.update(path.read_bytes())
    libraries = {(d.metadata["Name"] or "", d.version) for d in importlib.metadata.distributions()}
    for name, version in sorted(libraries):
        digest.update(f"{name}={version};".encode())
    return digest.hexdigest()[:16]


def pin_code() -> None:
    """Compile every page template and fingerprint the code now, as the application loads.

    Called by the WSGI application (before gunicorn forks its workers), so what renders is
    what the key describes even if an upgrade replaces the files before the restart.
    """
    jinja.load_all()
    code_fingerprint()


def templates_stamp() -> tuple[tuple[str, int, int], ...]:
    """The page templates' files (name, size, time) if the templates reload when changed."""
    if not jinja.env().auto_reload:
        return ()  # compiled once when the application loaded, as fingerprinted
    found = []
    for name in template_files():
        stat = os.stat(name)
        found.append((name, stat.st_size, stat.st_mtime_ns))
    return tuple(found)


@once
def template_files() -> tuple[str, ...]:
    """The page templates' file names (a new one comes with an edit to one that uses it)."""
    return tuple(sorted(str(p) for p in TEMPLATES_DIR.rglob("*.html")))


def key(kind: str, inputs: tuple[object, ...]) -> str:
    """The cache key of a page part: its kind and a hash of the code and of its inputs.

    ``inputs`` must be plain values whose ``repr`` shows everything that matters (numbers,
    text, dates, and tuples or sorted lists of them); two inputs with the same repr make the
    same part.
    """
    code = (code_fingerprint(), templates_stamp())
    digest = hashlib.sha256(repr((code, inputs)).encode()).hexdigest()
    return f"thaikpi:{kind}:{digest}"


def cached(kind: str, inputs: tuple[object, ...], make: Callable[[], T]) -> T:
    """The part made from ``inputs``: from the cache when any worker made it before, else made."""
    name = key(kind, inputs)
    try:
        found = _read(name)
    except DatabaseError as exc:  # e.g. the cache table is missing: the page still works
        log.warning("page cache not readable (%s); making %s", exc, kind)
        return make()
    if found is not None:
        return found  # type: ignore[no-any-return]
    made = make()
    try:
        caches["pages"].set(name, made)
    except DatabaseError as exc:
        log.warning("page cache not writable (%s)", exc)
    return made


def _read(name: str) -> Any:
    """The cache entry; inside a transaction in a savepoint, so a failed read spoils nothing.

    (On PostgreSQL a failed statement aborts the whole transaction; Django's cache writes
    already use a savepoint, its reads do not.)
    """
    if connection.in_atomic_block:
        with transaction.atomic():
            return caches["pages"].get(name)
    return caches["pages"].get(name)
