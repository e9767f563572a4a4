"""A cache of parsed record files, keyed by their content, so repeated loads skip YAML parsing.

Parsing is most of the cost of loading ten years of records. The cache maps a file's BLAKE2
digest to the plain values it parsed to; a changed file has a new digest and is parsed again,
so the cache can never serve stale data, and git checkouts (which reset modification times)
still hit. Reading and digesting 16,000 files costs too, so each file's digest is also kept by its
stat signature, as git's index does (see ``signature`` and ``RACY_NS``). The cache is an optimisation that must never change a result, yet its folder can be
written by others (a CI cache a pull request saved, a shared checkout). So every cache file is
signed with a key that lives outside it (``$XDG_STATE_HOME/gongshi/cache-key``, made on first
use, readable only by its owner): a file this machine's user did not write (forged, edited,
truncated, restored from elsewhere) is a miss, never an error. It is then read with an
unpickler that only admits plain values and dates, so even a signed file cannot run code.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import io
import os
import pickle
import sys
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

MAGIC = b"gongshi-cache-1\n"

def _code_version() -> str:
    """Entries are only valid for the parser, models and formatter that made them."""
    package = Path(__file__).resolve().parent.parent
    h = hashlib.blake2b(digest_size=8)
    for name in ("records/cache.py", "records/loader.py", "records/models.py", "workflow/fmt.py"):
        h.update((package / name).read_bytes())
    return h.hexdigest()


FORMAT = _code_version()


class PlainUnpickler(pickle.Unpickler):
    """Parsed values only: dicts, lists, text, numbers, booleans and dates (never code)."""

    def find_class(self, module: str, name: str):
        if module == "datetime" and name in ("date", "datetime", "timezone", "timedelta"):
            return getattr(datetime, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the cache")


def digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=20).hexdigest()


@lru_cache(maxsize=1)
def _secret() -> bytes | None:
    """This user's signing key, outside every cache folder; None (no caching) when it cannot be kept."""
    state = Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state")
    path = state / "gongshi" / "cache-key"
    try:
        key = path.read_bytes()
        if len(key) == 32:
            return key
    except OSError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temporary = path.with_name(f".cache-key.{os.getpid()}")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(os.urandom(32))
        os.replace(temporary, path)  # two processes racing: both keys are good; the last one stays
        key = path.read_bytes()
        return key if len(key) == 32 else None
    except OSError:
        return None


def _sign(payload: bytes) -> bytes | None:
    key = _secret()
    return None if key is None else MAGIC + hmac.new(key, FORMAT.encode() + payload, "sha256").digest() + payload


def _verified(blob: bytes) -> bytes | None:
    """The payload of a cache file this user signed for this code version, else None."""
    key = _secret()
    if key is None or not blob.startswith(MAGIC) or len(blob) < len(MAGIC) + 32:
        return None
    mac, payload = blob[len(MAGIC):len(MAGIC) + 32], blob[len(MAGIC) + 32:]
    expected = hmac.new(key, FORMAT.encode() + payload, "sha256").digest()
    return payload if hmac.compare_digest(mac, expected) else None


# A file's stat signature is trusted only if it was last changed this long before the run that
# recorded it began: a later write within the file system's timestamp granularity (2 s on FAT, one
# clock tick elsewhere) could otherwise leave size and times as they were ("racy" files, as git calls them).
RACY_NS = 2_000_000_000

Signature = tuple[int, int, int, int, int]


def signature(stat: os.stat_result) -> Signature:
    """What changes whenever a file's content does: size, modification and change times (the
    change time cannot be set back by hand), inode and device (an editor's save-by-rename)."""
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_dev)


