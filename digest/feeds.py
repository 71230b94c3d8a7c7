"""Atom feeds: the site's (`feed.xml`, the latest rounds) and one per round (its coverage),
person and topic (their rounds), under `feeds/rounds|people|topics/<id>.xml`.

With `site_url` every address in a feed is absolute, as feed readers need. Without it the
links are relative to the feed's own address (Atom resolves them against it), so they still
lead to the right page wherever the site is served.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from digest import paths
from digest.cache import BuildCache, CachedTable, code_fingerprint, fingerprint
from digest.model import RoundDigest, SiteData
from digest.render import (
    TEMPLATES,
    RenderOptions,
    publishes_text,
    rounds_by_topic,
    rounds_of_people,
    safe_url,
    shown_inputs,
    xml_environment,
)

FEED_TEMPLATE = "feed.xml.j2"
FEEDS_CODE = code_fingerprint(__name__, extra=[TEMPLATES / FEED_TEMPLATE])
"""The code and template that write a feed: remembered feeds are reused while it is the same."""
FEED_SHARDS = 16
"""Shards of the table of remembered feeds (9 MB for 300 rounds): an edit rewrites one."""

SITE_FEED = "feed.xml"
SITE_FEED_ROUNDS = 50
"""Rounds the site's feed lists (the latest by end date); readers keep what they have seen."""
FEEDS_FOLDER = "feeds"
URN = "urn:trade-talk-digest:"
"""Prefix of entry and feed ids when the site has no address (ids must be absolute IRIs)."""
NO_DATE = date(2018, 1, 1)
"""`updated` of a feed with no entries: the start of the negotiations the digest covers."""


@dataclass(frozen=True)
class Entry:
    title: str
    id: str
    link: str
    updated: date
    summary: str


@dataclass(frozen=True)
class Feed:
    kind: str
    """site, round, person or topic: which title the template gives the feed."""
    subject: str
    """The round's, person's or topic's name (empty for the site's feed)."""
    id: str
    self_link: str
    page_link: str
    entries: list[Entry]

    @property
    def updated(self) -> date:
        return max((entry.updated for entry in self.entries), default=NO_DATE)


class _Addresses:
    """Addresses of site pages as seen from one feed file."""

    def __init__(self, options: RenderOptions, feed_path: str) -> None:
        self.site_url = options.site_url
        self.to_root = "../" * feed_path.count("/")
        self.feed_path = feed_path

    def link(self, path: str) -> str:
        """The page or file at `path` (relative to the site's root): absolute with site_url,
        else relative to the feed."""
        if self.site_url:
            return self.site_url + path
        return (self.to_root + path) or "./"

    def id(self, path: str) -> str:
        return (self.site_url or URN) + path

    def self_link(self) -> str:
        return self.link(self.feed_path) if self.site_url else self.feed_path.rsplit("/", 1)[-1]


def site_feeds(
    data: SiteData, options: RenderOptions, cache: BuildCache | None = None
) -> dict[str, str]:
    """Every feed file, by its path in the docs folder, as text.

    With `cache`, a feed is written only when what it lists changed: a round's feed is
    remembered by the metadata of its articles (its entries are not even made again), the
    others by their entries.
    """
    template = xml_environment().get_template(FEED_TEMPLATE)
    memo = CachedTable(cache, fingerprint("feeds", FEEDS_CODE), shards=FEED_SHARDS)

    def written(feed: Feed) -> str:
        return template.render(feed=feed, options=options)

    def remembered(feed: Feed) -> str:
        return memo.value(fingerprint("feed", options, feed), lambda: written(feed))

    files: dict[str, str] = {}
    latest = sorted(data.digests, key=lambda d: (d.round.end, d.round.id), reverse=True)
    where = _Addresses(options, SITE_FEED)
    files[SITE_FEED] = remembered(
        Feed(
            "site",
            "",
            where.id(SITE_FEED),
            where.self_link(),
            where.link(""),
            _round_entries(latest[:SITE_FEED_ROUNDS], where),
        )
    )
    for digest in data.digests:
        path = f"{FEEDS_FOLDER}/rounds/{digest.round.id}.xml"

        def round_feed(digest: RoundDigest = digest, path: str = path) -> str:
            where = _Addresses(options, path)
            return written(
                Feed(
                    "round",
                    digest.round.display_title,
                    where.id(path),
                    where.self_link(),
                    where.link(_url(paths.round_page(digest.round.id))),
                    _coverage_entries(data, digest, options, where),
                )
            )

        key = fingerprint("round feed", options, digest.round, _coverage_inputs(data, digest))
        files[path] = memo.value(key, round_feed)
    # A person's and a topic's feed list their rounds, newest first.
    listings = (
        (
            "person",
            "people",
            [(p.id, p.name) for p in data.content.people],
            rounds_of_people(data),
            paths.person_page,
        ),
        (
            "topic",
            "topics",
            [(t.id, t.title) for t in data.content.topics],
            rounds_by_topic(data.digests),
            paths.topic_page,
        ),
    )
    for kind, folder, entities, rounds_of, page in listings:
        for entity_id, title in entities:
            path = f"{FEEDS_FOLDER}/{folder}/{entity_id}.xml"
            where = _Addresses(options, path)
            files[path] = remembered(
                Feed(
                    kind,
                    title,
                    where.id(path),
                    where.self_link(),
                    where.link(_url(page(entity_id))),
                    _round_entries(_newest_first(rounds_of.get(entity_id, [])), where),
                )
            )
    memo.save()
    return files


def _coverage_inputs(data: SiteData, digest: RoundDigest) -> list[tuple[object, ...]]:
    """What a round's feed entries are made from (`_coverage_entries`), article by article
    (`shown_inputs`). Gathering them costs far less than making the entries (no article
    copied, no link parsed)."""
    return [
        shown_inputs(data.article(article_id))
        for article_id in digest.article_ids
        if article_id not in data.duplicates
    ]


def _url(page: str) -> str:
    """The address of docs page `page` relative to the site's root (MkDocs' directory URLs:
    `rounds/x.md` is served as `rounds/x/`)."""
    return page.removesuffix(".md") + "/"


def _newest_first(digests: Sequence[RoundDigest]) -> list[RoundDigest]:
    return sorted(digests, key=lambda d: (d.round.end, d.round.id), reverse=True)


def _round_entries(digests: Sequence[RoundDigest], where: _Addresses) -> list[Entry]:
    return [
        Entry(
            d.round.display_title,
            where.id(_url(paths.round_page(d.round.id))),
            where.link(_url(paths.round_page(d.round.id))),
            d.round.end,
            d.round.summary or d.round.outcome or d.round.display_title,
        )
        for d in digests
    ]


def _coverage_entries(
    data: SiteData, digest: RoundDigest, options: RenderOptions, where: _Addresses
) -> list[Entry]:
    """The round's articles, newest first: each links to our copy when its text is
    published, else to the original (when its address is a plain web link), else the round.
    A copy of a story another outlet carried is left out, as the round page lists it once."""
    entries = []
    for article_id in digest.article_ids:
        if article_id in data.duplicates:
            continue
        item = data.article(article_id)
        article = item.shown  # with the page's own headline and outlet where metadata lacks them
        page = _url(paths.article_page(article.id))
        if publishes_text(article, options):
            link = where.link(page)
        else:
            link = safe_url(article.url) or where.link(_url(paths.round_page(digest.round.id)))
        entries.append(
            Entry(
                article.title or article.id,
                where.id(page),
                link,
                item.published or digest.round.end,
                article.outlet or "",
            )
        )
    return sorted(entries, key=lambda e: (e.updated, e.id), reverse=True)
