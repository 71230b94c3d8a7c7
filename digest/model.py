"""The typed records every pipeline stage passes along.

Stages are pure functions over these dataclasses: `load` makes `Content`, `clean` makes
`CleanResult`, `extract` makes `Extraction`, `assign` and `dedupe` decide where each article
goes, `summarize` makes `RoundDigest`, and `render` turns digests into pages.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import pickle
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content folder, located as precisely as we can."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


class DigestError(Exception):
    """The project's own error: carries every problem found, never just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Role:
    """A title a person held, from `start` to `end` (either open when unknown or ongoing)."""

    title: str
    start: date | None = None
    end: date | None = None

    def covers(self, day: date) -> bool:
        """Whether the role was held on `day`."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Person:
    """A negotiator, spokesperson or leader from people.yml."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    side: str | None = None
    roles: tuple[Role, ...] = ()

    def role_on(self, day: date | None) -> str | None:
        """The title held on `day` (the latest-starting one if several overlap)."""
        if day is None:
            return None
        held = [r for r in self.roles if r.covers(day)]
        if not held:
            return None
        return max(held, key=lambda r: r.start or date.min).title

    @property
    def names(self) -> tuple[str, ...]:
        """The full name first, then every alias."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Topic:
    """An issue on the table, recognised by its keywords."""

    id: str
    title: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Round:
    """One negotiation round from rounds.yml."""

    id: str
    start: date
    end: date
    location: str
    title: str = ""
    kind: str = ""
    delegations: dict[str, tuple[str, ...]] = field(default_factory=dict)
    outcome: str = ""
    summary: str = ""

    @property
    def display_title(self) -> str:
        """The title, or one made from place and dates when rounds.yml gives none."""
        return self.title or f"{self.location}, {self.start:%B %Y}"


@dataclass(frozen=True)
class TariffAction:
    """One tariff action from tariffs.yml, drawn on the tariff chart."""

    date: date
    side: str
    rate: float
    goods_value_bn: float | None
    list_name: str
    source: str
    note: str = ""


@dataclass(frozen=True)
class Article:
    """One article file with its metadata, as loaded (text not yet cleaned)."""

    id: str
    path: str
    text: str
    format: str
    title: str = ""
    outlet: str = ""
    url: str = ""
    published: date | None = None
    round: str | None = None
    publish_text: bool = False

    @functools.cached_property
    def text_digest(self) -> str:
        """The SHA-256 of `text`, computed once per article: cache keys name the text by it.
        The loader remembers articles with it, so a rebuild hashes changed files only (30,000
        texts are 150 MB). Not a field: an article made by `dataclasses.replace` computes its
        own."""
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()

    def without_text(self) -> Article:
        """This article with its raw text dropped (its text hash kept): nothing after the
        per-article stages reads the raw text — pages show the cleaned text — and 30,000
        raw texts held to the end of a build are 150 MB."""
        digest = self.text_digest
        # Filled in as unpickling does: `dataclasses.replace` runs `__init__`, 16 µs an
        # article, half a second of every 30,000-article build.
        stripped = Article.__new__(Article)
        stripped.__dict__.update(self.__dict__, text="", text_digest=digest)
        return stripped

    def __reduce__(self) -> tuple[object, ...]:
        """Pickled with its text as UTF-8 bytes: pickling a str that is not pure ASCII keeps
        a UTF-8 copy of it inside the str for as long as it lives (CPython caches it), and
        the build pickles every article it loads into the loader's memo — 2 KB an article
        held twice, 60 MB at 30,000 articles."""
        state = dict(self.__dict__, text="")  # the text's place kept: fields in their order
        return _unpickled_article, (state, self.text.encode("utf-8", "surrogatepass"))


def _unpickled_article(state: dict[str, object], text: bytes) -> Article:
    """An article pickled by `Article.__reduce__` (its remembered text hash kept): filled in
    as the default unpickling does, without running `__init__` again."""
    article = Article.__new__(Article)
    article.__dict__.update(state, text=text.decode("utf-8", "surrogatepass"))
    return article


@dataclass(frozen=True)
class Content:
    """Everything the content folder holds, validated."""

    root: Path
    rounds: tuple[Round, ...]
    people: tuple[Person, ...]
    topics: tuple[Topic, ...]
    articles: tuple[Article, ...]
    tariffs: tuple[TariffAction, ...] = ()
    outlet_hints: dict[str, tuple[str, ...]] = field(default_factory=dict)
    institutions: tuple[Institution, ...] = ()
    hidden_files: tuple[str, ...] = ()
    """Names under articles/ starting with '.' (editor swap files, .DS_Store), not read."""


# Removal, Quote, Figure and DateMention are named tuples, not dataclasses: a rebuild reads
# some 200,000 of them from the cache for 10,000 articles, and tuples unpickle several times
# faster.


class Removal(NamedTuple):
    """A line or span the cleaner removed, and why."""

    text: str
    reason: str


@dataclass(frozen=True)
class CleanResult:
    """The article's own prose (paragraphs split by one blank line) and what was removed."""

    text: str
    removed: tuple[Removal, ...] = ()


