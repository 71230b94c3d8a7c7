"""Headline finding: the headline a page carries, never a label, teaser, standfirst or site name.

Every page text here is written for the tests; none is copied from a real page.
"""

from __future__ import annotations

from digest.extract.headline import html_header, strip_site_name, text_headline
from digest.model import Article
from digest.process import process_article

STORY = (
    "Negotiators from both countries met for a second day on Tuesday, trading proposals on "
    "farm purchases and the tariffs both sides have imposed since the spring."
)
MORE = (
    "Officials said the talks were candid and that the delegations would report back to their "
    "capitals before deciding whether to schedule another round next month."
)
HEADLINE = "Trade envoys trade proposals on farm purchases in second day of talks"


def page(*lines: str) -> str:
    return "\n".join(lines)


def test_first_line_headline_is_found() -> None:
    assert text_headline(page(HEADLINE, STORY, MORE)) == HEADLINE


def test_page_opening_with_its_story_has_no_headline() -> None:
    assert text_headline(page(STORY, MORE)) == ""


def test_dateline_opening_means_no_headline() -> None:
    assert text_headline(page("By Jane Roe", "GENEVA (Wire) - " + STORY, MORE)) == ""


def test_labels_and_dates_above_the_headline_are_skipped() -> None:
    text = page("Advertisement", "Breaking News", "March 3, 2019 10:15 AM", HEADLINE, STORY)
    assert text_headline(text) == HEADLINE


def test_site_name_above_the_headline_is_skipped() -> None:
    assert text_headline(page("The Harbour Evening Post", HEADLINE, STORY)) == HEADLINE


def test_wire_slug_before_the_headline_is_cut() -> None:
    assert text_headline(page("XYZ-14 " + HEADLINE, STORY)) == HEADLINE


def test_feed_markup_round_the_headline_is_cut() -> None:
    assert text_headline(page(f"<![CDATA[{HEADLINE}]]>", STORY)) == HEADLINE


def test_repeated_headline_counts_once() -> None:
    # Headline, a short standfirst, the headline again: two lines, not a list of three links.
    text = page(HEADLINE, "Talks held in Geneva this week", HEADLINE, "Advertisement", STORY)
    assert text_headline(text) == HEADLINE


def test_unpunctuated_standfirst_is_not_the_headline() -> None:
    standfirst = "Both sides describe the talks as constructive but no date is set for the next"
    assert text_headline(page(HEADLINE, standfirst, "By Jane Roe", STORY)) == HEADLINE


def test_list_of_links_above_the_story_is_skipped() -> None:
    links = [
        "Farm exports fall for a third month in a row",
        "Steel makers brace for a new round of duties",
        "Shipping rates climb as ports clear their backlog",
    ]
    assert text_headline(page(*links, "Advertisement", STORY)) == ""


def test_list_of_links_ending_above_the_story_ends_with_its_headline() -> None:
    links = [
        "Farm exports fall for a third month in a row",
        "Steel makers brace for a new round of duties",
        "Shipping rates climb as ports clear their backlog",
    ]
    assert text_headline(page(*links, HEADLINE, "GENEVA - " + STORY)) == HEADLINE


def test_headline_ending_in_an_abbreviation_above_a_byline() -> None:
    headline = "Vice premier faces a hard week of talks in the U.S."
    assert text_headline(page(headline, "By Jane Roe", STORY)) == headline


def test_page_description_copied_above_the_headline_is_skipped() -> None:
    description = "Negotiators from both countries met for a second day on Tuesday."
    lead = description[:-1] + ", trading proposals on farm purchases."
    assert text_headline(page(description, HEADLINE, lead, MORE)) == HEADLINE


def test_caption_above_the_story_is_not_a_headline() -> None:
    caption = (
        "Jane Roe (left) underscored concerns about state subsidies and practices that harm "
        "farmers and workers across the region and beyond"
    )
    assert text_headline(page(caption, STORY, MORE)) == ""


def test_other_script_navigation_is_skipped_on_an_english_page() -> None:
    assert text_headline(page("贸易谈判新闻中心首页", HEADLINE, STORY, MORE)) == HEADLINE


def test_html_title_loses_the_site_name() -> None:
    assert strip_site_name(f"{HEADLINE} | Example Wire", "Example Wire") == HEADLINE
    assert strip_site_name(f"{HEADLINE} - Example Wire", "Example Wire") == HEADLINE
    assert strip_site_name(HEADLINE, "") == HEADLINE


