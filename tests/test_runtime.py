"""The build's runtime helpers: work spread over all cores, the paused garbage collector."""

from __future__ import annotations

import gc
import os
import weakref

from digest.runtime import in_parallel, paused_garbage_collection


class _Node:
    """An object that can point at itself (a reference cycle only the collector frees)."""

    loop: _Node | None = None


def test_a_builds_leftovers_are_frozen_not_collected_until_the_next_build() -> None:
    try:
        with paused_garbage_collection():
            node = _Node()
            node.loop = node
            left = weakref.ref(node)
            del node
        assert gc.isenabled()
        gc.collect()
        assert left() is not None, "the end of a build must not pass over its objects"
        with paused_garbage_collection():
            assert left() is None, "the next build frees what the last one left"
    finally:
        gc.unfreeze()


_offsets: list[int] = []
"""What `_set_offset` gave this process (each worker sets its own)."""


def _set_offset(offset: int) -> None:
    _offsets[:] = [offset]


def _shifted_square(number: int) -> int:
    return number * number + _offsets[0]


def test_work_on_all_cores_gives_the_jobs_results_in_order_as_one_core_does() -> None:
    jobs = list(range(40))
    here = in_parallel(
        _shifted_square, jobs, weight=1, minimum=2, initializer=_set_offset, initargs=(3,)
    )
    spread = in_parallel(
        _shifted_square, jobs, weight=2, minimum=2, initializer=_set_offset, initargs=(3,)
    )
    assert here == spread == [n * n + 3 for n in jobs]


def test_work_done_meanwhile_runs_once_in_this_process_with_or_without_workers() -> None:
    jobs = list(range(40))
    for weight in (1, 2):
        ran_in: list[int] = []
        results = in_parallel(
            _shifted_square,
            jobs,
            weight=weight,
            minimum=2,
            initializer=_set_offset,
            initargs=(1,),
            meanwhile=lambda ran_in=ran_in: ran_in.append(os.getpid()),
        )
        assert results == [n * n + 1 for n in jobs]
        assert ran_in == [os.getpid()]
