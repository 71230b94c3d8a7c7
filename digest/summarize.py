"""Summarize stage: one `RoundDigest` per round, chosen from the articles' own sentences.

Selection, not extraction: a sentence reaches the page only if it stands alone (no pronoun or
connective pointing outside it, no dateline — stripped when the rest stands —, no scraped
junk, no fragment) and is about this round (no day of another time). "What happened" scores
those sentences (lead position, corroboration by several articles, naming the round's people,
place, topics and figures), merges near-identical copies with every source cited, skips
repeats, and once the round is over puts results before previews. "At a glance" adds the
outcome (from coverage published after the round) and the next step; quotations are remarks
that say something, one per remark, balanced across the sides; Numbers has one row per
sentence; each topic gets its own evidence sentence containing its words.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from digest.lexicon import (
    ANY_SIDE_WORDS,
    FULL_MONTH_PATTERN,
    FUTURE_MARKERS,
    RELATIVE_DAYS,
    SIDE_NAMES,
    SIDE_WORDS,
    TALKS_VOCABULARY,
    GatedPattern,
    alternation,
    compile_gated,
    compile_guarded,
)
from digest.model import (
    CoverageItem,
    Person,
    ProcessedArticle,
    Round,
    RoundDigest,
    RoundFigure,
    RoundQuote,
    SideStatements,
    SummarySentence,
    Topic,
    TopicEvidence,
)
from digest.same_news import (
    INSIDE,
    REDUNDANT,
    SAME_SENTENCE,
    Plan,
    amounts_of,
    repeats,
    same_event,
    same_news,
    same_plan,
)
from digest.standing import (
    CONNECTIVE,
    DECISION,
    MIN_WORDS,
    QUOTE_MARKS,
    QUOTE_MIN_WORDS,
    QUOTED,
    RESULT,
    SPEECH,
    SPEECH_VERB,
    UNNAMED_DOCUMENT,
    concrete_words,
    is_guess,
    is_list,
    lost_words,
    quoted_share,
    reports_result,
    says_something,
    stands_alone,
)
from digest.text import (
    CLOSERS,
    SimilarSets,
    contains,
    content_words,
    fix_lookalikes,
    inside_quotation,
    is_fragment,
    looks_like_junk,
    paragraphs,
    quote_fragment,
    sentences,
    strip_dateline,
    tokens,
    unbalanced_quotes,
    unresolved_opening,
)

TARGET_SUMMARY = 6
"""Sentences in "What happened" (the page promises 4–8; fewer only when the articles are thin)."""
MAX_QUOTES = 8
MAX_FIGURES = 10
FIGURE_JOIN = " · "
"""Between the figures of one sentence, shown in one Numbers row."""
PERSON_FIRST = 100
"""Added to a reported statement's weight (its content words) when a person of people.yml
makes it: an official's words come before an institution's or an agency's report."""
STATEMENTS_PER_SIDE = 1
"""Statements shown for each side at a glance: the most substantive one."""
SAME_REMARK = 0.5
"""Token Jaccard at which two quotations are one remark (outlets trim and re-punctuate)."""
QUOTE_FULL_WORDS = 40
"""Words at which a quotation's length stops adding to its strength."""
SHORTLIST = 300
"""Best-scoring sentences of a round that may be chosen; the rest only corroborate them."""
TOPIC_PATTERNS = 256
"""Topics whose keyword patterns are kept compiled (topics.yml lists a dozen or so)."""
STANDING_CACHE = 4096
"""Articles whose standing sentences are kept while a build summarizes (each is read by the
summary, Next, statements and topics): a round has far fewer, a worker sees a few rounds."""
BEFORE_DAYS = 7
"""Days before a round's start that a sentence may name and still be about this round (the
run-up: "on Monday, two days before the talks"); earlier days are another time's news."""
AFTER_DAYS = 10
"""Days after a round's end that a sentence may name as already past and still be about this
round (the reactions to it); later days already past are another time's news."""
PREVIEW_WEIGHT = 0.3
"""Score factor of a sentence saying what will happen, once coverage says what did."""
RESULT_BONUS = 0.6
"""Score added to a sentence published after the round that reports a result."""
OUTCOME_FLOOR = 10.0
"""Added to every outcome candidate's weight so that a result sentence previewing the next
step as well is still chosen (weights otherwise reach about -0.6 at worst)."""
MAX_QUOTED_SHARE = 0.5
"""Share of a sentence's words inside quotation marks above which it is a quotation (for
"What they said"), not the reporter's account with a quoted phrase in it."""
LEAD_DECAY = 0.35
"""How fast a sentence's score falls with its position in the article (lead first)."""
STEP = compile_guarded(
    r"\b(?:meet(?=\s+(?:with|again|in|at|on|next)\b)|meetings?|talks|rounds?|deadlines?|visits?|"
    r"travel|summits?|calls?|sign|signed|signing|"
    r"negotiations|consultations|follow-up|resume|continue)\b",
    re.IGNORECASE,
)
"""Words naming a next meeting, deadline or step ("meet" only as a meeting: not "meet their
commitments"; "signed" for "expected to be signed in January")."""
DEADLINE = compile_gated(r"\bdeadlines?\b", re.IGNORECASE)
"""A deadline naming a day after the round is the next step even in the past tense ("talks
concluded two weeks ahead of the August 12 deadline")."""
TIME_AHEAD = compile_guarded(
    rf"\b(?:next (?:week|month|year)|upcoming|later this (?:week|month|year)|"
    rf"(?:in|by|this|until) (?:(?:early|mid|late)[- ])?{FULL_MONTH_PATTERN})\b",
    re.IGNORECASE,
)
"""A time still ahead of a round that a sentence may give without a day ("meet again next
week", "to be signed in January", "his upcoming visit"): a plan beyond the round's own days."""
NEXT_DATED_BONUS = 2.0
"""Added to a next-step sentence naming a day after the round (the lead adds up to 1): a dated
step is the most useful."""
NEXT_NEAR_WORDS = 6
"""Words at most between a future marker and a step word for the plan to be that step ("is set
for next week": "A fourth round … is set"; "negotiations on an enforceable trade deal to
continue": five); farther apart, the plan is something else ("will buy 5 million tons of
soybeans … in negotiations": eleven)."""
NEGATED = compile_guarded(
    r"\b(?:no plans?|not (?:immediately|yet|expected|planned|scheduled|available)|will not|"
    r"won't|never|cancel(?:l)?ed|called off)\b",
    re.IGNORECASE,
)
"""Words that undo a step ("no plans for a next round were available", "canceled")."""
NEXT_MARKER = compile_gated(
    r"\b(?:next|again|deadline|follow-up|upcoming|later this|resume|plans? to|"
    r"agreed to (?:hold|meet|resume|visit))\b",
    re.IGNORECASE,
)
"""Words that make a future step the next one ("will meet again", "the March 1 deadline",
"agreed to hold more calls"), where "would continue" alone is only a hope."""
UNKNOWN = compile_gated(
    r"\b(?:not yet|no immediate|not immediately|yet to be|has not been|have not been|"
    r"might have|may have|must have|appears? to|seems? to)\b"
    r"|\b(?:is|are|was|were|remains?|remained)\s+(?:still\s+)?(?:unclear|uncertain|unknown)(?=[.;])",
    re.IGNORECASE,
)
"""Words saying the result is not known ("the outcome has not yet been released", "the next
steps are unclear." — not "it is unclear whether…", which reports what is in doubt) or only
guessed at ("must have felt like…"): such a sentence is no outcome while another one is, and
never a line of "What happened", which reports."""

