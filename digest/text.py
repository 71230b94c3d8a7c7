"""Small text helpers shared by the stages: sentences, tokens, similarity."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from digest.lexicon import ABBREVIATIONS

_WORD = re.compile(r"\w+")
# A blank line (possibly holding spaces) separates paragraphs in cleaned text.
_PARA_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")

# A sentence ends at . ! ? (optionally followed by closing marks) before a space and a capital
# or an opening mark. Digits are left out on purpose: "Jan. 1" and "No. 2" are not ends.
_SENTENCE_END = re.compile(
    r"[.!?…]+[\"'”’»″)\]]*\s+(?=[\"'“‘«(\[]?[A-Z\u00C0-\u024F\u0410-\u042F\ue000])"
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
    union = a | b
    return len(a & b) / len(union) if union else 0.0


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

    def _prefix(self, words: set[str]) -> list[str]:
        ordered = sorted(words, key=lambda w: (self.frequency.get(w, 0), -len(w), w))
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