def test_html_page_declares_headline_and_site_name() -> None:
    html = (
        "<html><head><title>Envoys meet again | Example Wire</title>"
        '<meta property="og:site_name" content="Example Wire">'
        '<meta property="og:title" content="Envoys meet again">'
        '<meta property="article:published_time" content="2019-05-10T08:00:00Z">'
        f"</head><body><article><h1>Envoys meet again</h1><p>{STORY}</p></article></body></html>"
    )
    header = html_header(html)
    assert header.title == "Envoys meet again"
    assert header.outlet == "Example Wire"
    assert header.published is not None and header.published.isoformat() == "2019-05-10"


def test_processed_article_carries_the_page_headline() -> None:
    article = Article(id="a", path="a.txt", text=page(HEADLINE, STORY, MORE), format="text")
    item = process_article(article, None, (), ())
    assert (item.title, item.title_from) == (HEADLINE, "page")
    assert item.shown.title == HEADLINE


def test_metadata_title_wins_over_the_page() -> None:
    article = Article(
        id="a", path="a.txt", text=page(HEADLINE, STORY, MORE), format="text", title="Given"
    )
    item = process_article(article, None, (), ())
    assert (item.title, item.title_from) == ("Given", "metadata")


def test_built_site_shows_the_page_headline_where_metadata_has_none(make_content, tmp_path):
    import json

    from tests.support import WIRE_STORY, article, build_site

    text = article(
        {"outlet": "Alpha", "round": "2019-07-shanghai", "published": "2019-05-10"},
        f"{HEADLINE}\n\n{WIRE_STORY}",
    )
    out = tmp_path / "site"
    assert build_site(make_content({"articles/untitled.md": text}), out, tmp_path) == 0
    [record] = json.loads((out / "api/articles.json").read_text("utf-8"))
    assert record["title"] == HEADLINE
    round_page = (out / "rounds" / "2019-07-shanghai" / "index.html").read_text("utf-8")
    assert HEADLINE in round_page  # the coverage list names the story by its headline
    feed = (out / "feeds" / "rounds" / "2019-07-shanghai.xml").read_text("utf-8")
    assert HEADLINE in feed  # and so does the round's feed


def test_question_headline_above_the_dateline_is_found() -> None:
    question = "Will the farm purchases be enough to end the trade war?"
    assert text_headline(page(question, "GENEVA (Wire) - " + STORY, MORE)) == question


def test_question_opening_the_story_is_not_a_headline() -> None:
    question = "Will the farm purchases be enough to end the trade war, analysts ask?"
    assert text_headline(page(question, STORY, MORE)) == ""


def test_site_name_after_a_bar_is_cut_from_a_scraped_title() -> None:
    assert text_headline(page(f"{HEADLINE} | Example Wire", STORY)) == HEADLINE


def test_masthead_line_names_a_known_outlet() -> None:
    from digest.extract.headline import text_outlet

    text = page("Harbour Evening Post", HEADLINE, STORY)
    assert text_outlet(text, {"Harbour Evening Post", "Example Wire"}) == "Harbour Evening Post"
    assert text_outlet(text, {"Example Wire"}) == ""


def test_processed_article_without_an_outlet_takes_the_masthead() -> None:
    article = Article(
        id="a", path="a.txt", text=page("EXAMPLE WIRE", HEADLINE, STORY), format="text"
    )
    item = process_article(article, None, (), (), outlets={"Example Wire"})
    assert item.outlet == "Example Wire"
    given = Article(
        id="a", path="a.txt", text=article.text, format="text", outlet="Harbour Evening Post"
    )
    assert process_article(given, None, (), (), outlets={"Example Wire"}).outlet == (
        "Harbour Evening Post"
    )


def test_known_outlets_enter_the_cache_key_only_of_articles_without_one() -> None:
    from digest.process import article_key

    bare = Article(id="a", path="a.txt", text=STORY, format="text")
    named = Article(id="b", path="b.txt", text=STORY, format="text", outlet="Example Wire")
    assert article_key(bare, "", "ref", "one") != article_key(bare, "", "ref", "two")
    assert article_key(named, "", "ref", "one") == article_key(named, "", "ref", "two")


# --- Pages whose furniture holds headline-like lines (issue 13) -----------------------------


TAGLINE = "Your daily guide to the world of markets and money"


