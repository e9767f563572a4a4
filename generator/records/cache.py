"""A cache of parsed record files, keyed by their content, so repeated loads skip YAML parsing.

Parsing is most of the cost of loading ten years of records. The cache maps a file's BLAKE2
digest to the plain values it parsed to; a changed file has a new digest and is parsed again,
so the cache can never serve stale data, and git checkouts (which reset modification times)
still hit. The cache is an optimisation that must never change a result, yet its folder can be
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


class _PlainUnpickler(pickle.Unpickler):
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


class ParseCache:
    """Parsed values by content digest; ``save`` keeps only the entries used in this run."""

    def __init__(self, path: Path):
        self.path = path
        self.entries: dict[str, Any] = {}
        self.used: dict[str, Any] = {}
        try:
            payload = _verified(path.read_bytes())
            stored = _PlainUnpickler(io.BytesIO(payload)).load() if payload is not None else None
            if isinstance(stored, dict) and stored.get("format") == FORMAT and isinstance(stored.get("entries"), dict):
                self.entries = {k: v for k, v in stored["entries"].items() if isinstance(k, str) and isinstance(v, dict)}
        except Exception:  # noqa: BLE001 - whatever is wrong with a cache file, it is a miss
            self.entries = {}

    def get(self, key: str) -> Any:
        value = self.entries.get(key)
        if value is not None:
            self.used[key] = value
        return value

    def put(self, key: str, value: Any) -> None:
        self.used[key] = value

    def save(self) -> None:
        if self.used.keys() == self.entries.keys():
            return
        _write_signed(self.path, pickle.dumps({"format": FORMAT, "entries": self.used}, protocol=5))


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
