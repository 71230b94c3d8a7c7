"""Site stage: write the generated pages, render them with MkDocs, swap the result in atomically.

The only module that writes the docs folder and the output folder. A failed or interrupted
build leaves the previous site exactly as it was: MkDocs renders into a fresh sibling folder,
which replaces `--out` only once it is complete.
"""

from __future__ import annotations

import ctypes
import dataclasses
import functools
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, time
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from digest.cache import fingerprint
from digest.mkdocs_log import mkdocs_problems
from digest.model import Content, DigestError, Problem

ASSETS_DIR = "assets"


def read_site_config(config_path: Path) -> dict[str, Any]:
    """The project's mkdocs.yml as plain data (it must be plain YAML, no Python tags)."""
    try:
        data = yaml.safe_load(config_path.read_text("utf-8"))
    except FileNotFoundError:
        raise DigestError(
            [Problem(str(config_path), None, "MkDocs configuration not found; pass --config")]
        ) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise DigestError(
            [Problem(str(config_path), mark.line + 1 if mark else None, f"invalid YAML: {error}")]
        ) from None
    if not isinstance(data, dict):
        raise DigestError([Problem(str(config_path), 1, "expected a mapping of settings")])
    return data


def write_docs(files: Mapping[str, str], docs_dir: Path, assets: Path | None) -> int:
    """Make `docs_dir` hold exactly `files` (plus the theme assets); return how many changed.

    Files whose text is unchanged are not rewritten, so MkDocs and the browser see no change.
    What was written is listed in the folder's manifest (`DOCS_MANIFEST`), by which the next
    build tells a file unchanged from its hash, without reading it back.
    """
    # Each page is encoded as it is written, not all first: 30,000 articles' pages and JSON
    # held twice (as text and as bytes) were 100 MB of the build's peak memory.
    wanted: dict[Path, str | bytes] = {docs_dir / name: text for name, text in files.items()}
    if assets is not None and assets.is_dir():
        for path in sorted(assets.rglob("*")):
            if path.is_file():
                wanted[docs_dir / ASSETS_DIR / path.relative_to(assets)] = path.read_bytes()
    for path in wanted:
        if not path.resolve().is_relative_to(docs_dir.resolve()):
            raise DigestError([Problem(str(path), None, "page path escapes the docs folder")])
    listed = _read_manifest(docs_dir)
    manifest: dict[str, _DocsFile] = {}
    changed = 0
    for path, content in sorted(wanted.items()):
        data = content.encode("utf-8") if isinstance(content, str) else content
        name = path.relative_to(docs_dir).as_posix()
        facts = _DocsFile.of(name, data)
        before = listed.get(name)
        if before is not None and before.describes(path):
            unchanged = before.digest == facts.digest
        else:
            unchanged = path.is_file() and _holds(path, data)
        if not unchanged:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            changed += 1
        manifest[name] = facts.stamped(path)
    if docs_dir.is_dir():
        for path in sorted(docs_dir.rglob("*"), reverse=True):
            if path.is_file() and path not in wanted:
                path.unlink()
                changed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    _write_manifest(docs_dir, manifest)
    return changed


COMPARE_BLOCK = 1 << 20
"""Bytes of a written file compared at a time with what it should hold: reading a large file
(the report of 30,000 articles is 50 MB) whole, next to its new bytes, doubled its weight in
the build's peak memory."""


def _holds(path: Path, data: bytes) -> bool:
    """Whether the file at `path` holds exactly `data`."""
    if path.stat().st_size != len(data):
        return False
    expected = memoryview(data)
    with path.open("rb") as file:
        for start in range(0, len(data), COMPARE_BLOCK):
            if file.read(COMPARE_BLOCK) != expected[start : start + COMPARE_BLOCK]:
                return False
        return file.read(1) == b""


