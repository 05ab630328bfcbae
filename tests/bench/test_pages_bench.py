"""bench/pages.py keeps working: a tiny database, every page of bench/web.py measured."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "pages.py"


def test_the_page_benchmark_measures_every_page_of_the_web_benchmark(tmp_path):
    env = {
        k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")
    }
    args = ["--data", str(tmp_path), "--agencies", "2", "--years", "2", "--requests", "2"]
    run = subprocess.run(
        [sys.executable, str(BENCH), *args], env=env, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr[-2000:]
    measured = re.findall(
        r"^(\w[\w ]*?)\s+([\d.]+) ms a request\s+(\d+) queries\s+([\d,]+) bytes", run.stdout, re.M
    )
    assert [name for name, *_ in measured] == [
        "trivial",
        "overview",
        "kpi page",
        "agencies",
        "review queue",
    ]
    times = {name: float(ms) for name, ms, _q, _b in measured}
    assert all(times[name] > times["trivial"] for name in times if name != "trivial")
