"""Whether two sentences of a round page tell the same news.

Outlets retell one event in their own words: a wire sentence lightly edited, the same figures
written another way ("$200bn" / "$200 billion", "fourth" / "4th"), or the same kind of news in
other words ("will be void" / "will not take effect"). A round page tells each news once; these
tests say when two sentences are one news.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from digest.lexicon import (
    ANY_SIDE_WORDS,
    EVENT_KINDS,
    EVENT_PHRASES,
    GENERIC_TALKS_WORDS,
    MAGNITUDES,
    NUMBER_WORDS,
    ORDINAL_WORDS,
    SIDE_WORDS,
    alternation,
    compile_guarded,
)
from digest.text import contains, content_words, jaccard, tokens

SENTENCE_CACHE = 4096
"""Sentences whose kinds of news and amounts are remembered while a build compares them (each
sentence chosen for a round page is compared with the others)."""
SAME_SENTENCE = 0.7
"""Token Jaccard at which two outlets' sentences are one sentence (wire copy, light edits)."""
REDUNDANT = 0.45
"""Token Jaccard above which a candidate repeats a sentence already chosen."""

INSIDE = 0.8
"""Share of a shorter text's words inside a longer one at which it is part of the longer one
(a quotation one outlet gives whole and another cuts)."""
SAME_NEWS = 0.6
"""Share of the shorter sentence's content words found in the longer one at which two
sentences of a summary report the same thing ("Liu He spoke with Katherine Tai on Thursday in
their first call" / "Liu He held phone talks with Katherine Tai"); reworded wire copy shares
about 0.7 (0.6 once inflections are taken off: "macroeconomic"/"macroeconomics"), sentences
about different steps of one round 0.3 to 0.55."""
SAME_FIGURES = 2
"""Figures two sentences of a summary may share before they report the same thing ("the
fourth round in four months"): one shared figure is often the round's one big number (the
tariffed $200 billion) in sentences about different steps."""
SAME_EVENT_SUBJECT = 1
"""Content words (sides' names aside) two sentences telling the same kind of news must share
to tell the same event: "extend a 90-day pause on tariffs" and "an extension of current tariff
levels" share "tariff"; a truce and a ceasefire "since" which "face-to-face talks" share
"face". One is enough once the kind of news is the same and no figure differs (half-1
pages: two such pairs found, no pair of different news among the 25 pages)."""


def repeats(words: set[str], chosen: Iterable[set[str]], threshold: float) -> bool:
    """Whether `words` say what one of `chosen` says (similar, or one inside the other)."""
    return any(
        jaccard(words, other) > threshold
        or contains(other, words, INSIDE)
        or contains(words, other, INSIDE)
        for other in chosen
    )


_INFLECTION = compile_guarded(r"(?<=\w{4})(?:s|es|ed|ing)$")
"""An ending an outlet's wording may add to a word ("macroeconomics", "meetings", "marked")."""


def _word_stems(words: set[str]) -> set[str]:
    """The words without their inflection, so that two wordings of one news compare alike."""
    return {_INFLECTION.sub("", word) for word in words}


def repeated_at(text: str, shown: Sequence[str]) -> int | None:
    """The position of the first of `shown` that `text` repeats (near-identical words, one
    inside the other, or the same news in other words), None when it repeats none."""
    words = set(tokens(text))
    for position, other in enumerate(shown):
        if repeats(words, [set(tokens(other))], REDUNDANT) or same_news(text, other):
            return position
    return None


def same_news(a: str, b: str) -> bool:
    """Whether two sentences report the same thing in other words: most of the shorter one's
    content words (names, places, what happened) are in the longer one, or they give the same
    figures, however each outlet writes them ("the fourth round in four months" / "the 4th
    meeting in 4 months")."""
    # The sides' names and the words of any talks are left out: every sentence of a round
    # shares them ("the United States", "Chinese goods", "trade talks").
    first, second = (_word_stems(content_words(t)) - _GENERIC_STEMS for t in (a, b))
    shorter, longer = sorted((first, second), key=len)
    if contains(longer, shorter, SAME_NEWS):
        return True
    return len(figures_of(a) & figures_of(b)) >= SAME_FIGURES or same_event(a, b)


_GENERIC_STEMS = _word_stems(set(ANY_SIDE_WORDS) | GENERIC_TALKS_WORDS)
"""Words nearly every sentence of a round shares: they show no common subject."""


@functools.lru_cache(maxsize=SENTENCE_CACHE)
def event_kinds(text: str) -> frozenset[str]:
    """The kinds of news (`EVENT_KINDS`) a sentence tells, in one word or several."""
    words = set(tokens(text))
    found = {kind for kind, vocabulary in EVENT_KINDS.items() if words & vocabulary}
    found |= {kind for kind, wording in EVENT_PHRASES.items() if wording.search(text)}
    return frozenset(found)