def test_headline_above_the_byline_wins_over_a_tagline_above_it() -> None:
    # A site's tagline above its menu is headline-like too; the headline is the run that
    # stands right above the byline.
    text = page(TAGLINE, "Home", HEADLINE, "By Jane Roe", STORY)
    assert text_headline(text) == HEADLINE


def test_headline_above_a_caption_is_anchored() -> None:
    text = page(
        TAGLINE,
        "Home",
        HEADLINE,
        "Cranes stand idle at the harbour. Photo: Example Agency",
        STORY,
    )
    assert text_headline(text) == HEADLINE


def test_list_of_links_ending_above_the_byline_ends_with_its_headline() -> None:
    links = [
        "Farm exports fall for a third month in a row",
        "Steel makers brace for a new round of duties",
        "Shipping rates climb as ports clear their backlog",
    ]
    text = page(*links, HEADLINE, "March 3, 2019 10:15 AM by Jane Roe", STORY)
    assert text_headline(text) == HEADLINE


def test_short_line_nothing_anchors_is_no_headline() -> None:
    # A five-word tagline among menu labels, the story below without a headline.
    assert text_headline(page("Home", "Tomorrow's markets read today", "World", STORY)) == ""


def test_prompt_ending_in_a_dangling_word_is_no_headline() -> None:
    text = page("Home", "Logged in to your reader account as", "World", STORY)
    assert text_headline(text) == ""


def test_phrasal_verb_ending_a_headline_keeps_it() -> None:
    headline = "Farm purchases stall as the new duties kick in"
    assert text_headline(page(headline, "Published: August 24, 2018", STORY)) == headline


def test_web_address_is_no_headline() -> None:
    address = "https://news.example.org/world/trade-envoys-trade-proposals-on-farm-purchases"
    assert text_headline(page("Home", address, "By Jane Roe", STORY)) == ""


def test_list_of_tags_is_no_headline() -> None:
    tags = "Jane Roe Trade, Farm Policy, Tariffs, World News"
    assert text_headline(page("Home", tags, "World", STORY)) == ""


def test_headline_printed_twice_is_the_headline_even_as_a_sentence() -> None:
    question = "Can a trade deal survive another round of tariffs this spring, analysts ask?"
    assert text_headline(page("Home", question, question, STORY, MORE)) == question


def test_caption_printed_twice_is_no_headline() -> None:
    caption = "Cranes stand idle at a Ruritanian harbour. PHOTO: EXAMPLE AGENCY"
    assert text_headline(page(caption, caption, STORY)) == ""


def test_section_label_glued_by_a_bar_is_cut() -> None:
    assert text_headline(page(f"Business|{HEADLINE}", "By Jane Roe", STORY)) == HEADLINE


def test_html_heading_the_title_contains_is_the_headline() -> None:
    # The declared title carries a section label and the site's name; the visible heading
    # is the headline alone.
    html = (
        "<html><head><title>Opinion | Envoys meet again - Example Wire</title>"
        '<meta property="og:title" content="Opinion | Envoys meet again | Example Wire">'
        '<meta property="og:site_name" content="Example Wire"></head>'
        f"<body><h1 class='headline'>Envoys <em>meet</em> again</h1><p>{STORY}</p>"
        "</body></html>"
    )
    assert html_header(html).title == "Envoys meet again"


def test_html_heading_missing_from_the_title_is_a_logo() -> None:
    html = (
        "<html><head><title>Envoys meet again | Example Wire</title>"
        '<meta property="og:site_name" content="Example Wire"></head>'
        f"<body><h1>Example Wire Daily</h1><p>{STORY}</p></body></html>"
    )
    assert html_header(html).title == "Envoys meet again"


def test_line_holding_a_web_address_is_no_headline() -> None:
    box = "Tried and rated by Jane Roe, full guide at www.example.org/guide"
    assert text_headline(page("Home", box, "By Jane Roe", STORY)) == ""


def test_caption_with_a_bracketed_source_and_photographer_is_no_story_start() -> None:
    caption = "An artist's view of the new port terminal. (Example Port Authority/Jane Roe)"
    text = page(caption, HEADLINE, "By John Roe", STORY, MORE)
    assert text_headline(text) == HEADLINE


def test_notice_that_links_open_in_a_new_tab_is_no_headline() -> None:
    notice = "Links on this page lead to other sites and open in a new tab"
    assert text_headline(page("Home", notice, "World", STORY)) == ""


