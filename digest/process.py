"""The per-article stages run together: each article cleaned, extracted and fingerprinted.

Results are cached per article under a hash of everything they depend on (the article, its
outlet's learned template, people and topics, and the code this module runs), and articles
not in the cache are processed on all cores when there are many.
"""

from __future__ import annotations

import pickle
import time
from collections import defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from digest.cache import (
    CACHE_FORMAT,
    BuildCache,
    CachedTable,
    code_fingerprint,
    fingerprint,
)
from digest.clean import (
    OutletTemplate,
    clean_text,
    fold_homoglyphs,
    html_to_text,
    learn_templates,
)
from digest.dedupe import shingle_count, signature
from digest.extract import extract
from digest.extract.headline import PageHeader, page_header, text_headline
from digest.extract.published import page_date
from digest.model import (
    Article,
    CleanResult,
    Content,
    Institution,
    Person,
    ProcessedArticle,
    Topic,
)
from digest.nesting import shallow_html
from digest.runtime import PARALLEL_ARTICLES, in_parallel, timed

PER_ARTICLE_CODE = code_fingerprint(__name__)
"""The code of the per-article stages (this module and everything it imports): a cached
result is reused only while it is unchanged."""


def source_text(article: Article) -> str:
    """The article's text as the cleaner reads it (HTML pages are extracted first; a page
    nested too deep for the extractor is made shallow and extracted again)."""
    if article.format != "html":
        return article.text
    text = html_to_text(article.text)
    if not text.strip() and (shallow := shallow_html(article.text)) is not None:
        text = html_to_text(shallow)
    return text


def clean_article(
    article: Article, template: OutletTemplate | None = None, title: str | None = None
) -> CleanResult:
    """The article's own prose: HTML through trafilatura and the HTML rules, text as it is.

    `title` is the headline to leave out (default: the metadata's, else, for a text scrape,
    the one its header carries).
    """
    source = "html" if article.format == "html" else "text"
    if title is None:
        title = article.title or (text_headline(article.text) if source == "text" else "")
    return clean_text(source_text(article), title=title, template=template, source=source)


TextSource = Callable[[Sequence[Article]], Sequence[Article]]
"""Gives articles loaded without their texts (remembered by the loader) their texts
(`load.ArticleTexts`)."""


def _with_texts(articles: Sequence[Article], texts: TextSource | None) -> Sequence[Article]:
    if texts is None or all(article.text for article in articles):
        return articles
    return texts(articles)


def outlet_templates(
    content: Content, cache: BuildCache | None = None, texts: TextSource | None = None
) -> dict[str, OutletTemplate]:
    """Boilerplate learned per outlet from all its articles, plus outlets.yml hints; outlets
    not remembered are learned on all cores when they have many articles (their texts from
    `texts` when loaded without)."""
    articles: dict[str, list[Article]] = defaultdict(list)
    for article in content.articles:
        if article.outlet:
            articles[article.outlet].append(article)
    learned: dict[str, dict[str, OutletTemplate]] = {}
    jobs: list[_OutletJob] = []
    for outlet in sorted(articles):
        hints = {outlet: content.outlet_hints[outlet]} if outlet in content.outlet_hints else {}
        # Keyed on the raw files: HTML is extracted (slow) only when the template is relearned.
        key = fingerprint(
            "template",
            PER_ARTICLE_CODE,
            outlet,
            [(a.format, a.text_digest) for a in articles[outlet]],
            hints,
        )
        stored = cache.get(key, counted=False) if cache is not None else None
        if isinstance(stored, dict):
            learned[outlet] = stored
        else:
            jobs.append(_OutletJob(outlet, _with_texts(articles[outlet], texts), hints, key))
    done = in_parallel(
        _OutletJob.learn,
        jobs,
        weight=sum(len(job.articles) for job in jobs),
        minimum=PARALLEL_ARTICLES,
    )
    for job, templates in zip(jobs, done, strict=True):
        learned[job.outlet] = templates
        if cache is not None:
            cache.put(job.key, templates)
    found = {o: t for outlet in sorted(learned) for o, t in learned[outlet].items()}
    for outlet, phrases in content.outlet_hints.items():
        if outlet not in found:
            found.update(learn_templates({}, {outlet: phrases}))
    return found


