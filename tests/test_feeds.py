"""Feeds remembered between builds: written again only when what they list changed."""

from __future__ import annotations

import dataclasses

import pytest

from digest import feeds, pipeline
from digest.cache import BuildCache
from digest.load import load_content
from digest.model import SiteData
from digest.render import RenderOptions


@pytest.fixture
def site_data(make_content, wire_articles) -> SiteData:
    return pipeline.run(load_content(make_content(wire_articles)))


def test_a_remembered_round_feed_is_not_made_again(site_data, tmp_path, monkeypatch):
    cache = BuildCache(tmp_path / "cache")
    first = feeds.site_feeds(site_data, RenderOptions(), cache)
    assert first == feeds.site_feeds(site_data, RenderOptions())  # as without a cache

    def unexpected(*args: object) -> None:
        raise AssertionError("a round feed made again although nothing it lists changed")

    monkeypatch.setattr(feeds, "_coverage_entries", unexpected)
    assert feeds.site_feeds(site_data, RenderOptions(), cache) == first


def test_a_round_feed_follows_an_edit_of_its_articles_metadata(site_data, tmp_path):
    cache = BuildCache(tmp_path / "cache")
    before = feeds.site_feeds(site_data, RenderOptions(), cache)
    item = site_data.articles[0]
    moved = dataclasses.replace(item.article, url="https://elsewhere.example/story")
    edited = dataclasses.replace(
        site_data,
        # An edited file gives its article a new cache key.
        articles=(
            dataclasses.replace(item, article=moved, key=item.key + "-edited"),
            *site_data.articles[1:],
        ),
    )
    after = feeds.site_feeds(edited, RenderOptions(), cache)
    assert after == feeds.site_feeds(edited, RenderOptions())
    changed = [path for path in before if before[path] != after[path]]
    assert changed and all("elsewhere.example" in after[path] for path in changed)
