"""The search index of a ``gongshi serve`` preview after a dirty rebuild.

On a dirty rebuild Material's search plugin drops the previous entries of only the first page it
rebuilt and appends the new entries of every rebuilt page. Editing one record changes several
indexed pages (the record's own, its congress's, the compliance page), so the old entries of the
others stayed and search showed them twice. Each page's entries are one contiguous run, and a
page's newest run is its last, so keeping only the last run of every page (and only pages that
still exist) gives the index a full build would write.
"""

from __future__ import annotations

import json
from pathlib import Path


def _page(doc: dict) -> str:
    return doc["location"].split("#")[0]


def tidy_search_index(path: Path, pages: set[str]) -> None:
    """Keep the last run of entries of each page URL in ``pages``; drop the rest."""
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    docs = index.get("docs", [])
    run_of, last_run, run, previous = [], {}, -1, None
    for doc in docs:
        if _page(doc) != previous:
            run, previous = run + 1, _page(doc)
        run_of.append(run)
        last_run[previous] = run
    kept = [doc for doc, run in zip(docs, run_of) if _page(doc) in pages and last_run[_page(doc)] == run]
    if len(kept) != len(docs):
        index["docs"] = kept
        path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
