"""Boilerplate kinds that pages the project never saw leave in: one rule, one test each.

Every text here is written for the tests; none is copied from a real page.
"""

from __future__ import annotations

from digest.clean import clean_text, fold_homoglyphs
from digest.model import Article
from digest.process import process_article
from tests.support import P1, P2, P3


def cleaned(*lines: str, source: str = "text") -> str:
    return clean_text("\n\n".join(lines), source=source).text


def test_caption_placing_people_without_a_credit_is_removed() -> None:
    caption = (
        "Jane Roe (left) underscored concerns about farm subsidies with John Doe before "
        "the meeting in Geneva."
    )
    assert cleaned(P1, caption, P2) == f"{P1}\n\n{P2}"


def test_verbless_caption_ending_in_its_date_is_removed() -> None:
    caption = "Empty containers beside a row of cranes at the harbour in Rotterdam on May 3, 2019."
    assert cleaned(P1, caption, P2) == f"{P1}\n\n{P2}"


def test_sentence_ending_in_a_date_is_kept() -> None:
    sentence = "The two leaders last met at the summit in Osaka on June 29, 2019."
    assert cleaned(P1, sentence, P2) == f"{P1}\n\n{sentence}\n\n{P2}"


def test_video_player_prompt_is_removed() -> None:
    for prompt in ("Watch the video above", "Video player is loading.", "Click to play"):
        assert cleaned(P1, prompt, P2) == f"{P1}\n\n{P2}", prompt


def test_video_player_prompt_is_removed_from_html_text() -> None:
    assert cleaned(P1, "Play video", P2, source="html") == f"{P1}\n\n{P2}"


def test_see_also_line_is_removed() -> None:
    # From HTML, where short lines are otherwise the article's own (subheads, list items).
    see_also = "Also see: Farm exports fall for a third month"
    assert cleaned(P1, P2, see_also, P3, source="html") == f"{P1}\n\n{P2}\n\n{P3}"


def test_numeric_reference_lines_are_removed() -> None:
    for ref in ("Story ID: 2019-0510-A", "Photo 3 of 12", "[2]"):
        assert cleaned(P1, ref, P2, source="html") == f"{P1}\n\n{P2}", ref


def test_wire_slug_lines_are_removed() -> None:
    assert cleaned("ZCZC", "ABC-12", "TRADE-TALKS-TARIFFS", P1, P2) == f"{P1}\n\n{P2}"


def test_agency_reporting_credit_is_removed() -> None:
    credit = "(Reporting by Jane Roe in Geneva and John Doe in Washington; Editing by Sam Poe)"
    assert cleaned(P1, P2, credit) == f"{P1}\n\n{P2}"


def test_look_alike_letters_are_folded_inside_english_words() -> None:
    # "Dоnald" and "оn" with Cyrillic "о"; a Russian word stays as it is.
    assert fold_homoglyphs("Dоnald Trump spoke оn Friday in Москва") == (
        "Donald Trump spoke on Friday in Москва"
    )


def test_extraction_reads_folded_names() -> None:
    from digest.model import Person

    people = (Person(id="jane-roe", name="Jane Roe"),)
    text = f"{P1}\n\n“We will keep talking,” Jаne Roe said on Tuesday."  # Cyrillic "а"
    item = process_article(
        Article(id="a", path="a.txt", text=text, format="text"), None, people, ()
    )
    assert [q.speaker for q in item.extraction.quotes] == ["Jane Roe"]
    assert "Jаne" in item.clean.text  # the cleaned text keeps the page's own characters


def test_archive_cross_reference_inside_prose_is_cut() -> None:
    line = "Purchases have lagged since the spring (see 2019051001)."
    assert cleaned(P1, line) == f"{P1}\n\nPurchases have lagged since the spring."


def test_acknowledgement_of_research_help_is_removed() -> None:
    thanks = "Jane Roe provided excellent research assistance, and John Doe assisted with charts."
    assert cleaned(P1, thanks, P2) == f"{P1}\n\n{P2}"


def test_revision_note_about_the_post_is_removed() -> None:
    note = "Small updates to the figures in this post were made after new data came out in June."
    assert cleaned(P1, P2, note, P3) == f"{P1}\n\n{P2}\n\n{P3}"


def test_list_led_in_by_a_story_sentence_is_kept() -> None:
    lead_in = "The president named the members of the delegation to the talks on Monday. They are:"
    members = [
        "Jane Roe, Secretary of the Treasury",
        "John Doe, Secretary of Commerce",
        "Sam Poe, Trade Representative of the United States",
    ]
    # The list may be followed by another lead-in rather than a plain paragraph.
    next_lead_in = "Here is what each of them is expected to raise at the meeting in Geneva:"
    text = "\n".join(
        ["Delegation named for the talks in Geneva next week", lead_in, *members, next_lead_in, P1]
    )
    out = clean_text(text, title="Delegation named for the talks in Geneva next week").text
    assert out == "\n\n".join([lead_in, *members, next_lead_in, P1])
    assert clean_text(out).text == out  # and it stays when cleaned again, without the headline


def test_story_sentence_opening_with_a_menu_word_is_not_navigation() -> None:
    from digest.clean import describe_line

    for sentence in (
        "Next week the delegations will meet again in Geneva.",
        "Home prices near the port rose after the tariffs took effect.",
    ):
        assert describe_line(sentence).reason != "navigation", sentence
    for menu in ("Home", "Next Article", "Home > World", "Home News World"):
        assert describe_line(menu).reason == "navigation", menu


def test_stacked_timestamps_are_a_timestamp() -> None:
    from digest.clean import describe_line

    stamps = "Published May 3, 2019 at 4:07 PM | Updated at 5:36 PM EDT on May 3, 2019"
    assert describe_line(stamps).reason == "timestamp"


def test_byline_label_alone_is_a_byline() -> None:
    from digest.clean import describe_line

    for label in ("By", "Written by", "Author:"):
        assert describe_line(label).reason == "byline", label


def test_caption_naming_itself_is_removed() -> None:
    for caption in (
        "An artist's impression of the new container terminal at the harbour.",
        "This photo shows empty berths at the harbour after the tariffs took effect.",
    ):
        assert cleaned(P1, caption, P2) == f"{P1}\n\n{P2}", caption


def test_caption_placing_its_subject_with_pictured_is_removed() -> None:
    caption = "Jane Roe, pictured at the port in 2018, when she was deputy minister."
    assert cleaned(P1, caption, P2) == f"{P1}\n\n{P2}"


def test_figurative_pictured_as_is_kept() -> None:
    sentence = "The ministry, pictured as a hardliner by its critics, said it would respond soon."
    assert cleaned(P1, sentence, P2) == f"{P1}\n\n{sentence}\n\n{P2}"


def test_glued_and_bracketed_credits_mark_captions() -> None:
    from digest.clean import describe_line

    for caption in (
        "The envoys arrived in Geneva on Tuesday. They left a day later.Credit...Jane Roe",
        "Cranes stand idle at the harbour after the talks [Example Agency via Wire]",
    ):
        assert describe_line(caption).reason == "caption", caption


def test_caption_naming_an_artists_concept_or_a_credited_illustration_is_removed() -> None:
    from digest.clean import describe_line

    for caption in (
        "An artist's concept of the new container terminal at the harbour.",
        "This Example Port Corp. illustration shows the planned terminal.",
    ):
        assert describe_line(caption).reason == "caption", caption
    assert describe_line("The concept of reciprocity was raised on Tuesday.").reason != "caption"


def test_caption_keeping_its_page_label_is_removed() -> None:
    from digest.clean import describe_line

    assert describe_line("Media captionWhat is in the trade deal?").reason == "caption"


def test_contributor_opinion_disclaimer_is_removed() -> None:
    disclaimer = "Opinions expressed by our contributors are their own."
    assert cleaned(P1, P2, disclaimer) == f"{P1}\n\n{P2}"


def test_logged_in_comment_prompt_is_removed() -> None:
    assert cleaned(P1, P2, "You must be logged in to post a comment.") == f"{P1}\n\n{P2}"


def test_excerpt_cut_with_a_bracketed_ellipsis_is_a_teaser() -> None:
    teaser = "Some readers ask why the talks in Geneva failed in the first place […]"
    assert cleaned(P1, P2, teaser) == f"{P1}\n\n{P2}"


def test_agency_name_alone_is_a_credit() -> None:
    from digest.clean import describe_line

    for credit in ("Reuters", "AFP / Xinhua"):
        assert describe_line(credit).reason == "credit", credit
    assert describe_line("Reuters said the talks ended.").reason != "credit"


def test_time_of_day_alone_is_a_timestamp() -> None:
    from digest.clean import describe_line

    for stamp in ("10 p.m.", "9:30 am ET"):
        assert describe_line(stamp).reason == "timestamp", stamp
    assert describe_line("Talks start at 10 a.m.").reason != "timestamp"


def test_caption_dating_its_picture_with_weekday_and_year_is_removed() -> None:
    caption = "Dock workers unload soybeans on Tuesday, May 3, 2019, at the harbour in Tianjin."
    assert cleaned(P1, caption, P2) == f"{P1}\n\n{P2}"


def test_caption_placing_things_in_the_background_is_removed() -> None:
    from digest.clean import describe_line

    caption = "A crane (background) lifts a container at the harbour. The port reopened in May."
    assert describe_line(caption).reason == "caption"


def test_blog_sharing_errors_are_share_buttons() -> None:
    from digest.clean import describe_line

    for line in (
        "Post was not sent - check your email addresses!",
        "Sorry, your blog cannot share posts by email.",
    ):
        assert describe_line(line).reason == "share buttons", line


def test_first_link_under_a_trending_label_reads_as_a_sentence_but_is_dropped() -> None:
    links = [
        'Envoys leave Geneva after two days: "We are not done yet!"',
        "Port strike ends after four days of talks",
        "Soybean prices rise on hopes of a truce",
        "Ministry names a new deputy for the talks",
    ]
    assert cleaned(P1, P2, "Trending News", *links, P3) == f"{P1}\n\n{P2}\n\n{P3}"


