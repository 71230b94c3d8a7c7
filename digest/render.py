"""Render stage: `SiteData` in, the site's Markdown pages and data files out (as text).

Page wording lives in `templates/`. Every value a template prints is escaped for Markdown and
HTML unless the code marked it safe (`markupsafe.Markup`), so article text — which may carry
tags, Markdown, footnote or template syntax — always shows literally.
"""

from __future__ import annotations

import functools
import html
import json
import posixpath
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date
from pathlib import Path
from typing import Any, TypeVar, cast
from urllib.parse import urlsplit

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from digest import paths
from digest.cache import CachedTable, fingerprint
from digest.charts import tariff_chart, timeline_chart
from digest.clean_rules import BULLET
from digest.extract.mentions import index_institutions
from digest.lexicon import SIDE_LABELS, SIDES
from digest.model import (
    Article,
    Institution,
    Person,
    Problem,
    ProcessedArticle,
    RoundDigest,
    RoundQuote,
    SiteData,
    SummarySentence,
    Topic,
)
from digest.process import KEYED_FIELDS
from digest.render_memo import RENDER_CODE, TEMPLATES, RenderMemo
from digest.runtime import PARALLEL_ARTICLES, in_parallel
from digest.same_news import SAME_SENTENCE, repeated_at
from digest.standing import quotable_alone
from digest.text import (
    SimilarSets,
    fix_lookalikes,
    paragraphs,
    sentences,
    strip_dateline,
    tokens,
)

T = TypeVar("T")

_MARKDOWN_SYNTAX = re.compile(r"[\\`*_{}\[\]#!|~^=$<>&]")
"""Characters that start Markdown, HTML or extension syntax anywhere in a line."""
_BLOCK_START = re.compile(r"^[-+.:0-9>]")
"""Characters that start a block (list, quote, definition) at the start of a paragraph."""
_SLUG_PATH = re.compile(r"^[a-z0-9]+(?:[-_/][a-z0-9]+)*$")


def md_text(value: object) -> str:
    """Text that Markdown and HTML show literally: syntax characters become entities."""
    flat = " ".join(str(value).split())
    return _MARKDOWN_SYNTAX.sub(lambda m: f"&#{ord(m.group())};", flat)


def md_paragraph(value: object) -> Markup:
    """A paragraph of article text that Markdown shows literally, even at a line's start."""
    text = md_text(value)
    return Markup(_BLOCK_START.sub(lambda m: f"&#{ord(m.group())};", text))


def page_id(value: object) -> Markup:
    """An id used in a link target; ids are validated slugs, anything else is escaped."""
    text = str(value)
    return Markup(text) if _SLUG_PATH.match(text) else Markup(md_text(text))


def page_link(page_of: Callable[[str], str]) -> Callable[[object, str], Markup]:
    """A template filter giving the page of an id (`page_of`, from digest/paths.py) as a link
    from a page in folder `here` ("" for the docs root): `round_id | round_page("topics")` is
    `../rounds/ID.md`."""

    def link(value: object, here: str = "") -> Markup:
        return Markup(posixpath.relpath(page_of(page_id(value)), here or "."))

    return link


def front_matter_value(value: object) -> Markup:
    """A YAML scalar for page front matter (JSON is YAML), with markup and quotes dropped:
    the theme prints titles and descriptions into HTML and attributes unescaped."""
    return Markup(json.dumps(plain_label(value), ensure_ascii=False))


def _finalize(value: object) -> object:
    if isinstance(value, Markup):
        return value
    if isinstance(value, int | float):
        return str(value)
    if value is None:
        return ""
    return md_text(value)


