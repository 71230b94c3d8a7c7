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


def test_eval_rounds_counts_wrong_rounds_apart_from_unassigned_articles(tmp_path):
    from digest.evaluate import eval_rounds
    from digest.load import load_reference
    from tests.support import PEOPLE_YML, ROUNDS_YML

    corpus = tmp_path / "corpus"
    (corpus / "articles").mkdir(parents=True)
    (corpus / "rounds.yml").write_text(ROUNDS_YML, "utf-8")
    (tmp_path / "people.yml").write_text(PEOPLE_YML, "utf-8")
    (tmp_path / "rounds.yml").write_text(ROUNDS_YML, "utf-8")
    shanghai = "Robert Lighthizer and Liu He ended two days of talks in Shanghai on Wednesday.\n"
    gold = {
        # Assigned to Shanghai, but the gold says Washington: a wrong round.
        "wrong": (shanghai, "2019-10-washington"),
        # Nothing to go on: left unassigned, though the gold names a round.
        "missed": ("Markets were calm.\n", "2019-05-washington"),
        "right": (shanghai, "2019-07-shanghai"),
    }
    for name, (text, round_id) in gold.items():
        (corpus / "articles" / f"{name}.txt").write_text(text, "utf-8")
        (corpus / "articles" / f"{name}.yml").write_text(
            f"published: 2019-07-31\nround: {round_id}\n", "utf-8"
        )
    (corpus / "articles" / "missed.yml").write_text("round: 2019-05-washington\n", "utf-8")
    lines = list(eval_rounds(corpus, load_reference(tmp_path)))
    summary = lines[-1]
    assert "accuracy 1/3" in summary
    assert "wrong 1  unassigned 1" in summary
