"""How a build runs: work spread over all cores, wall time per stage, and the garbage
collector paused."""

from __future__ import annotations

import gc
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing import get_start_method
from typing import Any, TypeVar

J = TypeVar("J")
R = TypeVar("R")

CHUNKS_PER_WORKER = 16
"""Jobs are handed to each worker in about this many batches: fewer batches cost less in
inter-process traffic, more keep both cores busy to the end when jobs differ in size. With
4, a 30,000-article cold build's batches were 3,750 articles (about 9 s of cleaning and
extraction) and 37 rounds to summarize: the core that finished first sat idle for up to one
batch at the end of each stage; a batch costs milliseconds of traffic."""


PARALLEL_ARTICLES = 2000
"""Work after the per-article stages (assignments, round summaries, pages) goes to all cores
when it covers at least this many articles: below that, starting workers and sending them
the articles costs more."""


def in_parallel(
    work: Callable[[J], R],
    jobs: Sequence[J],
    *,
    weight: int,
    minimum: int,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
    meanwhile: Callable[[], object] | None = None,
    needs_fork: bool = False,
) -> list[R]:
    """`work(job)` for each job, in order. On all cores when the jobs' `weight` (the articles
    they cover) reaches `minimum`, below which starting workers costs more than it saves;
    `initializer(*initargs)` sets up each worker once (in this process when run here).
    `meanwhile()` runs in this process while the workers work (after the jobs when there
    are none): work of another kind that needs none of their results.

    Workers receive `work`, the jobs and `initargs` when they start, not job by job: where
    processes fork (Linux) they inherit them without a copy, and only job numbers travel.
    Pickling 30,000 processed articles to send them to workers took seconds and left a
    UTF-8 copy inside every non-ASCII string pickled (CPython caches it in the str). Where
    processes are spawned, all of it is pickled once per worker instead; work whose state
    cannot be pickled (`needs_fork`) is then done here."""
    workers = os.cpu_count() or 1
    if workers < 2 or weight < minimum or (needs_fork and get_start_method() != "fork"):
        if initializer is not None:
            initializer(*initargs)
        done = [work(job) for job in jobs]
        if meanwhile is not None:
            meanwhile()
        return done
    chunksize = max(1, len(jobs) // (workers * CHUNKS_PER_WORKER))
    with ProcessPoolExecutor(
        workers, initializer=_start_worker, initargs=(initializer, initargs, work, jobs)
    ) as pool:
        # map() hands out every job (and starts the workers) before it returns.
        results = pool.map(_run_job, range(len(jobs)), chunksize=chunksize)
        if meanwhile is not None:
            meanwhile()
        return list(results)


_worker_jobs: list[tuple[Callable[[Any], Any], Sequence[Any]]] = []
"""In a worker process: the work function and the jobs it was started with."""


def _start_worker(
    initializer: Callable[..., None] | None,
    initargs: tuple[Any, ...],
    work: Callable[[Any], Any],
    jobs: Sequence[Any],
) -> None:
    exit_with_parent()
    _worker_jobs[:] = [(work, jobs)]
    if initializer is not None:
        initializer(*initargs)


def _run_job(number: int) -> Any:
    """In a worker process: job `number` of those it was started with, done."""
    work, jobs = _worker_jobs[0]
    return work(jobs[number])


ORPHAN_CHECK_SECONDS = 0.5
"""How often a worker process checks that the build which started it is still running."""


def exit_with_parent() -> None:
    """End this worker process as soon as the process that started it is gone: a build killed
    with SIGKILL cannot stop its workers, which would otherwise run on, orphaned."""
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(ORPHAN_CHECK_SECONDS)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


@contextmanager
def paused_garbage_collection() -> Iterator[None]:
    """Suspend Python's cyclic garbage collector for a build.

    A build makes and reads from the cache millions of small objects that form no cycles;
    the collector's passes over them took most of a cached rebuild's time. Reference counting
    still frees them.

    On the way out, what the build leaves is frozen (set aside from the collector) rather
    than collected: the first pass after a build went over every object the build made — a
    page template's macros tie its context, and through it the whole build's data, into a
    cycle — 0.5 s at 10,000 articles, paid just before a command-line build's process ends
    anyway. A process that builds again (`digest serve`, tests) gets them back: the next
    build first unfreezes and collects them, so at most one build's leftovers are kept.
    """
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
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
