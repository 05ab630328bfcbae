"""Web benchmark: a national-scale database, the real server, 20 concurrent clients.

Generates about 400 agencies × 5 fiscal years × 10 KPIs (results for both rounds) × 12 monthly
values in a fresh SQLite data folder (or DATABASE_URL), starts gunicorn exactly as the README,
``scripts/demo.sh`` and the deployment guide do (``-c python:thaikpi.web.gunicorn_conf``:
preloaded app, sync workers, 2 per CPU), and measures p50/p95 latency and throughput of the
scorecard overview, the KPI page and a trivial view (/healthz/) on that one server in one run,
printing the ratios and the goals. Goals: p95 < 150 ms on SQLite; overview throughput at least
30 % of the trivial view's. Pages are picked at random from all scorecards (no page is served
from a cache the warm-up filled). The clients run on the same machine; their CPU use is printed.

Run: ``.venv/bin/python bench/web.py [--agencies 400] [--clients 20] [--seconds 15]``.
"""

from __future__ import annotations

import argparse
import http.client
import http.cookies
import os
import random
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

YEARS = (2563, 2564, 2565, 2566, 2567)
KPIS = 10
LEVELS_1 = "{score: 50, stated: 40}, {score: 75, stated: 45}, {score: 100, stated: 50}"
LEVELS_2 = "{score: 50, stated: 80}, {score: 75, stated: 90}, {score: 100, stated: 100}"


def template(code: str, year_be: int) -> str:
    """A synthetic 10-KPI template (two groups, fixed levels) for one agency and year."""
    ce = year_be - 543
    kpis = []
    for i in range(1, KPIS + 1):
        group = "performance" if i <= 7 else "potential"
        kpis.append(
            f"""  - id: "{i}"
    group: {group}
    name: {{th: "ตัวชี้วัดที่ {i}", en: "KPI {i}"}}
    weight: 10
    unit: {{th: "ร้อยละ", en: "%"}}
    rounds:
      "1": {{levels: [{LEVELS_1}]}}
      "2": {{levels: [{LEVELS_2}]}}
"""
        )
    return f"""format: thaikpi/scorecard-v1
id: bench-{code.lower()}-{year_be}
title: {{th: "คำรับรอง {code} {year_be}", en: "Scorecard {code} {year_be}"}}
agency: {{code: {code}, name: {{th: "หน่วยงาน {code}"}}, ministry: {{th: "กระทรวงทดสอบ"}}}}
fiscal_year: {{year_be: {year_be}, starts: {ce - 1}-10-01, ends: {ce}-09-30}}
rounds:
  - {{number: 1, months: 6, name: {{th: "รอบ 6 เดือน"}}}}
  - {{number: 2, months: 12, name: {{th: "รอบ 12 เดือน"}}}}
groups:
  - {{id: performance, name: {{th: "Performance Base"}}, weight: 70}}
  - {{id: potential, name: {{th: "Potential Base"}}, weight: 30}}
kpis:
{"".join(kpis)}"""


