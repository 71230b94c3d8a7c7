"""The loader reports every problem of a content folder as PATH:LINE: message, with the fix."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pytest

from digest.cache import BuildCache, CachedTable
from digest.load import MAX_ARTICLE_BYTES, ArticleTexts, load_content
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


def test_an_edit_keeping_size_and_modification_time_is_read_again(make_content, wire_articles):
    # The policy: a file is remembered by its inode, size, modification AND change time; an
    # edit that keeps the size and sets the old modification time back still moves the change
    # time, which no user can set, so the file is read again.
    root = make_content(wire_articles)
    edited = root / "articles" / "alpha-wire.md"
    before = edited.stat()
    first = CachedTable(None, "articles")
    load_content(root, first, now=time.time() + LATER)
    time.sleep(0.01)  # a change time visibly later than the first write's
    edited.write_text(edited.read_text("utf-8").replace("Talks end", "Talks END"), "utf-8")
    os.utime(edited, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (edited.stat().st_size, edited.stat().st_mtime_ns) == (
        before.st_size,
        before.st_mtime_ns,
    )
    content = load_content(root, _remembered(first), now=time.time() + 2 * LATER)
    assert content.articles[0].title == "Talks END without deal"


def test_a_remembered_article_comes_without_its_text_which_is_read_again_on_demand(
    make_content, wire_articles, tmp_path
):
    root = make_content(wire_articles)
    cache = BuildCache(tmp_path / "cache")
    first = CachedTable(cache, "articles")
    load_content(root, first, now=time.time() + LATER)
    first.save()
    content = load_content(root, CachedTable(cache, "articles"), now=time.time() + LATER)
    read_again = ArticleTexts(root)(content.articles)
    assert read_again == list(load_content(root).articles)
    for loaded, whole in zip(content.articles, read_again, strict=True):
        # Unpickled with the digest computed when the file was read: not hashed again.
        assert loaded.text == "" and "text_digest" in vars(loaded)
        assert loaded.text_digest == hashlib.sha256(whole.text.encode()).hexdigest()


def test_a_text_read_again_after_its_file_changed_is_refused(make_content, wire_articles):
    root = make_content(wire_articles)
    loaded = load_content(root).articles[0]
    path = root / loaded.path
    path.write_text(path.read_text("utf-8") + "\nA paragraph added meanwhile.\n", "utf-8")
    with pytest.raises(DigestError) as caught:
        ArticleTexts(root)([loaded.without_text()])
    assert [str(p) for p in caught.value.problems] == [
        f"{path}: changed during the build; build again"
    ]


def test_an_edited_sidecar_makes_its_article_read_again(make_content):
    root = make_content({"articles/a.txt": WIRE_STORY, "articles/a.yml": "title: One\n"})
    first = CachedTable(None, "articles")
    load_content(root, first, now=time.time() + LATER)
    (root / "articles" / "a.yml").write_text("title: Two\n", "utf-8")
    content = load_content(root, _remembered(first), now=time.time() + 2 * LATER)
    assert content.articles[0].title == "Two"


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


# Faults found by injection (issue 15): each input is read or named in a located error.


def test_windows_line_endings_in_front_matter_are_read(make_content):
    text = article({"title": "Talks", "published": "2019-05-10"}, WIRE_STORY)
    root = make_content()
    (root / "articles" / "crlf.md").write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    [loaded] = load_content(root).articles
    assert loaded.title == "Talks" and "\r" not in loaded.text


def test_unclosed_front_matter_says_what_is_missing(make_content):
    [problem] = problems_of(make_content({"articles/a.md": "---\ntitle: x\n\nBody text.\n"}))
    assert "no later line holds only '---'" in problem


def test_broken_symlink_is_named(make_content):
    root = make_content()
    (root / "articles" / "gone.txt").symlink_to(root / "nowhere.txt")
    [problem] = problems_of(root)
    assert "articles/gone.txt: broken symbolic link" in problem


def test_symlink_loop_is_named(make_content):
    root = make_content()
    (root / "articles" / "loop.txt").symlink_to(root / "articles" / "loop.txt")
    [problem] = problems_of(root)
    assert "articles/loop.txt: symbolic link loop" in problem


def test_folder_symlink_loop_is_named_once(make_content):
    root = make_content({"articles/2019/a.txt": WIRE_STORY})
    (root / "articles" / "2019" / "again").symlink_to(root / "articles")
    [problem] = problems_of(root)
    assert "articles/2019/again: symbolic link loop" in problem


def test_fifo_is_named_not_read(make_content):
    root = make_content()
    os.mkfifo(root / "articles" / "pipe.txt")
    [problem] = problems_of(root)
    assert "articles/pipe.txt: not a regular file" in problem


def test_symlinked_folder_of_articles_is_read(make_content, tmp_path):
    elsewhere = tmp_path / "shared-articles"
    elsewhere.mkdir()
    (elsewhere / "a.txt").write_text(WIRE_STORY, "utf-8")
    root = make_content()
    (root / "articles" / "linked").symlink_to(elsewhere)
    assert [a.id for a in load_content(root).articles] == ["linked/a"]


def test_yaml_sidecar_is_read(make_content):
    root = make_content({"articles/a.txt": WIRE_STORY, "articles/a.yaml": "title: Talks\n"})
    assert load_content(root).articles[0].title == "Talks"


def test_sidecar_beside_front_matter_is_refused(make_content):
    root = make_content(
        {"articles/a.md": article({"title": "One"}, WIRE_STORY), "articles/a.yml": "title: Two\n"}
    )
    [problem] = problems_of(root)
    assert "articles/a.yml: metadata both here and in the front matter of a.md" in problem


def test_two_sidecars_are_refused(make_content):
    root = make_content(
        {"articles/a.txt": WIRE_STORY, "articles/a.yml": "title: A\n", "articles/a.yaml": "x: 1\n"}
    )
    [problem] = problems_of(root)
    assert "a second sidecar beside a.yaml" in problem or "beside a.yml" in problem


def test_duplicate_yaml_key_is_refused_at_its_line(make_content):
    text = "---\ntitle: One\noutlet: Wire\ntitle: Two\n---\n" + WIRE_STORY
    [problem] = problems_of(make_content({"articles/a.md": text}))
    assert "articles/a.md:4: key 'title' is given twice (first at line 2)" in problem


def test_hidden_files_are_skipped_and_counted(make_content):
    root = make_content({"articles/a.txt": WIRE_STORY, "articles/.a.txt.swp": "\x00"})
    (root / "articles" / ".git").mkdir()
    content = load_content(root)
    assert [a.id for a in content.articles] == ["a"]
    assert content.hidden_files == (".git", ".a.txt.swp")


def test_check_says_how_many_hidden_files_were_skipped(make_content, capsys):
    from digest.cli import main

    root = make_content({"articles/.DS_Store": "x"})
    assert main(["check", "--content", str(root)]) == 0
    assert "skipped 1 hidden file(s) under articles/" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("file", "text", "expected"),
    [
        (
            "articles/a.md",
            "---\npublished: 2019-02-30\n---\nBody.\n",
            "articles/a.md:2: article metadata.published: '2019-02-30' is not a date (day is "
            "out of range for month)",
        ),
        (
            "rounds.yml",
            ROUNDS_YML.replace("end: 2019-05-10", "end: 2018-04-31"),
            "rounds.yml:4: round '2019-05-washington'.end: '2018-04-31' is not a date",
        ),
        (
            "people.yml",
            "- id: a-b\n  name: A B\n  roles:\n    - {title: Envoy, from: 2017-02-29}\n",
            "people.yml:4: person 'a-b'.roles: role 1.from: '2017-02-29' is not a date",
        ),
        (
            "articles/a.md",
            "---\npublished: 0001-01-01\n---\nBody.\n",
            "articles/a.md:2: article metadata.published: 0001-01-01 is outside the years",
        ),
        (
            "articles/a.md",
            "---\npublished: 9999-12-31\n---\nBody.\n",
            "9999-12-31 is outside the years 1970-2105",
        ),
        (
            "articles/a.md",
            "---\npublished: 2109-05-11\n---\nBody.\n",
            "2109-05-11 is outside the years 1970-2105; check the year",
        ),
        (
            "articles/a.md",
            "---\nbase: &b {title: T}\n<<: *b\n---\nBody.\n",
            "articles/a.md:3: merge keys ('<<') are not accepted",
        ),
    ],
)
def test_impossible_values_are_located_errors(make_content, file, text, expected):
    root = make_content()
    (root / file).parent.mkdir(parents=True, exist_ok=True)
    (root / file).write_text(text, "utf-8")
    problems = problems_of(root)
    assert any(expected in p for p in problems), problems


def test_yaml_alias_bomb_is_refused_fast(make_content):
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for n in range(1, 12):
        levels.append(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]")
    text = "---\ntitle: Bomb\n" + "\n".join(levels) + "\n---\nBody.\n"
    started = time.perf_counter()
    problems = problems_of(make_content({"articles/bomb.md": text}))
    assert time.perf_counter() - started < 2
    assert problems == [
        f"{Path(problems[0].split(':')[0])}:4: aliases ('*name') are not accepted in content; "
        "write the value out again"
    ]


def test_html_in_its_declared_charset_is_decoded(make_content):
    root = make_content()
    page = '<html><head><meta charset="gb2312"><title>贸易谈判</title></head><body><p>{}</p>'
    (root / "articles" / "cn.html").write_bytes(
        page.format("中美贸易谈判在华盛顿举行。").encode("gbk")
    )
    latin = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><p>{}</p>'
    (root / "articles" / "old.htm").write_bytes(
        latin.format("Café “talks” — done").encode("cp1252")
    )
    texts = {a.id: a.text for a in load_content(root).articles}
    assert "中美贸易谈判" in texts["cn"] and "Café “talks” — done" in texts["old"]


def test_html_not_in_its_declared_charset_names_the_line(make_content):
    root = make_content()
    page = '<meta charset="utf-8">\n<p>{}</p>'.format("Caf\xe9")
    (root / "articles" / "bad.html").write_bytes(page.encode("latin-1"))
    [problem] = problems_of(root)
    assert "articles/bad.html: line 2: not UTF-8 text" in problem


def test_utf16_text_with_a_byte_order_mark_is_read(make_content):
    root = make_content()
    (root / "articles" / "u16.txt").write_bytes(WIRE_STORY.encode("utf-16"))
    assert load_content(root).articles[0].text.startswith("WASHINGTON")


def test_clean_names_a_fifo_instead_of_waiting_on_it(tmp_path):
    from digest.load import load_article_file

    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(DigestError) as caught:
        load_article_file(tmp_path / "pipe.txt")
    assert "pipe.txt: not a regular file" in str(caught.value)


def test_files_read_on_all_cores_give_the_same_articles_and_problems_in_the_same_order(
    make_content, monkeypatch
):
    from digest import load

    good = {f"articles/{n}.md": article({"title": f"Talks {n}"}, WIRE_STORY) for n in "abcd"}
    broken = {
        "articles/b-empty.md": "",
        "articles/c-front.md": "---\ntitle: [unclosed\n---\nText of the article.\n",
    }
    root = make_content({**good, **broken})
    alone = problems_of(root)
    monkeypatch.setattr(load, "PARALLEL_ARTICLES", 1)
    assert problems_of(root) == alone and len(alone) == 2
    for name in broken:
        (root / name).unlink()
    spread = load_content(root).articles
    monkeypatch.setattr(load, "PARALLEL_ARTICLES", 10**6)
    assert spread == load_content(root).articles and len(spread) == 4
