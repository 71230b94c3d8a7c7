"""The per-article cache is reused exactly when nothing that affects an article changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest import pipeline
from digest.cache import BuildCache, CachedTable
from digest.load import load_content
from tests.support import PEOPLE_YML, WIRE_STORY, article

ARTICLES = {
    "articles/a.md": article(
        {"title": "A", "outlet": "Alpha", "published": "2019-05-10"}, WIRE_STORY
    ),
    "articles/b.md": article(
        {"title": "B", "outlet": "Beta", "published": "2019-07-31"},
        "SHANGHAI - Robert Lighthizer and Liu He met in Shanghai on Wednesday for short talks.\n",
    ),
}


def run(root: Path, cache_dir: Path) -> tuple[list[pipeline.ProcessedArticle], BuildCache]:
    cache = BuildCache(cache_dir)
    return pipeline.process_articles(load_content(root), cache=cache), cache


@pytest.fixture
def warmed(make_content, tmp_path) -> tuple[Path, Path]:
    root, cache_dir = make_content(ARTICLES), tmp_path / "cache"
    run(root, cache_dir)
    return root, cache_dir


def test_unchanged_content_is_served_from_the_cache(warmed):
    root, cache_dir = warmed
    _, cache = run(root, cache_dir)
    assert (cache.hits, cache.misses) == (2, 0)


def test_editing_an_article_reprocesses_only_that_article(warmed):
    root, cache_dir = warmed
    path = root / "articles/b.md"
    path.write_text(path.read_text("utf-8") + "\nThe talks ended on Thursday.\n", "utf-8")
    _, cache = run(root, cache_dir)
    assert (cache.hits, cache.misses) == (1, 1)


def test_changing_people_yml_reprocesses_every_article(warmed):
    root, cache_dir = warmed
    (root / "people.yml").write_text(PEOPLE_YML.replace("Liu He", "Liu He (VP)"), "utf-8")
    _, cache = run(root, cache_dir)
    assert (cache.hits, cache.misses) == (0, 2)


def test_a_new_cleaner_version_reprocesses_every_article(warmed, monkeypatch):
    root, cache_dir = warmed
    monkeypatch.setattr(pipeline, "CLEANER_VERSION", "changed-for-test")
    _, cache = run(root, cache_dir)
    assert (cache.hits, cache.misses) == (0, 2)


def test_cached_results_equal_a_cold_run(warmed, tmp_path):
    root, cache_dir = warmed
    warm, _ = run(root, cache_dir)
    cold, _ = run(root, tmp_path / "fresh-cache")
    assert warm == cold


def test_unused_entries_are_pruned(warmed):
    root, cache_dir = warmed
    (root / "articles/b.md").unlink()
    _, cache = run(root, cache_dir)
    assert cache.prune() == 1  # the template learned for b's outlet
    assert {p.stem for p in cache_dir.glob("*/*.pkl")} <= cache.used


def test_a_removed_article_is_dropped_from_the_cached_results(warmed):
    root, cache_dir = warmed
    removed = root / "articles/b.md"
    text = removed.read_text("utf-8")
    removed.unlink()
    run(root, cache_dir)
    removed.write_text(text, "utf-8")
    _, cache = run(root, cache_dir)
    assert (cache.hits, cache.misses) == (1, 1)


@pytest.fixture
def saved_table(tmp_path, monkeypatch) -> tuple[BuildCache, list[str]]:
    """A cache holding a 4-shard table of 20 entries, and the keys written to it from now on."""
    cache = BuildCache(tmp_path / "cache")
    table = CachedTable(cache, "table", shards=4)
    for number in range(20):
        table.put(f"entry {number}", number)
    table.save()
    written: list[str] = []
    monkeypatch.setattr(cache, "put", lambda key, value: written.append(key))
    return cache, written


def test_a_changed_entry_rewrites_only_its_shard_of_a_table(saved_table):
    cache, written = saved_table
    again = CachedTable(cache, "table", shards=4)
    assert {again.get(f"entry {n}") for n in range(20)} == set(range(20))
    again.put("entry 3", 333)
    again.save()
    assert len(written) == 1


def test_an_unchanged_table_is_not_written_again(saved_table):
    cache, written = saved_table
    again = CachedTable(cache, "table", shards=4)
    assert [again.value(f"entry {n}", lambda: -1) for n in range(20)] == list(range(20))
    again.save()
    assert written == []