class Quote(NamedTuple):
    """A direct quotation, its inner text exactly as in the article."""

    text: str
    speaker: str | None
    sentence: str = ""


class Figure(NamedTuple):
    """A number on the table: a tariff rate, an amount of money, a percentage."""

    text: str
    kind: str
    value: float | None
    sentence: str = ""


class DateMention(NamedTuple):
    """A date the article mentions, resolved to a calendar day."""

    text: str
    date: date


@dataclass(frozen=True)
class Extraction:
    """What one cleaned article says: quotations, people, figures, dates, topics."""

    quotes: tuple[Quote, ...] = ()
    people: tuple[str, ...] = ()
    figures: tuple[Figure, ...] = ()
    dates: tuple[DateMention, ...] = ()
    topics: tuple[str, ...] = ()
    places: tuple[str, ...] = ()


_BODY = ("clean", "extraction")
"""The fields of a processed article that a cache record keeps pickled until first read."""


@dataclass(frozen=True)
class ProcessedArticle:
    """An article after the per-article stages: cleaned and extracted.

    One read back from the build cache (`with_stored_body`) keeps its cleaned text and
    extraction pickled until something reads them: a rebuild reads those of the few articles
    it compares, assigns, summarizes or renders anew, not the whole archive's (unpickling
    every one took 2 s at 30,000 articles). The few facts read of every article (`words`,
    `speakers`, `text_length`, `text_key`) come with the record instead.
    """

    article: Article
    clean: CleanResult
    extraction: Extraction
    signature: bytes = b""
    """MinHash signature of the cleaned text, for near-duplicate search (dedupe.signature)."""
    shingle_count: int = 0
    """How many word shingles the cleaned text has (the size the deduplicator weighs)."""
    published: date | None = None
    """The publication day: from the metadata, else as the page shows it."""
    published_from: str = ""
    """Where `published` came from: "metadata", "page timestamp", "dateline", "url", …"""
    key: str = ""
    """Fingerprint of everything this result depends on (its cache key)."""
    title: str = ""
    """The headline: the metadata's, else the one the page itself carries, else ""."""
    title_from: str = ""
    """Where `title` came from: "metadata", "page" (the page's own header), or ""."""
    outlet: str = ""
    """The outlet: the metadata's, else the site name an HTML page declares or the masthead
    line of a text scrape naming an outlet the content folder knows, else ""."""

    @functools.cached_property
    def shown(self) -> Article:
        """The article as pages show it: its found headline and outlet filled in."""
        if self.title in ("", self.article.title) and self.outlet in ("", self.article.outlet):
            return self.article  # nothing to fill in: no copy of every article
        return dataclasses.replace(
            self.article,
            title=self.title or self.article.title,
            outlet=self.outlet or self.article.outlet,
        )

    @property
    def dated(self) -> bool:
        """Whether the publication day is known to the day (not guessed from a link)."""
        return self.published is not None and self.published_from not in ("url", "file name")

    @functools.cached_property
    def words(self) -> int:
        """How many words the cleaned text has."""
        return len(self.clean.text.split())

    @functools.cached_property
    def text_length(self) -> int:
        """How many characters the cleaned text has."""
        return len(self.clean.text)

    @functools.cached_property
    def text_key(self) -> str:
        """A hash of the cleaned text: what copies are told by, whatever else changed."""
        return hashlib.sha256(self.clean.text.encode("utf-8", "surrogatepass")).hexdigest()

    @functools.cached_property
    def speakers(self) -> tuple[str, ...]:
        """The speakers the article's quotations are credited to, sorted, each once."""
        return tuple(sorted({q.speaker for q in self.extraction.quotes if q.speaker}))

    def stored_body(self) -> bytes:
        """The cleaned text and extraction pickled, for `with_stored_body`."""
        return pickle.dumps((self.clean, self.extraction), protocol=pickle.HIGHEST_PROTOCOL)

    def read_once(self) -> dict[str, object]:
        """The facts `with_stored_body` takes besides the body: read of every article by each
        build, so kept where reading them does not unpickle the body."""
        return {
            "words": self.words,
            "text_length": self.text_length,
            "text_key": self.text_key,
            "speakers": self.speakers,
        }

    @classmethod
    def with_stored_body(
        cls, body: bytes, read_once: dict[str, object], **fields: Any
    ) -> ProcessedArticle:
        """A processed article whose `clean` and `extraction` are `body` (`stored_body`),
        unpickled when first read; `fields` are the other fields, `read_once` what
        `read_once` gave."""
        item = cls.__new__(cls)
        values = dict(_STORED_DEFAULTS)
        values.update(fields)
        values.update(read_once)
        values["_stored_body"] = body
        item.__dict__.update(values)
        return item

    if not TYPE_CHECKING:  # hidden from mypy, which would otherwise accept any attribute name

        def __getattr__(self, name: str) -> Any:
            # Reached only for an attribute not set: the body of an article read back from
            # the cache, before its first read.
            stored = self.__dict__.get("_stored_body")
            if stored is None or name not in _BODY:
                raise AttributeError(name)
            clean, extraction = pickle.loads(stored)
            self.__dict__.update(clean=clean, extraction=extraction)
            del self.__dict__["_stored_body"]
            return self.__dict__[name]


