"""Specs of small text helpers (digest/text.py, digest/standing.py) that other specs do not
reach."""

from __future__ import annotations

import pytest

from digest.standing import quoted_share, reports_a_guess
from digest.text import looks_like_junk, visible_and_letters

# Texts written for this spec: ASCII prose, control and Unicode spaces, accented and non-Latin
# letters, and characters that are digits or numbers without being letters.
TEXTS = (
    "",
    "   \t\n",
    "Talks resume on May 5 in Geneva.",
    "Codes: AB-1234 / 5678 \x1c\x1f end",
    "Café déjà vu\u00a0— ministers’ “frank” talks\u2003again",
    "Шанхай and 上海 hosted ² ½ Ⅻ talks",
)


@pytest.mark.parametrize("text", TEXTS)
def test_visible_characters_and_letters_are_counted_as_str_methods_count_them(text: str) -> None:
    visible = [character for character in text if not character.isspace()]
    assert visible_and_letters(text) == (len(visible), sum(map(str.isalpha, visible)))


def test_quoted_share_counts_the_words_inside_straight_or_curly_double_quotes() -> None:
    assert quoted_share('He said "we will sign it" today.') == 4 / 7
    assert quoted_share("She called it “a good deal” in May.") == 3 / 8
    assert quoted_share("It's 'fine' now, with no double quotes at all.") == 0.0


def test_seven_digits_in_a_row_are_a_reference_number_seven_apart_are_not() -> None:
    assert looks_like_junk("The filing cites reference 1234567 in the ruling.")
    assert looks_like_junk("La référence 1234567 figure dans la décision du juge.")
    assert not looks_like_junk("Seats went 1 to 2, then 3 to 4, then 5 to 6 and 7 to none.")


def test_a_guess_is_read_inside_straight_or_curly_quotes_only() -> None:
    assert reports_a_guess("Asked when a deal may come, he replied “I think pretty soon.”")
    assert reports_a_guess('Asked when a deal may come, he replied "I think pretty soon."')
    assert not reports_a_guess("Asked when a deal may come, he replied that he thinks soon.")
