"""Python's cyclic garbage collector, held back while records are built.

Loading ten years of records creates about a million objects that all stay alive, and every
full collection walks all of them again: measured, that was 60 % of ``check``. Records and
findings make no reference cycles (reference counting still frees them), so loading and checking
pause the collector and then freeze what they made into the permanent generation, which later
collections skip. Garbage is collected once before, so that nothing left over (say, the previous
build's pages in ``gongshi serve``) is frozen with them. A site build, which also keeps every
page in memory, collects less often.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

BUILD_THRESHOLDS = (50_000, 20, 20)  # Python's default is (700, 10, 10)


@contextmanager
def paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def relax() -> tuple[int, int, int]:
    """Collect less often for the rest of a build; returns the thresholds to put back."""
    previous = gc.get_threshold()
    gc.set_threshold(*BUILD_THRESHOLDS)
    return previous


def restore(thresholds: tuple[int, int, int]) -> None:
    gc.set_threshold(*thresholds)
