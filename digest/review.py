"""What an editor should look at after a build: articles assigned to no round, suspected
copies, and speakers missing from people.yml. `digest build` prints them and the build report
lists them; `--strict` makes them errors."""

from __future__ import annotations

import os
from collections.abc import Sequence

from digest.extract.mentions import looks_like_name
from digest.model import Assignment, Content, Problem, ProcessedArticle


def editor_warnings(
    processed: Sequence[ProcessedArticle],
    assignments: dict[str, Assignment],
    duplicates: dict[str, str],
    content: Content,
) -> list[Problem]:
    """What an editor should look at: unassigned articles, suspected copies (shown once), and
    speakers not in people.yml."""
    known = {name for person in content.people for name in person.names}
    found = []
    root = str(content.root)
    for item in processed:
        path = os.path.join(root, item.article.path)
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
