"""Whether a sentence or quotation can be lifted out of its article onto a round page.

A round page shows sentences and quotations without the paragraphs around them. A sentence
stands alone when nothing in it points outside it (a pronoun, a connective, a follow-up, words
lost with a link) and it reports news, not a view, colour, a fragment or scraped junk; a
quotation when it is a whole remark that says something checkable. What a sentence reports (a
result, a statement) is read here too, for the summary's choices.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from digest.lexicon import (
    CROWD_VIEWS,
    DOCUMENT_NOUNS,
    FULL_MONTH_PATTERN,
    FUTURE_MARKERS,
    GESTURE_VOCABULARY,
    HEDGES,
    JUDGEMENTS,
    MEAL_NOUNS,
    MENTIONED,
    OPINION_VERBS,
    PUNDITS,
    SPEECH_VERBS,
    STATEMENT_CLAIM,
    STATEMENT_CONTENT,
    STATEMENT_ISSUED,
    TIME_NOUNS,
    WEEKDAY_PATTERN,
    alternation,
    compile_gated,
    compile_guarded,
)
from digest.model import Topic
from digest.same_news import figures_of
from digest.text import (
    content_words,
    is_fragment,
    looks_like_junk,
    quote_fragment,
    unresolved_opening,
)

MIN_WORDS, MAX_WORDS = 8, 55
QUOTE_MIN_WORDS = 6
"""A quotation shorter than this is shown only inside its sentence ("called it 'candid'")."""
QUOTE_MIN_CONTENT = 4
"""Content words (not stop words) a quotation needs to say something: "By the way I
disagree," has two, "The talks were a big success," four."""

QUOTE_MARKS = "\"“”‘’'"

_DECISION_WORDS = (
    r"agreed|reached|signed|struck|concluded|ended|wrapped up|finished|failed|"
    r"without (?:a|any|reaching)|truce|consensus|joint statement|suspend\w*|extend\w*|"
    r"postpone\w*|delay\w*|breakthrough|progress|framework|deal"
)
_TOOK_PLACE_WORDS = r"held|met|spoke|reviewed|discussed|exchanged|acknowledged|announced"
DECISION = compile_gated(rf"\b(?:{_DECISION_WORDS})\b", re.IGNORECASE)
"""Words reporting how talks ended: what was agreed, signed, failed or put off."""
RESULT = compile_gated(rf"\b(?:{_DECISION_WORDS}|{_TOOK_PLACE_WORDS})\b", re.IGNORECASE)
"""DECISION's words and those reporting only that talks took place and what they covered
(held, discussed): an outcome when coverage reports no decision."""

_PURPOSE = compile_gated(
    r"\b(?:designed|aimed|meant|intended|expected|seeking|seek|hoping|hope|bid|trying|try)"
    r"\s+to\b[^.;]*",
    re.IGNORECASE,
)
"""A purpose or hope to its clause's end ("are designed to … make progress"): a result word in
it says what the talks are for, not how they went."""


def reports_result(sentence: str) -> bool:
    """Whether a sentence reports how talks went: a result word (`RESULT`) outside any purpose
    or hope ("the meetings are designed to make progress" reports none; "met … in an attempt to
    ease tensions" does)."""
    aims = [m.span() for m in _PURPOSE.finditer(sentence)]
    return any(
        not any(start <= m.start() < end for start, end in aims) for m in RESULT.finditer(sentence)
    )


NOT_STATEMENTS = frozenset({"reported", "reports", "quoted", "asked", "reporting", "responded"})
"""Speech verbs that cite a source ("…, Xinhua reported") or may report an act ("China
responded … by launching an investigation") rather than a statement."""
SPEECH = alternation(SPEECH_VERBS - NOT_STATEMENTS)
"""Verbs reporting what someone said (a statement given in the reporter's words)."""
SPEECH_VERB = re.compile(rf"\b{SPEECH}\b")

_ANAPHORA = compile_gated(r"\b(?:said|did|does|do|says) (?:so|as much)\b")
"""A verb standing for an earlier sentence ("Trump said as much"): it points outside itself."""


