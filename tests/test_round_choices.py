"""What a round page leaves out so that an analyst can cite every line: the same event told
twice in other words, sentences whose speaker or statement is in a sentence not shown,
commentary, another round's news, and what "Issues on the table" repeats. One behaviour
each, on texts written here."""

from __future__ import annotations

import dataclasses
from dataclasses import replace
from datetime import date

from digest.model import (
    Article,
    ProcessedArticle,
    Round,
    RoundDigest,
    SideStatements,
    SummarySentence,
    TopicEvidence,
)
from digest.process import process_article
from digest.same_news import same_event, same_news
from digest.standing import is_colour, is_commentary, only_a_statement_issued, stands_alone
from digest.summarize import (
    names_other_meeting,
    other_rounds_meeting,
    summarize_round,
)
from tests.support import NEGOTIATORS
from tests.test_summarize import ROUND, TOPICS

CALL = dataclasses.replace(
    ROUND,
    id="2019-06-call",
    start=date(2019, 6, 20),
    end=date(2019, 6, 20),
    location="by phone",
    summary="A follow-up call on farm purchases and the timetable of the next meeting.",
)
SUMMIT = dataclasses.replace(
    ROUND,
    id="2019-05-lima",
    location="Lima",
    summary="The US cut its tariff on bicycles to 10% and China agreed to buy farm goods.",
)
"""An earlier round whose outcome (a tariff cut to 10%) later coverage recalls."""


def processed(name: str, text: str, day: date = date(2019, 5, 10)) -> ProcessedArticle:
    """A text article of that name and day, cleaned and extracted."""
    article = Article(id=name, path=f"articles/{name}.txt", text=text, format="text", published=day)
    return process_article(article, None, NEGOTIATORS, TOPICS)


def digest_of(round_: Round, earlier: tuple[Round, ...], *bodies: tuple[str, date]) -> RoundDigest:
    items = [processed(f"a{n}", body, day) for n, (body, day) in enumerate(bodies)]
    return summarize_round(round_, items, {}, NEGOTIATORS, TOPICS, earlier=earlier)


def shown(digest: RoundDigest) -> list[str]:
    """Every sentence of "At a glance", "What each side said" and "What happened"."""
    glance = [s.text for s in (digest.outcome, digest.next) if s is not None]
    stated = [q.context or q.text for q in (*digest.statements.us, *digest.statements.china)]
    return glance + stated + [s.text for s in digest.summary]


def told_with(words: str, digest: RoundDigest) -> list[str]:
    """The sentences of `shown(digest)` containing `words`."""
    return [text for text in shown(digest) if words in text]


def told_of(words: str, *bodies: tuple[str, date]) -> list[str]:
    """The sentences containing `words` that ROUND's page, made from `bodies`, shows."""
    return told_with(words, digest_of(ROUND, (), *bodies))


# --- the same event in other words ----------------------------------------------------------


def test_the_same_kind_of_news_about_the_same_thing_is_one_event():
    assert same_event(
        "Beijing said its purchase offers will be void if Washington raises tariffs on Friday.",
        "China warned that new tariffs would mean the deals it offered will not take effect.",
    )


def test_a_truce_and_a_ceasefire_since_which_talks_resumed_are_one_event():
    assert same_event(
        "Envoys held their first face-to-face talks on Tuesday since a truce in June.",
        "The envoys talked for four hours in the first face-to-face round since the ceasefire.",
    )


def test_the_same_kind_of_news_with_different_figures_is_two_events():
    assert not same_event(
        "Washington cut its tariff on bicycles to 10% on Monday.",
        "Beijing cut its tariff on bicycles to 30% a week later.",
    )


def test_the_same_kind_of_news_done_by_the_other_side_is_two_events():
    assert not same_event(
        "China will suspend its planned tariffs on US farm goods on Sunday.",
        "The United States will not impose its planned tariffs on Chinese phones on Sunday.",
    )


def test_holding_off_on_tariffs_and_not_imposing_them_are_one_pause():
    assert same_event(
        "Trump said he would hold off on additional tariffs on Chinese goods on June 29.",
        "Trump also agreed not to impose further tariffs on $325 billion of Chinese goods.",
    )


def test_sharing_only_the_sides_names_is_not_thesame_news():
    assert not same_news(
        "The United States currently taxes $250 billion of Chinese imports at 25 percent.",
        "The United States warned Chinese exporters about $300 billion.",
    )


