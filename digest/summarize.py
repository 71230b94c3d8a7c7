"""Summarize stage: one `RoundDigest` per round, built only from the articles' own sentences.

"What happened" is extractive: sentences are scored (lead position, corroboration by several
articles, naming the round's people, place, topics and figures), near-identical sentences
carried by several outlets are merged into one with every source cited, redundant picks are
skipped, and the chosen sentences are put in the order of the days they describe.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from digest.model import (
    CoverageItem,
    Person,
    ProcessedArticle,
    Round,
    RoundDigest,
    RoundFigure,
    RoundQuote,
    SummarySentence,
    Topic,
    TopicEvidence,
)
from digest.text import SimilarSets, jaccard, paragraphs, sentences, tokens

TARGET_SUMMARY = 6
"""Sentences in "What happened" (the page promises 4–8; fewer only when the articles are thin)."""
MAX_QUOTES = 8
MAX_FIGURES = 10
FIGURE_JOIN = " · "
"""Between the figures of one sentence, shown in one Numbers row."""
SAME_SENTENCE = 0.7
"""Token Jaccard at which two outlets' sentences are one sentence (wire copy, light edits)."""
REDUNDANT = 0.45
"""Token Jaccard above which a candidate repeats a sentence already chosen."""
MIN_WORDS, MAX_WORDS = 8, 55
SHORTLIST = 300
"""Best-scoring sentences of a round that may be chosen; the rest only corroborate them."""

_WEAK_OPENING = re.compile(
    r"^(?:he|she|it|they|this|that|these|those|but|and|or|so|also|still|however|meanwhile)\b",
    re.IGNORECASE,
)
_QUOTE_MARKS = "\"“”‘’'"


@dataclass
class _Candidate:
    text: str
    words: set[str]
    score: float
    sources: list[str]
    day: date | None
    order: tuple[int, int]


def _speaker_ids(people: Sequence[Person]) -> dict[str, Person]:
    return {name: person for person in people for name in (person.name, *person.aliases)}


def _day_of(sentence: str, item: ProcessedArticle) -> date | None:
    for mention in item.extraction.dates:
        if mention.text in sentence:
            return mention.date
    return item.published


def _sentence_score(
    sentence: str,
    position: int,
    round_terms: Sequence[str],
    topic_keywords: Sequence[str],
) -> float:
    words = sentence.split()
    if not MIN_WORDS <= len(words) <= MAX_WORDS or sentence.endswith("?"):
        return 0.0
    if sentence[0] in _QUOTE_MARKS or sentence.count("“") + sentence.count('"') >= 2:
        return 0.0  # quotations belong in "What they said"
    score = 1.0 / (1.0 + 0.35 * position)
    lowered = sentence.lower()
    score += 0.4 * min(sum(term.lower() in lowered for term in round_terms), 3)
    score += 0.2 * min(sum(k in lowered for k in topic_keywords), 2)
    if re.search(r"\d", sentence):
        score += 0.2
    if _WEAK_OPENING.match(sentence):
        score *= 0.4
    if not sentence.rstrip(_QUOTE_MARKS + ")").endswith((".", "!")):
        score *= 0.3  # cut off mid-sentence at the end of an excerpt
    return score


def _candidates(
    items: Sequence[ProcessedArticle],
    copies: Mapping[str, Sequence[str]],
    round_terms: Sequence[str],
    topic_keywords: Sequence[str],
) -> list[_Candidate]:
    scored: list[tuple[str, set[str], float, int, int, ProcessedArticle]] = []
    for article_index, item in enumerate(items):
        position = 0
        for paragraph in paragraphs(item.clean.text):
            for sentence in sentences(paragraph):
                score = _sentence_score(sentence, position, round_terms, topic_keywords)
                position += 1
                if score > 0:
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
            twin.sources.extend(s for s in sources if s not in twin.sources)
            twin.score += 0.5 * score
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
            )
        )
    return merged


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    chosen: list[_Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (-c.score, c.order)):
        if len(chosen) >= TARGET_SUMMARY:
            break
        if any(jaccard(candidate.words, c.words) > REDUNDANT for c in chosen):
            continue
        chosen.append(candidate)
    return sorted(chosen, key=lambda c: (c.day or date.max, c.order))


