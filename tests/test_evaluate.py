"""The scoring used to measure quality against an annotated corpus."""

from __future__ import annotations

from digest.evaluate import corpus_halves, speakers_match, token_scores


def test_copies_of_one_story_fall_in_the_same_half():
    links = {f"story-{n}": None for n in range(40)}
    links |= {"copy-a": "story-3", "copy-b": "copy-a", "copy-c": "story-17"}
    halves = corpus_halves(links)
    assert halves["copy-a"] == halves["copy-b"] == halves["story-3"]
    assert halves["copy-c"] == halves["story-17"]


def test_both_halves_are_used_and_the_split_does_not_depend_on_order():
    links = {f"story-{n}": None for n in range(40)}
    halves = corpus_halves(links)
    assert set(halves.values()) == {1, 2}
    assert corpus_halves(dict(reversed(links.items()))) == halves


def test_token_scores_count_repeated_words():
    scores = token_scores("tariffs tariffs rose", "tariffs rose")
    assert (scores.precision, scores.recall) == (2 / 3, 1.0)


def test_speakers_match_on_the_last_name_and_null_only_matches_null():
    assert speakers_match("Robert Lighthizer", "Lighthizer")
    assert not speakers_match(None, "Lighthizer")
    assert speakers_match(None, None)
