"""When each record last changed, from git history (nothing when the data is not in git)."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path


def last_changed(data_dir: Path) -> dict[str, date]:
    """Map ``folder/file.yaml`` (relative to ``data_dir``) to the date of the last commit touching it.

    One ``git log`` over the whole folder, newest first, so the cost is linear in the history.
    Uncommitted edits keep their last committed date: the site shows what was merged.
    """
    data_dir = Path(data_dir).resolve()
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=data_dir, capture_output=True,
                             text=True, check=True).stdout.strip()
        log = subprocess.run(["git", "-c", "core.quotepath=off", "log", "--format=@%cs", "--name-only",
                              "--no-renames", "--", "."], cwd=data_dir, capture_output=True, text=True,
                             check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    changed: dict[str, date] = {}
    prefix = data_dir.relative_to(Path(top).resolve()).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    day = None
    for line in log.splitlines():
        if line.startswith("@"):
            day = date.fromisoformat(line[1:])
        elif line and day and line.startswith(prefix):
            changed.setdefault(line[len(prefix):], day)
    return changed