def safe_url(url: str) -> str | None:
    """The URL if it is a plain http(s) link, else None (no javascript:, data: or relative)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url.strip()
    return None


def link(label: str, url: str) -> Markup:
    """An HTML link to an outside page, or just the label when the URL is not safe."""
    target = safe_url(url)
    if target is None:
        return Markup(md_text(label))
    return Markup(
        f'<a href="{html.escape(target, quote=True)}" rel="nofollow noopener">{md_text(label)}</a>'
    )


def long_date(day: date | None) -> Markup:
    """`10 May 2019`; empty for an unknown date."""
    return Markup(f"{day.day} {day:%B %Y}" if day else "")


def date_range(start: date, end: date) -> Markup:
    """`9–10 May 2019`, `30 April – 1 May 2019`, or one day."""
    if start == end:
        return long_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return Markup(f"{start.day}–{end.day} {end:%B %Y}")
    if start.year == end.year:
        return Markup(f"{start.day} {start:%B} – {end.day} {end:%B %Y}")
    return Markup(f"{long_date(start)} – {long_date(end)}")


def _environment(compiled: BytecodeCache | None = None) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        bytecode_cache=compiled,
        autoescape=False,
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        long_date=long_date,
        date_range=date_range,
        link=link,
        front=front_matter_value,
        id=page_id,
        paragraph=md_paragraph,
        round_page=page_link(paths.round_page),
        person_page=page_link(paths.person_page),
        institution_page=page_link(paths.institution_page),
        topic_page=page_link(paths.topic_page),
    )
    env.globals.update(used_sides=used_sides)
    return env


def robots_txt(site_url: str) -> str:
    """`robots.txt`: everything may be crawled; the sitemap named when its address is known
    (the Sitemap line must be an absolute URL, so without `site_url` there is none)."""
    return _environment().get_template("robots.txt.j2").render(site_url=site_url)


def xml_environment() -> Environment:
    """The templates for XML files (feeds): every value escaped for XML."""
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )


@dataclass(frozen=True)
class RenderOptions:
    """Choices from the site configuration that change what is published."""

    site_url: str = ""
    site_name: str = "Trade-Talk Digest"
    publish_text: bool = False
    """Publish every article's full cleaned text (off: pages quote and cite only)."""


def publishes_text(article: Article, options: RenderOptions) -> bool:
    """Whether the article's full cleaned text is published (by the article or the site)."""
    return options.publish_text or article.publish_text


_OPENING_QUOTE = re.compile(r"(?:^|(?<=[\s(\[]))([\"'])")
_TYPOGRAPHIC = str.maketrans({'"': "\u201d", "'": "\u2019"})


def plain_label(value: object) -> str:
    """Text for places the theme prints unescaped (nav, tags, titles, meta attributes):
    whitespace collapsed, markup characters dropped, and straight quotes turned typographic
    (“People’s Republic”), which no HTML attribute or YAML scalar can be closed by."""
    text = " ".join(re.sub(r"[<>&`{}]", "", str(value)).split())
    text = _OPENING_QUOTE.sub(lambda m: "\u201c" if m.group(1) == '"' else "\u2018", text)
    return text.translate(_TYPOGRAPHIC)