def test_what_happened_tells_one_event_once_however_it_is_worded():
    told = told_of(
        "pause",
        (
            "Mnuchin and Liu He ended two days of trade talks in Washington on Friday and "
            "agreed that the tariff pause on farm goods will be extended by 90 days.\n\n"
            "Liu He told reporters in Washington that the talks with Mnuchin were constructive "
            "and that an extension of the pause on tariffs was now settled.",
            date(2019, 5, 10),
        ),
    )
    assert len(told) == 1, told


def test_a_plan_told_by_name_and_by_title_on_one_day_is_told_once():
    told = told_of(
        "meet",
        (
            '"We are making real progress on farm purchases and I meet with the Vice Premier '
            'tomorrow at the Treasury," Mnuchin said on Thursday.\n\n'
            "Mnuchin said he will meet with Chinese Vice Premier Liu He on Friday as the two "
            "sides hold a new round of trade talks in Washington.\n\n"
            "Negotiators from both sides worked late into the night on the text of a deal on "
            "tariffs and farm goods.",
            date(2019, 5, 9),
        ),
    )
    assert len(told) == 1, told


def test_a_sentence_quoting_a_remark_shown_whole_is_left_out():
    told = told_of(
        "autumn harvest",
        (
            "Mnuchin told reporters in Washington on Friday that the next round of talks on "
            'tariffs and soybeans would be held "in the summer, rather than waiting until the '
            'autumn harvest is in."\n\n'
            "Negotiators from both sides worked late into the night on the text of a deal on "
            "tariffs and farm goods.",
            date(2019, 5, 10),
        ),
        (
            '"We have agreed to a truce on tariffs. Talks go on in the summer, rather than '
            'waiting until the autumn harvest is in. A great deal for farmers!" Mnuchin wrote '
            "on Friday.\n\n"
            "China agreed to buy more soybeans while both sides hold off on new tariffs on farm "
            "goods.",
            date(2019, 5, 10),
        ),
    )
    assert len(told) == 1, told


# --- sentences whose speaker or statement is not shown --------------------------------------


def test_a_sentence_credited_to_a_pronoun_after_a_quoted_phrase_does_not_stand_alone():
    assert not stands_alone(
        'The US side cared less about the timing than about "a lasting deal on tariffs," she said.'
    )


def test_a_remark_quoted_whole_and_credited_to_a_pronoun_is_left_to_the_quotations():
    assert stands_alone('"We want a lasting deal on tariffs and farm goods," she said.')


def test_a_statement_named_only_by_the_does_not_stand_alone():
    assert not stands_alone(
        "The statement also said that both teams had narrowed their gaps on port fees."
    )
    assert stands_alone(
        "A trade ministry statement said both teams had narrowed their gaps on port fees."
    )


def test_a_sentence_answering_one_not_shown_does_not_stand_alone():
    assert not stands_alone("Beijing, in reply, announced it would raise its own duties on pork.")
    assert stands_alone("China said, in response to the tariffs, that it would tax US pork.")


def test_a_sentence_saying_only_that_a_statement_was_issued_does_not_stand_alone():
    assert only_a_statement_issued(
        "The trade ministry put out a statement late on Wednesday as the envoys flew home."
    )
    assert not only_a_statement_issued(
        "The trade ministry put out a statement on Wednesday saying the talks were candid."
    )


def test_a_sentence_saying_only_that_someone_spoke_does_not_stand_alone():
    assert only_a_statement_issued(
        "The trade envoy, who has led the talks for a year, spoke after the Chinese team left "
        "the building after about three hours."
    )
    assert not only_a_statement_issued(
        "Mnuchin spoke with Liu He by phone on Thursday about farm purchases."
    )


def test_a_sentence_saying_only_what_was_referred_to_does_not_stand_alone():
    assert only_a_statement_issued("Mnuchin referred to the accord they reached on farm goods.")
    assert not only_a_statement_issued(
        "Mnuchin referred to the accord, saying it would double soybean purchases."
    )


def test_an_also_sentence_with_nothing_of_its_own_to_check_does_not_stand_alone():
    assert not stands_alone("Mnuchin has also lowered or dropped some of the duties.")
    assert stands_alone("Mnuchin has also lowered duties on soybeans from 25% to 10%.")


