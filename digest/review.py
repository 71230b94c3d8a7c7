"""What an editor should look at after a build: rounds to settle (articles assigned to no
round or by a low margin, with their two best candidates), articles with almost no text left,
suspected copies, and speakers missing from people.yml. `digest build` and `digest check`
print them and the build report lists them; `--strict` makes them errors."""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence

from digest.assign import MIN_MARGIN
from digest.extract.mentions import index_institutions, looks_like_name
from digest.model import Assignment, Content, Problem, ProcessedArticle, Review

REVIEW_MARGIN = 2 * MIN_MARGIN
"""An article won by less than this over the runner-up is listed for review though assigned:
within twice the margin that decides, one clue more or less would have changed the round."""


def rounds_to_settle(
    processed: Sequence[ProcessedArticle], assignments: dict[str, Assignment], content: Content
) -> tuple[Review, ...]:
    """The articles whose round an editor should settle: unassigned, or won by a low margin
    (an article assigned by its metadata or as a copy carries no candidates, so is never
    listed), each with its two best candidates, their evidence and the settling line."""
    root = str(content.root)
    return tuple(
        _review(os.path.join(root, item.article.path), item.article.id, assignment)
        for item in processed
        if _needs_review(assignment := assignments[item.article.id])
    )


def _needs_review(assignment: Assignment) -> bool:
    if assignment.round is None:
        return True
    found = assignment.candidates
    return len(found) > 1 and found[0].score - found[1].score < REVIEW_MARGIN


def _review(path: str, article_id: str, assignment: Assignment) -> Review:
    best = assignment.round or (
        assignment.candidates[0].round if assignment.candidates else "ROUND-ID"
    )
    settle = f"round: {best}"
    state = (
        f"assigned to no round: {assignment.reason}"
        if assignment.round is None
        else f"assigned to {assignment.round} by a low margin"
    )
    candidates = " | ".join(
        f"{c.round} (score {c.score:g}: {c.evidence})" for c in assignment.candidates
    )
    message = (
        f"{state}; candidates: {candidates or 'none'}; settle it with "
        f"'{settle}' (or the right round's id) in its front matter"
    )
    return Review(article_id, assignment, settle, Problem(path, None, message))


MIN_CLEAN_WORDS = 8
"""A cleaned article shorter than this is no article: the file held something else, or the
text was lost on the way. (The shortest of the 90 annotated corpus articles keeps 36 words
once cleaned; 8 leaves room for a genuine brief.)"""


def editor_warnings(
    processed: Sequence[ProcessedArticle], duplicates: dict[str, str], content: Content
) -> list[Problem]:
    """What an editor should look at besides the rounds to settle: articles with (almost) no
    text left, suspected copies (shown once) and speakers not in people.yml (nor bodies of
    institutions.yml)."""
    known = {name for person in content.people for name in person.names}
    bodies = index_institutions(content.institutions)

    @functools.cache  # by speaker: the same few hundred speak in every round
    def is_unknown(speaker: str) -> bool:
        return (
            speaker not in known
            and looks_like_name(speaker.split())
            and bodies.find(speaker) is None
        )

    found = []
    root = str(content.root)
    for item in processed:
        path = os.path.join(root, item.article.path)
        words = item.words
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
        if item.article.id in duplicates:
            found.append(
                Problem(
                    path,
                    None,
                    f"suspected copy of {duplicates[item.article.id]}: listed once, as "
                    "'also carried by'",
                )
            )
        for speaker in item.speakers:
            if is_unknown(speaker):
                found.append(
                    Problem(path, None, f"speaker '{speaker}' is not in people.yml; add them")
                )
    return found