def derived_config(
    base: Mapping[str, Any], config_dir: Path, docs_dir: Path, site_dir: Path, nav: list[Any]
) -> dict[str, Any]:
    """The project's MkDocs settings with this build's folders and generated nav filled in."""
    config = dict(base)
    config["docs_dir"] = str(docs_dir.resolve())
    config["site_dir"] = str(site_dir.resolve())
    config["nav"] = nav
    theme = dict(config.get("theme") or {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str((config_dir / theme["custom_dir"]).resolve())
    config["theme"] = theme
    return config


def source_date_epoch(content: Content) -> str:
    """A fixed build time for reproducible output: `SOURCE_DATE_EPOCH` if set, else the
    latest date the content mentions (so the same content always builds the same bytes)."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    days = [r.end for r in content.rounds] + [a.published for a in content.articles if a.published]
    latest = max(days, default=datetime(2018, 1, 1).date())
    return str(int(datetime.combine(latest, time(), tzinfo=UTC).timestamp()))


def check_out_folder(out: Path, protected: list[Path]) -> None:
    """Refuse an output folder that is, or holds, a folder the build must not replace, or
    that is an existing file (a build replaces `--out` whole)."""
    if out.exists() and not out.is_dir():
        raise DigestError(
            [Problem(str(out), None, "--out names a file, not a folder; choose another folder")]
        )
    target = out.resolve()
    for folder in protected:
        kept = folder.resolve()
        if kept == target or kept.is_relative_to(target):
            raise DigestError(
                [Problem(str(out), None, f"--out would replace {folder}; choose another folder")]
            )


def _remove_leftovers(out: Path) -> None:
    """Delete staging folders left by builds that were killed (their process is gone)."""
    pattern = re.compile(rf"^\.{re.escape(out.name)}\.(?:new|old)-(\d+)-")
    for leftover in out.parent.iterdir():
        match = pattern.match(leftover.name)
        if match and leftover.is_dir() and not _alive(int(match.group(1))):
            shutil.rmtree(leftover, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


HOOKS = Path(__file__).with_name("mkdocs_hooks.py")
RENDER_SHARD = "DIGEST_RENDER_SHARD"
"""The environment variable telling a MkDocs process that it renders one shard of a full
build (`_render_in_shards`), and naming the file where it lists the pages, in order, and the
ones it rendered."""
COMPILED_THEME_TEMPLATES = "DIGEST_COMPILED_THEME_TEMPLATES"
"""The environment variable naming the folder (in the build folder) where the MkDocs process
keeps the theme's compiled templates (`mkdocs_hooks.on_env`)."""
TAGS_LISTING = "<!-- material/tags"
"""Marks a page that lists tags (Material's tags plugin): it lists every page, so a partial
render always renders it again (`mkdocs_hooks.on_files`)."""
STAMP = "site-stamp.json"
"""Kept in the build folder: which site the last build wrote, and with what layout."""

RENDERING_PACKAGES = ("mkdocs-material", "markdown", "pymdown-extensions", "jinja2")
"""The packages besides the renderer whose versions the pages' HTML depends on."""

RENDERERS = ("mkdocs", "properdocs")
"""The MkDocs-compatible renderers the site can be built with (settings: `extra: digest:
renderer:`, or `digest build --renderer`): MkDocs 1.6 (the default) and ProperDocs, its
maintained 1.x continuation, which builds the same pages from the same settings and hooks."""
DEFAULT_RENDERER = "mkdocs"
SEARCH_INDEX = {"mkdocs": "search/search_index.json", "properdocs": "search/search_index.json"}
"""Where each renderer writes the search index (every build rewrites it). Zensical, should
it become one, writes `search.json`."""


def renderer(config: Mapping[str, Any]) -> str:
    """The renderer the settings ask for; a DigestError for an unknown one."""
    name = str(((config.get("extra") or {}).get("digest") or {}).get("renderer", DEFAULT_RENDERER))
    if name not in RENDERERS:
        raise DigestError(
            [Problem("renderer", None, f"'{name}' is not one of: {', '.join(RENDERERS)}")]
        )
    if importlib.util.find_spec(name) is None:
        raise DigestError(
            [Problem("renderer", None, f"'{name}' is not installed (pip install {name})")]
        )
    return name


def render_site(
    config: Mapping[str, Any],
    build_dir: Path,
    out: Path,
    epoch: str,
    origins: Mapping[str, Path] | None = None,
) -> bool:
    """Run MkDocs (strict) on `config` and atomically replace `out` with the result.

    When `out` is the site the previous build wrote and nothing but page text changed since
    (same navigation and page titles, files, settings, theme and build time), only the pages
    whose Markdown changed are rendered, into a copy of `out`; the result is byte-identical
    to a full build. Returns True when it rendered only the changed pages.

    Raises DigestError with MkDocs' warnings and errors, located at the page's source (its
    file in `origins`, by docs path, else its Markdown), when it fails; `out` is then untouched.
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(out)
    config = {**config, "hooks": [*config.get("hooks", []), str(HOOKS)]}
    docs = _read_docs(Path(config["docs_dir"]))
    layout = _layout_key(config, docs, epoch)
    stamp_path = build_dir / STAMP
    previous = _previous_stamp(stamp_path)
    current = _site_identity(out, out, SEARCH_INDEX[renderer(config)])
    partial = (
        previous is not None
        and current is not None
        and previous.get("layout") == layout
        and previous.get("site") == current
    )
    site = None
    if partial:
        assert previous is not None
        known = previous.get("docs") or {}
        changed = [name for name, digest in docs.hashes.items() if known.get(name) != digest]
        if not changed:
            return True  # the site in `out` is byte for byte what MkDocs would render
        try:
            site = _render_into_staging(
                config, build_dir, out, epoch, origins, docs, changed=[*changed, *docs.listings]
            )
        except DigestError:
            # Whatever went wrong, a full build either succeeds or reports it properly.
            partial = False
    if not partial:
        site = _render_into_staging(config, build_dir, out, epoch, origins, docs, changed=None)
    stamp = {"layout": layout, "docs": docs.hashes, "site": site}
    stamp_path.write_text(json.dumps(stamp), "utf-8")
    return partial


def _render_into_staging(
    config: Mapping[str, Any],
    build_dir: Path,
    out: Path,
    epoch: str,
    origins: Mapping[str, Path] | None,
    docs: _Docs,
    *,
    changed: list[str] | None,
) -> dict[str, Any] | None:
    """Render `docs` into a new folder and swap it in as `out`; returns the new site's
    identity.

    `changed` None renders everything (in `_shards` processes at once when there are many
    pages); otherwise the previous site is copied and only the docs files named (and
    whatever else MkDocs finds newer) are rendered or copied again. The copy hard-links the
    files MkDocs will leave as they are (`_kept_outputs`) — the rounds' pages, the API files
    and the report, most of the bytes — and copies the rest, which MkDocs writes in place:
    writing through a link would change the previous site before the swap.
    """
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-{os.getpid()}-", dir=out.parent))
    try:
        if changed is not None:
            kept = _kept_outputs(Path(config["docs_dir"]), out, config, set(changed))
            shutil.copytree(
                out,
                staging,
                symlinks=True,
                dirs_exist_ok=True,
                copy_function=functools.partial(_link_or_copy, out, kept),
            )
            # MkDocs --dirty renders a page when its output is missing or older than its
            # Markdown; removing the output of every changed file makes that independent of
            # clocks and timestamp resolution.
            for name in changed:
                (staging / _output_name(name, config)).unlink(missing_ok=True)
            _finish(_start(config, staging, build_dir, epoch, dirty=True), origins)
        elif (shards := _shards(docs)) > 1:
            _render_in_shards(config, staging, build_dir, epoch, origins, shards, list(docs.hashes))
        else:
            _finish(_start(config, staging, build_dir, epoch, dirty=False), origins)
        # Taken before the swap (a rename keeps it): it names this build's site, whatever
        # another build may put in `out` afterwards.
        site = _site_identity(staging, out, SEARCH_INDEX[renderer(config)])
        _swap(staging, out)
        return site
    finally:
        shutil.rmtree(staging, ignore_errors=True)


SHARD_MARKDOWN_BYTES = 2_000_000
"""A full render of this much Markdown or more is split between all cores, each MkDocs
process rendering every n-th page. MkDocs renders on one core, at about 1.7 s a MB of
Markdown here: 24 s for the 13.9 MB of a 30,000-article site, 13.6 s when split in two, same
bytes. Each process still reads every page's source and settles the navigation, so many
small pages gain little: 2,143 pages of 1.5 MB (2,000 people) took 7.4–8.7 s split against
8.7–9.3 s in one; the corpus site (0.4 MB) takes 1.3 s in one."""


def _shards(docs: _Docs) -> int:
    """How many MkDocs processes render a full build of `docs`."""
    if docs.markdown_bytes < SHARD_MARKDOWN_BYTES:
        return 1
    return os.cpu_count() or 1


@dataclass(frozen=True)
class _Run:
    """A MkDocs process rendering into `site_dir`, and where its log is read from."""

    process: subprocess.Popen[str]
    config_path: Path
    docs_dir: Path


def _start(
    config: Mapping[str, Any],
    site_dir: Path,
    build_dir: Path,
    epoch: str,
    *,
    dirty: bool,
    shard: Path | None = None,
) -> _Run:
    """Start MkDocs (strict) on `config`, rendering into `site_dir`; as one shard of a full
    render when `shard` names the file where it lists the pages it rendered."""
    config = {**config, "site_dir": str(site_dir)}
    config_path = build_dir / ("mkdocs.yml" if shard is None else f"mkdocs.{shard.stem}.yml")
    _write_config(config, config_path)
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": epoch,
        "NO_MKDOCS_2_WARNING": "1",
        COMPILED_THEME_TEMPLATES: str((build_dir / "theme-templates").absolute()),
        **({RENDER_SHARD: str(shard)} if shard is not None else {}),
    }
    command = [sys.executable, "-m", renderer(config), "build", "--strict"]
    # Not --quiet: MkDocs 1.6 stops counting warnings when quiet (mkdocs/mkdocs#4126), and
    # its log is where they are read from.
    command += [*(["--dirty"] if dirty else []), "-f", str(config_path)]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        preexec_fn=_end_with_parent,
    )
    return _Run(process, config_path, Path(config["docs_dir"]))


def _write_config(config: Mapping[str, Any], path: Path) -> None:
    """Write `config` where MkDocs reads it, its folders relative to it."""
    written = _relative_folders(config, path.parent)
    path.write_text(yaml.safe_dump(written, sort_keys=False), "utf-8")


def _finish(run: _Run, origins: Mapping[str, Path] | None, located_at: Path | None = None) -> None:
    """Wait for `run`; raises DigestError with MkDocs' warnings and errors, located (records
    about no page at `located_at`, by default the run's configuration)."""
    stdout, stderr = run.process.communicate()
    log = f"{stdout}\n{stderr}"
    where = located_at or run.config_path
    problems = mkdocs_problems(log, run.docs_dir, where, origins)
    if run.process.returncode != 0 or problems:
        # A failure with no WARNING or ERROR record (a crash): its last lines say why.
        last = log.strip().splitlines()[-5:] or ["unknown error"]
        raise DigestError(
            problems or [Problem(str(where), None, f"MkDocs failed: {m}") for m in last]
        )


def _render_in_shards(
    config: Mapping[str, Any],
    staging: Path,
    build_dir: Path,
    epoch: str,
    origins: Mapping[str, Path] | None,
    shards: int,
    names: list[str],
) -> None:
    """A full render in `shards` MkDocs processes at once, into `staging`: each renders every
    `shards`-th page (as a `--dirty` build that finds the other pages' outputs up to date:
    empty stand-ins dated ahead), then the pages and their search entries are gathered into
    the first one's folder, as one process would have written them. `names` are the docs
    files."""
    pages = [name for name in names if name.endswith(".md")]
    owned = [set(pages[shard::shards]) for shard in range(shards)]
    folders = [staging] + [
        Path(tempfile.mkdtemp(prefix=f"{staging.name}-{shard}-", dir=staging.parent))
        for shard in range(1, shards)
    ]
    ahead = datetime.now(UTC).timestamp() + STAND_IN_AHEAD
    # The whole site's settings, where problems about no page are located (and for running
    # MkDocs by hand); each process reads its own copy naming its folder.
    _write_config({**config, "site_dir": str(staging)}, build_dir / "mkdocs.yml")
    try:
        for shard, folder in enumerate(folders):
            # The first process copies the other docs files; the rest only render pages.
            for name in names:
                if name not in owned[shard] and (shard or name in pages):
                    stand_in = folder / _output_name(name, config)
                    stand_in.parent.mkdir(parents=True, exist_ok=True)
                    stand_in.touch()
                    os.utime(stand_in, (ahead, ahead))
        lists = [build_dir / f"shard-{shard}.json" for shard in range(shards)]
        for listed in lists:
            listed.unlink(missing_ok=True)  # an earlier build's list is never read as this one's
        runs = [
            _start(config, folder, build_dir, epoch, dirty=True, shard=listed)
            for folder, listed in zip(folders, lists, strict=True)
        ]
        failures: list[Problem] = []
        for run in runs:
            try:
                _finish(run, origins, located_at=build_dir / "mkdocs.yml")
            except DigestError as error:
                failures += [p for p in error.problems if p not in failures]
        if failures:
            raise DigestError(failures)
        rendered = [json.loads(listed.read_text("utf-8")) for listed in lists]
        for shard, folder in enumerate(folders[1:], start=1):
            for name in owned[shard]:
                page, stand_in = (
                    folder / _output_name(name, config),
                    staging / _output_name(name, config),
                )
                if page.exists():
                    os.replace(page, stand_in)
                else:  # a page MkDocs does not render (excluded by the settings)
                    stand_in.unlink(missing_ok=True)
        _merge_search_indexes(folders, rendered, SEARCH_INDEX[renderer(config)])
    finally:
        for folder in folders[1:]:
            shutil.rmtree(folder, ignore_errors=True)


STAND_IN_AHEAD = 86_400.0
"""Seconds ahead of now that a shard's stand-in outputs are dated: newer than any source, so
MkDocs leaves them (the time of a file written during the build)."""


def _merge_search_indexes(
    folders: list[Path], rendered: list[dict[str, list[str]]], index: str
) -> None:
    """The shards' search indexes as one, in the first folder: each page's entries from the
    shard that rendered it, in page order (as one process adds them)."""
    shard_indexes = [json.loads((folder / index).read_text("utf-8")) for folder in folders]
    entries = [entries_by_page(data["docs"]) for data in shard_indexes]
    merged: list[dict[str, Any]] = []
    for url in rendered[0]["pages"]:
        shard = next(n for n, listed in enumerate(rendered) if url in listed["rendered"])
        merged.extend(entries[shard].get(url, []))
    data = {"config": shard_indexes[0]["config"], "docs": merged}
    # Written exactly as Material's search plugin writes it.
    (folders[0] / index).write_text(json.dumps(data, separators=(",", ":"), default=str), "utf-8")


def entries_by_page(entries: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Search entries grouped by the page they belong to (a section's location is
    `page-url#anchor`), in the order of the index."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        grouped.setdefault(entry["location"].split("#", 1)[0], []).append(entry)
    return grouped


def _kept_outputs(
    docs_dir: Path, out: Path, config: Mapping[str, Any], changed: set[str]
) -> set[str]:
    """The files of the site in `out` that a partial render of `changed` leaves untouched: the
    outputs of the other docs files that are not older than their source (MkDocs `--dirty`
    skips exactly those). Templates (404 page, sitemap), the search index and the tags
    export are not among them: every build writes them."""
    kept = set()
    for source in docs_dir.rglob("*"):
        name = source.relative_to(docs_dir).as_posix()
        if name in changed or not source.is_file():
            continue
        output = _output_name(name, config)
        try:
            if (out / output).stat().st_mtime >= source.stat().st_mtime:
                kept.add(output)
        except FileNotFoundError:
            continue
    return kept


def _link_or_copy(out: Path, kept: set[str], source: str, target: str) -> str:
    """Copy `source` (a file of `out`) to `target`, as a hard link when it is `kept`."""
    if Path(source).relative_to(out).as_posix() in kept:
        try:
            os.link(source, target)
            return target
        except OSError:
            pass  # a file system without hard links: copied below
    return str(shutil.copy2(source, target))


PR_SET_PDEATHSIG = 1
"""Linux prctl option: the signal a process gets when the one that started it ends."""


def _end_with_parent() -> None:
    """In the MkDocs process, before it starts: be killed when the build is (a build killed
    with SIGKILL cannot stop it, and it would go on writing into a removed staging folder)."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _relative_folders(config: Mapping[str, Any], config_dir: Path) -> dict[str, Any]:
    """`config` with its folders relative to `config_dir`, where the configuration file is
    written: MkDocs resolves them against it, and Zensical (the Material team's successor,
    a possible renderer) accepts only relative ones."""
    written = dict(config)
    for key in ("docs_dir", "site_dir"):
        written[key] = os.path.relpath(config[key], config_dir)
    theme = dict(config.get("theme") or {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = os.path.relpath(theme["custom_dir"], config_dir)
        written["theme"] = theme
    return written


def _output_name(name: str, config: Mapping[str, Any]) -> str:
    """Where MkDocs writes the output of docs file `name` (a page or a copied file)."""
    path = PurePosixPath(name)
    if path.suffix != ".md":
        return name
    if path.name == "index.md" or not config.get("use_directory_urls", True):
        return str(path.with_suffix(".html"))
    return str(path.with_suffix("") / "index.html")


@dataclass(frozen=True)
class _Docs:
    """The docs folder as the partial render needs it, read once."""

    hashes: dict[str, str]
    """Each file's path and a hash of its bytes."""
    titles: list[str]
    """Every page's title as its Markdown gives it (front matter `title:`, else the first
    heading): the navigation of every page shows them all."""
    listings: list[str]
    """The pages listing tags: a partial render renders them again (they list every page)."""
    markdown_bytes: int
    """The pages' size: a full render of much Markdown is split between cores (`_shards`)."""


def _read_docs(docs_dir: Path) -> _Docs:
    """The docs folder, each file described by the manifest `write_docs` left when it is as
    written then, else read."""
    listed = _read_manifest(docs_dir)
    hashes, titles, listings, markdown_bytes = {}, [], [], 0
    for path in sorted(docs_dir.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(docs_dir).as_posix()
        facts = listed.get(name)
        if facts is None or not facts.describes(path):
            facts = _DocsFile.of(name, path.read_bytes())
        hashes[name] = facts.digest
        if facts.title is not None:
            markdown_bytes += facts.size
            titles.append(f"{name}: {facts.title}")
            if facts.listing:
                listings.append(name)
    return _Docs(hashes, titles, listings, markdown_bytes)


@dataclass(frozen=True)
class _DocsFile:
    """What a build needs to know of one docs file, as written."""

    digest: str
    """A hash of its bytes."""
    size: int
    title: str | None
    """A page's title as its Markdown gives it (front matter `title:`, else the first
    heading, else ""); None for a file that is no page."""
    listing: bool = False
    """Whether the page lists tags."""
    mtime_ns: int = 0
    """Its modification time once written (0: not known)."""

    @classmethod
    def of(cls, name: str, data: bytes) -> _DocsFile:
        """The facts of docs file `name` holding `data`."""
        digest = hashlib.sha256(data).hexdigest()
        if not name.endswith(".md"):
            return cls(digest, len(data), None)
        text = data.decode("utf-8")
        match = _TITLE.search(text) or _HEADING.search(text)
        return cls(digest, len(data), match.group(1) if match else "", TAGS_LISTING in text)

    def stamped(self, path: Path) -> _DocsFile:
        """These facts, with the modification time of the file at `path` that holds them."""
        return dataclasses.replace(self, mtime_ns=path.stat().st_mtime_ns)

    def describes(self, path: Path) -> bool:
        """Whether the file at `path` is still as written (same size and time)."""
        try:
            status = path.stat()
        except OSError:
            return False
        return self.mtime_ns != 0 and (status.st_size, status.st_mtime_ns) == (
            self.size,
            self.mtime_ns,
        )


def _manifest_path(docs_dir: Path) -> Path:
    return docs_dir.with_name(docs_dir.name + "-manifest.json")


def _read_manifest(docs_dir: Path) -> dict[str, _DocsFile]:
    """The docs files as `write_docs` last wrote them; empty when unknown or unreadable."""
    try:
        listed = json.loads(_manifest_path(docs_dir).read_text("utf-8"))
        return {name: _DocsFile(*facts) for name, facts in listed.items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def _write_manifest(docs_dir: Path, manifest: Mapping[str, _DocsFile]) -> None:
    path = _manifest_path(docs_dir)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    temporary.write_text(
        json.dumps({name: dataclasses.astuple(facts) for name, facts in manifest.items()}),
        "utf-8",
    )
    os.replace(temporary, path)


_TITLE = re.compile(r"\A---\n(?:(?!---\n).*\n)*?title:(.*)\n")
_HEADING = re.compile(r"^# (.*)$", re.MULTILINE)


def _layout_key(config: Mapping[str, Any], docs: _Docs, epoch: str) -> str:
    """What every page's HTML depends on besides its own Markdown: settings (navigation
    included), the set of files and the pages' titles, the theme overrides, the build time
    and the renderers."""
    settings = {key: value for key, value in config.items() if key != "site_dir"}
    custom_dir = (config.get("theme") or {}).get("custom_dir")
    overrides = (
        [(p.as_posix(), p.read_bytes()) for p in sorted(Path(custom_dir).rglob("*")) if p.is_file()]
        if custom_dir
        else []
    )
    versions = [
        importlib.metadata.version(name) for name in (renderer(config), *RENDERING_PACKAGES)
    ]
    return fingerprint(
        settings, list(docs.hashes), docs.titles, overrides, epoch, versions, HOOKS.read_bytes()
    )


def _site_identity(folder: Path, out: Path, search_index: str) -> dict[str, Any] | None:
    """Identifies the site in `folder` (to be, or being, `out`): its search index's size and
    modification time, which every build rewrites."""
    index = folder / search_index
    if not index.is_file():
        return None
    status = index.stat()
    return {"out": str(out), "index": [status.st_size, status.st_mtime_ns]}


def _previous_stamp(path: Path) -> dict[str, Any] | None:
    try:
        stamp = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return stamp if isinstance(stamp, dict) else None


def _swap(staging: Path, out: Path) -> None:
    """Put `staging` in place of `out`: two renames, the old site removed only afterwards."""
    if out.exists():
        retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-{os.getpid()}-", dir=out.parent))
        retired.rmdir()
        out.rename(retired)
        staging.rename(out)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        staging.rename(out)
