"""bench/web.py and bench/reports.py keep working: tiny data, short steps, every figure printed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
PAGES = ["overview", "kpi page", "agencies", "review queue", "save"]


def run(script: str, *args: str) -> str:
    """Run a benchmark script in a clean environment; its standard output."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "THAIKPI_DATA_DIR")}  # fmt: skip
    done = subprocess.run([sys.executable, str(BENCH / script), *args], env=env,
                          capture_output=True, text=True, timeout=600)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_the_web_benchmark_reports_p95_growth_and_queries_for_every_page(tmp_path: Path) -> None:
    out = run("web.py", "--quick", "--db", "sqlite", "--data", str(tmp_path), "--port", "8097")
    rows = re.findall(r"^  (\w[\w ]*?)\s+(?:\d+|inf) ms\s+[\d.]+×\s+\d+(?:→\d+)? ", out, re.M)
    assert rows == PAGES
    assert re.search(r"highest rate with every page's p95 < 100 ms: .*; /healthz/ alone: ", out)
    assert re.search(r"the server used [\d.]+ ms of CPU a request", out)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed")
def test_the_reports_benchmark_prints_a_batch_of_pdfs() -> None:
    out = run("reports.py", "--agencies", "2", "--no-single", "--pages", "2")
    assert re.search(r"2 PDF reports, one browser, 2 tab\(s\) at once: .* 2 made, 0 failed", out)
