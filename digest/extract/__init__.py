"""The extraction stage: what one cleaned article says.

`extract` reads a cleaned article body (paragraphs separated by one blank line) and returns its
quotations with speakers, the people, figures, dates, topics and venues it mentions. It is a
pure function of its arguments: no I/O, no global state beyond compiled patterns and a cache of
the indexed people list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TypeVar

from digest.extract.dates import find_dates
from digest.extract.figures import find_figures
from digest.extract.mentions import (
    Cast,
    Known,
    find_places,
    find_topics,
    index_institutions,
    index_people,
    scan_people,
)
from digest.extract.quotes import QuoteSpans, find_quotes
from digest.model import Extraction, Institution, Person, Quote, Topic

__all__ = ["extract"]

T = TypeVar("T")


def extract(
    text: str,
    *,
    published: date | None,
    people: Sequence[Person],
    topics: Sequence[Topic],
    institutions: Sequence[Institution] = (),
) -> Extraction:
    """Quotations (with speakers), people, figures, dates, topics and places of one article.

    `published` anchors relative dates ("on Thursday", "last week") and the titles people held
    ("the vice premier" on that day); relative dates are left out when it is None.
    `institutions` lets "the ministry", "the state news agency" name the body meant.
    """
    text = text if isinstance(text, str) else str(text)
    published = _as_date(published)
    cast = Cast(
        _index(tuple(people)),
        published,
        _guarded(lambda: index_institutions(tuple(institutions)), None),
    )
    # Each part is guarded on its own: one rule tripping over odd input must neither take the
    # build down nor cost the article its other findings.
    no_quotes: tuple[Quote, ...] = ()
    quotes = _guarded(lambda: _people_and_quotes(text, cast), no_quotes)
    first_seen: dict[str, int] = {}
    for mention in cast.mentions:
        if mention.name not in first_seen or mention.pos < first_seen[mention.name]:
            first_seen[mention.name] = mention.pos
    names = tuple(sorted(first_seen, key=lambda name: first_seen[name]))
    return Extraction(
        quotes=quotes,
        people=names,
        figures=_guarded(lambda: find_figures(text), ()),
        dates=_guarded(lambda: find_dates(text, published), ()),
        topics=_guarded(lambda: find_topics(text, topics), ()),
        places=_guarded(lambda: find_places(text), ()),
    )


def _index(people: tuple[Person, ...]) -> Known:
    """The people list indexed (cached), or uncached when it is unhashable, or empty when it
    is unusable: a bad people list costs names, never the article."""
    try:
        return index_people(people)
    except TypeError:  # e.g. lists instead of tuples for aliases
        return _guarded(lambda: index_people.__wrapped__(people), index_people(()))
    except Exception:
        return index_people(())


def _people_and_quotes(text: str, cast: Cast) -> tuple[Quote, ...]:
    """Record the people the text names in `cast`, then find its quotations (which may name
    more: speakers known only by title or first named as speakers)."""
    found = QuoteSpans(text)
    scan_people(text, cast, quoted=found.__contains__)
    return find_quotes(text, cast, found)


def _as_date(value: object) -> date | None:
    """A calendar day from what callers may pass: a date, a datetime, an ISO string."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _guarded(compute: Callable[[], T], fallback: T) -> T:
    try:
        return compute()
    except Exception:  # extraction must never raise; the tests fuzz it so this stays rare
        return fallback
