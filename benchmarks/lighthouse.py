"""Lighthouse 12 (mobile) on the key pages of the sample site: performance, accessibility, best practices, SEO.

Not a test: it needs npm's ``lighthouse`` (``npm install lighthouse@12`` in some folder, then pass
its ``node_modules/.bin/lighthouse`` or put it on PATH) and takes 10–20 s per page and run. It drives
Debian's /usr/bin/chromium (CHROME_PATH). Performance depends on the machine's load (printed per run).
The site is served as a static host serves it: text compressed with gzip (Content-Encoding, Vary)
and Cache-Control headers (a year for Material's hashed bundles, ten minutes for the rest, as
GitHub Pages does), so the transfer sizes are those a reader's phone sees.

    python benchmarks/lighthouse.py [--lighthouse PATH] [--site DIR] [--runs N] [--json-dir DIR]
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import CHROMIUM, serve  # noqa: E402

# Home, the proposals index, a proposal, a results announcement, a roster, the compliance page;
# and a federation congress (its delegate list makes it the sample's largest page).
PAGES = ["", "proposals/", "proposals/fed-2025-001/", "announcements/results-renji-2026/",
         "organizations/fed/2025-2026/", "compliance/", "congresses/fed-2025/"]
# Lab metrics printed beside the scores (milliseconds; CLS unitless).
METRICS = {"fcp_ms": "first-contentful-paint", "lcp_ms": "largest-contentful-paint", "tbt_ms": "total-blocking-time",
           "si_ms": "speed-index", "cls": "cumulative-layout-shift"}
CATEGORIES = ["accessibility", "best-practices", "seo", "performance"]
# What a static host compresses. Pagefind's index, fragments and WebAssembly are gzip files
# already (its script inflates them), so they are sent as they are.
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".map", ".wasm"}
HASHED = re.compile(r"\.[0-9a-f]{8}\.min\.(?:js|css)$")


class _StaticHost(http.server.SimpleHTTPRequestHandler):
    """A static host: gzip for text when the browser accepts it, Cache-Control on every file."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript",
                      ".wasm": "application/wasm"}
    _gzipped: dict[Path, bytes] = {}

    def log_message(self, *args) -> None:
        pass

    def end_headers(self) -> None:
        if HASHED.search(self.path.split("?")[0]):
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        else:
            self.send_header("Cache-Control", "public, max-age=600")
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if (path.suffix not in COMPRESSED or not path.is_file()
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = self._gzipped.get(path)
        if body is None:
            body = self._gzipped[path] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))
        self.end_headers()
        return io.BytesIO(body)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lighthouse", default=shutil.which("lighthouse") or "lighthouse")
    parser.add_argument("--site", type=Path, help="a built site (default: build the sample into a temp dir)")
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page (scores vary with load)")
    parser.add_argument("--pages", nargs="+", help="paths to audit instead of the key pages")
    parser.add_argument("--json-dir", type=Path, help="keep each Lighthouse JSON report here")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="gongshi-lighthouse-"))
    site = args.site
    if site is None:
        site = work / "site"
        subprocess.run([sys.executable, "-m", "generator", "build", "--config", str(ROOT / "mkdocs.yml"),
                        "--out", str(site), "--today", "2026-11-24"], cwd=ROOT, check=True, capture_output=True)
    failed = False
    print(json.dumps({"load_average": os.getloadavg()}))
    with serve(site, _StaticHost) as base:
        for path in args.pages or PAGES:
            for run in range(args.runs):
                report = (args.json_dir or work) / f"{path.strip('/').replace('/', '_') or 'home'}-{run + 1}.json"
                report.parent.mkdir(parents=True, exist_ok=True)
                subprocess.run([args.lighthouse, base + path, "--quiet", "--output=json", f"--output-path={report}",
                                f"--only-categories={','.join(CATEGORIES)}",
                                "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                               env=os.environ | {"CHROME_PATH": CHROMIUM}, check=True)
                data = json.loads(report.read_text(encoding="utf-8"))
                scores = {k: round(v["score"] * 100) for k, v in data["categories"].items()}
                metrics = {key: round(data["audits"][audit]["numericValue"], 3 if key == "cls" else None)
                           for key, audit in METRICS.items()}
                misses = [ref["id"] for name, category in data["categories"].items() if name != "performance"
                          for ref in category["auditRefs"]
                          if ref["weight"] and data["audits"][ref["id"]]["score"] not in (None, 1)]
                failed |= bool(misses)
                print(json.dumps({"page": "/" + path, **scores, **metrics, "missed": misses,
                                  "load_average": round(os.getloadavg()[0], 2)}, ensure_ascii=False), flush=True)
    shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
