"""Measure check and build at several data sizes (stdlib + the project only).

For each size: generate synthetic records with ``gongshi synth``, time ``check`` (cold, and
with the parse cache a previous run left; in-process, and as the ``gongshi check`` command) and a
full ``gongshi build`` in fresh processes, time a rebuild after a one-file edit, ``gongshi serve``'s
rebuild and ``gongshi diff`` after renaming a proposal, what the search index adds to a build
(builds with and without it, alternated), the index alone, and a first query in Chromium; report
pages, ms per page, peak memory and the largest page. ``--json`` prints one JSON object per size.

    python benchmarks/bench.py                 # years 1, 3, 10 with 20 colleges
    python benchmarks/bench.py --years 1 --colleges 2 --json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-24"

CHECK_SNIPPET = """
import json, sys, time
from datetime import date
from generator.records import collector
from generator.rules.check import check
started = time.perf_counter()
with collector.paused():  # as `gongshi check` runs it
    data, outcome = check(sys.argv[1], date.fromisoformat(sys.argv[2]), cached=sys.argv[3] == "cached")
done = time.perf_counter()
print(json.dumps({"check_s": done - started, "errors": len(outcome.errors),
                  "records": sum(len(b) for b in data.records.values())}))
"""


SEARCH_SNIPPET = """
import json, sys, tempfile, time
from datetime import date
from pathlib import Path
from generator.rules.check import check
from generator.site.public import build_view
from generator.site.render.search import entries
from generator.site import search_index
data, outcome = check(sys.argv[1], date.fromisoformat(sys.argv[2]), cached=True)
view = build_view(data, outcome, date.fromisoformat(sys.argv[2]))
with tempfile.TemporaryDirectory() as out:  # removing the index afterwards is not part of the time
    started = time.perf_counter()
    found = list(entries(view))
    search_index.write(found, Path(out))
    took = time.perf_counter() - started
print(json.dumps({"search_index_s": took, "search_entries": len(found)}))
"""


BUILD_SNIPPET = """
import json, sys, time
from datetime import date
from pathlib import Path
from generator.site import build, plugin, search_index
if sys.argv[4] == "without-search":  # the same build with the index step left out
    search_index.write = lambda entries, site: None
waited = []
join = plugin.GongshiPlugin._finish_index
def timed(self):
    started = time.perf_counter()
    join(self)
    waited.append(time.perf_counter() - started)
