"""People, topics and places an article mentions."""

from datetime import date

from digest.extract import extract
from digest.extract.mentions import find_places, find_topics
from digest.model import Person, Topic
from tests.support import NEGOTIATORS

PEOPLE = NEGOTIATORS
TOPICS = (
    Topic("soybeans", "Soybeans", ("soybean", "soybeans", "farm purchases")),
    Topic("tech", "Technology", ("export controls", "Huawei")),
    Topic("currency", "Currency", ("yuan",)),
)


def people(text: str, published: date | None = date(2019, 5, 10)) -> tuple[str, ...]:
    return extract(text, published=published, people=PEOPLE, topics=()).people


def test_people_ordered_by_first_mention_and_unique():
    text = "Trump met Xi Jinping. Later Xi and Trump spoke again."
    assert people(text) == ("Donald Trump", "Xi Jinping")


def test_people_alias_and_surname_resolve_to_list_name():
    assert people("President Xi welcomed Liu to the talks.") == ("Xi Jinping", "Liu He")


def test_people_unknown_full_name_with_title_kept_as_written():
    assert people("Ruritanian Trade Minister Jane Doe arrived.") == ("Jane Doe",)


def test_people_unknown_name_as_speaker_kept():
    assert people("“We are close,” said John Roe, an economist.") == ("John Roe",)


def test_people_unknown_name_set_off_by_commas_before_speech_verb():
    assert people("The envoy at the talks, John Roe, told reporters little.") == ("John Roe",)


def test_people_capitalised_words_inside_quotes_are_not_people():
    text = "“We bought Agricultural Product and Manufactured Goods,” said Trump."
    assert people(text) == ("Donald Trump",)


def test_people_cyrillic_lookalike_letters_still_match_the_list():
    assert people("Dоnald Trump met Xi.") == ("Donald Trump", "Xi Jinping")  # Cyrillic о


def test_people_place_and_organisation_names_are_not_people():
    text = "Officials met in Kuala Lumpur at the White House annex of the Commerce Department."
    assert people(text) == ()


def test_people_he_at_sentence_start_is_not_he_lifeng():
    text = "Trump spoke first. He said the talks went well."
    assert people(text, date(2025, 5, 12)) == ("Donald Trump",)


def test_people_he_mid_sentence_with_title_is_he_lifeng():
    text = "The talks were led by Vice Premier He on the Chinese side."
    assert people(text, date(2025, 5, 12)) == ("He Lifeng",)


def test_people_spokesman_surname_after_full_name():
    text = "Spokesman Gao Feng spoke on Thursday. Mr Gao gave no details."
    assert people(text) == ("Gao Feng",)


def test_people_include_speaker_named_only_by_title_on_that_date():
    text = "“Both sides made progress,” the vice premier said."
    assert people(text, date(2019, 5, 10)) == ("Liu He",)
    assert people(text, date(2025, 5, 12)) == ("He Lifeng",)


def test_unhashable_people_and_topics_lists_still_work():
    loose_people = [Person("jd", "Jane Doe", ["Doe"], "us", [])]  # lists, not tuples
    loose_topics = [Topic("trade", "Trade", ["tariff"])]
    result = extract(
        "“Fine,” Doe said of the tariff.", published=None, people=loose_people, topics=loose_topics
    )
    assert result.people == ("Jane Doe",)
    assert result.quotes[0].speaker == "Jane Doe"
    assert result.topics == ("trade",)


def test_topics_whole_words_any_case_by_first_occurrence():
    text = "Export controls came up before SOYBEAN purchases; no word on the yuanization."
    assert find_topics(text, TOPICS) == ("tech", "soybeans")


def test_topics_phrase_keyword():
    assert find_topics("They discussed farm purchases.", TOPICS) == ("soybeans",)


def test_topics_none():
    assert find_topics("Nothing relevant.", TOPICS) == ()


def test_places_venues_in_order_canonical():
    text = "After Geneva and London, the teams met in Kuala Lumpur, then Washington, D.C."
    assert find_places(text) == ("Geneva", "London", "Kuala Lumpur", "Washington")


def test_places_host_country():
    assert find_places("Talks in Switzerland and Sweden.") == ("Switzerland", "Sweden")


def test_places_not_inside_other_words():
    assert find_places("The Londoner and the Parisian.") == ()


def test_extract_fills_places_and_topics():
    result = extract(
        "Talks on soybeans resumed in Stockholm.", published=None, people=PEOPLE, topics=TOPICS
    )
    assert result.places == ("Stockholm",)
    assert result.topics == ("soybeans",)


def test_people_day_after_name_is_not_part_of_it():
    text = "The plan was announced by Ruritanian Trade Minister Jane Roe Monday."
    assert people(text) == ("Jane Roe",)


def test_people_in_a_byline_are_not_people_of_the_story():
    text = "By Li Wei, Geneva correspondent\n\nTrade Minister John Doe met Liu He in Geneva."
    assert people(text) == ("John Doe", "Liu He")