@dataclass(frozen=True)
class _OutletJob:
    """One outlet whose template is to be learned from its articles (and outlets.yml hints),
    and the cache key it is remembered by."""

    outlet: str
    articles: Sequence[Article]
    hints: Mapping[str, Sequence[str]]
    key: str

    def learn(self) -> dict[str, OutletTemplate]:
        return learn_templates({self.outlet: [source_text(a) for a in self.articles]}, self.hints)


def process_article(
    article: Article,
    template: OutletTemplate | None,
    people: Sequence[Person],
    topics: Sequence[Topic],
    timings: dict[str, float] | None = None,
    institutions: Sequence[Institution] = (),
    outlets: Collection[str] = (),
) -> ProcessedArticle:
    """Clean, extract and fingerprint one article: the per-article stages.

    `outlets` are the outlet names known to the content folder: a text scrape without an
    outlet in its metadata gets the one its masthead line names.
    """
    started = time.perf_counter()
    needs_header = not (article.title and article.outlet and article.published)
    header = (
        page_header(
            article.text,
            article.text if article.format == "html" else None,
            () if article.outlet else outlets,
        )
        if needs_header
        else PageHeader()
    )
    cleaned = clean_article(article, template, title=article.title or header.title)
    cleaned_at = time.perf_counter()
    published, published_from = article.published, "metadata"
    if published is None:
        published, published_from = page_date(
            cleaned.removed, cleaned.text, article.url, article.path
        )
    if published is None and header.published is not None:
        published, published_from = header.published, "page metadata"
    # Extraction reads the text with look-alike letters folded ("Dоnald" with a Cyrillic "о"
    # is Donald Trump); the cleaned text keeps the page's own characters.
    extraction = extract(
        fold_homoglyphs(cleaned.text),
        published=published,
        people=people,
        topics=topics,
        institutions=institutions,
    )
    extracted_at = time.perf_counter()
    fingerprint_ = signature(cleaned.text)
    if timings is not None:
        # CPU seconds summed over workers; the wall time of the stage is recorded separately.
        timings["clean (cpu)"] = timings.get("clean (cpu)", 0.0) + cleaned_at - started
        timings["extract (cpu)"] = timings.get("extract (cpu)", 0.0) + extracted_at - cleaned_at
        timings["dedupe signature (cpu)"] = (
            timings.get("dedupe signature (cpu)", 0.0) + time.perf_counter() - extracted_at
        )
    return ProcessedArticle(
        article,
        cleaned,
        extraction,
        fingerprint_,
        shingle_count(cleaned.text),
        published,
        published_from if published else "",
        title=article.title or header.title,
        title_from="metadata" if article.title else "page" if header.title else "",
        outlet=article.outlet or header.outlet,
    )


PARALLEL_MIN = 200
"""Below this many articles to process, worker start-up costs more than it saves."""


@dataclass(frozen=True)
class _Shared:
    """What every article needs besides itself; sent to each worker process once."""

    templates: dict[str, OutletTemplate]
    people: Sequence[Person]
    topics: Sequence[Topic]
    institutions: Sequence[Institution] = ()
    outlets: frozenset[str] = frozenset()

    def process(self, article: Article, timings: dict[str, float]) -> ProcessedArticle:
        """Process one article."""
        return process_article(
            article,
            self.templates.get(article.outlet),
            self.people,
            self.topics,
            timings,
            self.institutions,
            self.outlets,
        )


def _cache_record(item: ProcessedArticle) -> tuple[object, ...]:
    """What the cache keeps of a processed article (the article itself is read anew): its
    body pickled apart, to be unpickled only when read (`ProcessedArticle.with_stored_body`)."""
    return (
        item.stored_body(),
        item.read_once(),
        item.signature,
        item.shingle_count,
        item.published,
        item.published_from,
        item.title,
        item.title_from,
        item.outlet,
    )


def _restored(article: Article, stored: bytes, key: str) -> ProcessedArticle:
    """A processed article from its pickled cache record (`_cache_record`) and its cache
    key."""
    record: tuple[Any, ...] = pickle.loads(stored)
    body, read_once, signature_, shingles, published, published_from, *header = record
    title, title_from, outlet = header
    return ProcessedArticle.with_stored_body(
        body,
        read_once,
        article=article,
        signature=signature_,
        shingle_count=shingles,
        published=published,
        published_from=published_from,
        key=key,
        title=title,
        title_from=title_from,
        outlet=outlet,
    )


_worker_shared: list[_Shared] = []