_EVENT_VOCABULARY = frozenset(w for words in EVENT_KINDS.values() for w in words)
"""Every word of a kind of news (`EVENT_KINDS`): no sign of a common subject."""
_EVENT_WORD = compile_guarded(
    rf"\b(?:{alternation(_EVENT_VOCABULARY)})\b"
    + "".join(f"|{wording.pattern}" for wording in EVENT_PHRASES.values()),
    re.IGNORECASE,
)
"""Any word or wording of a kind of news (`EVENT_KINDS`, `EVENT_PHRASES`)."""


def actor_side(text: str) -> str | None:
    """The side that does what a sentence's first news word tells: the one side named before
    it ("China will suspend…", "the US will not impose…"); None when both sides or neither
    are named there ("The US and China agreed to a truce", "Trump said he would…")."""
    event = _EVENT_WORD.search(text)
    if event is None:
        return None
    before = set(tokens(text[: event.start()]))
    sides = [side for side, words in SIDE_WORDS.items() if before & words]
    return sides[0] if len(sides) == 1 else None


def same_event(a: str, b: str) -> bool:
    """Whether two sentences tell the same event in other words: the same kind of news ("will
    be void" / "will not take effect", "a truce" / "a ceasefire", "an extension" / "to
    extend") by the same side (China suspending its tariffs is not the US holding off on its
    own), about a common subject (at least SAME_EVENT_SUBJECT content words other than
    the sides' names), and no different amounts (a cut to 30% is not a cut to 10%; days and
    counts differ between outlets' wordings of one event)."""
    if not event_kinds(a) & event_kinds(b):
        return False
    actors = {actor_side(a), actor_side(b)}
    if None not in actors and len(actors) > 1:
        return False
    amounts_a, amounts_b = amounts_of(a), amounts_of(b)
    if amounts_a and amounts_b and not amounts_a & amounts_b:
        return False
    subject = [_word_stems(content_words(t) - _EVENT_VOCABULARY) - _GENERIC_STEMS for t in (a, b)]
    return len(subject[0] & subject[1]) >= SAME_EVENT_SUBJECT


_NUMBER_WORD = alternation(set(NUMBER_WORDS) - {"one"})  # "one of", "phase one": no count
_ORDINAL_WORD = re.compile(rf"\b(?:{alternation(ORDINAL_WORDS)})\b", re.IGNORECASE)
_UNIT = "|".join(re.escape(u) for u in sorted(MAGNITUDES, key=len, reverse=True))
_FIGURE = re.compile(
    rf"(?<![\w.,])(?P<number>\d[\d,]*(?:\.\d+)?|{_NUMBER_WORD})(?P<ordinal>st|nd|rd|th)?"
    rf"(?:[\s-]?(?P<unit>{_UNIT})(?![\w]))?(?![\w])",
    re.IGNORECASE,
)
YEARS = range(1900, 2101)
"""Bare numbers in this range are years: many sentences of one round name the same year."""


def figures_of(text: str) -> frozenset[str]:
    """The figures a sentence gives, each written one way whatever the outlet's style: "$200bn"
    and "$200 billion" are "200e9", "25%" and "25 per cent" "25%", "4th" and "fourth" "4th",
    "four" "4"; years left out."""
    found = {f"{ORDINAL_WORDS[m.group().lower()]}th" for m in _ORDINAL_WORD.finditer(text)}
    for match in _FIGURE.finditer(text):
        number = match.group("number").lower().replace(",", "")
        value = float(NUMBER_WORDS[number]) if number in NUMBER_WORDS else float(number)
        unit = MAGNITUDES.get((match.group("unit") or "").lower(), "")
        if match.group("ordinal"):
            found.add(f"{value:g}th")
        elif unit or value not in YEARS:
            found.add(f"{value:g}{unit}")
    return frozenset(found)


@functools.lru_cache(maxsize=SENTENCE_CACHE)
def amounts_of(text: str) -> frozenset[str]:
    """The amounts among a text's figures (a share, a sum: "10%", "$200 billion"), not counts,
    ranks or days ("first", "July 31"), which rounds' stories share by chance."""
    return frozenset(f for f in figures_of(text) if not f.endswith("th") and not f.isdigit())


@dataclass(frozen=True)
class Plan:
    """What a sentence says is to come, reduced to who and when: the round's people it names
    (by name, alias or title) and the days it names, each resolved to a calendar day."""

    people: frozenset[str]
    days: frozenset[date]


def same_plan(a: Plan | None, b: Plan | None) -> bool:
    """Whether two sentences tell one plan: the same person on the same day, however each
    names them ("Liu He" / "the Vice Premier", "Friday" / "tomorrow", "Monday to Wednesday" /
    "Jan 13 to Jan 15"). A visit or meeting to come is one fact, who and when; what else the
    two sentences say differs by outlet."""
    return a is not None and b is not None and bool(a.people & b.people) and bool(a.days & b.days)