plugin.GongshiPlugin._finish_index = timed
started = time.perf_counter()
build.build_site(Path("mkdocs.yml"), Path(sys.argv[1]), Path(sys.argv[2]), date.fromisoformat(sys.argv[3]))
print(json.dumps({"search_wait_s": sum(waited), "build_in_process_s": time.perf_counter() - started}))
"""
def measure_search_cost(data: Path, site: Path, rounds: int) -> dict:
    """What the search index adds to a build: ``rounds`` pairs of in-process builds with and without
    it, the order flipped each round (the machine's other work and its disk drift, and show in
    single runs); the median of the pairs' differences, and how long the builds with it waited for
    the index in ``on_post_build``. Both kinds of build list the search entries (0.03 s at 10 years)."""
    runs: dict[str, list[dict]] = {"without-search": [], "with-search": []}
    for round_ in range(rounds):
        for mode in sorted(runs, reverse=bool(round_ % 2)):
            out = site.with_name(f"{site.name}-{mode}")
            shutil.rmtree(out, ignore_errors=True)  # into a new folder, as CI builds, the disk quiet again
            os.sync()
            runs[mode].append(json.loads(run_measured([sys.executable, "-c", BUILD_SNIPPET, str(data), str(out), TODAY,
                                                       mode], ROOT)[2]))
    with_search = [r["build_in_process_s"] for r in runs["with-search"]]
    without = [r["build_in_process_s"] for r in runs["without-search"]]
    added = [a - b for a, b in zip(with_search, without)]
    return {"build_with_search_s": round(statistics.median(with_search), 2),
            "build_without_search_s": round(statistics.median(without), 2),
            "search_cost_s": round(statistics.median(added), 2),
            "search_cost_range_s": [round(min(added), 2), round(max(added), 2)],
            "search_share": round(statistics.median(added) / statistics.median(with_search), 3),
            "search_wait_s": round(statistics.median(r["search_wait_s"] for r in runs["with-search"]), 2)}


def measure_queries(site: Path, runs: int = 3) -> dict:
    """``measure_query`` ``runs`` times, each in a new browser page (nothing cached): the bytes of
    the first run, the median times (a single run shows the machine's other work)."""
    found = [measure_query(site) for _ in range(runs)]
    if not found[0]:
        return {}
    return found[0] | {key: round(statistics.median(run[key] for run in found))
                       for key in ("first_query_ms", "next_query_ms")}


def measure_query(site: Path, query: str = "食堂") -> dict:
    """In headless Chromium (Playwright, a test extra): what loading a page fetches for search, and
    the bytes and time of a first query on the search page."""
    try:
        sys.path.insert(0, str(ROOT))
        from tests.browser import chromium, serve
    except ImportError:
        return {}
    with serve(site) as base, chromium() as browser:
        page = browser.new_page()
        sizes: list[tuple[str, int]] = []
        page.on("requestfinished", lambda r: sizes.append((r.url, r.sizes()["responseBodySize"])))
        page.goto(base)
        page.wait_for_load_state("networkidle")
        on_load = sum(size for url, size in sizes if "pagefind" in url)
        page.goto(base + "search/")
        page.wait_for_load_state("networkidle")
        sizes.clear()
        started = time.perf_counter()
        page.fill("#gs-search-q", query)
        page.press("#gs-search-q", "Enter")
        page.wait_for_function("document.getElementById('gs-search-status').textContent.startsWith('找到')")
        first_ms = 1000 * (time.perf_counter() - started)
        page.wait_for_load_state("networkidle")
        first_kb = sum(size for _, size in sizes) / 1024
        started = time.perf_counter()
        page.fill("#gs-search-q", "场馆")
        page.press("#gs-search-q", "Enter")
        page.wait_for_function("document.getElementById('gs-search-status').textContent.startsWith('找到')")
        return {"search_on_load_kb": round(on_load / 1024, 1), "first_query_kb": round(first_kb, 1),
                "first_query_ms": round(first_ms), "next_query_ms": round(1000 * (time.perf_counter() - started))}


SERVE_SNIPPET = """
import json, sys, time
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
data = Path(sys.argv[1]).resolve()
config = load_config("mkdocs.yml", site_dir=sys.argv[2])
config.plugins["gongshi"].config.update(data_dir=str(data), today=sys.argv[3])
config.plugins.on_startup(command="serve", dirty=True)
build(config, dirty=True)
config.plugins["gongshi"]._finish_index()
edited = sorted((data / "proposals").glob("*.yaml"))[0]
edited.write_text(edited.read_text(encoding="utf-8").replace("title: ", "title: 新", 1), encoding="utf-8")
started = time.perf_counter()
build(config, dirty=True)  # what `gongshi serve` does after the edit (it keeps the config)
shown = time.perf_counter() - started
config.plugins["gongshi"]._finish_index()  # the search index follows in the background
print(json.dumps({"serve_rebuild_s": shown, "serve_search_s": time.perf_counter() - started}))
"""


def run_measured(argv: list[str], cwd: Path, ok: tuple[int, ...] = (0,)) -> tuple[float, float, str]:
    """Wall time, peak RSS (MB) of that one child process, and its stdout (exit codes ``ok`` accepted)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        elapsed = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if process.returncode not in ok:
        raise SystemExit(f"{' '.join(argv)} failed ({process.returncode}):\n{stderr[-3000:]}")
    return elapsed, usage.ru_maxrss / 1024, stdout


def measure_diff(data: Path) -> float:
    """`gongshi diff HEAD~1 HEAD` after renaming one proposal, as the pull-request job runs it."""
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q"], cwd=data, check=True)
    subprocess.run([*git, "add", "-A"], cwd=data, check=True)
    subprocess.run([*git, "commit", "-qm", "base", "--allow-empty"], cwd=data, check=True)
    renamed = sorted((data / "proposals").glob("*.yaml"))[1]
    renamed.write_text(renamed.read_text(encoding="utf-8").replace("title: ", "title: 改", 1), encoding="utf-8")
    subprocess.run([*git, "commit", "-qam", "rename"], cwd=data, check=True)
    elapsed, _, out = run_measured([sys.executable, "-m", "generator", "diff", "HEAD~1", "HEAD", "--data", str(data),
                                    "--today", TODAY], ROOT)
    if "改" not in out:
        raise SystemExit("gongshi diff did not report the renamed proposal")
    return elapsed


def measure_check_command(data: Path, *options: str) -> float:
    """Wall time of `gongshi check` as staff and CI run it: a fresh process, start-up and imports
    included (best of three: it is short, and the machine's other work shows in one run)."""
    argv = [sys.executable, "-m", "generator", "check", str(data), "--today", TODAY, *options]
    return min(run_measured(argv, ROOT, ok=(0, 1))[0] for _ in range(3))


def measure(years: int, colleges: int, work: Path, rounds: int = 5) -> dict:
    data = work / f"data-{years}y{colleges}c"
    site = work / f"site-{years}y{colleges}c"
    gongshi = [sys.executable, "-m", "generator"]
    if not data.is_dir():  # with --keep, data generated by an earlier run is reused
        run_measured(gongshi + ["synth", "--years", str(years), "--colleges", str(colleges), "--out", str(data)], ROOT)
    cold = json.loads(run_measured([sys.executable, "-c", CHECK_SNIPPET, str(data), TODAY, "cold"], ROOT)[2])
    build = gongshi + ["build", "--data", str(data), "--out", str(site), "--today", TODAY]
    build_s, peak_mb, _ = run_measured(build, ROOT)  # also fills the parse cache, as a first CI run would
    warm = json.loads(run_measured([sys.executable, "-c", CHECK_SNIPPET, str(data), TODAY, "cached"], ROOT)[2])
    check_cmd_s = measure_check_command(data)
    check_cmd_cold_s = measure_check_command(data, "--no-cache")
    # after a one-file edit: a fresh full build (re-parsing only that file), and `gongshi serve`'s dirty rebuild
    edited = sorted((data / "proposals").glob("*.yaml"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    rebuild_s, _, _ = run_measured(build, ROOT)
    serve = json.loads(run_measured([sys.executable, "-c", SERVE_SNIPPET, str(data), str(work / "serve-site"),
                                     TODAY], ROOT)[2])
    search = json.loads(run_measured([sys.executable, "-c", SEARCH_SNIPPET, str(data), TODAY], ROOT)[2])
    cost = measure_search_cost(data, site, rounds)
    diff_s = measure_diff(data)
    pages = [p for p in site.rglob("*.html")]
    largest = max((p.stat().st_size for p in pages), default=0)
    return {
        "years": years,
        "colleges": colleges,
        "records": cold["records"],
        "errors": cold["errors"],
        "pages": len(pages),
        "check_s": round(warm["check_s"], 3),
        "check_cold_s": round(cold["check_s"], 3),
        "check_cmd_s": round(check_cmd_s, 3),
        "check_cmd_cold_s": round(check_cmd_cold_s, 3),
        "build_s": round(build_s, 2),
        "rebuild_one_file_s": round(rebuild_s, 2),
        "serve_rebuild_s": round(serve["serve_rebuild_s"], 2),
        "serve_search_s": round(serve["serve_search_s"], 2),
        "diff_s": round(diff_s, 2),
        "ms_per_page": round(1000 * build_s / max(len(pages), 1), 2),
        "peak_rss_mb": round(peak_mb, 1),
        "max_page_kb": round(largest / 1024, 1),
        "search_entries": search["search_entries"],
        "search_index_s": round(search["search_index_s"], 2),
        "search_index_share": round(search["search_index_s"] / build_s, 3),
        **cost,
        **measure_queries(site),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, nargs="+", default=[1, 3, 10])
    parser.add_argument("--colleges", type=int, default=20)
    parser.add_argument("--json", action="store_true", help="one JSON object per size")
    parser.add_argument("--keep", type=Path, help="keep generated data and sites in this directory")
    parser.add_argument("--rounds", type=int, default=5,
                        help="pairs of builds with and without the search index (the median of their differences)")
    args = parser.parse_args(argv)
    if not args.json:
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as scratch:
        work = args.keep or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        for years in args.years:
            row = measure(years, args.colleges, work, args.rounds)
            if args.json:
                print(json.dumps(row), flush=True)
            else:
                print(" ".join(f"{k}={v}" for k, v in row.items()), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
