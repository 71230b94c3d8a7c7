"""Property tests for the cleaner: it only deletes, is idempotent, and never raises."""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from digest.clean import clean_text

FRAGMENTS = [
    "Negotiators met on Tuesday to discuss tariffs on farm goods.",
    "Officials said the talks were candid and constructive, and would resume next month.",
    "BEIJING (Wire) - The delegation arrived late on Monday evening for the talks.",
    "GENEVA",
    "Subscribe now for unlimited access.",
    "Advertisement",
    "By Jane Roe",
    "Published: March 3, 2019 10:15 AM",
    "Related stories",
    "Photo: Jane Roe/Wire Agency",
    "• a bullet point without a stop",
    "₹900",
    "Treasury Secretary Jane RoeJane Mary RoeSenators clash MORE said on Tuesday.",
    "— Jane Roe (@janeroe) March 3, 2019",
    "The two delegations are expected to me",
    "| cell | cell | cell |",
    "Click here to donate!The talks went on into the night, officials said.",
    "",
]

line_text = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=60)), min_size=0, max_size=14
).map("\n".join)


def tokens(s: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", s))


def input_tokens(s: str) -> Counter[str]:
    """Input tokens, where a glued junction ("RoeJane", "2019The") may also count as two.

    Hover cards glue a linked name to its card ("...RoeJane Mary Roe...") and some pages glue
    a date to the first word: removing the junk is a deletion of characters, but it cuts
    that glued token at its case boundary.
    """
    return tokens(s) | tokens(re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", s))


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_never_raises_on_arbitrary_text(text: str) -> None:
    assert isinstance(clean_text(text).text, str)


@settings(max_examples=150, deadline=None)
@given(line_text, st.sampled_from(["", "Talks resume", "Negotiators met on Tuesday"]))
def test_output_tokens_are_a_sub_multiset_of_input_tokens(text: str, title: str) -> None:
    out = clean_text(text, title=title).text
    assert not tokens(out) - input_tokens(text)


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_output_of_arbitrary_text_is_a_sub_multiset_of_input_tokens(text: str) -> None:
    assert not tokens(clean_text(text).text) - input_tokens(text)


@settings(max_examples=150, deadline=None)
@given(line_text)
def test_cleaning_is_idempotent(text: str) -> None:
    once = clean_text(text).text
    assert clean_text(once).text == once


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_cleaning_arbitrary_text_is_idempotent(text: str) -> None:
    once = clean_text(text).text
    assert clean_text(once).text == once


@settings(max_examples=100, deadline=None)
@given(line_text)
def test_paragraphs_are_separated_by_exactly_one_blank_line(text: str) -> None:
    out = clean_text(text).text
    assert "\n\n\n" not in out
    assert all(p.strip() == p and p for p in out.split("\n\n")) or out == ""


@settings(max_examples=150, deadline=None)
@given(st.one_of(line_text, st.text()))
def test_html_mode_only_deletes_and_is_idempotent(text: str) -> None:
    once = clean_text(text, source="html").text
    assert not tokens(once) - input_tokens(text)
    assert clean_text(once, source="html").text == once
