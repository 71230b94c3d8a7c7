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

from digest.assign import MIN_MARGIN, RoundIndex
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
from digest.process import process_articles
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
    review: tuple[Review, ...] = ()
    """Articles an editor should settle: unassigned, or assigned by a low margin (their
    warnings are among `warnings` too)."""

    def article(self, article_id: str) -> ProcessedArticle:
        """The processed article with this id."""
        return self._by_id[article_id]

    @functools.cached_property
    def _by_id(self) -> dict[str, ProcessedArticle]:
        return {item.article.id: item for item in self.articles}


REVIEW_MARGIN = 2 * MIN_MARGIN
"""An article won by less than this over the runner-up is listed for review though assigned:
within twice the margin that decides, one clue more or less would have changed the round."""


@dataclass(frozen=True)
class Review:
    """An article whose round an editor should settle, with the candidates and the evidence."""

    article: str
    assignment: Assignment
    settle: str
    """The front-matter line that settles it (naming the best candidate)."""
    problem: Problem
    """The warning that lists it (printed by `digest check` and `digest build`)."""


def _needs_review(assignment: Assignment) -> bool:
    """Unassigned, or won by a low margin (an article assigned by its metadata or as a copy
    carries no candidates, so is never listed)."""
    if assignment.round is None:
        return True
    found = assignment.candidates
    return len(found) > 1 and found[0].score - found[1].score < REVIEW_MARGIN


def _review(path: str, article_id: str, assignment: Assignment) -> Review:
    """The review entry of an article: its state, its two best candidates, how to settle."""
    best = assignment.round or (
        assignment.candidates[0].round if assignment.candidates else "ROUND-ID"
    )
    settle = f"round: {best}"
    state = (
        f"assigned to no round: {assignment.reason}"
        if assignment.round is None
        else f"assigned to {assignment.round} by a low margin"
    )
    candidates = " | ".join(
        f"{c.round} (score {c.score:g}: {c.evidence})" for c in assignment.candidates
    )
    message = (
        f"{state}; candidates: {candidates or 'none'}; settle it with "
        f"'{settle}' (or the right round's id) in its front matter"
    )
    return Review(article_id, assignment, settle, Problem(path, None, message))


def _originals_first(items: Sequence[ProcessedArticle]) -> list[Candidate]:
    return [
        Candidate(
            i.article.id,
            i.clean.text,
            (i.published is None, i.published, -len(i.clean.text)),
            i.signature,
            i.key,
            i.shingle_count,
            i.published if i.dated else None,
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
    _copies_follow(assignments, duplicates, processed, index)
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
    root = str(content.root)
    review = tuple(
        _review(os.path.join(root, item.article.path), item.article.id, assignment)
        for item in processed
        if _needs_review(assignment := assignments[item.article.id])
    )
    return SiteData(
        content,
        tuple(processed),
        assignments,
        duplicates,
        digests,
        tuple(_warnings(processed, duplicates, content)) + tuple(r.problem for r in review),
        {round_id: key for round_id, key in keys.items() if key},
        review,
    )


def _copies_follow(
    assignments: dict[str, Assignment],
    duplicates: dict[str, str],
    processed: Sequence[ProcessedArticle],
    index: RoundIndex,
) -> None:
    """One story, one round. The firmest evidence among a story's copies decides it: a round
    named in metadata, else the rounds of its dated copies, else those of its undated ones.
    Every other copy follows — unless its metadata names its own round or its own date rules
    the story's round out. When undated copies alone decide and point to different rounds,
    the story goes to none of them (listed for review) rather than to a guess."""
    items = {item.article.id: item for item in processed}
    for original, copies in copies_of(duplicates).items():
        story = [original, *copies]
        explicit = [m for m in story if items[m].article.round is not None]
        assigned = [m for m in story if m not in explicit and assignments[m].round]
        dated = [m for m in assigned if items[m].dated]
        deciding = explicit or dated or assigned
        rounds = sorted({r for m in deciding if (r := assignments[m].round)})
        if len(rounds) > 1 and not (explicit or dated):
            for member in assigned:
                assignments[member] = dataclasses.replace(
                    assignments[member],
                    round=None,
                    reason="copies of one story point to different rounds: " + ", ".join(rounds),
                )
        if len(rounds) != 1:
            continue
        source = deciding[0]
        for member in story:
            if member in deciding or member in explicit:
                continue
            if index.allows(rounds[0], items[member]):
                assignments[member] = dataclasses.replace(
                    assignments[member],
                    round=rounds[0],
                    reason=f"copy of {source}: follows its round",
                    candidates=(),
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
    processed: Sequence[ProcessedArticle], duplicates: dict[str, str], content: Content
) -> list[Problem]:
    """What an editor should look at besides the rounds to settle (`Review`): suspected
    copies (shown once) and speakers not in people.yml."""
    known = {name for person in content.people for name in person.names}
    found = []
    root = str(content.root)
    for item in processed:
        path = os.path.join(root, item.article.path)
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
