"""Round assignment rules, on articles written for these tests."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from digest.assign import (
    RoundIndex,
    _future_sentences,
    _in_office,
    _name_windows,
    _offices,
    round_reaches,
)
from digest.load import load_content
from digest.model import Article, Person, Role, TariffAction
from digest.pipeline import _copies_follow
from digest.process import process_article
from tests.support import PEOPLE_YML, article


def rounds_and_people(make_content):
    content = load_content(make_content())
    return content.rounds, content.people


def processed(people, text: str, published: date | None = None, title: str = ""):
    article = Article(
        id="a", path="articles/a.txt", text=text, format="text", published=published, title=title
    )
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
    assert "published far from every round" in assignment.reason


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


def test_round_reaches_come_from_the_spacing_of_the_rounds(make_content):
    # Gaps of 4, 30 and 40 days: the usual spacing is 30, so no round reaches beyond 15 days,
    # and rounds 4 days apart reach only each other.
    content = load_content(
        make_content(
            rounds="""\
- {id: a, start: 2019-01-01, end: 2019-01-02, location: Beijing}
- {id: b, start: 2019-01-06, end: 2019-01-06, location: Beijing}
- {id: c, start: 2019-02-05, end: 2019-02-05, location: Washington}
- {id: d, start: 2019-03-17, end: 2019-03-17, location: Washington}
"""
        )
    )
    reaches = round_reaches(content.rounds)
    assert reaches["a"] == (timedelta(days=15), timedelta(days=4))
    assert reaches["b"] == (timedelta(days=4), timedelta(days=15))
    assert reaches["d"] == (timedelta(days=15), timedelta(days=15))


def test_a_dated_article_naming_an_old_rounds_days_is_not_put_in_that_round(make_content):
    # Published a year after the talks it recalls, far from every round: dates are hard
    # evidence, whatever days, places and people it names.
    assigned = round_of(
        make_content(),
        "Robert Lighthizer and Liu He met in Washington on May 9, 2019 and May 10, 2019, "
        "and Steven Mnuchin joined them, a look back at the talks recalls.\n",
        published=date(2020, 5, 9),
    )
    assert assigned is None


def test_an_undated_preview_goes_to_the_coming_round(make_content):
    assigned = round_of(
        make_content(),
        "Robert Lighthizer and Steven Mnuchin will travel to Shanghai next week for talks with "
        "Liu He, the first face-to-face meeting since talks broke down.\n",
    )
    assert assigned == "2019-07-shanghai"


MONTH_APART_ROUNDS = """\
- {id: 2018-05-washington, start: 2018-05-17, end: 2018-05-19, location: Washington,
   delegations: {us: [steven-mnuchin], china: [liu-he]}}
- {id: 2018-06-beijing, start: 2018-06-02, end: 2018-06-03, location: Beijing,
   delegations: {us: [steven-mnuchin], china: [liu-he]}}
- {id: 2019-10-washington, start: 2019-10-10, end: 2019-10-11, location: Washington,
   delegations: {us: [steven-mnuchin], china: [liu-he]}}
"""


def test_a_place_named_for_an_earlier_round_does_not_decide_the_round(make_content):
    # Washington is named three times, but each time for last month's talks; the clause
    # about this round names Beijing once.
    assigned = round_of(
        make_content(rounds=MONTH_APART_ROUNDS),
        "Steven Mnuchin and Liu He ended their talks, as the two sides met in Beijing.\n\n"
        "They built on the consensus reached last month in Washington. Officials said the "
        "previous round in Washington had set the agenda, and the last meeting in Washington "
        "had gone well.\n",
    )
    assert assigned == "2018-06-beijing"


def test_talks_last_month_at_a_place_point_to_the_round_the_month_after(make_content):
    rounds = """\
- {id: 2018-05-washington, start: 2018-05-17, end: 2018-05-19, location: Washington,
   delegations: {us: [steven-mnuchin], china: [liu-he]}}
- {id: 2018-06-beijing, start: 2018-06-12, end: 2018-06-13, location: Beijing,
   delegations: {us: [steven-mnuchin], china: [liu-he]}}
- {id: 2018-09-beijing, start: 2018-09-12, end: 2018-09-13, location: Beijing,
   delegations: {us: [steven-mnuchin], china: [liu-he]}}
"""
    assigned = round_of(
        make_content(rounds=rounds),
        "Steven Mnuchin held talks with Liu He in Beijing, following up on the meeting they "
        "held last month in Washington.\n",
    )
    assert assigned == "2018-06-beijing"


LEADERS_AND_SIGNING = """\
- {id: 2018-12-buenos-aires, start: 2018-12-01, end: 2018-12-01, location: Buenos Aires,
   kind: leaders, summary: Leaders agreed over dinner to a truce,
   delegations: {us: [donald-trump], china: [xi-jinping]}}
- {id: 2020-01-washington, start: 2020-01-15, end: 2020-01-15, location: Washington,
   delegations: {us: [donald-trump, robert-lighthizer, steven-mnuchin], china: [liu-he]}}
