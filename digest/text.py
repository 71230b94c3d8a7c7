"""Small text helpers shared by the stages: sentences, tokens, similarity."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from digest.lexicon import (
    ABBREVIATIONS,
    INTERFACE_PHRASES,
    RELATIVE_OPENERS,
    STOP_WORDS,
    TIME_NOUNS,
    UNRESOLVED_OPENINGS,
)

_WORD = re.compile(r"\w+")
# A blank line (possibly holding spaces) separates paragraphs in cleaned text.
_PARA_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")

# A sentence ends at . ! ? (optionally followed by closing marks) before a space and a capital
# or an opening mark. Digits are left out on purpose: "Jan. 1" and "No. 2" are not ends.
# "[.!?…][.!?…]*", not "[.!?…]+": a pattern opening with a character class is searched by
# the engine's quick scan for that class (a third faster on news paragraphs).
_SENTENCE_END = re.compile(
    r"[.!?…][.!?…]*[\"'”’»″)\]]*\s+(?=[\"'“‘«(\[]?[A-Z\u00C0-\u024F\u0410-\u042F\ue000])"
)

_LAST_WORD = re.compile(r"([\w.]+)\.?[\"'”’)\]]*$")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each non-blank paragraph of `text`."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _PARA_BREAK.finditer(text):
        if text[start : match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences in text[start:end], abbreviations respected."""
    spans: list[tuple[int, int]] = []
    begin = start
    for match in _SENTENCE_END.finditer(text, start, end):
        head = text[max(begin, match.start() - 24) : match.start() + 1]
        word = _LAST_WORD.search(head)
        if word:
            token = word.group(1).lower().rstrip(".")
            # A single capital initial ("J.") or a known abbreviation does not end a sentence.
            if token in ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                continue
        spans.append((begin, match.end()))
        begin = match.end()
    if begin < end:
        spans.append((begin, end))
    return spans


def tokens(text: str) -> list[str]:
    """Lower-cased `\\w+` tokens, the unit every score in this project counts."""
    return _WORD.findall(text.lower())


def content_words(text: str) -> set[str]:
    """The words of `text` that carry meaning (no stop words, bare numbers or the "s" of
    "China's")."""
    return {w for w in tokens(text) if w not in STOP_WORDS and not w.isdigit() and len(w) > 1}


def paragraphs(text: str) -> list[str]:
    """Paragraphs of a cleaned text (separated by blank lines), whitespace-joined."""
    return [" ".join(text[start:end].split()) for start, end in paragraph_spans(text)]


def sentences(paragraph: str) -> list[str]:
    """The sentences of one paragraph (abbreviations and initials do not end one)."""
    return [
        sentence
        for start, end in sentence_spans(paragraph, 0, len(paragraph))
        if (sentence := paragraph[start:end].strip())
    ]


def jaccard(a: set[str], b: set[str]) -> float:
    """Jaccard similarity of two sets (0 when both are empty)."""
    shared = len(a & b)
    union = len(a) + len(b) - shared  # counted, not built: pairs are compared by the million
    return shared / union if union else 0.0


class SimilarSets:
    """Finds an earlier word set with Jaccard similarity at or above a threshold, fast.

    Prefix filtering: two sets that similar must share a word among the first few of each in
    a fixed order, so only sets sharing such a word are compared. Ordering words rarest first
    (by `frequency`, when the caller knows it) keeps those shared-word buckets small.
    """

    def __init__(self, threshold: float, frequency: Mapping[str, int] | None = None) -> None:
        self.threshold = threshold
        self.frequency = frequency or {}
        self.sets: list[set[str]] = []
        self.index: dict[str, list[int]] = {}
        self.exact: set[frozenset[str]] = set()
        self.order: dict[str, tuple[int, int, str]] = {}
        """Each word's place in the fixed order, worked out once (every set is sorted by it)."""

    def _prefix(self, words: set[str]) -> list[str]:
        for word in words - self.order.keys():
            self.order[word] = (self.frequency.get(word, 0), -len(word), word)
        ordered = sorted(words, key=self.order.__getitem__)
        keep = len(ordered) - math.ceil(self.threshold * len(ordered)) + 1
        return ordered[:keep]

    def find(self, words: set[str]) -> int | None:
        """The position of the first added set similar to `words`, or None."""
        seen: set[int] = set()
        for word in self._prefix(words):
            seen.update(self.index.get(word, ()))
        for position in sorted(seen):
            if jaccard(words, self.sets[position]) >= self.threshold:
                return position
        return None

    def has_similar(self, words: set[str]) -> bool:
        """Whether an added set is similar to `words` (an identical one is found at once)."""
        return (bool(words) and frozenset(words) in self.exact) or self.find(words) is not None

    def add(self, words: set[str]) -> int:
        """Remember `words`; returns its position."""
        position = len(self.sets)
        self.sets.append(words)
        self.exact.add(frozenset(words))
        for word in self._prefix(words):
            self.index.setdefault(word, []).append(position)
        return position


# --- Whether a sentence can stand alone on a page --------------------------------------------
# A round page lifts sentences out of their articles; these tests say which survive the move.

