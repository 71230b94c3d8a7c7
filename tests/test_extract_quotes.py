"""Quotation finding and speaker attribution, on sentences written for these tests."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from digest.extract import extract
from digest.extract.dates import find_dates
from digest.extract.figures import find_figures
from digest.extract.mentions import Cast, find_places, find_topics, index_people, scan_people
from digest.extract.quotes import find_quotes
from digest.model import Person, Role, Topic
from tests.support import NEGOTIATORS

PEOPLE = NEGOTIATORS

D2019 = date(2019, 5, 10)
D2025 = date(2025, 5, 12)


def quotes(text: str, published: date | None = D2019):
    result = extract(text, published=published, people=PEOPLE, topics=())
    return [(q.text, q.speaker) for q in result.quotes]


def test_x_said_after_quote():
    assert quotes("“We are close,” Jane Doe said.") == [("We are close,", "Jane Doe")]


def test_said_x_inverted_after_quote():
    text = "“We are close,” said Jane Doe, the trade minister of Ruritania."
    assert quotes(text) == [("We are close,", "Jane Doe")]


def test_x_told_reporters():
    text = "“The talks went well,” Jane Doe told reporters in Geneva."
    assert quotes(text) == [("The talks went well,", "Jane Doe")]


def test_x_appositive_said_before_quote():
    text = "Jane Doe, the trade minister of Ruritania, said: “We are close.”"
    assert quotes(text) == [("We are close.", "Jane Doe")]


def test_x_said_that_before_quote_with_title_prefix():
    text = "Ruritanian Trade Minister Jane Doe said on Sunday that the talks were “frank.”"
    assert quotes(text) == [("frank.", "Jane Doe")]


def test_according_to_x():
    text = "The two sides will “keep talking,” according to Jane Doe."
    assert quotes(text) == [("keep talking,", "Jane Doe")]


def test_said_beats_according_to_outlet():
    text = "“We will keep talking,” Jane Doe said, according to the Daily Planet."
    assert quotes(text) == [("We will keep talking,", "Jane Doe")]


def test_pronoun_resolves_to_last_named_speaker():
    text = (
        "Jane Doe met her counterpart on Monday.\n\n"
        "“The mood was good,” she said. “We will meet again.”"
    )
    assert quotes(text) == [
        ("The mood was good,", "Jane Doe"),
        ("We will meet again.", "Jane Doe"),
    ]


def test_pronoun_resolves_to_sentence_subject():
    text = (
        "“It was fine,” Jane Doe said.\n\n"
        "John Roe then stepped in, with Jane Doe looking on. “It was better than fine,” he said."
    )
    assert quotes(text)[-1] == ("It was better than fine,", "John Roe")


def test_surname_resolves_to_full_name_given_earlier():
    text = "Jane Doe, the trade minister, arrived on Monday. “We are ready,” Ms Doe said."
    assert quotes(text) == [("We are ready,", "Jane Doe")]


def test_alias_resolves_to_people_list_name():
    assert quotes("“We are close,” Mnuchin said.") == [("We are close,", "Steven Mnuchin")]


def test_title_resolves_to_name_given_earlier_in_article():
    text = (
        "Ruritanian Trade Minister Jane Doe arrived on Monday.\n\n"
        "“We are ready,” the trade minister told reporters."
    )
    assert quotes(text) == [("We are ready,", "Jane Doe")]


def test_title_resolves_by_date_from_people_list_2019():
    text = "“Both sides made progress,” the vice premier said."
    assert quotes(text, date(2019, 5, 10)) == [("Both sides made progress,", "Liu He")]


def test_title_resolves_by_date_from_people_list_2025():
    text = "“Both sides made progress,” the vice premier said."
    assert quotes(text, date(2025, 5, 12)) == [("Both sides made progress,", "He Lifeng")]


def test_us_leader_title_resolves_to_president_on_date():
    text = "The US leader said the deal was “very close.”"
    assert quotes(text, D2019) == [("very close.", "Donald Trump")]


def test_he_at_sentence_start_is_a_pronoun():
    text = (
        "Scott Bessent met He Lifeng in Geneva. Bessent spoke first.\n\n"
        "He said the talks were “productive.”"
    )
    assert quotes(text, D2025) == [("productive.", "Scott Bessent")]


def test_capitalised_he_mid_sentence_is_the_surname():
    text = (
        "Scott Bessent met He Lifeng in Geneva.\n\n"
        "“We had candid talks,” Vice Premier He said after the meeting."
    )
    assert quotes(text, D2025) == [("We had candid talks,", "He Lifeng")]


def test_institution_speaker_named_as_in_article():
    text = "“Talks will resume next week,” the commerce ministry said in a statement."
    assert quotes(text) == [("Talks will resume next week,", "the commerce ministry")]


def test_news_agency_speaker():
    text = "Xinhua reported that the two sides had a “candid exchange.”"
    assert quotes(text) == [("candid exchange.", "Xinhua")]


def test_outlet_named_with_its_description_after_it_is_the_outlet():
    text = "“Talks will resume next week,” the Ruritania Herald newspaper said."
    assert quotes(text) == [("Talks will resume next week,", "Ruritania Herald")]
    text = "“Talks will resume next week,” Xinhua news agency said."
    assert quotes(text) == [("Talks will resume next week,", "Xinhua")]


def test_common_noun_alone_names_no_speaker():
    # The speaker phrase is cut to its last word ("party" is no word of a name): no guess.
    text = "“Talks will resume next week,” the Ruritania Herald party newspaper said."
    assert quotes(text) == [("Talks will resume next week,", None)]


def test_side_media_and_ministries_keep_their_description():
    text = "“Talks will resume next week,” China's commerce ministry said."
    assert quotes(text) == [("Talks will resume next week,", "China's commerce ministry")]
    text = "“Talks will resume next week,” the US wire agency said."
    assert quotes(text)[0][1] != "US"


def test_statement_from_institution():
    text = "“Both sides see progress,” said a statement from the Ruritanian trade office."
    assert quotes(text) == [("Both sides see progress,", "the Ruritanian trade office")]


def test_joint_statement_has_no_speaker():
    text = (
        "The two countries released a joint statement saying they would “work together.”\n\n"
        "“Both sides agreed on next steps,” the statement said."
    )
    assert quotes(text) == [
        ("work together.", None),
        ("Both sides agreed on next steps,", None),
    ]


def test_anonymous_official_has_no_speaker():
    text = "“We expect a deal soon,” a senior official said."
    assert quotes(text) == [("We expect a deal soon,", None)]


def test_unattributed_quote_carries_previous_speaker():
    text = "“We are close,” Jane Doe said.\n\n“There is more to do.”"
    assert quotes(text)[-1] == ("There is more to do.", "Jane Doe")


def test_split_quote_gives_two_quotes_same_speaker():
    text = "“We are close,” Jane Doe said, “but not there.”"
    assert quotes(text) == [("We are close,", "Jane Doe"), ("but not there.", "Jane Doe")]


def test_multi_paragraph_quote_is_one_quote():
    text = (
        "Jane Doe said: “The first part of the answer is long.\n\n"
        "“And the second part follows here.”"
    )
    found = quotes(text)
    assert len(found) == 1
    inner, speaker = found[0]
    assert inner.startswith("The first part") and inner.endswith("follows here.")
    assert "“" not in inner and speaker == "Jane Doe"


def test_multi_paragraph_quote_in_straight_quotes():
    text = 'Jane Doe said: "The first part runs on.\n\n"The second part ends it."'
    found = quotes(text)
    assert len(found) == 1 and found[0][1] == "Jane Doe"
    assert found[0][0].startswith("The first part") and found[0][0].endswith("ends it.")


def test_unclosed_quote_before_a_plain_paragraph_is_dropped():
    text = "Jane Doe said: “The first part runs on.\n\nNothing more was said. “We agree,” she said."
    assert quotes(text) == [("We agree,", "Jane Doe")]


def test_colon_introduced_quote():
    text = "Jane Doe put it plainly: “Nothing is agreed until everything is agreed.”"
    assert quotes(text) == [("Nothing is agreed until everything is agreed.", "Jane Doe")]


def test_colon_after_speech_verb():
    text = "Jane Doe wrote in a statement: “Nothing is agreed until everything is agreed.”"
    assert quotes(text) == [("Nothing is agreed until everything is agreed.", "Jane Doe")]


def test_saying_comma_introduced_quote():
    text = "The ministry issued a note on Friday, saying, “Talks were constructive.”"
    assert quotes(text) == [("Talks were constructive.", "the ministry")]


def test_straight_double_quotes():
    text = 'Jane Doe said the deal was "almost done," adding that "details remain."'
    assert quotes(text) == [("almost done,", "Jane Doe"), ("details remain.", "Jane Doe")]


def test_single_quoted_fragment_counts():
    text = "Jane Doe called the talks 'frank' and left."
    assert quotes(text) == [("frank", "Jane Doe")]


def test_curly_single_quoted_fragment_counts():
    text = "Jane Doe called the talks ‘frank and useful’ on Monday."
    assert quotes(text) == [("frank and useful", "Jane Doe")]


def test_apostrophes_are_not_quotes():
    text = "Jane Doe's team said the leaders' meeting, like those of the '90s, won't be long."
    assert quotes(text) == []


def test_show_name_not_counted():
    text = "“We are close,” Jane Doe said on “Fox News Sunday.”"
    assert quotes(text) == [("We are close,", "Jane Doe")]


def test_deal_and_term_names_not_counted():
    text = (
        "The two sides signed the “phase one” deal, and the firm stays on the “entity list.” "
        "Officials drafted a so-called “framework” for later."
    )
    assert quotes(text) == []


def test_nested_quote_not_counted():
    text = "“He called it a ‘historic deal’ at the time,” Jane Doe said."
    assert quotes(text) == [("He called it a ‘historic deal’ at the time,", "Jane Doe")]


def test_quote_cut_off_by_end_of_excerpt_not_counted():
    text = "“We are close,” Jane Doe said.\n\n“The two sides are still working on the"
    assert quotes(text) == [("We are close,", "Jane Doe")]


def test_quote_text_kept_exactly_as_in_article():
    text = "“Ninety per cent is done — the rest is hard…” Jane Doe said."
    assert quotes(text)[0][0] == "Ninety per cent is done — the rest is hard…"


def test_sentence_is_the_sentence_holding_the_quote():
    text = "The talks ended. “We are close,” Jane Doe said. Nothing else was said."
    result = extract(text, published=D2019, people=PEOPLE, topics=())
    assert result.quotes[0].sentence == "“We are close,” Jane Doe said."


def test_attribution_after_exclamation_belongs_to_the_quote():
    text = "Jane Doe spoke first.\n\n“We have waited long enough!” John Roe said on Friday."
    assert quotes(text) == [("We have waited long enough!", "John Roe")]


def test_title_with_nationality_needs_a_person_of_that_side():
    text = (
        "Ruritanian President Jane Doe met Xi Jinping on Monday.\n\n"
        "The Chinese president said relations were at a “critical stage.”"
    )
    assert quotes(text) == [("critical stage.", "Xi Jinping")]


def test_pronoun_with_no_subject_yet_is_the_person_last_named():
    text = (
        "Talks on a deal announced by Trade Minister Jane Doe went on.\n\n"
        "“Terms are agreed,” she said."
    )
    assert quotes(text) == [("Terms are agreed,", "Jane Doe")]


def test_deal_name_in_capitals_not_counted():
    text = "Officials met to discuss the “Phase 2” trade deal and the “Framework” agreement."
    assert quotes(text) == []


def test_two_sides_speaking_together_have_no_speaker():
    text = "“Talks were candid,” the two sides said in a joint statement."
    assert quotes(text) == [("Talks were candid,", None)]


def test_two_named_speakers_together_have_no_single_speaker():
    text = "“We made progress,” Jane Doe and John Roe told reporters."
    assert quotes(text) == [("We made progress,", None)]


def test_title_with_and_is_still_one_person():
    text = "“We made progress,” Ruritanian Trade and Industry Minister Jane Doe said."
    assert quotes(text) == [("We made progress,", "Jane Doe")]


def test_institution_named_with_its_complement():
    text = "“Talks will go on,” the Office of the Ruritanian Trade Envoy said."
    assert quotes(text) == [("Talks will go on,", "the Office of the Ruritanian Trade Envoy")]


def test_british_single_quotes_with_attribution():
    text = "'We don't have a deal yet,' Jane Doe said. 'The leaders' meeting will decide.'"
    assert quotes(text) == [
        ("We don't have a deal yet,", "Jane Doe"),
        ("The leaders' meeting will decide.", "Jane Doe"),
    ]


def test_he_surname_with_given_name_after_title():
    text = "“Both sides agreed,” Chinese Vice Premier He Lifeng told reporters."
    assert quotes(text, D2025) == [("Both sides agreed,", "He Lifeng")]


def test_dash_before_attribution():
    text = "“We are close” — Jane Doe told reporters."
    assert quotes(text) == [("We are close", "Jane Doe")]


def test_capitalised_he_after_quote_is_the_surname():
    text = "Scott Bessent met He Lifeng.\n\n“It went well,” He said."
    assert quotes(text, D2025) == [("It went well,", "He Lifeng")]


def test_bare_president_is_the_us_president_not_a_counselor_to_him():
    counselor = Person(
        "jo-adviser",
        "Jo Adviser",
        (),
        "us",
        (Role("Senior Counselor to the President", date(2025, 1, 20)),),
    )
    result = extract(
        "The president wrote that the deal was “done.”",
        published=D2025,
        people=(*PEOPLE, counselor),
        topics=(),
    )
    assert [(q.text, q.speaker) for q in result.quotes] == [("done.", "Donald Trump")]


def test_fragment_inside_clause_keeps_clause_speaker_despite_later_attribution():
    text = 'Jane Doe called it a "deal," while John Roe said only that "progress" was made.'
    assert quotes(text) == [("deal,", "Jane Doe"), ("progress", "John Roe")]


def test_sentence_final_attribution_names_the_source():
    text = "Jane Doe stressed concerns “about subsidies,” the trade office said."
    assert quotes(text) == [("about subsidies,", "the trade office")]


def test_institution_that_issued_a_statement_speaks_next():
    text = (
        "“We are close,” John Roe said.\n\n"
        "The Ruritanian trade ministry issued a statement on Friday. “Talks were frank.”"
    )
    assert quotes(text)[-1] == ("Talks were frank.", "the Ruritanian trade ministry")


def test_relative_who_said_resolves_to_antecedent():
    text = (
        "“We are close,” Jane Doe said.\n\n"
        "The meeting was overshadowed by Trade Minister John Roe, who on Tuesday said the "
        "deal was off.\n\n“They will regret it,” he said."
    )
    assert quotes(text)[-1] == ("They will regret it,", "John Roe")


def test_pronoun_resolves_to_person_leading_the_same_sentence():
    text = (
        "Trade Minister Jane Doe spoke first.\n\n"
        "Two years ago, Trade Minister John Roe signed what he called a “historic deal.”"
    )
    assert quotes(text) == [("historic deal.", "John Roe")]


def test_pronoun_after_name_followed_by_weekday():
    text = (
        "The plan was announced by Ruritanian Trade Minister Jane Roe Monday.\n\n"
        "“The terms are agreed,” she said in Geneva."
    )
    assert quotes(text) == [("The terms are agreed,", "Jane Roe")]


def test_bare_country_after_another_country_keeps_its_own_name():
    text = "China called the duties “unfair.” Beijing also urged Washington to end its “pressure.”"
    assert quotes(text) == [("unfair.", "China"), ("pressure.", "Beijing")]


def test_posts_that_said_belong_to_their_writer():
    text = "Earlier, Jane Doe wrote a string of posts that said there was no “hurry” to sign."
    assert quotes(text) == [("hurry", "Jane Doe")]


def test_name_before_closing_appositive_speaks():
    text = (
        "“Everyone wants a result” from the summit, host Jane Roe, the president of "
        "Ruritania, told reporters."
    )
    assert quotes(text) == [("Everyone wants a result", "Jane Roe")]


def test_president_of_a_third_country_is_not_the_us_president():
    text = "“Everyone wants a result,” the president of Ruritania told reporters."
    assert quotes(text) == [("Everyone wants a result,", None)]


def test_writers_fragment_after_narration_has_no_speaker():
    text = "Trump promised lower tariffs on steel. Meanwhile, the other talks remain “ongoing.”"
    assert quotes(text) == [("ongoing.", None)]


def test_fragment_after_a_quoted_source_carries_on():
    text = (
        "“The meeting was frank,” the Treasury Department said. Those issues include "
        "“currency and subsidies.”"
    )
    assert quotes(text) == [
        ("The meeting was frank,", "the Treasury Department"),
        ("currency and subsidies.", "the Treasury Department"),
    ]


def test_quoted_speaker_named_again_by_narration_still_carries():
    text = (
        "“A very good weekend!” Trump tweeted.\n\nTrump cited “substantial progress” on the talks."
    )
    assert quotes(text) == [
        ("A very good weekend!", "Donald Trump"),
        ("substantial progress", "Donald Trump"),
    ]


def test_names_inside_quotes_are_not_pronoun_antecedents():
    text = "“Even Trade Minister John Roe agrees with us,” he said."
    assert quotes(text) == [("Even Trade Minister John Roe agrees with us,", None)]


def _every_stage(text: str, published: date | None, people) -> None:
    # Stages called directly: `extract` guards each of them, which would hide a crash here.
    cast = Cast(index_people(tuple(people)), published)
    scan_people(text, cast)
    find_quotes(text, cast)
    find_dates(text, published)
    find_figures(text)
    find_places(text)
    find_topics(text, (Topic("t", "T", ("trade", "deal")),))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_extract_never_raises_on_arbitrary_unicode(text):
    _every_stage(text, D2019, PEOPLE)
    _every_stage(text, None, ())
    extract(text, published=D2019, people=PEOPLE, topics=())


_QUOTEY = st.text(
    alphabet="“”‘’\"' \n.,:!?HeLiu said Trump’s“»«″$%0123456789May Friday", max_size=300
)


@settings(max_examples=500, deadline=None)
@given(_QUOTEY)
def test_extract_never_raises_on_quote_mark_soup(text):
    _every_stage(text, D2019, PEOPLE)


def test_body_name_keeps_its_capitals_at_the_start_of_the_attribution():
    text = "“We will respond,” White House said. “It was useful,” Chinese state media said."
    assert quotes(text) == [
        ("We will respond,", "White House"),
        ("It was useful,", "Chinese state media"),
    ]


def test_report_credits_its_issuer():
    text = (
        "“The talks were useful,” according to a Ruritania Wire report.\n\n"
        "“Both sides will meet again,” state media report."
    )
    assert quotes(text) == [
        ("The talks were useful,", "Ruritania Wire"),
        ("Both sides will meet again,", "state media"),
    ]


def test_report_by_names_its_issuer():
    text = "“The talks were useful,” according to a report by the Ruritania Wire agency."
    assert quotes(text) == [("The talks were useful,", "Ruritania Wire")]


def test_possessive_issuer_of_a_report():
    text = "“The talks were useful,” Ruritania Wire's report said."
    assert quotes(text) == [("The talks were useful,", "Ruritania Wire")]


def test_report_by_before_the_quotation_names_its_issuer():
    text = "According to a report by the Ruritania Wire agency, the talks were “useful.”"
    assert quotes(text) == [("useful.", "Ruritania Wire")]


def test_statement_issuer_named_in_the_next_sentence():
    text = (
        "“We will respond firmly,” the statement said. It was issued by the Ruritanian "
        "Trade Bureau."
    )
    assert quotes(text) == [("We will respond firmly,", "the Ruritanian Trade Bureau")]


def test_statement_issuer_named_after_the_attribution():
    text = "“We will respond firmly,” a statement said, released by the Ruritanian Trade Bureau."
    assert quotes(text) == [("We will respond firmly,", "the Ruritanian Trade Bureau")]


def test_statement_without_issuer_has_no_speaker():
    text = "“We will respond firmly,” the statement said. Markets were calm."
    assert quotes(text) == [("We will respond firmly,", None)]


def test_correspondent_in_a_credit_line_is_not_the_speaker():
    text = "Jane Roe, Ruritania Wire Beijing correspondent\n\n“We want a fair deal,” he said."
    assert quotes(text) == [("We want a fair deal,", None)]


def test_reporter_filing_from_a_place_is_not_the_speaker():
    text = "Jane Roe reports from Geneva.\n\n“We want a fair deal,” he said."
    assert quotes(text) == [("We want a fair deal,", None)]


def test_job_title_inside_an_attribution_is_no_credit_line():
    text = "“Everyone has expectations,” said Jane Roe, a correspondent turned trade minister."
    assert quotes(text) == [("Everyone has expectations,", "Jane Roe")]


def test_chinese_lead_negotiator_is_the_vice_premier_of_the_day():
    text = "“We hope for progress,” the Chinese side's lead negotiator said."
    assert quotes(text, D2019) == [("We hope for progress,", "Liu He")]
    assert quotes(text, D2025) == [("We hope for progress,", "He Lifeng")]


def test_us_lead_negotiator_unnamed_stays_unresolved():
    text = "“We hope for progress,” the U.S. lead negotiator said."
    assert quotes(text, D2019) == [("We hope for progress,", None)]


def test_agent_of_a_passive_speech_verb_speaks():
    text = "Dubbed Ruritania's “quiet fixer” by Ruritanian newspapers, Jane Roe is staying on."
    assert quotes(text) == [("quiet fixer", "Ruritanian newspapers")]


def test_agent_between_passive_verb_and_quotation_speaks():
    text = "Liu He, who was once referred to by Jane Roe as “very important,” will stay."
    assert quotes(text) == [("very important,", "Jane Roe")]


def test_what_he_called_has_no_passive_agent():
    text = "Trump signed what he called a “historic deal” with China."
    assert quotes(text) == [("historic deal", "Donald Trump")]


def test_writer_pointing_back_at_quoted_words_is_no_new_quotation():
    text = (
        "Trump signed what he called a “historic trade deal.” Today the only “historic” "
        "thing about it is its failure."
    )
    assert quotes(text) == [("historic trade deal.", "Donald Trump")]


def test_another_speaker_saying_the_same_words_is_a_quotation():
    text = (
        "Jane Doe said the talks made “real progress.” John Roe said only that “real "
        "progress” had been made."
    )
    assert quotes(text) == [("real progress.", "Jane Doe"), ("real progress", "John Roe")]


def test_name_after_a_closing_dash_credits_the_quotation():
    assert quotes("“We are ready.” — Jane Roe") == [("We are ready.", "Jane Roe")]
    assert quotes("“We are ready” — Jane Roe.") == [("We are ready", "Jane Roe")]


def test_dash_aside_after_a_quotation_credits_no_one():
    text = "“We are ready” — an unusual promise — was not kept."
    assert quotes(text) == [("We are ready", None)]


RANKED = (
    Person("ann-lee", "Ann Lee", (), "china", (Role("Chinese Commerce Minister"),)),
    Person(
        "bo-chen",
        "Bo Chen",
        (),
        "china",
        (Role("China International Trade Representative and Vice Commerce Minister"),),
    ),
)


def test_title_without_vice_is_not_the_vice_holder():
    def speaker(title: str) -> str | None:
        text = f"“We are ready,” China's {title} said."
        result = extract(text, published=D2025, people=RANKED, topics=())
        return result.quotes[0].speaker

    assert speaker("commerce minister") == "Ann Lee"
    assert speaker("vice commerce minister") == "Bo Chen"
    assert speaker("trade representative") == "Bo Chen"


def test_body_name_with_initials_is_not_cut_at_them():
    text = "“We are ready,” said the Office of the U.S. Envoy for Trade."
    assert quotes(text) == [("We are ready,", "the Office of the U.S. Envoy for Trade")]


def test_body_name_with_and_is_kept_whole():
    text = "“We are ready,” said the Bureau of Industry and Security."
    assert quotes(text) == [("We are ready,", "the Bureau of Industry and Security")]


def test_acronym_in_brackets_after_a_body_is_left_out():
    text = "“We are ready,” the Ruritanian Trade Office (RTO) said."
    assert quotes(text) == [("We are ready,", "the Ruritanian Trade Office")]


def test_body_with_its_place_is_kept_whole():
    text = "“We are ready,” the Ruritanian embassy in Geneva said."
    assert quotes(text) == [("We are ready,", "the Ruritanian embassy in Geneva")]


def test_commentary_in_a_paper_credits_the_paper():
    text = "A commentary in the Ruritania Herald said the other side was “bullying.”"
    assert quotes(text) == [("bullying.", "Ruritania Herald")]


def test_paper_that_ran_an_editorial_speaks_through_it():
    text = "The Ruritania Herald ran an editorial on Monday. “We are ready,” the editorial said."
    assert quotes(text) == [("We are ready,", "Ruritania Herald")]


def test_unnamed_spokesperson_speaks_for_the_body_named_with_them():
    text = "“We will respond,” a Ruritanian Trade Office spokesperson said."
    assert quotes(text) == [("We will respond,", "Ruritanian Trade Office")]
    text = "“We will respond,” a spokeswoman for the Ruritanian embassy said."
    assert quotes(text) == [("We will respond,", "Ruritanian embassy")]


def test_unnamed_spokesperson_of_a_side_only_has_no_speaker():
    assert quotes("“We will respond,” a Chinese spokesperson said.") == [("We will respond,", None)]


def test_possessive_and_relation_before_a_name_are_no_part_of_it():
    text = "Her colleague John Roe agreed, saying the truce was “fragile.”"
    assert quotes(text) == [("fragile.", "John Roe")]


def test_honorific_abbreviation_does_not_end_the_speaker():
    text = "Mr. Mnuchin, who spoke on television, said tariffs would stay “for a while.”"
    assert quotes(text) == [("for a while.", "Steven Mnuchin")]


def test_description_before_a_body_name_is_no_part_of_it():
    text = "“Both sides will stay in touch,” state broadcaster RBC said."
    assert quotes(text) == [("Both sides will stay in touch,", "RBC")]


def test_speaker_named_by_title_then_in_the_next_sentence():
    text = (
        "“We will never accept this,” the envoy said.\n\n"
        "Jane Roe was speaking at a regular briefing in Geneva."
    )
    assert quotes(text) == [("We will never accept this,", "Jane Roe")]


def test_issuer_two_sentences_later_is_too_far():
    text = (
        "“We will never accept this,” the statement said. Markets fell. "
        "It was issued by the Ruritanian Trade Bureau."
    )
    assert quotes(text) == [("We will never accept this,", None)]


def test_fragment_after_reported_speech_carries_its_speaker():
    text = "Trump said on Friday the talks went well. The deal would be “historic.”"
    assert quotes(text) == [("historic.", "Donald Trump")]


# --- Speaker phrases of unseen kinds (issue 13) ---------------------------------------------


def test_adverb_since_between_speaker_and_verb():
    text = (
        "Jane Doe has since said that the signing would take place in “a grain port,” but the "
        "other side has been reluctant."
    )
    assert quotes(text) == [("a grain port,", "Jane Doe")]


def test_speaker_of_a_clause_after_but_is_named_after_but():
    text = (
        "Jane Doe wants the troops home, but General John Roe, the chief of staff, told "
        "reporters they would stay “until the harvest is in”."
    )
    assert quotes(text) == [("until the harvest is in", "John Roe")]


def test_question_quote_with_attribution_holding_an_appositive_and_an_abbreviation():
    text = (
        "“Who gains from the delay?” John Roe, the former director of the Ruritanian trade "
        "office, said on Nov. 6 in Geneva."
    )
    assert quotes(text) == [("Who gains from the delay?", "John Roe")]


def test_name_in_apposition_to_an_indefinite_description_speaks():
    text = "A former official, Jane Roe, said “we want a deal” on Monday."
    assert quotes(text) == [("we want a deal", "Jane Roe")]


def test_indefinite_description_with_a_clause_after_it_stays_anonymous():
    text = "A former official, who asked not to be named, said “we want a deal” on Monday."
    assert quotes(text) == [("we want a deal", None)]


def test_name_with_a_middle_initial_is_one_name():
    text = (
        "Prosecutor John Roe said the case showed that “threats are not speech.”\n\n"
        "Marta A. Zeller, the exporter’s counsel, spoke to reporters after the ruling.\n\n"
        "“My client will appeal,” she said in an email."
    )
    assert quotes(text)[1] == ("My client will appeal,", "Marta A. Zeller")


def test_statement_issued_by_a_military_names_it():
    text = (
        "A supply ship broke down off the coast, the Ruritanian military said in a statement.\n\n"
        "“The convoy will return to port once repairs end,” the statement said."
    )
    assert quotes(text) == [
        ("The convoy will return to port once repairs end,", "the Ruritanian military")
    ]
