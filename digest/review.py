"""What an editor should look at after a build: articles with almost no text, articles
assigned to no round, suspected copies, and speakers missing from people.yml. `digest build`
prints them and the build report lists them; `--strict` makes them errors."""

from __future__ import annotations

import os
from collections.abc import Sequence

from digest.extract.mentions import looks_like_name
from digest.model import Assignment, Content, Problem, ProcessedArticle

MIN_CLEAN_WORDS = 8
"""A cleaned article shorter than this is no article: the file held something else, or the
text was lost on the way. (The shortest of the 90 annotated corpus articles keeps 36 words
once cleaned; 8 leaves room for a genuine brief.)"""


def editor_warnings(
    processed: Sequence[ProcessedArticle],
    assignments: dict[str, Assignment],
    duplicates: dict[str, str],
    content: Content,
) -> list[Problem]:
    """What an editor should look at: articles with (almost) no text left, unassigned
    articles, suspected copies (shown once), and speakers not in people.yml."""
    known = {name for person in content.people for name in person.names}
    found = []
    root = str(content.root)
    for item in processed:
        path = os.path.join(root, item.article.path)
        words = len(item.clean.text.split())
        if words < MIN_CLEAN_WORDS:
            found.append(
                Problem(
                    path,
                    None,
                    f"almost no text left after cleaning ({words} words): check that the file "
                    "holds the article (a page of links, a scrape that failed, markup nested "
                    "too deep to read)",
                )
            )
        assignment = assignments[item.article.id]
        if assignment.round is None:
            found.append(Problem(path, None, f"assigned to no round: {assignment.reason}"))
        if item.article.id in duplicates:
            found.append(
                Problem(
                    path,
                    None,
                    f"suspected copy of {duplicates[item.article.id]}: listed once, as "
                    "'also carried by'",
                )
            )
        for speaker in sorted({q.speaker for q in item.extraction.quotes if q.speaker}):
            if speaker not in known and looks_like_name(speaker.split()):
                found.append(
                    Problem(path, None, f"speaker '{speaker}' is not in people.yml; add them")
                )
    return found