_STORED_DEFAULTS = {
    f.name: f.default
    for f in dataclasses.fields(ProcessedArticle)
    if f.default is not dataclasses.MISSING
}
"""The defaults `ProcessedArticle.with_stored_body` starts from."""


@dataclass(frozen=True)
class Candidacy:
    """A round an article may report on, how strongly its evidence points there, and why."""

    round: str
    score: float
    evidence: str


@dataclass(frozen=True)
class Assignment:
    """The round an article was put in (or None) and the reasons, for the build report."""

    round: str | None
    reason: str
    candidates: tuple[Candidacy, ...] = ()
    """The best-scoring rounds (at most two), best first: what an editor weighs when the
    article is left unassigned or won by a low margin."""


@dataclass(frozen=True)
class SummarySentence:
    """A sentence chosen for a round's "What happened", with every article that carries it."""

    text: str
    sources: tuple[str, ...]
    day: date | None = None


@dataclass(frozen=True)
class RoundQuote:
    """A quotation shown on a round page: who said it, in what role, when and where."""

    text: str
    speaker: str | None
    role: str | None
    day: date | None
    article: str
    context: str = ""
    """The sentence carrying the quotation, shown instead of it when the quotation is a
    fragment of that sentence (empty when the quotation stands on its own)."""
    side: str | None = None
    """us, china or other: the speaker's side, when people.yml or the speaker's name says."""


@dataclass(frozen=True)
class RoundFigure:
    """A number on the table, with the sentence that gives it and its source."""

    text: str
    kind: str
    sentence: str
    article: str


@dataclass(frozen=True)
class TopicEvidence:
    """A topic that came up in a round: the sentence that shows it and the articles naming it."""

    topic: str
    title: str
    sentence: str
    article: str
    articles: tuple[str, ...]


@dataclass(frozen=True)
class SideStatements:
    """The most substantive statements of each side, US and China, for the side-by-side view."""

    us: tuple[RoundQuote, ...] = ()
    china: tuple[RoundQuote, ...] = ()


@dataclass(frozen=True)
class CoverageItem:
    """One story in a round's coverage list, with the outlets that carried copies of it."""

    article: str
    copies: tuple[str, ...] = ()


@dataclass(frozen=True)
class RoundDigest:
    """Everything a round page shows."""

    round: Round
    coverage: tuple[CoverageItem, ...]
    summary: tuple[SummarySentence, ...]
    quotes: tuple[RoundQuote, ...]
    figures: tuple[RoundFigure, ...]
    topics: tuple[TopicEvidence, ...]
    people: tuple[str, ...]
    outcome: SummarySentence | None = None
    """How the round ended, as coverage published after it says (None without such coverage)."""
    next: SummarySentence | None = None
    """The next meeting, deadline or step the coverage announces, if any."""
    statements: SideStatements = field(default_factory=lambda: SideStatements())
    """What each side's officials or institutions said."""

    @property
    def article_ids(self) -> tuple[str, ...]:
        """Every article of the round, originals and copies."""
        return tuple(i for item in self.coverage for i in (item.article, *item.copies))


@dataclass(frozen=True)
class Review:
    """An article whose round an editor should settle, with the candidates and the evidence."""

    article: str
    assignment: Assignment
    settle: str
    """The front-matter line that settles it (naming the best candidate)."""
    problem: Problem
    """The warning that lists it (printed by `digest check` and `digest build`)."""


@dataclass(frozen=True)
class SiteData:
    """Everything the render stage turns into pages, JSON and the build report."""

    content: Content
    articles: tuple[ProcessedArticle, ...]
    assignments: dict[str, Assignment]
    duplicates: dict[str, str]
    digests: tuple[RoundDigest, ...]
    warnings: tuple[Problem, ...]
    digest_keys: dict[str, str] = field(default_factory=dict)
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


@dataclass(frozen=True)
class Institution:
    """A body that issues statements (a ministry, an office, a news agency) from
    institutions.yml: quotations credited to any of its names are grouped under `name`."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    side: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name first, then every alias."""
        return (self.name, *self.aliases)
