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
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from digest.extract.dates import month_days
from digest.extract.published import embedded_post_days
from digest.lexicon import FUTURE_MARKERS, WEEKDAYS
from digest.model import (
    Assignment,
    DateMention,
    Extraction,
    Person,
    ProcessedArticle,
    Round,
    TariffAction,
)
from digest.text import paragraphs, sentences

MENTION_SLACK = timedelta(days=1)
"""A mentioned day this close to a round counts as inside it (time zones, overnight talks)."""
NEAR_WINDOW = timedelta(days=7)
PUBLISHED_BEFORE = timedelta(days=10)
PUBLISHED_AFTER = timedelta(days=4)
MIN_SCORE = 4.0
MIN_MARGIN = 0.75

WEIGHT_DAY_INSIDE = 3.0
WEIGHT_DAY_NEAR = 1.0
WEIGHT_PUBLISHED = 3.0
WEIGHT_PUBLISHED_DURING = 1.0
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
"""Extra for a trade-talk article published while a round was under way."""
WEIGHT_PLACE = 2.0
WEIGHT_MEMBER = 1.5
MAX_MEMBERS = 3
WEIGHT_WHOLE_DELEGATION = 1.0
"""Extra when every delegate of a round is named (a leaders' meeting has only two)."""
WEIGHT_PLACE_IN_LEAD = 1.5
WEIGHT_PLACE_REPEATED = 0.5
TARIFF_VALUE_TOLERANCE = 0.1
"""A cited goods value this close to a tariff action's ("$200 billion", "$200bn") matches it."""
WEIGHT_FUTURE_DATE = 0.5
"""A day named in a sentence about the future ("will meet on May 8") counts half: a report of
one round often announces the next. With nothing else, the coming round still wins."""
LEAD_CHARS = 400
"""The opening of the text, where a report names the place it is about."""
TITLE_WINDOW = 40
"""Characters around a name searched for the title the article gives that person."""
WEIGHT_YEAR = 0.5

WEIGHT_OUT_OF_OFFICE = 1.5
"""Penalty per named person who held no recorded role at the round's date (a 2019 article
naming Mnuchin as Treasury Secretary is not about a 2025 round)."""

_REMOTE_ROUND = re.compile(r"\b(?:call|phone|video|virtual)\b", re.IGNORECASE)
_REMOTE_TALK = re.compile(
    r"\b(?:phone call|telephone|by phone|video call|video conference|videoconference|"
    r"virtual meeting|call with|spoke by|held a call)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(20[0-4]\d)\b")


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
    """Mentions of each known place name: how many, whether one is in the lead, and whether
    all are in sentences about the future (the next round's venue, not this one's)."""
    remote_talk: bool
    out_of_office: Callable[[date], tuple[str, ...]]
    tariff_days: tuple[date, ...] = ()
    """Days of the tariff actions (tariffs.yml) whose rate and goods value the article cites."""
    weekdays: frozenset[int] = frozenset()
    """Weekdays named in sentences about what happened (Monday = 0)."""
    neighbours: tuple[tuple[int, str], ...] = ()
    """Other rounds the article points to: (-1 last / +1 next week, lower-case place)."""
    ordinal: int | None = None
    """"the second call", "the third round": which meeting of these people this is."""
    words: frozenset[str] = frozenset()
    """The article's content words, matched against the rounds' descriptions."""


def _distance(day: date, start: date, end: date) -> timedelta:
    if day < start:
        return start - day
    if day > end:
        return day - end
    return timedelta(0)


def _member_names(round_: Round, people_by_id: dict[str, Person]) -> list[str]:
    names = []
    for members in round_.delegations.values():
        for member in members:
            person = people_by_id.get(member)
            names.append(person.name if person else member)
    return names


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
    future = _future_sentences(text)
    future_spans = _future_spans(text, future)
    place_counts: dict[str, tuple[int, bool, bool]] = {}
    for match in places.finditer(lowered):
        count, in_lead, only_future = place_counts.get(match.group(), (0, False, True))
        in_future = any(start <= match.start() < end for start, end in future_spans)
        place_counts[match.group()] = (
            count + 1,
            in_lead or match.start() < LEAD_CHARS,
            only_future and in_future,
        )
    named = [p for p in people if p.name in extraction.people and p.roles]
    windows = {p.id: _name_windows(p, lowered) for p in named}

    def out_of_office(day: date) -> tuple[str, ...]:
        return tuple(p.name for p in named if not _in_office(p, day, windows[p.id]))

    # An undated article that embeds a post is dated by the post's stamp like by a day it
    # names; a dated article's own day already says when it was written.
    posted: tuple[date, ...] = () if item.dated else embedded_post_days(item.clean.removed)

    return ArticleEvidence(
        published=item.published,
        dated=item.dated,
        days=tuple((m.date, w) for m, w in _weighted_dates(extraction, future))
        + tuple((d, 1.0) for d in posted),
        yearless_days=tuple(month_days(text)) if not extraction.dates else (),
        years=frozenset(_YEAR.findall(text)),
        people=frozenset(extraction.people),
        place_counts=place_counts,
        remote_talk=bool(_REMOTE_TALK.search(text)),
        out_of_office=functools.cache(out_of_office),
        tariff_days=cited_tariff_actions(extraction, tariffs) if not item.dated else (),
        **(_sequence_clues(text, places) if not item.dated else {}),
        words=frozenset(content_words(text[:DESCRIPTION_CHARS])),
    )


