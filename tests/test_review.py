"""What the build asks an editor to look at."""

from __future__ import annotations

from pathlib import Path

from digest.model import (
    Article,
    Assignment,
    CleanResult,
    Content,
    Extraction,
    ProcessedArticle,
    Quote,
)
from digest.review import editor_warnings, rounds_to_settle
from tests.support import NEGOTIATORS


def processed(*speakers: str) -> ProcessedArticle:
    quotes = tuple(Quote("We will see.", speaker) for speaker in speakers)
    article = Article("a", "articles/a.md", "text", "md")
    text = "Negotiators met in Washington for two days of talks."
    return ProcessedArticle(article, CleanResult(text), Extraction(quotes=quotes))


def warnings_for(item: ProcessedArticle, round_id: str | None = "r") -> list[str]:
    content = Content(Path("content"), (), NEGOTIATORS, (), (item.article,))
    assignment = Assignment(round_id, "no evidence" if round_id is None else "dated")
    settle = rounds_to_settle([item], {"a": assignment}, content)
    return [p.message for p in editor_warnings([item], {}, content)] + [
        r.problem.message for r in settle
    ]


def test_a_speaker_missing_from_people_yml_is_reported():
    assert warnings_for(processed("Jane Roe")) == [
        "speaker 'Jane Roe' is not in people.yml; add them"
    ]


def test_a_chinese_name_whose_surname_spells_an_english_word_is_reported():
    assert warnings_for(processed("He Weiwen")) == [
        "speaker 'He Weiwen' is not in people.yml; add them"
    ]


def test_known_people_and_institutions_are_not_reported():
    assert warnings_for(processed("Liu He", "Commerce Ministry", "White House")) == []


def test_an_article_assigned_to_no_round_is_reported_with_the_reason():
    assert warnings_for(processed(), round_id=None) == [
        "assigned to no round: no evidence; candidates: none; settle it with 'round: "
        "ROUND-ID' (or the right round's id) in its front matter"
    ]
