"""Small text helpers shared by the stages: sentences, tokens, similarity."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"""(?<=[.!?])["'”’)\]]*\s+(?=["'“‘(\[]?[A-Z0-9])""")
_ABBREVIATION = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|St|Jr|Sr|Inc|Corp|Co|Ltd|No|Vol|U\.S|U\.K|"
    r"U\.N|E\.U|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|[A-Z])\.$"
)


def tokens(text: str) -> list[str]:
    """Lower-cased `\\w+` tokens, the unit every score in this project counts."""
    return _WORD.findall(text.lower())


def paragraphs(text: str) -> list[str]:
    """Paragraphs of a cleaned text (separated by blank lines), whitespace-joined."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def sentences(paragraph: str) -> list[str]:
    """Split one paragraph into sentences, not breaking after common abbreviations."""
    pieces, start = [], 0
    for match in _SENTENCE_END.finditer(paragraph):
        candidate = paragraph[start : match.start()].rstrip()
        if _ABBREVIATION.search(candidate.rstrip("\"'”’)]")):
            continue
        pieces.append(paragraph[start : match.start()].strip())
        start = match.end()
    tail = paragraph[start:].strip()
    if tail:
        pieces.append(tail)
    return [p for p in pieces if p]


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
