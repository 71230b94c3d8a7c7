"""Held-out check of the text path on pages the rules never saw: the html benchmark's pages
rendered the way the corpus's scrapes look, scored for headlines and cleaning.

The corpus's text scrapes (see ../shared/corpus/README.md) open at or just above the story's
headline and carry the page's furniture below it: byline, timestamps, captions, share,
newsletter and paywall lines, related links. Each benchmark page whose headline is known
(the `<h1>` its declared title holds, as `html_header` reads it) is rendered to lines the same
way (block elements break lines; scripts, styles, menus and footers dropped; asides, forms and
buttons kept) and cut two ways, each excerpt `EXCERPT_BYTES` long as the corpus's are:

- "headline shown": from a few lines above the headline, as many as the corpus pages have
  (`LINES_ABOVE_HEADLINE`, drawn per page from its hash), so the headline must be found;
- "headline cut off": from the line under the headline, as 32 of the 90 corpus scrapes
  start, so none must be made up.

Cleaning is scored against the benchmark's article body, the paragraphs of it the excerpt
holds, under the corpus's conventions: English pages only; embedded posts, bare links and
copyright lines (which the benchmark counts as the article's) left out of the gold. "News"
is the share of them that report someone's words (a "said" in the gold), the kind of page the
project reads. Pages split in two halves by the first hex digit of their hash, so that rules
can be written on one half and measured on the other.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from statistics import fmean

from digest.evaluate import Scores, benchmark_pages, boilerplate_removed, normalised, token_scores
from digest.extract.headline import html_header, text_headline
from digest.lexicon import STOP_WORDS, vocab
from digest.model import Article
from digest.process import clean_article
from digest.text import tokens

EXCERPT_BYTES = 2000
"""Length of a corpus excerpt: most of the 90 corpus texts are cut at about 2,000 bytes."""
LINES_ABOVE_HEADLINE = (0,) * 37 + (1,) * 11 + (2,) * 5 + (3,) * 2 + (4, 6, 7)
"""Non-blank lines above the headline in the 58 corpus scrapes that show one (37 open with
it, 11 have one line above it, …): the shown variant starts as many lines above."""
GOLD_PARAGRAPH_MIN_CHARS = 20
"""Shorter paragraphs of the benchmark's body are not looked for in the excerpt."""
GOLD_PARAGRAPH_KEY_CHARS = 30
"""A body paragraph is in the excerpt when its first 30 characters are."""
ENGLISH_MIN_STOP_SHARE = 0.3
"""Share of English stop words above which a page's gold text is English (English news
prose runs 0.4-0.5; other languages well under 0.1)."""
HALF_ONE_DIGITS = frozenset("01234567")
"""First hex digits of the hashes of the pages in half 1."""

_BLOCKS = vocab(
    "p div h1 h2 h3 h4 h5 h6 li ul ol br tr section article header figure figcaption "
    "blockquote time dd dt table main aside form button"
)
_DROPPED = vocab("script style noscript template svg nav footer iframe select head")
_VOID = vocab("br img hr input meta link source wbr area col embed param track")
_NOT_THE_ARTICLES = re.compile(
    r"pic\.twitter\.com|\(@\w+\)|https?://t\.co/|^— .*\d{4}$|^©|^copyright\b|all rights reserved"
    r"|^\S*https?://\S+$",
    re.IGNORECASE,
)
"""Body paragraphs the benchmark counts as the article's and the corpus does not: embedded
posts, bare links, copyright lines."""
_SAID = re.compile(r"\bsaid\b")