@dataclass(frozen=True)
class _RoundFacts:
    """A round with what scoring needs of it worked out once."""

    round: Round
    places: tuple[str, ...]
    members: tuple[str, ...]
    remote: bool


def _score(
    facts: _RoundFacts, evidence: ArticleEvidence, claimed: frozenset[date] = frozenset()
) -> _Evidence:
    """How strongly the article's evidence points to this round, with the reasons.

    `claimed` holds the mentioned days that fall inside some round: such a day is evidence
    for that round only, not "near" evidence for its neighbours ("talks ended today" on the
    last day of one round says nothing for the round a week later).
    """
    round_ = facts.round
    score, reasons = 0.0, []
    inside = near = 0.0
    close = False
    for day, weight in evidence.days:
        gap = _distance(day, round_.start, round_.end)
        if gap <= MENTION_SLACK:
            inside += weight
        elif gap <= NEAR_WINDOW:
            close = True
            if day not in claimed:
                near += weight
    if inside:
        score += WEIGHT_DAY_INSIDE * min(inside, 2)
        reasons.append(f"mentions day(s) of the round (weight {inside:g})")
    if near:
        score += WEIGHT_DAY_NEAR * min(near, 2)
        reasons.append(f"mentions day(s) within a week of it (weight {near:g})")
    cited = [
        d for d in evidence.tariff_days if _distance(d, round_.start, round_.end) <= NEAR_WINDOW
    ]
    if cited:
        score += WEIGHT_DAY_INSIDE
        reasons.append(f"cites the tariff action of {cited[0]}")
    if not evidence.dated:
        yearless = sum(_yearless_match(m, round_) for m in evidence.yearless_days)
        if yearless:
            score += WEIGHT_DAY_INSIDE * min(yearless, 2)
            reasons.append(f"names {yearless} day(s) of the round (month and day)")
    published = evidence.published
    published_near = False
    if published and round_.start - PUBLISHED_BEFORE <= published <= round_.end + PUBLISHED_AFTER:
        # News reports a round while it runs and just after; earlier pieces only anticipate it.
        window = PUBLISHED_BEFORE if published < round_.start else PUBLISHED_AFTER * 2
        closeness = 1.0 - _distance(published, round_.start, round_.end) / window
        score += WEIGHT_PUBLISHED * max(closeness, 0.2)
        if round_.start <= published <= round_.end and evidence.dated:
            score += WEIGHT_PUBLISHED_DURING
            reasons.append(f"published {published}, during the round")
        else:
            reasons.append(f"published {published}, near the round")
        published_near = True
    for place in facts.places:
        if place.lower() in evidence.place_counts:
            mentions, in_lead, only_future = evidence.place_counts[place.lower()]
            weight = WEIGHT_FUTURE_DATE if only_future else 1.0
            score += weight * (WEIGHT_PLACE + (WEIGHT_PLACE_IN_LEAD if in_lead else 0.0))
            score += WEIGHT_PLACE_REPEATED * min(mentions - 1, 2)
            reasons.append(f"names {place} ({mentions}×)")
            break
    if evidence.remote_talk and facts.remote:
        score += WEIGHT_PLACE
        reasons.append("talks by phone or video, like the round")
    named = [n for n in facts.members if n in evidence.people]
    if named:
        score += WEIGHT_MEMBER * min(len(named), MAX_MEMBERS)
        reasons.append("names delegation members " + ", ".join(named[:MAX_MEMBERS]))
        if len(named) == len(facts.members) >= 2:
            score += WEIGHT_WHOLE_DELEGATION
            reasons.append("names the whole delegation")
    if published is None and str(round_.start.year) in evidence.years:
        score += WEIGHT_YEAR
        reasons.append(f"mentions the year {round_.start.year}")
    if evidence.dated and not (inside or close or published_near):
        # A dated article whose dates are nowhere near the round is not a report of it,
        # whatever places and people it shares with it.
        return _Evidence(min(score, MIN_SCORE - 1.0), (*reasons, "but its dates are far from it"))
    absent = evidence.out_of_office(round_.start)
    if absent:
        score -= WEIGHT_OUT_OF_OFFICE * len(absent)
        reasons.append("names people out of that office then: " + ", ".join(absent))
    return _Evidence(score, tuple(reasons))


