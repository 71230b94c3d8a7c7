"""Fault injection: a hostile user and a flaky machine against `digest build`.

Run `make faults` (or `python -m tests.faults [--seed N] [--kills N] [--pairs N]
[--corruptions N]`). A copy of the bundled content is built once into a reference site with
fresh working folders; then each case runs and the site it leaves is compared with the
reference, byte for byte:

- kill: a build is killed with SIGKILL at a random moment (cold or warm cache); the site left
  must still be the previous whole site, no process the build started may outlive it, and the
  next build must equal the reference and leave no staging folder behind;
- parallel: two or three builds into the same folders at once (after an edit and its undoing,
  so they render in full); all must succeed and the site must equal the reference;
- corrupt: cache entries truncated, filled with noise, or edited so they still unpickle; the
  next build must succeed and equal the reference.

One line per case, a summary last; exit status 1 when any case failed. Not part of
`make test`: it runs some fifty builds.
"""

from __future__ import annotations

import argparse
import filecmp
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.support import REPO, build_arguments

KILL_WINDOW_SECONDS = (0.05, 2.5)
"""When a kill lands after the build starts: a cold build of the bundled content takes about
1.5 s on two cores, so this covers loading, processing, rendering and the swap."""

ORPHAN_GRACE_SECONDS = 3.0
"""How long the processes a killed build started may take to notice and end."""


@dataclass
class Workspace:
    """A content copy and the folders one series of builds shares."""

    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def out(self) -> Path:
        return self.root / "site"

    @property
    def build_dir(self) -> Path:
        return self.root / "build"

    @property
    def cache_dir(self) -> Path:
        return self.root / "cache"

    def command(self, out: Path | None = None, work: Path | None = None) -> list[str]:
        work = work or self.root
        return [
            sys.executable,
            "-m",
            "digest",
            *build_arguments(self.content, out or self.out, work),
        ]

    def build(self) -> subprocess.CompletedProcess[str]:
        return subprocess.run(self.command(), capture_output=True, text=True, check=False)


def differences(site: Path, reference: Path) -> list[str]:
    """How `site` differs from `reference` (files missing, extra or changed); [] if equal."""
    if not site.is_dir():
        return [f"{site} is missing"]
    found = []
    comparison = [filecmp.dircmp(site, reference)]
    while comparison:
        folder = comparison.pop()
        found += [f"only in the site: {name}" for name in folder.left_only]
        found += [f"missing: {name}" for name in folder.right_only]
        _, changed, errors = filecmp.cmpfiles(
            folder.left, folder.right, folder.common_files, shallow=False
        )
        found += [f"changed: {name}" for name in changed + errors]
        comparison += folder.subdirs.values()
    return found


