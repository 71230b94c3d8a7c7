"""The headline, outlet and day a page itself shows, for articles whose metadata lacks them.

A scraped page's text usually opens with its header: a few labels (section names,
"Advertisement", "Breaking News", the site's name, a date), then the headline, perhaps a
standfirst, a byline and a caption, then the story. The headline is the first line of that
header that reads like one: unpunctuated, long enough not to be a label, in the story's script,
above the story's first sentence. A page that opens straight with its story has no headline
here, and none is made up. HTML pages declare theirs (`og:title`, `<h1>`, `<title>`), read with
trafilatura's metadata extraction, as are the site's name and the publication day.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from html import unescape

from digest import clean_rules as R
from digest.clean import LineInfo, describe_line
from digest.lexicon import DANGLING_WORDS, STOP_WORDS

HEADER_LINES = 14
"""Non-blank lines from the top searched for the headline (the cleaner's `header_span`: the
corpus pages put labels, headline, byline, date and caption within the first 14)."""
MIN_WORDS = 4
"""Fewest words of a headline: section labels and site names run 1-4 words, and the 90 corpus
headlines 5-24, so a 4-word line is taken unless it looks like a masthead (below)."""
MASTHEAD_MAX_WORDS = 4
"""A line of at most this many words, every one capitalised and no digit, is a site name or
section label ("South China Morning Post", "World News"), not a headline."""
LINK_LIST_MIN = 3
"""Headline-like lines in a row that make a list of links (the cleaner's `inner_list_min_items`:
a headline comes with at most an unpunctuated standfirst under it)."""
WIRE_SLUG = re.compile(r"^[A-Z]{2,5}-\d{1,4}\s+(?=\S)")
"""A wire service's story code glued before a headline ("ABC-12 Talks resume ...")."""
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.){2,}$")
"""A line ending in a dotted abbreviation ("U.S.", "U.K."): its last stop ends no sentence."""
HEADLINE_MAX_WORDS = 30
"""Most words of a headline (the 90 corpus headlines run 5-24): a longer line printed twice is
no headline printed as title and heading."""
LOOSE_MIN_WORDS = 6
"""Fewest words of a headline taken from a run nothing anchors (see `text_headline`): such
runs sit among page furniture, whose taglines and prompts run 4-5 words ("News you can
use"), while the corpus headlines found that way run 7-21 words."""
TAG_LIST_MIN = 3
"""Comma-separated items that make a list of tags rather than a headline with a comma."""
_WEB_ADDRESS = re.compile(r"://|\bwww\.\w", re.I)
"""A web address printed on the page (a permalink, a share link, a product box's link to
"www.…"): no headline holds one."""
MIN_HEADING_WORDS = 2
"""Fewest words of an HTML `<h1>` taken as the headline: a one-word `<h1>` is a section name
or logo even when the page title contains it."""
HEADER_REASONS = frozenset({"byline", "timestamp"})
"""Removal reasons of the lines that sit between a headline and its story."""
ANCHOR_REASONS = HEADER_REASONS | {"caption"}
"""Removal reasons of the lines a headline stands right above: its byline, its date (which
the cleaner may read as a caption's date line) or its picture's caption."""
TITLE_CASE_MIN_LETTERS = 4
"""Words this long are capitalised in a title-case headline; shorter ones ("of", "the",
"to", "and") may not be."""
NAME_MAX_WORDS = 3
"""Most words of one name in a byline without its "By" ("Jane Roe", "Associated Press"): a
title-case headline of four words or more is no name."""
_DIGIT = re.compile(r"\d")
_NAME_JOINS = re.compile(r",|\s+(?:and|&)\s+")
_LETTERS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
TAGLINE_HEADLINE_REACH = 2
"""Lines (a headline and its standfirst) between a site's tagline and the byline or timestamp
under them."""
_CLOSING_QUOTES = "\"'”’"
_CDATA = re.compile(r"^<!\[CDATA\[(.*?)\]\]?>$")
_BAR = re.compile(r"\s*\|\s*")
_TITLE_SEPARATORS = re.compile(r"\s+[|–—-]\s+|\s+::\s+")
"""How page titles join headline and site name ("Talks resume | Example Wire")."""
_CJK_OR_OTHER = re.compile(r"[^\x00-\u024f\u2000-\u206f\u20a0-\u20cf’‘“”]")
"""Characters outside the Latin script and common punctuation."""
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class PageHeader:
    """What a page says about itself: headline, outlet, day ("" or None when it does not)."""

    title: str = ""
    outlet: str = ""
    published: date | None = None


