"""The benchmark's smallest size runs end to end (no timing assertions: timings are for bench.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_bench_smallest_size_reports_every_key():
    result = subprocess.run(
        [sys.executable, "benchmarks/bench.py", "--years", "1", "--colleges", "1", "--json", "--rounds", "1"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    row = json.loads(result.stdout.strip().splitlines()[-1])
    for key in ("years", "records", "pages", "check_s", "check_cmd_s", "check_cmd_cold_s", "build_s", "diff_s",
                "ms_per_page", "peak_rss_mb", "max_page_kb", "search_index_s", "build_with_search_s",
                "build_without_search_s", "search_cost_s", "search_share", "search_wait_s"):
        assert key in row
    assert row["errors"] == 0 and row["pages"] > 10 and row["records"] > 50
