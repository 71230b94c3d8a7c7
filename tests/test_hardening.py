"""Hostile or broken input never reaches the published site as markup, and never crashes."""

from __future__ import annotations

import html as html_module
import os
import string
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digest.load import load_content
from digest.model import DigestError
from digest.render import md_paragraph, md_text
from tests.support import WIRE_STORY, article, build_site

HOSTILE_BODY = """\
WASHINGTON - Negotiators met on Thursday <script>alert("pwned")</script> for talks on tariffs.

Liu He said the talks were <img src=x onerror="alert(1)"> productive and that the
[full text](javascript:alert(2)) would follow, ![tracker](http://evil.example/pixel.png) soon.

"We want <b onmouseover=alert(3)>fair</b> terms {{ free_limit }} and {% raw %}," Robert Lighthizer
said on Friday in Washington, as Steven Mnuchin looked on.

!!! danger "Injected admonition"
    Injected body.

[^1]: An injected footnote definition.

<iframe src="http://evil.example/frame"></iframe> The talks ended on Friday.
"""


def test_hostile_article_renders_no_executable_markup(make_content, tmp_path):
    text = article(
        {
            "title": "Talks <script>x()</script>",
            "outlet": "Evil <i>Wire</i>",
            "url": "javascript:alert(4)",
            "published": "2019-05-10",
            "round": "2019-05-washington",
            "publish_text": "true",
        },
        HOSTILE_BODY,
    )
    out = tmp_path / "site"
    code = build_site(make_content({"articles/evil.md": text}), out, tmp_path / "work")
    assert code == 0
    pages = sorted(out.rglob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text("utf-8")
        assert "<script>alert" not in html, page
        assert "onerror=" not in html and "onmouseover=" not in html, page
        assert 'href="javascript:' not in html, page
        assert 'src="http://evil.example' not in html and "<iframe" not in html, page
        assert 'class="admonition danger"' not in html, page
        assert "injected footnote" not in html.lower() or 'class="footnote"' not in html, page


def test_hostile_article_text_is_published_literally(make_content, tmp_path):
    text = article(
        {
            "title": "'Memo read {{ rate }} and {% if deal %}'",
            "outlet": "Wire",
            "published": "2019-05-10",
            "round": "2019-05-washington",
            "publish_text": "true",
        },
        HOSTILE_BODY,
    )
    out = tmp_path / "site"
    assert build_site(make_content({"articles/evil.md": text}), out, tmp_path / "work") == 0
    shown = html_module.unescape((out / "articles/evil/index.html").read_text("utf-8"))
    assert '<script>alert("pwned")</script>' in shown  # as text the reader sees
    assert "[full text](javascript:alert(2))" in shown
    assert ">Memo read {{ rate }} and {% if deal %}<" in shown


def test_markdown_syntax_in_article_text_is_shown_literally():
    escaped = md_text("[x](javascript:y) *bold* <b> {{ t }} | !!! ^^ ==")
    for char in "[]*<>{}|!^=":
        assert char not in escaped


def test_paragraph_start_cannot_open_a_list_or_quote():
    for opening in ["- item", "1. item", "> quote", "+ item", ": term"]:
        assert md_paragraph(opening)[0] not in "-1>+:"


ARTICLE_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=300
)
YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(string.ascii_lowercase, max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rounds=YAML_VALUES, people=YAML_VALUES, body=ARTICLE_TEXT)
def test_loader_raises_only_its_own_error_on_arbitrary_yaml(make_content, rounds, people, body):
    root = make_content(
        {"articles/a.txt": body},
        rounds=yaml.safe_dump(rounds),
        people=yaml.safe_dump(people),
    )
    try:
        load_content(root)
    except DigestError as error:
        assert error.problems
        assert all(str(p.path) for p in error.problems)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(front=YAML_VALUES)
def test_loader_raises_only_its_own_error_on_arbitrary_front_matter(make_content, front):
    text = "---\n" + yaml.safe_dump(front) + "---\nSome article text.\n"
    try:
        load_content(make_content({"articles/a.md": text}))
    except DigestError as error:
        assert error.problems


