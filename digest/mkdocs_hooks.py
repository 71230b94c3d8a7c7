"""MkDocs hooks that make a partial ("dirty") rebuild produce the same bytes as a full one.

The site stage renders only the pages whose Markdown changed when nothing else about the site
did (same navigation, same settings, same theme). MkDocs can do that (`--dirty`), but then the
pages it skips are never read, so three things would come out wrong: the titles and front
matter of skipped pages (the navigation of rebuilt pages shows them), the tags index (it lists
only rebuilt pages) and the search index (it holds only rebuilt pages). These hooks fill the
skipped pages' sources in, rebuild the tags index from every page, and merge the new search
entries into the previous index. They do nothing in a full build.

Loaded by MkDocs from the generated configuration's `hooks:` list.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from mkdocs.commands.build import log as build_log
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from digest.cache import BuildCache, fingerprint
from digest.compiled_templates import CompiledTemplates
from digest.site import COMPILED_THEME_TEMPLATES, RENDER_SHARD, TAGS_LISTING, entries_by_page

SEARCH_INDEX = os.path.join("search", "search_index.json")


class _DirtyBuildWarning(logging.Filter):
    """Drops MkDocs' warning that dirty builds may be inaccurate: these hooks make them exact,
    and under `--strict` the warning alone would fail the build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


# The build module's own logger: `mkdocs.commands.build`, or under ProperDocs (which serves
# `mkdocs.*` imports from its own modules) `properdocs.commands.build`.
build_log.addFilter(_DirtyBuildWarning())


@dataclass
class _State:
    """What one build's hooks share: set at start-up and pre-build, read after the build."""

    dirty: bool = False
    shard: str | None = None
    """Where this process, rendering one shard of a full build, lists the pages (in order)
    and the ones it rendered; None in any other build."""
    pages: list[str] = field(default_factory=list)
    previous_index: dict[str, Any] | None = None
    rebuilt: set[str] = field(default_factory=set)


_state = _State()


def on_startup(command: str, dirty: bool) -> None:
    _state.dirty = dirty
    _state.shard = os.environ.get(RENDER_SHARD) or None


def on_pre_build(config: MkDocsConfig) -> None:
    _state.rebuilt = set()
    _state.previous_index = None
    if _state.dirty and _state.shard is None:
        path = os.path.join(config.site_dir, SEARCH_INDEX)
        with open(path, encoding="utf-8") as stream:
            _state.previous_index = json.load(stream)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    if _state.dirty:
        for file in files.documentation_pages():
            text = file.content_string
            if TAGS_LISTING in text:
                # Setting the content marks the file modified, so MkDocs rebuilds it.
                file.content_string = text
    return files


@event_priority(150)  # before the tags plugin populates its listings (priority 100)
def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    compiled = os.environ.get(COMPILED_THEME_TEMPLATES)
    if compiled:
        # The theme's templates as an earlier build compiled them.
        env.bytecode_cache = CompiledTemplates(BuildCache(Path(compiled)), _compiled_by(env))
    if not _state.dirty:
        return env
    pages = [file.page for file in files.documentation_pages() if file.page is not None]
    _state.pages = [page.url for page in pages]
    for page in pages:
        if page.markdown is None:
            page.read_source(config)
    tags = config.plugins.get("material/tags")
    if tags is not None:
        # Register every page's tags, in page order as a full build does.
        mappings = tags.mappings
        known = dict(mappings.data)
        mappings.data = {}
        for page in pages:
            if page.url in known:
                mappings.data[page.url] = known[page.url]
            else:
                mappings.add(page, page.markdown or "")
    return env


def _compiled_by(env: Any) -> str:
    """What besides a template's source its compiled code depends on: the Jinja and Python
    versions and the environment's settings."""
    autoescape = env.autoescape
    settings = [
        sorted(env.extensions),
        autoescape if isinstance(autoescape, bool) else getattr(autoescape, "__qualname__", ""),
        env.finalize is not None,
        env.optimized,
        env.trim_blocks,
        env.lstrip_blocks,
        env.keep_trailing_newline,
        env.newline_sequence,
        env.block_start_string,
        env.variable_start_string,
        env.comment_start_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
    ]
    return fingerprint(metadata.version("jinja2"), sys.version, settings)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    _state.rebuilt.add(page.url)
    return output


def on_post_build(config: MkDocsConfig) -> None:
    if _state.shard is not None:
        # The search index keeps this shard's pages; the build gathers the shards'.
        listed = {"pages": _state.pages, "rendered": sorted(_state.rebuilt)}
        with open(_state.shard, "w", encoding="utf-8") as stream:
            json.dump(listed, stream)
        return
    if not _state.dirty or _state.previous_index is None:
        return
    path = os.path.join(config.site_dir, SEARCH_INDEX)
    with open(path, encoding="utf-8") as stream:
        partial = json.load(stream)
    fresh = entries_by_page(partial["docs"])
    previous = entries_by_page(_state.previous_index["docs"])
    if not fresh.keys() <= previous.keys():
        # A page became searchable: its place in the index is unknown, so build it whole.
        raise PluginError("the set of searchable pages changed; a full build is needed")
    merged: list[dict[str, Any]] = []
    for url, entries in previous.items():
        merged.extend(fresh.get(url, []) if url in _state.rebuilt else entries)
    # Written exactly as Material's search plugin writes it.
    data = {"config": partial["config"], "docs": merged}
    with open(path, "w", encoding="utf-8") as stream:
        stream.write(json.dumps(data, separators=(",", ":"), default=str))
