"""The pipeline wired together: content → cleaned, extracted articles → rounds → digests.

Each stage lives in its own module; this one only calls them in order and gathers what the
pages, the JSON API and the build report need. The only I/O here goes through the build cache
the caller passes in (results remembered between builds); nothing else is read or written.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

from digest.assign import RoundIndex
from digest.cache import BuildCache, CachedTable, code_fingerprint, fingerprint
from digest.dedupe import Candidate, copies_of, find_duplicates
from digest.model import (
    Assignment,
    Content,
    Person,
    Problem,
    ProcessedArticle,
    Round,
    RoundDigest,
    Topic,
)
from digest.process import exit_with_parent, process_articles
from digest.runtime import timed
from digest.summarize import summarize_round

ASSIGN_CODE = code_fingerprint("digest.assign")
"""The code that assigns an article to a round: remembered assignments are reused while it
is unchanged."""
DEDUPE_CODE = code_fingerprint("digest.dedupe")
"""The code that compares two articles: remembered pairs are reused while it is unchanged."""
SUMMARY_CODE = code_fingerprint("digest.summarize")
"""The code that summarizes a round: remembered digests are reused while it is unchanged."""


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
    table = CachedTable(cache, fingerprint("checked pairs", DEDUPE_CODE))
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
        "assign", ASSIGN_CODE, content.rounds, content.people, content.tariffs
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
    people_and_topics = fingerprint("summary", SUMMARY_CODE, content.people, content.topics)
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
    with ProcessPoolExecutor(max_workers=workers, initializer=exit_with_parent) as pool:
        return list(pool.map(work, jobs, chunksize=max(1, len(jobs) // (workers * 4))))


def _summarize_all(jobs: Sequence[_SummaryJob]) -> list[RoundDigest]:
    return _in_parallel(_SummaryJob.run, jobs, articles=sum(len(j.items) for j in jobs))


MIN_CLEAN_WORDS = 8
"""A cleaned article shorter than this is no article (the shortest wire brief runs to some
forty words): the file held something else, or the text was lost on the way."""


def _warnings(
    processed: Sequence[ProcessedArticle],
    assignments: dict[str, Assignment],
    duplicates: dict[str, str],
    content: Content,
) -> list[Problem]:
    """What an editor should look at: articles with (almost) no text left, unassigned
    articles, suspected copies (shown once), and speakers not in people.yml."""
    known = {name for person in content.people for name in person.names}
    found = []
    root = str(content.root)
    for item in processed:
        path = os.path.join(root, item.article.path)
        words = len(item.clean.text.split())
        if words < MIN_CLEAN_WORDS:
            found.append(
                Problem(
                    path,
                    None,
                    f"almost no text left after cleaning ({words} words): check that the file "
                    "holds the article (a page of links, a scrape that failed, markup nested "
                    "too deep to read)",
                )
            )
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


def run(
    content: Content, cache: BuildCache | None = None, timings: dict[str, float] | None = None
) -> SiteData:
    """The whole pipeline after loading: per-article stages, then assembly."""
    processed = process_articles(content, cache, timings)
    with timed(timings, "assign + dedupe + summarise"):
        return assemble(content, processed, cache)
