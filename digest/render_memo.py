"""What rendering remembers between builds: round pages, which of a person's quotations are
distinct, which of an article's quotations can be shown alone and the compiled templates, each
kept in the build cache by its inputs and by the version of the rendering code and templates
(render.py uses it; the cache itself is cache.py's)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from digest.cache import BuildCache, CachedTable, code_fingerprint, fingerprint
from digest.compiled_templates import CompiledTemplates

TEMPLATES = Path(__file__).parent / "templates"
RENDER_CODE = code_fingerprint(
    "digest.render", extra=sorted(path for path in TEMPLATES.iterdir() if path.is_file())
)
"""The rendering code and what it calls, and the templates: a remembered page or quotation
list is reused only while they are the same."""

SPEAKER_QUOTE_SHARDS = 16
"""Shards of the table of each article's quotations person pages may show: an edit rewrites
one, not the whole table."""

ARTICLE_ROW_SHARDS = 32
"""Shards of the table of each article's API record and report row (50 MB at 30,000
articles): an edit rewrites one."""
ROUND_PAGE_SHARDS = 16
"""Shards of the table of round pages (12.7 MB for 300 rounds): an edited article rewrites the
shard of its round's page, not every page."""


@dataclass(frozen=True)
class RenderMemo:
    """What rendering remembers between builds: the costly parts, by their inputs."""

    round_pages: CachedTable
    """Round pages by everything they show."""
    quote_sets: CachedTable
    """Which of a person's quotations are distinct, by the quotations' texts."""
    speaker_quotes: CachedTable
    """The quotations of an article person pages may show, by the article's cache key."""
    article_rows: CachedTable
    """Each article's line of `api/articles.json` and of `report.tsv`, by the article's cache
    key and its round, reason and original: every build writes both files whole, and encoding
    30,000 records anew took most of a rebuild's rendering."""
    templates: CompiledTemplates | None = None
    """The page templates, compiled."""

    @classmethod
    def open(cls, cache: BuildCache) -> RenderMemo:
        """The memo kept in `cache` for this version of the rendering code."""
        return cls(
            CachedTable(cache, fingerprint("round pages", RENDER_CODE), shards=ROUND_PAGE_SHARDS),
            CachedTable(cache, fingerprint("distinct quotations", RENDER_CODE)),
            CachedTable(
                cache, fingerprint("speaker quotes", RENDER_CODE), shards=SPEAKER_QUOTE_SHARDS
            ),
            CachedTable(cache, fingerprint("article rows", RENDER_CODE), shards=ARTICLE_ROW_SHARDS),
            CompiledTemplates(cache, RENDER_CODE),
        )

    def save(self) -> None:
        """Keep what this build used for the next one."""
        self.round_pages.save()
        self.quote_sets.save()
        self.speaker_quotes.save()
        self.article_rows.save()
