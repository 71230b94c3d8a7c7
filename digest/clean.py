"""The article cleaner: scraped page text in, the article's own prose out.

`clean_text` keeps the story's paragraphs and drops what the page wrapped around them
(headline, navigation, captions, bylines, timestamps, teasers, paywall and subscription
prompts, prices, share bars, notices, embedded posts, inline hover-card junk), recording
every removal with a reason. It only ever deletes: the output's word tokens are a
sub-multiset of the input's. `html_to_text` turns an HTML page into one-paragraph-per-line
text for it, and `learn_templates` finds each outlet's recurring boilerplate lines.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from digest import clean_rules as R
from digest.model import CleanResult, Removal

__all__ = [
    "CLEANER_VERSION",
    "OutletTemplate",
    "clean_text",
    "html_to_text",
    "learn_templates",
]

CLEANER_VERSION = "1.0.0"

_WORD = re.compile(r"\w+")
_WS = re.compile(r"\s+")
_QUOTED = re.compile(r"“[^”]{0,400}”|\"[^\"]{0,400}\"")
_LETTER = re.compile(r"[^\W\d_]")
_ELLIPSIS_END = re.compile(r"(?:\.\.\.|…)\s*$")
_CONTINUATION_START = re.compile(r"^(?:\.{2,}|…)")
_LABELLED_DATE = re.compile(r"\b(?:published|updated|posted)\s*:?\s*(?:on\s+)?\d", re.I)
_YEAR = re.compile(r"\d{4}|\d[./]\d")
_EMBED_TRIGGERS = ("pic.twitter", "instagram", "a post shared", "tiktok", "view on", "embed")
_CONTACT_TRIGGERS = ("@", "reached at", "follow ", "contact ")
_TABLE_ROW = re.compile(r"^\|(?:[^|\n]*\|){2,}\s*$")
_INNER_SENTENCE_END = re.compile(r"[a-z0-9][.!?][\"”’]?\s+[A-Z]")

# How many words make a line "real prose" for the purpose of finding the story's body.
_PROSE_WORDS = 8
# How far down the page (non-blank lines) the headline, standfirst and dateline are looked for.
_HEADER_SPAN = 14


@dataclass(frozen=True)
class OutletTemplate:
    """An outlet's learned boilerplate: normalised whole lines, and phrases marking a line."""

    lines: frozenset[str] = frozenset()
    phrases: tuple[str, ...] = field(default=())


@dataclass
class _Line:
    """One paragraph-sized line of the input and what the cleaner decided about it."""

    text: str
    words: int
    kind: str = "prose"  # prose | short | junk | headline | dateline | bullet | intro
    reason: str = ""
    keep: bool = False
    strong: bool = False  # long, sentence-ended prose: evidence of the article body


# ---------------------------------------------------------------------------------------------
# Public API


def clean_text(
    text: str, *, title: str = "", template: OutletTemplate | None = None
) -> CleanResult:
    """The article's own prose from scraped text, and every line or span removed (with why).

    Paragraphs in the result are separated by exactly one blank line; the headline is
    excluded. Never raises: on any internal failure the whitespace-normalised input lines
    are returned.
    """
    try:
        text = text if isinstance(text, str) else str(text)
        title = title if isinstance(title, str) else ""
        removed: list[Removal] = []
        out, rem = _clean_once(text, title, template)
        removed.extend(rem)
        # Repeat until nothing more comes off, so cleaning is idempotent: a rule that depends
        # on a neighbour may fire only once that neighbour is gone.
        for _ in range(4):
            again, rem = _clean_once(out, title, template)
            if again == out:
                break
            removed.extend(rem)
            out = again
        return CleanResult(text=out, removed=tuple(removed))
    except Exception:  # the cleaner must never take the build down
        lines = [_WS.sub(" ", ln).strip() for ln in str(text).splitlines()]
        return CleanResult(text="\n\n".join(ln for ln in lines if ln), removed=())


