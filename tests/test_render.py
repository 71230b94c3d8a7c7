"""Rendering decisions that do not need a whole build."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pytest
from jinja2 import Environment

from digest.cache import BuildCache
from digest.compiled_templates import CompiledTemplates
from digest.model import (
    Article,
    Assignment,
    CleanResult,
    Content,
    CoverageItem,
    Extraction,
    Person,
    ProcessedArticle,
    Quote,
    Round,
    RoundDigest,
    RoundQuote,
    SideStatements,
    SiteData,
    SummarySentence,
)
from digest.render import (
    RenderOptions,
    _environment,
    coverage_footnotes,
    coverage_headline,
    distinct_sentences,
    plain_label,
    render_site,
    rounds_json,
)
from digest.render_memo import RENDER_CODE, RenderMemo


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


def _digest(*articles: Article) -> RoundDigest:
    original, *copies = articles
    round_ = Round("r", date(2019, 5, 9), date(2019, 5, 10), "Washington")
    return RoundDigest(
        round_,
        (CoverageItem(original.id, tuple(a.id for a in copies)),),
        (SummarySentence("Talks ended.", (original.id,)),),
        (),
        (),
        (),
        (),
        outcome=SummarySentence("Talks ended without a deal.", (original.id,)),
        statements=SideStatements(us=(RoundQuote("We talked.", "A B", None, None, "a"),)),
    )


def _article(article_id: str, url: str) -> Article:
    return Article(article_id, f"articles/{article_id}.txt", "", "text", url=url)


def test_a_copy_stored_under_the_same_url_is_not_listed_and_cites_the_original():
    articles = [
        _article("a", "https://one.example/x"),
        _article("b", "https://one.example/x"),
        _article("c", "https://two.example/y"),
    ]
    footnote, listed = coverage_footnotes(_digest(*articles), {a.id: a for a in articles})
    assert listed == {"a", "c"}
    assert footnote == {"a": 1, "b": 1, "c": 2}


def test_rounds_json_carries_outcome_next_and_each_sides_statements():
    digest = _digest(_article("a", "https://one.example/x"))
    data = cast(SiteData, SimpleNamespace(digests=(digest,)))
    record = rounds_json(data)[0]
    assert record["outcome"] == {"text": "Talks ended without a deal.", "sources": ["a"]}
    assert record["next"] is None
    assert record["statements"] == {
        "us": [{"text": "We talked.", "speaker": "A B", "article": "a"}],
        "china": [],
    }
    assert record["figures"] == [] and record["topics"] == []


def _person_page_site() -> SiteData:
    """Two rounds: Mnuchin in the first's delegation, only named in the second's coverage."""
    mnuchin = Person("steven-mnuchin", "Steven Mnuchin", ("Mnuchin",), "us")
    first = Round("r1", date(2019, 5, 9), date(2019, 5, 10), "Washington", title="First")
    first = replace(first, delegations={"us": ("steven-mnuchin",)})
    second = Round("r2", date(2019, 7, 30), date(2019, 7, 31), "Shanghai", title="Second")
    quotes = (
        Quote("fair", "Steven Mnuchin"),
        Quote("We made real progress on farm goods and on tariffs this week.", "Steven Mnuchin"),
    )
    article = Article(
        "a", "articles/a.txt", "", "text", title="Talks end", published=date(2019, 5, 10)
    )
    item = ProcessedArticle(
        article, CleanResult(""), Extraction(quotes=quotes), published=article.published
    )
    digests = tuple(
        RoundDigest(r, (), (), (), (), (), people)
        for r, people in ((first, ()), (second, ("Steven Mnuchin",)))
    )
    content = Content(Path("."), (first, second), (mnuchin,), (), (article,))
    return SiteData(content, (item,), {"a": Assignment("r1", "test")}, {}, digests, ())


def test_a_person_page_separates_rounds_attended_from_rounds_mentioned_in():
    page = render_site(_person_page_site(), RenderOptions())["people/steven-mnuchin.md"]
    attended = page.split("## Attended")[1].split("## Mentioned in")[0]
    mentioned = page.split("## Mentioned in")[1].split("## Quotations")[0]
    assert "rounds/r1.md" in attended and "rounds/r2.md" not in attended
    assert "rounds/r2.md" in mentioned


def test_a_person_page_dates_each_quotation_links_its_round_and_drops_fragments():
    page = render_site(_person_page_site(), RenderOptions())["people/steven-mnuchin.md"]
    quotations = page.split("## Quotations")[1]
    assert "real progress" in quotations and "“fair”" not in quotations
    assert "10 May 2019, on [First](../rounds/r1.md)" in quotations


def test_a_rebuild_weighs_only_changed_articles_quotations_for_person_pages(
    tmp_path: Path, monkeypatch
):
    from digest import render
    from digest.cache import BuildCache

    site = _person_page_site()
    site = replace(site, articles=tuple(replace(i, key="article-key") for i in site.articles))
    memo = RenderMemo.open(BuildCache(tmp_path))
    first = render_site(site, RenderOptions(), memo)
    memo.save()

    def weighed_again(text: str) -> bool:
        raise AssertionError(f"quotation weighed again: {text}")

    monkeypatch.setattr(render, "quotable_alone", weighed_again)
    again = render_site(site, RenderOptions(), RenderMemo.open(BuildCache(tmp_path)))
    assert again == first


def test_a_remembered_article_row_follows_the_article_to_another_round(tmp_path: Path):
    site = _person_page_site()
    site = replace(
        site, articles=tuple(replace(i, key=f"key-{n}") for n, i in enumerate(site.articles))
    )
    memo = RenderMemo.open(BuildCache(tmp_path))
    render_site(site, RenderOptions(), memo)
    memo.save()
    moved = next(iter(site.assignments))
    site = replace(site, assignments={**site.assignments, moved: Assignment(None, "moved by hand")})
    again = render_site(site, RenderOptions(), RenderMemo.open(BuildCache(tmp_path)))
    record = next(r for r in json.loads(again["api/articles.json"]) if r["id"] == moved)
    assert (record["round"], record["round_reason"]) == (None, "moved by hand")
    assert f"{moved}\t" in again["report.tsv"] and "moved by hand" in again["report.tsv"]
    assert again == render_site(site, RenderOptions())


def test_a_sides_statement_is_not_repeated_under_what_they_said():
    statement = RoundQuote("We talked about farm goods for two days.", "A B", None, None, "a")
    other = RoundQuote("Tariffs stay until a deal is signed.", "C D", None, None, "a")
    article = _article("a", "https://one.example/x")
    digest = replace(
        _digest(article), quotes=(statement, other), statements=SideStatements(us=(statement,))
    )
    item = ProcessedArticle(article, CleanResult(""), Extraction())
    content = Content(Path("."), (digest.round,), (), (), (article,))
    data = SiteData(content, (item,), {"a": Assignment("r", "test")}, {}, (digest,), ())
    page = render_site(data, RenderOptions())["rounds/r.md"]
    assert page.count("We talked about farm goods for two days.") == 1
    assert "Tariffs stay until a deal is signed." in page.split("## What they said")[1]


def test_a_story_without_a_headline_is_listed_by_its_opening_words():
    article = _article("wire-2019-05-10", "https://one.example/x")
    text = "Chinese and US negotiators ended two days of talks in Washington on Friday, no deal."
    assert coverage_headline(article, text) == (
        "“Chinese and US negotiators ended two days of talks in Washington on…”"
    )
    assert coverage_headline(replace(article, title="Talks end"), text) == "Talks end"
    assert coverage_headline(article, "") == "wire-2019-05-10"


def test_a_story_listed_by_its_opening_words_stops_at_its_first_sentence():
    article = _article("wire-2021-05-27", "https://one.example/y")
    text = "• Vice premier and trade envoy spoke by phone. • Both sides called it candid."
    assert coverage_headline(article, text) == "“Vice premier and trade envoy spoke by phone.”"


def test_a_story_listed_by_its_opening_words_skips_its_dateline():
    article = _article("wire-2018-06-03", "https://one.example/z")
    text = "BEIJING (Wire) - Both sides ended a third day of talks without a joint statement."
    assert coverage_headline(article, text) == (
        "“Both sides ended a third day of talks without a joint statement.”"
    )


def test_a_page_link_comes_from_digest_paths_relative_to_the_linking_page():
    from digest import paths
    from digest.render import page_link

    assert page_link(paths.topic_page)("tariffs", "rounds") == "../topics/tariffs.md"
    assert page_link(paths.round_page)("2019-05-washington", "rounds") == "2019-05-washington.md"
    assert page_link(paths.round_page)("2019-05-washington") == "rounds/2019-05-washington.md"


def _never_compile(*args: object, **kwargs: object) -> None:
    raise AssertionError("the template was compiled again")


def test_a_template_compiled_by_one_build_is_reused_by_the_next(tmp_path, monkeypatch):
    cache = BuildCache(tmp_path)
    first = _environment(CompiledTemplates(cache, RENDER_CODE)).get_template("robots.txt.j2")
    monkeypatch.setattr(Environment, "compile", _never_compile)
    again = _environment(CompiledTemplates(cache, RENDER_CODE)).get_template("robots.txt.j2")
    assert again.render(site_url="https://x.example/") == first.render(
        site_url="https://x.example/"
    )


def test_a_damaged_compiled_template_is_compiled_again(tmp_path, monkeypatch):
    cache = BuildCache(tmp_path)
    _environment(CompiledTemplates(cache, RENDER_CODE)).get_template("robots.txt.j2")
    for entry in tmp_path.glob("*/*.pkl"):
        entry.write_bytes(entry.read_bytes()[:-3] + b"xyz")
    monkeypatch.setattr(Environment, "compile", _never_compile)
    with pytest.raises(AssertionError, match="compiled again"):
        _environment(CompiledTemplates(cache, RENDER_CODE)).get_template("robots.txt.j2")


def test_a_label_keeps_its_apostrophes_and_quotes_as_typographic_marks():
    assert plain_label("People's Republic") == "People\u2019s Republic"
    quoted = plain_label('a "very substantial" framework')
    assert quoted == "a \u201cvery substantial\u201d framework"


def test_a_label_can_close_no_attribute_or_tag():
    label = plain_label('x" onload="alert(1)\' <b>&amp;')
    assert not set(label) & set("<>&\"'`{}")


def test_the_home_page_introduces_the_latest_round_with_its_summary(make_content, wire_articles):
    from digest.load import load_content
    from digest.pipeline import run
    from tests.support import ROUNDS_YML

    rounds = ROUNDS_YML.replace(
        "  outcome: Ended without a deal",
        "  summary: Two days of talks as the tariff rise took effect.\n"
        "  outcome: Ended without a deal",
    )
    data = run(load_content(make_content(wire_articles, rounds=rounds)))
    files = render_site(data, RenderOptions())
    home = files["index.md"]
    tip = home[home.index("Latest round") :]
    assert "\n\n    Two days of talks as the tariff rise took effect.\n" in tip


def test_pages_rendered_on_all_cores_equal_pages_rendered_in_one_process(monkeypatch):
    from digest import render

    site = _person_page_site()
    covered = replace(site.digests[0], coverage=(CoverageItem("a"),))
    site = replace(site, digests=(covered, *site.digests[1:]))
    alone = render_site(site, RenderOptions())
    monkeypatch.setattr(render, "PARALLEL_ARTICLES", 1)
    spread = render_site(site, RenderOptions())
    assert spread == alone and "people/steven-mnuchin.md" in spread


def test_a_remembered_round_page_follows_metadata_its_articles_key_leaves_out(tmp_path: Path):
    from digest.cache import BuildCache

    site = _person_page_site()
    covered = replace(site.digests[0], coverage=(CoverageItem("a"),))
    site = replace(
        site,
        digests=(covered, *site.digests[1:]),
        articles=tuple(replace(i, key="article-key") for i in site.articles),
        digest_keys={d.round.id: f"digest-{d.round.id}" for d in site.digests},
    )
    memo = RenderMemo.open(BuildCache(tmp_path))
    before = render_site(site, RenderOptions(), memo)["rounds/r1.md"]
    memo.save()
    (item,) = site.articles
    published = replace(item, article=replace(item.article, publish_text=True))
    site = replace(site, articles=(published,))
    after = render_site(site, RenderOptions(), RenderMemo.open(BuildCache(tmp_path)))
    assert after["rounds/r1.md"] == render_site(site, RenderOptions())["rounds/r1.md"] != before