_LOST_AFTER_ARTICLE = compile_guarded(
    r"\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir)\s+(?:[.,;:!?]|(?:is|are|was|were|has|have|had|of|"
    r"between|with|and|or|that|to)\b)"
)
"""An article or possessive with no noun after it ("said that the .", "the is likely to",
"their of"): the scraper lost the words of a link."""
_LOST_NAME_AFTER_TITLE = compile_guarded(
    r"\b(?:U\.S\.|US|American|Chinese)\s+(?:Vice\s+)?(?:President|Premier|Secretary|Minister|"
    r"Representative|Ambassador)\s+(?!(?:and|or|of|for|in|at|on|to|with|who|whose)\b)[a-z]"
)
"""A capitalised title of a side's official followed by a verb instead of the name ("since US
President imposed tariffs"): the name, a link, was lost."""


def lost_words(text: str) -> bool:
    """Whether words are missing from the text where the page it was scraped from had a link:
    an article with no noun, or a title with no name."""
    return bool(_LOST_AFTER_ARTICLE.search(text) or _LOST_NAME_AFTER_TITLE.search(text))


def lost_word_places(text: str) -> int:
    """How many places of the text lost words with a link (see `lost_words`): of two copies of
    one story, the one with fewer is the whole one."""
    return len(_LOST_AFTER_ARTICLE.findall(text)) + len(_LOST_NAME_AFTER_TITLE.findall(text))


_FOLLOW_UP = re.compile(
    r"^(?:The|This|That)\s+(?:[\w-]+\s+){0,2}(?:came|comes)\b"
    rf"|^(?:The|That)\s+(?:next|following|previous)\s+(?:{alternation(TIME_NOUNS)})\b"
    r"|^[^,]{1,40},\s+in\s+(?:response|reply|retaliation),"
)
"""A sentence following up an earlier one: its subject is that sentence's news ("The
announcement came at the end of…", "The news comes ahead of…"), its time is counted from it
("The next morning, …") or it answers it ("Beijing, in reply, announced…": to what?)."""
_PUNDITS_VIEW = re.compile(
    rf"^(?:[\w’'-]+\s+){{0,3}}{PUNDITS}(?:,[^,]{{1,60}},|(?:,?\s+(?:and\s+)?(?-i:[a-z])[\w’'-]*)"
    rf"{{1,8}})?\s+{OPINION_VERBS}",
    re.IGNORECASE,
)
"""A sentence whose subject is unnamed commentators giving a view ("Experts believe a major
breakthrough is unlikely", "Trade experts, executives and officials in both countries say…"):
a guess, not what the sides said or did. A name in the subject ("Analysts at Nomura say")
credits the view: that is news of its own."""
_ABSOLUTE_ONLY = re.compile(r"^(?:[\w’'-]+\s+){1,3}(?:being|having)\b(?!.*,)")
"""A noun and a participle with no main clause ("The highlight being a new deal."): no verb."""
_PRONOUN_SPEECH = rf"(?:he|she|they)\s+(?:also\s+)?{SPEECH}\b"
_BY_PRONOUN = rf"\s*{_PRONOUN_SPEECH}"
_PRONOUN_CREDIT = re.compile(
    rf"(?:,|\band){_BY_PRONOUN}|^(?![{QUOTE_MARKS}]).*,[{QUOTE_MARKS}]{_BY_PRONOUN}"
)
"""A sentence credited to a pronoun (", she added.", "…than a “good deal,” he said."): its
speaker is in a sentence not shown. (A remark quoted whole, “…,” he said, is a quotation: the
quotation's own speaker is found elsewhere.)"""
_PRONOUN_SPOKE = compile_guarded(_PRONOUN_SPEECH)
"""A pronoun and a speech verb ("she added"), which every credit to a pronoun holds: most
sentences have none, found quicker than `_PRONOUN_CREDIT` fails."""
UNNAMED_DOCUMENT = re.compile(
    rf"^The\s+(?:{alternation(DOCUMENT_NOUNS)})\s+(?:(?:however|also|then|did|had)\s+)*"
    rf"(?:{SPEECH})\b"
)
"""A sentence whose subject is a statement named only by "The" ("The statement also
said…"): whose statement, and which one, was in a sentence not shown."""
GESTURE = compile_gated(GESTURE_VOCABULARY, re.IGNORECASE)
_VAGUE_EXISTENTIAL = re.compile(
    r"^There\s+(?:is|are|was|were|remain)\s+(?:a number of|many|several|some|a lot of|plenty of)"
    r"\s+(?![^.]*(?:\d|\b[A-Z]))"
)
"""A sentence that only says there are some things, naming none of them ("There are a number
of open questions left."): no name or figure after the quantity, nothing to cite."""
_STATEMENT_ISSUED = compile_gated(STATEMENT_ISSUED)
_STATEMENT_CONTENT = re.compile(STATEMENT_CONTENT)
_STATEMENT_CLAIM = re.compile(STATEMENT_CLAIM)
_MENTIONED = compile_gated(MENTIONED)


