"""Python's cyclic garbage collector, held back while records are built.

Loading ten years of records creates about a million objects that all stay alive, and every
full collection walks all of them again: measured, that was 60 % of ``check``. Records and
findings make no reference cycles (reference counting still frees them), so loading and checking
pause the collector and then freeze what they made into the permanent generation, which later
collections skip. Whatever an earlier pause froze is thawed and collected first, so objects that
died since (say, the previous build's pages in ``gongshi serve``) are freed then, not kept for
good. A site build, which also keeps every page in memory, collects less often.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

BUILD_THRESHOLDS = (50_000, 20, 20)  # Python's default is (700, 10, 10)


@contextmanager
def paused() -> Iterator[None]:
    enabled = gc.isenabled()
    if gc.get_freeze_count():  # an earlier pause's objects: thawed, and those that died since freed
        gc.unfreeze()
        gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def release() -> None:
    """Thaw what the last pause froze and free what died since, now rather than at the next pause:
    ``gongshi serve`` does it after a rebuild's pages are shown, while the reader looks at them."""
    gc.unfreeze()
    gc.collect()


def relax() -> tuple[int, int, int]:
    """Collect less often for the rest of a build; returns the thresholds to put back."""
    previous = gc.get_threshold()
    gc.set_threshold(*BUILD_THRESHOLDS)
    return previous


def restore(thresholds: tuple[int, int, int]) -> None:
    """Back to normal collection once a build ends; what loading froze may be collected again."""
    gc.set_threshold(*thresholds)
    gc.unfreeze()
