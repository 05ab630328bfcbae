"""The pages bench/web.py loads run a bounded number of queries, the same for 1 agency × 1 year
as for 4 agencies × 3 years (no query per agency, year, KPI or result).

The data is bench/web.py's own generator, so the benchmark and this bound describe the same rows.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from django.contrib.auth.models import User
from django.core.cache import caches
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from thaikpi.results.models import Result
from thaikpi.scorecards.models import Scorecard

pytestmark = pytest.mark.django_db

# The most queries each page may make (today's counts with a little room for change).
BOUNDS = {"overview": 18, "kpi page": 16, "agencies": 10, "review queue": 10, "save": 25}


def bench_web() -> ModuleType:
    """bench/web.py as a module (bench/ is scripts, not a package)."""
    path = Path(__file__).resolve().parents[2] / "bench" / "web.py"
    spec = importlib.util.spec_from_file_location("bench_web", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


def counted(client: Client, method: str, url: str, data: dict[str, object] | None = None) -> int:
    """Queries of the second of two identical requests (the first may create rows or warm)."""
    expected = 302 if method == "post" else 200
    if method == "get":
        assert client.get(url).status_code == expected
    with CaptureQueriesContext(connection) as ctx:
        response = getattr(client, method)(url, data) if data else client.get(url)
    assert response.status_code == expected, (url, response.status_code)
    return len(ctx.captured_queries)


def queries_per_page(bench: ModuleType, agencies: int, years: int) -> dict[str, int]:
    """Generate the data, load each page as its user, roll everything back."""
    with transaction.atomic():
        bench.generate(agencies, years)
        owner, evaluator = Client(), Client()
        owner.force_login(User.objects.get(username="o000"))
        evaluator.force_login(User.objects.get(username="bench-eve"))
        card = Scorecard.objects.get(agency__code="A000", fiscal_year__year_be=bench.LAST_YEAR)
        result = Result.objects.get(scorecard=card, kpi_id="1", round_no=2)
        save = {"revision": result.revision, "value": "77", "note": "ผลล่าสุด"}
        found = {
            "overview": counted(owner, "get", f"/scorecards/{card.pk}/?round=2"),
            "kpi page": counted(owner, "get", f"/scorecards/{card.pk}/kpis/3/?round=2"),
            "agencies": counted(evaluator, "get", "/"),
            "review queue": counted(evaluator, "get", f"/review/?year={bench.LAST_YEAR}&round=2"),
            "save": counted(owner, "post", f"/scorecards/{card.pk}/kpis/1/rounds/2/", save),
        }
        transaction.set_rollback(True)
    for cache in caches.all():
        cache.clear()
    return found


def test_every_page_makes_the_same_bounded_number_of_queries_whatever_the_scale() -> None:
    bench = bench_web()
    small = queries_per_page(bench, 1, 1)
    large = queries_per_page(bench, 4, 3)
    assert large == small
    assert {page: n for page, n in small.items() if n > BOUNDS[page]} == {}
