"""gunicorn settings: the one server configuration for the demo, production and the benchmark.

    gunicorn -c python:thaikpi.web.gunicorn_conf thaikpi.web.wsgi --bind 127.0.0.1:8000

- The app is loaded once in the master before the workers fork (``preload_app``), and with it
  every current scorecard is parsed and audited by the engine (THAIKPI_PRELOAD, on unless set
  to 0): no worker parses templates on its first requests, and the parsed scorecards' memory is
  shared by all workers. Start-up takes about 10 ms per scorecard (20 s for 2,000).
- Sync workers, WEB_CONCURRENCY of them (default 2 per CPU). The pages are CPU-bound Python
  (a few milliseconds each, the database is local), so threads would only take turns on the
  GIL; a second worker per CPU covers the moments a worker waits for the database or a client.
- Anything here can still be overridden on the command line (``--workers 8``).
"""

from __future__ import annotations

import multiprocessing
import os

os.environ.setdefault("THAIKPI_PRELOAD", "1")

preload_app = True
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * multiprocessing.cpu_count())
worker_class = "sync"
timeout = 60
graceful_timeout = 10
