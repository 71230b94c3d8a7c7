"""The pipeline wired together: content → cleaned, extracted articles → rounds → digests.

Each stage lives in its own module; this one only calls them in order and gathers what the
pages, the JSON API and the build report need. The only I/O here goes through the build cache
the caller passes in (results remembered between builds); nothing else is read or written.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import os
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

from digest import assign as assign_module
from digest import clean as clean_module
from digest import clean_rules, model
from digest import dedupe as dedupe_module
from digest import extract as extract_package
from digest import summarize as summarize_module
from digest import text as text_module
from digest.assign import RoundIndex
from digest.cache import CACHE_FORMAT, BuildCache, CachedTable, code_fingerprint, fingerprint
from digest.clean import CLEANER_VERSION, OutletTemplate, clean_text, html_to_text, learn_templates
from digest.dedupe import (
    Candidate,
    copies_of,
    find_duplicates,
    shingle_count,
    signature,
)
from digest.extract import EXTRACTOR_VERSION, dates, extract, figures, mentions, published, quotes
from digest.extract.published import page_date
from digest.model import (
    Article,
    Assignment,
    CleanResult,
    Content,
    Person,
    Problem,
    ProcessedArticle,
    Round,
    RoundDigest,
    Topic,
)
from digest.summarize import summarize_round

T = TypeVar("T")

PER_ARTICLE_CODE = code_fingerprint(
    model,
    clean_module,
    clean_rules,
    extract_package,
    dates,
    figures,
    mentions,
    quotes,
    published,
    dedupe_module,
)
ASSEMBLY_CODE = code_fingerprint(model, assign_module, summarize_module, text_module)


@dataclass(frozen=True)
class SiteData:
    """Everything the render stage turns into pages, JSON and the build report."""

    content: Content
    articles: tuple[ProcessedArticle, ...]
    assignments: dict[str, Assignment]
    duplicates: dict[str, str]
    digests: tuple[RoundDigest, ...]
    warnings: tuple[Problem, ...]
    digest_keys: dict[str, str] = dataclasses.field(default_factory=dict)
    """Each round digest's cache key (what it was made from), when it was cached."""

    def article(self, article_id: str) -> ProcessedArticle:
        """The processed article with this id."""
        return self._by_id[article_id]

    @functools.cached_property
    def _by_id(self) -> dict[str, ProcessedArticle]:
        return {item.article.id: item for item in self.articles}


def source_text(article: Article) -> str:
    """The article's text as the cleaner reads it (HTML pages are extracted first)."""
    return html_to_text(article.text) if article.format == "html" else article.text


def clean_article(article: Article, template: OutletTemplate | None = None) -> CleanResult:
    """The article's own prose: HTML through trafilatura and the HTML rules, text as it is."""
    source = "html" if article.format == "html" else "text"
    return clean_text(source_text(article), title=article.title, template=template, source=source)


def remembered(cache: BuildCache | None, key: str, compute: Callable[[], T]) -> T:
    """`compute()`, or its result from the cache when `key` was computed before."""
    if cache is None:
        return compute()
    stored = cache.get(key, counted=False)
    if stored is not None:
        return stored
    value = compute()
    cache.put(key, value)
    return value


def outlet_templates(
    content: Content, cache: BuildCache | None = None
) -> dict[str, OutletTemplate]:
    """Boilerplate learned per outlet from all its articles, plus outlets.yml hints."""
    articles: dict[str, list[Article]] = defaultdict(list)
    for article in content.articles:
        if article.outlet:
            articles[article.outlet].append(article)
    templates = {}
    for outlet in sorted(articles):
        hints = {outlet: content.outlet_hints[outlet]} if outlet in content.outlet_hints else {}
        # Keyed on the raw files: HTML is extracted (slow) only when the template is relearned.
        key = fingerprint(
            "template",
            PER_ARTICLE_CODE,
            CLEANER_VERSION,
            outlet,
            [(a.format, a.text) for a in articles[outlet]],
            hints,
        )
        learned = remembered(
            cache,
            key,
            lambda o=outlet, h=hints: learn_templates(
                {o: [source_text(a) for a in articles[o]]}, h
            ),
        )
        templates.update(learned)
    for outlet, phrases in content.outlet_hints.items():
        if outlet not in templates:
            templates.update(learn_templates({}, {outlet: phrases}))
    return templates