def text_headline(text: str) -> str:
    """The headline a scraped page's text opens with, or "" when it opens with its story.

    Headline-like lines in a row are the headline and an unpunctuated standfirst (the first
    is the headline; a line repeated counts once), or, `LINK_LIST_MIN` or more of them, a list
    of links to other stories. A run that stands right above the page's header lines (a
    byline, a timestamp) or the story itself is anchored: the first anchored run holds the
    headline (the last line of a list of links so anchored, the rest being links above it).
    Page furniture above the headline (taglines, sign-in and share prompts) makes runs that
    are not anchored; the first of them is the headline only when no run is.
    """
    lines = _header_lines(text)
    latin_body = not _CJK_OR_OTHER.search(" ".join(lines[-3:]))
    loose = ""  # the headline of the first run not anchored, if no anchored run turns up
    run: list[str] = []
    for j, given in enumerate(lines):
        line = _bare(given)
        if not line:
            continue
        info = describe_line(line)
        if j and R.BYLINE_LABEL_ONLY.match(lines[j - 1]):
            info = info._replace(kind="junk", reason="byline")  # the names under a "By"
        if not run and _is_flash_headline(line, info):
            return line[1:].strip()  # the first of a wire's flashes is its headline
        below = lines[j + 1 :]
        printed_twice = _printed_twice(line, info, below)
        if not printed_twice and _opens_story(line, info, below):
            if not run and _is_tagline(info, below, latin_body):
                continue
            return _headline_of_run(run, anchored=True) or loose  # the story starts here
        if printed_twice or _is_headline_like(line, info, below, latin_body):
            line = _without_site_suffix(line)
            if line not in run:
                run.append(line)
            continue
        if run:  # labels, bylines, notices end a run
            anchored = info.reason in ANCHOR_REASONS or _is_unlabelled_byline(line, below)
            found = _headline_of_run(run, anchored)
            if found and anchored:
                return found
            loose = loose or (found if len(found.split()) >= LOOSE_MIN_WORDS else "")
            run = []
    return loose or _headline_of_run(run, anchored=False)


def _printed_twice(line: str, info: LineInfo, below: list[str]) -> bool:
    """A headline printed as the page's title and again as its heading: the same line right
    below, of a headline's length, no caption (a caption repeated is still a caption).
    It is a headline even when it reads like a sentence ("Is the deal off?")."""
    return (
        bool(below)
        and _bare(below[0]) == line
        and MIN_WORDS <= info.words <= HEADLINE_MAX_WORDS
        and not _is_caption(line)
    )


def _opens_story(line: str, info: LineInfo, below: list[str]) -> bool:
    """Whether the story starts at `line`: a dateline, or a strong prose line that is no
    caption, no copy of the story's opening, no headline ending in "U.S." or a "?" and no
    headline in title case."""
    return info.opens_story or (
        info.kind == "prose"
        and info.strong
        and not _is_caption(line)
        and not _copied_below(line, below)
        and not _headline_ending_open(line, below)
        and not _is_title_case(line, info)
    )


def _is_title_case(line: str, info: LineInfo) -> bool:
    """A headline set in title case, whatever its last mark ("Why The Deal Matters.", "Is
    The Truce Over?"): of headline length, every word of `TITLE_CASE_MIN_LETTERS` letters or
    more capitalised, and a function word after the first word too ("Its", "After"), or
    anywhere in a question: a sentence of names ("The Deputy Minister John Doe met Jane Roe in
    Geneva.") has its small words in lower case. Story sentences, captions and standfirsts
    are never set so."""
    if not MIN_WORDS <= info.words <= HEADLINE_MAX_WORDS:
        return False
    words = _LETTERS.findall(line)
    long_words = [w for w in words if len(w) >= TITLE_CASE_MIN_LETTERS]
    return (
        len(long_words) >= MIN_WORDS - 1
        and all(w[0].isupper() for w in long_words)
        and any(
            w[0].isupper() and w.lower() in STOP_WORDS
            for w in (words if line.endswith("?") else words[1:])  # "Is Z a Crime?"
        )
    )