STALE = compile_gated(
    r"\b(?:(?:has|have|had)\s+(?:long|previously|earlier)|previously\s+\w+ed"
    r"|in the past(?!\s+(?:\w+\s+)?(?:days?|weeks?|months?)))\b"
)
"""Words dating a statement or an act before the round ("has previously labeled China…",
"had previously accused", "has long"): background of another time, neither a side's
statement of this round nor what happened in it. Not "up from 8 million tons previously"
(a figure's earlier value) or "in the past several months" (the run-up to the round)."""
SUBSTANCE = compile_guarded(TALKS_VOCABULARY, re.IGNORECASE)
_NAMES = compile_guarded(r"(?:[A-Z][\w.’'-]*\s+)+[A-Z][\w.’'-]*")
"""Runs of two or more capitalised words: names and titles ("U.S. Trade Representative")."""
_ACTOR_TAIL = (
    r"(?:['’]s)?(?:\s+(?:of\s+)?(?:[A-Z][\w.’'-]*|commerce|foreign|trade|finance|ministry|"
    r"spokesperson|spokesman|spokeswoman|officials?|government|department|office|embassy|"
    r"negotiators?|delegation|side|team|vice|premier|minister|representative)(?:['’]s)?)*"
)
"""Words that continue an institution's or official's name after its side word ("China's
commerce ministry", "Chinese Vice Premier He Lifeng"), so the statement is credited to all
of it."""
_SPEAKER_GAP = (
    r"(?:\s*,\s*(?:an?|the|[A-Z])[^,.;“”\"]{1,90},)?"
    r"(?:\s+(?:\w+ly|on\s+[A-Z]\w+|also|had|has|have|would|later|earlier|then|in\s+a\s+statement))*"
    r"\s+"
)
"""What may stand between a speaker and the speech verb it is the subject of: an apposition
between commas opening with an article or a name ("Li Chenggang, China's trade
representative, said"; not ", did not specify…, saying") and adverbs or a day;
anything longer and the verb's subject is more likely someone else."""
_NOT_AFTER = r"(?<!\bin )(?<!\bto )(?<!\bat )(?<!\bfrom )(?<!\bwith )(?<!\bfor )(?<![-–/])"
"""A side word after a preposition is a place ("talks in Beijing"), and one after a hyphen
half of a pair ("the U.S.-China Business Council"): neither is a speaker of that side."""
SIDE_PATTERNS = {side: re.compile(pattern) for side, pattern in SIDE_NAMES.items()}


@dataclass
class _Candidate:
    text: str
    words: set[str]
    score: float
    sources: list[str]
    day: date | None
    order: tuple[int, int]
    after: bool
    """Published on or after the round's last day (the coverage of how it went)."""


_EARLIER_YEAR = re.compile(r"\b[Ii]n ((?:19|20)\d\d)\b")
"""A year an event is placed in ("In 2018, the administration raised tariffs")."""


def _named_days(sentence: str, item: ProcessedArticle) -> list[date]:
    return [m.date for m in item.extraction.dates if m.text in sentence]


def _day_of(sentence: str, item: ProcessedArticle) -> date | None:
    days = _named_days(sentence, item)
    return days[0] if days else item.published


_RELATIVE_DAY = compile_gated(rf"\b(?:{alternation(RELATIVE_DAYS)})\b", re.IGNORECASE)


def _title_pattern(title: str) -> str:
    """A title as a page may write it after "the", its side left out ("the Vice Premier",
    "the Treasury Secretary" for "US Treasury Secretary")."""
    words = title.split()
    while len(words) > 1 and words[0].lower() in ANY_SIDE_WORDS:
        words = words[1:]
    return r"\bthe\s+(?:\S+\s+)?" + r"\s+".join(map(re.escape, words)) + r"\b"


def plan_of(
    text: str, item: ProcessedArticle, people: Sequence[Person], said_on: date | None
) -> Plan | None:
    """Who and when of what `text` says is to come (`Plan`), None when it names no day after
    the one it was said or written on (`said_on`, else the article's day) or none of
    `people`: a person by name, alias or title on that day, a day by the article's dates or
    a word counted from that day ("tomorrow"). Only days ahead make a plan: "met on October
    11 … and will take weeks to write it" reports the meeting the plan was for."""
    base = said_on or item.published
    if base is None:
        return None
    days = set(_named_days(text, item))
    days |= {base + timedelta(days=RELATIVE_DAYS[m.lower()]) for m in _RELATIVE_DAY.findall(text)}
    ahead = frozenset(day for day in days if day > base)
    if not ahead:
        return None
    named = frozenset(
        person.id
        for person in people
        if any(re.search(rf"\b{re.escape(name)}\b", text) for name in person.names)
        or ((title := person.role_on(base)) and re.search(_title_pattern(title), text, re.I))
    )
    return Plan(named, ahead) if named else None


