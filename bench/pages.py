"""One request's cost per page, in one process: where bench/web.py's server time goes.

Calls Django's WSGI handler directly (no server, no network) for the pages bench/web.py
loads (overview, KPI page, the evaluator's list of all agencies, the review queue with the
comparison), on bench/web.py's own data (150 agencies × 10 years × 10 KPIs by default, the
same SQLite folder, so a dataset built by either is reused by the other) and with its own
requests (``Plan.request``: random scorecards, rounds, pages and years, as the page's user).
It prints each page's time per request (the best of 7 batches: other work only adds), its
queries and its size, beside ``/healthz/`` as the floor; ``--profile PAGE`` prints that page's
cProfile, heaviest first.

Run: ``.venv/bin/python bench/pages.py [--data DIR] [--requests 100] [--profile "review queue"]``
(``--agencies 1 --years 1 --data DIR`` for the small dataset bench/web.py's growth divides by).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))


def wsgi_get(app: Callable[..., object], path: str, cookie: str) -> int:
    """GET ``path`` through the WSGI handler; the response's size in bytes (asserts 200)."""
    route, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": route,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_COOKIE": cookie,
        "wsgi.input": io.BytesIO(),
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
    }
    status: list[str] = []
    body = b"".join(app(environ, lambda s, h: status.append(s)))  # type: ignore[operator]
    assert status[0].startswith("200"), (path, status, body[:200])
    return len(body)


def best_ms(run: Callable[[], object], requests: int) -> float:
    """Milliseconds per call, the best of 7 batches of ``requests`` (other work only adds)."""
    best = float("inf")
    for _ in range(7):
        start = time.perf_counter()
        for _ in range(requests):
            run()
        best = min(best, (time.perf_counter() - start) / requests * 1000)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="bench/web.py's data folder (generated if new)")
    parser.add_argument("--agencies", type=int, default=150)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--profile", choices=PAGES)
    parser.add_argument("--sort", choices=("cumulative", "tottime"), default="cumulative")
    parser.add_argument("--dump", help="with --profile: also write the profile to this file")
    args = parser.parse_args()

    name = f"sqlite-{args.agencies}x{args.years}"
    data = Path(args.data) if args.data else Path(__file__).parents[1] / "data" / "bench" / name
    data.mkdir(parents=True, exist_ok=True)
    os.environ.pop("DATABASE_URL", None)
    os.environ.update(
        THAIKPI_DATA_DIR=str(data),
        DJANGO_SETTINGS_MODULE="thaikpi.web.settings",
        THAIKPI_ENV="demo",
        DEBUG="false",
    )
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from thaikpi.services.engine import warm
    from web import generate, make_plan

    call_command("migrate", verbosity=0)
    if not User.objects.filter(username="bench-eve").exists():
        generate(args.agencies, args.years)
    plan = make_plan()
    print(f"{len(plan.cards)} scorecards in {data}; parsed {warm()} (as gunicorn's preload does)")
    app, rng = WSGIHandler(), random.Random(2567)

    def request(page: str) -> tuple[str, str]:
        if page == "trivial":
            return "/healthz/", ""
        _method, path, user = plan.request(page, rng)
        return path, plan.sessions[user]

    names = ("trivial", *PAGES)
    for page in names:  # first requests compile templates and URL patterns, fill caches
        for _ in range(50):
            wsgi_get(app, *request(page))
    for page in names:
        ms = best_ms(lambda page=page: wsgi_get(app, *request(page)), args.requests)
        with CaptureQueriesContext(connection) as queries:
            size = wsgi_get(app, *request(page))
        print(f"{page:<13} {ms:6.2f} ms a request  {len(queries):3} queries  {size:>7,} bytes")
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(
            lambda: [wsgi_get(app, *request(args.profile)) for _ in range(args.requests)]
        )
        pstats.Stats(profile).sort_stats(args.sort).print_stats(40)
        if args.dump:  # for pstats' print_callers: who calls what
            profile.dump_stats(args.dump)


PAGES = ("overview", "kpi page", "agencies", "review queue")  # bench/web.py's, saves aside


if __name__ == "__main__":
    main()