def _init_worker(shared: _Shared) -> None:
    _worker_shared[:] = [shared]


def _process(article: Article) -> tuple[bytes, dict[str, float]]:
    """One article processed by the worker's shared data: its pickled cache record
    (`_cache_record`) and its stage times.

    The record goes back pickled, and without the article, which the build holds already:
    the build keeps these bytes in the cache table as they are, so it never pickles the
    record's strings itself (pickling a str that is not pure ASCII leaves a UTF-8 copy of it
    inside the str), and it holds one copy of each article's text, not two."""
    timings: dict[str, float] = {}
    item = _worker_shared[0].process(article, timings)
    return pickle.dumps(_cache_record(item), protocol=pickle.HIGHEST_PROTOCOL), timings


def template_fingerprint(template: OutletTemplate | None) -> str:
    """A hash of an outlet's learned template, shared by the keys of its articles."""
    if template is None:
        return ""
    return fingerprint(sorted(template.lines), list(template.phrases))


def known_outlets(content: Content) -> frozenset[str]:
    """The outlets the content folder names: in articles' metadata and in outlets.yml."""
    return frozenset(a.outlet for a in content.articles if a.outlet) | set(content.outlet_hints)


KEYED_FIELDS = frozenset({"id", "path", "text", "title", "outlet", "format", "published", "url"})
"""The fields of an article its cache key (`article_key`) stands for (the id is made from the
path): with the key, the headline, outlet and day the stages found are known too."""


def article_key(article: Article, template: str, reference: str, outlets: str = "") -> str:
    """The cache key of an article's per-article results: everything they depend on
    (`template` is its outlet's `template_fingerprint`; `outlets` a fingerprint of the known
    outlets, which only an article without an outlet of its own depends on)."""
    return fingerprint(
        "" if article.outlet else outlets,
        reference,
        article.text_digest,
        article.title,
        article.outlet,  # the outlet shown is the metadata's, else the page's
        article.format,
        article.published,
        article.url,
        article.path,
        template,
    )


def process_articles(
    content: Content,
    cache: BuildCache | None = None,
    timings: dict[str, float] | None = None,
    texts: TextSource | None = None,
) -> list[ProcessedArticle]:
    """Run the per-article stages over every article, reusing cached results.

    Articles not in the cache are processed on all cores when there are many of them; those
    loaded without their texts get them from `texts`. The results' articles no longer carry
    their raw text (`Article.without_text`): nothing after these stages reads it.
    """
    timings = {} if timings is None else timings
    with timed(timings, "learn outlet templates"):
        templates = outlet_templates(content, cache, texts)
    reference = fingerprint(
        CACHE_FORMAT,
        PER_ARTICLE_CODE,
        content.people,
        content.topics,
        content.institutions,
    )
    results: dict[str, ProcessedArticle] = {}
    missing: list[tuple[Article, str]] = []
    with timed(timings, "cache lookups"):
        # One table for all articles: read in one go, rewritten only when an article changed.
        table = CachedTable(cache, fingerprint("processed articles", reference), shards=64)
        outlet_keys = {outlet: template_fingerprint(t) for outlet, t in templates.items()}
        outlets = known_outlets(content)
        outlets_key = fingerprint(sorted(outlets))
        for article in content.articles:
            key = article_key(article, outlet_keys.get(article.outlet, ""), reference, outlets_key)
            stored = table.get(key)
            if stored is None:
                missing.append((article, key))
            else:
                results[article.id] = _restored(article.without_text(), stored, key)
        if cache is not None:
            cache.count(hits=len(results), misses=len(missing))
    missing = list(
        zip(_with_texts([a for a, _ in missing], texts), [k for _, k in missing], strict=True)
    )
    shared = _Shared(templates, content.people, content.topics, content.institutions, outlets)
    with timed(timings, "per-article stages"):
        done = in_parallel(
            _process,
            [article for article, _ in missing],
            weight=len(missing),
            minimum=PARALLEL_MIN,
            initializer=_init_worker,
            initargs=(shared,),
        )
        for (article, key), (record, item_timings) in zip(missing, done, strict=True):
            results[article.id] = _restored(article.without_text(), record, key)
            table.put(key, record)
            for stage, seconds in item_timings.items():
                timings[stage] = timings.get(stage, 0.0) + seconds
        table.save()
    return [results[a.id] for a in content.articles]
