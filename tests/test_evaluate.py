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


# --- eval pages: checks of their own, not the summarizer's predicates ----------------------


def test_the_same_news_in_other_numerals_and_units_is_one_news():
    from digest.evaluate import same_news

    assert same_news(
        "Tariffs on $300bn of bicycles rose to 15% in the fourth round.",
        "Tariffs on $300 billion worth of bicycles rose to 15 per cent in the 4th round.",
    )
    assert not same_news(
        "Tariffs on $300bn of bicycles rose to 15% in the fourth round.",
        "The envoys will meet again in Lima next month to discuss farm goods.",
    )


def _page(**digest_fields):
    from types import SimpleNamespace

    from digest.evaluate import _Page

    fields = {"summary": (), "quotes": (), "outcome": None, "next": None}
    fields |= {"statements": SimpleNamespace(us=(), china=())} | digest_fields
    digest = SimpleNamespace(round=SimpleNamespace(id="r1"), **fields)
    glance = [s.text for s in (digest.outcome, digest.next) if s is not None]
    return _Page(digest, None, (), glance, [s.text for s in digest.summary])


def _quote(text: str, context: str = "", speaker: str | None = "Jane Roe"):
    from types import SimpleNamespace

    return SimpleNamespace(text=text, context=context, speaker=speaker, article="a1")


def test_a_side_statement_repeating_the_outcome_is_a_page_defect():
    from collections import Counter
    from types import SimpleNamespace

    from digest.evaluate import PageDefects, _check_statements

    outcome = SimpleNamespace(text="The envoys agreed on Friday to cut tariffs on bicycles to 10%.")
    said = _quote("Tariffs on bicycles are cut to ten per cent, the envoys said.")
    page = _page(outcome=outcome, statements=SimpleNamespace(us=(said,), china=()))
    defects = PageDefects(Counter(), {})
    _check_statements(page, defects)
    assert [kind for _, kind, _ in defects.found["statements"]] == [
        "repeats a sentence shown above"
    ]


def test_a_quotation_carried_by_a_question_is_a_page_defect():
    from collections import Counter

    from digest.evaluate import PageDefects, _check_quotes

    asked = _quote(
        "The real issue for bicycle makers, Sam,",
        context="“The real issue for bicycle makers, Sam,” Roe said, “is how long will it take?”",
    )
    defects = PageDefects(Counter(), {})
    _check_quotes(_page(quotes=(asked,)), defects)
    assert [kind for _, kind, _ in defects.found["quotes"]] == ["a question"]
