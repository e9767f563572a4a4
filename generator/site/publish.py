"""Putting a finished site where the old one was, so that ``out`` is at every instant the old or the new site.

A build writes into a staging folder beside ``out`` (``.site.building-<pid>-…``, same file
system) and then:

- on Linux, exchanges the two folders with one ``renameat2(RENAME_EXCHANGE)`` call (atomic:
  a reader or a kill sees either site, never none), then deletes the old one, now at the
  staging path;
- where that call is missing or the file system refuses it (other systems, some network file
  systems), falls back to two renames with the old site put back on failure: a kill between
  the two leaves no ``out`` until the next build, the only window left;
- when ``out`` is a mount point (it cannot be renamed), stages inside it and exchanges each
  top-level entry the same way: every file and folder is old or new at every instant, but the
  site as a whole is briefly a mix (entries starting with a dot and ``lost+found`` are left alone).

Staging and old folders carry the builder's process ID, so the next build removes the ones a
killed build left behind and never those of a build still running.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import re
import shutil
import tempfile
from pathlib import Path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _load_renameat2():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


_renameat2 = _load_renameat2()


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths atomically; False when this system or file system cannot."""
    if _renameat2 is None:
        return False
    if _renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(error, os.strerror(error), str(a))


def staging_dir(out: Path) -> Path:
    """A fresh private folder for the next site: beside ``out``, or inside it when it is a mount point."""
    parent = out if out.is_dir() and os.path.ismount(out) else out.parent
    clean_leftovers(out)
    return Path(tempfile.mkdtemp(prefix=f".{out.name}.building-{os.getpid()}-", dir=parent))


def clean_leftovers(out: Path) -> None:
    """Remove staging and old folders of builds that were killed (their process is gone)."""
    pattern = re.compile(rf"^\.{re.escape(out.name)}\.(building|old)-(\d+)-")
    for parent in (out.parent, out):
        try:
            names = os.listdir(parent)
        except OSError:
            continue
        for name in names:
            found = pattern.match(name)
            if found and not _alive(int(found.group(2))):
                shutil.rmtree(parent / name, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def swap(staging: Path, out: Path) -> None:
    """Put the finished site in ``staging`` where ``out`` is, and remove the old site."""
    os.chmod(staging, 0o755)  # mkdtemp makes it private; a web server must be able to read the site
    if staging.parent == out:
        _swap_entries(staging, out)
        return
    if not out.exists():
        os.rename(staging, out)
        return
    if exchange(staging, out):
        shutil.rmtree(staging, ignore_errors=True)  # the old site, now at the staging path
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-{os.getpid()}-", dir=out.parent))
    os.replace(out, old / out.name)
    try:
        os.replace(staging, out)
    except OSError:
        os.replace(old / out.name, out)
        raise
    finally:
        shutil.rmtree(old, ignore_errors=True)


def _swap_entries(staging: Path, out: Path) -> None:
    """``out`` is a mount point: exchange each top-level entry, then drop the entries the new site lacks."""
    new = set(os.listdir(staging))
    for name in sorted(new):
        target = out / name
        if os.path.lexists(target) and exchange(staging / name, target):
            old = staging / name
            shutil.rmtree(old) if old.is_dir() and not old.is_symlink() else old.unlink()
        else:
            if os.path.isdir(target) and not os.path.islink(target):
                shutil.rmtree(target)
            os.replace(staging / name, target)
    for name in os.listdir(out):
        # dot entries (other builds' staging folders) and lost+found belong to the mount, not the site
        if name not in new and not name.startswith(".") and name != "lost+found":
            path = out / name
            shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
    os.rmdir(staging)