def process_article(
    article: Article,
    template: OutletTemplate | None,
    people: Sequence[Person],
    topics: Sequence[Topic],
    timings: dict[str, float] | None = None,
) -> ProcessedArticle:
    """Clean, extract and fingerprint one article: the per-article stages."""
    started = time.perf_counter()
    cleaned = clean_article(article, template)
    cleaned_at = time.perf_counter()
    published, published_from = article.published, "metadata"
    if published is None:
        published, published_from = page_date(
            cleaned.removed, cleaned.text, article.url, article.path
        )
    extraction = extract(cleaned.text, published=published, people=people, topics=topics)
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
    )


PARALLEL_MIN = 200
"""Below this many articles to process, worker start-up costs more than it saves."""


@dataclass(frozen=True)
class _Shared:
    """What every article needs besides itself; sent to each worker process once."""

    templates: dict[str, OutletTemplate]
    people: Sequence[Person]
    topics: Sequence[Topic]

    def process(self, article: Article, key: str, timings: dict[str, float]) -> ProcessedArticle:
        """Process one article; its result carries `key`, its cache key."""
        item = process_article(
            article, self.templates.get(article.outlet), self.people, self.topics, timings
        )
        return dataclasses.replace(item, key=key)


def _cache_record(item: ProcessedArticle) -> tuple[object, ...]:
    """What the cache keeps of a processed article (the article itself is read anew)."""
    return (
        item.clean,
        item.extraction,
        item.signature,
        item.shingle_count,
        item.published,
        item.published_from,
    )


_worker_shared: list[_Shared] = []


def _init_worker(shared: _Shared) -> None:
    _worker_shared[:] = [shared]


def _process_chunk(
    jobs: Sequence[tuple[Article, str]],
) -> tuple[list[ProcessedArticle], dict[str, float]]:
    timings: dict[str, float] = {}
    return [_worker_shared[0].process(a, key, timings) for a, key in jobs], timings


def template_fingerprint(template: OutletTemplate | None) -> str:
    """A hash of an outlet's learned template, shared by the keys of its articles."""
    if template is None:
        return ""
    return fingerprint(sorted(template.lines), list(template.phrases))


def article_key(article: Article, template: str, reference: str) -> str:
    """The cache key of an article's per-article results: everything they depend on
    (`template` is its outlet's `template_fingerprint`)."""
    return fingerprint(
        reference,
        article.text,
        article.title,
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
    workers: int | None = None,
) -> list[ProcessedArticle]:
    """Run the per-article stages over every article, reusing cached results.

    Articles not in the cache are processed on all cores when there are many of them.
    """
    timings = {} if timings is None else timings
    with timed(timings, "learn outlet templates"):
        templates = outlet_templates(content, cache)
    reference = fingerprint(
        CACHE_FORMAT,
        CLEANER_VERSION,
        EXTRACTOR_VERSION,
        PER_ARTICLE_CODE,
        content.people,
        content.topics,
    )
    results: dict[str, ProcessedArticle] = {}
    missing: list[tuple[Article, str]] = []
    with timed(timings, "cache lookups"):
        # One table for all articles: read in one go, rewritten only when an article changed.
        table = CachedTable(cache, fingerprint("processed articles", reference), shards=64)
        outlet_keys = {outlet: template_fingerprint(t) for outlet, t in templates.items()}
        for article in content.articles:
            key = article_key(article, outlet_keys.get(article.outlet, ""), reference)
            stored = table.get(key)
            if stored is None:
                missing.append((article, key))
            else:
                results[article.id] = ProcessedArticle(article, *stored, key=key)
        if cache is not None:
            cache.count(hits=len(results), misses=len(missing))
    shared = _Shared(templates, content.people, content.topics)
    with timed(timings, "per-article stages"):
        for item in _process_all(missing, shared, timings, workers):
            results[item.article.id] = item
            table.put(item.key, _cache_record(item))
        table.save()
    return [results[a.id] for a in content.articles]