_DEMONSTRATIVES = frozenset(["this", "that", "these", "those"])

_DATELINE = re.compile(
    r"""^(?:
        [A-Z][A-Z.'’/\- ]*[A-Z.]                      # BEIJING, NEW YORK, WASHINGTON/BEIJING
        (?:,\s*[A-Z][A-Za-z.]*(?:\s+\d{1,2})?(?:,\s*\d{4})?)?   # , May 10 / , Calif.
        \s*(?:\([A-Za-z][\w .&/’'-]{0,30}\))?         # (Reuters)
      | [A-Z][\w.'’ -]{1,30}?(?:,\s*[\w. ]{1,20})?\s*\([A-Za-z][\w .&/’'-]{0,30}\)   # Beijing (AFP)
      | \([A-Za-z][\w .&/’'-]{0,30}\)                 # (Reuters) alone
    )(?:\s+(?:-{1,2}|—|–)\s*|\s*(?:-{1,2}|—|–|:)\s+)
    | ^\[[A-Z][A-Z .,'’/-]+\]\s*                      # [BEIJING]
    | ^[A-Z][A-Z.'’\- ]*[A-Z.],\s*[A-Z][a-z]+\.?\s+\d{1,2}\.?\s*/[A-Za-z][\w .&-]{0,30}/\.?\s+
                                                    # MOSCOW, December 31. /TASS/.
    | ^[A-Z]{3,}[A-Z.'’/\- ]*(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?—(?=[A-Z])  # OSAKA, Japan—""",
    re.VERBOSE,
)
"""A dateline opening a story ("BEIJING (Reuters) - ", "WASHINGTON, May 10 — "): the place in
capitals, or any place followed by an agency in brackets, then a dash with a space on one
side at least (so "U.S.-China" is no dateline); a place in capitals, the day and an agency
between slashes ("MOSCOW, December 31. /TASS/."); or a place of three capitals or more and an
unspaced em dash ("OSAKA, Japan—President…")."""

_LOOKALIKE = re.compile(r"(?=\w*[A-Za-z])(?=\w*[\u0370-\u03ff\u0400-\u04ff])\w+")
"""A word mixing Latin with Greek or Cyrillic letters: scraped text with look-alike letters."""
_INTERFACE = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in INTERFACE_PHRASES) + r")\b", re.I)
_WEB_ADDRESS = re.compile(r"https?://|www\.|\S+@\S+\.\w+|\b\d{7,}\b")
# Cheap tests that must pass before the patterns above can match (every sentence of every
# article is tested for junk, and the patterns scan each position).
_NON_LATIN_LETTER = re.compile(r"[\u0370-\u03ff\u0400-\u04ff]")
LONG_NUMBER_DIGITS = 7
_LONG_NUMBER = re.compile(rf"\d{{{LONG_NUMBER_DIGITS}}}")
_ASCII_NOT_DIGITS = bytes(code for code in range(128) if not chr(code).isdecimal())
"""Web and mail addresses, and reference numbers of seven digits or more ("see 2005040012");
amounts in news text are grouped ("1,200,000") or written in words."""
MIN_LETTER_SHARE = 0.6
"""Below this share of letters among non-space characters a line is numbers and codes (a
reference or ticker line), not prose; news sentences with figures stay above 0.7."""
CLOSERS = "\"'”’)]"
"""Marks that may close a sentence or quotation after its last word."""
_OPENERS = "\"'“‘(["


def dateline_end(sentence: str) -> int:
    """Where the text after an opening dateline starts (0 when there is none)."""
    match = _DATELINE.match(sentence)
    if match is None:
        return 0
    rest = sentence[match.end() :]
    return match.end() if rest[:1].isupper() or rest[:1] in _OPENERS or rest[:1].isdigit() else 0


def strip_dateline(sentence: str) -> str:
    """The sentence without an opening dateline ("BEIJING (Reuters) - China said…" → "China
    said…"); unchanged when it has none."""
    return sentence[dateline_end(sentence) :]


_PRONOUN_AFTER_PHRASE = re.compile(r"^[^,]{1,60},\s*(?:he|she|they|it)\b")
"""A subject pronoun after an opening phrase ("Later in the day, he told…"): the sentence's
subject is someone the page does not name."""


def unresolved_opening(sentence: str) -> bool:
    """Whether the sentence opens with a pronoun or connective pointing outside itself, or
    its subject, after an opening phrase, is such a pronoun."""
    text = sentence.lstrip(_OPENERS)
    if _PRONOUN_AFTER_PHRASE.match(text):
        return True
    words = tokens(text[:40])
    if words and words[0] in RELATIVE_OPENERS and text[len(words[0]) :].startswith(","):
        return True  # "Later, …": later than what?
    if not words or words[0] not in UNRESOLVED_OPENINGS:
        return False
    return not (words[0] in _DEMONSTRATIVES and len(words) > 1 and words[1] in TIME_NOUNS)