def test_every_article_file_is_loaded_or_named_in_an_error(make_content):
    root = make_content(
        {
            "articles/good.md": article({"title": "Fine"}, "Negotiators met in Washington.\n"),
            "articles/empty.txt": "",
            "articles/notes.docx": "binary-ish",
        }
    )
    try:
        load_content(root)
    except DigestError as error:
        named = " ".join(str(p) for p in error.problems)
    assert "empty.txt" in named and "notes.docx" in named
    assert Path(root / "articles/good.md").exists()


def test_round_id_that_could_escape_the_site_is_refused(make_content):
    rounds = "- id: ../../outside\n  start: 2019-05-09\n  end: 2019-05-10\n  location: Washington\n"
    with pytest.raises(DigestError) as caught:
        load_content(make_content(rounds=rounds))
    assert "'../../outside' is not a valid id" in str(caught.value)


@settings(max_examples=80, deadline=None)
@given(text=ARTICLE_TEXT, day=st.dates() | st.none())
def test_extractor_never_raises_on_arbitrary_text(text, day):
    from digest.extract import extract

    result = extract(text, published=day, people=(), topics=())
    assert all(q.text for q in result.quotes)


def test_hostile_round_metadata_reaches_no_page_as_markup(make_content, tmp_path):
    rounds = (
        "- id: 2019-05-washington\n"
        "  title: '<script>alert(2)</script> talks'\n"
        "  start: 2019-05-09\n  end: 2019-05-10\n  location: Washington\n"
        "  summary: '0;url=https://evil.example/\" http-equiv=\"refresh'\n"
    )
    out = tmp_path / "site"
    assert build_site(make_content(rounds=rounds), out, tmp_path / "work") == 0
    for page in sorted(out.rglob("*.html")):
        html = page.read_text("utf-8")
        assert "<script>alert" not in html, page
        assert 'http-equiv="refresh' not in html, page


def test_out_folder_that_would_replace_the_content_is_refused(make_content, tmp_path):
    root = make_content()
    assert build_site(root, root, tmp_path / "work") == 1
    assert (root / "rounds.yml").is_file()


def test_leftovers_of_other_outputs_and_live_builds_are_kept(make_content, tmp_path):
    out = tmp_path / "my-site"
    unrelated = tmp_path / ".my-site.backup-keep"
    unrelated.mkdir()
    assert build_site(make_content(), out, tmp_path / "work") == 0
    assert unrelated.is_dir()


def test_blank_person_name_is_refused(make_content):
    people = "- id: someone\n  name: ''\n"
    with pytest.raises(DigestError) as caught:
        load_content(make_content(people=people))
    assert "people.yml:2: person 'someone'.name: is empty" in str(caught.value)


def test_html_nested_deeper_than_the_extractor_reads_keeps_its_text(make_content):
    from digest import pipeline

    paragraphs = "".join(f"<p>{line}</p>" for line in WIRE_STORY.split("\n\n"))
    depth = 300
    page = f"<html><body>{'<div>' * depth}{paragraphs}{'</div>' * depth}</body></html>"
    data = pipeline.run(load_content(make_content({"articles/deep.html": page})))
    [item] = data.articles
    assert "Liu He" in item.clean.text
    assert not [w for w in data.warnings if "almost no text" in w.message]


def test_an_article_with_almost_no_text_left_is_a_warning_naming_it(make_content):
    from digest import pipeline

    page = "<html><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav></body></html>"
    data = pipeline.run(load_content(make_content({"articles/links.html": page})))
    [warning] = [w for w in data.warnings if "almost no text" in w.message]
    assert warning.path.endswith("articles/links.html")