def _process_all(
    jobs: Sequence[tuple[Article, str]],
    shared: _Shared,
    timings: dict[str, float],
    workers: int | None,
) -> list[ProcessedArticle]:
    """Each (article, cache key) processed, on all cores when there are many."""
    workers = workers or os.cpu_count() or 1
    if workers < 2 or len(jobs) < PARALLEL_MIN:
        return [shared.process(article, key, timings) for article, key in jobs]
    size = max(1, len(jobs) // (workers * 4))
    chunks = [jobs[i : i + size] for i in range(0, len(jobs), size)]
    processed: list[ProcessedArticle] = []
    with ProcessPoolExecutor(
        max_workers=workers,
        initializer=_init_worker,
        initargs=(shared,),
    ) as pool:
        for results, chunk_timings in pool.map(_process_chunk, chunks):
            processed.extend(results)
            for stage, seconds in chunk_timings.items():
                timings[stage] = timings.get(stage, 0.0) + seconds
    return processed


def _originals_first(items: Sequence[ProcessedArticle]) -> list[Candidate]:
    return [
        Candidate(
            i.article.id,
            i.clean.text,
            (i.published is None, i.published, -len(i.clean.text)),
            i.signature,
            i.key,
            i.shingle_count,
        )
        for i in items
    ]


def _find_duplicates(
    processed: Sequence[ProcessedArticle], cache: BuildCache | None
) -> dict[str, str]:
    """`find_duplicates`, remembering the pairs it compared so a rebuild compares new ones only."""
    table = CachedTable(cache, fingerprint("checked pairs", PER_ARTICLE_CODE))
    duplicates = find_duplicates(_originals_first(processed), memo=table)
    table.save()
    return duplicates


def assemble(
    content: Content, processed: Sequence[ProcessedArticle], cache: BuildCache | None = None
) -> SiteData:
    """Assign rounds, find copies, and summarize every round.

    With a cache, assignments and round digests whose inputs did not change are reused.
    """
    duplicates = _find_duplicates(processed, cache)
    index = RoundIndex(content.rounds, content.people, content.tariffs)
    rounds_and_people = fingerprint(
        "assign", ASSEMBLY_CODE, content.rounds, content.people, content.tariffs
    )
    table = CachedTable(cache, rounds_and_people)
    assigned: dict[str, Assignment] = {}
    unknown = []
    for item in processed:
        stored = table.get((item.key, item.article.round)) if item.key else None
        if stored is None:
            unknown.append(item)
        else:
            assigned[item.article.id] = stored
    for item, assignment in zip(unknown, _in_parallel(index.assign, unknown), strict=True):
        assigned[item.article.id] = assignment
        if item.key:
            table.put((item.key, item.article.round), assignment)
    table.save()
    assignments = {item.article.id: assigned[item.article.id] for item in processed}
    # A copy follows its original: one story, one round (unless the copy names its own round).
    articles = {item.article.id: item.article for item in processed}
    for copy, original in duplicates.items():
        if articles[copy].round is None:
            assignments[copy] = Assignment(
                assignments[original].round, f"copy of {original}: follows its round"
            )
    copies = copies_of(duplicates)
    members: dict[str, list[ProcessedArticle]] = defaultdict(list)
    for item in processed:
        round_id = assignments[item.article.id].round
        if round_id is not None and item.article.id not in duplicates:
            members[round_id].append(item)
    for items in members.values():
        items.sort(key=lambda i: (i.published is None, i.published, i.article.id))
    people_and_topics = fingerprint("summary", ASSEMBLY_CODE, content.people, content.topics)
    jobs: list[_SummaryJob] = []
    keys: dict[str, str | None] = {}
    found: dict[str, RoundDigest] = {}
    for round_ in content.rounds:
        items = members.get(round_.id, [])
        own_copies = {i.article.id: copies[i.article.id] for i in items if i.article.id in copies}
        usable = cache is not None and all(i.key for i in items)
        key = (
            fingerprint(
                people_and_topics,
                round_,
                [(i.key, i.article.id, own_copies.get(i.article.id)) for i in items],
            )
            if usable
            else None
        )
        keys[round_.id] = key
        stored = cache.get(key, counted=False) if cache is not None and key else None
        if stored is not None:
            found[round_.id] = stored
        else:
            jobs.append(_SummaryJob(round_, items, own_copies, content.people, content.topics))
    for digest in _summarize_all(jobs):
        found[digest.round.id] = digest
        key = keys[digest.round.id]
        if cache is not None and key:
            cache.put(key, digest)
    digests = tuple(found[r.id] for r in content.rounds)
    return SiteData(
        content,
        tuple(processed),
        assignments,
        duplicates,
        digests,
        tuple(_warnings(processed, assignments, duplicates, content)),
        {round_id: key for round_id, key in keys.items() if key},
    )


@dataclass(frozen=True)
class _SummaryJob:
    """One round to summarize, with only the data it needs (sent to a worker as is)."""

    round: Round
    items: Sequence[ProcessedArticle]
    copies: dict[str, list[str]]
    people: Sequence[Person]
    topics: Sequence[Topic]

    def run(self) -> RoundDigest:
        return summarize_round(self.round, self.items, self.copies, self.people, self.topics)


PARALLEL_ARTICLES = 2000
"""Assembly work (assignments, round summaries) goes to all cores when it covers at least this
many articles: below that, starting workers and sending them the articles costs more."""

J = TypeVar("J")
R = TypeVar("R")


def _in_parallel(work: Callable[[J], R], jobs: Sequence[J], articles: int | None = None) -> list[R]:
    """`work(job)` for each job, in order; on all cores when the jobs cover PARALLEL_ARTICLES
    articles (`articles`, else one per job). `work` must be picklable."""
    workers = os.cpu_count() or 1
    if workers < 2 or (len(jobs) if articles is None else articles) < PARALLEL_ARTICLES:
        return [work(job) for job in jobs]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(work, jobs, chunksize=max(1, len(jobs) // (workers * 4))))


def _summarize_all(jobs: Sequence[_SummaryJob]) -> list[RoundDigest]:
    return _in_parallel(_SummaryJob.run, jobs, articles=sum(len(j.items) for j in jobs))


def _warnings(
    processed: Sequence[ProcessedArticle],
    assignments: dict[str, Assignment],
    duplicates: dict[str, str],
    content: Content,
) -> list[Problem]:
    """What an editor should look at: unassigned articles, suspected copies (shown once), and
    speakers not in people.yml."""
    known = {name for person in content.people for name in person.names}
    found = []
    root = str(content.root)
    for item in processed:
        path = os.path.join(root, item.article.path)
        assignment = assignments[item.article.id]
        if assignment.round is None:
            found.append(Problem(path, None, f"assigned to no round: {assignment.reason}"))
        if item.article.id in duplicates:
            found.append(
                Problem(
                    path,
                    None,
                    f"suspected copy of {duplicates[item.article.id]}: listed once, as "
                    "'also carried by'",
                )
            )
        for speaker in sorted({q.speaker for q in item.extraction.quotes if q.speaker}):
            if speaker not in known and _looks_like_person(speaker):
                found.append(
                    Problem(path, None, f"speaker '{speaker}' is not in people.yml; add them")
                )
    return found


_INSTITUTION = re.compile(
    r"\b(?:ministry|agency|office|house|department|government|council|commission|bureau|"
    r"committee|statement|embassy|administration|news|media|xinhua|reuters|bank|spokes\w*|"
    r"officials?|sources?|representatives?|chamber|association|group|party|state)\b",
    re.IGNORECASE,
)


def _looks_like_person(name: str) -> bool:
    """A capitalised two-to-four-word name that is not an institution."""
    words = name.split()
    return (
        2 <= len(words) <= 4
        and all(w[:1].isupper() for w in words)
        and not _INSTITUTION.search(name)
    )


@contextmanager
def paused_garbage_collection() -> Iterator[None]:
    """Suspend Python's cyclic garbage collector for a build.

    A build makes and reads from the cache millions of small objects that form no cycles;
    the collector's passes over them took most of a cached rebuild's time. Reference counting
    still frees them.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def timed(timings: dict[str, float] | None, stage: str) -> Iterator[None]:
    """Add the wall time of the `with` body to `timings[stage]` (when timings are kept)."""
    started = time.perf_counter()
    try:
        yield
    finally:
        if timings is not None:
            timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - started


def run(
    content: Content, cache: BuildCache | None = None, timings: dict[str, float] | None = None
) -> SiteData:
    """The whole pipeline after loading: per-article stages, then assembly."""
    processed = process_articles(content, cache, timings)
    with timed(timings, "assign + dedupe + summarise"):
        return assemble(content, processed, cache)