def only_a_statement_issued(sentence: str) -> bool:
    """Whether a sentence reports only that a statement was made ("The ministry issued a
    statement shortly after the team left.", "The minister spoke after the talks ended.",
    "He also referred to the agreement."), not what it said: nothing to cite."""
    issued = _STATEMENT_ISSUED.search(sentence)
    if issued is not None and not _STATEMENT_CONTENT.search(sentence[issued.end() :]):
        return True
    mentioned = _MENTIONED.search(sentence)
    return mentioned is not None and not _STATEMENT_CLAIM.search(sentence[mentioned.end() :])


_JUDGEMENT = compile_gated(JUDGEMENTS, re.IGNORECASE)
_CROWD_VIEW = compile_gated(CROWD_VIEWS, re.IGNORECASE)


def is_commentary(sentence: str) -> bool:
    """Whether a sentence gives a view rather than news: a view credited to no one in
    particular ("many believed…"), or the writer's own judgement or guess ("is certainly
    welcome but should not be read as…", "may be hers to lose") with no one said to
    hold it (no speech verb: "the minister said she may be ready to…" is news)."""
    if _CROWD_VIEW.search(sentence):
        return True
    return bool(_JUDGEMENT.search(sentence)) and not SPEECH_VERB.search(sentence)


_MEAL_SCENE = re.compile(rf"^The\s+(?:{alternation(MEAL_NOUNS)})\b", re.IGNORECASE)
"""A sentence whose subject is the meal of a meeting ("The dinner, moved up an hour, …")."""


def is_colour(sentence: str) -> bool:
    """Whether a sentence tells a gesture, mood or scene of the talks ("struck a positive
    note", "laughed out loud", what the dinner was like) without reporting what was said or
    decided in them."""
    if _MEAL_SCENE.match(sentence):
        return not (DECISION.search(sentence) or SPEECH_VERB.search(sentence))
    if not GESTURE.search(sentence):
        return False
    rest = GESTURE.sub("", sentence)  # "struck a note" reports no deal struck
    return not (RESULT.search(rest) or SPEECH_VERB.search(rest))


_ALSO_ADDED = re.compile(r"^(?:[\w.’'-]+\s+){1,3}(?:(?:has|have|had)\s+)?also\s+")
"""A short subject, then "also" before its verb ("Trump also …", "The ministry has also …"):
the sentence adds to one about the same subject that the page may not show."""


def adds_to_unshown(sentence: str) -> bool:
    """Whether a sentence only adds to one the page does not show: its subject "also" did
    something ("has also reduced some tariffs", "also said it agreed to more talks") with no
    figure, day or name of its own to check. With one ("also cut the tariffs from 20% to 10%",
    "also announced a visit to China in April") it is news of its own."""
    added = _ALSO_ADDED.match(sentence)
    if added is None:
        return False
    rest = sentence[added.end() :]
    return not (figures_of(rest) or _NAMED.search(sentence, added.end()))


_DOUBLE_NEGATION = compile_gated(r"\b(?:is|are|was|were)\s+not\b[^,;.]{1,30}\bnot\s+\w+ed\b")
"""A clause denying a negation ("was not one of the topics not discussed"): an editing slip
whose meaning a reader cannot tell."""


def reports_a_guess(sentence: str) -> bool:
    """Whether a sentence reports a remark that only guesses at what will happen ("asked how
    soon a deal may come, he replied, "I think pretty soon""): its quotation is a guess
    (`is_guess`) with nothing to check."""
    if '"' not in sentence and "“" not in sentence:
        return False  # no quotation (most sentences)
    return any(is_guess(m.group(), _NAMED) for m in QUOTED.finditer(sentence))


