"""The build's runtime helpers: the paused garbage collector."""

from __future__ import annotations

import gc
import weakref

from digest.runtime import paused_garbage_collection


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
