"""One request's cost per page, in one process: where bench/web.py's server time goes.

Calls Django's WSGI handler directly (no server, no network) for the pages bench/web.py
measures, on the same generated database (400 agencies × 5 years × 10 KPIs), each page a random
scorecard, logged in as an evaluator, and prints the time per request (best of 7 batches) and
its ratio to ``/healthz/`` measured in the same run. With ``--profile PAGE`` it prints that
page's cProfile, heaviest first.

Run: ``.venv/bin/python bench/pages.py [--data DIR] [--requests 200] [--profile overview]``
(``--data`` as in bench/web.py: generated there on the first run, reused afterwards).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
import sys
import tempfile
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
    parser.add_argument("--agencies", type=int, default=400)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--profile", choices=["overview", "kpi page", "home", "review"])
    args = parser.parse_args()

    data = Path(args.data) if args.data else Path(tempfile.mkdtemp(prefix="thaikpi-bench-"))
    data.mkdir(parents=True, exist_ok=True)
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

    from thaikpi.scorecards.models import Scorecard
    from thaikpi.services.engine import warm
    from web import generate, new_session

    call_command("migrate", verbosity=0)
    if not User.objects.filter(username="bench-eve").exists():
        generate(args.agencies, 5)
    cards = list(Scorecard.objects.values_list("pk", flat=True))
    print(f"{len(cards)} scorecards in {data}; parsed {warm()} (as gunicorn's preload does)")
    app, cookie, rng = WSGIHandler(), new_session("bench-eve"), random.Random(2567)
    pages: dict[str, Callable[[], str]] = {
        "trivial": lambda: "/healthz/",
        "overview": lambda: f"/scorecards/{rng.choice(cards)}/?round=2",
        "kpi page": lambda: f"/scorecards/{rng.choice(cards)}/kpis/{rng.choice('159')}/?round=2",
        "home": lambda: "/",
        "review": lambda: "/review/?year=2567&round=2",
    }
    for path in pages.values():  # first requests compile templates and URL patterns
        for _ in range(50):
            wsgi_get(app, path(), cookie)
    trivial = best_ms(lambda: wsgi_get(app, "/healthz/", cookie), args.requests)
    for name, path in pages.items():
        ms = best_ms(lambda path=path: wsgi_get(app, path(), cookie), args.requests)
        size = wsgi_get(app, path(), cookie)
        print(f"{name:<9} {ms:6.2f} ms a request  {ms / trivial:5.1f}× trivial  {size:>7,} bytes")
    if args.profile:
        profile = cProfile.Profile()
        path = pages[args.profile]
        profile.runcall(lambda: [wsgi_get(app, path(), cookie) for _ in range(args.requests)])
        pstats.Stats(profile).sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main()
