"""Specs of the shared regex helpers of digest/lexicon.py."""

from __future__ import annotations

import re

import pytest

from digest.lexicon import compile_guarded

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


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_guarded_pattern_finds_what_the_plain_one_finds(pattern: str, flags: int) -> None:
    plain, guarded = re.compile(pattern, flags), compile_guarded(pattern, flags)
    for text in TEXTS:
        assert [m.span() for m in guarded.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ]
        assert guarded.sub("_", text) == plain.sub("_", text)


def test_guard_tests_the_characters_a_match_opens_with() -> None:
    guarded = compile_guarded(r"\b(?:(?:very|so) )?(?:high|much) drama\b", re.IGNORECASE)
    assert guarded.pattern.startswith("(?=[hmsv])")


def test_pattern_that_may_open_with_any_letter_or_match_nothing_is_left_as_it_is() -> None:
    assert compile_guarded(r"\w+ed\b").pattern == r"\w+ed\b"
    assert compile_guarded(r"(?:will)?").pattern == r"(?:will)?"
    assert compile_guarded(r"[^,]+,").pattern == r"[^,]+,"
