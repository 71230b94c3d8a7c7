"""`digest build` end to end on content the tests write: pages, JSON, atomic output."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from digest.cli import main
from tests.support import PEOPLE_YML, REPO, WIRE_STORY, article, build_arguments, build_site


@pytest.fixture
def built(make_content, wire_articles, tmp_path) -> Path:
    out = tmp_path / "site"
    assert build_site(make_content(wire_articles), out, tmp_path) == 0
    return out


def test_build_writes_home_round_people_topic_timeline_and_feed(built):
    for page in [
        "index.html",
        "rounds/2019-05-washington/index.html",
        "rounds/2019-07-shanghai/index.html",
        "people/liu-he/index.html",
        "topics/tariffs/index.html",
        "timeline/index.html",
        "report/index.html",
        "search/search_index.json",
        "feed.xml",
    ]:
        assert (built / page).is_file(), page


def test_round_page_shows_glance_box_roles_and_coverage(built):
    page = (built / "rounds/2019-05-washington/index.html").read_text("utf-8")
    assert "At a glance" in page
    assert "US Trade Representative" in page  # the role held at the round's date
    assert "Alpha Wire" in page and 'href="https://alpha.example/talks"' in page


def test_wire_story_carried_twice_is_listed_once_with_both_outlets(built):
    articles = json.loads((built / "api/articles.json").read_text("utf-8"))
    by_id = {a["id"]: a for a in articles}
    assert by_id["beta-news"]["duplicate_of"] == "alpha-wire"
    assert by_id["alpha-wire"]["duplicate_of"] is None
    page = (built / "rounds/2019-05-washington/index.html").read_text("utf-8")
    assert "also carried by" in page and "Beta News" in page


def test_articles_json_lists_every_article_with_contract_keys(built):
    articles = json.loads((built / "api/articles.json").read_text("utf-8"))
    assert [a["id"] for a in articles] == ["alpha-wire", "beta-news"]
    for key in [
        "id",
        "path",
        "title",
        "outlet",
        "url",
        "published",
        "round",
        "duplicate_of",
        "quotes",
        "people",
        "topics",
    ]:
        assert key in articles[0]
    assert articles[0]["path"] == "articles/alpha-wire.md"


def test_rounds_json_summary_sources_resolve_to_round_articles(built):
    rounds = json.loads((built / "api/rounds.json").read_text("utf-8"))
    may = next(r for r in rounds if r["id"] == "2019-05-washington")
    assert may["summary"]
    for sentence in may["summary"]:
        assert set(sentence["sources"]) <= set(may["articles"])


def test_round_without_articles_still_renders_its_glance_box(built):
    page = (built / "rounds/2019-10-washington/index.html").read_text("utf-8")
    assert "At a glance" in page and "No article about this round" in page


def test_failed_build_leaves_previous_site_untouched(built, make_content, tmp_path):
    before = {p: p.read_bytes() for p in built.rglob("*") if p.is_file()}
    root = make_content({"articles/broken.md": "---\npublished: someday\n---\nText.\n"})
    assert build_site(root, built, tmp_path) == 1
    after = {p: p.read_bytes() for p in built.rglob("*") if p.is_file()}
    assert after == before


def test_mkdocs_failure_leaves_previous_site_untouched(
    built, make_content, wire_articles, tmp_path
):
    before = {p: p.read_bytes() for p in built.rglob("*") if p.is_file()}
    bad_config = tmp_path / "mkdocs.yml"
    bad_config.write_text("site_name: x\ntheme:\n  name: no-such-theme\n", "utf-8")
    code = main(
        [
            "build",
            "--content",
            str(make_content(wire_articles)),
            "--out",
            str(built),
            "--build-dir",
            str(tmp_path / "b2"),
            "--cache-dir",
            str(tmp_path / "c2"),
            "--config",
            str(bad_config),
        ]
    )
    assert code == 1
    assert {p: p.read_bytes() for p in built.rglob("*") if p.is_file()} == before
    assert not list(built.parent.glob(".site.new-*")) + list(built.parent.glob(".site.old-*"))


def test_interrupted_build_leaves_previous_site_untouched(
    built, make_content, wire_articles, tmp_path
):
    before = {p: p.read_bytes() for p in built.rglob("*") if p.is_file()}
    command = [
        sys.executable,
        "-c",
        "import os, signal, digest.site as s\n"
        "real = s._swap\n"
        "def killed(*a): os.kill(os.getpid(), signal.SIGKILL)\n"
        "s._swap = killed\n"
        "from digest.cli import main\n"
        f"main(['build', '--content', {str(make_content(wire_articles))!r}, "
        f"'--out', {str(built)!r}, '--build-dir', {str(tmp_path / 'b3')!r}, "
        f"'--cache-dir', {str(tmp_path / 'c3')!r}, "
        f"'--config', {str(REPO / 'mkdocs.yml')!r}])\n",
    ]
    result = subprocess.run(command, cwd=REPO, check=False, env=dict(os.environ))
    assert result.returncode != 0
    assert {p: p.read_bytes() for p in built.rglob("*") if p.is_file()} == before


PARALLEL_BUILD_TRIES = 20
"""Without the lock, about a third of such pairs left an empty site (issue 15)."""


def _build_command(root: Path, out: Path, work: Path) -> list[str]:
    return [sys.executable, "-m", "digest", *build_arguments(root, out, work)]


def test_two_builds_at_once_always_leave_a_whole_site(make_content, tmp_path):
    root = make_content()
    out = tmp_path / "site"
    command = _build_command(root, out, tmp_path)
    assert subprocess.run(command, capture_output=True, check=False).returncode == 0
    expected = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    waited = 0
    for attempt in range(PARALLEL_BUILD_TRIES):
        # Every fourth pair follows an edit that changes every page (and the next one its
        # undoing), so both builds render in full; the others render only changed pages.
        edited = PEOPLE_YML.replace("name: Liu He", f"name: Liu He {attempt}")
        people = PEOPLE_YML if attempt % 4 else edited
        (root / "people.yml").write_text(people, "utf-8")
        builds = [subprocess.Popen(command, stderr=subprocess.PIPE, text=True) for _ in "ab"]
        results = [(build.communicate()[1], build.returncode) for build in builds]
        assert [code for _, code in results] == [0, 0], results
        waited += sum("waiting for the build started at" in errors for errors, _ in results)
        found = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
        assert found == expected, attempt
    assert waited > 0  # the builds did overlap, and the second said whom it waited for


def test_a_build_waiting_too_long_stops_with_a_clear_message(tmp_path):
    from digest.lock import build_locks, lock_file_for
    from digest.model import DigestError

    lock = lock_file_for(tmp_path / "build")
    messages: list[str] = []
    with (
        build_locks([lock]),
        pytest.raises(DigestError) as caught,
        build_locks([lock], timeout=0.3, notify=messages.append),
    ):
        pass
    assert messages and f"by process {os.getpid()}" in messages[0]
    assert "still holds this folder after 0 s" in str(caught.value)


def test_two_builds_of_the_same_input_are_byte_identical(make_content, wire_articles, tmp_path):
    root = make_content(wire_articles)
    first, second = tmp_path / "one", tmp_path / "two"
    assert build_site(root, first, tmp_path) == 0
    assert build_site(root, second, tmp_path) == 0
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_strict_build_fails_on_an_unassigned_article(make_content, tmp_path):
    text = article(
        {"title": "Weather", "outlet": "Gamma"},
        "It rained in a city far from any trade talks for most of the week.\n",
    )
    out = tmp_path / "site"
    assert build_site(make_content({"articles/weather.md": text}), out, tmp_path, "--strict") == 1
    assert not out.exists()


def test_explicit_round_wins_over_the_evidence(make_content, tmp_path):
    text = article(
        {
            "title": "Talks",
            "outlet": "Alpha",
            "round": "2019-07-shanghai",
            "published": "2019-05-10",
        },
        WIRE_STORY,
    )
    out = tmp_path / "site"
    assert build_site(make_content({"articles/a.md": text}), out, tmp_path) == 0
    [record] = json.loads((out / "api/articles.json").read_text("utf-8"))
    assert record["round"] == "2019-07-shanghai"


def test_an_article_anticipating_a_round_goes_to_the_coming_round(make_content, tmp_path):
    text = article(
        {"title": "Negotiators head to Shanghai", "outlet": "Gamma", "published": "2019-07-24"},
        "Robert Lighthizer and Steven Mnuchin will travel to Shanghai next week for talks with "
        "Liu He, the White House said on Wednesday.\n\nThe meeting is expected to last two days "
        "and will be the first face-to-face round since May.\n",
    )
    out = tmp_path / "site"
    assert build_site(make_content({"articles/preview.md": text}), out, tmp_path) == 0
    [record] = json.loads((out / "api/articles.json").read_text("utf-8"))
    assert record["round"] == "2019-07-shanghai"


def test_strict_build_fails_on_a_syndicated_copy_and_reports_it_as_an_error(
    make_content, wire_articles, tmp_path, capsys
):
    out = tmp_path / "site"
    assert build_site(make_content(wire_articles), out, tmp_path, "--strict") == 1
    errors = capsys.readouterr().err
    assert "articles/beta-news.md: suspected copy of alpha-wire" in errors
    assert "warning:" not in errors


def test_extract_reports_every_unreadable_file_before_printing_anything(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text(WIRE_STORY, "utf-8")
    code = main(
        [
            "extract",
            str(good),
            str(tmp_path / "missing.txt"),
            str(tmp_path / "x.pdf"),
            "--content",
            str(REPO / "content"),
        ]
    )
    captured = capsys.readouterr()
    assert code == 1 and captured.out == ""
    assert "missing.txt: file not found" in captured.err and "x.pdf" in captured.err


def _site_bytes(folder: Path) -> dict[Path, bytes]:
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_rebuild_after_an_edit_renders_only_changed_pages_and_equals_a_full_build(
    make_content, wire_articles, tmp_path, capsys
):
    root = make_content(wire_articles)
    out = tmp_path / "site"
    assert build_site(root, out, tmp_path) == 0
    untouched = out / "rounds" / "2019-07-shanghai" / "index.html"
    untouched_time = untouched.stat().st_mtime_ns
    edited = root / "articles" / "alpha-wire.md"
    edited.write_text(
        edited.read_text("utf-8")
        + '\n"We will keep talking in Beijing next month," Liu He told reporters on Friday.\n',
        "utf-8",
    )
    capsys.readouterr()
    assert build_site(root, out, tmp_path) == 0
    assert "only changed pages re-rendered" in capsys.readouterr().err
    assert untouched.stat().st_mtime_ns == untouched_time
    page = out / "rounds" / "2019-05-washington" / "index.html"
    assert "keep talking in Beijing" in page.read_text("utf-8")
    full = tmp_path / "full"
    assert build_site(root, full, tmp_path / "elsewhere") == 0
    assert _site_bytes(out) == _site_bytes(full)


def test_a_partial_render_leaves_the_previous_site_as_it_was(make_content, wire_articles, tmp_path):
    # The previous site's files are shared with the new one (hard links) where MkDocs leaves
    # them: nothing MkDocs writes may reach them, or a failed build would change the old site.
    root = make_content(wire_articles)
    out = tmp_path / "site"
    assert build_site(root, out, tmp_path) == 0
    before = _site_bytes(out)
    held = tmp_path / "held"
    for name in before:
        (held / name).parent.mkdir(parents=True, exist_ok=True)
        os.link(out / name, held / name)
    edited = root / "articles" / "alpha-wire.md"
    edited.write_text(
        edited.read_text("utf-8")
        + '\n"We will keep talking in Beijing next month," Liu He told reporters on Friday.\n',
        "utf-8",
    )
    assert build_site(root, out, tmp_path) == 0
    assert _site_bytes(held) == before
    assert _site_bytes(out) != before


def test_a_rebuild_that_changes_no_page_leaves_the_site_untouched(
    make_content, wire_articles, tmp_path, capsys
):
    root = make_content(wire_articles)
    out = tmp_path / "site"
    assert build_site(root, out, tmp_path) == 0
    index = out / "search" / "search_index.json"
    written = index.stat().st_mtime_ns
    edited = root / "articles" / "alpha-wire.md"
    edited.write_text(edited.read_text("utf-8") + "\n", "utf-8")
    capsys.readouterr()
    assert build_site(root, out, tmp_path) == 0
    assert "0 files changed" in capsys.readouterr().err
    assert index.stat().st_mtime_ns == written


def test_damaged_compiled_theme_templates_are_compiled_again(make_content, wire_articles, tmp_path):
    # The MkDocs process keeps the theme's compiled templates in the build folder; an entry
    # damaged since is compiled again, never run.
    root = make_content(wire_articles)
    assert build_site(root, tmp_path / "first", tmp_path) == 0
    compiled = list((tmp_path / "build" / "theme-templates").glob("*/*.pkl"))
    assert compiled
    for entry in compiled:
        entry.write_bytes(entry.read_bytes()[:-3] + b"xyz")
    assert build_site(root, tmp_path / "second", tmp_path) == 0
    assert _site_bytes(tmp_path / "second") == _site_bytes(tmp_path / "first")


def split_render(monkeypatch) -> None:
    """Make every full render split between two MkDocs processes, whatever its size."""
    from digest import site

    monkeypatch.setattr(site, "SHARD_MARKDOWN_BYTES", 1)
    monkeypatch.setattr(site.os, "cpu_count", lambda: 2)


def test_a_full_render_split_between_processes_equals_one_made_in_one(
    make_content, wire_articles, tmp_path, monkeypatch
):
    root = make_content(wire_articles)
    assert build_site(root, tmp_path / "one", tmp_path / "a") == 0
    split_render(monkeypatch)
    assert build_site(root, tmp_path / "split", tmp_path / "b") == 0
    assert sorted((tmp_path / "b" / "build").glob("shard-*.json"))  # it was split
    assert _site_bytes(tmp_path / "split") == _site_bytes(tmp_path / "one")
    assert not list(tmp_path.glob(".split.new-*"))  # no shard's folder left behind


def test_a_new_round_renders_every_page_again(make_content, wire_articles, tmp_path, capsys):
    root = make_content(wire_articles)
    out = tmp_path / "site"
    assert build_site(root, out, tmp_path) == 0
    rounds = root / "rounds.yml"
    rounds.write_text(
        rounds.read_text("utf-8")
        + "- id: 2019-09-washington\n  start: 2019-09-19\n  end: 2019-09-20\n"
        "  location: Washington\n",
        "utf-8",
    )
    capsys.readouterr()
    assert build_site(root, out, tmp_path) == 0
    assert "only changed pages re-rendered" not in capsys.readouterr().err
    full = tmp_path / "full"
    assert build_site(root, full, tmp_path / "elsewhere") == 0
    assert _site_bytes(out) == _site_bytes(full)


def test_a_copy_moving_to_another_outlet_updates_the_round_page(
    make_content, wire_articles, tmp_path
):
    root = make_content(wire_articles)
    out = tmp_path / "site"
    assert build_site(root, out, tmp_path) == 0
    copy = root / "articles" / "beta-news.md"
    copy.write_text(copy.read_text("utf-8").replace("Beta News", "Gamma Times"), "utf-8")
    assert build_site(root, out, tmp_path) == 0
    page = (out / "rounds" / "2019-05-washington" / "index.html").read_text("utf-8")
    assert "Gamma Times" in page
    assert "Beta News" not in page


def test_a_retitled_page_renders_every_page_again(make_content, wire_articles, tmp_path, capsys):
    # Page titles are in the navigation (each tab's in full on its pages): a title change
    # renders every page again rather than work out which pages show it.
    root = make_content(wire_articles)
    out = tmp_path / "site"
    assert build_site(root, out, tmp_path) == 0
    topics = root / "topics.yml"
    topics.write_text(topics.read_text("utf-8").replace("Agriculture purchases", "Farm trade"))
    capsys.readouterr()
    assert build_site(root, out, tmp_path) == 0
    assert "only changed pages re-rendered" not in capsys.readouterr().err
    assert "Farm trade" in (out / "topics" / "index.html").read_text("utf-8")
    full = tmp_path / "full"
    assert build_site(root, full, tmp_path / "elsewhere") == 0
    assert _site_bytes(out) == _site_bytes(full)


def test_a_changed_page_is_rendered_again_even_when_its_old_html_looks_newer(
    make_content, wire_articles, tmp_path, capsys
):
    # Clock skew or coarse timestamps must not keep an old page: changes go by content.
    root = make_content(wire_articles)
    out = tmp_path / "site"
    assert build_site(root, out, tmp_path) == 0
    future = time.time() + 3600
    for path in out.rglob("*"):
        if "search" not in path.parts:  # the index stays as built: it names this site
            os.utime(path, (future, future))
    edited = root / "articles" / "alpha-wire.md"
    edited.write_text(edited.read_text("utf-8").replace("two\ndays", "three\ndays"), "utf-8")
    capsys.readouterr()
    assert build_site(root, out, tmp_path) == 0
    assert "only changed pages re-rendered" in capsys.readouterr().err
    full = tmp_path / "full"
    assert build_site(root, full, tmp_path / "elsewhere") == 0
    assert _site_bytes(out) == _site_bytes(full)


def test_published_article_in_a_subfolder_links_its_round_page(make_content, tmp_path):
    text = article(
        {"title": "Talks", "published": "2019-05-10", "round": "2019-05-washington"}, WIRE_STORY
    )
    out = tmp_path / "site"
    root = make_content({"articles/2019/may/talks.md": text})
    assert build_site(root, out, tmp_path, "--publish-text") == 0
    page = out / "articles/2019/may/talks/index.html"
    html = page.read_text("utf-8")
    [line] = [line for line in html.splitlines() if "round: " in line]
    targets = re.findall(r'href="([^"]*rounds/2019-05-washington/)"', line)
    assert targets and all((page.parent / t / "index.html").resolve().is_file() for t in targets)


def test_a_docs_file_is_rewritten_when_only_its_last_block_changed(tmp_path) -> None:
    from digest import site

    docs = tmp_path / "docs"
    text = "x" * (site.COMPARE_BLOCK + 10)
    assert site.write_docs({"big.md": text}, docs, None) == 1
    assert site.write_docs({"big.md": text}, docs, None) == 0
    assert site.write_docs({"big.md": text[:-1] + "y"}, docs, None) == 1
    assert (docs / "big.md").read_text("utf-8").endswith("y")


def test_an_unchanged_docs_file_is_told_by_its_hash_without_reading_it_back(
    tmp_path, monkeypatch
) -> None:
    from digest import site

    docs = tmp_path / "docs"
    assert site.write_docs({"a.md": "# A\n", "b.json": "[]"}, docs, None) == 2

    def read_back(path: Path, data: bytes) -> bool:
        raise AssertionError(f"{path} read back")

    monkeypatch.setattr(site, "_holds", read_back)
    assert site.write_docs({"a.md": "# A\n", "b.json": "[]"}, docs, None) == 0
    assert site.write_docs({"a.md": "# A, again\n", "b.json": "[]"}, docs, None) == 1
    assert (docs / "a.md").read_text("utf-8") == "# A, again\n"


def test_a_docs_file_edited_by_hand_since_it_was_written_is_written_again(tmp_path) -> None:
    from digest import site

    docs = tmp_path / "docs"
    site.write_docs({"a.md": "# A\n"}, docs, None)
    page = docs / "a.md"
    page.write_text("# B\n", "utf-8")  # same size
    status = page.stat()
    os.utime(page, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000))
    assert site.write_docs({"a.md": "# A\n"}, docs, None) == 1
    assert page.read_text("utf-8") == "# A\n"


def test_the_docs_folder_read_through_its_manifest_is_the_folder_read_whole(tmp_path) -> None:
    from digest import site

    docs = tmp_path / "docs"
    files = {"a.md": "---\ntitle: Talks\n---\nText\n", "tags.md": "<!-- material/tags -->\n"}
    site.write_docs({**files, "b/c.md": "# Heading\n", "d.json": "{}"}, docs, None)
    (docs / "b/c.md").write_text("# Edited by hand\n", "utf-8")
    through_manifest = site._read_docs(docs)
    site._manifest_path(docs).unlink()
    assert through_manifest == site._read_docs(docs)
    assert "b/c.md: Edited by hand" in through_manifest.titles
