"""When an article without a `published` date was published, read off the page itself.

Scraped pages usually carry their date: a timestamp or byline line ("Updated: June 30, 2019",
"date 2019-12-16") that the cleaner removes, a dateline opening the story ("BEIJING, May 10,
2019 --"), or a date in the page's address. Relative dates ("on Thursday") can only be
resolved against such a day.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, date, datetime

from digest.extract.dates import find_dates
from digest.model import Removal

DATED_REMOVALS = frozenset({"timestamp", "byline"})
"""Removed lines that speak of the article itself (not teasers, which date other stories)."""
LEAD_CHARS = 200
EARLIEST, LATEST = date(1990, 1, 1), date(2100, 1, 1)

_POST_HANDLE = re.compile(r"\(@\w{1,30}\)")
"""The author's handle in an embedded post's signature ("— Name (@handle) March 29, 2019")."""
_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)(?!\d)")
_LINK_DAY = re.compile(r"(?<!\d)((?:19|20)\d\d)[/-]([01]\d)(?:[/-]([0-3]\d))?(?!\d)")
_LINK_EPOCH = re.compile(r"(?<!\d)(1[2-9]\d{8})(?!\d)")


def _plausible(day: date | None) -> date | None:
    return day if day is not None and EARLIEST <= day < LATEST else None


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return _plausible(date(year, month, day))
    except ValueError:
        return None


def date_in_text(text: str) -> date | None:
    """The first full date (with its year) written in `text`, or None."""
    candidates = [(m.text, m.date) for m in find_dates(text, None)]
    numeric = _NUMERIC.search(text)
    if numeric:
        day_ = _safe(int(numeric[3]), int(numeric[2]), int(numeric[1]))  # day.month.year
        if day_:
            candidates.append((numeric.group(), day_))
    found = [(text.find(t), d) for t, d in candidates if _plausible(d)]
    return min(found)[1] if found else None


def date_in_link(link: str) -> date | None:
    """The day a URL or file name gives away (`/2019/05/10/`, `2019-05`, a Unix time)."""
    match = _LINK_DAY.search(link)
    if match:
        return _safe(int(match[1]), int(match[2]), int(match[3] or 15))
    match = _LINK_EPOCH.search(link)
    if match:
        return _plausible(datetime.fromtimestamp(int(match[1]), tz=UTC).date())
    return None


def page_date(
    removed: Sequence[Removal], clean: str, url: str, path: str
) -> tuple[date | None, str]:
    """The publication day the page shows, and where it was found ("" when nowhere)."""
    for removal in removed:
        if removal.reason in DATED_REMOVALS:
            day_ = date_in_text(removal.text)
            if day_:
                return day_, f"page {removal.reason}"
    day_ = date_in_text(clean[:LEAD_CHARS])
    if day_:
        return day_, "dateline"
    for link, source in ((url, "url"), (path, "file name")):
        day_ = date_in_link(link)
        if day_:
            return day_, source
    return None, ""


def embedded_post_days(removed: Sequence[Removal]) -> tuple[date, ...]:
    """The days stamped on the posts an article embeds ("— Name (@handle) March 29, 2019").

    The cleaner removes an embedded post with its signature, but the stamp after the handle
    tells when the statement the article reports was made. Only the stamp is read: a date in
    the post's own words may be of anything.
    """
    days = []
    for removal in removed:
        if removal.reason != "embedded post":
            continue
        for handle in _POST_HANDLE.finditer(removal.text):
            stamp = date_in_text(removal.text[handle.end() : handle.end() + 40])
            if stamp:
                days.append(stamp)
    return tuple(sorted(set(days)))
