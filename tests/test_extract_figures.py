"""Percentages, amounts of money and tariff figures."""

import pytest

from digest.extract.figures import find_figures


def figures(text: str) -> list[tuple[str, str, float | None]]:
    return [(f.text, f.kind, f.value) for f in find_figures(text)]


def test_dollar_billions():
    assert figures("China bought $50 billion of goods.") == [("$50 billion", "money", 50e9)]


def test_us_dollar_prefix_trillion():
    assert figures("The deficit was US$1.2 trillion.") == [("US$1.2 trillion", "money", 1.2e12)]


def test_amount_in_words_dollars():
    assert figures("Purchases reached 250 billion dollars.") == [
        ("250 billion dollars", "money", 250e9)
    ]


def test_yen_or_yuan_sign():
    assert figures("A fund of ¥1.2 trillion was set up.") == [("¥1.2 trillion", "money", 1.2e12)]


def test_yuan_word():
    assert figures("Exports of 3.5 billion yuan.") == [("3.5 billion yuan", "money", 3.5e9)]


def test_plain_dollars_with_thousands_separator():
    assert figures("Each costs $1,250.") == [("$1,250", "money", 1250.0)]


def test_money_range_gives_lower_bound():
    assert figures("Farm purchases of $40 to $50 billion a year.") == [
        ("$40 to $50 billion", "money", 40e9)
    ]


def test_percent_sign():
    assert figures("Growth slowed to 6%.") == [("6%", "percent", 6.0)]


def test_percent_word():
    assert figures("Growth slowed to 6.5 percent.") == [("6.5 percent", "percent", 6.5)]


def test_per_cent_two_words():
    assert figures("Ninety per cent is done, the last 10 per cent is hard.") == [
        ("10 per cent", "percent", 10.0)
    ]


def test_percent_abbreviated_pc_as_some_outlets_write_it():
    assert figures("Growth slowed to 6.5pc, and 20 PCs were sold.") == [("6.5pc", "percent", 6.5)]


def test_percent_hyphenated_before_its_noun():
    assert figures("A 25-per-cent tariff and a 10-percent levy.") == [
        ("25-per-cent", "percent", 25.0),
        ("10-percent", "percent", 10.0),
    ]


def test_tariff_rate_paired_with_goods_value():
    found = find_figures("The US will impose 25 percent tariffs on $200 billion of Chinese goods.")
    assert len(found) == 1
    figure = found[0]
    assert figure.kind == "tariff"
    assert figure.text == "25 percent tariffs on $200 billion"
    assert figure.value == pytest.approx(25.0)
    assert figure.sentence.startswith("The US will impose")


def test_tariff_with_percent_sign_and_worth_of():
    assert figures("A 10% tariff on about $300 billion worth of imports.") == [
        ("10% tariff on about $300 billion", "tariff", 10.0)
    ]


def test_tariff_raised_from_rate_to_rate_takes_new_rate():
    text = "Tariffs on $200 billion of goods rose from 10 percent to 25 percent."
    assert figures(text) == [
        ("$200 billion of goods rose from 10 percent to 25 percent", "tariff", 25.0)
    ]


def test_percent_and_money_not_paired_without_tariff_word():
    text = "Sales grew 5 percent to $40 billion."
    assert [f[1] for f in figures(text)] == ["percent", "money"]


def test_no_figures_in_plain_text():
    assert figures("No numbers here, only 2019 as a year.") == []
