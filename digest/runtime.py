"""How a build runs: wall time per stage, and the garbage collector paused."""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_garbage_collection() -> Iterator[None]:
    """Suspend Python's cyclic garbage collector for a build.

    A build makes and reads from the cache millions of small objects that form no cycles;
    the collector's passes over them took most of a cached rebuild's time. Reference counting
    still frees them.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def timed(timings: dict[str, float] | None, stage: str) -> Iterator[None]:
    """Add the wall time of the `with` body to `timings[stage]` (when timings are kept)."""
    started = time.perf_counter()
    try:
        yield
    finally:
        if timings is not None:
            timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - started