def generate(agencies: int) -> list[int]:
    """Create the database rows in bulk; return the scorecard ids."""
    from django.contrib.auth.models import User

    from thaikpi.accounts.models import Membership
    from thaikpi.agencies.models import Agency, FiscalYear
    from thaikpi.results.models import MonthlyProgress, Result, RoundReview
    from thaikpi.scorecards.models import Scorecard, ScorecardVersion
    from thaikpi.services.imports import metadata, parse

    rng = random.Random(2567)
    ministry = Agency.objects.create(code="MIN", name_th="กระทรวงทดสอบ", kind="ministry")
    depts = Agency.objects.bulk_create(
        Agency(code=f"A{i:03d}", name_th=f"หน่วยงาน A{i:03d}", kind="department", parent=ministry)
        for i in range(agencies)
    )
    years = [FiscalYear.for_year(y) for y in YEARS]
    cards = Scorecard.objects.bulk_create(
        Scorecard(agency=a, fiscal_year=y) for a in depts for y in years
    )
    versions = []
    for card in cards:
        text = template(card.agency.code, card.fiscal_year.year_be)
        sc = parse(text)
        versions.append(
            ScorecardVersion(
                scorecard=card,
                number=1,
                template_text=text,
                template_id=sc.id,
                title_th=sc.title.th,
                meta=metadata(sc, []),
            )
        )
    versions = ScorecardVersion.objects.bulk_create(versions)
    for card, version in zip(cards, versions, strict=True):
        card.current = version
    Scorecard.objects.bulk_update(cards, ["current"], batch_size=500)
    RoundReview.objects.bulk_create(
        RoundReview(scorecard=c, round_no=r) for c in cards for r in (1, 2)
    )
    Result.objects.bulk_create(
        (
            Result(
                scorecard=c,
                kpi_id=str(k),
                round_no=r,
                version=v,
                revision=1,
                raw=str(rng.randint(30, 110) / (2 if r == 1 else 1)),
            )
            for c, v in zip(cards, versions, strict=True)
            for k in range(1, KPIS + 1)
            for r in (1, 2)
        ),
        batch_size=2000,
    )
    MonthlyProgress.objects.bulk_create(
        (
            MonthlyProgress(scorecard=c, kpi_id=str(k), month=m, value=rng.randint(0, 100))
            for c in cards
            for k in range(1, KPIS + 1)
            for m in range(1, 13)
        ),
        batch_size=5000,
    )
    user = User.objects.create_user("bench-eve", password="bench-password-2567")
    Membership.objects.create(user=user, role="evaluator")
    return [c.pk for c in cards]