def _window(round_: Round) -> tuple[date, date]:
    return round_.start - timedelta(days=BEFORE_DAYS), round_.end + timedelta(days=AFTER_DAYS)


def _about_round(sentence: str, item: ProcessedArticle, round_: Round) -> bool:
    """Whether the sentence is about this round rather than another time: it names no day,
    or one in the round's window, or only days still ahead when the article appeared (a
    deadline or meeting to come is this round's consequence). A sentence naming only days
    already past outside the window ("the truce agreed in December"), or placing its news in an
    earlier year ("In 2018, …"), is another time's news."""
    first, last = _window(round_)
    published = item.published or date.max
    days = _named_days(sentence, item)
    if any(first <= day <= last for day in days):
        return True
    if any(int(year) < round_.start.year for year in _EARLIER_YEAR.findall(sentence)):
        return False  # "In 2018, …" on the page of a 2021 round
    if not days:
        return True
    return not any(day < first or last < day <= published for day in days)


def _is_after(item: ProcessedArticle, round_: Round) -> bool:
    """Whether the article is coverage of how the round went: published on its last day or
    later, or, undated, reporting in its lead that the talks are over."""
    if item.published is None:
        return reports_end(item.clean.text)
    return item.published >= round_.end


_END_VERBS = "ended|concluded|wrapped up|finished"
"""Past-tense verbs telling that talks are over."""
ENDED = compile_gated(
    rf"\b(?:{_END_VERBS}|went (?:well|smoothly|badly)|hailed|agreed|"
    r"reached|struck|signed|failed to)\b",
    re.IGNORECASE,
)
"""Past-tense verbs reporting that talks are over or what they achieved."""
REPORT_LEAD = 2
"""Lead sentences of an undated article read to tell whether it reports a round as over: a
news story says so first ("… ended their summit on Saturday without …")."""


def reports_end(text: str) -> bool:
    """Whether an article's lead reports talks as over (an ending or result verb in the past
    tense before any plan: "said the talks went well, bolstering hopes that … would end"): the
    coverage of an undated article that tells how a round went."""
    for _, sentence in _standing_sentences(text)[:REPORT_LEAD]:
        plan = FUTURE_MARKERS.search(sentence)
        if ENDED.search(sentence[: plan.start() if plan else len(sentence)]):
            return True
    return False


_DIGIT = re.compile(r"\d")


def _sentence_score(
    sentence: str,
    position: int,
    lowered_round_terms: Sequence[str],
    topic_keywords: Sequence[str],
) -> float:
    if sentence[0] in QUOTE_MARKS or quoted_share(sentence) > MAX_QUOTED_SHARE:
        return 0.0  # quotations belong in "What they said"
    if not SUBSTANCE.search(_NAMES.sub("", sentence)):
        return 0.0  # colour; titles such as "Trade Representative" are not substance
    score = 1.0 / (1.0 + LEAD_DECAY * position)
    lowered = sentence.lower()
    score += 0.4 * min(sum(map(lowered.__contains__, lowered_round_terms)), 3)
    score += 0.2 * min(sum(map(lowered.__contains__, topic_keywords)), 2)
    if _DIGIT.search(sentence):
        score += 0.2
    return score


def _article_sentences(item: ProcessedArticle) -> tuple[tuple[int, str], ...]:
    """(position, sentence) of an article, datelines stripped, standing sentences only."""
    return _standing_sentences(item.clean.text)


@functools.lru_cache(maxsize=STANDING_CACHE)
def _standing_sentences(text: str) -> tuple[tuple[int, str], ...]:
    # Several sections of a page read every article's sentences: split and judge them once.
    found = []
    position = 0
    for paragraph in paragraphs(text):
        split = sentences(fix_lookalikes(paragraph))
        for raw, quoted in zip(split, inside_quotation(split), strict=True):
            sentence = strip_dateline(raw)
            position += 1
            if sentence and not quoted and stands_alone(sentence):
                found.append((position, sentence))
    return tuple(found)


@functools.lru_cache(maxsize=STANDING_CACHE)
def _speech_sentences(text: str) -> tuple[str, ...]:
    """An article's standing sentences that may report a statement in the reporter's words:
    not opening with a quotation, with a speech verb (which a statement's subject needs) and
    about the talks. Both sides' statements are read from them: picked out once per article."""
    return tuple(
        sentence
        for _, sentence in _standing_sentences(text)
        if sentence[0] not in QUOTE_MARKS
        and SPEECH_VERB.search(sentence)
        and SUBSTANCE.search(_NAMES.sub("", sentence))
    )


def _candidates(
    items: Sequence[ProcessedArticle],
    copies: Mapping[str, Sequence[str]],
    round_: Round,
    round_terms: Sequence[str],
    topic_keywords: Sequence[str],
) -> list[_Candidate]:
    over = any(_is_after(item, round_) for item in items)
    lowered_terms = [term.lower() for term in round_terms]
    scored: list[tuple[str, set[str], float, int, int, ProcessedArticle]] = []
    for article_index, item in enumerate(items):
        after = _is_after(item, round_)
        for position, sentence in _article_sentences(item):
            score = _sentence_score(sentence, position - 1, lowered_terms, topic_keywords)
            if score <= 0 or UNKNOWN.search(sentence):
                continue
            if over and not after and FUTURE_MARKERS.search(sentence):
                score *= PREVIEW_WEIGHT
            if after and RESULT.search(sentence):
                score += RESULT_BONUS
            words = set(tokens(sentence))
            scored.append((sentence, words, score, article_index, position, item))
    frequency = Counter(word for entry in scored for word in entry[1])
    # Only the best-scoring sentences can be chosen: they are merged with each other, and every
    # other sentence only lends its sources (and corroboration) to a twin among them.
    ranked = sorted(range(len(scored)), key=lambda i: (-scored[i][2], scored[i][3], scored[i][4]))
    finalists = set(ranked[:SHORTLIST])
    merged: list[_Candidate] = []
    similar = SimilarSets(SAME_SENTENCE, frequency)
    for index in sorted(finalists) + sorted(set(range(len(scored))) - finalists):
        sentence, words, score, article_index, position, item = scored[index]
        sources = [item.article.id, *copies.get(item.article.id, ())]
        twin_at = similar.find(words)
        if twin_at is not None:
            twin = merged[twin_at]
            if len(words) > len(twin.words) and twin.words <= words:
                # The same sentence with words another copy lost (a link's text): show it whole.
                twin.text, twin.words = sentence, words
            twin.sources.extend(s for s in sources if s not in twin.sources)
            twin.score += 0.5 * score
            twin.after = twin.after or _is_after(item, round_)
            continue
        if index not in finalists:
            continue
        similar.add(words)
        merged.append(
            _Candidate(
                sentence,
                words,
                score,
                sources,
                _day_of(sentence, item),
                (article_index, position),
                _is_after(item, round_),
            )
        )
    return merged