def _is_flash_headline(line: str, info: LineInfo) -> bool:
    """A newswire's flash headline: a bullet marked with an asterisk, set in title case
    ("*Talks To Resume In Geneva Next Week"). A wire story opens with its flashes, the first
    being its headline; summary bullets under a headline are set as sentences."""
    if info.kind != "bullet" or not line.startswith("*"):
        return False
    flash = line[1:].strip()
    return _is_title_case(flash, describe_line(flash))


def _is_unlabelled_byline(line: str, below: list[str]) -> bool:
    """A byline without its "By": names alone ("Jane Roe", "Jane Roe and John Doe, Example
    Wire") right above a timestamp or a byline."""
    return _is_name_line(line) and _header_follows(below)


def _is_name_line(line: str) -> bool:
    """Names and an outlet's name, joined by commas or "and", each of at most
    `NAME_MAX_WORDS` capitalised words, no figures, no end mark."""
    if line.endswith((".", "?", "!", ":")) or _DIGIT.search(line):
        return False
    parts = [p.split() for p in _NAME_JOINS.split(line) if p.strip()]
    return sum(map(len, parts)) >= 2 and all(
        0 < len(words) <= NAME_MAX_WORDS and all(w[0].isupper() for w in words) for words in parts
    )


def _is_headline_like(line: str, info: LineInfo, below: list[str], latin_body: bool) -> bool:
    """Whether a line can be a headline: short and unpunctuated (or ending in "U.S." or a "?"
    above the header), not a subhead, label, site name, caption, address, unfinished prompt
    or list of tags, and in the story's script."""
    return (
        _headline_ending_open(line, below) or (info.kind == "prose" and _is_title_case(line, info))
    ) or (
        info.kind in ("short", "headline")
        and info.reason != "subhead"
        and info.words >= MIN_WORDS
        and not (latin_body and _CJK_OR_OTHER.search(line))
        and not _looks_like_masthead(line)
        and not _is_caption(line)
        and not _WEB_ADDRESS.search(line)
        and not _ends_unfinished(line)
        and not _is_tag_list(line)
        and not _is_unlabelled_byline(line, below)
    )


def _ends_unfinished(line: str) -> bool:
    """A line ending in an article, preposition or conjunction ("Logged in to your account as") is a
    prompt waiting for a name or a cut teaser; a headline ends with a content word."""
    words = _WORD.findall(line.lower())
    return bool(words) and words[-1] in DANGLING_WORDS


def _is_tag_list(line: str) -> bool:
    """A list of section or tag names ("Books, Kit Reviews, News"): `TAG_LIST_MIN` or more
    comma-separated items of at most `MASTHEAD_MAX_WORDS` capitalised words."""
    items = [item.split() for item in line.split(",")]
    return len(items) >= TAG_LIST_MIN and all(
        0 < len(words) <= MASTHEAD_MAX_WORDS
        and all(w[0].isupper() or not w[0].isalpha() for w in words)
        for words in items
    )


def _headline_of_run(run: list[str], anchored: bool) -> str:
    """The headline among headline-like lines in a row (see `text_headline`)."""
    if len(run) < LINK_LIST_MIN:
        return run[0] if run else ""
    return run[-1] if anchored else ""


def _normalised(line: str) -> str:
    return " ".join(line.split())


def _bare(line: str) -> str:
    """A header line as a headline is compared: no wire slug, no markup a feed wraps round
    it (``<![CDATA[…]]>``)."""
    line = WIRE_SLUG.sub("", line)
    m = _CDATA.match(line)
    return m.group(1).strip() if m else line


def _is_caption(line: str) -> bool:
    """A photo caption: it places people in the picture ("(left)", "second from right") or
    carries a credit."""
    return bool(
        R.CAPTION_POSITION.search(line)
        or R.CAPTION_CREDIT.search(line)
        or R.CAPTION_CREDIT_WEAK.search(line)
        or R.PARENTHESISED_CREDIT.search(line)
    )