def session_cookie() -> str:
    """A logged-in session for the evaluator, made directly (no login throttling involved)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.db import SessionStore

    user = User.objects.get(username="bench-eve")
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return f"sessionid={store.session_key}"


def browser_cookies(port: int, cookie: str) -> str:
    """The session cookie and the CSRF cookie the first page sets, as a browser keeps them.

    Without it every response would make a new CSRF secret and set it again, which no
    browser causes after its first page.
    """
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/", headers={"Cookie": cookie})
    response = conn.getresponse()
    response.read()
    conn.close()
    jar = http.cookies.SimpleCookie()
    for header in response.headers.get_all("Set-Cookie") or []:
        jar.load(header)
    extra = "".join(f"; {name}={morsel.value}" for name, morsel in jar.items())
    return cookie + extra


def cached_parts() -> int | None:
    """How many parts of pages the page cache holds (None if it is not a database table)."""
    from django.conf import settings
    from django.db import connection

    cache = settings.CACHES["pages"]
    if not cache["BACKEND"].endswith("DatabaseCache"):
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(cache['LOCATION'])}")
        count = cursor.fetchone()[0]
    connection.close()
    return int(count)


def load(
    port: int, paths: list[str], cookie: str, clients: int, seconds: float
) -> tuple[list[float], int]:
    """Run ``clients`` threads for ``seconds``; (latencies in ms, errors)."""
    latencies: list[float] = []
    errors = [0]
    stop = time.monotonic() + seconds
    lock = threading.Lock()

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        mine = []
        while time.monotonic() < stop:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            start = time.perf_counter()
            conn.request("GET", rng.choice(paths), headers={"Cookie": cookie})
            response = conn.getresponse()
            response.read()
            mine.append((time.perf_counter() - start) * 1000)
            if response.status != 200:
                with lock:
                    errors[0] += 1
            conn.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors[0]


def cpu_seconds() -> float:
    """CPU time (user + system) this process (the clients) has used so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def report(
    name: str, latencies: list[float], errors: int, seconds: float, client_cpu: float
) -> tuple[float, float]:
    """Print p50/p95/throughput and the clients' CPU share; return (throughput, p95)."""
    q = statistics.quantiles(latencies, n=100)
    rps = len(latencies) / seconds
    print(
        f"{name:<10} n={len(latencies):>6}  p50={q[49]:7.1f} ms  p95={q[94]:7.1f} ms  "
        f"{rps:7.1f} req/s  errors={errors}  (clients used {client_cpu / seconds:.2f} CPUs)"
    )
    return rps, q[94]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agencies", type=int, default=400)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument(
        "--workers", type=int, help="override the configuration's worker count (2 per CPU)"
    )
    parser.add_argument("--port", type=int, default=8099)
    parser.add_argument(
        "--data", help="a data folder: reused if an earlier run generated it, else generated there"
    )
    args = parser.parse_args()

    data = Path(args.data) if args.data else Path(tempfile.mkdtemp(prefix="thaikpi-bench-"))
    data.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "THAIKPI_DATA_DIR": str(data),
        "DJANGO_SETTINGS_MODULE": "thaikpi.web.settings",
        "THAIKPI_ENV": "demo",
        "DEBUG": "false",
    }
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    from django.contrib.auth.models import User

    t = time.perf_counter()
    if User.objects.filter(username="bench-eve").exists():  # generated by an earlier run
        from thaikpi.scorecards.models import Scorecard

        cards = list(Scorecard.objects.values_list("pk", flat=True))
        args.agencies = len(cards) // len(YEARS)
    else:
        cards = generate(args.agencies)
    print(
        f"generated {len(cards)} scorecards ({args.agencies} agencies × {len(YEARS)} years), "
        f"{len(cards) * KPIS * 2} results, {len(cards) * KPIS * 12} monthly values "
        f"in {time.perf_counter() - t:.0f} s; data in {data}"
    )
    cookie = session_cookie()

    from django.db import connections

    connections.close_all()  # the server's workers open their own
    # The deployment's own configuration (README, scripts/demo.sh, docs/web.md); nothing tuned
    # for the benchmark but the port, the log level and an optional --workers.
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "-c",
        "python:thaikpi.web.gunicorn_conf",
        "thaikpi.web.wsgi",
        "--bind",
        f"127.0.0.1:{args.port}",
        "--log-level",
        "warning",
        *(["--workers", str(args.workers)] if args.workers else []),
    ]
    print("server:", shlex.join(["gunicorn", *command[3:]]))
    started = time.monotonic()
    server = subprocess.Popen(command, env=env)
    try:
        while True:  # preloading parses every scorecard first: about 10 ms each
            if server.poll() is not None or time.monotonic() - started > 600:
                raise SystemExit("the server did not start")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=1)
                conn.request("GET", "/healthz/")
                conn.getresponse().read()
                break
            except OSError:
                time.sleep(0.2)
        print(f"server ready in {time.monotonic() - started:.1f} s (scorecards preloaded)")
        cookie = browser_cookies(args.port, cookie)
        overview = [f"/scorecards/{pk}/?round=2" for pk in cards]
        kpi = [f"/scorecards/{pk}/kpis/{k}/?round=2" for pk in cards for k in (1, 5, 9)]
        # Warm the workers on the other round's pages (templates compiled, versions parsed).
        warm = [p.replace("round=2", "round=1") for p in overview[:200] + kpi[:200]]
        load(args.port, warm, cookie, args.clients, 5)
        rps, p95 = {}, {}
        for name, paths in [("trivial", ["/healthz/"]), ("overview", overview), ("kpi page", kpi)]:
            cpu, made = cpu_seconds(), cached_parts()
            lat, err = load(args.port, paths, cookie, args.clients, args.seconds)
            rps[name], p95[name] = report(name, lat, err, args.seconds, cpu_seconds() - cpu)
            if name == "overview" and made is not None:
                made = cached_parts() - made  # type: ignore[operator]
                print(
                    f"{'':<10} {made} overview bodies made, {len(lat) - made} read from the "
                    f"page cache ({1 - made / len(lat):.0%} of requests)"
                )
        print(
            f"overview throughput = {rps['overview'] / rps['trivial']:.0%} of trivial; "
            f"KPI page = {rps['kpi page'] / rps['trivial']:.0%}"
        )
        goals = [
            ("overview p95 < 150 ms", p95["overview"] < 150),
            ("KPI page p95 < 150 ms", p95["kpi page"] < 150),
            ("overview >= 30 % of trivial", rps["overview"] >= 0.3 * rps["trivial"]),
        ]
        print("goals: " + "; ".join(f"{g}: {'met' if ok else 'NOT met'}" for g, ok in goals))
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