def _quotes(
    items: Sequence[ProcessedArticle], people: Sequence[Person], round_: Round
) -> list[RoundQuote]:
    by_name = _speaker_ids(people)
    found: list[tuple[float, RoundQuote]] = []
    seen = SimilarSets(SAME_SENTENCE)
    for item in items:
        for quote in item.extraction.quotes:
            words = set(tokens(quote.text))
            if len(words) < 3 or seen.find(words) is not None:
                continue
            seen.add(words)
            person = by_name.get(quote.speaker or "")
            day = item.published
            role = person.role_on(day or round_.start) if person else None
            strength = min(len(quote.text.split()), 40) / 40 + (1.0 if person else 0.0)
            strength += 0.5 if quote.speaker else 0.0
            found.append(
                (strength, RoundQuote(quote.text, quote.speaker, role, day, item.article.id))
            )
    found.sort(key=lambda pair: -pair[0])
    return [quote for _, quote in found[:MAX_QUOTES]]


def _figures(items: Sequence[ProcessedArticle]) -> list[RoundFigure]:
    figures: list[RoundFigure] = []
    seen: set[str] = set()
    for item in items:
        for figure in item.extraction.figures:
            key = " ".join(tokens(figure.text))
            if key in seen:
                continue
            seen.add(key)
            figures.append(RoundFigure(figure.text, figure.kind, figure.sentence, item.article.id))
    return figures[:MAX_FIGURES]


def _topics(
    items: Sequence[ProcessedArticle], topics: Sequence[Topic], avoid: set[str]
) -> list[TopicEvidence]:
    """Each topic the round's articles raise, with a sentence showing it.

    Topics raised by more articles choose first; a sentence already used (in the summary or
    for another topic) is taken only when there is no other.
    """
    carriers = {t.id: [i for i in items if t.id in i.extraction.topics] for t in topics}
    split = {
        i.article.id: [s for p in paragraphs(i.clean.text) for s in sentences(p)] for i in items
    }
    used = set(avoid)
    evidence = []
    for topic in sorted(topics, key=lambda t: (-len(carriers[t.id]), t.title)):
        if not carriers[topic.id]:
            continue
        pattern = re.compile(
            r"\b(?:" + "|".join(re.escape(k) for k in topic.keywords) + ")", re.IGNORECASE
        )
        hits = [
            (s, item.article.id)
            for item in carriers[topic.id]
            for s in split[item.article.id]
            if pattern.search(s)
        ]
        sentence, source = next(
            (hit for hit in hits if hit[0] not in used),
            hits[0] if hits else ("", carriers[topic.id][0].article.id),
        )
        used.add(sentence)
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
) -> RoundDigest:
    """The digest of one round from its original articles (`items`, copies left out).

    `copies` maps an original article id to the ids of its syndicated copies, which are cited
    alongside it but never counted twice.
    """
    by_id = {p.id: p for p in people}
    members = [by_id[m].name if m in by_id else m for ms in round_.delegations.values() for m in ms]
    surnames = [m.split()[-1] for m in members]
    round_terms = [round_.location, *members, *surnames]
    keywords = [k for t in topics for k in t.keywords]
    picked = _select(_candidates(items, copies, round_terms, keywords))
    summary = tuple(SummarySentence(c.text, tuple(c.sources), c.day) for c in picked)
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
        quotes=tuple(_quotes(items, people, round_)),
        figures=tuple(_figures(items)),
        topics=tuple(_topics(items, topics, {s.text for s in summary})),
        people=tuple(mentioned),
    )