def _headline_ending_open(line: str, below: list[str]) -> bool:
    """A headline whose last stop ends no statement, above a byline, a timestamp or the
    story's dateline: it ends in "U.S." or the like, or asks or exclaims, perhaps inside a
    closing quote ("Deal at last?", 'Talks end: "We are done!"')."""
    ends_open = _ABBREVIATION_END.search(line) or line.rstrip(_CLOSING_QUOTES).endswith(("?", "!"))
    return bool(ends_open) and _header_follows(below)


def _is_tagline(info: LineInfo, below: list[str], latin_body: bool) -> bool:
    """Whether a prose line at the top of the page is the site's tagline ("The latest news
    from your town."), not the story: a headline stands below it, perhaps with a standfirst,
    above its byline or timestamp."""
    if info.words > HEADLINE_MAX_WORDS:
        return False
    for k, given in enumerate(below[: TAGLINE_HEADLINE_REACH + 1]):
        line = _bare(given)
        line_info = describe_line(line)
        if k and line_info.reason in HEADER_REASONS:
            return True
        if not _is_headline_like(line, line_info, below[k + 1 :], latin_body):
            return False
    return False


def _header_follows(below: list[str]) -> bool:
    """Whether the next line is page header (a byline, with or without its "By", a
    timestamp) or opens the story with its dateline: what a headline stands above."""
    if not below:
        return False
    info = describe_line(below[0])
    return (
        info.reason in HEADER_REASONS
        or info.opens_story
        or (_is_name_line(below[0]) and _header_follows(below[1:2]))
    )


def _copied_below(line: str, below: list[str]) -> bool:
    """Whether `line` is a scraper's copy of the story's opening (a page description printed
    above the headline): the same words open a longer line further down."""
    key = " ".join(_WORD.findall(line.lower()))
    return any(
        len(other) > len(line) and " ".join(_WORD.findall(other.lower())).startswith(key)
        for other in below
    )


def _without_site_suffix(line: str) -> str:
    """A headline scraped from a page title without the site name or section label a bar
    joins to it, spaced or not ("Talks resume | Example Wire", "Business|Talks resume"):
    the longest part between bars."""
    if "|" not in line:
        return line
    return max(_BAR.split(line), key=len).strip()


def _looks_like_masthead(line: str) -> bool:
    """A site name or section label: a few capitalised words, no digits."""
    words = line.split()
    return (
        len(words) <= MASTHEAD_MAX_WORDS
        and not any(c.isdigit() for c in line)
        and all(w[0].isupper() or not w[0].isalpha() for w in words)
    )


def html_header(html: str) -> PageHeader:
    """Headline, site name and publication day an HTML page declares. The headline is the
    page's visible heading (`<h1>`) when a title it declares (`og:title`, `<title>`) holds
    it — the declared title then adds only site names and section labels —, else the
    declared title without the site's name."""
    try:
        from trafilatura import extract_metadata  # heavy; only the HTML path needs it

        meta = extract_metadata(html)
    except Exception:  # malformed markup: the page simply declares nothing we can read
        return PageHeader()
    if meta is None:
        return PageHeader()
    outlet = " ".join((meta.sitename or "").split())
    declared = _declared_titles(html)
    title = _heading_in_title(html, declared) or strip_site_name(
        _declared_title(" ".join((meta.title or "").split()), declared), outlet
    )
    return PageHeader(title=title, outlet=outlet, published=_iso_day(meta.date or ""))


