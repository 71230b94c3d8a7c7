"""Scores against an annotated corpus (the format of ../shared/corpus, see its README).

- cleaning: token precision, recall and F1 (lower-cased `\\w+` tokens with counts) per article,
  averaged; plus the share of boilerplate tokens removed;
- quotations: one-to-one matching at ≥ 0.90 difflib similarity of normalised texts; speaker
  accuracy over matched pairs (equal names or equal last words);
- rounds: assignment accuracy (null included) and duplicate-pair precision and recall.
"""

from __future__ import annotations

import difflib
import gzip
import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from digest.load import load_reference, split_front_matter
from digest.model import Article, Content, DigestError, Problem
from digest.pipeline import assemble
from digest.process import clean_article, process_articles
from digest.text import tokens

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


def eval_html(benchmark: Path) -> Iterable[str]:
    """Lines scoring the HTML path against an extraction benchmark, trafilatura alone beside."""
    import trafilatura

    truth = json.loads((benchmark / "ground-truth.json").read_text("utf-8"))
    ours: list[Scores] = []
    theirs: list[Scores] = []
    yield "page\tdigest F1\ttrafilatura F1"
    for sha in sorted(truth):
        page = benchmark / "html" / f"{sha}.html.gz"
        if not page.exists():
            continue
        markup = gzip.decompress(page.read_bytes()).decode("utf-8", errors="replace")
        gold = truth[sha].get("articleBody") or ""
        article = Article(id=sha, path=str(page), text=markup, format="html")
        ours.append(token_scores(clean_article(article).text, gold))
        theirs.append(token_scores(trafilatura.extract(markup) or "", gold))
        yield f"{sha[:12]}\t{ours[-1].f1:.3f}\t{theirs[-1].f1:.3f}"
    for name, scores in (("digest", ours), ("trafilatura", theirs)):
        yield f"SUMMARY {name}: pages {len(scores)}  {_averages(scores)}"


def _normalised(text: str) -> str:
    return " ".join(tokens(text))


def speakers_match(predicted: str | None, gold: str | None) -> bool:
    """Equal normalised names, or equal last words (None matches only None)."""
    if not predicted or not gold:
        return not predicted and not gold
    ours, theirs = _normalised(predicted), _normalised(gold)
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
            ratio = difflib.SequenceMatcher(None, _normalised(ours), _normalised(theirs)).ratio()
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
        )
    content, processed = _process_all(items, reference)
    data = assemble(content, processed)
    right = 0
    yield "article\tgold round\tpredicted\tok\twhy"
    for item in items:
        gold = item.gold.get("round")
        assignment = data.assignments[item.article.id]
        ok = assignment.round == gold
        right += ok
        verdict = "ok" if ok else "WRONG"
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
        ok = _normalised(gold) == _normalised(result.title)
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