def test_a_clause_denying_a_negation_does_not_stand_alone():
    assert not stands_alone(
        "Steel was not one of the issues not raised in the talks, Mnuchin said."
    )


# --- commentary -------------------------------------------------------------------------------


def test_a_view_credited_to_no_one_in_particular_is_commentary():
    assert is_commentary(
        "The president attacked Beijing on Monday, and many believed his posts had made a "
        "deal on tariffs harder."
    )


def test_the_writers_own_judgement_is_commentary():
    assert is_commentary(
        "The visit of the envoys is certainly welcome but should not be read as a sign of "
        "a deal on tariffs."
    )


def test_unnamed_commentators_listed_as_a_subject_give_a_view():
    assert not stands_alone(
        "Trade experts, executives and officials in both countries say the tariff war could "
        "take years to resolve."
    )
    assert stands_alone("Analysts at Nomura say the tariff truce on soybeans is likely to hold.")


def test_speculation_credited_to_no_one_is_commentary():
    assert is_commentary(
        "There had been much speculation that the farm visit meant a deal on soybeans was near."
    )


def test_a_guess_credited_to_a_speaker_is_news():
    assert not is_commentary("Mnuchin said a deal on tariffs may be close.")


def test_a_step_that_may_be_taken_is_news_not_a_guess():
    assert not is_commentary("Tariffs on steel may be raised to 25 percent on March 1.")


def test_a_sentence_saying_only_that_there_are_some_issues_does_not_stand_alone():
    assert not stands_alone("There are a number of open questions left for the negotiators.")
    assert stands_alone("There are several issues at stake, including Huawei and soybeans.")


def test_the_writer_weighing_the_odds_is_commentary():
    assert is_commentary(
        "Even as the envoys met in Geneva, new tariffs on steel kept coming, leaving little room "
        "for a deal."
    )


def test_a_possibility_said_by_no_one_is_commentary():
    assert is_commentary(
        "Not only is there the risk of dearer soybeans for crushers, but port fees are rising too."
    )
    assert not is_commentary("Mnuchin said there is the potential for a deal on pork.")


def test_a_reported_guess_does_not_stand_alone():
    assert not stands_alone(
        'Asked when a deal may come, Mnuchin replied, "I think quite soon, we are close."'
    )
    assert stands_alone(
        'Asked when a deal may come, Mnuchin replied, "I think we can sign it by March 1."'
    )


def test_the_meal_of_a_meeting_is_colour():
    assert is_colour(
        "The dinner, which started an hour late after the summit ran over, included aides from "
        "both delegations."
    )
    assert not is_colour("The dinner ended with a truce: no new tariffs for 90 days.")


# --- another round's news ---------------------------------------------------------------------


def test_an_earlier_rounds_outcome_recalled_is_not_this_rounds_outcome():
    digest = digest_of(
        CALL,
        (SUMMIT,),
        (
            "Mnuchin and Liu He agreed in the call on Thursday to hold their next meeting on farm "
            "purchases in Washington in July.\n\n"
            "The US agreed to cut its tariff on bicycles from 20% to 10% in exchange for farm "
            "purchases, officials said.",
            date(2019, 6, 21),
        ),
    )
    assert digest.outcome is not None
    assert "10%" not in digest.outcome.text
    assert not told_with("10%", digest)


def test_an_earlier_round_named_by_its_place_is_another_rounds_news():
    beijing = dataclasses.replace(ROUND, id="2019-06-beijing", location="Beijing")
    digest = digest_of(
        beijing,
        (ROUND,),  # an earlier round in Washington
        (
            "Mnuchin and Liu He held a new round of trade talks on tariffs in Beijing on Friday."
            "\n\nAt the end of the Washington talks the two sides issued a joint statement on "
            "tariffs and farm goods.",
            date(2019, 5, 10),
        ),
    )
    assert not told_with("Washington talks", digest)


def test_a_calls_coverage_may_name_the_summit_it_follows_up():
    call = dataclasses.replace(CALL, location="by phone")
    summit = dataclasses.replace(SUMMIT, location="Busan")
    meeting = other_rounds_meeting(call, (summit,))
    assert not names_other_meeting(
        "During the call the two leaders praised their Busan summit as a cornerstone of ties.",
        call,
        meeting,
    )


