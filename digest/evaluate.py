"""Scores against an annotated corpus (the format of ../shared/corpus, see its README).

- cleaning: token precision, recall and F1 (lower-cased `\\w+` tokens with counts) per article,
  averaged; plus the share of boilerplate tokens removed;
- quotations: one-to-one matching at ≥ 0.90 difflib similarity of normalised texts; speaker
  accuracy over matched pairs (equal names or equal last words);
- rounds: assignment accuracy (null included) and duplicate-pair precision and recall.
"""

from __future__ import annotations

import dataclasses
import difflib
import gzip
import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from digest.lexicon import NUMBER_WORDS, ORDINAL_WORDS, STOP_WORDS
from digest.load import load_reference, split_front_matter
from digest.model import Article, Content, DigestError, Problem
from digest.pipeline import assemble
from digest.process import clean_article, process_articles
from digest.standing import lost_words
from digest.summarize import FIGURE_JOIN
from digest.text import (
    contains,
    content_words,
    dateline_end,
    is_fragment,
    jaccard,
    looks_like_junk,
    quote_fragment,
    tokens,
    unresolved_opening,
)

QUOTE_MATCH = 0.9


@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1."""

    precision: float
    recall: float
    f1: float


@dataclass(frozen=True)
class GoldArticle:
    """One annotated article: its raw text as an `Article`, and the gold annotations."""

    article: Article
    gold: dict[str, Any]


def prf(true_positive: float, predicted: float, actual: float) -> Scores:
    """Precision, recall and F1 from counts (an empty side scores 1 when both are empty)."""
    precision = true_positive / predicted if predicted else float(actual == 0)
    recall = true_positive / actual if actual else float(predicted == 0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1)


def token_scores(predicted: str, gold: str) -> Scores:
    """Bag-of-tokens precision, recall and F1 of `predicted` against `gold`."""
    ours, theirs = Counter(tokens(predicted)), Counter(tokens(gold))
    overlap = sum((ours & theirs).values())
    return prf(overlap, sum(ours.values()), sum(theirs.values()))


def read_corpus(corpus: Path, half: int | None = None) -> list[GoldArticle]:
    """Every annotated article of `corpus` (raw text + gold yml), sorted by id; with `half`
    (1 or 2), only the articles of that half of the corpus (`corpus_half`)."""
    folder = corpus / "articles"
    if not folder.is_dir():
        raise DigestError([Problem(str(corpus), None, "no articles/ folder; is this a corpus?")])
    items = []
    for raw in sorted(folder.glob("*.txt")):
        gold_path = raw.with_suffix(".yml")
        gold = yaml.safe_load(gold_path.read_text("utf-8")) if gold_path.exists() else {}
        gold = gold or {}
        _, body, _ = split_front_matter(raw.read_text("utf-8"))
        items.append(
            GoldArticle(
                Article(
                    id=raw.stem,
                    path=f"articles/{raw.name}",
                    text=body,
                    format="text",
                    title=gold.get("title") or "",
                    outlet=gold.get("outlet") or "",
                    url=gold.get("url") or "",
                    published=gold.get("published"),
                ),
                gold,
            )
        )
    if half is None:
        return items
    halves = corpus_halves({i.article.id: i.gold.get("duplicate_of") for i in items})
    return [i for i in items if halves[i.article.id] == half]


def corpus_halves(links: dict[str, str | None]) -> dict[str, int]:
    """Each article's half of a corpus (1 or 2), fixed by a hash of its story: copies of one
    story stay together, so that copy detection can be scored within a half. Rules are written
    while reading one half and measured on the other, which no rule was written for."""
    story = {article: article for article in links}

    def root(article: str) -> str:
        while story[article] != article:
            article = story[article]
        return article

    for copy, original in links.items():
        if original in story:
            first, second = sorted((root(copy), root(original)))
            story[second] = first
    return {
        article: 1 + hashlib.sha256(root(article).encode()).digest()[0] % 2 for article in links
    }


def _corpus_content(items: Sequence[GoldArticle], reference: Content) -> Content:
    return Content(
        root=reference.root,
        rounds=reference.rounds,
        people=reference.people,
        topics=reference.topics,
        articles=tuple(i.article for i in items),
        tariffs=reference.tariffs,
        outlet_hints=reference.outlet_hints,
        institutions=reference.institutions,
    )


def _process_all(items: Sequence[GoldArticle], reference: Content):
    content = _corpus_content(items, reference)
    return content, process_articles(content)


def boilerplate_removed(raw: str, predicted: str, gold: str) -> tuple[int, int]:
    """(boilerplate tokens removed, boilerplate tokens in all): raw minus gold is boilerplate."""
    boilerplate = Counter(tokens(raw)) - Counter(tokens(gold))
    kept = Counter(tokens(predicted)) - Counter(tokens(gold))
    left = sum((boilerplate & kept).values())
    total = sum(boilerplate.values())
    return total - left, total


def eval_clean(
    corpus: Path, reference: Content, baselines: bool = False, half: int | None = None
) -> Iterable[str]:
    """Lines scoring the cleaner on `corpus`, a summary last; with baselines side by side."""
    items = read_corpus(corpus, half)
    _, processed = _process_all(items, reference)
    systems: dict[str, Callable[[GoldArticle, int], str]] = {
        "digest": lambda item, i: processed[i].clean.text
    }
    if baselines:
        systems["trafilatura"] = lambda item, i: _trafilatura_lines(item.article.text)
        systems["justext"] = lambda item, i: _justext_lines(item.article.text)
    rows: dict[str, list[Scores]] = {name: [] for name in systems}
    removed = total = 0
    yield "article\t" + "\t".join(f"{n} P/R/F1" for n in systems)
    for index, item in enumerate(items):
        cells = []
        for name, system in systems.items():
            scores = token_scores(system(item, index), item.gold.get("clean") or "")
            rows[name].append(scores)
            cells.append(f"{scores.precision:.3f}/{scores.recall:.3f}/{scores.f1:.3f}")
        got, out_of = boilerplate_removed(
            item.article.text, processed[index].clean.text, item.gold.get("clean") or ""
        )
        removed, total = removed + got, total + out_of
        yield f"{item.article.id}\t" + "\t".join(cells)
    for name, system_scores in rows.items():
        worst = min(range(len(system_scores)), key=lambda i: system_scores[i].f1)
        yield (
            f"SUMMARY {name}: articles {len(system_scores)}  {_averages(system_scores)}"
            f"  min F1 {system_scores[worst].f1:.4f} ({items[worst].article.id})"
        )
    share = removed / max(total, 1)
    yield f"SUMMARY boilerplate tokens removed by digest: {removed}/{total} = {share:.4f}"


def _averages(scores: Sequence[Scores]) -> str:
    return (
        f"precision {_mean(s.precision for s in scores):.4f}"
        f"  recall {_mean(s.recall for s in scores):.4f}  F1 {_mean(s.f1 for s in scores):.4f}"
    )


def _mean(values: Iterable[float]) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def _as_html(text: str) -> str:
    import html

    paragraphs = "".join(
        f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip()
    )
    return f"<html><body><article>{paragraphs}</article></body></html>"


def _trafilatura_lines(text: str) -> str:
    import trafilatura

    return trafilatura.extract(_as_html(text)) or ""


def _justext_lines(text: str) -> str:
    import justext

    paragraphs = justext.justext(_as_html(text).encode("utf-8"), justext.get_stoplist("English"))
    return "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def benchmark_pages(benchmark: Path) -> Iterator[tuple[str, Path, str, str]]:
    """(sha, path, markup, expected body) of every saved page of an HTML extraction
    benchmark (`ground-truth.json` beside an `html/` folder of gzipped pages), by sha."""
    truth = json.loads((benchmark / "ground-truth.json").read_text("utf-8"))
    for sha in sorted(truth):
        page = benchmark / "html" / f"{sha}.html.gz"
        if page.exists():
            markup = gzip.decompress(page.read_bytes()).decode("utf-8", errors="replace")
            yield sha, page, markup, truth[sha].get("articleBody") or ""


def eval_html(benchmark: Path) -> Iterable[str]:
    """Lines scoring the HTML path against an extraction benchmark, trafilatura alone beside."""
    import trafilatura

    ours: list[Scores] = []
    theirs: list[Scores] = []
    yield "page\tdigest F1\ttrafilatura F1"
    for sha, page, markup, gold in benchmark_pages(benchmark):
        article = Article(id=sha, path=str(page), text=markup, format="html")
        ours.append(token_scores(clean_article(article).text, gold))
        theirs.append(token_scores(trafilatura.extract(markup) or "", gold))
        yield f"{sha[:12]}\t{ours[-1].f1:.3f}\t{theirs[-1].f1:.3f}"
    for name, scores in (("digest", ours), ("trafilatura", theirs)):
        yield f"SUMMARY {name}: pages {len(scores)}  {_averages(scores)}"


def normalised(text: str) -> str:
    """The text as lower-cased `\\w+` tokens joined by spaces, the form scores compare."""
    return " ".join(tokens(text))


def speakers_match(predicted: str | None, gold: str | None) -> bool:
    """Equal normalised names, or equal last words (None matches only None)."""
    if not predicted or not gold:
        return not predicted and not gold
    ours, theirs = normalised(predicted), normalised(gold)
    return ours == theirs or (
        bool(ours) and bool(theirs) and ours.split()[-1] == theirs.split()[-1]
    )


def match_quotes(
    predicted: Sequence[tuple[str, str | None]], gold: Sequence[tuple[str, str | None]]
) -> list[tuple[int, int]]:
    """One-to-one pairs (predicted index, gold index) at ≥ 0.90 similarity, best first."""
    pairs = []
    for i, (ours, _) in enumerate(predicted):
        for j, (theirs, _) in enumerate(gold):
            ratio = difflib.SequenceMatcher(None, normalised(ours), normalised(theirs)).ratio()
            if ratio >= QUOTE_MATCH:
                pairs.append((ratio, i, j))
    used_i: set[int] = set()
    used_j: set[int] = set()
    matched = []
    for _, i, j in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if i not in used_i and j not in used_j:
            used_i.add(i)
            used_j.add(j)
            matched.append((i, j))
    return matched


def eval_quotes(corpus: Path, reference: Content, half: int | None = None) -> Iterable[str]:
    """Lines scoring quotation extraction (and speakers) on `corpus`, a summary last."""
    items = read_corpus(corpus, half)
    _, processed = _process_all(items, reference)
    found = expected = hits = speaker_hits = 0
    yield "article\tpredicted\tgold\tmatched\tspeakers right\tmisses"
    for item, result in zip(items, processed, strict=True):
        predicted = [(q.text, q.speaker) for q in result.extraction.quotes]
        gold = [(q["text"], q.get("speaker")) for q in item.gold.get("quotes") or []]
        matched = match_quotes(predicted, gold)
        right = sum(speakers_match(predicted[i][1], gold[j][1]) for i, j in matched)
        found, expected = found + len(predicted), expected + len(gold)
        hits, speaker_hits = hits + len(matched), speaker_hits + right
        wrong = [
            f"speaker {predicted[i][1]!r} for {gold[j][1]!r}"
            for i, j in matched
            if not speakers_match(predicted[i][1], gold[j][1])
        ]
        missed = [
            f"missed {gold[j][0][:50]!r}"
            for j in range(len(gold))
            if j not in {jj for _, jj in matched}
        ]
        extra = [
            f"extra {predicted[i][0][:50]!r}"
            for i in range(len(predicted))
            if i not in {ii for ii, _ in matched}
        ]
        yield (
            f"{item.article.id}\t{len(predicted)}\t{len(gold)}\t{len(matched)}\t{right}\t"
            + "; ".join(wrong + missed + extra)
        )
    scores = prf(hits, found, expected)
    yield (
        f"SUMMARY quotes: predicted {found}  gold {expected}  matched {hits}  "
        f"precision {scores.precision:.4f}  recall {scores.recall:.4f}  F1 {scores.f1:.4f}  "
        f"speaker accuracy {speaker_hits / max(hits, 1):.4f}"
    )


def _pairs(links: dict[str, str | None]) -> set[frozenset[str]]:
    """Unordered pairs of articles in one story group (links closed transitively)."""
    groups: dict[str, set[str]] = {}
    for copy, original in links.items():
        if not original:
            continue
        merged = groups.get(copy, {copy}) | groups.get(original, {original})
        for member in merged:
            groups[member] = merged
    return {
        frozenset((a, b))
        for group in map(frozenset, groups.values())
        for a in group
        for b in group
        if a < b
    }


def eval_rounds(corpus: Path, reference: Content, half: int | None = None) -> Iterable[str]:
    """Lines scoring round assignment and duplicate detection on `corpus`, a summary last.

    Beside accuracy, the summary counts the articles put in a wrong round (`wrong`: assigned,
    but not to the gold round) and those left in no round though the gold names one
    (`unassigned`): a wrong round misleads readers, a missing one only waits for an editor.

    The corpus's own rounds.yml is used when it has one; people and topics come from
    `reference` (the content folder).
    """
    items = read_corpus(corpus, half)
    if (corpus / "rounds.yml").exists():
        rounds = load_reference(corpus).rounds
        reference = Content(
            reference.root,
            rounds,
            reference.people,
            reference.topics,
            (),
            tariffs=reference.tariffs,
            outlet_hints=reference.outlet_hints,
            institutions=reference.institutions,
        )
    content, processed = _process_all(items, reference)
    data = assemble(content, processed)
    right = wrong = unassigned = 0
    yield "article\tgold round\tpredicted\tok\twhy"
    for item in items:
        gold = item.gold.get("round")
        assignment = data.assignments[item.article.id]
        ok = assignment.round == gold
        right += ok
        # A wrong round misleads a reader; no round only waits for an editor.
        wrong += not ok and assignment.round is not None
        unassigned += not ok and assignment.round is None
        verdict = "ok" if ok else ("WRONG" if assignment.round is not None else "MISSED")
        yield f"{item.article.id}\t{gold}\t{assignment.round}\t{verdict}\t{assignment.reason}"
    gold_pairs = _pairs({i.article.id: i.gold.get("duplicate_of") for i in items})
    predicted_pairs = _pairs(dict(data.duplicates))
    overlap = len(gold_pairs & predicted_pairs)
    dup = prf(overlap, len(predicted_pairs), len(gold_pairs))
    for pair in sorted(sorted(p) for p in predicted_pairs ^ gold_pairs):
        side = "extra" if frozenset(pair) in predicted_pairs else "missed"
        yield f"duplicate pair {side}: {pair[0]} ~ {pair[1]}"
    yield (
        f"SUMMARY rounds: accuracy {right}/{len(items)} = {right / max(len(items), 1):.4f}  "
        f"wrong {wrong}  unassigned {unassigned}  "
        f"duplicates: predicted pairs {len(predicted_pairs)}  gold pairs {len(gold_pairs)}  "
        f"precision {dup.precision:.4f}  recall {dup.recall:.4f}"
    )


def eval_titles(corpus: Path, reference: Content, half: int | None = None) -> Iterable[str]:
    """Lines scoring headline finding on `corpus`, a summary last.

    Each article is processed from its raw text alone (no metadata title, outlet or date), as
    `digest extract` would a scraped page, and its `title` compared with the gold `title`: the
    same normalised words are right. Only articles whose gold has a title are scored; a title
    found on a page whose gold has none is counted apart (a made-up headline).
    """
    items = read_corpus(corpus, half)
    bare = [
        GoldArticle(
            Article(id=i.article.id, path=i.article.path, text=i.article.text, format="text"),
            i.gold,
        )
        for i in items
    ]
    _, processed = _process_all(bare, reference)
    right = scored = made_up = 0
    yield "article\tok\tgold title\tfound title"
    for item, result in zip(items, processed, strict=True):
        gold = item.gold.get("title") or ""
        ok = normalised(gold) == normalised(result.title)
        if gold:
            scored, right = scored + 1, right + ok
            verdict = "ok" if ok else "WRONG"
        else:
            made_up += bool(result.title)
            verdict = "none" if not result.title else "EXTRA"
        yield f"{item.article.id}\t{verdict}\t{gold}\t{result.title}"
    yield (
        f"SUMMARY titles: articles {len(items)}  with a gold title {scored}  right {right}"
        f"  accuracy {right / max(scored, 1):.4f}  without a gold title {len(items) - scored}"
        f"  (a title found for {made_up} of them)"
    )


# --- Round pages as an analyst reads them --------------------------------------------------

SUMMARY_MIN_WORDS = 8
"""A "What happened" sentence shorter than this is a fragment (the summarizer's own floor)."""
QUOTE_MIN_WORDS = 6
"""A quotation shown on its own with fewer words says nothing without its sentence (the issue
found a third of person-page quotes at ≤ 3 words, all of them meaningless alone)."""
QUOTE_MIN_CONTENT = 4
"""Content words (not stop words) a quotation needs to say something: "The real question is,
Bob," has three; "The talks were a big success," has four."""
NEAR_DUPLICATE = 0.5
"""Word Jaccard at which two items of one section say the same thing (copies with edits)."""
INSIDE = 0.8
"""Share of a shorter item's words inside a longer one at which it repeats the longer one."""
OTHER_ROUND_MARGIN = 3
"""Days outside a round's own dates a sentence's date may fall before it counts as another
round's date (it must also lie within another round's dates, give or take a day)."""


@dataclass
class PageDefects:
    """Defects a program can see on round pages, by section, with the items counted."""

    items: Counter[str]
    found: dict[str, list[tuple[str, str, str]]]
    """Section → (round id, defect class, example)."""

    def add(self, section: str, round_id: str, kind: str, example: str) -> None:
        self.found.setdefault(section, []).append((round_id, kind, example[:110]))


def _other_round_day(text: str, item: Any, round_: Any, rounds: Sequence[Any]) -> date | None:
    """A day the text names as past that is another round's and not this one's, if any (a
    meeting still ahead when the article appeared is the next step, not another round's news)."""
    margin = timedelta(days=OTHER_ROUND_MARGIN)
    published = item.published or date.max
    for mention in item.extraction.dates:
        day = mention.date
        if mention.text not in text or round_.start - margin <= day <= round_.end + margin:
            continue
        if day > published:
            continue
        one = timedelta(days=1)
        if any(r.id != round_.id and r.start - one <= day <= r.end + one for r in rounds):
            return day
    return None


SAME_NEWS_NORMALISED = 0.6
"""Share of the shorter text's normalised words (`_normalised_words`) found in the longer one
at which two items of a page report the same news. Measured on pairs of the corpus pages read
by hand: the same news in other words or numerals shares 0.62–0.65, different news of one
round at most 0.55. A check of its own: the summarizer compares raw content words and
figures, this compares stems with numbers and units written one way."""
_UNIT_FORMS = (
    (re.compile(r"\s*(?:per ?cent|percent|%)", re.IGNORECASE), " pct "),
    (re.compile(r"\s*(?:bn|billion)\b", re.IGNORECASE), " e9 "),
    (re.compile(r"\s*(?:mn|million)\b", re.IGNORECASE), " e6 "),
)
_ENDINGS = ("ing", "ed", "s")
"""Endings taken off a word before items are compared ("meetings"/"meeting", "marked"/"mark")."""
_STEM_MIN = 4
"""Letters a word keeps when an ending is taken off ("news" and "sides" stay whole)."""


def _normalised_words(text: str) -> set[str]:
    """The words of `text` written one way whatever the outlet's style: lower case, stop words
    out, endings off, numbers in digits ("four", "fourth" and "4th" are "4"), units after them
    one way ("25 per cent" and "25%" give "25 pct", "$200bn" and "$200 billion" "200 e9")."""
    for pattern, unit in _UNIT_FORMS:
        text = pattern.sub(unit, text)
    words = set()
    for word in tokens(text.replace(",", "")):
        if word in STOP_WORDS:
            continue
        number = NUMBER_WORDS.get(word, ORDINAL_WORDS.get(word))
        if number is not None:
            word = str(number)
        elif re.fullmatch(r"\d+(?:st|nd|rd|th)", word):
            word = word[:-2]
        else:
            word = next(
                (
                    word[: -len(e)]
                    for e in _ENDINGS
                    if word.endswith(e) and len(word) - len(e) >= _STEM_MIN
                ),
                word,
            )
        words.add(word)
    return words


def same_news(a: str, b: str) -> bool:
    """Whether two items of a page report the same news, in other words or numerals."""
    shorter, longer = sorted((_normalised_words(a), _normalised_words(b)), key=len)
    return contains(longer, shorter, SAME_NEWS_NORMALISED)


def _repeats(texts: Sequence[str]) -> list[int]:
    """Positions of texts that repeat an earlier one (near-identical, contained in it, or the
    same news in other words)."""
    seen: list[tuple[str, set[str]]] = []
    out = []
    for position, text in enumerate(texts):
        words = set(tokens(text))
        if any(
            jaccard(words, other) >= NEAR_DUPLICATE
            or contains(other, words, INSIDE)
            or contains(words, other, INSIDE)
            or same_news(text, earlier)
            for earlier, other in seen
        ):
            out.append(position)
        seen.append((text, words))
    return out


def _repeats_one_of(text: str, others: Sequence[str]) -> bool:
    """Whether `text` repeats one of `others` (near-identical, one inside the other, or the
    same news)."""
    return bool(others) and _repeats([*others, text])[-1:] == [len(others)]


@dataclass
class _Page:
    """One round page as the checks read it."""

    digest: Any
    data: Any
    rounds: Sequence[Any]
    glance: list[str]
    """The sentences of "At a glance" (outcome, next step)."""
    texts: list[str]
    """The sentences of "What happened"."""

    @property
    def round_id(self) -> str:
        return self.digest.round.id

    def other_round_day(self, text: str, article_id: str) -> date | None:
        return _other_round_day(text, self.data.article(article_id), self.digest.round, self.rounds)


_QUESTION_END = "\"'”’)]"
_PRONOUN_SPEAKER = re.compile(
    r"[,”\"’']\s*(?:he|she|they)\s+(?:said|says|added|told|noted|stated)\b"
)
"""A sentence credited to a pronoun (', "…deal," he said.'): its speaker is not on the page."""
_UNATTRIBUTED_VIEW = re.compile(
    r"\b(?:many|some|most)\s+(?:believe|believed|think|thought|feel|felt)\b|\bspeculation\b"
    r"|\bshould\s+(?:not\s+)?be\s+(?:seen|read)\s+as\b|\bcertainly\b",
    re.IGNORECASE,
)
"""A view credited to no one ("many believed…", "much speculation", "should not be seen as…")."""
_AMOUNT = re.compile(
    r"(\d+(?:\.\d+)?)\s*(?:%|per ?cent\b|percent\b)|\$\s?(\d+(?:\.\d+)?)\s*(bn|billion|trillion)?",
    re.IGNORECASE,
)
RECALLED_WORDS = 0.3
"""Share of an outcome's normalised words an earlier round's summary must hold, besides an
amount, for the outcome to be that round's recalled (the Busan tariff cut retold on the next
call's page shares about 0.35; a round's own outcome and an earlier summary under 0.2)."""


def _amounts(text: str) -> set[str]:
    """Shares and sums a text gives, written one way ("10 percent" and "10%": "10%")."""
    found = set()
    for match in _AMOUNT.finditer(text):
        if match.group(1):
            found.add(f"{float(match.group(1)):g}%")
        else:
            unit = (match.group(3) or "").lower().replace("bn", "billion")
            found.add(f"${float(match.group(2)):g} {unit}".strip())
    return found


def _recalled_round(text: str, round_: Any, rounds: Sequence[Any]) -> str | None:
    """The earlier round whose outcome (its rounds.yml summary) `text` retells, if any: it
    shares an amount and some words with that summary and no amount with its own round's."""
    amounts = _amounts(text)
    if not amounts or amounts & _amounts(round_.summary or ""):
        return None
    words = _normalised_words(text)
    for other in rounds:
        if other.end >= round_.start or not other.summary:
            continue
        if amounts & _amounts(other.summary) and contains(
            _normalised_words(other.summary), words, RECALLED_WORDS
        ):
            return other.id
    return None


def _check_summary(page: _Page, defects: PageDefects) -> None:
    """ "What happened": sentences that do not stand alone, are junk, cut, garbled or about
    another round; repeats of each other or of "At a glance"."""
    defects.items["summary"] += len(page.texts)
    for s in page.digest.summary:
        if unresolved_opening(s.text):
            defects.add("summary", page.round_id, "unresolved opening", s.text)
        elif dateline_end(s.text):
            defects.add("summary", page.round_id, "dateline", s.text)
        elif looks_like_junk(s.text):
            defects.add("summary", page.round_id, "junk", s.text)
        elif lost_words(s.text):
            defects.add("summary", page.round_id, "words lost", s.text)
        elif is_fragment(s.text, SUMMARY_MIN_WORDS):
            defects.add("summary", page.round_id, "fragment", s.text)
        elif page.other_round_day(s.text, s.sources[0]):
            defects.add("summary", page.round_id, "other round", s.text)
        elif s.text[:1] not in _QUESTION_END and _PRONOUN_SPEAKER.search(s.text):
            defects.add("summary", page.round_id, "credited to a pronoun", s.text)
        elif _UNATTRIBUTED_VIEW.search(s.text):
            defects.add("summary", page.round_id, "unattributed view", s.text)
    for position in _repeats(page.texts):
        defects.add("summary", page.round_id, "near-duplicate", page.texts[position])
    for text in page.texts:
        if _repeats_one_of(text, page.glance):
            defects.add("summary", page.round_id, "repeats At a glance", text)


def _check_statements(page: _Page, defects: PageDefects) -> None:
    """ "What each side said": a statement repeating what "At a glance" or "What happened"
    shows, or credited to no one."""
    for quote in (*page.digest.statements.us, *page.digest.statements.china):
        defects.items["statements"] += 1
        shown = quote.context or quote.text
        if _repeats_one_of(shown, [*page.glance, *page.texts]):
            defects.add("statements", page.round_id, "repeats a sentence shown above", shown)
        elif not quote.speaker:
            defects.add("statements", page.round_id, "no speaker", shown)


def _check_quotes(page: _Page, defects: PageDefects) -> None:
    """ "What they said": fragments, trivial or garbled remarks, questions, remarks about
    another round, repeats."""
    stated = (*page.digest.statements.us, *page.digest.statements.china)
    listed = [q for q in page.digest.quotes if q not in stated]  # the page shows those once
    quotes = [q.text for q in listed]
    defects.items["quotes"] += len(quotes)
    for q in listed:
        shown = q.context or q.text
        if not q.context and quote_fragment(q.text, QUOTE_MIN_WORDS):
            defects.add("quotes", page.round_id, "short fragment", q.text)
        elif len(content_words(q.text)) < QUOTE_MIN_CONTENT:
            defects.add("quotes", page.round_id, "trivial", q.text)
        elif lost_words(q.text):
            defects.add("quotes", page.round_id, "words lost", q.text)
        elif shown.rstrip(_QUESTION_END).endswith("?"):
            defects.add("quotes", page.round_id, "a question", shown)
        elif page.other_round_day(shown, q.article):
            defects.add("quotes", page.round_id, "other round", q.text)
    for position in _repeats(quotes):
        defects.add("quotes", page.round_id, "repeat", quotes[position])
    for q in listed:
        if _repeats_one_of(q.context or q.text, [*page.glance, *page.texts]):
            defects.add("quotes", page.round_id, "repeats a sentence shown above", q.text)


def _check_figures(page: _Page, defects: PageDefects) -> None:
    """ "Numbers": a sentence given two rows; a figure not found whole in its sentence."""
    defects.items["figures"] += len(page.digest.figures)
    rows = [f.sentence for f in page.digest.figures]
    for position in _repeats(rows):
        defects.add("figures", page.round_id, "repeated sentence row", rows[position])
    for f in page.digest.figures:
        for text in f.text.split(FIGURE_JOIN):
            bounded = r"(?<![\w.,])" + re.escape(text.strip()) + r"(?!\w)"
            if not re.search(bounded, f.sentence):
                defects.add(
                    "figures", page.round_id, "figure cut or mis-read", f"{text} | {f.sentence}"
                )


def _check_topics(page: _Page, defects: PageDefects) -> None:
    """ "Issues on the table": evidence repeated under two topics, printed again in full when
    "At a glance" or "What happened" already shows it (the page should point there), without
    its topic's words, or inside doubled quotation marks."""
    from digest.render import evidence_shown_above

    evidence = [t for t in page.digest.topics if t.sentence]
    defects.items["topics"] += len(evidence)
    for position in _repeats([t.sentence for t in evidence]):
        defects.add("topics", page.round_id, "repeated evidence", evidence[position].sentence)
    pointed = evidence_shown_above(page.digest)
    for t in evidence:
        if t.topic not in pointed and _repeats_one_of(t.sentence, [*page.glance, *page.texts]):
            defects.add("topics", page.round_id, "repeats a sentence shown above", t.sentence)
    keywords = {t.id: t.keywords for t in page.data.content.topics}
    for t in evidence:
        pattern = r"\b(?:" + "|".join(re.escape(k) for k in keywords[t.topic]) + ")"
        if not re.search(pattern, t.sentence, re.IGNORECASE):
            defects.add("topics", page.round_id, "evidence without the topic's words", t.sentence)
        if t.sentence[:1] in "\"“”'‘’" or t.sentence.rstrip()[-1:] in "\"“”'‘’":
            defects.add("topics", page.round_id, "doubled quote marks", t.sentence)


def _check_coverage(
    page: _Page, defects: PageDefects, pages_show: dict[str, Any], headlines: dict[str, str]
) -> None:
    """Coverage: an entry without the headline its article page carries; a URL listed twice."""
    from digest.render import coverage_footnotes, coverage_headline

    digest = page.digest
    articles = {i: page.data.article(i).article for i in digest.article_ids}
    _, listed = coverage_footnotes(digest, articles)
    urls: Counter[str] = Counter()
    for article_id in digest.article_ids:
        if article_id not in listed:
            continue
        defects.items["coverage"] += 1
        urls[articles[article_id].url] += 1
        shown = coverage_headline(pages_show[article_id])
        if headlines.get(article_id) and shown == article_id:
            defects.add("coverage", page.round_id, "no headline", article_id)
    for url, count in urls.items():
        if url and count > 1:
            defects.add("coverage", page.round_id, "the same URL listed twice", url)


def _check_outcome(page: _Page, defects: PageDefects) -> None:
    """Outcome: a round with coverage dated on or after its last day and no outcome; an
    outcome that retells an earlier round's."""
    digest = page.digest
    end_round = digest.round
    end = digest.round.end
    after = [i for i in digest.article_ids if (page.data.article(i).published or date.min) >= end]
    if digest.coverage:
        defects.items["outcome"] += 1
    if after and digest.outcome is None:
        defects.add("outcome", page.round_id, "post-round coverage, no outcome", after[0])
    if digest.outcome is not None and _recalled_round(digest.outcome.text, end_round, page.rounds):
        defects.add("outcome", page.round_id, "an earlier round's outcome", digest.outcome.text)


def check_pages(data: Any, rounds: Sequence[Any], headlines: dict[str, str]) -> PageDefects:
    """The defects of every round page of `data`, section by section; `headlines` maps an
    article id to the headline its page carries (articles without one are not counted for
    coverage)."""
    from digest.render import shown_articles

    defects = PageDefects(Counter(), {})
    pages_show = shown_articles(data)
    for digest in data.digests:
        glance = [s.text for s in (digest.outcome, digest.next) if s is not None]
        page = _Page(digest, data, rounds, glance, [s.text for s in digest.summary])
        _check_summary(page, defects)
        _check_statements(page, defects)
        _check_quotes(page, defects)
        _check_figures(page, defects)
        _check_topics(page, defects)
        _check_coverage(page, defects, pages_show, headlines)
        _check_outcome(page, defects)
    return defects


PAGE_SECTIONS = ("summary", "statements", "quotes", "figures", "topics", "coverage", "outcome")


def eval_pages(corpus: Path, reference: Content, half: int | None = None) -> Iterable[str]:
    """Lines counting the machine-visible defects of the round pages built from `corpus`
    (articles with only url, outlet and published as metadata; the corpus's rounds.yml;
    people and topics from `reference`): each defect with an example, a line per section and
    a summary last."""
    items = read_corpus(corpus, half)
    headlines = {i.article.id: i.gold.get("title") or "" for i in items}
    bare = [GoldArticle(dataclasses.replace(i.article, title=""), i.gold) for i in items]
    rounds = load_reference(corpus).rounds if (corpus / "rounds.yml").exists() else reference.rounds
    reference = dataclasses.replace(reference, rounds=rounds, articles=())
    content, processed = _process_all(bare, reference)
    data = assemble(content, processed)
    defects = check_pages(data, rounds, headlines)
    yield "section\tround\tdefect\texample"
    for section in PAGE_SECTIONS:
        for round_id, kind, example in defects.found.get(section, []):
            yield f"{section}\t{round_id}\t{kind}\t{example}"
    total = 0
    for section in PAGE_SECTIONS:
        found = defects.found.get(section, [])
        total += len(found)
        kinds = Counter(kind for _, kind, _ in found)
        share = len(found) / max(defects.items[section], 1)
        detail = ", ".join(f"{k} {n}" for k, n in kinds.most_common())
        yield (
            f"SECTION {section}: {len(found)} defects / {defects.items[section]} items "
            f"= {share:.4f}" + (f" ({detail})" if detail else "")
        )
    covered = [d for d in data.digests if d.coverage]
    yield (
        f"INFO at a glance: outcome on {sum(d.outcome is not None for d in covered)}, next on "
        f"{sum(d.next is not None for d in covered)} of {len(covered)} pages with coverage"
    )
    yield (
        f"SUMMARY pages: rounds {len(data.digests)}  defects {total}  "
        + "  ".join(
            f"{s} {len(defects.found.get(s, []))}/{defects.items[s]}" for s in PAGE_SECTIONS
        )
    )
