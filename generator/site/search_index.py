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
SCRATCH = "gongshi-search-"  # + the pid of the process indexing, and a random part
STAMP = ".gongshi-entries"  # digest of the entries the index in the folder was built from
# Pagefind's ready-made UIs, left out of the site: search.js is Gongshi's own
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
    """Pagefind's CLI over the documents, written to a scratch folder under ``scratch``; its output
    is written there too and then copied into ``bundle``. Pagefind writes its thousands of fragment
    files from many threads at once, which on the CI machine's disk took longer than the indexing
    itself (10 years: 3.5 s of system time, against 0.3 s for one thread copying them)."""
    from pagefind_bin_extended import get_executable

    _remove_abandoned(Path(scratch or tempfile.gettempdir()))
    with tempfile.TemporaryDirectory(prefix=f"{SCRATCH}{os.getpid()}-", dir=scratch) as folder:
        source, output = Path(folder) / "site", Path(folder) / "index"
        for path, html in documents.items():
            target = source / path
            if not target.parent.is_dir():
                target.parent.mkdir(parents=True)
            target.write_text(html, encoding="utf-8")
        done = subprocess.run([str(get_executable()), "--site", str(source), "--output-path", str(output),
                               "--silent"], capture_output=True, text=True)
        if done.returncode == 0:
            shutil.copytree(output, bundle, ignore=lambda folder, names: [n for n in names if n in UNUSED])
        return done


def _remove_abandoned(scratch: Path) -> None:
    """Scratch folders of processes that were killed while indexing (a stopped preview): in memory,
    they would stay until the machine restarts."""
    for folder in scratch.glob(f"{SCRATCH}*-*"):
        pid = folder.name[len(SCRATCH):].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process
        return True
    return True


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
    memory = _memory()
    try:
        done = _index(documents, bundle, memory)
    except OSError:
        if memory is None:
            raise
        done = None
    if memory is not None and (done is None or done.returncode != 0):
        # memory full (a small /dev/shm in a container): the scratch files go to disk
        shutil.rmtree(bundle, ignore_errors=True)
        done = _index(documents, bundle, None)
    if done.returncode != 0:
        shutil.rmtree(bundle, ignore_errors=True)
        raise SearchIndexError(f"搜索索引生成失败（pagefind）：{done.stderr.strip() or done.stdout.strip()}")
    (bundle / STAMP).write_text(digest)
    if out.exists():
        old = site_dir / f".{FOLDER}-old"
        os.replace(out, old)
        os.replace(bundle, out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(bundle, out)
