"""The build cache: results of every stage, stored under a hash of what they depend on.

A result is reused only when everything that could change it is the same: for an article, its
text and metadata, its outlet's learned template, people.yml and topics.yml, and the code of
the stages that made it; for a round digest or page, the results it was made from. The cache
lives outside the site (default `.cache/`) as pickles: large results one per file, small ones
gathered in sharded tables (`CachedTable`); entries no build uses any more are pruned.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar

T = TypeVar("T")

CACHE_FORMAT = "4"


def code_fingerprint(*modules: ModuleType) -> str:
    """A hash of the modules' source files: results are recomputed whenever that code changes,
    even if nobody remembered to bump a version number."""
    digest = hashlib.sha256()
    for module in modules:
        digest.update(Path(module.__file__ or "").read_bytes())
    return digest.hexdigest()


def fingerprint(*parts: object) -> str:
    """A stable hash of `parts` (strings as they are, anything else by its repr), for cache
    keys."""
    digest = hashlib.sha256()
    for part in parts:
        # Tagged and length-prefixed, so that no two different lists of parts hash alike
        # (the string "None" and None included).
        data = (part if isinstance(part, str) else repr(part)).encode("utf-8", "surrogatepass")
        digest.update(b"s" if isinstance(part, str) else b"r")
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


class BuildCache:
    """Pickled results in a folder, keyed by fingerprint."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()
        self.hits = 0
        self.misses = 0

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pkl"

    def get(self, key: str, counted: bool = True) -> Any | None:
        """The stored value, or None when absent or unreadable.

        `counted` lookups (articles) are tallied in `hits` and `misses` for the build summary.
        """
        self.used.add(key)
        try:
            with self._path(key).open("rb") as handle:
                value = pickle.load(handle)
        except Exception:  # any unreadable entry (corrupt, of older classes) is a miss
            self.misses += counted
            return None
        self.hits += counted
        return value

    def put(self, key: str, value: Any) -> None:
        """Store `value` atomically (a half-written entry is never read)."""
        self.used.add(key)
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        # Named by key and process: unique among concurrent writers without mkstemp's cost.
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with temporary.open("wb") as stream:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)

    def count(self, hits: int, misses: int) -> None:
        """Tally article lookups answered elsewhere (a CachedTable) in `hits` and `misses`."""
        self.hits += hits
        self.misses += misses

    def prune(self) -> int:
        """Delete entries this build did not use; returns how many."""
        removed = 0
        if not self.folder.is_dir():
            return 0
        for path in self.folder.glob("*/*.pkl"):
            if path.stem not in self.used:
                path.unlink(missing_ok=True)
                removed += 1
        return removed


class CachedTable:
    """Many small results kept in a few cache entries, read at once: ten thousand tiny files
    cost more to open than a few larger ones. Entries are spread over `shards` by their key,
    so that a change rewrites one shard, not the whole table. Entries this build used are
    kept, the rest dropped; a shard is rewritten only when that changes anything. None is
    never remembered (it stands for "could not be computed", which must be tried again)."""

    def __init__(self, cache: BuildCache | None, key: str, shards: int = 1) -> None:
        self.cache, self.key, self.shards = cache, key, shards
        self.known: dict[Any, Any] = {}
        self.known_sizes = [0] * shards
        for shard in range(shards):
            stored = cache.get(self._shard_key(shard), counted=False) if cache else None
            if isinstance(stored, dict):
                self.known.update(stored)
                self.known_sizes[shard] = len(stored)
        self.used: dict[Any, Any] = {}
        self.computed: set[int] = set()
        """The shards in which a value had to be computed (was not remembered)."""

    def _shard_key(self, shard: int) -> str:
        return self.key if self.shards == 1 else f"{self.key}-{shard}"

    def _shard(self, entry: Any) -> int:
        if self.shards == 1:
            return 0
        text = entry if isinstance(entry, str) else fingerprint(entry)
        return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16) % self.shards

    def get(self, entry: Any) -> Any | None:
        """The value remembered for `entry` (kept for the next build), or None."""
        value = self.known.get(entry)
        if value is not None:
            self.used[entry] = value
        return value

    def put(self, entry: Any, value: Any) -> None:
        """Remember `value` for `entry` (unless it is None)."""
        self.computed.add(self._shard(entry))
        if value is not None:
            self.used[entry] = value

    def value(self, entry: Any, compute: Callable[[], T]) -> T:
        """The value remembered for `entry`, or `compute()`d and remembered."""
        value = self.get(entry)
        if value is None:
            value = compute()
            self.put(entry, value)
        return value

    def save(self) -> None:
        """Write back each shard whose used entries differ from what was read."""
        if self.cache is None:
            return
        shards: list[dict[Any, Any]] = [{} for _ in range(self.shards)]
        for entry, value in self.used.items():
            shards[self._shard(entry)][entry] = value
        for shard, entries in enumerate(shards):
            # Every used entry was either read (unchanged) or computed: equal sizes and
            # nothing computed means the same shard, without comparing every value.
            if shard in self.computed or len(entries) != self.known_sizes[shard]:
                self.cache.put(self._shard_key(shard), entries)