class _Renderer(HTMLParser):
    """A page's `<body>` as a scraper renders it: one line per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.dropping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED and tag not in _VOID:
            self.dropping += 1
        elif tag in _BLOCKS and not self.dropping:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED and tag not in _VOID:
            self.dropping = max(0, self.dropping - 1)
        elif tag in _BLOCKS and not self.dropping:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.parts.append(data)


def render_lines(markup: str) -> list[str]:
    """The non-blank, whitespace-normalised lines a text scrape of the page shows."""
    renderer = _Renderer()
    renderer.feed(markup)
    renderer.close()
    lines = (" ".join(line.split()) for line in "".join(renderer.parts).split("\n"))
    return [line for line in lines if line]


@dataclass(frozen=True)
class Scrape:
    """One excerpt of a page: its text, the headline it shows ("" if cut off) and the
    article's own text in it under the corpus's conventions ("" if none or not English)."""

    name: str
    half: int
    text: str
    title: str
    clean: str
    news: bool


def scrapes(benchmark: Path) -> Iterator[Scrape]:
    """Both excerpts of every benchmark page whose headline is known and rendered."""
    for sha, _, markup, body in benchmark_pages(benchmark):
        headline = html_header(markup).title
        lines = render_lines(markup)
        key = normalised(headline)
        at = next((i for i, line in enumerate(lines) if key and normalised(line) == key), None)
        if at is None:
            continue
        draw = int(hashlib.sha1(sha.encode()).hexdigest(), 16) % len(LINES_ABOVE_HEADLINE)
        half = 1 if sha[0] in HALF_ONE_DIGITS else 2
        for variant, start, title in (
            ("shown", max(0, at - LINES_ABOVE_HEADLINE[draw]), lines[at]),
            ("cut", at + 1, ""),
        ):
            text = "\n".join(lines[start:]).encode()[:EXCERPT_BYTES].decode("utf-8", "ignore")
            clean = _gold_in(text, body)
            yield Scrape(
                f"{sha[:12]}.{variant}", half, text, title, clean, bool(_SAID.search(clean))
            )


def _gold_in(text: str, body: str) -> str:
    """The body paragraphs the excerpt holds (cut where the excerpt ends), the article's
    own under the corpus's conventions; "" when the page is not in English."""
    found = []
    for paragraph in (p.strip() for p in body.split("\n")):
        if len(paragraph) < GOLD_PARAGRAPH_MIN_CHARS or _NOT_THE_ARTICLES.search(paragraph):
            continue
        i = _paragraph_at(text, paragraph[:GOLD_PARAGRAPH_KEY_CHARS])
        if i >= 0:
            found.append(text[i : i + len(paragraph)])
    words = tokens(" ".join(found))
    if not words or sum(map(STOP_WORDS.__contains__, words)) / len(words) < ENGLISH_MIN_STOP_SHARE:
        return ""
    return "\n\n".join(found)


def _paragraph_at(text: str, opening: str) -> int:
    """Where the paragraph opening with `opening` starts in `text` (-1 if nowhere): at the
    start of a line, as a paragraph does, before anywhere else (a pull quote or caption
    above it may quote its opening words)."""
    if text.startswith(opening):
        return 0
    at = text.find("\n" + opening)
    return at + 1 if at >= 0 else text.find(opening)


def eval_scrapes(benchmark: Path, half: int | None = None) -> Iterable[str]:
    """Lines scoring headline finding and cleaning on the rendered excerpts, summaries last."""
    right = shown = made_up = cut = 0
    cleaning: dict[str, list[tuple[Scores, int, int]]] = {"all": [], "news": []}
    yield "excerpt\theadline found\tclean F1"
    for scrape in scrapes(benchmark):
        if half is not None and scrape.half != half:
            continue
        found = text_headline(scrape.text)
        if scrape.title:
            shown += 1
            right += normalised(found) == normalised(scrape.title)
        else:
            cut += 1
            made_up += bool(found)
        f1 = ""
        if scrape.clean:
            cleaned = clean_article(
                Article(id=scrape.name, path=f"{scrape.name}.txt", text=scrape.text, format="text")
            ).text
            scored = (
                token_scores(cleaned, scrape.clean),
                *boilerplate_removed(scrape.text, cleaned, scrape.clean),
            )
            cleaning["all"].append(scored)
            if scrape.news:
                cleaning["news"].append(scored)
            f1 = f"{scored[0].f1:.3f}"
        yield f"{scrape.name}\t{found}\t{f1}"
    yield (
        f"SUMMARY titles: excerpts showing a headline {shown}  right {right}  accuracy "
        f"{right / max(shown, 1):.4f}  excerpts without one {cut}  (a title found for "
        f"{made_up} of them)"
    )
    for name, rows in cleaning.items():
        removed, total = sum(r[1] for r in rows), sum(r[2] for r in rows)
        yield (
            f"SUMMARY clean ({name}): excerpts {len(rows)}  precision "
            f"{fmean([r[0].precision for r in rows] or [0]):.4f}  recall "
            f"{fmean([r[0].recall for r in rows] or [0]):.4f}  "
            f"F1 {fmean([r[0].f1 for r in rows] or [0]):.4f}  "
            f"boilerplate tokens removed {removed}/{total} = {removed / max(total, 1):.4f}  "
            f"below 0.90: {sum(r[0].f1 < 0.9 for r in rows)}"
        )
