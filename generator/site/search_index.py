"""The search index: Pagefind's chunked static index of the search entries, written into the site.

Pagefind's own Chinese segmentation differs between its indexer and the browser (a word the
indexer keeps whole is split differently in the query, so it is not found). Gongshi does not
rely on either: every run of Chinese characters is indexed as its overlapping two-character
pieces, each written as an eight-letter token (``tokens``); ``content/assets/search.js`` turns
the query into the same tokens and asks Pagefind for pages having all of them. Any word of two
or more characters, and any piece inside a longer word, is then found wherever it occurs.
The tokens are only for matching: the text a result shows is the record's own (``text`` in its
metadata), so excerpts read as normal Chinese.

Pagefind's CLI (the binary inside the ``pagefind[extended]`` wheel) indexes a folder of small
documents, one per entry. Its Python API was not used: it waits 0.1 s per record (8 minutes for
ten years) and its ``get_files()`` did not return on a large index.

The work runs in a second Python process (``index``, this module's only imports are the standard
library's): making the documents and writing thousands of small files from a thread of the build
held up, and was held up by, MkDocs rendering pages in the same interpreter (10 years: writing
the documents took 3 s instead of 0.15 s). The browser loads only the chunks a query needs.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import time
import unicodedata
from contextlib import contextmanager
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Sequence

try:
    import fcntl
except ImportError:  # Windows: abandoned scratch folders are not looked for
    fcntl = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from .render.search import Entry

FOLDER = "pagefind"
SCRATCH = "gongshi-search-"  # the scratch folders' names: this and a random part
LOCK = ".in-use"  # in a scratch folder: locked by the process using the folder
STAMP = ".gongshi-entries"  # digest of the entries the index in the folder was built from
# Pagefind's ready-made UIs, left out of the site: search.js is Gongshi's own
UNUSED = ["pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js"]
FAILED = "搜索索引生成失败（pagefind）："
INTERRUPTED = "搜索索引生成已中断（Ctrl+C）。"
# the second process: it takes sys.path and the job from stdin, and imports no more than this module
_WORKER = ("import json, sys; path, job = json.load(sys.stdin.buffer); sys.path[:] = path; "
           "from generator.site.search_index import work; sys.exit(work(*job))")

# CJK ideographs (with extension A and compatibility ideographs): what has no spaces between words.
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# Letters and digits outside those runs are indexed as words, as Pagefind would.
WORD = re.compile(r"[^\W_]+")
LETTERS = "abcdefghijklmnopqrstuvwxyz"

# An entry as the index takes it: its URL, title, what it is (提案 …), organization, year and text.
Row = Sequence[str]


class SearchIndexError(RuntimeError):
    pass


@lru_cache(maxsize=None)
def _char(c: str) -> str:
    """A character as four lower-case letters (base 26 of its code point): no segmenter splits it."""
    n = ord(c)
    return "".join(LETTERS[n // 26 ** i % 26] for i in (3, 2, 1, 0))


def tokens(text: str) -> list[str]:
    """The words Pagefind indexes for ``text``, each once, in order of first occurrence.

    A run of Chinese characters gives one token per overlapping pair (a single character gives
    its own four letters, which prefix-match every pair starting with it); other letters and
    digits give their lower-cased words. ``search.js`` computes the same for a query.
    """
    text = unicodedata.normalize("NFKC", text).lower()
    out: dict[str, None] = {}
    last = 0
    for run in HAN.finditer(text):
        out.update(dict.fromkeys(WORD.findall(text, last, run.start())))
        codes = [_char(c) for c in run.group(0)]
        if len(codes) == 1:
            out[codes[0]] = None
        out.update(dict.fromkeys(map(str.__add__, codes, codes[1:])))
        last = run.end()
    out.update(dict.fromkeys(WORD.findall(text, last)))
    return list(out)


def document(row: Row) -> str:
    """The small HTML file Pagefind indexes for an entry: its tokens (the title's weighted), and
    the metadata a result shows. Pagefind derives the result's URL from the file's path. No
    language is given: Pagefind then only splits at spaces, and stems nothing, as search.js expects."""
    _, title, label, organization, year, text = row
    heading = tokens(title)
    seen = set(heading)
    body = [t for t in tokens(text) if t not in seen]
    meta = [("title", title), ("kind", label), ("org", organization), ("year", year), ("text", text)]
    spans = "".join(f'<span data-pagefind-meta="{k}:{escape(v)}"></span>' for k, v in meta if v)
    return ('<!doctype html><html><head><meta charset="utf-8"><title></title></head><body>'
            f'<main data-pagefind-body>{spans}<h1 data-pagefind-weight="5">{" ".join(heading)}</h1>'
            f'<p>{" ".join(body)}</p></main></body></html>\n')


def source_path(url: str) -> str:
    """The document's file for a page URL: ``proposals/fed-2025-001/`` → ``proposals/fed-2025-001.html``.

    One file per page in its section's folder, not a folder per page: creating and removing
    thousands of folders was most of the indexing time. ``search.js`` maps the ``.html`` URL
    Pagefind returns back to the page's directory URL."""
    return url.rstrip("/") + ".html"


def write(entries: list[Entry], site_dir: Path) -> None:
    """(Re)write ``site_dir/pagefind``; skipped when it was built from the same entries (serve)."""
    rows = [(e.url, e.title, e.label, e.organization, e.year, e.text) for e in entries]
    given = json.dumps(rows, ensure_ascii=False).encode("utf-8")
    digest = hashlib.sha256(given).hexdigest()
    out = site_dir / FOLDER
    if (out / STAMP).is_file() and (out / STAMP).read_text() == digest:
        return
    bundle = site_dir / f".{FOLDER}-new"  # beside the old index, so putting it in place is a rename
    shutil.rmtree(bundle, ignore_errors=True)
    problem = _in_second_process(rows, bundle)
    if problem:
        shutil.rmtree(bundle, ignore_errors=True)
        raise SearchIndexError(problem)
    (bundle / STAMP).write_text(digest)
    if out.exists():
        old = site_dir / f".{FOLDER}-old"
        os.replace(out, old)
        os.replace(bundle, out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(bundle, out)


def _in_second_process(rows: Sequence[Row], bundle: Path) -> str:
    """``index`` in a second Python process (the same code, from the same ``sys.path``), or in this
    one where there is no interpreter to start (a frozen program). Returns what went wrong, or ""."""
    if not sys.executable or getattr(sys, "frozen", False):
        index(rows, str(bundle))
        return ""
    with tempfile.TemporaryFile() as job:  # a file, not a pipe: ten years of entries are 3 MB
        job.write(json.dumps([list(map(str, sys.path)), [rows, str(bundle)]], ensure_ascii=False).encode("utf-8"))
        job.seek(0)
        flags = ["-I", "-B"] if sys.dont_write_bytecode else ["-I"]  # -I: PYTHON* variables do not apply
        done = subprocess.run([sys.executable, *flags, "-c", _WORKER], stdin=job, capture_output=True)
    if done.returncode == 0:
        return ""
    said = done.stderr.decode("utf-8", "replace").strip()
    return said if said.startswith((FAILED, INTERRUPTED)) else FAILED + (said.splitlines()[-1] if said else f"退出码 {done.returncode}")


def work(rows: Sequence[Row], bundle: str) -> int:
    """The second process: ``index``, and why it failed on stderr. It yields the processor to the
    build's pages (and a preview's), which it runs beside."""
    if hasattr(os, "nice"):
        os.nice(10)
    try:
        index(rows, bundle)
    except KeyboardInterrupt:  # Ctrl+C in the terminal reaches this process too
        sys.stderr.buffer.write(INTERRUPTED.encode("utf-8"))
        return 130
    except (SearchIndexError, OSError) as error:
        said = str(error) if isinstance(error, SearchIndexError) else FAILED + str(error)
        sys.stderr.buffer.write(said.encode("utf-8"))  # read as UTF-8 whatever this system's locale
        return 1
    return 0


def index(rows: Sequence[Row], bundle: str) -> None:
    """Pagefind's index of ``rows`` in the folder ``bundle``.

    The documents and Pagefind's output go to a scratch folder in memory (``_memory``), which is
    then copied into ``bundle`` by one thread: Pagefind creates its thousands of fragment files
    from many threads at once, which on the CI machine's disk took longer than the indexing itself
    (10 years: 3.5 s of system time, against 0.3 s for the copy). If anything fails there (memory
    is short in a container's small /dev/shm), it is done again with the scratch folder on disk."""
    documents = {source_path(row[0]): document(row) for row in rows}
    memory = _memory()
    if memory is not None:
        try:
            problem = _index(documents, Path(bundle), memory)
        except OSError as error:  # memory full while writing the documents
            problem = str(error)
        if not problem:
            return
        shutil.rmtree(bundle, ignore_errors=True)
    problem = _index(documents, Path(bundle), None)
    if problem:
        raise SearchIndexError(FAILED + problem)


def _memory() -> str | None:
    """Where the scratch folder goes: the system's memory-backed /dev/shm unless TMPDIR says
    otherwise. Thousands of small files written, read once and deleted."""
    if os.environ.get("TMPDIR") or not (os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK)):
        return None
    return "/dev/shm"


def _index(documents: dict[str, str], bundle: Path, scratch: str | None) -> str:
    """Pagefind's CLI over the documents, in a scratch folder under ``scratch``; its output copied
    into ``bundle`` when it is whole. Returns what went wrong, or ""."""
    from pagefind_bin_extended import get_executable

    _remove_abandoned(Path(scratch or tempfile.gettempdir()))
    with _scratch_folder(scratch) as folder:
        source, output = folder / "site", folder / "index"
        for path, html in documents.items():
            target = source / path
            if not target.parent.is_dir():
                target.parent.mkdir(parents=True)
            target.write_text(html, encoding="utf-8")
        done = subprocess.run([str(get_executable()), "--site", str(source), "--output-path", str(output),
                               "--silent"], capture_output=True, encoding="utf-8", errors="replace")
        if done.returncode != 0:
            return done.stderr.strip() or done.stdout.strip() or f"退出码 {done.returncode}"
        problem = _incomplete(output)
        if not problem:
            shutil.copytree(output, bundle, ignore=lambda folder, names: [n for n in names if n in UNUSED])
        return problem


def _incomplete(output: Path) -> str:
    """What is missing from Pagefind's output, or "". Pagefind exits 0 even when it could not
    write its files (a full /dev/shm): they are then empty or missing."""
    try:
        entry = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
        pages = sum(language["page_count"] for language in entry["languages"].values())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return "pagefind-entry.json 缺失或不完整"
    empty = sum(1 for file in output.rglob("*") if file.is_file() and file.stat().st_size == 0)
    fragments = sum(1 for _ in (output / "fragment").iterdir()) if (output / "fragment").is_dir() else 0
    if empty or fragments != pages:
        return f"索引文件不完整（{empty} 个空文件，{fragments} 个记录片段，应有 {pages} 个）"
    return ""


@contextmanager
def _scratch_folder(scratch: str | None) -> Iterator[Path]:
    """A new folder under ``scratch``, removed afterwards; locked (``LOCK``) while in use."""
    folder = Path(tempfile.mkdtemp(prefix=SCRATCH, dir=scratch))
    try:
        with open(folder / LOCK, "w") as lock:
            if fcntl is not None:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _remove_abandoned(scratch: Path) -> None:
    """Scratch folders left by processes killed while they indexed (SIGKILL, a closed terminal, the
    out-of-memory killer): in memory they would stay until the machine restarts. A folder is in use
    while its process holds the lock on its ``LOCK`` file, which holds across containers sharing
    /dev/shm, unlike a process id. Only this user's folders are looked at; one without a lock file
    is left alone for an hour (its process may be about to create it)."""
    if fcntl is None:
        return
    for folder in scratch.glob(f"{SCRATCH}*"):
        try:
            found = folder.lstat()
        except OSError:
            continue
        if not stat.S_ISDIR(found.st_mode) or found.st_uid != os.getuid():
            continue
        try:
            with open(folder / LOCK) as lock:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # BlockingIOError while in use
                shutil.rmtree(folder, ignore_errors=True)
        except FileNotFoundError:
            if time.time() - found.st_mtime > 3600:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue
