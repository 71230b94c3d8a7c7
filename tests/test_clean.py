"""Unit tests for the article cleaner: one boilerplate class or behaviour per test.

Every article text here is written for the tests; none is copied from a real page.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from digest.clean import OutletTemplate, clean_text, learn_templates
from tests.support import P1, P2, P3

SHARED = Path(__file__).parents[1].parent / "shared"
SEED = SHARED / "seeds" / "000_38021f703ce14f0b.txt"


def body(*paras: str) -> str:
    return "\n\n".join(paras)


def cleaned(text: str, **kw: object) -> str:
    return clean_text(text, **kw).text  # type: ignore[arg-type]


def tokens(s: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", s))


def assert_story_only(text: str, **kw: object) -> None:
    assert cleaned(text, **kw) == body(P1, P2, P3)


def test_plain_story_is_kept_whole_with_one_blank_line_between_paragraphs() -> None:
    assert cleaned(f"{P1}\n{P2}\n\n\n{P3}\n") == body(P1, P2, P3)


def test_known_headline_is_removed() -> None:
    title = "Trade talks stretch into a second day"
    result = clean_text(f"{title}\n\n{body(P1, P2, P3)}", title=title)
    assert result.text == body(P1, P2, P3)
    assert any(r.reason == "headline" for r in result.removed)


def test_headline_without_known_title_is_removed() -> None:
    assert_story_only(f"Trade talks stretch into a second day in the capital\n{body(P1, P2, P3)}")


def test_paywall_prompt_with_placeholder_is_removed() -> None:
    text = body(
        P1,
        P2,
        P3,
        "You have reached your limit of {{free_limit}} free articles this month.",
        "Subscribe now for unlimited access.",
        "Already subscribed? Log in",
    )
    assert_story_only(text)


def test_story_continuing_after_paywall_prompt_is_kept() -> None:
    text = body(P1, "Sign up for a free preview to unlock the rest of this article", P2, P3)
    assert_story_only(text)


def test_prices_and_plan_durations_are_removed() -> None:
    text = body(P1, P2, P3, "Basic Plan", "₹499", "6 Months", "$9.99/month", "1 Year")
    assert_story_only(text)


def test_caption_with_photo_credit_is_removed() -> None:
    caption = "A delegate walks past flags at the venue on Monday. Photo: Jane Roe/Wire Agency"
    assert_story_only(body(P1, caption, P2, P3))


def test_caption_without_credit_is_removed() -> None:
    caption = (
        "The chief negotiator, left, speaks to reporters outside the ministry in the capital "
        "on March 3, 2019."
    )
    assert_story_only(body(caption, P1, P2, P3))


def test_byline_and_timestamp_are_removed() -> None:
    assert_story_only(
        body("By Jane Roe and John Doe", "Published: March 3, 2019 10:15 AM", P1, P2, P3)
    )


def test_author_bio_is_removed() -> None:
    bio = "Jane Roe is a senior correspondent covering trade policy from the capital."
    assert_story_only(body(P1, P2, P3, bio))


def test_navigation_and_topic_labels_are_removed() -> None:
    assert_story_only(body("Home > World > Economy", "Markets", "Trade policy", P1, P2, P3))


def test_standfirst_under_headline_is_removed() -> None:
    title = "Talks stretch into a second day"
    standfirst = "The delegations will report back to their capitals before the next round."
    text = body(title, standfirst, "By Jane Roe", P1, P2, P3)
    assert cleaned(text, title=title) == body(P1, P2, P3)


def test_summary_bullets_under_headline_are_removed() -> None:
    title = "Talks stretch into a second day"
    text = body(
        title, "• Delegations trade proposals on farm goods", "• Next round undecided", P1, P2, P3
    )
    assert cleaned(text, title=title) == body(P1, P2, P3)


def test_subhead_between_paragraphs_is_removed() -> None:
    assert_story_only(body(P1, "What comes next", P2, P3))


def test_related_story_teasers_are_removed() -> None:
    text = body(P1, P2, "Related stories", "Markets slip as trade worries return", P3)
    assert_story_only(text)


def test_site_blurb_is_removed() -> None:
    blurb = (
        "The Daily Ledger is an independent news service that informs its professional readers "
        "about policy developments every morning."
    )
    assert_story_only(body(P1, P2, P3, blurb))


def test_feedback_prompt_is_removed() -> None:
    assert_story_only(body(P1, P2, P3, "Tell us what you think in the comments below."))


def test_developing_story_notice_is_removed() -> None:
    assert_story_only(
        body(P1, P2, P3, "This is a developing story. Please check back for updates.")
    )


def test_outdated_browser_notice_is_removed() -> None:
    notice = "Notice: you are using an outdated browser. Please upgrade your browser to continue."
    assert_story_only(body(P1, P2, P3, notice))


def test_cookie_notice_is_removed() -> None:
    notice = (
        "We use cookies to improve your experience. By continuing you accept our cookie policy."
    )
    assert_story_only(body(notice, P1, P2, P3))


def test_share_buttons_are_removed() -> None:
    assert_story_only(body("Share this article", "Facebook Twitter LinkedIn Email", P1, P2, P3))


def test_embedded_social_post_is_removed() -> None:
    post = "Great meeting with our partners today. Progress on many fronts!"
    signature = "— Jane Roe (@janeroe) March 3, 2019"
    assert_story_only(body(P1, P2, post, signature, P3))


def test_hover_card_repeated_name_and_teasers_are_removed() -> None:
    text = (
        "Treasury Secretary Jane RoeJane Mary RoeLawmakers weigh new budget Senators clash over "
        "spending MORE said on Tuesday that the delegation had made progress."
    )
    out = cleaned(body(text, P1, P2))
    assert out.startswith("Treasury Secretary Jane Roe said on Tuesday that the delegation")


def test_hard_wrapped_paragraphs_are_rejoined() -> None:
    wrapped = (
        "Negotiators from the two countries met for a second day on Tuesday,\n"
        "trading proposals on farm purchases and the tariffs that both sides\n"
        "have imposed since the spring, officials said after the meeting.\n\n"
        "The delegations are expected to report back to their capitals before\n"
        "deciding whether to schedule another round of talks next month, and\n"
        "neither side gave details of the proposals on the table this week."
    )
    out = cleaned(wrapped)
    assert out.count("\n\n") == 1
    assert "Tuesday, trading proposals" in out
    assert tokens(out) == tokens(wrapped)


def test_dateline_alone_on_its_line_is_kept() -> None:
    assert cleaned(body("GENEVA", P1, P2)) == body("GENEVA", P1, P2)


def test_dateline_opening_first_paragraph_is_kept() -> None:
    first = f"BEIJING (Wire) - {P1}"
    assert cleaned(body("Talks resume in the capital after a pause", first, P2)) == body(first, P2)


def test_truncated_last_paragraph_is_kept() -> None:
    assert cleaned(body(P1, P2, "The two delegations are expected to me")) == body(
        P1, P2, "The two delegations are expected to me"
    )


def test_glued_donation_prompt_is_cut_from_paragraph() -> None:
    glued = f"Click here to donate and support our mission!{P3}"
    assert cleaned(body(P1, P2, glued)) == body(P1, P2, P3)


def test_removals_record_reasons() -> None:
    result = clean_text(body(P1, P2, "Advertisement", P3))
    assert ("Advertisement", "advertisement") in {(r.text, r.reason) for r in result.removed}


def test_outlet_template_lines_are_removed() -> None:
    template = OutletTemplate(lines=frozenset({"the evening courier — trusted since 1901"}))
    assert_story_only(
        body(P1, "The Evening Courier — trusted since 1901", P2, P3), template=template
    )


def test_template_learning_finds_lines_recurring_across_different_articles() -> None:
    footer = "Reporting team: Evening Courier trade desk."
    articles = [
        body(P1, footer),
        body(P2, footer),
        body(P3, footer),
    ]
    templates = learn_templates({"Courier": articles}, hints={"Courier": ["Trusted since"]})
    assert "reporting team: evening courier trade desk." in templates["Courier"].lines
    assert not any(p.startswith("negotiators") for p in templates["Courier"].lines)
    assert templates["Courier"].phrases == ("trusted since",)


def test_template_learning_ignores_prose_shared_by_copies_of_one_story() -> None:
    story = body(P1, P2, P3)
    templates = learn_templates({"Wire": [story, story]})
    assert not templates.get("Wire", OutletTemplate()).lines


# --- text extracted from HTML (source="html") -------------------------------------------


def test_html_mode_keeps_subheads_and_list_items() -> None:
    text = "\n".join(
        [
            P1,
            "What the delegations want",
            P2,
            "- Lower tariffs on farm goods",
            "- A timetable for the next round",
            "Officials said both lists were long",
            P3,
        ]
    )
    out = cleaned(text, source="html")
    assert "What the delegations want" in out
    assert "- Lower tariffs on farm goods" in out
    assert "- A timetable for the next round" in out
    assert "Officials said both lists were long" in out
    # The same text as a whole scraped page: subhead and unpunctuated lines go.
    assert "What the delegations want" not in cleaned(text)


def test_html_mode_still_removes_paywall_and_subscription_prompts() -> None:
    text = "\n".join(
        [
            P1,
            "You have reached your limit of {{free_limit}} free articles this month.",
            "Subscribe now for unlimited access.",
            "₹900",
            P2,
            P3,
        ]
    )
    result = clean_text(text, source="html")
    assert result.text == body(P1, P2, P3)
    assert {r.reason for r in result.removed} >= {"paywall prompt", "price"}


def test_html_mode_removes_bylines_share_prompts_credits_and_teasers() -> None:
    text = "\n".join(
        [
            "By Jane Roe",
            "Published: March 3, 2019 10:15 AM",
            P1,
            "Photo: Jane Roe/Wire Agency",
            P2,
            "Share this article on social media",
            P3,
            "Read more:",
            "Farm exports fall for a third month",
            "Markets shrug off the latest tariff threat",
        ]
    )
    assert cleaned(text, source="html") == body(P1, P2, P3)


def test_html_mode_removes_a_copy_of_the_title() -> None:
    title = "Trade talks stretch into a second day"
    assert cleaned(f"{title}\n{body(P1, P2, P3)}", title=title, source="html") == body(P1, P2, P3)


def test_unknown_source_is_treated_as_text() -> None:
    text = f"{P1}\nWhat the delegations want\n{P2}\n{P3}"
    assert cleaned(text, source="pdf") == cleaned(text)


# --- speed-ups must not change what is found ----------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Already a subscriber? Log in to read the full story.",
        "Sign up for our free daily newsletter, delivered to your inbox.",
        "Related stories",
        "Read more: Farm exports fall for a third month",
        "Share this article on social media",
        "We use cookies to improve your experience. Accept all",
        "Your browser is not supported. Please upgrade your browser.",
        "Advertisement",
        "Tell us what you think: leave a comment below.",
        "This is a developing story and will be updated.",
        "© 2019 Wire Agency. All rights reserved.",
        "Support our independent journalism: make a donation today.",
        "Our reporters rely on readers like you. Here's how you know.",
        "Home > News > Trade",
        "Get the app and turn on push notifications.",
    ],
)
def test_keyword_gates_let_every_boilerplate_match_through(line: str) -> None:
    """The cheap per-class gates (trigger words, start and substring gates) never hide a
    match of the class's pattern."""
    from digest import clean as C
    from digest import clean_rules as R

    low = line.lower()
    words = set(re.findall(r"\w+", low))
    found = set(C._keyword_hits(line))
    for reason, rx, trigger_words, trigger_chars, starts, needles in R.KEYWORD_TRIGGERS:
        if not rx.search(line):
            continue
        assert reason in found
        assert not trigger_words.isdisjoint(words) or any(c in line for c in trigger_chars)
        if needles is not None:
            assert (starts and low.startswith(starts)) or any(n in low for n in needles)


@pytest.mark.skipif(not SEED.exists(), reason="shared seed file not available")
def test_seed_article_keeps_only_the_story_paragraphs() -> None:
    raw = SEED.read_text(encoding="utf-8")
    out = cleaned(raw)
    lines = [ln for ln in raw.splitlines() if ln.strip()]
    cut = next(i for i, ln in enumerate(lines) if ln.lower().startswith("disclaimer"))
    assert out == "\n\n".join(lines[:cut])
