"""bench/pages.py keeps working: a tiny database, every page measured, ratios printed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "pages.py"


def test_the_page_benchmark_measures_every_page_against_the_trivial_view(tmp_path):
    env = {
        k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")
    }
    args = ["--data", str(tmp_path), "--agencies", "2", "--requests", "2"]
    run = subprocess.run(
        [sys.executable, str(BENCH), *args], env=env, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr[-2000:]
    ratios = dict(
        re.findall(r"^(\w[\w ]*?)\s+[\d.]+ ms a request\s+([\d.]+)× trivial", run.stdout, re.M)
    )
    assert set(ratios) == {"trivial", "overview", "kpi page", "home", "review"}
    assert all(float(r) > 1 for name, r in ratios.items() if name != "trivial")
