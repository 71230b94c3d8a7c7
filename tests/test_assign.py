"""Round assignment rules, on articles written for these tests."""

from __future__ import annotations

from datetime import date

from digest.assign import RoundIndex
from digest.load import load_content
from digest.model import Article, TariffAction
from digest.pipeline import process_article


def rounds_and_people(make_content):
    content = load_content(make_content())
    return content.rounds, content.people


def processed(people, text: str, published: date | None = None):
    article = Article(id="a", path="articles/a.txt", text=text, format="text", published=published)
    return process_article(article, None, people, ())


def test_undated_article_citing_a_tariff_action_goes_to_the_round_of_that_action(make_content):
    rounds, people = rounds_and_people(make_content)
    tariffs = [TariffAction(date(2019, 5, 10), "us", 25.0, 200.0, "List 3", "USTR")]
    item = processed(
        people,
        "Steven Mnuchin said Friday the talks with Liu He in Washington had ended.\n\n"
        "The president defended raising tariffs on $200 billion in Chinese goods from "
        "10 percent to 25 percent.\n",
    )
    index = RoundIndex(rounds, people, tariffs)
    assert index.assign(item).round == "2019-05-washington"


def test_a_place_named_only_for_the_next_meeting_does_not_decide_the_round(make_content):
    rounds, people = rounds_and_people(make_content)
    item = processed(
        people,
        "Robert Lighthizer and Liu He ended two days of talks in Shanghai on Wednesday.\n\n"
        "They will meet again in Washington in September, officials said.\n",
        published=date(2019, 8, 1),
    )
    assert RoundIndex(rounds, people).assign(item).round == "2019-07-shanghai"


def test_a_dated_article_far_from_every_round_stays_unassigned(make_content):
    rounds, people = rounds_and_people(make_content)
    item = processed(
        people,
        "Robert Lighthizer spoke about trade with Liu He in Washington on Monday.\n",
        published=date(2021, 3, 1),
    )
    assignment = RoundIndex(rounds, people).assign(item)
    assert assignment.round is None
    assert "no round has enough evidence" in assignment.reason
