"""Round assignment rules, on articles written for these tests."""

from __future__ import annotations

from datetime import date

from digest.assign import RoundIndex
from digest.load import load_content
from digest.model import Article, TariffAction
from digest.process import process_article


def rounds_and_people(make_content):
    content = load_content(make_content())
    return content.rounds, content.people


def processed(people, text: str, published: date | None = None):
    article = Article(id="a", path="articles/a.txt", text=text, format="text", published=published)
    return process_article(article, None, people, ())


def round_of(content_folder, text: str, published: date | None = None) -> str | None:
    """The round an article with `text` is assigned to, among the folder's rounds."""
    content = load_content(content_folder)
    item = processed(content.people, text, published)
    return RoundIndex(content.rounds, content.people).assign(item).round


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


SEQUENCE_ROUNDS = """\
- {id: 2019-03-beijing, start: 2019-03-28, end: 2019-03-29, location: Beijing,
   delegations: {us: [robert-lighthizer], china: [liu-he]}}
- {id: 2019-04-washington, start: 2019-04-03, end: 2019-04-05, location: Washington,
   delegations: {us: [robert-lighthizer], china: [liu-he]}}
- {id: 2019-05-washington, start: 2019-05-09, end: 2019-05-10, location: Washington,
   delegations: {us: [robert-lighthizer], china: [liu-he]}}
- {id: 2021-05-call, start: 2021-05-27, end: 2021-05-27, location: by phone, kind: call,
   delegations: {us: [steven-mnuchin], china: [liu-he]}}
- {id: 2021-10-call, start: 2021-10-09, end: 2021-10-09, location: by phone, kind: call,
   delegations: {us: [steven-mnuchin], china: [liu-he]}}
"""


def test_undated_article_is_placed_by_the_round_it_says_came_last_week(make_content):
    assigned = round_of(
        make_content(rounds=SEQUENCE_ROUNDS),
        "Liu He and Robert Lighthizer opened talks in Washington on Wednesday, after two days "
        "of talks last week in Beijing.\n",
    )
    assert assigned == "2019-04-washington"


def test_undated_article_naming_the_second_call_goes_to_the_second_call(make_content):
    assigned = round_of(
        make_content(rounds=SEQUENCE_ROUNDS),
        "Steven Mnuchin held a call with Liu He, the second call between the two men.\n",
    )
    assert assigned == "2021-10-call"


NEIGHBOURING_ROUNDS = """\
- {id: 2019-02-beijing, start: 2019-02-14, end: 2019-02-15, location: Beijing,
   delegations: {us: [robert-lighthizer, steven-mnuchin], china: [liu-he]}}
- {id: 2019-03-beijing, start: 2019-03-28, end: 2019-03-29, location: Beijing,
   delegations: {us: [robert-lighthizer, steven-mnuchin], china: [liu-he]}}
- {id: 2019-04-beijing, start: 2019-04-30, end: 2019-05-01, location: Beijing,
   delegations: {us: [robert-lighthizer, steven-mnuchin], china: [liu-he]}}
- {id: 2019-05-washington, start: 2019-05-09, end: 2019-05-10, location: Washington,
   delegations: {us: [robert-lighthizer, steven-mnuchin], china: [liu-he]}}
"""


def test_a_day_inside_one_round_is_no_evidence_for_the_round_a_week_later(make_content):
    # "Today" is the closing day of the Beijing round and also a week before the Washington
    # one; counted for both, it left the report of the round just ended ambiguous.
    assigned = round_of(
        make_content(rounds=NEIGHBOURING_ROUNDS),
        "Robert Lighthizer and Steven Mnuchin finished their talks with Liu He today.\n\n"
        "The negotiators will meet again in Washington next week.\n",
        published=date(2019, 5, 2),
    )
    assert assigned == "2019-04-beijing"


def test_undated_article_is_dated_by_the_stamp_of_the_post_it_embeds(make_content):
    assigned = round_of(
        make_content(rounds=NEIGHBOURING_ROUNDS),
        "Steven Mnuchin said Friday that his talks with Liu He in Beijing had been useful.\n\n"
        "Good talks with the Vice Premier in Beijing, more to come.\n"
        "— Steven Mnuchin (@treasury_example) March 29, 2019\n\n"
        "Robert Lighthizer joined him at the talks, officials said.\n",
    )
    assert assigned == "2019-03-beijing"
