"""Lighthouse 12 (mobile) on six key pages of the sample site: accessibility, best practices, SEO.

Not a test: it needs npm's ``lighthouse`` (``npm install lighthouse@12`` in some folder, then pass
its ``node_modules/.bin/lighthouse`` or put it on PATH) and takes about a minute per page. It drives
Debian's /usr/bin/chromium (CHROME_PATH). Performance is reported too; it depends on the machine.

    python benchmarks/lighthouse.py [--lighthouse PATH] [--site DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import CHROMIUM, serve  # noqa: E402

PAGES = ["", "proposals/", "proposals/fed-2025-001/", "congresses/fed-2025/", "announcements/results-renji-2026/",
         "compliance/"]
CATEGORIES = ["accessibility", "best-practices", "seo", "performance"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lighthouse", default=shutil.which("lighthouse") or "lighthouse")
    parser.add_argument("--site", type=Path, help="a built site (default: build the sample into a temp dir)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="gongshi-lighthouse-"))
    site = args.site
    if site is None:
        site = work / "site"
        subprocess.run([sys.executable, "-m", "generator", "build", "--config", str(ROOT / "mkdocs.yml"),
                        "--out", str(site), "--today", "2026-11-24"], cwd=ROOT, check=True, capture_output=True)
    failed = False
    with serve(site) as base:
        for path in PAGES:
            report = work / "report.json"
            subprocess.run([args.lighthouse, base + path, "--quiet", "--output=json", f"--output-path={report}",
                            f"--only-categories={','.join(CATEGORIES)}",
                            "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                           env=os.environ | {"CHROME_PATH": CHROMIUM}, check=True)
            data = json.loads(report.read_text(encoding="utf-8"))
            scores = {k: round(v["score"] * 100) for k, v in data["categories"].items()}
            misses = [ref["id"] for name, category in data["categories"].items() if name != "performance"
                      for ref in category["auditRefs"]
                      if ref["weight"] and data["audits"][ref["id"]]["score"] not in (None, 1)]
            failed |= bool(misses)
            print(json.dumps({"page": "/" + path, **scores, "missed": misses}, ensure_ascii=False))
    shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