_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
_NEIGHBOUR = re.compile(
    r"\b(?:(last|previous|past)|(next|following|coming))\s+week\b", re.IGNORECASE
)
_ORDINAL = re.compile(
    r"\b(first|second|third|fourth|fifth|sixth)\s+(?:time|call|round|meeting|face-to-face)",
    re.IGNORECASE,
)
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")


def _sequence_clues(text: str, places: re.Pattern[str]) -> dict[str, object]:
    """What an undated article says about where its round sits among the others: the weekdays
    it happened on, rounds a week before or after it and where, and "the second call"."""
    weekdays: set[int] = set()
    neighbours: set[tuple[int, str]] = set()
    ordinal = None
    for paragraph in paragraphs(text):
        for sentence in sentences(paragraph):
            future = bool(FUTURE_MARKERS.search(sentence))
            if not future:
                weekdays.update(WEEKDAYS.index(w.lower()) for w in _WEEKDAY.findall(sentence))
            for match in _NEIGHBOUR.finditer(sentence):
                direction = -1 if match.group(1) else 1
                for place in places.findall(sentence.lower()):
                    neighbours.add((direction, place))
            found = _ORDINAL.search(sentence)
            if found and ordinal is None:
                ordinal = _ORDINALS.index(found.group(1).lower()) + 1
    return {
        "weekdays": frozenset(weekdays),
        "neighbours": tuple(sorted(neighbours)),
        "ordinal": ordinal,
    }


_CONTENT_WORD = re.compile(r"[a-z][a-z'-]{3,}")
_COMMON = frozenset(
    [
        "that",
        "this",
        "with",
        "from",
        "have",
        "were",
        "their",
        "there",
        "which",
        "would",
        "about",
        "after",
        "said",
        "says",
        "also",
        "they",
        "them",
        "than",
        "then",
        "been",
        "into",
        "more",
        "most",
        "some",
        "such",
        "over",
        "only",
        "other",
        "will",
        "when",
        "what",
        "where",
        "while",
        "both",
        "each",
        "between",
        "against",
        "talks",
        "trade",
        "china",
        "chinese",
        "united",
        "states",
        "american",
        "officials",
    ]
)


def content_words(text: str) -> set[str]:
    """Lower-case words of four letters or more, without the commonest ones."""
    return set(_CONTENT_WORD.findall(text.lower())) - _COMMON


class _DescriptionIndex:
    """The rounds' own descriptions (title, summary, outcome) as weighted word sets."""

    def __init__(self, rounds: Sequence[Round]) -> None:
        self.words = {
            r.id: content_words(" ".join((r.title, r.summary, r.outcome))) for r in rounds
        }
        frequency = Counter(w for words in self.words.values() for w in words)
        self.weight = {w: math.log((len(rounds) + 1) / n) for w, n in frequency.items()}

    def coverage(self, round_id: str, article_words: frozenset[str]) -> float:
        """Share of the round's description (by word weight) that the article also uses."""
        words = self.words.get(round_id, set())
        total = sum(self.weight[w] for w in words)
        if not total:
            return 0.0
        return sum(self.weight[w] for w in words & article_words) / total


def _future_sentences(text: str) -> list[str]:
    """The sentences that speak of the future ("will meet", "next week")."""
    return [s for p in paragraphs(text) for s in sentences(p) if FUTURE_MARKERS.search(s)]


def _future_spans(text: str, future: Sequence[str]) -> list[tuple[int, int]]:
    """Character spans of the `future` sentences in `text`."""
    spans, lowered = [], text.lower()
    for sentence in future:
        start = lowered.find(sentence.lower()[:60])
        if start >= 0:
            spans.append((start, start + len(sentence)))
    return spans


def _weighted_dates(
    extraction: Extraction, future: Sequence[str]
) -> list[tuple[DateMention, float]]:
    """Each mentioned day with its weight: half when its sentence speaks of the future."""
    return [
        (m, WEIGHT_FUTURE_DATE if any(m.text in s for s in future) else 1.0)
        for m in extraction.dates
    ]