def test_markup_whose_tags_never_close_is_read_in_linear_time() -> None:
    # A broken page: thousands of <meta and <h1 openings that never close. Reading its title
    # must not scan the rest of the page from each of them (the old patterns took seconds).
    import time

    broken = '<meta property=og:title content="' * 20_000 + "<h1>" * 20_000
    started = time.perf_counter()
    html_header(broken)
    assert time.perf_counter() - started < 2.0


def test_headline_opening_with_a_menu_word_is_found() -> None:
    headline = "Home builders cut prices as tariff talks drag on"
    assert text_headline(page("Economy", headline, "By Jane Roe", STORY, MORE)) == headline


def test_byline_label_on_its_own_line_anchors_the_headline() -> None:
    headline = "Envoys end talks early"
    text = page("Talks", headline, "A quiet second day in Geneva", "By", "Jane Roe", STORY, MORE)
    assert text_headline(text) == headline


def test_bar_joined_timestamps_anchor_the_headline() -> None:
    stamps = "Published May 3, 2019 at 4:07 PM | Updated at 5:36 PM EDT on May 3, 2019"
    headline = "Envoys end talks early"
    assert text_headline(page("Markets", headline, stamps, "Tariffs", STORY, MORE)) == headline


def test_exclamation_inside_a_closing_quote_above_a_byline_is_a_headline() -> None:
    headline = 'Envoys leave Geneva after two days: "We are not done yet!"'
    assert text_headline(page(headline, "By Jane Roe", STORY, MORE)) == headline


def test_site_tagline_above_the_headline_is_skipped() -> None:
    tagline = "The latest news about ports, farms and the businesses of the valley."
    assert text_headline(page(tagline, HEADLINE, "By Jane Roe", STORY, MORE)) == HEADLINE


def test_title_case_headline_ending_in_a_question_is_found() -> None:
    headline = "Will Beijing Buy More American Soybeans This Year?"
    standfirst = "Both delegations said they had narrowed their differences on farm purchases."
    assert text_headline(page(headline, standfirst, STORY, MORE)) == headline


def test_names_above_a_timestamp_anchor_the_headline() -> None:
    headline = "Envoys end talks early"
    standfirst = "A quiet second day in Geneva for both delegations"
    text = page(headline, standfirst, "Jane Roe", "May 3, 2019 10:15 AM", STORY, MORE)
    assert text_headline(text) == headline


def test_names_above_a_timestamp_are_no_headline() -> None:
    text = page("Jane Roe and John Doe, Example Wire", "Updated May 3, 2019 10:15 AM", STORY, MORE)
    assert text_headline(text) == ""


def test_date_in_figures_anchors_the_headline() -> None:
    text = page("Envoys end talks early", "A quiet day in Geneva", "19.11.2019, 08:57", STORY)
    assert text_headline(text) == "Envoys end talks early"


def test_names_under_a_lone_byline_label_are_no_headline() -> None:
    text = page("By", "Jane Roe | Example Media for Example.com", STORY, MORE)
    assert text_headline(text) == ""


def test_sentence_of_names_is_not_a_title_case_headline() -> None:
    sentence = "Jane Roe met Deputy Minister John Doe in Geneva on Saturday."
    assert text_headline(page(sentence, STORY, MORE)) == ""


def test_sentence_of_names_opening_with_the_is_not_a_title_case_headline() -> None:
    sentence = "The Deputy Minister John Doe met Jane Roe in Geneva on Saturday."
    assert text_headline(page(sentence, STORY, MORE)) == ""


def test_a_wires_first_flash_is_its_headline() -> None:
    text = page(
        "date 2019-06-03 By Jane Roe",
        "",
        "*Envoys Say Farm Deal Is Within Reach After Second Day",
        "",
        "*Talks To Resume In Geneva Next Week",
        "",
        STORY,
        MORE,
    )
    assert text_headline(text) == "Envoys Say Farm Deal Is Within Reach After Second Day"


def test_summary_bullets_set_as_sentences_are_no_flash_headline() -> None:
    text = page(
        "By Jane Roe",
        "",
        "*Envoys said a farm deal was within reach after a second day of talks",
        "",
        STORY,
        MORE,
    )
    assert (
        text_headline(text)
        != "Envoys said a farm deal was within reach after a second day of talks"
    )
