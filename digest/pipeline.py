"""The pipeline wired together: content → cleaned, extracted articles → rounds → digests.

Each stage lives in its own module; this one only calls them in order and gathers what the
pages, the JSON API and the build report need. The only I/O here goes through the build cache
the caller passes in (results remembered between builds); nothing else is read or written.
"""

from __future__ import annotations

import dataclasses
import functools
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from digest.assign import RoundIndex
from digest.cache import BuildCache, CachedTable, code_fingerprint, fingerprint
from digest.dedupe import Candidate, copies_of, find_duplicates
from digest.lsh import BucketPairs
from digest.model import (
    Assignment,
    Content,
    Institution,
    Person,
    ProcessedArticle,
    Round,
    RoundDigest,
    SiteData,
    Topic,
)
from digest.process import PER_ARTICLE_CODE, TextSource, process_articles
from digest.review import editor_warnings, rounds_to_settle
from digest.runtime import PARALLEL_ARTICLES, in_parallel, timed
from digest.standing import lost_word_places
from digest.summarize import summarize_round

ASSIGN_CODE = code_fingerprint("digest.assign")
"""The code that assigns an article to a round: remembered assignments are reused while it
is unchanged."""
DEDUPE_CODE = code_fingerprint("digest.dedupe")
"""The code that compares two articles: remembered pairs are reused while it is unchanged."""
SUMMARY_CODE = code_fingerprint("digest.summarize")
"""The code that summarizes a round: remembered digests are reused while it is unchanged."""


COPIES_CODE = code_fingerprint(__name__)
"""The code that finds copies, with the ranking of a story's copies this module adds: a
remembered answer is reused while it is unchanged."""
WORDS_LOST_CODE = code_fingerprint("digest.standing")
"""The code that counts the places a text lost words with a link: remembered counts are
reused while it is unchanged."""


@functools.total_ordering
class _WordsLost:
    """How many places of a text lost words with a link (`lost_word_places`), counted the
    first time two copies' ranks tie before it: ranks are compared only within a group of
    copies, so a build counts a few texts instead of reading the whole archive. With a
    memo, a count is remembered by the article's cache key (5,000 texts of a 30,000-article
    archive tie, a quarter of a second of every rebuild)."""

    __slots__ = ("_count", "_key", "_memo", "_text")

    def __init__(
        self, text: Callable[[], str], key: str = "", memo: CachedTable | None = None
    ) -> None:
        self._text, self._key, self._memo = text, key, memo
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            if self._memo is not None and self._key:
                self._count = self._memo.value(self._key, lambda: lost_word_places(self._text()))
            else:
                self._count = lost_word_places(self._text())
        return self._count

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _WordsLost) and self.count() == other.count()

    def __lt__(self, other: _WordsLost) -> bool:
        return self.count() < other.count()

    __hash__ = None  # type: ignore[assignment]


def _clean_text(item: ProcessedArticle) -> str:
    return item.clean.text


def _originals_first(
    items: Sequence[ProcessedArticle], words_lost: CachedTable | None = None
) -> list[Candidate]:
    """The articles as copy candidates, ranked for the original of a story: dated first, the
    earliest, then the whole text (fewest words lost with a link: a copy scraped with its
    links' text is the one to quote; counts remembered in `words_lost`), then the longest."""
    candidates = []
    for i in items:
        text = functools.partial(_clean_text, i)  # read when compared, or when ranks tie
        candidates.append(
            Candidate(
                i.article.id,
                text,
                (
                    i.published is None,
                    i.published,
                    _WordsLost(text, i.text_key, words_lost),
                    -i.text_length,
                ),
                i.signature,
                i.text_key,
                i.shingle_count,
                i.published if i.dated else None,
            )
        )
    return candidates


STOCK_SHARDS = 16
"""Shards of the table of what each article holds of the stock-text candidates: an edit
rewrites one (the entries are small; most are empty)."""
PAIR_SHARDS = 16
"""Shards of the table of compared pairs (3 MB at 30,000 articles): an edit rewrites one."""
ASSIGNMENT_SHARDS = 16
"""Shards of the table of assignments (15 MB at 30,000 articles, each with its candidate
rounds and reasons): an edit rewrites one, not the whole table."""


@dataclass(frozen=True)
class _RememberedBuckets:
    """The candidate pairs the last build kept (`dedupe.BucketMemo`), in the build cache."""

    cache: BuildCache

    def get(self) -> BucketPairs | None:
        stored = self.cache.get(_BUCKET_PAIRS, counted=False)
        return stored if isinstance(stored, BucketPairs) else None

    def put(self, pairs: BucketPairs) -> None:
        self.cache.put(_BUCKET_PAIRS, pairs)

    def keep(self) -> None:
        self.cache.keep(_BUCKET_PAIRS)


_BUCKET_PAIRS = fingerprint("candidate pairs by bucket", DEDUPE_CODE)