def test_photographers_credit_alone_is_removed() -> None:
    from digest.clean import describe_line

    assert describe_line("Jane Roe/Example Daily").reason == "caption"
    assert describe_line("Trump/Xi summit set for June").reason != "caption"


def test_agency_name_in_capitals_over_a_timestamp_is_not_a_dateline() -> None:
    assert cleaned("EXAMPLE WIRE", "3 MAY 2019", P1, P2) == f"{P1}\n\n{P2}"


def test_place_alone_right_above_the_story_is_kept_as_its_dateline() -> None:
    assert cleaned("GENEVA", P1, P2) == f"GENEVA\n\n{P1}\n\n{P2}"


def test_pull_quote_above_the_paragraph_it_comes_from_is_removed() -> None:
    pull_quote = (
        "‘Trading proposals on farm purchases and the tariffs has kept both sides at the "
        "table for a second day.’"
    )
    source = (
        "Trading proposals on farm purchases and the tariffs has kept both sides at the table "
        "for a second day, and delegates expect a third before anyone flies home."
    )
    assert cleaned(pull_quote, "Photograph: Jane Roe", source, P2) == f"{source}\n\n{P2}"


def test_caption_closing_with_a_credit_of_several_sources_is_removed() -> None:
    caption = "A map of the shipping lanes through the strait. (Example Agency/Port Lab/Univ)"
    assert cleaned(P1, caption, P2) == f"{P1}\n\n{P2}"


def test_caption_closing_with_a_labelled_file_credit_is_removed() -> None:
    caption = "Containers wait at the harbour in Tianjin before the tariffs [File: Example Wire]"
    assert cleaned(P1, caption, P2) == f"{P1}\n\n{P2}"


def test_prompt_to_share_the_story_with_a_friend_is_removed() -> None:
    assert cleaned(P1, "Enjoyed this report? Share it with a friend!", P2) == f"{P1}\n\n{P2}"


def test_newsletter_pitch_naming_its_delivery_schedule_is_removed() -> None:
    pitch = (
        "Make the morning brief part of your routine. The trade stories that matter, "
        "delivered weekday mornings to your inbox."
    )
    assert cleaned(P1, pitch, P2) == f"{P1}\n\n{P2}"


def test_standfirst_under_the_byline_parted_from_the_story_by_a_caption_is_removed() -> None:
    standfirst = "Both sides hint that a deal on farm goods is close."
    caption = "An artist's illustration of the new container terminal at the harbour."
    assert (
        cleaned("By Jane Roe", "2019-05-03T10:00:00Z", standfirst, caption, P1, P2)
        == f"{P1}\n\n{P2}"
    )


def test_caption_closing_with_a_photographers_credit_and_agency_after_a_slash_is_removed() -> None:
    caption = (
        "Dock workers unload soybeans at the harbour in Tianjin on May 3, 2019. Officials "
        "on both sides expect purchases to rise if the talks succeed. Jane ROE / AFP"
    )
    assert cleaned(P1, caption, P2) == f"{P1}\n\n{P2}"


def test_sentence_under_a_gallery_counter_is_its_slide_caption() -> None:
    slide = "Cranes lift containers onto a ship bound for Long Beach at the harbour in Tianjin."
    assert cleaned(P1, P2, "Image 2 of 5", slide, P3) == f"{P1}\n\n{P2}\n\n{P3}"


def test_story_card_blurb_between_its_headline_and_byline_is_removed() -> None:
    card = ("Port strike ends after four days of talks", "Dockers return to work on Monday.")
    assert cleaned(P1, P2, *card, "By Jane Roe", P3) == f"{P1}\n\n{P2}\n\n{P3}"


def test_comment_form_field_labels_are_removed() -> None:
    assert cleaned(P1, P2, "Name (required)", "Email*", "Comment(optional)") == f"{P1}\n\n{P2}"


def test_shopping_prompt_is_removed() -> None:
    assert cleaned(P1, "Soybean futures guide: the 2019 season (Buy Now)", P2) == f"{P1}\n\n{P2}"


def test_subscription_offer_with_a_price_is_removed() -> None:
    offer = "Get the Trade Weekly delivered to your door. 12 issues for £19.99."
    assert cleaned(P1, offer, P2) == f"{P1}\n\n{P2}"


def test_trade_figure_beside_an_offer_word_is_kept() -> None:
    sentence = "China delivered $50 billion of soybeans in the first month of the truce."
    assert cleaned(P1, sentence, P2) == f"{P1}\n\n{sentence}\n\n{P2}"


def test_view_all_link_with_a_count_is_removed() -> None:
    assert cleaned(P1, P2, "View all (23)", P3) == f"{P1}\n\n{P2}\n\n{P3}"


def test_reuse_notice_asking_for_written_permission_is_removed() -> None:
    notice = (
        "The material on this page may not be reproduced, copied or stored in any way, except "
        "with the prior written permission of Example Daily."
    )
    assert cleaned(P1, P2, notice) == f"{P1}\n\n{P2}"


def test_rules_for_content_readers_upload_are_removed() -> None:
    assert cleaned(P1, P2, "Site rules cover all content you upload here.") == f"{P1}\n\n{P2}"