def _shared(value: Any) -> Any:
    """The same values with each short text as one object: pickle then writes a name, title or
    body that recurs across files once, and the cache loads in half the time."""
    if isinstance(value, str):
        return sys.intern(value) if len(value) <= 32 else value
    if isinstance(value, dict):
        return {key: _shared(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shared(item) for item in value]
    return value


class ParseCache:
    """Parsed values by content digest, and the digest of each file by its stat signature (as git's
    index does), so an unchanged file is not even read; ``save`` keeps what this run used.

    ``path`` None: a cache kept in memory only.
    """

    def __init__(self, path: Path | None):
        self.path = path
        self.started = time.time_ns()
        self.entries: dict[str, Any] = {}
        self.used: dict[str, Any] = {}
        self.files: dict[str, tuple] = {}   # file name in the data folder -> signature + (digest,)
        self.seen: dict[str, tuple] = {}
        if path is None:
            return
        try:
            payload = _verified(path.read_bytes())
            stored = PlainUnpickler(io.BytesIO(payload)).load() if payload is not None else None
            if isinstance(stored, dict) and stored.get("format") == FORMAT and isinstance(stored.get("entries"), dict):
                self.entries = {k: v for k, v in stored["entries"].items() if isinstance(k, str) and isinstance(v, dict)}
                files = stored.get("files")
                if isinstance(files, dict):
                    self.files = {k: v for k, v in files.items() if isinstance(k, str) and isinstance(v, tuple)
                                  and len(v) == 6 and isinstance(v[5], str)}
        except Exception:  # noqa: BLE001 - whatever is wrong with a cache file, it is a miss
            self.entries, self.files = {}, {}

    def get(self, key: str) -> Any:
        value = self.entries.get(key)
        if value is not None:
            self.used[key] = value
        return value

    def put(self, key: str, value: Any) -> None:
        self.used[key] = _shared(value)

    def unchanged(self, name: str, path: str) -> Any:
        """The parsed values of file ``name`` if its stat signature is the one recorded, else None."""
        known = self.files.get(name)
        if known is None:
            return None
        try:
            now = signature(os.stat(path, follow_symlinks=False))
        except OSError:
            return None
        if now != known[:5]:
            return None
        value = self.get(known[5])
        if value is not None:
            self.seen[name] = known
        return value

    def remember(self, name: str, stat: os.stat_result, key: str) -> None:
        """Record file ``name``'s signature with the digest of what was read, unless it changed too
        recently for its times to tell a later write apart."""
        if max(stat.st_mtime_ns, stat.st_ctime_ns) < self.started - RACY_NS:
            self.seen[name] = signature(stat) + (key,)

    def save(self) -> None:
        if self.path is None or (self.used.keys() == self.entries.keys() and self.seen == self.files):
            return
        _write_signed(self.path, pickle.dumps({"format": FORMAT, "entries": self.used, "files": self.seen},
                                              protocol=5))


def location(data_dir: Path, what: str, suffix: str) -> Path:
    """A cache file of a data folder: in ``.gongshi-cache/`` beside it (git-ignored), or $GONGSHI_CACHE_DIR."""
    data_dir = Path(data_dir).resolve()
    base = Path(os.environ["GONGSHI_CACHE_DIR"]) if os.environ.get("GONGSHI_CACHE_DIR") else \
        data_dir.parent / ".gongshi-cache"
    name = hashlib.blake2b(str(data_dir).encode(), digest_size=8).hexdigest()
    return base / f"{what}-{data_dir.name}-{name}-{FORMAT}{suffix}"


def _write_signed(path: Path, payload: bytes) -> None:
    """Sign and write atomically, then drop other code versions' files; a cache that cannot be
    written is simply not kept."""
    blob = _sign(payload)
    if blob is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(blob)
        os.replace(temporary, path)
        _prune(path)
    except OSError:
        pass


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
            payload = _verified(self.path.read_bytes())
            self.known = set(payload.decode("ascii").split()) if payload is not None else set()
        except (OSError, UnicodeDecodeError):
            self.known = set()
        self.seen: set[str] = set()

    def save(self) -> None:
        if self.seen == self.known:
            return
        _write_signed(self.path, ("\n".join(sorted(self.seen)) + "\n").encode("ascii"))
