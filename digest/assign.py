"""Assign stage: put each article in the negotiation round it reports on.

An explicit `round` in the article's metadata always wins. Otherwise every round is scored on
the evidence the article carries — the days it mentions (resolved against its publication
date), its publication date, the round's place, the delegation members it names — and the
best-scoring round wins when the evidence is strong enough and clearly ahead of the runner-up.
Talk that anticipates a round ("will travel to Beijing next week") resolves to dates inside
that coming round, so it scores for it like a report of the round itself.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import re
import statistics
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from digest.extract.dates import month_days
from digest.extract.published import embedded_post_days
from digest.lexicon import (
    FUTURE_MARKERS,
    STOP_WORDS,
    WEEKDAYS,
    compile_gated,
    compile_guarded,
    vocab,
)
from digest.model import (
    Assignment,
    Candidacy,
    DateMention,
    Extraction,
    Person,
    ProcessedArticle,
    Role,
    Round,
    TariffAction,
)
from digest.text import paragraphs, sentences

MENTION_SLACK = timedelta(days=1)
"""A mentioned day this close to a round counts as inside it (time zones, overnight talks)."""
NEAR_WINDOW = timedelta(days=7)
"""A mentioned day within a week of a round is near it: "last week", "next week"."""
LONE_ROUND_REACH = timedelta(days=14)
"""How far before and after a round its coverage reaches when the content has a single round,
so no spacing between rounds to measure it by (see `round_reaches`)."""
MIN_SCORE = 4.0
"""The least score that puts an article in a round: a day of the round named outright (3) and
one more clue, or a place and a delegate; one clue alone (a president everyone names, a city
every report has) is not enough."""
MIN_MARGIN = 0.75
"""How far the best round must lead the runner-up: less than one clue of the lightest kind
(WEIGHT_SEQUENCE) apart, the two are a coin toss and the article waits for an editor."""

WEIGHT_DAY_INSIDE = 3.0
"""Per day of the round the article names (MAX_DAY_WEIGHT at most): the strongest clue, as a
report gives the days it covers ("talks ended on Friday")."""
WEIGHT_DAY_NEAR = 1.0
"""Per day within NEAR_WINDOW of the round (MAX_DAY_WEIGHT at most): arrival, departure and
announcement days sit just outside the talks."""
MAX_DAY_WEIGHT = 2.0
"""Named days count up to two: a third day of the same round says nothing new."""
UNIT_WEIGHT = 1.0
"""The weight of a clue that nothing discounts (a day or place about the present)."""
WEIGHT_PUBLISHED = 3.0
"""For an article published near the round, times its closeness (1 during the round, falling
to MIN_CLOSENESS at the edge of the round's reach)."""
MIN_CLOSENESS = 0.2
"""The least closeness an article published within a round's reach is given."""
WEIGHT_PUBLISHED_DURING = 1.0
"""Extra for a dated article published while the round was under way."""
WEIGHT_DESCRIPTION = 2.0
"""Times the share of a round's own description (rounds.yml title, summary, outcome) that the
article's words cover: reports of a round use the words its description uses."""
DESCRIPTION_CHARS = 2000
"""How much of an article is compared with the round descriptions: its opening says what it
is about, and reading all of it costs more than it tells."""
WEIGHT_SEQUENCE = 1.0
"""For each clue placing an undated article in the sequence of rounds: its weekdays, a round
a week before or after it at the place it names, "the second call" of the same people."""
NEIGHBOUR_DAYS = (2, 12)
"""Days between two rounds that "last week" or "next week" can span."""
WEIGHT_PLACE = 2.0
"""When the article names the round's place: most reports say where the talks are, but the
capitals are named in most coverage too, so less than a named day."""
WEIGHT_MEMBER = 1.5
"""Per delegate of the round the article names (MAX_MEMBERS at most): people narrow the
period (who held which office when), but the same negotiators meet many times."""
MAX_MEMBERS = 3
"""Delegates counted at most: a round with a big delegation must not win by its size."""
WEIGHT_WHOLE_DELEGATION = 1.0
"""Extra when every delegate of a round is named (a leaders' meeting has only two)."""
WEIGHT_LEADER = 1.5
"""Extra for a delegate the article says led a delegation: named for their part in the talks,
not in passing (as a president is named in most coverage)."""
WEIGHT_KIND = 1.0
"""When the article describes talks of the round's kind in words (`KIND_WORDS`)."""
WEIGHT_BOTH_SIDES = 1.0
"""Extra when a delegate of each side is named: a report of talks names who sat on both sides
of the table, while a bystander round shares only the president everyone names."""
WEIGHT_PLACE_IN_LEAD = 1.5
"""Extra when the place is named in the lead (LEAD_CHARS), about the present: the dateline and
first sentence say where the report is from and about."""
WEIGHT_PLACE_REPEATED = 0.5
"""Per further mention of the place (MAX_REPEATS at most): a place the article keeps naming is
its subject, one named once may be context."""
MAX_REPEATS = 2
"""Further mentions of a place counted at most."""
TARIFF_VALUE_TOLERANCE = 0.1
"""A cited goods value this close to a tariff action's ("$200 billion", "$200bn") matches it."""
WEIGHT_FUTURE_DATE = 0.5
"""A day named in a sentence about the future ("will meet on May 8") counts half, and so does
a place named only in clauses about another time ("will meet again in Washington", "agreed
last month in Washington"): a report of one round often announces the next or recalls the last.
With nothing else, the coming round still wins."""
LEAD_CHARS = 400
"""The opening of the text, where a report names the place it is about."""
TITLE_WINDOW = 40
"""Characters around a name searched for the title the article gives that person, or for the
"led by" / "who led" that makes them a delegation's leader."""
WEIGHT_YEAR = 0.5
"""For an undated article naming the round's year: weak, as years are named for what came
before too ("since 2018"), but it breaks ties between rounds years apart."""

WEIGHT_OUT_OF_OFFICE = 1.5
"""Penalty per named person who held no recorded role at the round's date (a 2019 article
naming Mnuchin as Treasury Secretary is not about a 2025 round)."""

_REMOTE_ROUND = re.compile(r"\b(?:call|phone|video|virtual)\b", re.IGNORECASE)
_REMOTE_TALK = compile_gated(
    r"\b(?:phone call|telephone|by phone|video call|video conference|videoconference|"
    r"virtual meeting|call with|spoke by|held a call)\b",
    re.IGNORECASE,
)
_YEAR = compile_guarded(r"\b(20[0-4]\d)\b")


@dataclass(frozen=True)
class _Evidence:
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class ArticleEvidence:
    """What one article offers as evidence, computed once and scored against every round."""

    published: date | None
    dated: bool
    """Whether the article's own metadata gives its publication date."""
    days: tuple[tuple[date, float], ...]
    yearless_days: tuple[tuple[int, int], ...]
    years: frozenset[str]
    people: frozenset[str]
    place_counts: dict[str, tuple[int, bool, bool]]
    """Mentions of each known place name: how many, whether one in the lead is about the
    present, and whether all are in clauses about another time (the next round's venue, or
    "last month in Washington": not this round's)."""
    remote_talk: bool
    out_of_office: Callable[[date], tuple[str, ...]]
    tariff_days: tuple[date, ...] = ()
    """Days of the tariff actions (tariffs.yml) whose rate and goods value the article cites."""
    weekdays: frozenset[int] = frozenset()
    """Weekdays named in sentences about what happened (Monday = 0)."""
    neighbours: tuple[tuple[int, str, str], ...] = ()
    """Other rounds the article points to: (-1 last / +1 next, "week" or "month",
    lower-case place)."""
    ordinal: int | None = None
    """"the second call", "the third round": which meeting of these people this is."""
    words: frozenset[str] = frozenset()
    """The content words of the headline and the opening, matched against the rounds'
    descriptions."""
    deadlines: tuple[tuple[int, int], ...] = ()
    """Days named as a deadline, as (month, day): the talks it reports come before them."""
    leaders: frozenset[str] = frozenset()
    """People the article says led a delegation ("a delegation led by …")."""
    kinds: frozenset[str] = frozenset()
    """Kinds of round the article's words describe (`KIND_WORDS`)."""


def _gaps(rounds: Sequence[Round]) -> list[timedelta]:
    """Days from the end of each round to the start of the next, in order of dates."""
    ordered = sorted(rounds, key=lambda r: (r.start, r.id))
    return [max(b.start - a.end, timedelta(0)) for a, b in itertools.pairwise(ordered)]


def _cadence(rounds: Sequence[Round]) -> timedelta:
    """The usual spacing of rounds: the median gap between consecutive ones."""
    gaps = [gap.days for gap in _gaps(rounds)]
    return timedelta(days=statistics.median(gaps)) if gaps else 2 * LONE_ROUND_REACH


def round_reaches(rounds: Sequence[Round]) -> dict[str, tuple[timedelta, timedelta]]:
    """How far before and after each round its coverage reaches: previews from the end of the
    round before it, reports until the start of the round after it, and never further than
    half the usual spacing of rounds (the median gap between consecutive ones) — an article
    published further from every round than that sits in a lull between rounds.

    Derived from the rounds themselves, not tuned to any articles: rounds a few days apart
    share their coverage window (the scores decide), a lone round reaches half a cadence.
    """
    ordered = sorted(rounds, key=lambda r: (r.start, r.id))
    gaps = _gaps(ordered)
    half_cadence = _cadence(ordered) / 2
    reaches = {}
    for index, round_ in enumerate(ordered):
        before = gaps[index - 1] if index > 0 else half_cadence
        after = gaps[index] if index < len(gaps) else half_cadence
        reaches[round_.id] = (
            max(min(before, half_cadence), MENTION_SLACK),
            max(min(after, half_cadence), MENTION_SLACK),
        )
    return reaches


def _distance(day: date, start: date, end: date) -> timedelta:
    if day < start:
        return start - day
    if day > end:
        return day - end
    return timedelta(0)


def _side_names(round_: Round, people_by_id: dict[str, Person]) -> list[tuple[str, ...]]:
    """The names of each side's delegates (sides with none left out)."""
    sides = []
    for members in round_.delegations.values():
        names = []
        for member in members:
            person = people_by_id.get(member)
            names.append(person.name if person else member)
        if names:
            sides.append(tuple(names))
    return sides


def places_pattern(places: Iterable[str]) -> re.Pattern[str]:
    """One pattern finding every known place name (longest first, whole words)."""
    names = sorted({p.lower() for p in places}, key=lambda p: (-len(p), p))
    return re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b" if names else r"(?!)")


_BILLIONS = re.compile(r"\$\s?(\d+(?:\.\d+)?)\s*(?:billion|bn)\b", re.IGNORECASE)


def cited_tariff_actions(
    extraction: Extraction, tariffs: Sequence[TariffAction]
) -> tuple[date, ...]:
    """Days of tariff actions the article cites by rate and goods value ("25% on $200bn")."""
    days = set()
    for figure in extraction.figures:
        goods = _BILLIONS.search(figure.text)
        if figure.kind != "tariff" or figure.value is None or goods is None:
            continue
        value = float(goods.group(1))
        for action in tariffs:
            if (
                action.rate == figure.value
                and action.goods_value_bn
                and abs(action.goods_value_bn - value) <= TARIFF_VALUE_TOLERANCE * value
            ):
                days.add(action.date)
    return tuple(sorted(days))


def article_evidence(
    item: ProcessedArticle,
    places: re.Pattern[str],
    people: Sequence[Person],
    tariffs: Sequence[TariffAction] = (),
) -> ArticleEvidence:
    """Everything about an article that round scoring looks at (`places` from places_pattern)."""
    extraction, text = item.extraction, item.clean.text
    lowered = text.lower()
    # Mentioned days are weighed by their sentences' tense; only an article naming none is
    # read for days without a year (the other's are left out of its evidence).
    future = _future_sentences(text, {m.text for m in extraction.dates})
    # The headline leads the article: its places are read as if they opened the text.
    headline = item.article.title.lower()
    opening = len(headline) + 2 if headline else 0
    read = f"{headline}\n\n{lowered}" if headline else lowered
    elsewhen = _other_time_spans(read)
    elsewhen_starts = [start for start, _ in elsewhen]
    place_counts: dict[str, tuple[int, bool, bool]] = {}
    for match in places.finditer(read):
        count, in_lead, only_elsewhen = place_counts.get(match.group(), (0, False, True))
        # The clauses are apart and in order: only the last one opening before the place can
        # hold it.
        at = bisect.bisect_right(elsewhen_starts, match.start()) - 1
        other_time = at >= 0 and match.start() < elsewhen[at][1]
        place_counts[match.group()] = (
            count + 1,
            in_lead or (match.start() < opening + LEAD_CHARS and not other_time),
            only_elsewhen and other_time,
        )
    named_people = [p for p in people if p.name in extraction.people]
    named = [p for p in named_people if p.roles]
    spaced = lowered.replace("-", " ")
    offices = {p.id: _offices(p, _name_windows(p, spaced)) for p in named}
    yearless, deadlines = _yearless_days(_sentences_of(text)) if not extraction.dates else ((), ())
    # Only an undated article needs placing among the rounds by such clues.
    sequence = _sequence_clues(text, places) if not item.dated else _SequenceClues()

    def out_of_office(day: date) -> tuple[str, ...]:
        return tuple(p.name for p in named if not _in_office(offices[p.id], day))

    # An undated article that embeds a post is dated by the post's stamp like by a day it
    # names; a dated article's own day already says when it was written.
    posted: tuple[date, ...] = () if item.dated else embedded_post_days(item.clean.removed)

    return ArticleEvidence(
        published=item.published,
        dated=item.dated,
        days=tuple((m.date, w) for m, w in _weighted_dates(extraction, future))
        + tuple((d, UNIT_WEIGHT) for d in posted),
        yearless_days=yearless,
        deadlines=deadlines,
        leaders=_leaders(lowered, named_people),
        kinds=frozenset(kind for kind, words in KIND_WORDS.items() if words.search(text)),
        years=frozenset(_YEAR.findall(text)),
        people=frozenset(extraction.people),
        place_counts=place_counts,
        remote_talk=bool(_REMOTE_TALK.search(text)),
        out_of_office=functools.cache(out_of_office),
        tariff_days=cited_tariff_actions(extraction, tariffs) if not item.dated else (),
        weekdays=sequence.weekdays,
        neighbours=sequence.neighbours,
        ordinal=sequence.ordinal,
        words=frozenset(content_words(f"{item.article.title}\n\n{text[:DESCRIPTION_CHARS]}")),
    )


@dataclass(frozen=True)
class _RoundFacts:
    """A round with what scoring needs of it worked out once."""

    round: Round
    places: tuple[str, ...]
    sides: tuple[tuple[str, ...], ...]
    """Each side's delegates, by name."""
    remote: bool
    reach: tuple[timedelta, timedelta] = (LONE_ROUND_REACH, LONE_ROUND_REACH)
    """How far before and after the round its coverage reaches (`round_reaches`)."""

    @property
    def members(self) -> tuple[str, ...]:
        """Every delegate, by name."""
        return tuple(name for side in self.sides for name in side)

    def covers(self, day: date) -> bool:
        """Whether an article published on `day` can be about this round."""
        before, after = self.reach
        return self.round.start - before <= day <= self.round.end + after


def _score(
    facts: _RoundFacts, evidence: ArticleEvidence, claimed: frozenset[date] = frozenset()
) -> _Evidence:
    """How strongly the article's evidence points to this round, with the reasons: the sum of
    what its days, publication day, places, kind of talks and people say.

    `claimed` holds the mentioned days that fall inside some round: such a day is evidence
    for that round only, not "near" evidence for its neighbours ("talks ended today" on the
    last day of one round says nothing for the round a week later).
    """
    score, reasons = 0.0, []
    for part in (
        _day_evidence(facts, evidence, claimed),
        _publication_evidence(facts, evidence),
        _place_evidence(facts, evidence),
        _people_evidence(facts, evidence),
        _year_and_office_evidence(facts, evidence),
    ):
        # Each part lists its steps (a weight, a reason) in order: adding them one at a time
        # gives the same sum, to the last bit, whatever the parts.
        for amount, reason in part:
            score += amount
            if reason:
                reasons.append(reason)
    return _Evidence(score, tuple(reasons))


def _day_evidence(
    facts: _RoundFacts, evidence: ArticleEvidence, claimed: frozenset[date]
) -> list[tuple[float, str | None]]:
    """The days the article names (with or without a year) and the tariff actions it cites."""
    round_ = facts.round
    steps: list[tuple[float, str | None]] = []
    inside = near = 0.0
    for day, weight in evidence.days:
        gap = _distance(day, round_.start, round_.end)
        if gap <= MENTION_SLACK:
            inside += weight
        elif gap <= NEAR_WINDOW and day not in claimed:
            near += weight
    if inside:
        steps.append(
            (
                WEIGHT_DAY_INSIDE * min(inside, MAX_DAY_WEIGHT),
                f"mentions day(s) of the round (weight {inside:g})",
            )
        )
    if near:
        steps.append(
            (
                WEIGHT_DAY_NEAR * min(near, MAX_DAY_WEIGHT),
                f"mentions day(s) within a week of it (weight {near:g})",
            )
        )
    cited = [
        d for d in evidence.tariff_days if _distance(d, round_.start, round_.end) <= NEAR_WINDOW
    ]
    if cited:
        steps.append((WEIGHT_DAY_INSIDE, f"cites the tariff action of {cited[0]}"))
    if not evidence.dated:
        yearless = sum(_yearless_match(m, round_) for m in evidence.yearless_days)
        if yearless:
            steps.append(
                (
                    WEIGHT_DAY_INSIDE * min(yearless, MAX_DAY_WEIGHT),
                    f"names {yearless} day(s) of the round (month and day)",
                )
            )
    return steps


def _publication_evidence(
    facts: _RoundFacts, evidence: ArticleEvidence
) -> list[tuple[float, str | None]]:
    """The publication day within the round's reach (closer is stronger)."""
    round_ = facts.round
    steps: list[tuple[float, str | None]] = []
    published = evidence.published
    if published and facts.covers(published):
        window = facts.reach[0] if published < round_.start else facts.reach[1]
        closeness = 1.0 - _distance(published, round_.start, round_.end) / window
        steps.append((WEIGHT_PUBLISHED * max(closeness, MIN_CLOSENESS), None))
        if round_.start <= published <= round_.end and evidence.dated:
            steps.append((WEIGHT_PUBLISHED_DURING, f"published {published}, during the round"))
        else:
            steps.append((0.0, f"published {published}, near the round"))
    return steps


def _place_evidence(
    facts: _RoundFacts, evidence: ArticleEvidence
) -> list[tuple[float, str | None]]:
    """The round's place named (in the opening, repeatedly, not only in clauses about another
    time), the kind of talks described, talks by phone or video."""
    round_ = facts.round
    steps: list[tuple[float, str | None]] = []
    for place in facts.places:
        if place.lower() in evidence.place_counts:
            mentions, in_lead, only_elsewhen = evidence.place_counts[place.lower()]
            weight = WEIGHT_FUTURE_DATE if only_elsewhen else UNIT_WEIGHT
            steps.append(
                (weight * (WEIGHT_PLACE + (WEIGHT_PLACE_IN_LEAD if in_lead else 0.0)), None)
            )
            steps.append(
                (
                    WEIGHT_PLACE_REPEATED * min(mentions - 1, MAX_REPEATS),
                    f"names {place} ({mentions}×)",
                )
            )
            break
    if round_.kind in evidence.kinds:
        steps.append((WEIGHT_KIND, f"describes {round_.kind} talks"))
    if evidence.remote_talk and facts.remote:
        steps.append((WEIGHT_PLACE, "talks by phone or video, like the round"))
    return steps


def _people_evidence(
    facts: _RoundFacts, evidence: ArticleEvidence
) -> list[tuple[float, str | None]]:
    """The round's delegates named (all of them, one leading, one of each side)."""
    steps: list[tuple[float, str | None]] = []
    named = [n for n in facts.members if n in evidence.people]
    if named:
        steps.append(
            (
                WEIGHT_MEMBER * min(len(named), MAX_MEMBERS),
                "names delegation members " + ", ".join(named[:MAX_MEMBERS]),
            )
        )
        if len(named) == len(facts.members) >= 2:
            steps.append((WEIGHT_WHOLE_DELEGATION, "names the whole delegation"))
        led = sorted(set(named) & evidence.leaders)
        if led:
            steps.append((WEIGHT_LEADER, f"says {led[0]} led a delegation"))
        if len(facts.sides) > 1 and all(set(side) & evidence.people for side in facts.sides):
            steps.append((WEIGHT_BOTH_SIDES, "names a delegate of each side"))
    return steps


def _year_and_office_evidence(
    facts: _RoundFacts, evidence: ArticleEvidence
) -> list[tuple[float, str | None]]:
    """For an article without a day, the round's year named; against any round, the people
    the article names who were out of that office at the time."""
    round_ = facts.round
    steps: list[tuple[float, str | None]] = []
    if evidence.published is None and str(round_.start.year) in evidence.years:
        steps.append((WEIGHT_YEAR, f"mentions the year {round_.start.year}"))
    absent = evidence.out_of_office(round_.start)
    if absent:
        steps.append(
            (
                -(WEIGHT_OUT_OF_OFFICE * len(absent)),
                "names people out of that office then: " + ", ".join(absent),
            )
        )
    return steps


_WEEKDAY = compile_gated(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
_NEIGHBOUR = compile_gated(
    r"\b(?:(last|previous|past)|(next|following|coming))\s+(week|month)\b", re.IGNORECASE
)
_ORDINAL = compile_gated(
    r"\b(first|second|third|fourth|fifth|sixth)\s+(?:time|call|round|meeting|face-to-face)"
    r"(?![^.]{0,30}\bsince\b)",
    re.IGNORECASE,
)
"""Which meeting of the same people this is ("the second call") — not "the first meeting
since the truce", which counts from an event, not from the first round."""
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")


@dataclass(frozen=True)
class _SequenceClues:
    """What places an undated article among the rounds (see `ArticleEvidence`)."""

    weekdays: frozenset[int] = frozenset()
    neighbours: tuple[tuple[int, str, str], ...] = ()
    ordinal: int | None = None


def _sequence_clues(text: str, places: re.Pattern[str]) -> _SequenceClues:
    """What an undated article says about where its round sits among the others: the weekdays
    it happened on, rounds a week before or after it and where, and "the second call"."""
    weekdays: set[int] = set()
    neighbours: set[tuple[int, str, str]] = set()
    ordinal = None
    for paragraph in paragraphs(text):
        for sentence in sentences(paragraph):
            future = bool(FUTURE_MARKERS.search(sentence))
            if not future:
                weekdays.update(WEEKDAYS.index(w.lower()) for w in _WEEKDAY.findall(sentence))
            for match in _NEIGHBOUR.finditer(sentence):
                direction = -1 if match.group(1) else 1
                for place in places.findall(sentence.lower()):
                    neighbours.add((direction, match.group(3).lower(), place))
            found = _ORDINAL.search(sentence)
            if found and ordinal is None:
                ordinal = _ORDINALS.index(found.group(1).lower()) + 1
    return _SequenceClues(frozenset(weekdays), tuple(sorted(neighbours)), ordinal)


_CONTENT_WORD = re.compile(r"[a-z][a-z'-]{3,}")
_EVERY_REPORT = vocab(
    """against american between both china chinese each officials states talks trade united"""
)
"""Words nearly every trade-talk report uses, which tell no round's description from another."""


def content_words(text: str) -> set[str]:
    """Lower-case words of four letters or more, without the commonest ones."""
    return set(_CONTENT_WORD.findall(text.lower())) - STOP_WORDS - _EVERY_REPORT


class _DescriptionIndex:
    """The rounds' own descriptions (title, summary, outcome) as weighted word sets."""

    def __init__(self, rounds: Sequence[Round]) -> None:
        self.words = {
            r.id: content_words(" ".join((r.title, r.summary, r.outcome))) for r in rounds
        }
        frequency = Counter(w for words in self.words.values() for w in words)
        self.weight = {w: math.log((len(rounds) + 1) / n) for w, n in frequency.items()}
        totals = [sum(self.weight[w] for w in words) for words in self.words.values()]
        self.typical = statistics.median(totals) if totals else 0.0
        """The weight of a description of typical length: a one-line description is measured
        against it, so that the few common words it has ("Washington", "delegation") do not
        make every article cover most of it."""

    def coverage(self, round_id: str, article_words: frozenset[str]) -> float:
        """Share of the round's description (by word weight) that the article also uses."""
        words = self.words.get(round_id, set())
        total = max(sum(self.weight[w] for w in words), self.typical)
        if not total:
            return 0.0
        return sum(self.weight[w] for w in words & article_words) / total


def _sentences_of(text: str) -> list[str]:
    """The sentences of a text, paragraph by paragraph."""
    return [s for p in paragraphs(text) for s in sentences(p)]


def _future_sentences(text: str, named: Collection[str]) -> list[str]:
    """The sentences of a text (as `_sentences_of` splits it) that name one of `named` (the
    texts of the mentioned days, which are all these sentences are read for) and speak of the
    future ("will meet", "next week"). Only the paragraphs naming one are split, and the cheap
    test comes first: most sentences name no day."""
    return [
        sentence
        for paragraph in paragraphs(text)
        if any(map(paragraph.__contains__, named))
        for sentence in sentences(paragraph)
        if any(map(sentence.__contains__, named)) and FUTURE_MARKERS.search(sentence)
    ]


_DEADLINE = compile_gated(r"\bdeadlines?\b", re.IGNORECASE)


def _yearless_days(
    split: Sequence[str],
) -> tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]:
    """Days named without a year in the sentences (of `_sentences_of`), as (month, day):
    those of the talks, and those named as a deadline ("as a March 1 deadline drew nearer"),
    which are not days of any round."""
    days: list[tuple[int, int]] = []
    deadlines: list[tuple[int, int]] = []
    for sentence in split:
        (deadlines if _DEADLINE.search(sentence) else days).extend(month_days(sentence))
    return tuple(days), tuple(deadlines)


_LED_BY = compile_guarded(r"\b(?:led|headed)\s+by\b")
_WHO_LED = compile_gated(r"\bwho\s+(?:led|leads|heads|headed)\b")


def _leaders(lowered_text: str, people: Sequence[Person]) -> frozenset[str]:
    """The people the text says led a delegation: named just after "led by" / "headed by",
    or just before ", who led"."""
    spans = [
        lowered_text[m.end() : m.end() + TITLE_WINDOW] for m in _LED_BY.finditer(lowered_text)
    ] + [
        lowered_text[max(0, m.start() - TITLE_WINDOW) : m.start()]
        for m in _WHO_LED.finditer(lowered_text)
    ]
    return frozenset(
        p.name for p in people if any(n.lower() in span for span in spans for n in p.names)
    )


KIND_WORDS = {
    "vice-ministerial": compile_gated(
        r"\b(?:vice[- ]ministerial|deputy[- ]level|deputies[’']? (?:talks|meeting)|"
        r"(?:working|lower|mid|low)[- ](?:level|ranking))\b",
        re.IGNORECASE,
    ),
}
"""Words that describe the level of the talks (rounds.yml `kind`), not a person's title:
deputies' talks are called lower-level or working-level, whoever the article names (a bare
"deputy" is a title that ministerial reports use too)."""


_CLAUSE = re.compile(r"(?:[^,;:.!?\n—–-]|(?<=\w)-(?=\w))+")
"""A clause: text between punctuation (a dateline's dash too, hyphenated words kept whole)."""
_PAST_ROUND = compile_gated(
    r"\b(?:(?:last|previous|past|prior)\s+(?:week|month|year|round|meeting)|earlier\s+talks)",
    re.IGNORECASE,
)


def _other_time_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the clauses about another time than the report's own: the future
    ("will meet in Washington") or an earlier round ("reached last month in Washington")."""
    # One pass of each pattern over the whole text, not one per clause: neither pattern can
    # match across the punctuation that ends a clause, so a clause holds a match exactly when
    # a match starts inside it.
    starts = sorted(
        m.start() for pattern in (FUTURE_MARKERS, _PAST_ROUND) for m in pattern.finditer(text)
    )
    spans: list[tuple[int, int]] = []
    if not starts:
        return spans
    for clause in _CLAUSE.finditer(text):
        start, end = clause.span()
        first = bisect.bisect_left(starts, start)
        if first < len(starts) and starts[first] < end:
            spans.append((start, end))
        if end > starts[-1]:
            break  # no clause after this one holds a match
    return spans


def _weighted_dates(
    extraction: Extraction, future: Sequence[str]
) -> list[tuple[DateMention, float]]:
    """Each mentioned day with its weight: half when its sentence speaks of the future."""
    return [
        (m, WEIGHT_FUTURE_DATE if any(m.text in s for s in future) else UNIT_WEIGHT)
        for m in extraction.dates
    ]


def place_names(location: str) -> list[str]:
    """The place names in a round's location ("Madrid (Palacio de Santa Cruz)" → Madrid)."""
    head = location.split("(")[0]
    parts = re.split(r",| and ", head)
    return [p.strip() for p in parts if p.strip() and p.strip()[0].isupper()]


_FORMER = re.compile(r"\b(?:former|ex|then)\b")
_TITLE_NOISE = {"us", "u", "s", "china", "chinese", "of", "the", "and", "for", "to", "a"}
_LETTERS = re.compile(r"[a-z]+")
TITLES_KEPT = 1024
"""Distinct role titles whose words are kept (people.yml holds a few per person)."""


@functools.lru_cache(maxsize=TITLES_KEPT)
def _title_words(title: str) -> frozenset[str]:
    return frozenset(w for w in _LETTERS.findall(title.lower()) if w not in _TITLE_NOISE)


def _name_windows(person: Person, text: str) -> list[str]:
    """The text around each mention of the person, where a title would stand (`text` lower
    case, its hyphens made spaces: once per article, not once per person)."""
    return [
        text[max(0, m.start() - TITLE_WINDOW) : m.end() + TITLE_WINDOW]
        for name in person.names
        for m in re.finditer(re.escape(name.lower()), text)
    ]


def _offices(person: Person, windows: Sequence[str]) -> tuple[Role, ...] | None:
    """The roles the article's titling of the person (`windows`, from `_name_windows`) allows
    them to have held, None when any day will do: found once per article, then checked
    against each candidate round's day (`_in_office`).

    A person with no recorded roles could hold office on any day. When the article puts one
    of their recorded titles next to their name ("Vice Premier Liu He"), that title must
    cover the day; otherwise any role covering the day will do.
    """
    if not person.roles:
        return None
    if any(_FORMER.search(w) for w in windows):
        return None  # "former president Donald Trump" can be named in any year
    window_words = [set(_LETTERS.findall(w)) for w in windows]
    titled = [
        role
        for role in person.roles
        if (title := _title_words(role.title)) and any(title <= words for words in window_words)
    ]
    # "Foreign Minister Wang Yi" is right too while he is "State Councilor and Foreign
    # Minister": a longer title holding the one the article gives is the same office.
    compatible = [
        role
        for role in person.roles
        if any(_title_words(t.title) <= _title_words(role.title) for t in titled)
    ]
    return tuple(compatible or person.roles)


def _in_office(offices: tuple[Role, ...] | None, day: date) -> bool:
    """Whether a person, as the article titles them (`_offices`), could be so titled on
    `day`."""
    return offices is None or any(role.covers(day) for role in offices)


def _in_year_after(month: int, day: int, start: date) -> date | None:
    """The first (month, day) on or after `start` (None for a day no year has)."""
    for year in (start.year, start.year + 1):
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if found >= start:
            return found
    return None


def _month_number(day: date) -> int:
    """Months since year 0, so that consecutive calendar months differ by one."""
    return day.year * 12 + day.month - 1


def _yearless_match(month_day: tuple[int, int], round_: Round) -> bool:
    """Whether a month and day fall inside the round (give or take MENTION_SLACK)."""
    for year in {round_.start.year, round_.end.year}:
        try:
            day_ = date(year, *month_day)
        except ValueError:
            continue
        if _distance(day_, round_.start, round_.end) <= MENTION_SLACK:
            return True
    return False


class RoundIndex:
    """Rounds and people prepared once for assigning many articles."""

    def __init__(
        self,
        rounds: Sequence[Round],
        people: Sequence[Person],
        tariffs: Sequence[TariffAction] = (),
    ) -> None:
        self.people = people
        self.tariffs = tariffs
        people_by_id = {p.id: p for p in people}
        reaches, self.cadence = round_reaches(rounds), _cadence(rounds)
        self.facts = sorted(
            (
                _RoundFacts(
                    r,
                    tuple(place_names(r.location)),
                    tuple(_side_names(r, people_by_id)),
                    bool(_REMOTE_ROUND.search(f"{r.kind} {r.location}")),
                    reaches[r.id],
                )
                for r in rounds
            ),
            key=lambda f: (f.round.start, f.round.id),
        )
        self.by_id = {f.round.id: f for f in self.facts}
        self.widest_reach = max((max(f.reach) for f in self.facts), default=timedelta(0))
        self.starts = [f.round.start for f in self.facts]
        self.descriptions = _DescriptionIndex([f.round for f in self.facts])
        self.longest = max((f.round.end - f.round.start for f in self.facts), default=timedelta(0))
        self.places = places_pattern(p for f in self.facts for p in f.places)

    def _with_sequence(
        self, facts: _RoundFacts, scored: _Evidence, evidence: ArticleEvidence
    ) -> _Evidence:
        """Add the clues that place an undated article in the sequence of rounds."""
        score, reasons = scored.score, list(scored.reasons)
        round_ = facts.round
        days = [
            round_.start + timedelta(days=n) for n in range((round_.end - round_.start).days + 1)
        ]
        if evidence.weekdays & {d.weekday() for d in days}:
            score += WEIGHT_SEQUENCE
            reasons.append("its weekdays fall in the round")
        for direction, unit, place in evidence.neighbours:
            if self._neighbour(facts, direction, unit, place):
                score += WEIGHT_SEQUENCE
                which = "before" if direction < 0 else "after"
                reasons.append(f"a round in {place.title()} the {unit} {which}, as it says")
        if evidence.ordinal and self._rank(facts, evidence) == evidence.ordinal:
            score += WEIGHT_SEQUENCE
            reasons.append(f"meeting number {evidence.ordinal} of these people, as it says")
        for month, day in evidence.deadlines:
            deadline = _in_year_after(month, day, round_.end)
            if deadline and deadline - round_.end <= self.cadence:
                score += WEIGHT_SEQUENCE
                reasons.append(f"ends shortly before the deadline it names ({deadline})")
                break
        shared = self.descriptions.coverage(round_.id, evidence.words)
        if shared:
            score += WEIGHT_DESCRIPTION * shared
            reasons.append(f"shares {shared:.0%} of the round's description")
        return _Evidence(score, tuple(reasons))

    def _neighbour(self, facts: _RoundFacts, direction: int, unit: str, place: str) -> bool:
        """Whether a round at `place` came (or comes) the week or the calendar month before
        (after) this one, as "talks last week in Beijing" or "last month in Washington" say."""
        for other in self.facts:
            if other is facts or place not in {p.lower() for p in other.places}:
                continue
            if unit == "month":
                months = _month_number(facts.round.start) - _month_number(other.round.start)
                if months == -direction:
                    return True
                continue
            gap = (
                (facts.round.start - other.round.end).days
                if direction < 0
                else (other.round.start - facts.round.end).days
            )
            if NEIGHBOUR_DAYS[0] <= gap <= NEIGHBOUR_DAYS[1]:
                return True
        return False

    def _rank(self, facts: _RoundFacts, evidence: ArticleEvidence) -> int | None:
        """This round's place among the rounds of the delegates the article names."""
        named = {m for m in facts.members if m in evidence.people}
        if len(named) < 2:
            return None
        same = [f for f in self.facts if named <= set(f.members)]
        return same.index(facts) + 1

    def _inside_a_round(self, day: date) -> bool:
        """Whether `day` falls inside some round (give or take MENTION_SLACK)."""
        low = bisect.bisect_left(self.starts, day - MENTION_SLACK - self.longest)
        high = bisect.bisect_right(self.starts, day + MENTION_SLACK)
        return any(
            _distance(day, f.round.start, f.round.end) <= MENTION_SLACK
            for f in self.facts[low:high]
        )

    def _candidates(self, evidence: ArticleEvidence) -> list[_RoundFacts]:
        """Rounds the article can be about: for a dated article, only those whose reach
        covers its publication day (dates are hard evidence: a 2020 story is not a report of
        a 2018 round, whatever people and places they share)."""
        if not evidence.dated or evidence.published is None:
            return self.facts
        day = evidence.published
        low = bisect.bisect_left(self.starts, day - self.longest - self.widest_reach)
        high = bisect.bisect_right(self.starts, day + self.widest_reach)
        return [f for f in self.facts[low:high] if f.covers(day)]

    def assign(self, item: ProcessedArticle) -> Assignment:
        """The round the article reports on, with the reasons, or None when unclear."""
        if item.article.round is not None:
            return Assignment(item.article.round, "explicit round in the article's metadata")
        evidence = article_evidence(item, self.places, self.people, self.tariffs)
        claimed = frozenset(d for d, _ in evidence.days if self._inside_a_round(d))
        scored = sorted(
            (
                (self._with_sequence(f, _score(f, evidence, claimed), evidence), f.round)
                for f in self._candidates(evidence)
            ),
            key=lambda pair: (-pair[0].score, pair[1].start, pair[1].id),
        )
        candidates = tuple(
            Candidacy(round_.id, round(found.score, 1), "; ".join(found.reasons) or "no evidence")
            for found, round_ in scored[:2]
        )
        if not scored:
            return Assignment(None, self._lull(evidence.published))
        best, best_round = scored[0]
        if best.score < MIN_SCORE:
            return Assignment(
                None,
                f"no round has enough evidence (best: {best_round.id}, score {best.score:.1f})",
                candidates,
            )
        runner_up = scored[1][0].score if len(scored) > 1 else 0.0
        if best.score - runner_up < MIN_MARGIN:
            return Assignment(
                None,
                f"ambiguous between {best_round.id} and {scored[1][1].id} "
                f"(scores {best.score:.1f} and {runner_up:.1f})",
                candidates,
            )
        return Assignment(
            best_round.id, f"score {best.score:.1f}: " + "; ".join(best.reasons), candidates
        )

    def _lull(self, day: date | None) -> str:
        """Why an article has no candidate round: there are no rounds, or it was published in
        a lull between them (how far from the rounds on either side)."""
        if day is None or not self.facts:
            return "no rounds to assign it to"
        index = bisect.bisect_right(self.starts, day)
        around = [
            f"{(day - f.round.end).days} days after {f.round.id}"
            if f.round.end < day
            else f"{(f.round.start - day).days} days before {f.round.id}"
            for f in self.facts[max(index - 1, 0) : index + 1]
        ]
        return f"published far from every round (in a lull: {', '.join(around)})"

    def allows(self, round_id: str, item: ProcessedArticle) -> bool:
        """Whether the article's own date allows it to be about this round (an undated
        article's always does): a copy follows its original only into such a round."""
        facts = self.by_id.get(round_id)
        if facts is None or not item.dated or item.published is None:
            return True
        return facts.covers(item.published)