_TALKS = r"talks|negotiations|round|meetings?|discussions"
_TALKS_ENDED = compile_gated(
    rf"\b(?:{_END_VERBS})\b[^.;]{{0,60}}\b(?:{_TALKS})\b"
    rf"|\b(?:{_TALKS})\b[^.;]{{0,60}}\b(?:{_END_VERBS})\b",
    re.IGNORECASE,
)
"""A sentence telling that the talks ended ("negotiators ended the second day of talks"): a
page tells it once."""


def _select(
    candidates: list[_Candidate],
    taken: Sequence[set[str]],
    taken_texts: Sequence[str],
    plans: Callable[[_Candidate], Plan | None],
    taken_plans: Sequence[Plan | None],
) -> list[_Candidate]:
    """The summary: best first, no repeats (of each other or of `taken`, the word sets of
    `taken_texts`, the first of which may be the outcome; nor a plan, `plans`, told by one of
    them, `taken_plans`), and of two sentences telling one news the one giving its amounts;
    one account of how the talks ended;
    results (coverage after the round) before previews and background, each part in the order
    of its days."""
    chosen: list[_Candidate] = []
    ended = any(_TALKS_ENDED.search(text) for text in taken_texts)
    for candidate in sorted(candidates, key=lambda c: (-c.score, c.order)):
        if len(chosen) >= TARGET_SUMMARY:
            break
        if STALE.search(candidate.text):
            continue  # what someone did or said before this round
        if _TALKS_ENDED.search(candidate.text):
            if ended:
                continue  # the outcome (or a sentence chosen before) already tells it
            ended = True
        if repeats(candidate.words, [*taken, *(c.words for c in chosen)], REDUNDANT):
            continue
        if any(same_news(candidate.text, t) for t in taken_texts):
            continue
        plan = plans(candidate)
        if any(same_plan(plan, other) for other in taken_plans):
            continue  # "… will meet Liu He Friday" beside "I meet the Vice Premier tomorrow"
        twin = next((i for i, c in enumerate(chosen) if same_news(candidate.text, c.text)), None)
        if twin is None:
            chosen.append(candidate)
        elif amounts_of(candidate.text) and not amounts_of(chosen[twin].text):
            chosen[twin] = candidate  # the same news with its figures ("from 20% to 10%")
    return sorted(chosen, key=lambda c: (not c.after, c.day or date.max, c.order))


def _pick_one(
    candidates: Sequence[_Candidate], weight: Callable[[_Candidate], float]
) -> SummarySentence | None:
    scored = [(weight(c), c) for c in candidates]
    best = max(
        (pair for pair in scored if pair[0] > 0), key=lambda p: (p[0], -p[1].order[0]), default=None
    )
    if best is None:
        return None
    chosen = best[1]
    return SummarySentence(chosen.text, tuple(chosen.sources), chosen.day)


def recalls_earlier_outcome(sentence: str, round_: Round, earlier: Sequence[Round]) -> bool:
    """Whether a sentence tells an earlier round's outcome rather than this round's: it tells
    the same event as an earlier round's summary (rounds.yml), with an amount of it, and not
    the same as this round's own (a call's coverage recounting the tariff cut to 10% agreed at
    the summit before it). Without a shared amount, a kind of news and a subject are too
    common a pair ("to reduce the deficit") to tell one round's outcome."""
    amounts = amounts_of(sentence)
    if not amounts:
        return False  # most sentences: no amount, nothing to compare (cheap at 300 rounds)
    if round_.summary and same_event(sentence, round_.summary):
        return False
    return any(amounts & amounts_of(r.summary) and same_event(sentence, r.summary) for r in earlier)