def test_news_about_every_trade_partner_is_another_matter():
    assert not told_of(
        "60 days",
        (
            "Mnuchin said trading partners would have 60 days to settle their own tariff deals "
            "with the United States.\n\n"
            "Negotiators from both sides worked late into the night on the text of a deal on "
            "tariffs and farm goods.",
            date(2019, 5, 10),
        ),
    )


# --- "Issues on the table" ---------------------------------------------------------------------


def _digest_with_evidence(sentence: str) -> RoundDigest:
    happened = (
        SummarySentence("Mnuchin and Liu He met in Washington on Thursday.", ("a1",)),
        SummarySentence(sentence, ("a1",)),
    )
    return RoundDigest(
        round=ROUND,
        coverage=(),
        summary=happened,
        quotes=(),
        figures=(),
        topics=(TopicEvidence("tariffs", "Tariffs", sentence, "a1", ("a1",)),),
        people=(),
        statements=SideStatements(),
    )


def test_topic_evidence_already_under_what_happened_is_pointed_to_by_its_number():
    from digest.render import evidence_shown_above

    digest = _digest_with_evidence("The two sides agreed to cut tariffs on bicycles by half.")
    assert evidence_shown_above(digest) == {"tariffs": 2}


def test_eval_pages_counts_topic_evidence_printed_again_in_full(monkeypatch):
    from collections import Counter

    from digest import render
    from digest.evaluate import PageDefects, _check_topics, _Page

    digest = _digest_with_evidence("The two sides agreed to cut tariffs on bicycles by half.")
    data = type("Data", (), {"content": type("Content", (), {"topics": TOPICS})()})()
    page = _Page(digest, data, (), [], [s.text for s in digest.summary])
    monkeypatch.setattr(render, "evidence_shown_above", lambda _: {})  # a page printing it
    defects = PageDefects(Counter(), {})
    _check_topics(page, defects)
    assert [kind for _, kind, _ in defects.found["topics"]] == ["repeats a sentence shown above"]


# --- which copy of a story is quoted ---------------------------------------------------------


COPIED_STORY = (
    "Negotiators from both countries met for a second day in a riverside hotel on Friday, "
    "trading draft texts on farm purchases and the pace of tariff cuts until late at night."
    "\n\nThe American side pressed for written commitments on soybean and pork orders, "
    "officials said, while the visiting team asked for a timetable to remove the duties."
    "\n\nNeither side described the talks as a breakthrough, and lawyers will need several "
    "more weeks on the wording of the enforcement chapter.\n"
)
"""A story two outlets carry (written for this test)."""


def test_the_copy_that_kept_its_links_words_is_the_original():
    from digest.dedupe import find_duplicates
    from digest.pipeline import _originals_first

    whole = COPIED_STORY.replace("farm purchases", "farm purchases under the trade truce")
    # The other copy lost a link's words ("under the trade truce") and is longer all the same,
    # by a closing line of its own.
    lost = COPIED_STORY.replace("farm purchases", "farm purchases under the") + (
        "\nEach team will report to its government on the progress made over the weekend.\n"
    )
    items = [processed(name, text) for name, text in (("lost", lost), ("whole", whole))]
    assert len(items[0].clean.text) > len(items[1].clean.text)
    assert find_duplicates(_originals_first(items)) == {"lost": "whole"}


def test_a_quoted_phrase_is_not_shown_inside_a_sentence_naming_no_statement():
    digest = digest_of(
        ROUND,
        (),
        (
            "Mnuchin and Liu He held trade talks on tariffs in Washington on Friday, the White "
            'House said.\n\nThe statement also said that both teams held "useful '
            'sessions and narrowed their gaps on tariffs and farm goods," the White House said.',
            date(2019, 5, 10),
        ),
    )
    quoted = [*digest.quotes, *digest.statements.us, *digest.statements.china]
    assert not [q for q in quoted if q.context.startswith("The statement")]


def test_a_result_word_inside_a_purpose_is_no_outcome():
    from digest.standing import reports_result

    assert not reports_result(
        "The Treasury says the meetings are designed to stabilise ties and make progress."
    )
    assert reports_result("Liu met Mnuchin on Thursday in an attempt to reduce tensions.")


def test_a_sentence_telling_that_the_envoys_met_is_about_the_talks():
    digest = digest_of(
        ROUND,
        (),
        (
            "Mnuchin and Liu He met for a second day in a row in Washington on Friday.",
            date(2019, 5, 11),
        ),
    )
    assert digest.outcome is not None