"""

MORE_PEOPLE = """\
- {id: donald-trump, name: Donald Trump, side: us}
- {id: xi-jinping, name: Xi Jinping, side: china}
- {id: jeffrey-gerrish, name: Jeffrey Gerrish, side: us}
- id: wang-yi
  name: Wang Yi
  side: china
  roles:
    - {title: Foreign Minister, from: 2013-03-16, to: 2018-03-19}
    - {title: State Councilor and Foreign Minister, from: 2018-03-19, to: 2022-12-30}
"""


def test_a_round_whose_both_sides_are_named_beats_one_sharing_only_one_side(make_content):
    # Three delegates of the signing round are named, but nobody from its Chinese side; both
    # leaders of the dinner are.
    assigned = round_of(
        make_content(rounds=LEADERS_AND_SIGNING, people=PEOPLE_YML + MORE_PEOPLE),
        "Donald Trump and Xi Jinping talked trade at dinner, with Robert Lighthizer and "
        "Steven Mnuchin at the table.\n",
    )
    assert assigned == "2018-12-buenos-aires"


TWO_BEIJING_DELEGATIONS = """\
- {id: 2019-01-beijing, start: 2019-01-07, end: 2019-01-09, location: Beijing,
   kind: vice-ministerial, delegations: {us: [jeffrey-gerrish]}}
- {id: 2019-03-beijing, start: 2019-03-28, end: 2019-03-29, location: Beijing,
   kind: ministerial, delegations: {us: [steven-mnuchin]}}
"""


def test_a_delegation_led_by_a_delegate_points_to_their_round(make_content):
    assigned = round_of(
        make_content(rounds=TWO_BEIJING_DELEGATIONS, people=PEOPLE_YML + MORE_PEOPLE),
        "A delegation led by Jeffrey Gerrish held talks in Beijing, and Steven Mnuchin said in "
        "Washington that he hoped for progress.\n",
    )
    assert assigned == "2019-01-beijing"


def test_words_for_deputies_talks_point_to_a_vice_ministerial_round(make_content):
    assigned = round_of(
        make_content(rounds=TWO_BEIJING_DELEGATIONS, people=PEOPLE_YML + MORE_PEOPLE),
        "Lower-level officials held talks in Beijing with Jeffrey Gerrish and Steven Mnuchin "
        "taking part.\n",
    )
    assert assigned == "2019-01-beijing"


def test_a_day_named_as_a_deadline_is_not_a_day_of_the_talks(make_content):
    rounds = """\
- {id: 2018-02-washington, start: 2018-02-27, end: 2018-03-03, location: Washington,
   delegations: {us: [robert-lighthizer], china: [liu-he]}}
- {id: 2019-02-beijing, start: 2019-02-14, end: 2019-02-15, location: Beijing,
   delegations: {us: [robert-lighthizer], china: [liu-he]}}
- {id: 2019-03-beijing, start: 2019-03-28, end: 2019-03-29, location: Beijing,
   delegations: {us: [robert-lighthizer], china: [liu-he]}}
"""
    assigned = round_of(
        make_content(rounds=rounds),
        "Talks in Beijing ended with some progress as a March 1 deadline drew nearer, Robert "
        "Lighthizer and Liu He said.\n",
    )
    assert assigned == "2019-02-beijing"


def test_a_longer_title_holding_the_one_given_keeps_a_person_in_office(make_content):
    # In 2019 Wang Yi was "State Councilor and Foreign Minister": "Foreign Minister Wang Yi"
    # is right then too, so the 2019 round is not penalised (and its Saturday decides).
    rounds = """\
- {id: 2017-06-beijing, start: 2017-06-01, end: 2017-06-01, location: Beijing,
   delegations: {us: [steven-mnuchin], china: [wang-yi]}}
- {id: 2019-06-beijing, start: 2019-06-01, end: 2019-06-01, location: Beijing,
   delegations: {us: [steven-mnuchin], china: [wang-yi]}}
"""
    assigned = round_of(
        make_content(rounds=rounds, people=PEOPLE_YML + MORE_PEOPLE),
        "Steven Mnuchin met Foreign Minister Wang Yi in Beijing on Saturday.\n",
    )
    assert assigned == "2019-06-beijing"


def site_data(folder):
    from digest.pipeline import run

    return run(load_content(folder))


CLOSE_ROUNDS = """\
- {id: 2019-05-washington, start: 2019-05-09, end: 2019-05-10, location: Washington,
   delegations: {us: [robert-lighthizer, steven-mnuchin], china: [liu-he]}}
- {id: 2019-05-geneva, start: 2019-05-21, end: 2019-05-21, location: Geneva,
   delegations: {us: [wilbur-ross]}}