def html_to_text(html: str) -> str:
    """Plain text of an HTML page's main content, one paragraph per line ('' if none)."""
    try:
        import trafilatura  # imported lazily: heavy, and only the HTML path needs it

        out = trafilatura.extract(
            html,
            output_format="txt",
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            favor_recall=True,
            deduplicate=False,
        )
        return out or ""
    except Exception:  # malformed markup must not stop a build
        return ""


def learn_templates(
    texts_by_outlet: Mapping[str, Sequence[str]],
    hints: Mapping[str, Sequence[str]] | None = None,
) -> dict[str, OutletTemplate]:
    """Each outlet's boilerplate: lines recurring across its otherwise different articles.

    A line counts when it recurs in at least two groups of the outlet's articles that are not
    copies of one another (syndicated or re-scraped copies share all their prose), or when it
    recurs at all and is short and unpunctuated like page furniture. Long sentence-like lines
    must recur in a good share of the outlet's articles, so a background paragraph reused by
    two stories is not mistaken for boilerplate. `hints` adds phrases per outlet.
    """
    result: dict[str, OutletTemplate] = {}
    try:
        hints = hints or {}
        for outlet in set(texts_by_outlet) | set(hints):
            texts = [t for t in texts_by_outlet.get(outlet, ()) if isinstance(t, str)]
            phrases = tuple(
                sorted({_WS.sub(" ", p).strip().lower() for p in hints.get(outlet, ()) if p})
            )
            phrases = tuple(p for p in phrases if p)
            lines = _template_lines(texts)
            if lines or phrases:
                result[outlet] = OutletTemplate(lines=frozenset(lines), phrases=phrases)
    except Exception:  # learning is an optimisation; never fail the build over it
        return result
    return result


# ---------------------------------------------------------------------------------------------
# Template learning


def _template_key(line: str) -> str:
    """A line's identity for template matching: case, spacing and digits ignored."""
    return re.sub(r"\d", "0", _WS.sub(" ", line).strip().lower())


