"""Shared fixtures: small content folders written by the tests themselves."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support import PEOPLE_YML, ROUNDS_YML, TOPICS_YML, WIRE_STORY, article


@pytest.fixture
def make_content(tmp_path: Path) -> Callable[..., Path]:
    """Write a content folder: the three YAML files and the given articles (path → text)."""

    def write(
        articles: dict[str, str] | None = None,
        rounds: str = ROUNDS_YML,
        people: str | None = PEOPLE_YML,
        topics: str | None = TOPICS_YML,
        extra: dict[str, str] | None = None,
    ) -> Path:
        root = tmp_path / "content"
        (root / "articles").mkdir(parents=True, exist_ok=True)
        (root / "rounds.yml").write_text(rounds, "utf-8")
        if people is not None:
            (root / "people.yml").write_text(people, "utf-8")
        if topics is not None:
            (root / "topics.yml").write_text(topics, "utf-8")
        for name, text in {**(articles or {}), **(extra or {})}.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
        return root

    return write


@pytest.fixture
def wire_articles() -> dict[str, str]:
    """One wire story carried by two outlets, plus a second story, all about May 2019."""
    return {
        "articles/alpha-wire.md": article(
            {
                "title": "Talks end without deal",
                "outlet": "Alpha Wire",
                "url": "https://alpha.example/talks",
                "published": "2019-05-10",
            },
            WIRE_STORY,
        ),
        "articles/beta-news.md": article(
            {
                "title": "US-China talks end with no deal",
                "outlet": "Beta News",
                "url": "https://beta.example/talks",
                "published": "2019-05-11",
            },
            WIRE_STORY,
        ),
    }