"""


def test_a_copy_does_not_follow_its_original_into_a_round_its_own_date_rules_out(make_content):
    # The two rounds are 11 days apart, so the Washington round reaches 5.5 days after its
    # end: the original (May 15) is in reach, its copy a week later (May 22) is not.
    story = (
        "Robert Lighthizer and Steven Mnuchin ended two days of talks with Liu He in "
        "Washington, and officials said negotiators had narrowed differences on farm purchases "
        "and on the timetable for lifting tariffs.\n\nThe Chinese delegation flew home on "
        "Saturday, and both sides said they expected to speak again by telephone within weeks. "
        "Markets rose on the news, and analysts said a deal before the summer looked likely.\n"
    )
    folder = make_content(
        {
            "articles/first.md": article({"published": "2019-05-15"}, story),
            "articles/again.md": article({"published": "2019-05-22"}, story),
        },
        rounds=CLOSE_ROUNDS,
    )
    data = site_data(folder)
    assert data.duplicates == {"again": "first"}
    assert data.assignments["first"].round == "2019-05-washington"
    assert data.assignments["again"].round is None


def test_copies_whose_undated_evidence_points_to_different_rounds_go_to_none():
    from digest.model import Assignment

    beijing = processed((), "Talks went on in the capital.\n")
    washington = processed((), "Talks went on in the capital, officials said.\n")
    beijing = dataclasses.replace(beijing, article=dataclasses.replace(beijing.article, id="one"))
    washington = dataclasses.replace(
        washington, article=dataclasses.replace(washington.article, id="two")
    )
    assignments = {
        "one": Assignment("2019-02-beijing", "its own evidence"),
        "two": Assignment("2019-04-washington", "its own evidence"),
    }
    _copies_follow(assignments, {"two": "one"}, [beijing, washington], RoundIndex([], []))
    assert assignments["one"].round is None and assignments["two"].round is None
    assert "different rounds" in assignments["one"].reason


def test_an_ambiguous_article_is_listed_with_its_candidates_and_the_line_that_settles_it(
    make_content,
):
    folder = make_content(
        {
            "articles/either.md": article(
                {"title": "Talks"},
                "Robert Lighthizer and Steven Mnuchin held talks with Liu He in Washington.\n",
            )
        }
    )
    data = site_data(folder)
    assert data.assignments["either"].round is None
    (entry,) = data.review
    assert [c.round for c in entry.assignment.candidates] == [
        "2019-05-washington",
        "2019-10-washington",
    ]
    assert entry.settle == "round: 2019-05-washington"
    message = entry.problem.message
    assert "2019-05-washington (score" in message and "2019-10-washington (score" in message
    assert "'round: 2019-05-washington'" in message
    assert entry.problem in data.warnings
    from digest.render import RenderOptions, render_site

    report = render_site(data, RenderOptions())["report.md"]
    assert "## Rounds to settle" in report and "`round: 2019-05-washington`" in report


def test_a_one_line_description_is_not_covered_by_a_few_common_words(make_content):
    rounds = """\
- {id: short, start: 2019-01-07, end: 2019-01-09, location: Beijing,
   summary: Delegation visited Washington}
- {id: long, start: 2019-03-28, end: 2019-03-29, location: Beijing,
   summary: Negotiators argued over soybean purchases enforcement mechanisms currency pledges
     and intellectual property without reaching agreement}
- {id: other, start: 2019-05-09, end: 2019-05-10, location: Beijing,
   summary: Negotiators broke off talks after tariffs rose and the envoys accused each other
     of backtracking on draft chapters about subsidies}
"""
    content = load_content(make_content(rounds=rounds))
    index = RoundIndex(content.rounds, content.people)
    words = frozenset({"delegation", "washington"})
    # Both words of the one-line description, measured against a description of typical
    # length, are far from covering it.
    assert index.descriptions.coverage("short", words) < 0.5


def test_the_place_in_the_headline_counts_like_one_in_the_lead(make_content):
    content = load_content(make_content(rounds=SEQUENCE_ROUNDS))
    item = processed(
        content.people,
        "Robert Lighthizer and Liu He held a further day of talks, officials said.\n",
        title="Trade talks in Beijing run into an extra day",
    )
    assert RoundIndex(content.rounds, content.people).assign(item).round == "2019-03-beijing"


def test_future_sentences_are_those_naming_a_mentioned_day_and_speaking_of_the_future():
    text = (
        "Talks will resume on May 5 in Geneva. The delegations met on May 1.\n\n"
        "Both sides will meet again soon.\n\n"
        "Officials said May 9 would be\nthe deadline."
    )
    assert _future_sentences(text, {"May 5", "May 1", "May 9"}) == [
        "Talks will resume on May 5 in Geneva.",
        "Officials said May 9 would be the deadline.",
    ]
    assert _future_sentences(text, set()) == []


def test_a_title_the_article_gives_decides_the_days_a_person_held_office():
    envoy = Person(
        "ann-lee",
        "Ann Lee",
        roles=(
            Role("Trade Minister", date(2018, 1, 1), date(2019, 12, 31)),
            Role("Vice Premier", date(2020, 1, 1)),
        ),
    )
    as_minister = _offices(envoy, _name_windows(envoy, "talks led by trade minister ann lee."))
    assert _in_office(as_minister, date(2019, 5, 1))
    assert not _in_office(as_minister, date(2021, 5, 1))
    untitled = _offices(envoy, _name_windows(envoy, "ann lee arrived."))
    assert _in_office(untitled, date(2021, 5, 1)) and not _in_office(untitled, date(2017, 5, 1))
    assert _offices(envoy, _name_windows(envoy, "former minister ann lee spoke.")) is None