def _template_lines(texts: Sequence[str]) -> set[str]:
    """Lines recurring across an outlet's articles in a way only boilerplate does."""
    if len(texts) < 2:
        return set()
    keysets: list[set[str]] = []
    for t in texts:
        keys = set()
        for raw in t.splitlines():
            k = _template_key(raw)
            if k and _WORD.search(k):
                keys.add(k)
        keysets.append(keys)
    # Group copies of one story together (union-find on line-set overlap).
    parent = list(range(len(texts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            a, b = keysets[i], keysets[j]
            if a and b and len(a & b) / min(len(a), len(b)) >= 0.5:
                parent[find(i)] = find(j)
    groups: dict[int, set[str]] = {}
    doc_df: Counter[str] = Counter()
    for i, keys in enumerate(keysets):
        groups.setdefault(find(i), set()).update(keys)
        doc_df.update(keys)
    group_df: Counter[str] = Counter()
    for keys in groups.values():
        group_df.update(keys)
    n_groups = len(groups)
    out: set[str] = set()
    for key, df in doc_df.items():
        if df < 2:
            continue
        words = len(_WORD.findall(key))
        sentence_like = words >= _PROSE_WORDS and key[-1] in R.TERMINAL
        if sentence_like:
            if words <= 45 and group_df[key] >= max(2, math.ceil(0.5 * n_groups)):
                out.add(key)
        elif group_df[key] >= 2 or words <= 6:
            out.add(key)
    return out


# ---------------------------------------------------------------------------------------------
# Cleaning


def _clean_once(
    text: str, title: str, template: OutletTemplate | None
) -> tuple[str, list[Removal]]:
    """One pass of the cleaner over `text`."""
    removed: list[Removal] = []
    raw_lines = _prepare_lines(text, removed)
    lines = [_classify(t, title, template) for t in raw_lines]
    _decide(lines, removed)
    kept = [ln.text for ln in lines if ln and ln.keep]
    return "\n\n".join(kept), removed


def _norm_ws(s: str) -> str:
    return _WS.sub(" ", s).strip()


def _ends_sentence(s: str) -> bool:
    """Whether `s` ends like a sentence (a closing quote counts after punctuation only)."""
    if not s or s[-1] not in R.TERMINAL:
        return False
    if s[-1] in R.CLOSERS:
        body = s.rstrip("".join(R.CLOSERS))
        return bool(body) and body[-1] in ".!?,…:;-—–。！？"
    return True


def _prepare_lines(text: str, removed: list[Removal]) -> list[str]:
    """Input lines with whitespace normalised, hard wraps rejoined and inline junk cut out.

    Blank lines are kept as '' so paragraph boundaries stay visible.
    """
    lines = [_norm_ws(ln) for ln in text.splitlines()]
    # A scraper's date prefix on the first line.
    for i, ln in enumerate(lines):
        if not ln:
            continue
        m = R.LEADING_DATE_PREFIX.match(ln)
        if m and m.end() > 0:
            removed.append(Removal(ln[: m.end()].strip(), "timestamp"))
            lines[i] = ln[m.end() :].strip()
        break
    lines = _rejoin_hard_wraps(lines)
    out = []
    for ln in lines:
        if not ln:
            out.append("")
            continue
        cleaned, cut = _clean_spans_cached(ln)
        removed.extend(cut)
        out.append(cleaned)
    return out


@lru_cache(maxsize=16384)
def _clean_spans_cached(line: str) -> tuple[str, tuple[Removal, ...]]:
    cut: list[Removal] = []
    return _clean_spans(line, cut), tuple(cut)


def _rejoin_hard_wraps(lines: list[str]) -> list[str]:
    """Paragraphs a source broke every ~70 characters, joined back into one line each.

    Also handles sources that put a blank line after every wrapped line ("double-spaced").
    Wrapping shows as lines of nearly equal length that stop mid-sentence, the sentence
    going on (often in lower case) on the next line.
    """
    content = [ln for ln in lines if ln]
    lengths = sorted(len(ln) for ln in content)
    if len(lengths) < 4 or any(R.CJK.search(ln) for ln in content[:50]):
        return lines  # CJK lines are short because the script is dense, not wrapped
    width = lengths[int(0.8 * (len(lengths) - 1))]
    if not 45 <= width <= 100 or lengths[-1] > 160:
        return lines
    followed_by_blank = sum(1 for a, b in itertools.pairwise(lines) if a and not b)
    double_spaced = followed_by_blank >= 0.75 * len(content)
    seq = content if double_spaced else lines
    low = (0.5 if double_spaced else 0.75) * width

    def wraps(a: str, b: str) -> bool:
        return (
            bool(a and b)
            and len(a) >= low
            and not _ends_sentence(a)
            and not a.startswith("|")
            and not R.BULLET.match(b)
        )

    pairs = list(itertools.pairwise(seq))
    breaks = [b for a, b in pairs if wraps(a, b)]
    lower_starts = sum(1 for b in breaks if b[:1].islower())
    full = sum(1 for n in lengths if n >= low)
    if len(breaks) < 2 or len(breaks) < 0.4 * full or (lower_starts < 2 and not double_spaced):
        return lines
    out: list[str] = []
    prev = ""
    for ln in seq:
        if out and prev and wraps(prev, ln):
            out[-1] = f"{out[-1]} {ln}"
        else:
            if double_spaced and out:
                out.append("")
            out.append(ln)
        prev = ln
    return out


def _clean_spans(line: str, removed: list[Removal]) -> str:
    """The line with inline junk (hover cards, glued prompts, credits, images) cut out."""
    if line.startswith("|") and line.count("|") >= 2:
        # A layout table holding prose: keep the cells' text, drop the rules between them.
        cells = [c.strip() for c in line.split("|")]
        if max(len(_WORD.findall(c)) for c in cells) >= 12:
            line = " ".join(c for c in cells if c)
    m = R.GLUED_DATE_PREFIX.match(line)
    if m and len(line) > m.end() + 20:
        removed.append(Removal(line[: m.end()].strip(" |"), "timestamp"))
        line = line[m.end() :].lstrip(" |")
    if "!" in line or "{{" in line:
        line = _cut(line, R.INLINE_JUNK, "image or placeholder", removed)
    if R.GLUED_CASE.search(line):
        if " MORE" in line:
            line = _cut_group(line, R.HOVER_CARD_MORE, "repeated name", removed)
        line = _cut_group(line, R.HOVER_CARD_PLAIN, "repeated name", removed)
    # A call to action glued before or after the prose ("Click here to donate!The two ...").
    if len(line) > 60 and line[0] != "[" and _may_have_keywords(line):
        line = _strip_glued_prompts(line, removed)
    # Only the line's tail can hold a trailing credit; searching just it is much cheaper.
    tail_at = max(0, len(line) - 60)
    m = R.TRAILING_CREDIT.search(line, tail_at)
    if m and len(_WORD.findall(line)) > 6:
        tag = m.group(0).strip()
        if tag.strip("()-–— ") not in R.NOT_PLACES or tag in ("AP", "AFP", "UPI"):
            removed.append(Removal(tag, "credit"))
            line = line[: m.start()].rstrip()
    return _norm_ws(line)


def _strip_glued_prompts(line: str, removed: list[Removal]) -> str:
    """The line without reader prompts glued to its first or last sentence.

    Left whole when what would remain is boilerplate too (the line then goes as a unit).
    """
    cuts = [0, *(m.end() for m in R.SENTENCE_SPLIT.finditer(line)), len(line)]
    if len(cuts) <= 2:
        return line
    lo, hi = 0, len(cuts) - 1
    while hi - lo > 1 and _is_cta_sentence(line[cuts[lo] : cuts[lo + 1]]):
        lo += 1
    while hi - lo > 1 and _is_cta_sentence(line[cuts[hi - 1] : cuts[hi]]):
        hi -= 1
    if lo == 0 and hi == len(cuts) - 1:
        return line
    rest = line[cuts[lo] : cuts[hi]]
    rest_words = len(_WORD.findall(rest))
    if rest_words < 12 or _junk_reason(_norm_ws(rest), rest_words):
        return line
    for a, b in itertools.pairwise(cuts):
        if b <= cuts[lo] or a >= cuts[hi]:
            removed.append(Removal(line[a:b].strip(), "call to action"))
    return rest


def _cut(line: str, pattern: re.Pattern[str], reason: str, removed: list[Removal]) -> str:
    def repl(m: re.Match[str]) -> str:
        removed.append(Removal(m.group(0), reason))
        return " "

    return pattern.sub(repl, line)


def _cut_group(line: str, pattern: re.Pattern[str], reason: str, removed: list[Removal]) -> str:
    """Remove the `card` group of each match, keeping what precedes it."""

    def repl(m: re.Match[str]) -> str:
        removed.append(Removal(m.group("card"), reason))
        return m.group("last") + " "

    return pattern.sub(repl, line)


def _is_cta_sentence(s: str) -> bool:
    """A sentence addressed to the reader: an imperative prompt with a boilerplate keyword."""
    s = s.strip()
    if not s or s[0] in "“\"'‘":
        return False
    if R.CALL_TO_ACTION.match(s) and _keyword_hits(s):
        return True
    if R.CALL_TO_ACTION_STRICT.match(s) and len(_WORD.findall(s)) <= 20:
        return True
    return len(set(_keyword_hits(s))) >= 2


def _may_have_keywords(s: str) -> bool:
    """Cheap pre-test: False only when no keyword pattern can match `s`."""
    return any(c in s for c in R.ALL_TRIGGER_CHARS) or not R.ALL_TRIGGER_WORDS.isdisjoint(
        _WORD.findall(s.lower())
    )


@lru_cache(maxsize=8192)
def _keyword_hits(s: str) -> tuple[str, ...]:
    """Boilerplate keyword classes found in `s` (up to three hits each), quotations left out."""
    bare = _QUOTED.sub(" ", s) if ("“" in s or '"' in s) else s
    words = set(_WORD.findall(bare.lower()))
    hits: list[str] = []
    for reason, rx, trigger_words, trigger_chars in R.KEYWORD_TRIGGERS:
        if trigger_words.isdisjoint(words) and not any(c in bare for c in trigger_chars):
            continue
        hits.extend(reason for _ in zip(range(3), rx.finditer(bare), strict=False))
    return tuple(hits)


def _title_key(s: str) -> str:
    return " ".join(_WORD.findall(s.lower()))


def _matches_title(line: str, title_key: str) -> bool:
    if not title_key:
        return False
    key = _title_key(line)
    if not key:
        return False
    if key == title_key:
        return True
    # Wrapped (CDATA, a bullet, a section label) or slightly reworded copies of the headline.
    if len(title_key) >= 20 and title_key in key and len(key) <= len(title_key) * 1.3 + 12:
        return True
    a, b = set(key.split()), set(title_key.split())
    return len(a) >= 4 and len(a & b) / len(a | b) >= 0.8


def _classify(text: str, title: str, template: OutletTemplate | None) -> _Line | None:
    """A line's kind from its own content alone (context comes later, in `_decide`)."""
    if not text:
        return None
    kind, reason, strong, words = _classify_cached(text, _title_key(title), template)
    return _Line(text=text, words=words, kind=kind, reason=reason, strong=strong)


@lru_cache(maxsize=16384)
def _classify_cached(
    text: str, title_key: str, template: OutletTemplate | None
) -> tuple[str, str, bool, int]:
    """`_classify_line` as a hashable tuple, cached: the cleaner's repeat passes see the same
    lines again."""
    ln = _classify_line(text, title_key, template)
    return ln.kind, ln.reason, ln.strong, ln.words


def _classify_line(text: str, title_key: str, template: OutletTemplate | None) -> _Line:
    words = _word_count(text)
    ln = _Line(text=text, words=words)
    low = text.lower()
    in_template = template is not None and (
        _template_key(text) in template.lines or any(p in low for p in template.phrases)
    )
    if _matches_title(text, title_key):
        ln.kind, ln.reason = "headline", "headline"
        return ln
    if words == 0 or not _LETTER.search(text):
        return _junk(ln, "navigation" if words == 0 else "number")
    reason = _junk_reason(text, words)
    if reason:
        return _junk(ln, reason)
    if in_template:
        return _junk(ln, "outlet template")
    if _TABLE_ROW.match(text):
        ln.kind, ln.reason = "table", "table"
        return ln
    bullet = R.BULLET.match(text)
    if bullet and bullet.end() < len(text):
        inner = text[bullet.end() :]
        ln.kind = "bullet"
        ln.strong = False
        ln.reason = "summary bullet"
        if _junk_reason(inner, words):
            return _junk(ln, _junk_reason(inner, words))
        return ln
    if R.DATELINE_ONLY.match(text) and words <= 4 and text not in R.NOT_PLACES:
        ln.kind, ln.reason = "dateline", "label"
        return ln
    if _ends_sentence(text):
        if text.endswith(":") and not text.endswith("::"):
            ln.kind, ln.reason = "intro", "label"
            return ln
        ln.kind = "prose"
        ln.strong = words >= _PROSE_WORDS and (
            _stopword_share(text) >= 0.12 or bool(R.CJK.search(text))
        )
        ln.reason = "standfirst"
        if _ELLIPSIS_END.search(text) and words < 40:
            ln.reason = "teaser"
        return ln
    if (
        words >= 20
        and _INNER_SENTENCE_END.search(text)
        and _stopword_share(text) >= 0.25
        and not _all_capitalised(text)
    ):
        # A paragraph that lost its final stop (cut short, or a missing period).
        ln.kind, ln.reason = "prose", "unfinished paragraph"
        return ln
    ln.kind = "short"
    ln.reason = _short_reason(text, words)
    return ln


def _junk(ln: _Line, reason: str) -> _Line:
    ln.kind, ln.reason = "junk", reason
    return ln


def _word_count(text: str) -> int:
    """Words in `text`; for CJK scripts, two characters count as a word."""
    n = len(_WORD.findall(text))
    cjk = len(R.CJK.findall(text))
    return n + cjk // 2 if cjk else n


def _stopword_share(text: str) -> float:
    toks = _WORD.findall(text.lower())
    return sum(t in R.STOPWORDS for t in toks) / len(toks) if toks else 0.0


def _short_reason(text: str, words: int) -> str:
    """Why an unpunctuated line is not prose."""
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.8:
        return "subhead"
    if words <= 3:
        return "navigation"
    return "teaser"


@lru_cache(maxsize=8192)
def _junk_reason(text: str, words: int) -> str:
    """Why a line is boilerplate whatever surrounds it, or '' when it may be prose."""
    low = text.lower()
    if ("(@" in text and R.EMBED_SIGNATURE.search(text)) or (
        any(t in low for t in _EMBED_TRIGGERS) and R.EMBED_MISC.search(text)
    ):
        return "embedded post"
    if R.PRICE.match(text) or (words <= 8 and R.PRICE_INLINE.search(text)):
        return "price"
    if _CONTINUATION_START.match(text):
        return "embedded post"
    if text[0] == "[" and not _ends_sentence(text.rstrip("]")):
        return "teaser"
    if words <= 70:
        # On long lines only the tail is searched: a caption ends with its credit.
        m = R.CAPTION_CREDIT.search(text, 0 if words <= 25 else max(0, len(text) - 90))
        # On long lines a credit must close the line, as captions end with theirs.
        if m and (words <= 25 or m.start() >= len(text) - 90) and not _is_dateline_start(text):
            return "caption"
        if words <= 15 and R.CAPTION_CREDIT_WEAK.search(text):
            return "caption"
        if (text[0] not in "“\"'‘" and R.DATE_WITH_YEAR.search(text)) or R.CAPTION_POSITION.search(
            text
        ):
            first = " ".join(text.split()[:20])
            if R.CAPTION_VERB.search(first) and text[0] not in "“\"'‘":
                return "caption"
    if words <= 14:
        if R.BYLINE.match(text) or (R.BYLINE_I.match(text) and not _ends_sentence(text)):
            return "byline"
        if (
            R.TIMESTAMP_LABEL.match(text)
            or R.READING_TIME.search(text)
            or _LABELLED_DATE.search(text)
        ):
            return "timestamp"
        if _is_timestamp(text):
            return "timestamp"
        if ("|" in text or not _ends_sentence(text)) and R.ROLE_WORDS.search(text):
            return "byline"
    if words <= 60 and (
        R.AUTHOR_BIO.match(text)
        or (any(t in low for t in _CONTACT_TRIGGERS) and R.CONTACT.search(text))
    ):
        return "author bio"
    if text.startswith("(") and text.endswith(")") and words <= 8:
        return "credit"
    if R.CALL_TO_ACTION_STRICT.match(text) and words <= 20:
        return "call to action"
    hits = _keyword_hits(text)
    if hits:
        strong = [h for h in hits if h in R.STRONG_CLASSES]
        if strong and words <= 60:
            return strong[0]
        if words <= 14 or (R.CALL_TO_ACTION.match(text) and words <= 30):
            return hits[0]
        if len(hits) >= 2 and words <= 60:
            return hits[0]
        if len(hits) >= 3:
            return hits[0]
    return ""


def _is_timestamp(text: str) -> bool:
    if not (R.DATE_WITH_YEAR.search(text) or R.HAS_TIME.search(text)):
        return False
    rest = R._DATE_TOKEN.sub(" ", text)
    rest = R.DATE_WITH_YEAR.sub(" ", rest)
    return len(_WORD.findall(rest)) <= 3


def _is_dateline_start(text: str) -> bool:
    m = R.DATELINE_START.match(text)
    if not m:
        return False
    head = _WORD.findall(m.group(0))
    if not head:
        return False
    first = m.group(0).split()[0].strip("[(,:-–—")
    return first not in R.NOT_PLACES and len(text) - m.end() > 20


def _decide(lines: list[_Line | None], removed: list[Removal]) -> None:
    """Decide which lines to keep, using each line's neighbours and place on the page."""
    idx = [i for i, ln in enumerate(lines) if ln is not None]
    if not idx:
        return
    items: list[_Line] = [lines[i] for i in idx]  # type: ignore[misc]
    n = len(items)

    # Adjacent identical lines are a caption printed twice (image alt text + caption) or a
    # standfirst repeated by the page template: neither is story prose.
    for a in range(n - 1):
        if _dup_key(items[a].text) == _dup_key(items[a + 1].text) and items[a].kind != "junk":
            for x in (items[a], items[a + 1]):
                if x.kind != "junk":
                    _junk(x, "caption" if x.kind in ("prose", "short") else x.reason or "repeat")

    start = _body_start(items)
    for j in range(start):
        it = items[j]
        if it.kind in ("prose", "bullet", "intro") and it.reason not in ("teaser",):
            it.reason = "standfirst" if it.kind != "bullet" else "summary bullet"
        it.keep = False

    seen_prose = False
    for j in range(start, n):
        it = items[j]
        nxt = _next_content(items, j)
        if it.kind == "prose":
            if it.reason == "teaser" and not seen_prose:
                it.keep = False
                continue
            it.keep = True
            seen_prose = True
        elif it.kind == "dateline":
            it.keep = not seen_prose and nxt is not None and nxt.kind == "prose"
            it.reason = "label" if not it.keep else it.reason
        elif it.kind == "bullet":
            inner = R.BULLET.sub("", it.text, count=1)
            # A list inside the story (prose above and below it) is part of it; one trailing
            # after the story is usually links to other stories.
            # With no page header found (text already extracted from HTML, say), a list
            # opening the text is the story's, not a summary under a headline.
            it.keep = (
                (seen_prose or (start == 0 and not any(x.kind == "junk" for x in items[:j])))
                and it.words >= 2
                and (
                    _ends_sentence(inner) or inner[:1].islower() or _has_strong_after(items, j + 1)
                )
            )
        elif it.kind == "table":
            it.keep = seen_prose and any(
                items[k].kind == "table" for k in (j - 1, j + 1) if 0 <= k < n
            )
        elif it.kind == "intro":
            it.keep = it.words >= 3 and nxt is not None and (seen_prose or nxt.strong)
        else:
            it.keep = False

    _keep_inner_lists(items, start)

    # The corpus cuts pages mid-sentence: a last line that simply continues the prose above
    # it is the story's final paragraph, unfinished.
    last = items[-1]
    if (
        not last.keep
        and last.kind == "short"
        and n >= 2
        and not _all_capitalised(last.text)
        and (
            (items[-2].keep and items[-2].kind == "prose")
            or (last.words >= 10 and _stopword_share(last.text) >= 0.25)
        )
    ):
        last.keep = True

    # Repeated prose: a copy of a line kept just above it, or an embedded post restating a
    # quote. Pull quotes and re-printed posts sit next to their source, so only the last two
    # kept lines are compared (an interview may legitimately repeat a question further on),
    # and only prose-length lines (list items legitimately repeat).
    recent: list[set[str]] = []
    for j, it in enumerate(items):
        if not it.keep:
            continue
        toks = set(_WORD.findall(it.text.lower()))
        if (
            it.words >= 12
            and it.kind == "prose"
            and any(_contained(toks, prev) for prev in recent[-2:])
        ):
            it.keep, it.reason = False, "repeat"
            continue
        # The post text just above an embed signature ("— Name (@handle) date").
        nxt = items[j + 1] if j + 1 < n else None
        if nxt is not None and nxt.reason == "embedded post" and R.EMBED_SIGNATURE.match(nxt.text):
            it.keep, it.reason = False, "embedded post"
            continue
        recent.append(toks)

    for it in items:
        if not it.keep:
            removed.append(Removal(it.text, it.reason or "boilerplate"))


def _keep_inner_lists(items: list[_Line], start: int) -> None:
    """Keep runs of three or more unpunctuated lines set inside the story as a list.

    Subheads and inline teasers come one at a time, topic labels are a word or two, and
    related-story lists follow a label ("Related", "Read more") or trail after the story;
    a run of longer items with story prose directly above and below is the story's own list.
    """
    n = len(items)
    j = start
    while j < n:
        if items[j].kind != "short" or items[j].keep:
            j += 1
            continue
        k = j
        while k < n and items[k].kind == "short" and not items[k].keep:
            k += 1
        run = items[j:k]
        prev = items[j - 1] if j > start else None
        if (
            len(run) >= 3
            and sum(it.words for it in run) / len(run) >= 4
            and prev is not None
            and prev.keep
            and prev.kind in ("prose", "intro")
            and k < n
            and items[k].keep
            and items[k].strong
        ):
            for it in run:
                it.keep = True
        j = k


def _dup_key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _contained(a: set[str], b: set[str]) -> bool:
    """Whether nearly all of `a`'s distinct tokens also occur in `b`."""
    return bool(a) and len(a & b) / len(a) >= 0.85


def _all_capitalised(text: str) -> bool:
    ws = [w for w in text.split() if _LETTER.search(w)]
    return len(ws) >= 3 and all(w[0].isupper() or not w[0].isalpha() for w in ws)


def _next_content(items: list[_Line], j: int) -> _Line | None:
    """The next line after `j` that is not already known boilerplate."""
    for k in range(j + 1, len(items)):
        if items[k].kind != "junk":
            return items[k]
    return None


def _body_start(items: list[_Line]) -> int:
    """Index of the first line of the story body; everything before it is page header."""
    n = len(items)
    strong_after = [0] * (n + 1)
    for j in range(n - 1, -1, -1):
        strong_after[j] = strong_after[j + 1] + (items[j].words if items[j].strong else 0)
    strong_before = 0
    start = 0
    # 1. The headline: body text starts after its last copy near the top.
    for j, it in enumerate(items):
        if it.kind == "headline" and strong_before < strong_after[j + 1]:
            start = j + 1
        if it.strong:
            strong_before += it.words
    if start == 0:
        start = _guess_headline(items) + 1
    # 2. A dateline opens the story: what lies between headline and dateline is a standfirst,
    # captions, bylines and the like.
    strong_seen = 0
    for j in range(start, min(n, start + _HEADER_SPAN)):
        it = items[j]
        if it.kind == "dateline" or (it.kind == "prose" and _is_dateline_start(it.text)):
            if strong_seen <= 2:
                return j
            break
        if it.strong:
            strong_seen += 1
    # 3. A standfirst: a lone sentence under the headline, set apart from the story by a
    # byline or timestamp.
    for j in range(start, min(n, start + _HEADER_SPAN)):
        it = items[j]
        if it.kind != "prose":
            continue
        if it.reason == "teaser":
            return j + 1 if _has_strong_after(items, j + 1) else start
        k = j + 1
        header_between = False
        while k < n and items[k].kind != "prose":
            if items[k].reason in ("byline", "timestamp", "headline"):
                header_between = True
            k += 1
        if header_between and k < n and _has_strong_after(items, k):
            return k
        break
    return start


def _has_strong_after(items: list[_Line], j: int) -> bool:
    return any(it.strong for it in items[j:])


def _guess_headline(items: list[_Line]) -> int:
    """Index of a headline-like line above the story when no title is known, else -1.

    A headline is an unpunctuated line of six or more words standing above the first
    sentence-like paragraph, with prose following it.
    """
    best = -1
    for j in range(min(len(items), _HEADER_SPAN)):
        it = items[j]
        if it.strong:
            break
        if (
            it.kind == "short"
            and it.words >= 6
            and it.reason != "subhead"
            and _has_strong_after(items, j + 1)
        ):
            best = j
    return best


def _next_prose_is_strong(items: list[_Line], j: int) -> bool:
    for k in range(j + 1, min(len(items), j + 4)):
        if items[k].kind == "junk":
            continue
        return items[k].strong
    return False
