"""Specs of the small text helpers of digest/text.py that other specs do not reach."""

from __future__ import annotations

import pytest

from digest.text import visible_and_letters

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
