"""Rendering decisions that do not need a whole build."""

from __future__ import annotations

from digest.render import distinct_sentences


def test_a_quotation_repeated_by_several_outlets_is_listed_once():
    texts = [
        "We have made real progress on agriculture this week.",
        "We made real progress on agriculture this week.",
        "Tariffs will stay until the deal is signed.",
    ]
    assert distinct_sentences(texts) == [0, 2]


def test_identical_quotations_keep_the_first_position():
    texts = ["Talks were candid.", "Talks were candid.", "Talks were candid and useful."]
    assert distinct_sentences(texts)[0] == 0
    assert 1 not in distinct_sentences(texts)


def test_quotations_without_words_are_not_taken_for_one_another():
    assert distinct_sentences(["…", "—"]) == [0, 1]