def test_of_two_sentences_telling_one_news_the_one_giving_its_amounts_is_shown():
    told = told_of(
        "cut",
        (
            "Mnuchin and Liu He will meet in Washington this week and are expected to cut "
            "tariffs on farm goods, officials said.\n\n"
            "The tariffs on farm goods would be cut from 20% to 10%, according to a draft seen "
            "by reporters in Washington.",
            date(2019, 5, 8),
        ),
    )
    assert len(told) == 1 and "20%" in told[0], told


def test_what_someone_did_before_the_round_is_not_what_happened():
    assert not told_of(
        "previously",
        (
            "Mnuchin and Liu He held trade talks on tariffs in Washington on Friday.\n\n"
            "Mnuchin has previously called the tariffs on farm goods a necessary tool.",
            date(2019, 5, 10),
        ),
    )


def test_a_figures_earlier_value_does_not_date_its_sentence():
    from digest.summarize import STALE

    assert not STALE.search(
        "Purchases would rise to 20 million tons, up from 12 million previously."
    )


def test_two_wordings_of_a_deal_struck_are_one_event():
    assert same_event(
        "US officials said they struck a deal in Geneva after two days of talks on tariffs.",
        "Greer called the result of the Geneva talks a deal struck with Chinese partners.",
    )


def test_the_outcome_tells_how_the_round_ended_before_that_it_took_place():
    digest = digest_of(
        ROUND,
        (),
        (
            "Mnuchin and Liu He met in Washington on Friday for talks on tariffs and farm goods."
            "\n\nThe two sides agreed to keep tariffs on farm goods unchanged while talks go on.",
            date(2019, 5, 11),
        ),
    )
    assert digest.outcome is not None and "agreed" in digest.outcome.text


def test_delaying_a_tariff_rise_and_a_delay_of_it_are_one_pause():
    assert same_event(
        "Trump announced a delay of the tariff step on Chinese goods set for March 1.",
        "I will be delaying the tariff step now scheduled for March 1, Trump wrote.",
    )


def test_a_sentence_saying_only_that_what_comes_next_is_unclear_is_not_news():
    digest = digest_of(
        ROUND,
        (),
        (
            "Mnuchin and Liu He ended two days of trade talks in Washington on Friday without a "
            "deal on farm goods.\n\n"
            "The next steps in the long negotiations on farm goods are unclear.\n\n"
            "Mnuchin told reporters in Washington after the talks that it is unclear whether "
            "the new tariffs on farm goods will be raised again.",
            date(2019, 5, 10),
        ),
    )
    told = shown(digest)
    assert not any("next steps" in text for text in told), told
    assert any("it is unclear whether" in text for text in told), told


def test_words_lost_are_counted_only_for_copies_whose_ranks_tie(monkeypatch):
    import digest.pipeline as pipeline
    from digest.dedupe import find_duplicates

    counted: list[str] = []
    count = pipeline.lost_word_places
    monkeypatch.setattr(
        pipeline, "lost_word_places", lambda text: counted.append(text) or count(text)
    )
    alone = "A separate story about port fees, told once, with nothing copied from it elsewhere."
    items = [
        processed(name, text)
        for name, text in (("one", COPIED_STORY), ("two", COPIED_STORY), ("alone", alone * 3))
    ]
    find_duplicates(pipeline._originals_first(items))
    assert counted and all("port fees" not in text for text in counted)


def test_a_remembered_count_of_words_lost_is_not_counted_again(tmp_path, monkeypatch):
    import digest.pipeline as pipeline
    from digest.cache import BuildCache, CachedTable
    from digest.dedupe import find_duplicates

    items = [replace(processed(name, COPIED_STORY), key=f"key-{name}") for name in ("one", "two")]
    memo = CachedTable(BuildCache(tmp_path), "words lost")
    first = find_duplicates(pipeline._originals_first(items, memo))
    memo.save()

    def counted_again(text: str) -> int:
        raise AssertionError("counted again")

    monkeypatch.setattr(pipeline, "lost_word_places", counted_again)
    again = CachedTable(BuildCache(tmp_path), "words lost")
    assert find_duplicates(pipeline._originals_first(items, again)) == first == {"two": "one"}