def descendants(pid: int) -> set[int]:
    """The running processes below `pid` (read from /proc; empty elsewhere)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[0] != "Z":
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, pending = set(), [pid]
    while pending:
        for child in children.get(pending.pop(), []):
            found.add(child)
            pending.append(child)
    return found


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def leftovers(space: Workspace) -> list[str]:
    return sorted(
        p.name for p in space.root.iterdir() if p.name.startswith((".site.new-", ".site.old-"))
    )


def kill_case(space: Workspace, reference: Path, rng: random.Random) -> str:
    cold = rng.random() < 0.5
    if cold:
        shutil.rmtree(space.cache_dir, ignore_errors=True)
    delay = rng.uniform(*KILL_WINDOW_SECONDS)
    build = subprocess.Popen(space.command(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    started = descendants(build.pid)
    build.send_signal(signal.SIGKILL)
    build.wait()
    problems = [f"after the kill, {d}" for d in differences(space.out, reference)[:3]]
    deadline = time.monotonic() + ORPHAN_GRACE_SECONDS
    while time.monotonic() < deadline and any(running(p) for p in started):
        time.sleep(0.1)
    problems += [f"process {p} outlived the killed build" for p in started if running(p)]
    rebuilt = space.build()
    if rebuilt.returncode != 0:
        problems.append(f"next build failed: {rebuilt.stderr.strip()[-200:]}")
    problems += [f"after the next build, {d}" for d in differences(space.out, reference)[:3]]
    problems += [f"left behind: {name}" for name in leftovers(space)]
    detail = f"{'cold' if cold else 'warm'} cache, killed after {delay:.2f} s"
    return _result(detail, problems)


def parallel_case(space: Workspace, reference: Path, rng: random.Random) -> str:
    people = space.content / "people.yml"
    original = people.read_text("utf-8")
    count = rng.choice([2, 3])
    problems = []
    for text in (original + "\n# edited\n- id: fault-probe\n  name: Fault Probe\n", original):
        people.write_text(text, "utf-8")
        builds = [
            subprocess.Popen(space.command(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            for _ in range(count)
        ]
        for build in builds:
            _, errors = build.communicate()
            if build.returncode != 0:
                problems.append(f"a build failed: {errors.decode()[-200:]}")
    problems += differences(space.out, reference)[:3]
    return _result(f"{count} builds at once, twice (after an edit, after its undoing)", problems)


CORRUPTIONS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "truncated": lambda data, rng: data[: rng.randrange(len(data))],
    "noise": lambda data, rng: rng.randbytes(len(data)),
    # Same-length text edits keep a pickle loadable: only a checksum can tell.
    "edited, still loadable": lambda data, rng: data.replace(b" the ", b" THE "),
    "emptied": lambda data, rng: b"",
}


def corrupt_case(space: Workspace, reference: Path, rng: random.Random) -> str:
    entries = sorted(space.cache_dir.glob("*/*.pkl"))
    if not entries:
        space.build()
        entries = sorted(space.cache_dir.glob("*/*.pkl"))
    kind = rng.choice(sorted(CORRUPTIONS))
    chosen = rng.sample(entries, k=max(1, len(entries) // 3))
    for entry in chosen:
        entry.write_bytes(CORRUPTIONS[kind](entry.read_bytes(), rng))
    rebuilt = space.build()
    problems = [] if rebuilt.returncode == 0 else [f"build failed: {rebuilt.stderr[-200:]}"]
    problems += differences(space.out, reference)[:3]
    return _result(f"{len(chosen)} of {len(entries)} cache entries {kind}", problems)


def _result(detail: str, problems: list[str]) -> str:
    return f"{'FAIL' if problems else 'ok'}: {detail}" + "".join(f"\n    {p}" for p in problems)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--pairs", type=int, default=3, help="parallel-build cases")
    parser.add_argument("--corruptions", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    scratch = Path(tempfile.mkdtemp(prefix="digest-faults-"))
    print(f"seed {args.seed}; scratch folder {scratch}")
    try:
        space = Workspace(scratch / "space")
        space.root.mkdir()
        shutil.copytree(REPO / "content", space.content)
        reference = scratch / "reference"
        clean = subprocess.run(
            space.command(out=reference, work=scratch / "reference-work"),
            capture_output=True,
            text=True,
            check=False,
        )
        if clean.returncode != 0:
            print(f"FAIL: the clean reference build failed:\n{clean.stderr}")
            return 1
        first = space.build()
        if first.returncode != 0 or differences(space.out, reference):
            print("FAIL: a second build of the same content differs from the first")
            return 1
        cases = (
            [("kill", kill_case)] * args.kills
            + [("parallel", parallel_case)] * args.pairs
            + [("corrupt", corrupt_case)] * args.corruptions
        )
        rng.shuffle(cases)
        failed = 0
        for number, (name, case) in enumerate(cases, 1):
            line = case(space, reference, rng)
            failed += line.startswith("FAIL")
            print(f"{number:3d} {name:9s}{line}", flush=True)
        print(f"{len(cases) - failed} of {len(cases)} cases ok (seed {args.seed})")
        return 1 if failed else 0
    finally:
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
