"""The loader reports every problem of a content folder as PATH:LINE: message, with the fix."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from digest.cache import CachedTable
from digest.load import MAX_ARTICLE_BYTES, load_content
from digest.model import DigestError
from tests.support import ROUNDS_YML, WIRE_STORY, article


def problems_of(root: Path) -> list[str]:
    with pytest.raises(DigestError) as caught:
        load_content(root)
    return [str(p) for p in caught.value.problems]


def test_valid_folder_loads_rounds_people_topics_and_articles(make_content, wire_articles):
    content = load_content(make_content(wire_articles))
    assert [r.id for r in content.rounds] == [
        "2019-05-washington",
        "2019-07-shanghai",
        "2019-10-washington",
    ]
    assert {p.id for p in content.people} == {"robert-lighthizer", "steven-mnuchin", "liu-he"}
    assert [a.id for a in content.articles] == ["alpha-wire", "beta-news"]
    assert content.articles[0].published.isoformat() == "2019-05-10"


def test_yaml_syntax_error_names_its_line(make_content):
    root = make_content(rounds="- id: a\n  start: [2019\n")
    [problem] = problems_of(root)
    assert problem.startswith(f"{root}/rounds.yml:")
    assert "YAML syntax error" in problem


def test_wrong_type_names_key_line_and_format(make_content):
    rounds = ROUNDS_YML.replace("start: 2019-07-30", "start: soon")
    [problem] = problems_of(make_content(rounds=rounds))
    assert "rounds.yml:13: round '2019-07-shanghai'.start: 'soon' is not a date" in problem
    assert "YYYY-MM-DD" in problem


def test_missing_required_key_says_what_to_add(make_content):
    rounds = ROUNDS_YML.replace("  location: Shanghai\n", "")
    [problem] = problems_of(make_content(rounds=rounds))
    assert "rounds.yml:11: round '2019-07-shanghai': missing required key 'location'" in problem
    assert "add 'location: ...'" in problem


def test_unknown_key_suggests_the_close_one(make_content):
    rounds = ROUNDS_YML.replace("  location: Shanghai", "  locaton: Shanghai")
    problems = problems_of(make_content(rounds=rounds))
    assert any("rounds.yml:15:" in p and "did you mean 'location'?" in p for p in problems)


def test_end_before_start_is_refused(make_content):
    rounds = ROUNDS_YML.replace("end: 2019-07-31", "end: 2019-07-01")
    [problem] = problems_of(make_content(rounds=rounds))
    assert "rounds.yml:11:" in problem and "end 2019-07-01 is before start 2019-07-30" in problem


def test_duplicate_round_id_points_at_the_first(make_content):
    rounds = ROUNDS_YML.replace("id: 2019-07-shanghai", "id: 2019-05-washington")
    [problem] = problems_of(make_content(rounds=rounds))
    assert "rounds.yml:11: duplicate round id '2019-05-washington' (first at line 1)" in problem


def test_article_naming_unknown_round_suggests_one(make_content):
    text = article({"title": "T", "round": "2019-05-washingtn"}, WIRE_STORY)
    [problem] = problems_of(make_content({"articles/a.md": text}))
    assert "articles/a.md:3: round '2019-05-washingtn' is not in rounds.yml" in problem
    assert "did you mean '2019-05-washington'?" in problem


def test_non_utf8_file_names_the_line(make_content):
    root = make_content()
    (root / "articles" / "latin1.txt").write_bytes("First line\nCaf\xe9 talks\n".encode("latin-1"))
    [problem] = problems_of(root)
    assert "articles/latin1.txt" in problem and "line 2: not UTF-8" in problem


def test_binary_file_is_refused(make_content):
    root = make_content()
    (root / "articles" / "blob.txt").write_bytes(b"\x89PNG\x00\x00binary")
    [problem] = problems_of(root)
    assert "articles/blob.txt: binary file" in problem


def test_empty_article_is_refused(make_content):
    [problem] = problems_of(make_content({"articles/empty.txt": "  \n"}))
    assert "articles/empty.txt: empty file" in problem


def test_oversized_article_names_the_limit(make_content):
    root = make_content()
    (root / "articles" / "huge.txt").write_text("word " * (MAX_ARTICLE_BYTES // 4), "utf-8")
    [problem] = problems_of(root)
    assert f"over the {MAX_ARTICLE_BYTES:,}-byte limit" in problem


def test_ids_that_collide_after_slugging_are_refused(make_content):
    root = make_content({"articles/Talks End.txt": WIRE_STORY, "articles/talks-end.md": WIRE_STORY})
    [problem] = problems_of(root)
    assert "collides with" in problem and "'talks-end'" in problem


def test_unclosed_front_matter_is_reported_at_line_one(make_content):
    [problem] = problems_of(make_content({"articles/a.md": "---\ntitle: x\n\nBody text.\n"}))
    assert "articles/a.md:1: front matter opened with '---' on line 1 is never closed" in problem


def test_sidecar_metadata_is_read_and_checked(make_content):
    root = make_content(
        {
            "articles/a.txt": WIRE_STORY,
            "articles/a.yml": "title: Talks\npublished: 2019-05-10\nrund: x\n",
        }
    )
    [problem] = problems_of(root)
    assert (
        "articles/a.yml:3: article metadata: unknown key 'rund'; did you mean 'round'?" in problem
    )


def test_metadata_file_without_article_is_reported(make_content):
    [problem] = problems_of(make_content({"articles/orphan.yml": "title: Nothing here\n"}))
    assert "articles/orphan.yml: metadata file with no article beside it" in problem


def test_every_problem_is_reported_in_one_run(make_content):
    rounds = ROUNDS_YML.replace("start: 2019-07-30", "start: soon")
    root = make_content(
        {"articles/empty.txt": "", "articles/bad.md": "---\npublished: 12\n---\nx\n"}, rounds=rounds
    )
    problems = problems_of(root)
    assert len(problems) == 3
    assert any("rounds.yml" in p for p in problems)
    assert any("empty.txt" in p for p in problems)
    assert any("bad.md:2" in p for p in problems)


LATER = 60.0
"""Seconds after writing at which the tests load: the files are then well past the racy
window (their change time cannot be set back)."""


def _remembered(table: CachedTable) -> CachedTable:
    again = CachedTable(None, "articles")
    again.known = dict(table.used)
    return again


def test_an_unchanged_article_file_is_not_read_again(make_content, wire_articles):
    root = make_content(wire_articles)
    first = CachedTable(None, "articles")
    load_content(root, first, now=time.time() + LATER)
    assert len(first.used) == 2
    second = _remembered(first)
    content = load_content(root, second, now=time.time() + LATER)
    assert [a.id for a in content.articles] == ["alpha-wire", "beta-news"]
    assert second.used == first.used
    assert not second.computed


def test_an_edited_article_file_is_read_again(make_content, wire_articles):
    root = make_content(wire_articles)
    first = CachedTable(None, "articles")
    load_content(root, first, now=time.time() + LATER)
    edited = root / "articles" / "alpha-wire.md"
    edited.write_text(edited.read_text("utf-8").replace("Talks end", "Talks stall"), "utf-8")
    content = load_content(root, _remembered(first), now=time.time() + 2 * LATER)
    assert content.articles[0].title == "Talks stall without deal"


def test_a_file_changed_in_the_last_seconds_is_never_remembered(make_content, wire_articles):
    root = make_content(wire_articles)
    table = CachedTable(None, "articles")
    load_content(root, table)
    assert table.used == {}


def test_an_invalid_article_is_never_remembered(make_content):
    root = make_content({"articles/broken.md": "---\ntitle: [unclosed\n---\nText.\n"})
    table = CachedTable(None, "articles")
    with pytest.raises(DigestError):
        load_content(root, table, now=time.time() + LATER)
    assert table.used == {}


def test_a_copy_that_kept_an_old_modification_time_is_read_again(make_content, wire_articles):
    # `cp -p`, rsync and tar set an old modification time, but the change time is new.
    root = make_content(wire_articles)
    for path in (root / "articles").rglob("*"):
        os.utime(path, (time.time() - LATER, time.time() - LATER))
    table = CachedTable(None, "articles")
    load_content(root, table)
    assert table.used == {}