def looks_like_junk(sentence: str) -> bool:
    """Whether the sentence is scraped page furniture: interface prompts, web addresses,
    look-alike letters or a line of numbers and codes."""
    lowered = sentence.lower()
    if any(map(lowered.__contains__, INTERFACE_PHRASES)) and _INTERFACE.search(sentence):
        return True
    maybe_address = (
        "://" in sentence
        or "www." in sentence
        or "@" in sentence
        or (_may_hold_long_number(sentence) and _LONG_NUMBER.search(sentence) is not None)
    )
    if maybe_address and _WEB_ADDRESS.search(sentence):
        return True
    if (
        not sentence.isascii()
        and _NON_LATIN_LETTER.search(sentence)
        and _LOOKALIKE.search(sentence)
    ):
        return True
    visible, letters = visible_and_letters(sentence)
    return bool(visible) and letters / visible < MIN_LETTER_SHARE


def _may_hold_long_number(text: str) -> bool:
    """False when `text` cannot hold a run of LONG_NUMBER_DIGITS digits: it is ASCII and has
    fewer digits in all (counted from its bytes, quicker than the pattern's scan)."""
    if not text.isascii():
        return True
    return len(text.encode("ascii").translate(None, _ASCII_NOT_DIGITS)) >= LONG_NUMBER_DIGITS


_ASCII_SPACES = bytes(code for code in range(128) if chr(code).isspace())
_ASCII_NOT_LETTERS = bytes(code for code in range(128) if not chr(code).isalpha())
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def visible_and_letters(text: str) -> tuple[int, int]:
    """How many characters of `text` are not white space (`str.isspace`), and how many are
    letters (`str.isalpha`). The ASCII ones are counted by deleting the others from their
    bytes, not by testing them one by one (every sentence of every article is counted)."""
    ascii_bytes = text.encode("ascii", "ignore")
    others = _NON_ASCII.findall(text) if len(ascii_bytes) < len(text) else []
    visible = len(ascii_bytes.translate(None, _ASCII_SPACES)) + sum(
        not character.isspace() for character in others
    )
    letters = len(ascii_bytes.translate(None, _ASCII_NOT_LETTERS)) + sum(map(str.isalpha, others))
    return visible, letters


def is_fragment(sentence: str, min_words: int) -> bool:
    """Whether the sentence is a piece of one: too short, starting in lower case, with a
    quotation cut open, or not ending with a full stop, "!" or "?"."""
    text = sentence.strip()
    if len(text.split()) < min_words:
        return True
    first = text.lstrip(_OPENERS)[:1]
    if not (first.isupper() or first.isdigit()) or unbalanced_quotes(text):
        return True
    return not text.rstrip(CLOSERS).endswith((".", "!", "?"))


def unbalanced_quotes(text: str) -> bool:
    """Whether a quotation opens or closes in the text without the other mark: the sentence
    was cut out of a longer quotation ("Thank you,” he told reporters.")."""
    return text.count("“") != text.count("”") or text.count('"') % 2 == 1


def contains(longer: set[str], shorter: set[str], share: float) -> bool:
    """Whether at least `share` of `shorter`'s words are in `longer` (one text inside another)."""
    return bool(shorter) and len(shorter & longer) / len(shorter) >= share


def quote_fragment(quotation: str, min_words: int) -> bool:
    """Whether a quotation is a piece of the reporter's sentence rather than a remark of its
    own: shorter than `min_words`, or starting in lower case ("…called the talks 'candid and
    useful'")."""
    text = quotation.strip().lstrip(_OPENERS + ".…")
    return len(text.split()) < min_words or not text[:1].isupper()


_LATIN_TWINS = str.maketrans(
    "аеорсухіјѕԁһӏАВЕКМНОРСТХІЈЅοανρτικΑΒΕΗΙΚΜΝΟΡΤΧΥΖ",
    "aeopcyxijsdhlABEKMHOPCTXIJSoavptikABEHIKMNOPTXYZ",
)
"""Cyrillic and Greek letters that look like Latin ones, each to its Latin twin."""


def fix_lookalikes(text: str) -> str:
    """`text` with look-alike Greek or Cyrillic letters inside Latin words made Latin again
    (scrapers of some sites get "pоint" with a Cyrillic "о"); words wholly in another
    script are left alone."""
    if text.isascii() or not _NON_LATIN_LETTER.search(text):
        return text  # nothing to fold (nearly every text): skip scanning every word
    return _LOOKALIKE.sub(lambda m: m.group().translate(_LATIN_TWINS), text)


_QUOTATION_MARK = re.compile('[“”"]')


def inside_quotation(sentences_of_paragraph: list[str]) -> list[bool]:
    """For each sentence of a paragraph, whether it starts inside a quotation opened by an
    earlier sentence (the middle of a multi-sentence quotation: someone's words, not the
    reporter's)."""
    inside, open_quote = [], False
    for sentence in sentences_of_paragraph:
        inside.append(open_quote)
        for char in _QUOTATION_MARK.findall(sentence):  # no other character changes the state
            if char == "“" or (char == '"' and not open_quote):
                open_quote = True
            elif char == "”" or (char == '"' and open_quote):
                open_quote = False
    return inside
