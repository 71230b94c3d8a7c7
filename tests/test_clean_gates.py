"""The keyword gates are derived from the patterns they guard, so they cannot fall out of step."""

from __future__ import annotations

import dataclasses
import re

import pytest

from digest import clean as C
from digest import clean_rules as R
from digest.clean_gates import keyword_gate


def test_gate_words_come_from_the_pattern() -> None:
    gate = keyword_gate("demo", re.compile(r"\bbuy (?:now|today)\b|\bsale ends\b", re.I))
    assert gate.words & {"buy", "now"} and gate.words & {"sale", "ends"}
    assert gate.passes("buy now while stocks last")
    assert not gate.passes("prices rose sharply")


def test_a_word_cut_off_by_the_pattern_becomes_a_substring_mark() -> None:
    # "\bpaywall" also matches "paywalled": its token is not "paywall", so only a substring
    # test is safe (a hand-kept word list once said "paywall paywalls" and missed it).
    gate = keyword_gate("demo", re.compile(r"\bpaywall", re.I))
    assert "paywall" not in gate.words
    assert gate.marks == ("paywall",)


def test_a_branch_without_literal_text_is_refused() -> None:
    with pytest.raises(ValueError):
        keyword_gate("demo", re.compile(r"\w+\s\w+"))


def test_every_keyword_class_has_a_gate_that_its_sample_passes() -> None:
    samples = {
        "paywall prompt": "This story is for subscribers only.",
        "teaser": "Read more: farm exports fall",
        "navigation": "News » Trade",
        "disclaimer": "© Example Wire",
    }
    for gate in R.KEYWORD_TRIGGERS:
        if gate.reason in samples:
            line = samples[gate.reason]
            assert gate.pattern.search(line)
            assert gate.passes(line.lower())
            assert gate.reason in C._keyword_hits(line)


def test_clean_text_lets_an_internal_error_through(monkeypatch: pytest.MonkeyPatch) -> None:
    """A crash inside the cleaner is a bug the tests must see, not an input to paper over."""

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr(C, "_clean_once", broken)
    with pytest.raises(RuntimeError):
        C.clean_text("Some text.")


def test_cleaner_settings_are_frozen_and_named() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        C.SETTINGS.prose_words = 3  # type: ignore[misc]
    assert all(f.type in ("int", "float") for f in dataclasses.fields(C.SETTINGS))