def place_names(location: str) -> list[str]:
    """The place names in a round's location ("Madrid (Palacio de Santa Cruz)" → Madrid)."""
    head = location.split("(")[0]
    parts = re.split(r",| and ", head)
    return [p.strip() for p in parts if p.strip() and p.strip()[0].isupper()]


_FORMER = re.compile(r"\b(?:former|ex|then)\b")
_TITLE_NOISE = {"us", "u", "s", "china", "chinese", "of", "the", "and", "for", "to", "a"}


def _title_words(title: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", title.lower()) if w not in _TITLE_NOISE}


def _name_windows(person: Person, lowered_text: str) -> list[str]:
    """The text around each mention of the person, where a title would stand."""
    text = lowered_text.replace("-", " ")
    return [
        text[max(0, m.start() - TITLE_WINDOW) : m.end() + TITLE_WINDOW]
        for name in person.names
        for m in re.finditer(re.escape(name.lower()), text)
    ]


def _in_office(person: Person, day: date, windows: Sequence[str]) -> bool:
    """Whether the person, as the article titles them, could be so titled on `day`.

    A person with no recorded roles always could. When the article puts one of their recorded
    titles next to their name ("Vice Premier Liu He"), that title must cover the day;
    otherwise any role covering the day will do.
    """
    if not person.roles:
        return True
    if any(_FORMER.search(w) for w in windows):
        return True  # "former president Donald Trump" can be named in any year
    titled = [
        role
        for role in person.roles
        if _title_words(role.title)
        and any(_title_words(role.title) <= set(re.findall(r"[a-z]+", w)) for w in windows)
    ]
    return any(role.covers(day) for role in (titled or person.roles))


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
        self.facts = sorted(
            (
                _RoundFacts(
                    r,
                    tuple(place_names(r.location)),
                    tuple(_member_names(r, people_by_id)),
                    bool(_REMOTE_ROUND.search(f"{r.kind} {r.location}")),
                )
                for r in rounds
            ),
            key=lambda f: (f.round.start, f.round.id),
        )
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
        for direction, place in evidence.neighbours:
            if self._neighbour(facts, direction, place):
                score += WEIGHT_SEQUENCE
                which = "before" if direction < 0 else "after"
                reasons.append(f"a round in {place.title()} the week {which}, as it says")
        if evidence.ordinal and self._rank(facts, evidence) == evidence.ordinal:
            score += WEIGHT_SEQUENCE
            reasons.append(f"meeting number {evidence.ordinal} of these people, as it says")
        shared = self.descriptions.coverage(round_.id, evidence.words)
        if shared:
            score += WEIGHT_DESCRIPTION * shared
            reasons.append(f"shares {shared:.0%} of the round's description")
        return _Evidence(score, tuple(reasons))

    def _neighbour(self, facts: _RoundFacts, direction: int, place: str) -> bool:
        """Whether a round at `place` ended (or starts) about a week before (after) this one."""
        for other in self.facts:
            if other is facts or place not in {p.lower() for p in other.places}:
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
        """Rounds that could score: for a dated article, only those near one of its days.

        A dated article far from a round scores below MIN_SCORE for it (see `_score`), so
        skipping such rounds changes no decision and keeps 10,000 articles quick.
        """
        if not evidence.dated:
            return self.facts
        reach = max(PUBLISHED_BEFORE, NEAR_WINDOW, PUBLISHED_AFTER) + MENTION_SLACK
        days = [d for d, _ in evidence.days]
        if evidence.published:
            days.append(evidence.published)
        chosen: dict[str, _RoundFacts] = {}
        for day in days:
            low = bisect.bisect_left(self.starts, day - reach - self.longest)
            high = bisect.bisect_right(self.starts, day + reach)
            for facts in self.facts[low:high]:
                chosen[facts.round.id] = facts
        return list(chosen.values())

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
        if not scored or scored[0][0].score < MIN_SCORE:
            best = f" (best: {scored[0][1].id}, score {scored[0][0].score:.1f})" if scored else ""
            return Assignment(None, f"no round has enough evidence{best}")
        (best, best_round) = scored[0]
        runner_up = scored[1][0].score if len(scored) > 1 else 0.0
        if best.score - runner_up < MIN_MARGIN:
            return Assignment(
                None,
                f"ambiguous between {best_round.id} and {scored[1][1].id} "
                f"(scores {best.score:.1f} and {runner_up:.1f})",
            )
        return Assignment(best_round.id, f"score {best.score:.1f}: " + "; ".join(best.reasons))
