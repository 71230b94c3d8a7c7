"""Specs of the shared regex helpers of digest/lexicon.py."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable

import pytest

from digest.lexicon import (
    FOLDED_ONTO_ASCII,
    FUTURE_MARKERS,
    FUTURE_PHRASES,
    alternation,
    alternation_after,
    compile_gated,
    compile_guarded,
)

# Texts written for these specs: plain prose, capitals, and the letters that case-insensitive
# matching folds onto ASCII ones (dotted and dotless i, long s, the Kelvin sign).
TEXTS = (
    "The ministers will meet next week; WILL they sign?",
    "Officials said they'll resume talks, and the deadline is set.",
    "İt wİll; ıt wıll; ſhe ſhall; the \u212aelvin sign; a won’t and a won't.",
    "Nothing here at all, only 12 numbers and (brackets).",
    "So much drama at the table, and very high drama after it.",
    "",
)

PATTERNS = (
    (r"\b(?:will|won[’']t|shall)\b|[’']ll\b", re.IGNORECASE),
    (r"\b(?:(?:early|late)[- ])?(?:next|this) (?:week|month)\b", re.IGNORECASE),
    (r"(?<!\bthe )\b(?:deadlines?|sign(?:ed)?)\b", 0),
    (r"[A-Z][a-z]+\s+(?:said|says)", 0),
    (r"\bk(?:elvin)?\b", re.IGNORECASE),
    (r"\b(?:(?:very|so) )?(?:high|much) drama\b", re.IGNORECASE),
)


def test_guard_tests_the_characters_a_match_opens_with() -> None:
    guarded = compile_guarded(r"\b(?:(?:very|so) )?(?:high|much) drama\b", re.IGNORECASE)
    assert guarded.pattern.startswith("(?=[hmsv])")


def test_pattern_that_may_open_with_any_letter_or_match_nothing_is_left_as_it_is() -> None:
    assert compile_guarded(r"\w+ed\b").pattern == r"\w+ed\b"
    assert compile_guarded(r"(?:will)?").pattern == r"(?:will)?"
    assert compile_guarded(r"[^,]+,").pattern == r"[^,]+,"


GATED_PATTERNS = (
    (r"\b(?:will|won[’']t|shall)\b|\bgoing to\b", re.IGNORECASE),
    (r"\b(?:(?:early|late)[- ])?(?:next|this) (?:week|month)\b", re.IGNORECASE),
    (r"(?<!\bthe )\b(?:deadlines?|sign(?:ed)?)\b", 0),
    (r"[A-Z][a-z]+\s+(?:said|says)", 0),
    (r"\b(?:kelvin|long s|lights?)\b", re.IGNORECASE),
    (r"\b(?:(?:very|so) )?(?:high|much) drama\b", re.IGNORECASE),
)


FOLDED_LETTERS = "ſhall we ſign? LİGHTS, \u212aELVIN and a lıght"
"""Letters that lower-casing or case-insensitive matching fold into ASCII ones."""


@pytest.mark.parametrize(
    ("compile_faster", "pattern", "flags"),
    [(compile_guarded, *p) for p in PATTERNS] + [(compile_gated, *p) for p in GATED_PATTERNS],
)
def test_a_faster_pattern_finds_what_the_plain_one_finds(
    compile_faster: Callable[[str, int], re.Pattern[str]], pattern: str, flags: int
) -> None:
    plain, faster = re.compile(pattern, flags), compile_faster(pattern, flags)
    for text in (*TEXTS, FOLDED_LETTERS):
        assert [m.span() for m in faster.finditer(text)] == [m.span() for m in plain.finditer(text)]
        assert faster.findall(text) == plain.findall(text)
        assert faster.sub("_", text) == plain.sub("_", text)
        assert bool(faster.search(text)) == bool(plain.search(text))
        assert bool(faster.match(text)) == bool(plain.match(text))


def test_gate_needles_are_one_word_of_each_branch_every_match_holds() -> None:
    gated = compile_gated(r"\b(?:many|some)\s+(?:believe[sd]?|think)\b|\bmuch talk", re.I)
    assert gated.needles == ("believe", "much talk", "think")
    assert not gated.may_match("Some said the talks went well.")
    assert gated.may_match("Some THINK so.")


def test_gate_reads_a_folded_text_holding_a_letter_its_lower_case_hides() -> None:
    gated = compile_gated(r"\bspeculation\b", re.IGNORECASE)
    assert gated.search("much ſpeculation") is not None  # a long s matches "s"


def test_only_the_listed_characters_fold_onto_ascii_other_than_by_lower_case() -> None:
    every = "".join(chr(c) for c in range(128, sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    folded = {
        m.group()
        for ascii_character in map(chr, range(128))
        for m in re.finditer(re.escape(ascii_character), every, re.IGNORECASE)
        if m.group().lower() != ascii_character.lower()
    }
    assert folded == set(FOLDED_ONTO_ASCII)


def test_pattern_without_a_needle_searches_every_text() -> None:
    gated = compile_gated(r"[A-Z]\w*(?:ed)?")
    assert gated.needles == ("",)
    assert gated.search("in Geneva") is not None


FLAT_FUTURE_MARKERS = re.compile(
    r"\b(?:will|won[’']t|shall|would|is going to|are going to|"
    r"(?:is|are|was|were) set to|(?:is|are|was|were) scheduled|scheduled|"
    r"(?:is|are|was|were) expected|expected to|(?:is|are) due|plans? to|planning to|"
    r"upcoming|next week|next month|"
    r"to (?:meet|hold|begin|start|resume|visit|travel|sign|take effect|come into effect|open|"
    r"continue)|takes? effect|comes? into effect)\b|[’']ll\b",
    re.IGNORECASE,
)
"""The future markers as the flat list they were written as before the trie."""


def test_future_markers_as_a_trie_find_what_the_flat_list_found() -> None:
    texts = (
        *TEXTS,
        "Talks are expected to resume; they were scheduled to take effect next month.",
        "She plans to travel and is due to sign, planning to meet; tariffs take effect.",
        "The rules come into effect as the deal comes into effect; he'll visit, we’ll open.",
        "It is going to continue: the upcoming round was set to begin next week.",
    )
    for text in texts:
        assert [m.span() for m in FUTURE_MARKERS.finditer(text)] == [
            m.span() for m in FLAT_FUTURE_MARKERS.finditer(text)
        ]
    assert sum(len(FUTURE_MARKERS.findall(text)) for text in texts) >= 20


def test_no_future_phrase_is_the_start_of_another() -> None:
    assert not [a for a in FUTURE_PHRASES for b in FUTURE_PHRASES if a != b and b.startswith(a)]


def test_alternation_after_finds_what_the_lookbehind_before_the_alternation_finds() -> None:
    words = ("Geneva", "Genoa", "Washington", "Washington, D.C.", "G", "Xi'an")
    plain = re.compile(r"(?<![\w-])" + alternation(words) + r"(?![\w-])")
    scanned = re.compile(alternation_after(words, r"[\w-]") + r"(?![\w-])")
    texts = (
        "Geneva talks, then Genoa; Washington, D.C. and Washington again.",
        "Geneva-Genoa, pre-Geneva, XGeneva, G and G-7, Xi'an and Xi'anese.",
        "Genevan delegates met in Washington,D.C. at noon (Genoa)",
    )
    for text in texts:
        assert [(m.span(), m.group()) for m in scanned.finditer(text)] == [
            (m.span(), m.group()) for m in plain.finditer(text)
        ]
    assert scanned.search("pre-Geneva") is None and scanned.search("Geneva") is not None
