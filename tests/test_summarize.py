"""What a round page chooses from its articles, one behaviour each, on texts written here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from digest.model import Article, Round, RoundDigest, Topic
from digest.process import process_article
from digest.summarize import summarize_round
from digest.text import (
    fix_lookalikes,
    is_fragment,
    looks_like_junk,
    quote_fragment,
    sentences,
    strip_dateline,
    unresolved_opening,
)
from tests.support import NEGOTIATORS

ROUND = Round(
    id="2019-05-washington",
    start=date(2019, 5, 9),
    end=date(2019, 5, 10),
    location="Washington",
    delegations={"us": ("steven-mnuchin",), "china": ("liu-he",)},
)
TOPICS = (
    Topic("tariffs", "Tariffs", ("tariff", "tariffs")),
    Topic("agriculture", "Agriculture purchases", ("soybeans", "farm goods")),
)


def digest_of(*bodies: tuple[str, date]) -> RoundDigest:
    """The digest of ROUND from articles with these (body, published day)."""
    items = [
        process_article(
            Article(id=f"a{n}", path=f"articles/a{n}.txt", text=body, format="text", published=day),
            None,
            NEGOTIATORS,
            TOPICS,
        )
        for n, (body, day) in enumerate(bodies)
    ]
    return summarize_round(ROUND, items, {}, NEGOTIATORS, TOPICS)


def summary_texts(digest: RoundDigest) -> list[str]:
    return [s.text for s in digest.summary]


# --- sentences that stand alone ------------------------------------------------------------


def test_a_sentence_opening_with_a_pronoun_does_not_stand_alone():
    assert unresolved_opening("He added that the trade talks would go on.")
    assert not unresolved_opening("Mnuchin added that the trade talks would go on.")


def test_this_week_is_a_time_not_a_pointer_back():
    assert not unresolved_opening("This week the negotiators met again over tariffs.")


def test_a_dateline_is_stripped_and_the_rest_kept():
    assert strip_dateline("HANOI (Wire) - The two sides met on Friday.") == (
        "The two sides met on Friday."
    )
    assert strip_dateline("LIMA, May 10 — Trade talks resumed.") == "Trade talks resumed."


def test_a_hyphenated_country_pair_is_no_dateline():
    assert strip_dateline("U.S.-China talks resumed in Washington.") == (
        "U.S.-China talks resumed in Washington."
    )


def test_a_video_prompt_is_junk():
    assert looks_like_junk("You can see his full answer in the video player below.")


def test_a_word_with_lookalike_letters_is_junk_and_can_be_repaired():
    scraped = "The talks went w\u0435ll."  # Cyrillic "е"
    assert looks_like_junk(scraped)
    assert fix_lookalikes(scraped) == "The talks went well."


def test_a_line_of_codes_and_numbers_is_junk():
    assert looks_like_junk("REF 2019/05/10-0042 12:30 GMT 88-1")


def test_a_sentence_cut_out_of_a_quotation_is_a_fragment():
    assert is_fragment("We are close,” the minister told reporters on Friday.", 8)


def test_a_sentence_keeps_the_closing_mark_of_its_quotation():
    parts = sentences("He called the week “a turning point.” Talks resume in June.")
    assert parts[0].endswith("point.”")


def test_a_lower_case_quotation_is_a_fragment_of_the_reporters_sentence():
    assert quote_fragment("constructive and candid talks held over two days", 6)
    assert not quote_fragment("We held constructive and candid talks over two days.", 6)


# --- What happened -------------------------------------------------------------------------

AFTER = date(2019, 5, 10)
TALKS_ENDED = "Negotiators ended the trade talks in Washington without an agreement on Friday.\n\n"
"""A post-round report of how the talks ended, opening the bodies whose Next line is tested."""


def test_what_happened_leaves_out_sentences_opening_with_a_pronoun():
    body = (
        "Negotiators from both countries ended two days of trade talks in Washington on Friday.\n\n"
        "It also raised tariffs on a long list of Chinese goods that had been spared before.\n"
    )
    texts = summary_texts(digest_of((body, AFTER)))
    assert not any(t.startswith("It also") for t in texts)


def test_what_happened_strips_the_dateline_of_a_sentence_it_keeps():
    body = "GENEVA (Wire) - Negotiators ended two days of trade talks in Washington on Friday.\n"
    d = digest_of((body, AFTER))
    shown = [d.outcome.text if d.outcome else "", *summary_texts(d)]
    assert "Negotiators ended two days of trade talks in Washington on Friday." in shown
    assert not any("GENEVA" in t for t in shown)


def test_what_happened_leaves_out_colour_without_the_talks_vocabulary():
    body = (
        "Negotiators ended two days of trade talks in Washington on Friday without a deal.\n\n"
        "Mnuchin and Liu He were later seen walking slowly into the West Wing together.\n"
    )
    texts = summary_texts(digest_of((body, AFTER)))
    assert not any("West Wing" in t for t in texts)


def test_what_happened_leaves_out_a_sentence_about_an_earlier_time():
    body = (
        "Negotiators ended two days of trade talks in Washington on Friday without a deal.\n\n"
        "On December 1, 2018, the leaders agreed on a truce over tariffs at a dinner in "
        "Argentina.\n"
    )
    d = digest_of((body, AFTER))
    assert d.outcome is not None
    assert not any("December 1" in t for t in [d.outcome.text, *summary_texts(d)])


def test_a_repeated_sentence_is_shown_once_citing_both_articles():
    line = "The United States raised tariffs on Chinese goods as the trade talks went on.\n"
    d = digest_of((line, AFTER), (line, AFTER))
    shown = [s for s in (*d.summary, d.outcome) if s is not None and "raised tariffs" in s.text]
    assert len(shown) == 1
    assert set(shown[0].sources) == {"a0", "a1"}


def test_results_come_before_previews_once_the_round_is_over():
    preview = (
        "Negotiators from both delegations will meet in Washington for trade talks that may "
        "decide the fate of tariffs.\n",
        date(2019, 5, 8),
    )
    result = (
        "Negotiators ended two days of trade talks in Washington without any agreement on "
        "tariffs.\n\n"
        "Soybeans were left out of the trade talks after the tariff increase took effect.\n",
        AFTER,
    )
    texts = summary_texts(digest_of(preview, result))
    assert texts[0].startswith(("Negotiators ended", "Soybeans were"))
    assert texts[-1].startswith("Negotiators from both")


# --- At a glance ---------------------------------------------------------------------------


def test_the_outcome_comes_from_coverage_published_after_the_round():
    preview = ("Negotiators will meet in Washington for talks on tariffs.\n", date(2019, 5, 7))
    result = ("Negotiators ended the trade talks in Washington without an agreement.\n", AFTER)
    d = digest_of(preview, result)
    assert d.outcome is not None and d.outcome.sources == ("a1",)


def test_no_outcome_without_coverage_published_after_the_round():
    preview = ("Negotiators will meet in Washington for talks on tariffs.\n", date(2019, 5, 7))
    assert digest_of(preview).outcome is None


def test_next_is_the_step_announced_after_the_round():
    body = (
        TALKS_ENDED
        + "The two delegations will meet again in Beijing next month for another round of talks.\n"
    )
    d = digest_of((body, AFTER))
    assert d.next is not None and "meet again" in d.next.text


def test_a_step_that_was_called_off_is_not_next():
    body = (
        TALKS_ENDED + "A planned follow-up meeting next month was cancelled by the White House.\n"
    )
    assert digest_of((body, AFTER)).next is None


# --- quotations and statements -------------------------------------------------------------


def test_a_quoted_fragment_is_shown_inside_its_sentence():
    body = (
        "Mnuchin called the talks “constructive, useful and candid about tariffs and farm goods.”\n"
    )
    d = digest_of((body, AFTER))
    fragments = [q for q in d.quotes if q.text.startswith("constructive")]
    assert fragments and all(q.context.startswith("Mnuchin called") for q in fragments)


def test_a_trivial_remark_is_not_quoted():
    body = "“By the way, I disagree,” Mnuchin said after the trade talks in Washington.\n"
    assert not [q for q in digest_of((body, AFTER)).quotes if "disagree" in q.text]


def test_one_remark_carried_by_two_articles_is_quoted_once():
    remark = (
        "Negotiators ended the trade talks in Washington on Friday.\n\n"
        "“We made real progress on farm goods and on the timetable for tariffs,” "
        "Mnuchin said on Friday.\n"
    )
    trimmed = "“We made real progress on farm goods and the timetable,” Mnuchin said.\n"
    d = digest_of((remark, AFTER), (trimmed, AFTER))
    assert len([q for q in d.quotes if "real progress" in q.text]) == 1


def test_quotations_alternate_between_the_sides():
    remarks = (
        "Farmers across Iowa deserve fair access to Chinese markets for their soybeans",
        "Intellectual property theft costs American companies billions every single year",
        "Currency manipulation has distorted bilateral commerce for far too long now",
        "Enforcement provisions must include real penalties when commitments are broken",
        "Financial services firms need licences approved quickly and without discrimination",
        "Steel overcapacity keeps flooding global markets and hurting our mills badly",
        "Subsidies to state enterprises give unfair advantages against private competitors",
        "Technology transfer demands on joint ventures have to end completely and verifiably",
    )
    us = "".join(f"“{remark},” Mnuchin said.\n\n" for remark in remarks)
    china = "“China will defend its interests firmly in these talks,” Liu He said.\n"
    d = digest_of((us, AFTER), (china, AFTER))
    assert any(q.side == "china" for q in d.quotes)


def test_each_side_gets_its_own_statement():
    body = (
        "“China will defend its interests firmly in these trade talks over tariffs,” "
        "Liu He said.\n\n"
        "“The talks were constructive and we will keep working on farm goods,” Mnuchin said.\n"
    )
    statements = digest_of((body, AFTER)).statements
    assert statements.us and statements.us[0].speaker == "Steven Mnuchin"
    assert statements.china and statements.china[0].speaker == "Liu He"


def test_a_side_without_a_statement_is_left_empty():
    body = "“The talks were constructive and we will keep working on farm goods,” Mnuchin said.\n"
    assert digest_of((body, AFTER)).statements.china == ()


def test_a_statement_in_the_reporters_words_is_credited_to_the_institution():
    body = (
        "Negotiators ended the trade talks in Washington on Friday without an agreement.\n\n"
        "China's commerce ministry said the new tariffs would harm farmers on both sides of "
        "the trade dispute.\n"
    )
    china = digest_of((body, AFTER)).statements.china
    assert china and china[0].speaker == "China's commerce ministry"


# --- Numbers and topics --------------------------------------------------------------------


def test_one_numbers_row_per_sentence_with_all_its_figures():
    body = (
        "The tariffs cover $200 billion of goods, and China bought soybeans worth $2 billion "
        "on Friday.\n"
    )
    figures = digest_of((body, AFTER)).figures
    assert len(figures) == 1
    assert "$200 billion" in figures[0].text and "$2 billion" in figures[0].text


def test_each_topic_gets_its_own_evidence_sentence_with_its_words():
    body = (
        "Tariffs on soybeans and tariffs on farm goods dominated the trade talks on Friday.\n\n"
        "Buyers of soybeans have stayed away from American farms during the trade talks.\n\n"
        "A tariff increase covering thousands of Chinese products took effect on Friday.\n"
    )
    topics = digest_of((body, AFTER)).topics
    shown = [t.sentence for t in topics if t.sentence]
    assert len(shown) == 2 and len(set(shown)) == 2
    keywords = {t.id: t.keywords for t in TOPICS}
    for evidence in topics:
        assert any(k in evidence.sentence.lower() for k in keywords[evidence.topic])


def test_a_quotation_opening_with_a_connective_is_not_shown():
    body = "“And then they will sign the whole agreement on tariffs,” Mnuchin said on Friday.\n"
    assert not [q for q in digest_of((body, AFTER)).quotes if "sign" in q.text]


def test_a_quoted_term_without_a_speaker_is_not_a_quotation():
    body = "The meeting was billed as a “high-level strategic dialogue on trade and farm goods.”\n"
    assert digest_of((body, AFTER)).quotes == ()


def test_a_quotation_already_in_what_happened_is_not_repeated():
    body = (
        "Negotiators ended the trade talks in Washington on Friday without an agreement.\n\n"
        "Asked when a deal would come, Mnuchin answered that “a deal on tariffs and farm goods "
        "could come soon” as talks went on.\n"
    )
    d = digest_of((body, AFTER))
    stated = (*d.statements.us, *d.statements.china)
    listed = [q for q in d.quotes if q not in stated]  # the page lists a statement once
    shown = [*(s.text for s in d.summary), *(q.context or q.text for q in (*stated, *listed))]
    assert len([text for text in shown if "could come soon" in text]) == 1


def test_a_dateline_with_the_agency_between_slashes_is_stripped():
    assert strip_dateline("LIMA, March 3. /WIRE/. The talks resumed on Monday.") == (
        "The talks resumed on Monday."
    )


def test_a_bracketed_dateline_is_stripped():
    assert strip_dateline("[BEIJING] China said on Thursday that talks would resume.") == (
        "China said on Thursday that talks would resume."
    )


def test_a_long_reference_number_is_junk():
    assert looks_like_junk("The ministry did not comment on purchases (see 2005040012).")


def test_a_figure_whose_sentence_is_cut_off_gets_no_numbers_row():
    body = (
        "Negotiators met in Washington on Friday.\n\n"
        "Tariffs fell to about 55% on the US side and 10% on the Chinese side and restarted the\n"
    )
    assert digest_of((body, AFTER)).figures == ()


def test_the_middle_of_a_quotation_is_not_the_reporters_sentence():
    body = (
        "Mnuchin said: “The trade talks went well. We will raise tariffs on nothing this week. "
        "Farm goods are next,” on Friday.\n"
    )
    d = digest_of((body, AFTER))
    shown = [s.text for s in (*d.summary, d.outcome) if s is not None]
    assert not any(t.startswith("We will raise") for t in shown)


def test_a_guess_at_what_happened_is_not_reported_as_what_happened():
    body = (
        "Negotiators ended two days of trade talks in Washington on Friday without a deal.\n\n"
        "The tariff news must have felt like a slap in the face to the visiting delegation.\n"
    )
    d = digest_of((body, AFTER))
    assert not any("must have" in s.text for s in (*d.summary, d.outcome) if s is not None)


def test_a_clause_between_commas_is_no_apposition_of_the_speaker():
    body = (
        "The US delegation, did not say how long talks would last, saying only that trade "
        "talks on tariffs would begin on Thursday.\n"
    )
    assert digest_of((body, AFTER)).statements.us == ()


def test_without_a_reported_result_the_outcome_is_a_quoted_one():
    body = (
        "“The two sides agreed to consult again on farm goods and tariffs,” the White House "
        "said on Friday.\n"
    )
    outcome = digest_of((body, AFTER)).outcome
    assert outcome is not None and "agreed to consult" in outcome.text


def test_an_after_round_sentence_reporting_no_result_is_no_outcome():
    body = "Analysts have long said that the trade relationship remains difficult for both.\n"
    assert digest_of((body, AFTER)).outcome is None


def test_a_pronoun_subject_after_an_opening_phrase_does_not_stand_alone():
    assert unresolved_opening("Later in the day, he told reporters the talks would go on.")
    assert not unresolved_opening("Later in the day, Mnuchin told reporters the talks went on.")


def test_a_list_quoted_from_a_post_is_no_statement_of_its_side():
    body = "“Fentanyl, Soybeans and other Farm Products, Tariffs, etc” Mnuchin wrote on Friday.\n"
    assert digest_of((body, AFTER)).statements.us == ()


def test_a_quotation_opening_with_a_pronoun_is_not_shown():
    body = "“That is going to make our farmers very happy indeed,” Mnuchin said on Friday.\n"
    assert not [q for q in digest_of((body, AFTER)).quotes if "farmers" in q.text]


def test_an_old_remark_is_no_statement_of_this_round():
    body = "Mnuchin has previously said that the trade talks on tariffs were a waste of time.\n"
    assert digest_of((body, AFTER)).statements.us == ()


def test_a_sentence_standing_for_an_earlier_one_does_not_stand_alone():
    body = (
        "Negotiators ended two days of trade talks in Washington on Friday without a deal.\n\n"
        "Mnuchin said as much to reporters after the trade talks at the Treasury on Friday.\n"
    )
    assert not any("as much" in s.text for s in digest_of((body, AFTER)).summary)


def test_a_sentence_placing_its_news_in_an_earlier_year_is_another_times():
    body = (
        "Negotiators ended two days of trade talks in Washington on Friday without a deal.\n\n"
        "In 2017, the administration opened an inquiry into Chinese trade practices and tariffs.\n"
    )
    assert not any("2017" in s.text for s in digest_of((body, AFTER)).summary)


def test_two_sentences_reporting_the_same_call_in_other_words_are_one():
    body = (
        "Vice Premier Liu He spoke with trade envoy Katherine Tai on Thursday during a long "
        "phone call arranged by both governments.\n\n"
        "Liu He held phone talks with Katherine Tai, the trade envoy.\n"
    )
    d = digest_of((body, AFTER))
    shown = [s.text for s in (*d.summary, d.outcome) if s is not None]
    assert len([t for t in shown if "Tai" in t]) == 1


def test_a_bare_relative_time_opening_does_not_stand_alone():
    assert unresolved_opening("Later, the two sides agreed on a truce over tariffs.")
    assert not unresolved_opening("Later this week, the two sides will meet again.")


@dataclass(frozen=True)
class _Body:
    """A quoted body as institutions.yml gives one: its names and side."""

    names: tuple[str, ...]
    side: str | None


def test_a_body_speaks_for_the_side_institutions_give_it():
    body = "“The talks on tariffs and farm goods were frank and useful,” the Trade Office said.\n"
    item = process_article(
        Article(id="a0", path="articles/a0.txt", text=body, format="text", published=AFTER),
        None,
        NEGOTIATORS,
        TOPICS,
    )
    office = _Body(("the Trade Office", "Trade Office"), "china")
    digest = summarize_round(ROUND, [item], {}, NEGOTIATORS, TOPICS, (office,))
    assert [q.side for q in digest.quotes] == ["china"]


def test_a_statement_in_the_reporters_words_is_not_repeated_under_what_happened():
    body = (
        "Treasury Secretary Steven Mnuchin said the trade talks with Chinese officials in "
        "Washington ended on Friday without a deal on tariffs.\n\n"
        "Earlier on Friday, China's commerce ministry vowed to take countermeasures against the "
        "new tariffs on $200 billion of goods in the trade talks.\n"
    )
    digest = digest_of((body, AFTER))
    [china] = digest.statements.china
    assert china.speaker == "China's commerce ministry"
    assert china.text not in summary_texts(digest)


# --- Next and Outcome from the coverage of how the round went --------------------------------


def test_an_undated_article_reporting_the_end_of_the_talks_gives_the_outcome():
    body = (
        "Negotiators wrapped up two days of trade talks in Washington on Friday without a deal "
        "on tariffs.\n\nThe delegations discussed farm goods and tariffs at length.\n"
    )
    d = digest_of((body, None))
    assert d.outcome is not None and "wrapped up" in d.outcome.text


def test_an_undated_preview_gives_no_outcome():
    body = "Negotiators will meet in Washington on Thursday for two days of talks on tariffs.\n"
    assert digest_of((body, None)).outcome is None


def test_next_may_be_a_step_planned_for_a_month_ahead():
    body = (
        TALKS_ENDED
        + "A deal on tariffs is expected to be signed in September, the trade office said.\n"
    )
    d = digest_of((body, AFTER))
    assert d.next is not None and "signed in September" in d.next.text


def test_next_may_be_a_deadline_named_in_the_past_tense():
    body = (
        TALKS_ENDED
        + "The talks concluded a month ahead of the June 14 deadline for a deal on tariffs.\n"
    )
    d = digest_of((body, AFTER))
    assert d.next is not None and "June 14 deadline" in d.next.text


def test_next_may_be_a_credited_quotation():
    body = (
        TALKS_ENDED
        + "“We expect the negotiations on tariffs to continue in Beijing next month,” the trade "
        "office spokeswoman said.\n"
    )
    d = digest_of((body, AFTER))
    assert d.next is not None and "continue in Beijing" in d.next.text


def test_a_plan_far_from_any_step_word_is_not_next():
    body = (
        TALKS_ENDED + "China will buy more soybeans from American farmers in April to help the "
        "negotiations along, officials said.\n"
    )
    assert digest_of((body, AFTER)).next is None


def test_two_sentences_giving_the_same_figures_in_other_styles_are_one():
    body = (
        "The talks in Lima marked the third round of trade negotiations in five weeks, after "
        "a truce on tariffs was agreed in March.\n\n"
        "The Lima meeting was the 3rd face-to-face trade session in 5 weeks between the "
        "delegations.\n"
    )
    d = digest_of((body, AFTER))
    shown = [s.text for s in (*d.summary, d.outcome) if s is not None]
    assert len([t for t in shown if "Lima" in t]) == 1


def test_figures_are_read_the_same_whatever_the_outlets_style():
    from digest.same_news import figures_of

    assert figures_of("tariffs on $300bn of goods at 15%") == figures_of(
        "tariffs on $300 billion of goods at 15 per cent"
    )
    assert figures_of("the third round in five weeks") == figures_of("the 3rd round in 5 weeks")
    assert figures_of("In 2024 the talks resumed") == frozenset()


def test_a_side_statement_never_repeats_the_outcome():
    body = (
        "China's commerce ministry said the trade talks in Washington ended on Friday with "
        "an agreement on tariffs.\n"
    )
    d = digest_of((body, AFTER))
    assert d.outcome is not None and d.statements.china == ()


def test_what_happened_never_repeats_the_sentence_carrying_a_side_statement():
    body = (
        "Negotiators ended the trade talks in Washington on Friday without an agreement.\n\n"
        "Mnuchin said the delegations would “keep working on tariffs and farm goods in the "
        "weeks ahead” after the talks.\n"
    )
    d = digest_of((body, AFTER))
    [us] = d.statements.us
    assert us.context and us.context not in summary_texts(d)


# --- sentences and quotations an analyst would not cite ------------------------------------


def test_a_sentence_with_an_article_and_no_noun_has_lost_words():
    from digest.standing import lost_words

    assert lost_words("The envoy said on Monday that the is likely to widen over tariffs.")
    assert lost_words("The envoy told reporters on Monday that the .")
    assert not lost_words("The envoy said on Monday that the gap is likely to widen.")


def test_a_title_followed_by_a_verb_has_lost_its_name():
    from digest.standing import lost_words

    assert lost_words("Relations soured after US President imposed tariffs on bicycles.")
    assert not lost_words("Relations soured after US President Jane Roe imposed tariffs.")


def test_what_happened_shows_the_copy_of_a_sentence_with_no_words_lost():
    whole = "The envoys met in Lima to end a long tariff war over bicycles and farm goods.\n"
    cut = "The envoys met in Lima to end a long over bicycles and farm goods.\n"
    d = digest_of((cut, AFTER), (whole, AFTER))
    shown = [s.text for s in (*d.summary, d.outcome) if s is not None]
    assert whole.strip() in shown and cut.strip() not in shown


def test_a_sentence_credited_to_a_pronoun_does_not_stand_alone():
    body = (
        "Negotiators ended the trade talks in Washington on Friday without an agreement.\n\n"
        "The officials had briefed their agencies on the tariff talks at length, she added.\n"
    )
    assert not [s for s in summary_texts(digest_of((body, AFTER))) if "she added" in s]


def test_a_gesture_without_what_was_said_or_done_is_colour():
    from digest.standing import is_colour

    assert is_colour("The chief trade negotiator, Vice Premier Liu He, laughed out loud.")
    assert is_colour("Mnuchin struck an upbeat note as he sat across from the trade envoy.")
    assert not is_colour("Over dinner the leaders shook hands and agreed on a trade truce.")


def test_a_noun_and_a_participle_alone_do_not_stand_alone():
    from digest.standing import stands_alone

    assert not stands_alone("The main result being a new trade deal for soybean farmers.")
    assert stands_alone("The main result was a new trade deal for soybean farmers.")


def test_a_list_of_names_in_quotation_marks_is_no_remark():
    from digest.standing import is_list

    assert is_list("Tariffs, Steel, Soybeans and other Farm Goods, etc")
    assert not is_list("We have lost a lot of money on Trade with China. NO MORE!")


def test_a_hedged_guess_with_nothing_to_check_is_not_quoted():
    body = (
        "Negotiators ended the trade talks in Washington on Friday without an agreement.\n\n"
        "“I think it has a really very good chance of happening,” Mnuchin told reporters.\n\n"
        "“I think we can finish the text on tariffs by the first of June,” Mnuchin added.\n"
    )
    d = digest_of((body, AFTER))
    remarks = [q.text for q in (*d.quotes, *d.statements.us)]
    assert not [r for r in remarks if "good chance" in r]
    assert [r for r in remarks if "first of June" in r]


def test_a_quotation_whose_sentence_is_a_question_is_not_shown():
    body = (
        "Negotiators ended the trade talks in Washington on Friday without an agreement.\n\n"
        "“The real issue, Bob,” Mnuchin said, “is how long will the tariff deal take?”\n"
    )
    d = digest_of((body, AFTER))
    assert not [q for q in (*d.quotes, *d.statements.us) if "real issue" in (q.context or q.text)]


def test_a_sentence_following_up_an_earlier_one_does_not_stand_alone():
    from digest.standing import stands_alone

    assert not stands_alone("The announcement came at the end of two days of trade talks.")
    assert not stands_alone("The next morning, the envoy told reporters the trade talks failed.")
    assert stands_alone("The envoys announced a trade truce at the end of two days of talks.")


def test_a_quotation_reporting_the_outcome_in_other_words_is_not_listed():
    body = (
        "The trade office said both sides see progress on tariffs and are committed to making "
        "the farm goods agreement reached in May a success after the talks ended.\n\n"
        "“Both sides see progress and are committed to taking the steps needed to ensure the "
        "success of the agreement,” the trade office said.\n"
    )
    d = digest_of((body, AFTER))
    assert d.outcome is not None and "committed to making" in d.outcome.text
    assert not [q for q in d.quotes if "taking the steps" in q.text]


def test_an_undated_article_reporting_the_end_before_a_hope_gives_the_outcome():
    body = (
        "Mnuchin said on Friday that the trade talks in Washington went well, raising hopes "
        "that a deal on tariffs would follow.\n"
    )
    assert digest_of((body, None)).outcome is not None


def test_a_step_a_clause_before_its_plan_is_next():
    body = (
        TALKS_ENDED
        + "“We expect negotiations on an enforceable tariff deal to continue in Beijing in "
        "September,” the trade office spokeswoman said.\n"
    )
    d = digest_of((body, AFTER))
    assert d.next is not None and "in September" in d.next.text


def test_unnamed_commentators_giving_a_view_do_not_stand_alone():
    from digest.standing import stands_alone

    assert not stands_alone("Observers believe the trade talks will likely extend the truce.")
    assert stands_alone("Officials said the trade talks would likely extend the truce.")


def test_a_page_tells_once_that_the_talks_ended():
    body = (
        "Mnuchin said on Friday that the delegations concluded the trade talks in Washington "
        "without a deal on tariffs.\n\n"
        "Negotiators ended the second and final day of trade talks on Friday, without reaching "
        "an agreement on farm goods.\n\n"
        "New tariffs on $200 billion of goods took effect on Friday during the trade talks.\n"
    )
    d = digest_of((body, AFTER))
    told = [s.text for s in (*d.summary, d.outcome) if s is not None and "ended" in s.text]
    told += [s.text for s in (*d.summary, d.outcome) if s is not None and "concluded" in s.text]
    assert len(told) == 1


def test_a_list_or_an_empty_guess_is_not_quoted_alone_on_a_person_page():
    from digest.standing import quotable_alone

    assert not quotable_alone("Tariffs, Steel, Soybeans and other Farm Goods, etc")
    assert not quotable_alone("I think it has a really very good chance of happening,")
    assert quotable_alone("I think we can finish the whole text by March 1, maybe sooner,")
