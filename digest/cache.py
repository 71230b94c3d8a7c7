"""The build cache: results of every stage, stored under a hash of what they depend on.

A result is reused only when everything that could change it is the same: for an article, its
text and metadata, its outlet's learned template, people.yml and topics.yml, and the code of
the stages that made it; for a round digest or page, the results it was made from. The cache
lives outside the site (default `.cache/`) as pickles: large results one per file, small ones
gathered in sharded tables (`CachedTable`); entries no build uses any more are pruned.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import re
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

CACHE_FORMAT = "4"


PACKAGE = Path(__file__).resolve().parent
"""The `digest` package folder, whose modules make up each stage's code."""


def _module_file(name: str, root: Path) -> Path | None:
    """The source file of module `name` (dotted, e.g. "digest.extract.quotes") under `root`,
    the folder holding the package; None when it is not a module of the package."""
    base = root.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


_IMPORT = re.compile(
    r"^[ \t]*(?:from[ \t]+(?P<base>\.*[\w.]*)[ \t]+import[ \t]+(?P<names>\([^)]*\)|[^\n]*)"
    r"|import[ \t]+(?P<modules>[^\n]*))",
    re.MULTILINE,
)
"""An import statement at a line's start (`from X import (…)` across lines included). Read
with a pattern, not by parsing the module: parsing every module of the package took 0.3 s of
every build. Import-like lines in docstrings count too: a closure too large only costs a
recomputation."""


@functools.cache
def _imported_modules(name: str, root: Path) -> tuple[str, ...]:
    """The package modules that module `name` imports, read from its source (imports inside
    functions and `TYPE_CHECKING` blocks included: a closure too large only costs a
    recomputation, one too small serves stale results)."""
    path = _module_file(name, root)
    if path is None:
        return ()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for match in _IMPORT.finditer(path.read_text("utf-8")):
        if match.group("modules") is not None:
            found.update(_names(match.group("modules")))
            continue
        base = match.group("base")
        level = len(base) - len(base.lstrip("."))
        if level:
            parts = package.split(".")
            module = base[level:]
            base = ".".join(parts[: len(parts) - level + 1])
            base = f"{base}.{module}" if module else base
        found.add(base)
        # `from package import module` imports a module; `from module import name` not.
        found.update(f"{base}.{alias}" for alias in _names(match.group("names")))
    top = name.split(".")[0]
    return tuple(sorted(m for m in found if m.split(".")[0] == top and _module_file(m, root)))


def _names(imported: str) -> list[str]:
    """The names an import statement lists (`a as b, c` → a, c), comments and brackets
    dropped."""
    text = re.sub(r"#[^\n]*", "", imported).strip("() \t\n")
    return [part.split()[0] for part in text.split(",") if part.split()]


def import_closure(*modules: str, root: Path = PACKAGE.parent) -> tuple[Path, ...]:
    """The source files of `modules` and of every package module they import, directly or
    through others (parent packages included: importing a module runs their `__init__`)."""
    seen: set[str] = set()
    pending = list(modules)
    while pending:
        name = pending.pop()
        parts = name.split(".")
        for depth in range(1, len(parts) + 1):
            module = ".".join(parts[:depth])
            if module not in seen and _module_file(module, root):
                seen.add(module)
                pending.extend(_imported_modules(module, root))
    return tuple(sorted(p for m in seen if (p := _module_file(m, root)) is not None))


def code_fingerprint(*modules: str, extra: Iterable[Path] = (), root: Path = PACKAGE.parent) -> str:
    """A hash of the code that `modules` run: their sources and those of every package module
    they import, plus `extra` files (templates). A result keyed on it is recomputed whenever
    any of that code changes; no list of modules is kept by hand, so none can be forgotten."""
    digest = hashlib.sha256()
    for path in (*import_closure(*modules, root=root), *extra):
        digest.update(str(path.relative_to(root) if path.is_relative_to(root) else path).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
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


CHECKSUM_BYTES = 32
"""Each entry starts with the SHA-256 of its pickle: an entry edited or damaged so that it
still unpickles (a flipped digit in a number) is a miss, never a wrong result."""


class BuildCache:
    """Pickled results in a folder, keyed by fingerprint, each behind its checksum."""

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
            stored = self._path(key).read_bytes()
            checksum, data = stored[:CHECKSUM_BYTES], stored[CHECKSUM_BYTES:]
            if hashlib.sha256(data).digest() != checksum:
                raise ValueError("edited or damaged since it was written")
            value = pickle.loads(data)
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
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.write_bytes(hashlib.sha256(data).digest() + data)
        os.replace(temporary, path)

    def keep(self, key: str) -> None:
        """Keep the entry at `key` for the next build without reading it."""
        self.used.add(key)

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
        self.read: list[dict[Any, Any]] = [{} for _ in range(shards)]
        """Each shard as read."""
        self.known_shard: dict[Any, int] = {}
        """The shard each remembered entry was read from: saving needs no hash of it."""
        for shard in range(shards):
            stored = cache.get(self._shard_key(shard), counted=False) if cache else None
            if isinstance(stored, dict):
                self.known.update(stored)
                self.read[shard] = stored
                if shards > 1:
                    self.known_shard.update(dict.fromkeys(stored, shard))
        self.used: dict[Any, Any] = {}
        self.used_read = [0] * shards
        """How many of each shard's entries as read this build used."""
        self.computed: dict[int, dict[Any, Any]] = {}
        """The entries computed (not remembered) this build, by shard."""

    @classmethod
    def keep(cls, cache: BuildCache, key: str, shards: int = 1) -> None:
        """Keep the table at `key` for the next build as it is, without reading it."""
        for shard in range(shards):
            cache.keep(cls._key_of(key, shard, shards))

    @staticmethod
    def _key_of(key: str, shard: int, shards: int) -> str:
        return key if shards == 1 else f"{key}-{shard}"

    def _shard_key(self, shard: int) -> str:
        return self._key_of(self.key, shard, self.shards)

    def _shard(self, entry: Any) -> int:
        if self.shards == 1:
            return 0
        known = self.known_shard.get(entry)
        if known is not None:
            return known
        # CRC-32: the same in every process (unlike hash()), and cheap enough to take for
        # every new entry of a 30,000-entry table.
        text = entry if isinstance(entry, str) else repr(entry)
        return zlib.crc32(text.encode("utf-8", "surrogatepass")) % self.shards

    def get(self, entry: Any) -> Any | None:
        """The value remembered for `entry` (kept for the next build), or None."""
        value = self.known.get(entry)
        if value is not None and entry not in self.used:
            self.used[entry] = value
            self.used_read[self.known_shard.get(entry, 0)] += 1
        return value

    def put(self, entry: Any, value: Any) -> None:
        """Remember `value` for `entry` (unless it is None)."""
        computed = self.computed.setdefault(self._shard(entry), {})
        if value is not None:
            self.used[entry] = value
            computed[entry] = value

    def value(self, entry: Any, compute: Callable[[], T]) -> T:
        """The value remembered for `entry`, or `compute()`d and remembered."""
        value = self.get(entry)
        if value is None:
            value = compute()
            self.put(entry, value)
        return value

    def save(self) -> None:
        """Write back each shard whose used entries differ from what was read: one where a
        value was computed, or not every entry read was used."""
        if self.cache is None:
            return
        for shard, read in enumerate(self.read):
            computed = self.computed.get(shard)
            if computed is None and self.used_read[shard] == len(read):
                continue
            entries = {entry: value for entry, value in read.items() if entry in self.used}
            entries.update(computed or {})
            self.cache.put(self._shard_key(shard), entries)
