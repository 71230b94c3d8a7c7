"""Where each page of the site lives: the one place that turns an id into a page path."""

from __future__ import annotations

import re


def article_slug(article_id: str) -> str:
    """The URL-safe form of an article id (lower-case, hyphens), used for its page path."""
    parts = [re.sub(r"[^a-z0-9]+", "-", part.lower()).strip("-") for part in article_id.split("/")]
    return "/".join(part or "article" for part in parts)


def round_page(round_id: str) -> str:
    """The Markdown file of a round's digest page."""
    return f"rounds/{round_id}.md"


def person_page(person_id: str) -> str:
    """The Markdown file of a person's page."""
    return f"people/{person_id}.md"


def institution_page(institution_id: str) -> str:
    """The Markdown file of an institution's page (institutions.yml)."""
    return f"institutions/{institution_id}.md"


def topic_page(topic_id: str) -> str:
    """The Markdown file of a topic's page."""
    return f"topics/{topic_id}.md"


def article_page(article_id: str) -> str:
    """The Markdown file of an article published in full (`publish_text`)."""
    return f"articles/{article_slug(article_id)}.md"
