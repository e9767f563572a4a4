"""The search index: Pagefind's chunked static index, written into the built site.

Pagefind's CLI (the binary inside the ``pagefind[extended]`` wheel) indexes a folder of small
generated documents, one per search entry (``render.search.document``), into ``pagefind/`` of the
site. Its Python API was not used: it waits 0.1 s per record (8 minutes for ten years) and its
``get_files()`` did not return on a large index. The browser loads only the chunks a query needs.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .render.search import Entry, document

FOLDER = "pagefind"
STAMP = ".gongshi-entries"  # digest of the entries the index in the folder was built from
UNUSED = ["pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js"]


class SearchIndexError(RuntimeError):
    pass


def _memory() -> str | None:
    """Where Pagefind's input documents go: the system's memory-backed /dev/shm unless TMPDIR says
    otherwise. Thousands of small files written, read once and deleted: on the CI machine's disk
    that took as long as the indexing itself (10 years: 3 s of 6)."""
    if os.environ.get("TMPDIR") or not (os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK)):
        return None
    return "/dev/shm"


def _index(documents: dict[str, str], bundle: Path, scratch: str | None) -> subprocess.CompletedProcess:
    """Pagefind's CLI over the documents, written to a scratch folder under ``scratch``."""
    from pagefind_bin_extended import get_executable

    with tempfile.TemporaryDirectory(prefix="gongshi-search-", dir=scratch) as folder:
        source = Path(folder)
        for path, html in documents.items():
            target = source / path
            if not target.parent.is_dir():
                target.parent.mkdir(parents=True)
            target.write_text(html, encoding="utf-8")
        return subprocess.run([str(get_executable()), "--site", str(source), "--output-path", str(bundle),
                               "--silent"], capture_output=True, text=True)


def source_path(url: str) -> str:
    """The document's file for a page URL: ``proposals/fed-2025-001/`` → ``proposals/fed-2025-001.html``.

    One file per page in its section's folder, not a folder per page: creating and removing
    thousands of folders was most of the indexing time. ``search.js`` maps the ``.html`` URL
    Pagefind returns back to the page's directory URL."""
    return url.rstrip("/") + ".html"


def write(entries: list[Entry], site_dir: Path) -> None:
    """(Re)write ``site_dir/pagefind``; skipped when it was built from the same entries (serve)."""
    documents = {source_path(entry.url): document(entry) for entry in entries}
    digest = hashlib.sha256("".join(f"{u}\0{d}" for u, d in sorted(documents.items())).encode()).hexdigest()
    out = site_dir / FOLDER
    if (out / STAMP).is_file() and (out / STAMP).read_text() == digest:
        return
    bundle = site_dir / f".{FOLDER}-new"  # beside the old index, so putting it in place is a rename
    shutil.rmtree(bundle, ignore_errors=True)
    try:
        done = _index(documents, bundle, _memory())
    except OSError:  # memory full (a small /dev/shm in a container): the documents go to disk
        shutil.rmtree(bundle, ignore_errors=True)
        done = _index(documents, bundle, None)
    if done.returncode != 0:
        shutil.rmtree(bundle, ignore_errors=True)
        raise SearchIndexError(f"搜索索引生成失败（pagefind）：{done.stderr.strip() or done.stdout.strip()}")
    for unused in UNUSED:  # Pagefind's ready-made UIs: search.js is Gongshi's own
        (bundle / unused).unlink(missing_ok=True)
    (bundle / STAMP).write_text(digest)
    if out.exists():
        old = site_dir / f".{FOLDER}-old"
        os.replace(out, old)
        os.replace(bundle, out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(bundle, out)