def test_unwritable_out_parent_is_a_located_error(make_content, tmp_path, monkeypatch, capsys):
    import digest.lock

    real_open = os.open
    locked_out = tmp_path / "readonly"

    def refuse(path, *args, **kwargs):  # the folder as a user without write permission sees it
        if Path(path).parent == locked_out:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(digest.lock.os, "open", refuse)
    assert build_site(make_content(), locked_out / "site", tmp_path / "work") == 1
    assert f"{locked_out}: not writable; choose another folder" in capsys.readouterr().err


def test_unwritable_cache_entry_is_named_not_a_traceback(
    make_content, tmp_path, monkeypatch, capsys
):
    from digest.cache import BuildCache

    def refuse(self, key, value):
        raise PermissionError(13, "Permission denied", str(self.folder / key))

    monkeypatch.setattr(BuildCache, "put", refuse)
    assert build_site(make_content(), tmp_path / "site", tmp_path / "work") == 1
    assert f"{tmp_path / 'work' / 'cache'}" in capsys.readouterr().err


def test_a_file_vanishing_during_load_is_named(make_content, monkeypatch):
    from digest import load

    root = make_content({"articles/a.txt": "Talks went on.\n", "articles/b.txt": "Talks ended.\n"})
    listed = load._article_files

    def list_then_lose_one(articles_dir, problems):
        found = listed(articles_dir, problems)
        (articles_dir / "b.txt").unlink()
        return found

    monkeypatch.setattr(load, "_article_files", list_then_lose_one)
    with pytest.raises(DigestError) as caught:
        load_content(root)
    assert "b.txt: disappeared while the folder was being read" in str(caught.value)


def test_clean_into_a_closed_pipe_stops_quietly(tmp_path):
    page = tmp_path / "a.txt"
    page.write_text(WIRE_STORY, "utf-8")
    command = [sys.executable, "-m", "digest", "clean", *[str(page)] * 200]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stdout.readline()
    process.stdout.close()  # `| head -1`
    _, errors = process.communicate()
    assert b"Traceback" not in errors and process.returncode == 0


def test_an_edited_cache_entry_that_still_loads_is_not_trusted(tmp_path):
    from digest.cache import BuildCache

    cache = BuildCache(tmp_path)
    cache.put("ab" * 32, "round 2019-05-washington")
    [entry] = tmp_path.glob("*/*.pkl")
    entry.write_bytes(entry.read_bytes().replace(b"2019", b"2018"))
    assert BuildCache(tmp_path).get("ab" * 32) is None


def test_report_page_names_files_within_the_content_folder(make_content, tmp_path):
    text = article({"title": "Note", "round": "2019-05-washington"}, "A short note.\n")
    root = make_content({"articles/note.md": text})  # warned about: almost no text
    out = tmp_path / "site"
    assert build_site(root.resolve(), out, tmp_path / "work") == 0
    # The Markdown page: its text is escaped for Markdown, so only the start can be compared.
    report = (tmp_path / "work" / "build" / "docs" / "report.md").read_text("utf-8")
    assert "\n- articles/note.md: almost no text left" in report


def test_out_naming_an_existing_file_is_refused_and_kept(make_content, tmp_path):
    target = tmp_path / "notes.txt"
    target.write_text("my notes\n", "utf-8")
    assert build_site(make_content(), target, tmp_path / "work") == 1
    assert target.read_text("utf-8") == "my notes\n"
    assert not list(tmp_path.glob(".notes.txt.*"))


def test_workers_end_when_the_build_is_killed(tmp_path):
    script = (
        "import os, signal, time\n"
        "from concurrent.futures import ProcessPoolExecutor\n"
        "from digest.runtime import exit_with_parent\n"
        "pool = ProcessPoolExecutor(2, initializer=exit_with_parent)\n"
        "print(pool.submit(os.getpid).result(), flush=True)\n"
        "pool.submit(time.sleep, 60)\n"
        "time.sleep(0.2)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, check=False)
    worker = int(result.stdout)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and _running(worker):
        time.sleep(0.1)
    assert not _running(worker)


def _running(pid: int) -> bool:
    """Whether process `pid` runs (a zombie waiting for its reaper does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"