_PLACE = re.compile(r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*")
_MEETING_NOUNS = r"talks|meetings?|summit|round|negotiations|consultations"


def _places(location: str) -> set[str]:
    """The place names of a round's location ("Stockholm (Rosenbad)": Stockholm, Rosenbad;
    "by phone": none)."""
    return set(_PLACE.findall(location))


def other_rounds_meeting(round_: Round, earlier: Sequence[Round]) -> re.Pattern[str] | None:
    """A pattern for an earlier round named by its place ("last month's Washington talks",
    "the Geneva meeting") where this round was elsewhere; None when no earlier round was."""
    own = _places(round_.location)
    others = {p for r in earlier for p in _places(r.location.split("(")[0])} - own
    if not others:
        return None
    return re.compile(rf"\b(?:{alternation(others)})(?:['’]s)?\s+(?:{_MEETING_NOUNS})\b")


_PARTNERS_AT_LARGE = compile_gated(
    r"(?<!\btwo )(?<!\bboth )(?<!\bthe )(?<!\bour )\b(?:countries|nations|trading partners)\b",
    re.IGNORECASE,
)
"""Trade partners in general ("countries would have 90 days to conclude deals"), not the two
sides ("the two countries", "both nations", "the countries' leaders")."""


def about_partners_at_large(sentence: str) -> bool:
    """Whether a sentence's news is about every trade partner, not China: it speaks of
    countries in general and names no Chinese side ("…stated that countries would have 90 days
    to conclude trade agreements with the United States": a global policy, another matter)."""
    return bool(_PARTNERS_AT_LARGE.search(sentence)) and not (
        set(tokens(sentence)) & SIDE_WORDS["china"]
    )


def names_other_meeting(sentence: str, round_: Round, meeting: re.Pattern[str] | None) -> bool:
    """Whether a sentence's news is an earlier round's, named by its place ("At the end of last
    month's Washington talks the two sides issued a statement" on a Beijing round's page): it
    names that meeting and not this round's place. A round held nowhere (a call) is left alone:
    its coverage names the meetings it follows up ("their successful Busan summit")."""
    own = _places(round_.location)
    if meeting is None or not own or not meeting.search(sentence):
        return False  # a call's coverage names the meetings it follows up ("since Busan")
    return not any(place in sentence for place in own)


def _outcome(
    candidates: Sequence[_Candidate],
    items: Sequence[ProcessedArticle],
    copies: Mapping[str, Sequence[str]],
    round_: Round,
    earlier: Sequence[Round],
) -> SummarySentence | None:
    """How the round ended, from the coverage published after it: its best sentence that
    reports a result (agreed, ended without a deal…; else only that it was held or met) and
    does not only guess at it
    (candidates telling an earlier round's outcome are already left out); else the sentence
    carrying a quotation that does ("“The two sides agreed to consult…,” USTR said") and is
    not an `earlier` round's outcome recalled; None when no coverage after the round reports a
    result."""
    reported = [
        c for c in candidates if c.after and reports_result(c.text) and not UNKNOWN.search(c.text)
    ]
    decided = [c for c in reported if DECISION.search(c.text)]
    # How it ended ("agreed", "reached a framework") before that it took place ("met").
    reported = decided or reported
    chosen = _pick_one(
        reported,
        lambda c: (
            c.score
            + (RESULT_BONUS if DECISION.search(c.text) else 0.0)
            - (RESULT_BONUS if FUTURE_MARKERS.search(c.text) else 0.0)
            + OUTCOME_FLOOR
        ),
    )
    if chosen is not None:
        return chosen
    for item in items:
        if not _is_after(item, round_):
            continue
        for quote in item.extraction.quotes:
            carrier = strip_dateline(fix_lookalikes(quote.sentence))
            if not quote.speaker or not RESULT.search(quote.text) or UNKNOWN.search(carrier):
                continue
            if is_fragment(carrier, MIN_WORDS) or looks_like_junk(carrier):
                continue
            if recalls_earlier_outcome(carrier, round_, earlier):
                continue
            return SummarySentence(
                carrier, (item.article.id, *copies.get(item.article.id, ())), item.published
            )
    return None


def _next_step(
    items: Sequence[ProcessedArticle],
    copies: Mapping[str, Sequence[str]],
    round_: Round,
    outcome: SummarySentence | None,
) -> SummarySentence | None:
    """The next meeting, deadline or step, from coverage of how the round went: a sentence
    planning a step ("will meet again", "expected to be signed in January") or naming a
    deadline after the round, not undoing it, other than the outcome's sentence; one naming
    only days of the round itself needs a time still ahead ("next week", "in April")."""
    best: tuple[float, _Candidate] | None = None
    for article_index, item in enumerate(items):
        if not _is_after(item, round_):
            continue
        for position, sentence in _article_sentences(item):
            future = FUTURE_MARKERS.search(sentence) is not None
            if not future and DEADLINE.search(sentence) is None:
                continue  # neither plans nor names a deadline (most sentences: tested first)
            if sentence[0] in QUOTE_MARKS and not attributed_quotation(sentence):
                continue
            if NEGATED.search(sentence) or (outcome is not None and sentence == outcome.text):
                continue
            days = _named_days(sentence, item)
            later = any(d > round_.end for d in days)
            if future:
                if not _planned_step(sentence):
                    continue  # "will buy soybeans … in talks": the plan is not a step
            elif not (later and DEADLINE.search(sentence)):
                continue
            ahead = later or TIME_AHEAD.search(sentence) is not None
            if days and not ahead:
                continue  # "talks will resume on Friday": a day of the round itself
            if not ahead and not NEXT_MARKER.search(sentence):
                continue
            score = (NEXT_DATED_BONUS if later else 0.0) + 1.0 / (1.0 + LEAD_DECAY * position)
            if best is None or score > best[0]:
                best = (
                    score,
                    _Candidate(
                        sentence,
                        set(tokens(sentence)),
                        score,
                        [item.article.id, *copies.get(item.article.id, ())],
                        _day_of(sentence, item),
                        (article_index, position),
                        True,
                    ),
                )
    if best is None:
        return None
    chosen = best[1]
    return SummarySentence(chosen.text, tuple(chosen.sources), chosen.day)


def _planned_step(sentence: str) -> bool:
    """Whether a future marker of the sentence plans one of its step words (at most
    NEXT_NEAR_WORDS words apart, either side)."""

    def word_at(offset: int) -> int:
        return len(sentence[:offset].split())

    plans = [m.span() for m in FUTURE_MARKERS.finditer(sentence)]
    steps = [
        m.span()
        for m in STEP.finditer(sentence)
        if not any(start <= m.start() < end for start, end in plans)  # "to resume": no step
    ]
    return any(
        max(word_at(step_start) - word_at(plan_end), word_at(plan_start) - word_at(step_end))
        <= NEXT_NEAR_WORDS
        for plan_start, plan_end in plans
        for step_start, step_end in steps
    )


def attributed_quotation(sentence: str) -> bool:
    """Whether a sentence opening with a quotation closes it and credits it to a speaker
    ("“We expect talks to continue in September,” the spokeswoman said."): the remark is
    reported, not cut out of a longer one."""
    outside = QUOTED.sub("", sentence)
    return not unbalanced_quotes(sentence) and bool(SPEECH_VERB.search(outside))


class Voice(Protocol):
    """Someone whose words a page credits: a person of people.yml or a body of
    institutions.yml, with every name it goes by and the side it speaks for."""

    @property
    def names(self) -> tuple[str, ...]: ...

    @property
    def side(self) -> str | None: ...


def sides_by_name(voices: Iterable[Voice]) -> dict[str, str | None]:
    """Each name of `voices` with the side its bearer speaks for."""
    return {name: voice.side for voice in voices for name in voice.names}


def speaker_side(speaker: str | None, sides: Mapping[str, str | None]) -> str | None:
    """us, china or other for a speaker: the side people.yml or institutions.yml gives its
    name, else the side its name tells ("China's commerce ministry", "the White House");
    None when unknown."""
    if not speaker:
        return None
    if speaker in sides:
        return sides[speaker]
    found = [side for side, words in SIDE_PATTERNS.items() if words.search(speaker)]
    return found[0] if len(found) == 1 else None


_COMPLETE = (".", "!", "?", ",")
"""How a whole remark ends inside its quotation marks (a comma before "he said"); a list
("Fentanyl, Soybeans, etc") does not."""
_ATTRIBUTED = ("He ", "She ")
"""Openings a quotation's credit line resolves ("He said the deal…" — he is the speaker)."""


def _quote_candidates(
    items: Sequence[ProcessedArticle],
    people: Sequence[Person],
    round_: Round,
    sides: Mapping[str, str | None],
    concrete: re.Pattern[str],
) -> list[tuple[float, RoundQuote]]:
    """Every quotation worth showing, one per remark, with its strength (strongest first);
    `concrete` says what makes a hedged remark checkable (`concrete_words`)."""
    by_name = {name: person for person in people for name in person.names}
    found: list[tuple[float, set[str], RoundQuote]] = []  # words: the quotation's own
    for item in items:
        for quote in item.extraction.quotes:
            text = fix_lookalikes(quote.text.strip())
            carrier = strip_dateline(fix_lookalikes(quote.sentence))
            if not says_something(text) or not _about_round(carrier or text, item, round_):
                continue
            context = ""
            if CONNECTIVE.match(text):
                continue  # "And then they'll…": the remark it continues is not shown
            if unresolved_opening(text):
                continue  # "That's going to make…": what it points at is not shown
            if lost_words(text) or is_list(text) or is_guess(text, concrete):
                continue  # words missing, a list of names, or a guess with nothing to check
            if quote_fragment(text, QUOTE_MIN_WORDS):
                if not quote.speaker:
                    continue  # a quoted term ("a 'high-level dialogue'"), not a remark
                if not carrier or looks_like_junk(carrier) or is_fragment(carrier, MIN_WORDS):
                    continue
                if unresolved_opening(carrier) and not carrier.startswith(_ATTRIBUTED):
                    continue  # "Those issues include…": the credit line does not resolve it
                if UNNAMED_DOCUMENT.match(carrier):
                    continue  # "The statement also said…": which statement, after what?
                if carrier.rstrip(CLOSERS).endswith("?"):
                    continue  # the remark is a question ("The real question is, …?")
                context = carrier
            person = by_name.get(quote.speaker or "")
            side = speaker_side(quote.speaker, sides)
            strength = min(len(content_words(text)), QUOTE_FULL_WORDS) / QUOTE_FULL_WORDS
            strength += (1.0 if person else 0.0) + (0.5 if quote.speaker else 0.0)
            strength += 0.5 if side in ("us", "china") else 0.0
            strength -= 0.5 if context else 0.0
            strength -= 0.5 if unresolved_opening(text) else 0.0
            words = set(tokens(text))
            role = person.role_on(item.published or round_.start) if person else None
            found.append(
                (
                    strength,
                    words,
                    RoundQuote(
                        text, quote.speaker, role, item.published, item.article.id, context, side
                    ),
                )
            )
    found.sort(key=lambda entry: -entry[0])
    kept: list[tuple[float, RoundQuote]] = []
    kept_words: list[set[str]] = []
    shown_sentences: set[str] = set()
    for strength, words, shown in found:
        if repeats(words, kept_words, SAME_REMARK) or shown.context in shown_sentences:
            continue
        around = set(tokens(shown.context))
        if any(contains(around, kept, INSIDE) for kept in kept_words):
            continue  # its sentence repeats a remark already quoted
        kept_words.append(words)
        if shown.context:
            shown_sentences.add(shown.context)
        kept.append((strength, shown))
    return kept


def quotes_a_shown_remark(sentence: str, remarks: Sequence[set[str]]) -> bool:
    """Whether a sentence quotes words of a remark the page shows whole (the word sets
    `remarks`): "X tweeted that talks would start "immediately, rather than waiting"" beside
    the tweet itself says nothing the tweet does not, which is shown with its speaker and
    day."""
    return any(
        contains(remark, set(tokens(m.group())), INSIDE)
        for m in QUOTED.finditer(sentence)
        if len(m.group().split()) >= QUOTE_MIN_WORDS
        for remark in remarks
    )


def _not_shown(
    candidates: Sequence[tuple[float, RoundQuote]], shown: Sequence[str]
) -> list[tuple[float, RoundQuote]]:
    """The quotations whose remark (or carrying sentence) is not already on the page in a
    sentence of "What happened" or "At a glance" (`shown`), in its words or in others."""
    shown_words = [set(tokens(sentence)) for sentence in shown]
    kept = []
    for strength, quote in candidates:
        remark = quote.context or quote.text
        words = set(tokens(remark))
        if any(contains(sentence, words, INSIDE) for sentence in shown_words):
            continue
        if any(same_news(remark, sentence) for sentence in shown):
            continue
        kept.append((strength, quote))
    return kept


def _balanced(candidates: Sequence[tuple[float, RoundQuote]], limit: int) -> list[RoundQuote]:
    """Up to `limit` quotations taken in turn from the US side, the Chinese side and everyone
    else, strongest first within each, so one side does not fill the section when the
    coverage quotes both; shown in the order of their days."""
    queues: dict[str, list[RoundQuote]] = {"us": [], "china": [], "rest": []}
    for _, quote in candidates:
        queues[quote.side if quote.side in ("us", "china") else "rest"].append(quote)
    chosen: list[RoundQuote] = []
    while len(chosen) < limit and any(queues.values()):
        for queue in queues.values():
            if queue and len(chosen) < limit:
                chosen.append(queue.pop(0))
    return sorted(chosen, key=lambda q: (q.day or date.max, q.article))


@functools.lru_cache(maxsize=8)
def _side_patterns(
    people: tuple[Person, ...], side: str
) -> tuple[re.Pattern[str], re.Pattern[str] | None, tuple[re.Pattern[str], ...]]:
    """For `side`: a sentence whose subject is one of its people or bodies before a speech
    verb; a mention of a person of the other side; each of its people's names alone. Compiled
    once per build: every round asks for them."""
    names = [n for p in people if p.side == side for n in p.names]
    actor = "|".join([*(rf"\b{re.escape(n)}\b" for n in names), SIDE_PATTERNS[side].pattern])
    subject = compile_guarded(
        rf"{_NOT_AFTER}(?P<who>(?:[Tt]he\s+)?(?:{actor}){_ACTOR_TAIL}){_SPEAKER_GAP}{SPEECH}\b"
    )
    other_people = [
        rf"\b{re.escape(n)}\b" for p in people if p.side not in (side, None) for n in p.names
    ]
    other_person = compile_guarded("|".join(other_people)) if other_people else None
    return subject, other_person, tuple(re.compile(rf"\b{re.escape(n)}\b") for n in names)


def _reported_statements(
    items: Sequence[ProcessedArticle], people: Sequence[Person], round_: Round, side: str
) -> list[RoundQuote]:
    """Statements of `side` in the reporter's words: standing sentences in which one of its
    officials or institutions is the subject of a speech verb ("China's commerce ministry
    said…"), the longest first; people.yml's people of the side before its institutions."""
    names = [n for p in people if p.side == side for n in p.names]
    by_name = {n: p for p in people for n in p.names}
    subject, other_person, name_patterns = _side_patterns(tuple(people), side)
    other_side = [w for s, w in SIDE_PATTERNS.items() if s != side]
    found: list[tuple[int, RoundQuote]] = []
    for item in items:
        for sentence in _speech_sentences(item.clean.text):
            match = subject.search(sentence)
            if match is None or not _about_round(sentence, item, round_) or STALE.search(sentence):
                continue
            if other_person is not None and other_person.search(sentence[: match.end()]):
                continue  # the other side's person leads the sentence: theirs, not ours
            if any(w.search(match.group("who")) for w in other_side):
                continue  # "the US and China said": not one side's statement
            who = match.group("who")
            person = next(
                (
                    by_name[n]
                    for n, pattern in zip(names, name_patterns, strict=True)
                    if pattern.search(who)
                ),
                None,
            )
            role = person.role_on(item.published or round_.start) if person else None
            quote = RoundQuote(
                sentence,
                person.name if person else who,
                role,
                item.published,
                item.article.id,
                sentence,
                side,
            )
            found.append((len(content_words(sentence)) + (PERSON_FIRST if person else 0), quote))
    found.sort(key=lambda pair: -pair[0])
    return [quote for _, quote in found]


def _statements(
    quotes: Sequence[tuple[float, RoundQuote]],
    items: Sequence[ProcessedArticle],
    people: Sequence[Person],
    round_: Round,
    glance: Sequence[str],
    earlier: Sequence[Round],
) -> SideStatements:
    """Each side's most substantive statement: its strongest quotation that stands on its own,
    else a sentence reporting what its officials said, else none; never one repeating what
    "At a glance" already shows (`glance`: the outcome and next step) or telling an `earlier`
    round's outcome or news about every trade partner."""
    glance_words = [set(tokens(text)) for text in glance]

    def best(side: str) -> tuple[RoundQuote, ...]:
        own = [
            q
            for _, q in quotes
            if q.side == side
            and not q.context
            and not unresolved_opening(q.text)
            and q.text.rstrip(CLOSERS).endswith(_COMPLETE)
        ]
        own += [q for _, q in quotes if q.side == side and q.context]

        def reported() -> Iterator[RoundQuote]:
            # Read only when no quotation will do (a generator's body waits for its first use).
            yield from _reported_statements(items, people, round_, side)

        fresh = (
            q
            for q in itertools.chain(own, reported())
            if not repeats(set(tokens(q.context or q.text)), glance_words, REDUNDANT)
            and not any(same_news(q.context or q.text, text) for text in glance)
            and not recalls_earlier_outcome(q.context or q.text, round_, earlier)
            and not about_partners_at_large(q.context or q.text)
        )
        return tuple(itertools.islice(fresh, STATEMENTS_PER_SIDE))  # only the first are read

    return SideStatements(us=best("us"), china=best("china"))


def _gives_context(sentence: str) -> bool:
    """Whether a sentence can stand beside its figure in Numbers: the reporter's own words
    (not a quotation), read on their own (no pointer back, no junk, no cut quotation)."""
    return not (
        sentence[:1] in QUOTE_MARKS
        or unresolved_opening(sentence)
        or looks_like_junk(sentence)
        or is_fragment(sentence, MIN_WORDS)
    )


def _word_char(character: str) -> bool:
    return character.isalnum() or character == "_"


def _stands_whole(figure: str, sentence: str) -> bool:
    """Whether `figure` occurs in `sentence` as a whole: not glued to a word, a digit or a
    decimal point or comma before it ("1.5" is not "5"), nor to a word after it."""
    start = sentence.find(figure)
    while start != -1:
        end = start + len(figure)
        before = sentence[start - 1] if start else " "
        after = sentence[end] if end < len(sentence) else " "
        if not (_word_char(before) or before in ".,") and not _word_char(after):
            return True
        start = sentence.find(figure, start + 1)
    return False


def _figures(items: Sequence[ProcessedArticle]) -> list[RoundFigure]:
    """One Numbers row per sentence, with every figure that sentence gives; a sentence carried
    by several articles once; figures not found whole in their sentence left out. Articles
    are read in order until MAX_FIGURES rows are found (later ones could only add rows)."""
    gives_context = functools.cache(_gives_context)  # a sentence gives several figures
    rows: list[RoundFigure] = []
    seen = SimilarSets(SAME_SENTENCE)
    for item in items:
        by_sentence: dict[str, list[tuple[str, str]]] = {}
        for figure in item.extraction.figures:
            sentence = strip_dateline(figure.sentence)
            if not _stands_whole(figure.text, sentence) or not gives_context(sentence):
                continue
            texts = by_sentence.setdefault(sentence, [])
            if figure.text not in (t for t, _ in texts):
                texts.append((figure.text, figure.kind))
        for sentence, figures in by_sentence.items():
            words = set(tokens(sentence))
            if seen.has_similar(words):
                continue
            seen.add(words)
            text = FIGURE_JOIN.join(t for t, _ in figures)
            rows.append(RoundFigure(text, figures[0][1], sentence, item.article.id))
            if len(rows) == MAX_FIGURES:
                return rows
    return rows


@functools.lru_cache(maxsize=TOPIC_PATTERNS)
def topic_pattern(topic: Topic) -> GatedPattern:
    """Matches any of the topic's keywords at the start of a word ("tariff" in "tariffs");
    compiled once per topic, not once per round."""
    return compile_gated(
        r"\b(?:" + "|".join(re.escape(k) for k in topic.keywords) + ")", re.IGNORECASE
    )


def _topics(
    items: Sequence[ProcessedArticle],
    topics: Sequence[Topic],
    avoid: Sequence[set[str]],
    round_: Round,
) -> list[TopicEvidence]:
    """Each topic the round's articles raise, with its own sentence showing it.

    Topics raised by more articles choose first. The evidence contains the topic's words,
    stands alone, is not a quotation and never repeats another topic's evidence; a sentence
    already shown (`avoid`: summary, outcome, next) only when there is no other. A topic with
    no such sentence is listed without one.
    """
    carriers = {t.id: [i for i in items if t.id in i.extraction.topics] for t in topics}
    standing = {i.article.id: list(_article_sentences(i)) for i in items}
    used: list[set[str]] = []
    evidence = []

    @functools.cache
    def already_shown(text: str) -> bool:
        return repeats(set(tokens(text)), avoid, REDUNDANT)

    for topic in sorted(topics, key=lambda t: (-len(carriers[t.id]), t.title)):
        if not carriers[topic.id]:
            continue
        pattern = topic_pattern(topic)
        hits = [
            (len(pattern.findall(s)), -position, s, item.article.id)
            for item in carriers[topic.id]
            for position, s in standing[item.article.id]
            if s[0] not in QUOTE_MARKS
            and s.rstrip()[-1] not in QUOTE_MARKS
            and pattern.search(s)
            and _about_round(s, item, round_)
            and not UNKNOWN.search(s)
        ]
        hits.sort(key=lambda h: (-h[0], -h[1]))
        # Sentences not shown already first; each is tested only until one is taken.
        fresh = (h for h in hits if not already_shown(h[2]))
        stale = (h for h in hits if already_shown(h[2]))
        sentence, source = "", carriers[topic.id][0].article.id
        for _, _, text, article_id in itertools.chain(fresh, stale):
            words = set(tokens(text))
            if not repeats(words, used, REDUNDANT):
                sentence, source = text, article_id
                used.append(words)
                break
        evidence.append(
            TopicEvidence(
                topic.id,
                topic.title,
                sentence,
                source,
                tuple(i.article.id for i in carriers[topic.id]),
            )
        )
    return evidence


def summarize_round(
    round_: Round,
    items: Sequence[ProcessedArticle],
    copies: Mapping[str, Sequence[str]],
    people: Sequence[Person],
    topics: Sequence[Topic],
    institutions: Sequence[Voice] = (),
    earlier: Sequence[Round] = (),
) -> RoundDigest:
    """The digest of one round from its original articles (`items`, copies left out).

    `copies` maps an original article id to the ids of its syndicated copies, which are cited
    alongside it but never counted twice; `institutions` (institutions.yml) give the sides of
    the bodies quoted; `earlier` are the rounds before it, whose outcomes its coverage may
    recall.
    """
    by_id = {p.id: p for p in people}
    members = [by_id[m].name if m in by_id else m for ms in round_.delegations.values() for m in ms]
    surnames = [m.split()[-1] for m in members]
    round_terms = [round_.location, *members, *surnames]
    keywords = [k for t in topics for k in t.keywords]
    meeting = other_rounds_meeting(round_, earlier)
    candidates = [
        c
        for c in _candidates(items, copies, round_, round_terms, keywords)
        if _about_round(c.text, _first_item(items, c), round_)
        and not recalls_earlier_outcome(c.text, round_, earlier)
        and not names_other_meeting(c.text, round_, meeting)
        and not about_partners_at_large(c.text)
    ]
    outcome = _outcome(candidates, items, copies, round_, earlier)
    next_step = _next_step(items, copies, round_, outcome)
    quote_pool = _quote_candidates(
        items, people, round_, sides_by_name([*people, *institutions]), concrete_words(topics)
    )
    glance = [s.text for s in (outcome, next_step) if s is not None]
    statements = _statements(quote_pool, items, people, round_, glance, earlier)
    # What a side's statement shows (its sentence, or its quotation) is something "What
    # happened" need not repeat.
    shown = [*statements.us, *statements.china]
    stated = [q.context or q.text for q in shown]
    taken = [*glance, *stated]
    article_by_id = {i.article.id: i for i in items}
    taken_plans = [
        plan_of(s.text, article_by_id[s.sources[0]], people, None)
        for s in (outcome, next_step)
        if s is not None and s.sources[0] in article_by_id
    ] + [
        plan_of(q.context or q.text, article_by_id[q.article], people, q.day)
        for q in shown
        if q.article in article_by_id
    ]
    picked = _select(
        candidates,
        [set(tokens(text)) for text in taken],
        taken,
        lambda c: plan_of(c.text, _first_item(items, c), people, None),
        taken_plans,
    )
    quotes = tuple(
        _balanced(
            _not_shown(quote_pool, [*glance, *(c.text for c in picked)]),
            MAX_QUOTES,
        )
    )
    remarks = [set(tokens(q.text)) for q in (*shown, *quotes) if not q.context]
    summary = tuple(
        SummarySentence(c.text, tuple(c.sources), c.day)
        for c in picked
        if not quotes_a_shown_remark(c.text, remarks)
    )
    summary_texts = [s.text for s in summary]
    mentioned = sorted(
        {name for item in items for name in item.extraction.people},
        key=lambda n: (n not in members, n),
    )
    return RoundDigest(
        round=round_,
        coverage=tuple(
            CoverageItem(i.article.id, tuple(copies.get(i.article.id, ()))) for i in items
        ),
        summary=summary,
        quotes=quotes,
        figures=tuple(_figures(items)),
        topics=tuple(
            _topics(items, topics, [set(tokens(t)) for t in [*glance, *summary_texts]], round_)
        ),
        people=tuple(mentioned),
        outcome=outcome,
        next=next_step,
        statements=statements,
    )


def _first_item(items: Sequence[ProcessedArticle], candidate: _Candidate) -> ProcessedArticle:
    """The article a candidate sentence was first found in."""
    return items[candidate.order[0]]
