"""Parts of pages kept in Django's cache, known by everything they are made from.

The overview's table (its rows, subtotals, findings and chart) is the same for everyone who
sees the same round of the same version with the same stored results, owners, editable KPIs
and language. Making it costs more than half of the page (engine scoring, rows, rendering);
reading it back costs one cache lookup. The cache key is a hash of every one of those inputs,
read fresh on each request, and of the code that turns them into HTML (ThaiKPI's own files,
translations included, and the versions of Django and Jinja2). So a saved result, a new owner,
a locked round, a new version or an upgrade changes the key: nothing is ever invalidated and
nothing stale can be shown, even from a cache shared by several workers or kept across
restarts (a restored database carries its cache table with it, still matching).

The cache is Django's (``settings.CACHES``, chosen by THAIKPI_CACHE): by default a table in
the application's database, so every worker shares what any worker made. If the cache cannot
be read or written, the page is made as if there were no cache (and a warning is logged).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import logging
from collections.abc import Callable
from functools import cache as once
from pathlib import Path
from typing import TypeVar

from django.core.cache import cache
from django.db import DatabaseError

T = TypeVar("T")
PACKAGE_DIR = Path(__file__).resolve().parent.parent  # src/thaikpi
CODE_SUFFIXES = {".py", ".html", ".mo", ".css", ".svg"}
log = logging.getLogger(__name__)


@once
def code_fingerprint() -> str:
    """A hash of ThaiKPI's own files and of the libraries that render pages, once a process.

    Taken when Django starts (FrontConfig.ready), so it is the code this process runs even if
    an upgrade replaces the files before a restart.
    """
    digest = hashlib.sha256()
    for path in sorted(p for p in PACKAGE_DIR.rglob("*") if p.suffix in CODE_SUFFIXES):
        digest.update(str(path.relative_to(PACKAGE_DIR)).encode())
        digest.update(path.read_bytes())
    for library in ("django", "jinja2", "markupsafe"):
        digest.update(f"{library}={importlib.metadata.version(library)}".encode())
    return digest.hexdigest()[:16]


def key(kind: str, inputs: tuple[object, ...]) -> str:
    """The cache key of a page part: its kind and a hash of the code and of its inputs.

    ``inputs`` must be plain values whose ``repr`` shows everything that matters (numbers,
    text, dates, and tuples or sorted lists of them); two inputs with the same repr make the
    same part.
    """
    digest = hashlib.sha256(repr((code_fingerprint(), inputs)).encode()).hexdigest()
    return f"thaikpi:{kind}:{digest}"


def cached(kind: str, inputs: tuple[object, ...], make: Callable[[], T]) -> T:
    """The part made from ``inputs``: from the cache when any worker made it before, else made."""
    name = key(kind, inputs)
    try:
        found = cache.get(name)
    except DatabaseError as exc:  # e.g. the cache table is missing: the page still works
        log.warning("page cache not readable (%s); making %s", exc, kind)
        return make()
    if found is not None:
        return found  # type: ignore[no-any-return]
    made = make()
    try:
        cache.set(name, made)
    except DatabaseError as exc:
        log.warning("page cache not writable (%s)", exc)
    return made