class _Pages:
    """Renders each page with the shared context helpers."""

    def __init__(
        self, data: SiteData, options: RenderOptions, memo: RenderMemo | None = None
    ) -> None:
        self.data = data
        self.options = options
        self.memo = memo
        self.env = _environment(memo.templates if memo is not None else None)
        self.people_by_id = {p.id: p for p in data.content.people}
        self.people_by_name = {n: p for p in data.content.people for n in p.names}
        self.articles = shown_articles(data)
        self.quotes_by_speaker: dict[str, list[tuple[date | None, str, Article]]] = defaultdict(
            list
        )
        quoting = [item for item in data.articles if item.article.id not in data.duplicates]
        for item, quotes in zip(quoting, self._speaker_quotes(quoting), strict=True):
            for speaker, text in quotes:
                self.quotes_by_speaker[speaker].append((item.published, text, item.article))
        self.digest_of = {d.round.id: d for d in data.digests}
        self.attended, self.mentioned = attendance(data)
        self.rounds_of_person = rounds_of_people(data)

    def _speaker_quotes(
        self, items: Sequence[ProcessedArticle]
    ) -> list[tuple[tuple[str, str], ...]]:
        """Of each article, the quotations a person page may show: (speaker, text) of each
        credited one that can be shown alone (a fragment, "fair", is the writer's sentence,
        not the person's remark). Remembered by the article's cache key: a rebuild reads the
        quotations of changed articles only."""

        def shown(number: int) -> tuple[tuple[str, str], ...]:
            return tuple(
                (quote.speaker, fix_lookalikes(quote.text))
                for quote in items[number].extraction.quotes
                if quote.speaker and quotable_alone(quote.text)
            )

        return _each_remembered(
            self.memo.speaker_quotes if self.memo is not None else None,
            [item.key or None for item in items],
            shown,
            [1] * len(items),
        )

    def round_of(self, article: Article) -> RoundDigest | None:
        """The digest of the round an article was assigned to (None when none)."""
        assignment = self.data.assignments.get(article.id)
        round_id = assignment.round if assignment else None
        return self.digest_of.get(round_id) if round_id else None

    def render(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(
            options=self.options,
            person_link=self.person_link,
            article=self.articles.get,
            article_link=self.article_link,
            published_on=lambda article_id: self.data.article(article_id).published,
            **context,
        )

    def person_link(self, name: str, day: date | None = None, prefix: str = "../") -> Markup:
        """A person's name linking to their page when people.yml knows them, with their role."""
        person = self.people_by_id.get(name) or self.people_by_name.get(name)
        if person is None:
            return Markup(md_text(name))
        role = person.role_on(day)
        role_text = f" ({md_text(role)})" if role else ""
        page = prefix + paths.person_page(person.id)
        return Markup(f"[{md_text(person.name)}]({page}){role_text}")

    def article_link(self, article: Article) -> Markup:
        """The headline linking to the original, or to our copy when its text is published."""
        headline = coverage_headline(article, self.data.article(article.id).clean.text)
        if publishes_text(article, self.options):
            return Markup(f"[{md_text(headline)}](../{paths.article_page(article.id)})")
        return link(headline, article.url)

    def round_pages(self) -> list[str]:
        """Every round's page, in round order; remembered, and reused while nothing it shows
        has changed."""
        digests = self.data.digests
        return _each_remembered(
            self.memo.round_pages if self.memo is not None else None,
            [self._round_page_key(digest, index) for index, digest in enumerate(digests)],
            lambda index: self._round_page(digests[index], index),
            [len(digest.article_ids) for digest in digests],
        )

    def _round_page_key(self, digest: RoundDigest, index: int) -> str | None:
        """Everything the round's page shows, hashed (None: not to be remembered)."""
        digest_key = self.data.digest_keys.get(digest.round.id)
        if self.memo is None or digest_key is None:
            return None
        digests = self.data.digests
        shown = [self.data.article(i) for i in digest.article_ids]
        return fingerprint(
            RENDER_CODE,
            self.options,
            digest_key,
            self.data.content.people,
            digests[index - 1].round if index > 0 else None,
            digests[index + 1].round if index + 1 < len(digests) else None,
            # Each article as printed (outlet, title, link…) and its text, by its key.
            [shown_inputs(item) for item in shown],
        )

    def _round_page(self, digest: RoundDigest, index: int) -> str:
        digests = self.data.digests
        footnote, listed = coverage_footnotes(digest, self.articles)
        sources = [article_id for article_id in digest.article_ids if article_id in listed]
        person_tags = sorted(
            {self.people_by_name[n].name for n in digest.people if n in self.people_by_name}
            | {
                self.people_by_id[m].name
                for ms in digest.round.delegations.values()
                for m in ms
                if m in self.people_by_id
            }
        )
        tags = [plain_label(t.title) for t in digest.topics] + [plain_label(n) for n in person_tags]

        def cite(article_ids: Sequence[str]) -> Markup:
            """Footnote references to the articles, each number once, in order."""
            numbers = dict.fromkeys(footnote[a] for a in article_ids)
            return Markup("".join(f"[^{n}]" for n in numbers))

        # The page lists each remark once: a side's statement is not repeated below it.
        stated = {*digest.statements.us, *digest.statements.china}
        return self.render(
            "round.md.j2",
            digest=digest,
            shown_above=evidence_shown_above(digest),
            quotes=[quote for quote in digest.quotes if quote not in stated],
            round=digest.round,
            previous=digests[index - 1] if index > 0 else None,
            next=digests[index + 1] if index + 1 < len(digests) else None,
            footnote=footnote,
            cite=cite,
            listed=listed,
            sources=sources,
            tags=tags,
        )

    def _distinct(
        self, said: Iterable[tuple[date | None, str, Article]]
    ) -> list[tuple[date | None, str, Article]]:
        """A speaker's quotations, oldest first, near-identical repeats left out."""
        ordered = sorted(said, key=lambda q: (q[0] is None, q[0] or date.min, q[2].id, q[1]))
        texts = [quote[1] for quote in ordered]
        if self.memo is None:
            kept = distinct_sentences(texts)
        else:
            kept = self.memo.quote_sets.value(
                fingerprint(*texts), lambda: distinct_sentences(texts)
            )
        return [ordered[i] for i in kept]

    def person_page(self, person: Person) -> str:
        distinct = self._distinct(
            q for name in person.names for q in self.quotes_by_speaker.get(name, ())
        )
        return self.render(
            "person.md.j2",
            person=person,
            attended=self.attended.get(person.id, []),
            mentioned=self.mentioned.get(person.id, []),
            round_of=self.round_of,
            quotes=distinct[-PERSON_QUOTES:],
            omitted=max(len(distinct) - PERSON_QUOTES, 0),
        )

    @functools.cached_property
    def speakers_by_body(self) -> dict[str, list[str]]:
        """Each listed body's id -> the speaker names the articles credit it under."""
        index = index_institutions(self.data.content.institutions)
        names: dict[str, list[str]] = defaultdict(list)
        for speaker in sorted(self.quotes_by_speaker):
            body = index.find(speaker)
            if body is not None:
                names[body.id].append(speaker)
        return names

    def institution_page(self, body: Institution) -> str:
        """A body's page: its names and the statements credited to any of them."""
        credited = self.speakers_by_body.get(body.id, [])
        distinct = self._distinct(q for name in credited for q in self.quotes_by_speaker[name])
        return self.render(
            "institution.md.j2",
            body=body,
            side=SIDE_LABELS.get(body.side or ""),
            credited=credited,
            quotes=distinct[-PERSON_QUOTES:],
            omitted=max(len(distinct) - PERSON_QUOTES, 0),
        )

    def topic_page(self, topic: Topic) -> str:
        mentions = [
            (digest, evidence)
            for digest in self.data.digests
            for evidence in digest.topics
            if evidence.topic == topic.id
        ]
        return self.render("topic.md.j2", topic=topic, mentions=mentions)

    def article_page(self, article: Article) -> str:
        item = self.data.article(article.id)
        return self.render(
            "article.md.j2",
            item=item,
            paragraphs=item.clean.text.split("\n\n"),
            assignment=self.data.assignments[article.id],
            to_root=_to_root(paths.article_page(article.id)),
        )


def coverage_footnotes(
    digest: RoundDigest, articles: Mapping[str, Article]
) -> tuple[dict[str, int], set[str]]:
    """Each article's footnote number on the round page, and the articles the coverage list
    shows. A copy stored under the same URL as an article already listed is the same page
    twice: it is not listed and its citations go to that article's number."""
    footnote: dict[str, int] = {}
    listed: set[str] = set()
    by_url: dict[str, str] = {}
    for article_id in digest.article_ids:
        url = articles[article_id].url.strip()
        twin = by_url.get(url) if url else None
        if twin is not None:
            footnote[article_id] = footnote[twin]
            continue
        by_url.setdefault(url, article_id)
        footnote[article_id] = len(listed) + 1
        listed.add(article_id)
    return footnote, listed


def shown_articles(data: SiteData) -> dict[str, Article]:
    """Each article by id as the pages show it (title, outlet, link): the metadata's title and
    outlet, else the page's own headline and outlet."""
    return {item.article.id: item.shown for item in data.articles}


OPENING_WORDS = 12
"""Words of a story's opening shown in place of a headline the page does not carry: enough
to tell one story from another in a coverage list, short enough to read as a label."""


def coverage_headline(article: Article, text: str = "") -> str:
    """The headline a coverage entry shows: the article's title; else, for a page without one,
    the opening words of its cleaned `text`, quoted (up to the end of its first sentence or
    the next bullet, as a summary bullet list starts a new item; a dateline's dash is no
    bullet, and the dateline is no part of the opening); else its id."""
    if article.title:
        return article.title
    first_paragraph = strip_dateline(next(iter(paragraphs(text)), ""))
    words: list[str] = []
    for word in first_paragraph.split():
        if BULLET.fullmatch(word) and not word[0].isdigit():
            if words:
                break
            continue
        words.append(word)
    first_sentence = next(iter(sentences(" ".join(words))), "")
    words = first_sentence.split()
    if not words:
        return article.id
    opening = " ".join(words[:OPENING_WORDS])
    return f"“{opening}…”" if len(words) > OPENING_WORDS else f"“{opening}”"


def _cited(sentence: SummarySentence | None) -> dict[str, Any] | None:
    return None if sentence is None else {"text": sentence.text, "sources": list(sentence.sources)}


def _said(quote: RoundQuote) -> dict[str, Any]:
    return {"text": quote.text, "speaker": quote.speaker, "article": quote.article}


def _to_root(page: str) -> Markup:
    """The relative link from docs page `page` to the docs folder's root (`../` per folder):
    an article id may hold folders (`2019/talks`), so its page's depth varies."""
    return Markup("../" * page.count("/"))


def rounds_json(data: SiteData) -> list[dict[str, Any]]:
    """`api/rounds.json` as the contract gives it."""
    return [
        {
            "id": d.round.id,
            "title": d.round.display_title,
            "start": d.round.start.isoformat(),
            "end": d.round.end.isoformat(),
            "location": d.round.location,
            "kind": d.round.kind,
            "articles": list(d.article_ids),
            "summary": [_cited(s) for s in d.summary],
            "quotes": [_said(q) for q in d.quotes],
            "outcome": _cited(d.outcome),
            "next": _cited(d.next),
            "statements": {
                "us": [_said(q) for q in d.statements.us],
                "china": [_said(q) for q in d.statements.china],
            },
            "figures": [
                {"text": f.text, "sentence": f.sentence, "article": f.article} for f in d.figures
            ],
            "topics": [
                {"topic": t.topic, "sentence": t.sentence, "article": t.article} for t in d.topics
            ],
        }
        for d in data.digests
    ]


def _article_record(data: SiteData, item: ProcessedArticle) -> dict[str, Any]:
    """An article's record in `api/articles.json`."""
    return {
        "id": item.article.id,
        "path": item.article.path,
        "title": item.shown.title,
        "outlet": item.shown.outlet,
        "url": item.article.url,
        "published": item.published.isoformat() if item.published else None,
        "round": data.assignments[item.article.id].round,
        "round_reason": data.assignments[item.article.id].reason,
        "duplicate_of": data.duplicates.get(item.article.id),
        "quotes": [{"text": q.text, "speaker": q.speaker} for q in item.extraction.quotes],
        "people": list(item.extraction.people),
        "topics": list(item.extraction.topics),
    }


def _report_row(data: SiteData, item: ProcessedArticle) -> list[str]:
    """An article's row of `report.tsv` (see `REPORT_HEADER`)."""
    assignment = data.assignments[item.article.id]
    return [
        item.article.id,
        item.article.outlet,
        item.published.isoformat() if item.published else "",
        assignment.round or "",
        assignment.reason,
        data.duplicates.get(item.article.id, ""),
        "; ".join(f"[{r.reason}] {r.text}" for r in item.clean.removed),
    ]


REPORT_HEADER = ["article", "outlet", "published", "round", "why", "copy_of", "removed"]


def _tsv_line(cells: Sequence[str]) -> str:
    return "\t".join(" ".join(cell.split()) for cell in cells) + "\n"


def _article_lines(data: SiteData, memo: RenderMemo | None) -> list[tuple[str, str]]:
    """Each article's line of `api/articles.json` and of `report.tsv`, in content order; with
    `memo`, remembered by the article's cache key and where it stands (round, reason,
    original), which is everything the two lines show. Made on all cores when many are new
    (a cold build), which also keeps every article's text and quotations (unpickled to make
    its lines) out of this process."""
    items = data.articles

    def where(item: ProcessedArticle) -> tuple[object, ...] | None:
        if memo is None or not item.key:
            return None
        assignment = data.assignments[item.article.id]
        return (item.key, assignment.round, assignment.reason, data.duplicates.get(item.article.id))

    def lines(number: int) -> tuple[str, str]:
        record = json.dumps(_article_record(data, items[number]), ensure_ascii=False)
        return record, _tsv_line(_report_row(data, items[number]))

    return _each_remembered(
        memo.article_rows if memo is not None else None,
        [where(item) for item in items],
        lines,
        [1] * len(items),
    )


def article_files(data: SiteData, memo: RenderMemo | None = None) -> tuple[str, str]:
    """`api/articles.json` (every article of the content folder, none left out, one record a
    line: records are encoded one at a time, 30,000 held at once as dicts are 100 MB) and
    `report.tsv` (every article with its round, the reason, its original and what cleaning
    removed), from one pass over the articles."""
    records, rows = [], [_tsv_line(REPORT_HEADER)]
    for record, row in _article_lines(data, memo):
        records.append(record)
        rows.append(row)
    return _json_lines(records), "".join(rows)


def _json(records: Iterable[Any]) -> str:
    """A JSON list with one record per line: readable and diffable, and written by the C
    encoder (an indented dump takes Python's, five times slower for 10,000 articles)."""
    return _json_lines(json.dumps(record, ensure_ascii=False) for record in records)


def _json_lines(lines: Iterable[str]) -> str:
    """A JSON list of records already encoded, one a line."""
    joined = ",\n".join(lines)
    return f"[\n{joined}\n]\n" if joined else "[]\n"


def navigation(data: SiteData) -> list[Any]:
    """The site's nav: home, rounds grouped by year, people, topics, timeline, tags, report.

    Person pages and published article pages are not in it: every page carries the whole
    navigation, so a site grows with pages × nav entries — with 2,000 articles each page
    would list all 2,000 (1.45 GB, over GitHub Pages' 1 GB), and 2,000 people took MkDocs
    minutes. They are reached from the People index, the round pages and search.
    """
    years: dict[int, list[dict[str, str]]] = defaultdict(list)
    for digest in data.digests:
        years[digest.round.start.year].append(
            {plain_label(digest.round.display_title): paths.round_page(digest.round.id)}
        )
    rounds_nav: list[Any] = ["rounds/index.md"]
    rounds_nav += [{str(year): pages} for year, pages in sorted(years.items())]
    nav: list[Any] = [
        {"Home": "index.md"},
        {"Rounds": rounds_nav},
        {"Timeline": "timeline.md"},
        {"People": "people/index.md"},
        {"Institutions": "institutions/index.md"},
        {"Topics": ["topics/index.md", *(paths.topic_page(t.id) for t in data.content.topics)]},
        {"Tags": "tags.md"},
        {"Build report": "report.md"},
    ]
    return nav


def attendance(
    data: SiteData,
) -> tuple[dict[str, list[RoundDigest]], dict[str, list[RoundDigest]]]:
    """Each person's rounds by person id: those they attended (a member of a delegation) and,
    apart, those their name only comes up in."""
    by_id = {p.id: p for p in data.content.people}
    by_name = {n: p for p in data.content.people for n in p.names}
    attended: dict[str, list[RoundDigest]] = defaultdict(list)
    mentioned: dict[str, list[RoundDigest]] = defaultdict(list)
    for digest in data.digests:
        # Delegation members are people.yml ids or plain names.
        members = {
            person.id if (person := by_id.get(m) or by_name.get(m)) else m
            for ms in digest.round.delegations.values()
            for m in ms
        }
        names = {by_name[n].id for n in digest.people if n in by_name}
        for person_id in sorted(members | names):
            (attended if person_id in members else mentioned)[person_id].append(digest)
    return attended, mentioned


def rounds_of_people(data: SiteData) -> dict[str, list[RoundDigest]]:
    """Each person's rounds, by person id, in round order: attended or named in."""
    attended, mentioned = attendance(data)
    order = {d.round.id: n for n, d in enumerate(data.digests)}
    return {
        person: sorted(
            attended.get(person, []) + mentioned.get(person, []), key=lambda d: order[d.round.id]
        )
        for person in attended.keys() | mentioned.keys()
    }


def rounds_by_topic(digests: Sequence[RoundDigest]) -> dict[str, list[RoundDigest]]:
    """Each topic's rounds, by topic id: those whose coverage discusses it."""
    rounds: dict[str, list[RoundDigest]] = defaultdict(list)
    for digest in digests:
        for evidence in digest.topics:
            rounds[evidence.topic].append(digest)
    return rounds


def _people(data: SiteData) -> list[Person]:
    return sorted(data.content.people, key=lambda p: (p.name.split()[-1], p.name))


def _institutions(data: SiteData) -> list[Institution]:
    """The listed bodies by side (in SIDES order, no side last), by name within a side."""
    order = {side: rank for rank, side in enumerate(SIDES)}
    return sorted(
        data.content.institutions, key=lambda b: (order.get(b.side or "", len(SIDES)), b.name)
    )


_METADATA = tuple(f.name for f in fields(Article) if f.name != "text")


def _metadata(article: Article) -> tuple[object, ...]:
    """Everything about an article but its text."""
    return tuple(getattr(article, name) for name in _METADATA)


_UNKEYED = tuple(name for name in _METADATA if name not in KEYED_FIELDS)


def shown_inputs(item: ProcessedArticle) -> tuple[object, ...]:
    """Everything a page or feed shows of an article but what its text gives: its cache key
    and the metadata the key does not stand for; without a key, its metadata as shown and its
    day. Cheaper to hash than the metadata whole: a rebuild hashes every article's."""
    if not item.key:
        return (_metadata(item.shown), item.published)
    return (item.key, *(getattr(item.article, name) for name in _UNKEYED))


def evidence_shown_above(digest: RoundDigest) -> dict[str, str | int]:
    """Topics whose evidence sentence the page already shows higher up, with where: "outcome",
    "next", or the number of the "What happened" sentence. "Issues on the table" points there
    rather than printing the sentence twice."""
    glance = {"outcome": digest.outcome, "next": digest.next}
    shown: list[tuple[str | int, str]] = [
        (name, sentence.text) for name, sentence in glance.items() if sentence is not None
    ]
    shown += [(number, s.text) for number, s in enumerate(digest.summary, 1)]
    pointers: dict[str, str | int] = {}
    for evidence in digest.topics:
        if not evidence.sentence:
            continue
        position = repeated_at(evidence.sentence, [text for _, text in shown])
        if position is not None:
            pointers[evidence.topic] = shown[position][0]
    return pointers


def distinct_sentences(texts: Sequence[str]) -> list[int]:
    """Positions of the texts not near-identical (by word Jaccard) to an earlier one."""
    word_sets = [set(tokens(text)) for text in texts]
    # Rarest words first keeps the similarity search's buckets small (same result).
    seen = SimilarSets(SAME_SENTENCE, Counter(w for words in word_sets for w in words))
    kept = []
    for position, words in enumerate(word_sets):
        if not seen.has_similar(words):
            seen.add(words)
            kept.append(position)
    return kept


def _each_remembered(
    table: CachedTable | None,
    keys: Sequence[Hashable | None],
    compute: Callable[[int], T],
    weights: Sequence[int],
) -> list[T]:
    """`compute(n)` for each n below `len(keys)`, or the value `table` remembers for
    `keys[n]` (a key of None is never remembered). What is left to compute goes to all cores
    when it covers PARALLEL_ARTICLES articles or more (`weights[n]`: the articles of n): on
    two cores, a 30,000-article cold build renders its round pages in half the time."""
    found: list[T | None] = [
        table.get(key) if table is not None and key is not None else None for key in keys
    ]
    missing = [n for n, value in enumerate(found) if value is None]
    computed = in_parallel(
        compute,
        missing,
        weight=sum(weights[n] for n in missing),
        minimum=PARALLEL_ARTICLES,
        needs_fork=True,  # `compute` closes over the pages' templates, which do not pickle
    )
    for n, value in zip(missing, computed, strict=True):
        found[n] = value
        if table is not None and keys[n] is not None:
            table.put(keys[n], value)
    return cast(list[T], found)  # every None was computed


def render_site(
    data: SiteData, options: RenderOptions, memo: RenderMemo | None = None
) -> dict[str, str]:
    """Every generated file of the docs folder, by relative path, as text.

    With `memo`, the costly parts whose inputs are unchanged since it was filled (round
    pages, distinct quotations) are taken from it.
    """
    pages = _Pages(data, options, memo)
    articles, report = article_files(data, memo)
    digests = data.digests
    latest = max((d for d in digests if d.coverage), key=lambda d: d.round.start, default=None) or (
        digests[-1] if digests else None
    )
    files: dict[str, str] = {
        "index.md": pages.render(
            "home.md.j2",
            digests=digests,
            latest=latest,
            timeline_svg=Markup(timeline_chart(data.content.rounds)),
            tariff_svg=Markup(tariff_chart(data.content.tariffs)),
            article_count=len(data.articles),
        ),
        "rounds/index.md": pages.render("rounds.md.j2", digests=digests),
        "timeline.md": pages.render(
            "timeline.md.j2",
            digests=digests,
            timeline_svg=Markup(timeline_chart(data.content.rounds)),
        ),
        "people/index.md": pages.render(
            "people.md.j2", people=_people(data), rounds_of=pages.rounds_of_person
        ),
        "institutions/index.md": pages.render(
            "institutions.md.j2",
            bodies=_institutions(data),
            side_labels=SIDE_LABELS,
            counts={
                body: sum(len(pages.quotes_by_speaker[name]) for name in names)
                for body, names in pages.speakers_by_body.items()
            },
        ),
        "topics/index.md": pages.render(
            "topics.md.j2", topics=data.content.topics, rounds_by_topic=rounds_by_topic(digests)
        ),
        "tags.md": pages.render("tags.md.j2"),
        "report.md": pages.render(
            "report.md.j2",
            data=data,
            articles=data.articles,
            warnings=_report_warnings(data),
            max_rows=REPORT_ROWS,
        ),
        "report.tsv": report,
        "api/rounds.json": _json(rounds_json(data)),
        "api/articles.json": articles,
    }
    for digest, page in zip(digests, pages.round_pages(), strict=True):
        files[paths.round_page(digest.round.id)] = page
    for person in data.content.people:
        files[paths.person_page(person.id)] = pages.person_page(person)
    for body in data.content.institutions:
        files[paths.institution_page(body.id)] = pages.institution_page(body)
    for topic in data.content.topics:
        files[paths.topic_page(topic.id)] = pages.topic_page(topic)
    for item in data.articles:
        if publishes_text(item.article, options):
            files[paths.article_page(item.article.id)] = pages.article_page(item.article)
    return files


PERSON_QUOTES = 200
"""Distinct quotations a person page lists (the latest); all are in api/articles.json."""
REPORT_ROWS = 300
"""Rows the build report page lists before it points to report.tsv instead."""


def _report_warnings(data: SiteData) -> list[Problem]:
    """The warnings the report lists besides the rounds to settle, as the site shows them."""
    settled = {entry.problem for entry in data.review}
    return [_shown_in_site(w, data.content.root) for w in data.warnings if w not in settled]


def _shown_in_site(warning: Problem, content_root: Path) -> Problem:
    """A warning as the published report shows it: its file named within the content folder,
    so the site never shows where the editor keeps it (an absolute --content names their home
    folder)."""
    path = Path(warning.path)
    if path.is_relative_to(content_root):
        path = path.relative_to(content_root)
    return replace(warning, path=path.as_posix())


def report_lines(data: SiteData) -> list[str]:
    """The build report as plain lines: each article, its round and why, and what was removed."""
    lines = []
    for item in data.articles:
        assignment = data.assignments[item.article.id]
        copy = data.duplicates.get(item.article.id)
        lines.append(
            f"{item.article.path}: round {assignment.round or '-'} ({assignment.reason})"
            + (f"; copy of {copy}" if copy else "")
        )
        lines.extend(f"    removed [{r.reason}]: {r.text}" for r in item.clean.removed)
    return lines


def used_sides(delegations: Mapping[str, Sequence[str]]) -> list[tuple[str, Sequence[str]]]:
    """Delegations in a fixed order: US, China, others."""
    return [(SIDE_LABELS[s], delegations[s]) for s in SIDES if delegations.get(s)]
