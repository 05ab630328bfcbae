"""WSGI entry point for gunicorn: ``gunicorn thaikpi.web.wsgi``.

With ``--preload`` and THAIKPI_PRELOAD=1, every current scorecard is parsed once in the master
process, so the forked workers share it instead of each parsing on its first requests.
"""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thaikpi.web.settings")
application = get_wsgi_application()

if os.environ.get("THAIKPI_PRELOAD", "").lower() in ("1", "true", "yes", "on"):
    from django.db import connections

    from thaikpi.services.engine import warm

    warm()
    connections.close_all()  # never share a database connection across the fork