def _find_duplicates(
    processed: Sequence[ProcessedArticle], cache: BuildCache | None
) -> dict[str, str]:
    """`find_duplicates`, remembering the candidate pairs, the pairs it compared and what each
    article holds of the passages counted for stock text, so a rebuild reads new and edited
    articles only; and remembering its answer, which an edit that changes no article's text
    or day (a headline, a link) leaves as it was."""
    if cache is None:
        return find_duplicates(_originals_first(processed))
    answer = fingerprint(
        "copies",
        COPIES_CODE,
        [(i.article.id, i.text_key, i.published, i.dated) for i in processed],
    )
    remembered = cache.get(answer, counted=False)
    tables = (
        (fingerprint("checked pairs", DEDUPE_CODE), PAIR_SHARDS),
        (fingerprint("stock passages held", DEDUPE_CODE), STOCK_SHARDS),
        (fingerprint("words lost with links", WORDS_LOST_CODE), 1),
    )
    if isinstance(remembered, dict):
        # What the search remembers stays for the next edit that changes a text.
        for key, shards in tables:
            CachedTable.keep(cache, key, shards)
        cache.keep(_BUCKET_PAIRS)
        return remembered
    pairs, stock, words_lost = (CachedTable(cache, key, shards) for key, shards in tables)
    duplicates = find_duplicates(
        _originals_first(processed, words_lost),
        memo=pairs,
        stock_memo=stock,
        buckets=_RememberedBuckets(cache),
    )
    for table in (pairs, stock, words_lost):
        table.save()
    cache.put(answer, duplicates)
    return duplicates


def assemble(
    content: Content, processed: Sequence[ProcessedArticle], cache: BuildCache | None = None
) -> SiteData:
    """Assign rounds, find copies, and summarize every round.

    With a cache, assignments and round digests whose inputs did not change are reused.
    """
    index = RoundIndex(content.rounds, content.people, content.tariffs)
    rounds_and_people = fingerprint(
        "assign", ASSIGN_CODE, content.rounds, content.people, content.tariffs
    )
    table = CachedTable(cache, rounds_and_people, shards=ASSIGNMENT_SHARDS)
    assigned: dict[str, Assignment] = {}
    unknown = []
    for item in processed:
        stored = table.get((item.key, item.article.round)) if item.key else None
        if stored is None:
            unknown.append(item)
        else:
            assigned[item.article.id] = stored
    # Copies are found while the workers assign (the search needs no assignment): on two
    # cores, 10 s of a 30,000-article cold build that were spent after them.
    duplicates: dict[str, str] = {}
    newly_assigned = in_parallel(
        index.assign,
        unknown,
        weight=len(unknown),
        minimum=PARALLEL_ARTICLES,
        meanwhile=lambda: duplicates.update(_find_duplicates(processed, cache)),
    )
    for item, assignment in zip(unknown, newly_assigned, strict=True):
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
    # Every digest reads the rounds before its own (an outcome recalled from one of them is
    # not its outcome): their summaries are part of what it is made from.
    people_and_topics = fingerprint(
        "summary",
        SUMMARY_CODE,
        PER_ARTICLE_CODE,
        content.people,
        content.topics,
        content.institutions,
        [(r.id, r.end, r.summary) for r in content.rounds],
    )
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
                # Each article as a digest reads it: its id, day and cleaned text (what was
                # extracted from it the per-article code makes of the text, the day, people
                # and topics). A new headline or link leaves the digest as it was.
                [
                    (i.article.id, i.text_key, i.published, own_copies.get(i.article.id))
                    for i in items
                ],
            )
            if usable
            else None
        )
        keys[round_.id] = key
        stored = cache.get(key, counted=False) if cache is not None and key else None
        if stored is not None:
            found[round_.id] = stored
        else:
            jobs.append(
                _SummaryJob(
                    round_,
                    items,
                    own_copies,
                    content.people,
                    content.topics,
                    content.institutions,
                    tuple(r for r in content.rounds if r.end < round_.start),
                )
            )
    for digest in _summarize_all(jobs):
        found[digest.round.id] = digest
        key = keys[digest.round.id]
        if cache is not None and key:
            cache.put(key, digest)
    digests = tuple(found[r.id] for r in content.rounds)
    review = rounds_to_settle(processed, assignments, content)
    return SiteData(
        content,
        tuple(processed),
        assignments,
        duplicates,
        digests,
        tuple(editor_warnings(processed, duplicates, content)) + tuple(r.problem for r in review),
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
    institutions: Sequence[Institution] = ()
    """The quoted bodies of institutions.yml: the sides their statements are shown under."""
    earlier: Sequence[Round] = ()
    """The rounds that ended before this one started."""

    def run(self) -> RoundDigest:
        return summarize_round(
            self.round,
            self.items,
            self.copies,
            self.people,
            self.topics,
            self.institutions,
            self.earlier,
        )


def _summarize_all(jobs: Sequence[_SummaryJob]) -> list[RoundDigest]:
    return in_parallel(
        _SummaryJob.run,
        jobs,
        weight=sum(len(j.items) for j in jobs),
        minimum=PARALLEL_ARTICLES,
    )


def run(
    content: Content,
    cache: BuildCache | None = None,
    timings: dict[str, float] | None = None,
    texts: TextSource | None = None,
) -> SiteData:
    """The whole pipeline after loading: per-article stages, then assembly. `texts` gives the
    articles loaded without their texts (remembered by the loader) their texts.

    The site data's articles no longer carry their raw text (`Article.without_text`): the
    caller should let go of the `content` it passed in and use the site data's."""
    processed = process_articles(content, cache, timings, texts)
    content = dataclasses.replace(content, articles=tuple(item.article for item in processed))
    with timed(timings, "assign + dedupe + summarise"):
        return assemble(content, processed, cache)
