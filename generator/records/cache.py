"""A cache of parsed record files, keyed by their content, so repeated loads skip YAML parsing.

Parsing is most of the cost of loading ten years of records. The cache maps a file's BLAKE2
digest to the plain values it parsed to; a changed file has a new digest and is parsed again,
so the cache can never serve stale data, and restoring it from CI storage or across git
checkouts (which reset modification times) still hits. It is read with an unpickler that only
admits plain values and dates, so a planted cache file cannot run code.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import os
import pickle
from pathlib import Path
from typing import Any

def _code_version() -> str:
    """Entries are only valid for the parser, models and formatter that made them."""
    package = Path(__file__).resolve().parent.parent
    h = hashlib.blake2b(digest_size=8)
    for name in ("records/cache.py", "records/loader.py", "records/models.py", "workflow/fmt.py"):
        h.update((package / name).read_bytes())
    return h.hexdigest()


FORMAT = _code_version()


class _PlainUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if module == "datetime" and name in ("date", "datetime", "timezone", "timedelta"):
            return getattr(datetime, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the cache")


def digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=20).hexdigest()


class ParseCache:
    """Parsed values by content digest; ``save`` keeps only the entries used in this run."""

    def __init__(self, path: Path):
        self.path = path
        self.entries: dict[str, Any] = {}
        self.used: dict[str, Any] = {}
        try:
            stored = _PlainUnpickler(io.BytesIO(path.read_bytes())).load()
            if isinstance(stored, dict) and stored.get("format") == FORMAT:
                self.entries = stored["entries"]
        except (OSError, pickle.UnpicklingError, EOFError, KeyError, TypeError, ValueError, AttributeError):
            self.entries = {}

    def get(self, key: str) -> Any:
        value = self.entries.get(key)
        if value is not None:
            self.used[key] = value
        return value

    def put(self, key: str, value: Any) -> None:
        self.used[key] = value

    def save(self) -> None:
        """Write atomically; a cache that cannot be written is simply not kept."""
        if self.used.keys() == self.entries.keys():
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            temporary.write_bytes(pickle.dumps({"format": FORMAT, "entries": self.used}, protocol=5))
            os.replace(temporary, self.path)
            _prune(self.path)
        except OSError:
            pass


def location(data_dir: Path, what: str, suffix: str) -> Path:
    """A cache file of a data folder: in ``.gongshi-cache/`` beside it (git-ignored), or $GONGSHI_CACHE_DIR."""
    data_dir = Path(data_dir).resolve()
    base = Path(os.environ["GONGSHI_CACHE_DIR"]) if os.environ.get("GONGSHI_CACHE_DIR") else \
        data_dir.parent / ".gongshi-cache"
    name = hashlib.blake2b(str(data_dir).encode(), digest_size=8).hexdigest()
    return base / f"{what}-{data_dir.name}-{name}-{FORMAT}{suffix}"


def _prune(path: Path) -> None:
    """Remove this data folder's cache files that other code versions wrote (they can never hit)."""
    stem = path.name[: -len(path.suffix)].rsplit("-", 1)[0]  # name without the code version
    for old in path.parent.glob(f"{stem}-*{path.suffix}"):
        if old != path:
            old.unlink(missing_ok=True)


def for_data(data_dir: Path) -> ParseCache:
    return ParseCache(location(data_dir, "parsed", ".pickle"))


class CanonicalDigests:
    """Digests of files ``gongshi fmt`` found canonical, so an unchanged file is not formatted again."""

    def __init__(self, data_dir: Path):
        self.path = location(data_dir, "canonical", ".txt")
        try:
            self.known = set(self.path.read_text(encoding="ascii").split())
        except (OSError, UnicodeDecodeError):
            self.known = set()
        self.seen: set[str] = set()

    def save(self) -> None:
        if self.seen == self.known:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            temporary.write_text("\n".join(sorted(self.seen)) + "\n", encoding="ascii")
            os.replace(temporary, self.path)
            _prune(self.path)
        except OSError:
            pass
