"""One build at a time per folder: the folders a build writes are locked while it runs.

Two builds writing the same output, build or cache folder at once would mix their files (one
could swap in a site rendered into the other's staging folder). Each folder a build writes gets
a lock file held with `fcntl.flock` for the whole build; the lock dies with its process, so a
killed build never leaves a folder locked. A second build names the first (process and start
time) and waits for it, or stops with a clear message after `LOCK_TIMEOUT_SECONDS`.
"""

from __future__ import annotations

import fcntl
import json
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from datetime import datetime
from pathlib import Path

from digest.model import DigestError, Problem

LOCK_TIMEOUT_SECONDS = 900.0
"""How long a build waits for another build of the same folders: a cold build of 10,000
articles takes a few minutes on two cores (README speed table), so a quarter of an hour means
the other build is stuck or forgotten (a `serve` holds the lock only while it rebuilds)."""

POLL_SECONDS = 0.1
"""How often a waiting build tries the lock again."""

LOCK_NAME = ".digest.lock"


def lock_file_for(folder: Path) -> Path:
    """The lock file of a working folder a build writes (build or cache folder): inside it."""
    return folder / LOCK_NAME


def output_lock_file(out: Path) -> Path:
    """The lock file of an output folder: beside it, since the folder itself is replaced."""
    return out.parent / f".{out.name}.lock"


def _holder(handle_path: Path) -> str:
    """Who holds a lock, as its lock file says ("the build started at … by process N")."""
    try:
        record = json.loads(handle_path.read_text("utf-8"))
        started = datetime.fromtimestamp(float(record["started"])).strftime("%Y-%m-%d %H:%M:%S")
        return f"the build started at {started} by process {int(record['pid'])}"
    except (OSError, ValueError, KeyError, TypeError):
        return "another build (it is just starting)"


@contextmanager
def _locked(
    path: Path, timeout: float, notify: Callable[[str], None], started: float
) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout
        waiting = False
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not waiting:
                    notify(f"waiting for {_holder(path)} (lock {path})")
                    waiting = True
                if time.monotonic() >= deadline:
                    raise DigestError(
                        [
                            Problem(
                                str(path),
                                None,
                                f"{_holder(path)} still holds this folder after {timeout:.0f} s;"
                                " wait for it to finish, or stop it and build again",
                            )
                        ]
                    ) from None
                time.sleep(POLL_SECONDS)
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, json.dumps({"pid": os.getpid(), "started": started}).encode(), 0)
        yield
    finally:
        os.close(descriptor)  # releases the lock


def _print_to_stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextmanager
def build_locks(
    lock_files: Sequence[Path],
    timeout: float = LOCK_TIMEOUT_SECONDS,
    notify: Callable[[str], None] = _print_to_stderr,
) -> Iterator[None]:
    """Hold every lock in `lock_files` for the `with` body, waiting for other builds.

    Taken in one order (sorted real paths) by every build, so two builds each holding one lock
    the other wants cannot happen. A folder that cannot be written raises DigestError naming it.
    """
    started = time.time()
    unique = sorted({p.parent.resolve() / p.name for p in lock_files})
    with ExitStack() as stack:
        for path in unique:
            try:
                stack.enter_context(_locked(path, timeout, notify, started))
            except PermissionError:
                raise DigestError(
                    [Problem(str(path.parent), None, "not writable; choose another folder")]
                ) from None
        yield