TAG_REACH = 600
"""Most characters read inside one tag or text element while looking for titles: a page
whose tags never close must not make each search run to the end of the page (quadratic
time); real title tags are far shorter."""
HEADING_REACH = 2000
"""Most characters of markup read inside an `<h1>` (a headline with its inline tags)."""
HEADINGS_READ = 20
"""Most `<h1>` elements compared with the declared titles (pages have one or a few)."""
_H1_OPEN = re.compile(rf"<h1\b[^<>]{{0,{TAG_REACH}}}>", re.IGNORECASE)
_H1_CLOSE = re.compile(r"</h1\s*>", re.IGNORECASE)
_META_TAG = re.compile(rf"<meta\b([^<>]{{0,{TAG_REACH}}})>", re.IGNORECASE)
_SOCIAL_TITLE = re.compile(r"\b(?:property|name)\s*=\s*[\"']?(?:og|twitter):title\b", re.IGNORECASE)
_CONTENT = re.compile(r"""\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_TITLE_ELEMENT = re.compile(
    rf"<title\b[^<>]{{0,{TAG_REACH}}}>([^<]{{0,{TAG_REACH}}})</title\s*>", re.IGNORECASE
)
_TAG = re.compile(r"<[^>]+>")


def _markup_text(fragment: str) -> str:
    """The text of an HTML fragment: tags dropped, entities decoded, whitespace normalised."""
    return " ".join(unescape(_TAG.sub(" ", fragment)).split())


def _declared_titles(html: str) -> list[str]:
    """The titles a page declares, non-empty, the social one first: `og:title` or
    `twitter:title` (`<meta>` attributes in either order), then `<title>`."""
    social = []
    for tag in _META_TAG.finditer(html):
        content = _CONTENT.search(tag.group(1))
        if content and _SOCIAL_TITLE.search(tag.group(1)):
            social.append(content.group(1) or content.group(2) or "")
    titles = [m.group(1) for m in _TITLE_ELEMENT.finditer(html)]
    found = (_markup_text(title) for title in [*social, *titles])
    return [title for title in found if title]


def _declared_title(chosen: str, declared: list[str]) -> str:
    """The title trafilatura chose (`chosen`) when the page declares it, else the first title
    the page declares: trafilatura falls back on an `<h1>`, which may be a logo."""
    if not declared or any(f" {_key(chosen)} " in f" {_key(title)} " for title in declared):
        return chosen
    return declared[0]


def _heading_in_title(html: str, declared: list[str]) -> str:
    """The first `<h1>` of at least `MIN_HEADING_WORDS` words that the longest part of a
    declared title holds word for word ("Opinion | Talks resume - Example Wire" holds "Talks
    resume"), or "": a logo's or a section's `<h1>` is in no declared title, or only in its
    shorter parts beside the headline ("Talks resume | Example Wire Daily")."""
    parts = [f" {_key(max(_TITLE_SEPARATORS.split(title), key=len))} " for title in declared]
    for opening in itertools.islice(_H1_OPEN.finditer(html), HEADINGS_READ):
        closing = _H1_CLOSE.search(html, opening.end(), opening.end() + HEADING_REACH)
        if closing is None:
            continue
        heading = _markup_text(html[opening.end() : closing.start()])
        key = _key(heading)
        if len(key.split()) >= MIN_HEADING_WORDS and any(f" {key} " in part for part in parts):
            return heading
    return ""


def page_header(text: str, html: str | None = None, outlets: Collection[str] = ()) -> PageHeader:
    """What a page shows of itself: from the HTML's declarations when given (`html`), else
    the headline its text (`text`) opens with and the masthead line naming one of the known
    `outlets`."""
    if html is not None:
        return html_header(html)
    return PageHeader(title=text_headline(text), outlet=text_outlet(text, outlets))


def text_outlet(text: str, outlets: Collection[str]) -> str:
    """The known outlet whose name a line of the page's header is, as mastheads print it
    ("Example Wire" alone on a line), or ""."""
    if not outlets:
        return ""
    by_key = {_key(name): name for name in outlets if _key(name)}
    for line in _header_lines(text):
        name = by_key.get(_key(line))
        if name:
            return name
    return ""


def _header_lines(text: str) -> list[str]:
    """The page's first `HEADER_LINES` non-blank lines, whitespace-normalised, without a
    scraper's date prefix."""
    lines = list(itertools.islice(filter(None, map(_normalised, text.splitlines())), HEADER_LINES))
    if lines:
        prefix = R.LEADING_DATE_PREFIX.match(lines[0])
        if prefix and prefix.end() > 0:
            lines[0] = lines[0][prefix.end() :].strip()
    return lines


def _iso_day(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def strip_site_name(title: str, site: str) -> str:
    """A page title without the site name joined to it ("Talks resume | Example Wire")."""
    if not site:
        return title
    site_key = _key(site)
    parts = _TITLE_SEPARATORS.split(title)
    kept = [p for p in parts if _key(p) != site_key]
    return " - ".join(kept) if kept and len(kept) < len(parts) else title


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))
