"""WSGI entry point for gunicorn: ``gunicorn -c python:thaikpi.web.gunicorn_conf thaikpi.web.wsgi``.

With ``--preload`` and THAIKPI_PRELOAD=1 (both set by ``thaikpi.web.gunicorn_conf``), every
current scorecard is parsed once in the master process, and every agency's standing in the
review queue's comparison scored, so the forked workers share them instead of each working them
out on its first requests.
"""

from __future__ import annotations

import gc
import logging
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thaikpi.web.settings")
application = get_wsgi_application()

if os.environ.get("THAIKPI_PRELOAD", "").lower() in ("1", "true", "yes", "on"):
    import time

    from django.db import DatabaseError, connections

    from thaikpi.services.engine import warm
    from thaikpi.services.lists import warm_standings

    started = time.monotonic()
    try:
        count = warm()
        warm_standings()  # the review queue's comparison of every year, scored once
    except DatabaseError as exc:  # e.g. not migrated yet: serve anyway, parse on first use
        logging.getLogger(__name__).warning("scorecards not preloaded: %s", exc)
    else:
        logging.getLogger(__name__).info(
            "preloaded %d scorecards in %.1f s", count, time.monotonic() - started
        )
    connections.close_all()  # never share a database connection across the fork
    # The parsed scorecards live as long as the process: move them out of the garbage
    # collector's sight, so no collection in a worker walks (and un-shares) them.
    gc.collect()
    gc.freeze()