def stands_alone(sentence: str) -> bool:
    """Whether a sentence (dateline already stripped) reads on its own on a page."""
    return not (
        unresolved_opening(sentence)
        or lost_words(sentence)
        or (_PRONOUN_SPOKE.search(sentence) and _PRONOUN_CREDIT.search(sentence))
        or UNNAMED_DOCUMENT.match(sentence)
        or _FOLLOW_UP.match(sentence)
        or _PUNDITS_VIEW.match(sentence)
        or _ABSOLUTE_ONLY.match(sentence)
        or is_colour(sentence)
        or is_commentary(sentence)
        or _VAGUE_EXISTENTIAL.match(sentence)
        or only_a_statement_issued(sentence)
        or _ANAPHORA.search(sentence)
        or adds_to_unshown(sentence)
        or _DOUBLE_NEGATION.search(sentence)
        or reports_a_guess(sentence)
        or looks_like_junk(sentence)
        or is_fragment(sentence, MIN_WORDS)
        or len(sentence.split()) > MAX_WORDS
        or sentence.rstrip(QUOTE_MARKS).endswith("?")
    )


QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")


def quoted_share(sentence: str) -> float:
    """The share of the sentence's words that are inside quotation marks."""
    if '"' not in sentence and "“" not in sentence:
        return 0.0  # no mark a quotation opens with (most sentences): nothing to count
    inside = sum(len(m.group().split()) for m in QUOTED.finditer(sentence))
    return inside / max(len(sentence.split()), 1)


CONNECTIVE = re.compile(r"^\W*(?:and|but|so|therefore|also|then|yet|or)\b", re.IGNORECASE)
"""Connectives opening a quotation: it continues a remark the page does not show."""

_NAMED = re.compile(rf"\b{WEEKDAY_PATTERN}\b|\b{FULL_MONTH_PATTERN}\b|(?<=\w )(?!I\b)[A-Z]\w+")
"""What makes a hedged remark checkable without knowing the topics (a person page): a day, a
month, or a name inside it ("I think we can finish it by June 5"; "…good for Geneva")."""


def quotable_alone(text: str) -> bool:
    """Whether a quotation can be shown by itself, with only its speaker and day (a person
    page): a whole remark that says something, pointing at nothing left out, with all its
    words, not a list of names nor a guess with nothing to check."""
    return (
        not quote_fragment(text, QUOTE_MIN_WORDS)
        and says_something(text)
        and not unresolved_opening(text)
        and not CONNECTIVE.match(text)
        and not lost_words(text)
        and not is_list(text)
        and not is_guess(text, _NAMED)
    )


def says_something(text: str) -> bool:
    """Whether a quotation carries enough meaning to be shown (not "By the way I disagree,")."""
    return len(content_words(text)) >= QUOTE_MIN_CONTENT and not looks_like_junk(text)


HEDGE = compile_gated(HEDGES, re.IGNORECASE)
LIST_CAPITALS = 0.5
"""Share of capitalised words at which a quotation is a list of names or labels ("Ukraine,
Fentanyl, Soybeans and other Farm Products, etc"); remarks stay below 0.45 even when they
name people, countries and shout ("on Bad Deals with Everyone. NOT AGAIN!")."""


def is_list(text: str) -> bool:
    """Whether a quotation is a list of names or labels rather than a remark."""
    words = [w for w in text.split() if any(map(str.isalpha, w))]
    capitals = sum(w.lstrip(QUOTE_MARKS + "(")[:1].isupper() for w in words[1:])
    return len(words) > 1 and capitals / (len(words) - 1) >= LIST_CAPITALS


_ODDS = compile_gated(r"\b(?:chances?|likely|possibl[ey]|going to|soon)\b", re.IGNORECASE)
"""Words of what may come ("a good chance", "pretty soon", "he's going to")."""


def is_guess(text: str, concrete: re.Pattern[str]) -> bool:
    """Whether a quotation only guesses at what will happen ("I think it has a very good
    chance"): hedged, about the future or its odds, with no figure and nothing `concrete` (a
    topic's words, a day or month) to check. A hedged view ("I believe they should…") is no
    guess."""
    return (
        bool(HEDGE.search(text))
        and bool(FUTURE_MARKERS.search(text) or _ODDS.search(text))
        and not (figures_of(text) or concrete.search(text))
    )


def concrete_words(topics: Sequence[Topic]) -> re.Pattern[str]:
    """What makes a remark checkable: a topic's words, a weekday or a month."""
    keywords = [re.escape(k) for t in topics for k in t.keywords]
    return re.compile(
        rf"\b(?:{'|'.join([*keywords, WEEKDAY_PATTERN, FULL_MONTH_PATTERN])})", re.IGNORECASE
    )
