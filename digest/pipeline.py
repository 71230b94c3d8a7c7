"""The pipeline wired together: content → cleaned, extracted articles → rounds → digests.

Each stage lives in its own module; this one only calls them in order and gathers what the
pages, the JSON API and the build report need. No file or network I/O happens here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from digest.assign import assign_round
from digest.clean import OutletTemplate, clean_text, html_to_text, learn_templates
from digest.dedupe import Candidate, copies_of, find_duplicates
from digest.extract import extract
from digest.model import (
    Article,
    Assignment,
    Content,
    Person,
    Problem,
    ProcessedArticle,
    RoundDigest,
    Topic,
)
from digest.summarize import summarize_round


@dataclass(frozen=True)
class SiteData:
    """Everything the render stage turns into pages, JSON and the build report."""

    content: Content
    articles: tuple[ProcessedArticle, ...]
    assignments: dict[str, Assignment]
    duplicates: dict[str, str]
    digests: tuple[RoundDigest, ...]
    warnings: tuple[Problem, ...]

    def article(self, article_id: str) -> ProcessedArticle:
        """The processed article with this id."""
        return self._by_id[article_id]

    @property
    def _by_id(self) -> dict[str, ProcessedArticle]:
        return {item.article.id: item for item in self.articles}


def source_text(article: Article) -> str:
    """The article's text as the cleaner reads it (HTML pages are extracted first)."""
    return html_to_text(article.text) if article.format == "html" else article.text


def outlet_templates(content: Content) -> dict[str, OutletTemplate]:
    """Boilerplate learned per outlet from all its articles, plus outlets.yml hints."""
    texts: dict[str, list[str]] = defaultdict(list)
    for article in content.articles:
        if article.outlet:
            texts[article.outlet].append(source_text(article))
    return learn_templates(texts, content.outlet_hints)


def process_article(
    article: Article,
    template: OutletTemplate | None,
    people: Sequence[Person],
    topics: Sequence[Topic],
) -> ProcessedArticle:
    """Clean and extract one article: the per-article stages."""
    cleaned = clean_text(source_text(article), title=article.title, template=template)
    extraction = extract(cleaned.text, published=article.published, people=people, topics=topics)
    return ProcessedArticle(article, cleaned, extraction)


def process_articles(content: Content) -> list[ProcessedArticle]:
    """Run the per-article stages over every article of the content folder."""
    templates = outlet_templates(content)
    return [
        process_article(a, templates.get(a.outlet), content.people, content.topics)
        for a in content.articles
    ]


def _originals_first(items: Sequence[ProcessedArticle]) -> list[Candidate]:
    return [
        Candidate(
            i.article.id,
            i.clean.text,
            (i.article.published is None, i.article.published, -len(i.clean.text)),
        )
        for i in items
    ]


def assemble(content: Content, processed: Sequence[ProcessedArticle]) -> SiteData:
    """Assign rounds, find copies, and summarize every round."""
    duplicates = find_duplicates(_originals_first(processed))
    assignments = {
        item.article.id: assign_round(
            item.article, item.extraction, item.clean.text, content.rounds, content.people
        )
        for item in processed
    }
    # A copy follows its original: one story, one round (unless the copy names its own round).
    for copy, original in duplicates.items():
        copy_article = next(i.article for i in processed if i.article.id == copy)
        if copy_article.round is None:
            assignments[copy] = Assignment(
                assignments[original].round, f"copy of {original}: follows its round"
            )
    copies = copies_of(duplicates)
    members: dict[str, list[ProcessedArticle]] = defaultdict(list)
    for item in processed:
        round_id = assignments[item.article.id].round
        if round_id is not None and item.article.id not in duplicates:
            members[round_id].append(item)
    for items in members.values():
        items.sort(key=lambda i: (i.article.published is None, i.article.published, i.article.id))
    digests = tuple(
        summarize_round(r, members.get(r.id, []), copies, content.people, content.topics)
        for r in content.rounds
    )
    return SiteData(
        content,
        tuple(processed),
        assignments,
        duplicates,
        digests,
        tuple(_warnings(processed, assignments, content.people)),
    )


def _warnings(
    processed: Sequence[ProcessedArticle],
    assignments: dict[str, Assignment],
    people: Sequence[Person],
) -> list[Problem]:
    """What an editor should look at: unassigned articles and speakers not in people.yml."""
    known = {name for person in people for name in person.names}
    found = []
    for item in processed:
        path = f"articles/{item.article.path.removeprefix('articles/')}"
        assignment = assignments[item.article.id]
        if assignment.round is None:
            found.append(Problem(path, None, f"assigned to no round: {assignment.reason}"))
        for speaker in sorted({q.speaker for q in item.extraction.quotes if q.speaker}):
            if speaker not in known and len(speaker.split()) >= 2 and speaker[0].isupper():
                found.append(
                    Problem(path, None, f"speaker '{speaker}' is not in people.yml; add them")
                )
    return found


def run(content: Content) -> SiteData:
    """The whole pipeline after loading: per-article stages, then assembly."""
    return assemble(content, process_articles(content))
