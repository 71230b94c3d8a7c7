"""A site ready to publish: strict link checks that bite, editor pages, absolute addresses."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from digest.mkdocs_log import mkdocs_problems
from tests.support import WIRE_STORY, article, build_site

ABOUT = """\
---
title: About us
description: Who edits the digest.
---

# About us

The editors follow the talks. See the [rounds](rounds/index.md).
"""

BROKEN_LINK = "no-such-page.md"


@pytest.fixture
def clean_articles(wire_articles: dict[str, str]) -> dict[str, str]:
    """The wire articles without the syndicated copy, whose warning would fail --strict."""
    return {name: text for name, text in wire_articles.items() if "beta-news" not in name}


def test_editor_pages_are_rendered_and_listed_in_the_navigation(
    make_content, clean_articles, tmp_path
):
    content = make_content(clean_articles, extra={"pages/about.md": ABOUT})
    out = tmp_path / "site"
    assert build_site(content, out, tmp_path, "--strict") == 0
    page = (out / "about" / "index.html").read_text("utf-8")
    assert "The editors follow the talks." in page
    assert 'href="about/"' in (out / "index.html").read_text("utf-8")


def test_a_broken_link_in_an_editor_page_fails_strict_naming_the_link_and_the_file(
    make_content, clean_articles, tmp_path, capsys
):
    broken = ABOUT + f"\nAnd a [page that is not there]({BROKEN_LINK}).\n"
    content = make_content(clean_articles, extra={"pages/about.md": broken})
    out = tmp_path / "site"
    assert build_site(content, out, tmp_path, "--strict") == 1
    errors = capsys.readouterr().err
    line = broken.splitlines().index(f"And a [page that is not there]({BROKEN_LINK}).") + 1
    assert f"{content / 'pages' / 'about.md'}:{line}: MkDocs warning:" in errors
    assert BROKEN_LINK in errors
    assert not out.exists()


def test_a_broken_link_found_in_a_split_render_is_reported_once(
    make_content, clean_articles, tmp_path, capsys, monkeypatch
):
    from tests.test_build import split_render

    split_render(monkeypatch)
    broken = ABOUT + f"\nAnd a [page that is not there]({BROKEN_LINK}).\n"
    content = make_content(clean_articles, extra={"pages/about.md": broken})
    assert build_site(content, tmp_path / "site", tmp_path, "--strict") == 1
    errors = capsys.readouterr().err
    assert errors.count(f"{content / 'pages' / 'about.md'}:") == 1
    assert not (tmp_path / "site").exists()


def test_an_editor_page_may_not_take_a_generated_pages_name(make_content, wire_articles, tmp_path):
    content = make_content(wire_articles, extra={"pages/timeline.md": ABOUT})
    assert build_site(content, tmp_path / "site", tmp_path) == 1


@pytest.mark.parametrize(
    "log",
    [
        "INFO    -  Building documentation\n"
        "WARNING -  Doc file 'rounds/x.md' contains a link 'y.md', but the target is not "
        "found among documentation files.\n",
    ],
)
def test_a_warning_about_a_generated_page_is_located_at_its_markdown(log: str, tmp_path: Path):
    docs = tmp_path / "docs"
    (docs / "rounds").mkdir(parents=True)
    (docs / "rounds" / "x.md").write_text("# X\n\nSee [y](y.md).\n", "utf-8")
    [problem] = mkdocs_problems(log, docs, tmp_path / "mkdocs.yml")
    assert (problem.path, problem.line) == (str(docs / "rounds" / "x.md"), 3)
    assert "'y.md'" in problem.message


def test_warnings_about_no_page_are_kept_with_their_continuation_lines(tmp_path: Path):
    log = "WARNING -  Config value 'x': unknown\n    second line\nINFO    -  done\n"
    [problem] = mkdocs_problems(log, tmp_path / "docs", tmp_path / "mkdocs.yml")
    assert problem.path == str(tmp_path / "mkdocs.yml")
    assert problem.message == "MkDocs warning: Config value 'x': unknown second line"


SITE_URL = "https://digest.example/trade/"
ROUND = "rounds/2019-05-washington/"
ABSOLUTE = re.compile(r'(?:href|content)="(https?://[^"]*)"')


def _build(make_content, articles, tmp_path: Path, *extra: str) -> Path:
    out = tmp_path / "site"
    assert build_site(make_content(articles), out, tmp_path, *extra) == 0
    return out


def test_with_site_url_sitemap_canonical_feed_and_cards_carry_absolute_addresses(
    make_content, clean_articles, tmp_path
):
    out = _build(make_content, clean_articles, tmp_path, "--site-url", SITE_URL.rstrip("/"))
    sitemap = (out / "sitemap.xml").read_text("utf-8")
    assert f"<loc>{SITE_URL}{ROUND}</loc>" in sitemap
    page = (out / ROUND / "index.html").read_text("utf-8")
    assert f'<link rel="canonical" href="{SITE_URL}{ROUND}">' in page
    assert f'<meta property="og:url" content="{SITE_URL}{ROUND}">' in page
    assert '<meta property="og:title" content="Washington talks, May 2019">' in page
    assert '<meta name="twitter:card" content="summary">' in page
    assert re.search(r'<meta name="twitter:description" content="[^"]+">', page)
    assert (
        f'<link rel="alternate" type="application/atom+xml" '
        f'title="Trade-Talk Digest: negotiation rounds" href="{SITE_URL}feed.xml">'
    ) in page
    for feed in [out / "feed.xml", *(out / "feeds").rglob("*.xml")]:
        links = _links(feed)
        # Absolute: the site's own pages under site_url, an article's original elsewhere.
        assert links and all(href.startswith("https://") for href in links), (feed, links)
    assert f"{SITE_URL}{ROUND}" in _links(out / "feed.xml")
    assert f"{SITE_URL}{ROUND}" in _links(out / "feeds" / "people" / "liu-he.xml")
    assert f"{SITE_URL}feeds/rounds/2019-05-washington.xml" in _links(
        out / "feeds" / "rounds" / "2019-05-washington.xml"
    )
    assert f"Sitemap: {SITE_URL}sitemap.xml" in (out / "robots.txt").read_text("utf-8")


def test_without_site_url_links_stay_relative_and_nothing_points_elsewhere(
    make_content, clean_articles, tmp_path
):
    out = _build(make_content, clean_articles, tmp_path)
    page = (out / ROUND / "index.html").read_text("utf-8")
    assert 'rel="canonical"' not in page and 'property="og:url"' not in page
    assert '<link rel="alternate" type="application/atom+xml"' in page
    assert 'href="../../feed.xml"' in page
    own = [url for url in ABSOLUTE.findall(page) if "digest.example" in url or "None" in url]
    assert own == []
    for feed in [out / "feed.xml", *(out / "feeds").rglob("*.xml")]:
        for href in _links(feed):
            if href.startswith("https://"):  # an article's original
                continue
            target = (feed.parent / href).resolve()
            assert target.is_file() or (target / "index.html").is_file(), (feed, href)
    assert "Sitemap" not in (out / "robots.txt").read_text("utf-8")


ATOM = "{http://www.w3.org/2005/Atom}"


def _links(feed: Path) -> list[str]:
    """Every `<link href>` of an Atom feed (the feed's own and its entries')."""
    root = ElementTree.parse(feed).getroot()
    return [str(link.get("href")) for link in root.iter(f"{ATOM}link")]


def test_every_round_person_and_topic_has_a_feed_its_page_links_to(
    make_content, clean_articles, tmp_path
):
    out = _build(make_content, clean_articles, tmp_path)
    for folder, item in (
        ("rounds", "2019-05-washington"),
        ("people", "liu-he"),
        ("topics", "tariffs"),
    ):
        feed = out / "feeds" / folder / f"{item}.xml"
        assert feed.is_file()
        page = (out / folder / item / "index.html").read_text("utf-8")
        assert f'href="../../feeds/{folder}/{item}.xml"' in page
    coverage = ElementTree.parse(out / "feeds" / "rounds" / "2019-05-washington.xml").getroot()
    titles = [entry.findtext(f"{ATOM}title") for entry in coverage.iter(f"{ATOM}entry")]
    assert titles == ["Talks end without deal"]


def test_published_articles_are_linked_from_their_round_not_from_the_navigation(
    make_content, tmp_path
):
    front = {
        "title": "Talks end without deal",
        "outlet": "Alpha Wire",
        "published": "2019-05-10",
        "publish_text": "true",
    }
    # An id with a folder: the article page's links must climb one level more (--strict
    # checks them).
    articles = {"articles/2019/alpha.md": article(front, WIRE_STORY)}
    out = _build(make_content, articles, tmp_path, "--strict")
    assert (out / "articles" / "2019" / "alpha" / "index.html").is_file()
    home = (out / "index.html").read_text("utf-8")
    assert "articles/2019/alpha/" not in home
    round_page = (out / ROUND / "index.html").read_text("utf-8")
    assert 'href="../../articles/2019/alpha/"' in round_page


GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
"""The one line that names the renderer."""


def test_properdocs_builds_the_same_pages_as_mkdocs(make_content, clean_articles, tmp_path):
    pytest.importorskip("properdocs")
    content = make_content(clean_articles, extra={"pages/about.md": ABOUT})
    sites = {}
    for renderer in ("mkdocs", "properdocs"):
        out = tmp_path / renderer / "site"
        args = ("--strict", "--renderer", renderer)
        assert build_site(content, out, tmp_path / renderer, *args) == 0
        sites[renderer] = {
            p.relative_to(out): GENERATOR.sub(b"", p.read_bytes())
            for p in out.rglob("*")
            if p.is_file()
        }
    assert sites["mkdocs"] == sites["properdocs"]


def test_an_unknown_renderer_stops_the_build(make_content, clean_articles, tmp_path, capsys):
    out = tmp_path / "site"
    assert build_site(make_content(clean_articles), out, tmp_path, "--renderer", "sphinx") == 1
    assert "'sphinx' is not one of: mkdocs, properdocs" in capsys.readouterr().err
    assert not out.exists()
