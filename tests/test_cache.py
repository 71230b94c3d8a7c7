"""The per-article cache is reused exactly when nothing that affects an article changed."""

from __future__ import annotations

import dataclasses
import os
import pickle
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from digest import model, process
from digest.cache import BuildCache, CachedTable, code_fingerprint, fingerprint, import_closure
from digest.load import load_content
from digest.model import Article, ProcessedArticle
from tests.support import PEOPLE_YML, REPO, WIRE_STORY, article, build_site

ARTICLES = {
    "articles/a.md": article(
        {"title": "A", "outlet": "Alpha", "published": "2019-05-10"}, WIRE_STORY
    ),
    "articles/b.md": article(
        {"title": "B", "outlet": "Beta", "published": "2019-07-31"},
        "SHANGHAI - Robert Lighthizer and Liu He met in Shanghai on Wednesday for short talks.\n",
    ),
}


def run(root: Path, cache_dir: Path) -> tuple[list[ProcessedArticle], BuildCache]:
    cache = BuildCache(cache_dir)
    return process.process_articles(load_content(root), cache=cache), cache


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


def test_changed_per_article_code_reprocesses_every_article(warmed, monkeypatch):
    root, cache_dir = warmed
    monkeypatch.setattr(process, "PER_ARTICLE_CODE", "changed-for-test")
    _, cache = run(root, cache_dir)
    assert (cache.hits, cache.misses) == (0, 2)


def test_cached_results_equal_a_cold_run(warmed, tmp_path):
    root, cache_dir = warmed
    warm, _ = run(root, cache_dir)
    cold, _ = run(root, tmp_path / "fresh-cache")
    assert warm == cold


def test_what_every_build_reads_of_a_cached_article_leaves_its_body_pickled(warmed, monkeypatch):
    root, cache_dir = warmed
    items, _ = run(root, cache_dir)

    def unpickled(data: bytes) -> object:
        raise AssertionError("the body was unpickled")

    monkeypatch.setattr(model.pickle, "loads", unpickled)
    facts = [(i.words, i.text_length, i.speakers, i.signature, i.published) for i in items]
    with pytest.raises(AssertionError, match="body was unpickled"):
        _ = items[0].clean
    monkeypatch.undo()
    assert facts == [
        (
            len(i.clean.text.split()),
            len(i.clean.text),
            tuple(sorted({q.speaker for q in i.extraction.quotes if q.speaker})),
            i.signature,
            i.published,
        )
        for i in items
    ]
    assert all(i.words > 0 for i in items)


def test_a_cached_article_pickled_before_its_body_is_read_comes_back_whole(warmed):
    root, cache_dir = warmed
    (item, _), _ = run(root, cache_dir)
    copied = pickle.loads(pickle.dumps(item))
    assert copied == item
    assert copied.clean.text == item.clean.text and copied.clean.text


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


def test_an_entry_no_longer_used_rewrites_only_the_shard_it_was_in(saved_table):
    cache, written = saved_table
    again = CachedTable(cache, "table", shards=4)
    for number in range(1, 20):
        assert again.get(f"entry {number}") == number
    again.save()
    assert written == [f"table-{again.known_shard['entry 0']}"]


def test_a_remembered_entry_is_saved_back_to_the_shard_it_was_read_from(tmp_path):
    # Whatever shard an entry was written to (an older shard function, say), it stays there:
    # never two copies of it in two shards.
    cache = BuildCache(tmp_path / "cache")
    cache.put("table-3", {"entry": 1})
    table = CachedTable(cache, "table", shards=4)
    table.put("entry", 2)
    table.save()
    shards = [cache.get(f"table-{shard}", counted=False) or {} for shard in range(4)]
    assert [shard.get("entry") for shard in shards] == [None, None, None, 2]


def copy_of_package(root: Path) -> Path:
    """A copy of the `digest` package under `root`, to edit; returns `root`."""
    shutil.copytree(REPO / "digest", root / "digest", ignore=shutil.ignore_patterns("__pycache__"))
    return root


@pytest.fixture(scope="module")
def package_copy(tmp_path_factory) -> Path:
    return copy_of_package(tmp_path_factory.mktemp("package"))


def modules_loaded_by(module: str, root: Path) -> set[str]:
    """The package modules Python actually loads to import `module` from `root`."""
    program = (
        f"import sys, {module}; "
        "print('\\n'.join(m for m in sys.modules if m.split('.')[0] == 'digest'))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", program],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        check=True,
    )
    return set(loaded.stdout.split())


def module_path(root: Path, module: str) -> Path:
    path = root.joinpath(*module.split("."))
    return path / "__init__.py" if path.is_dir() else path.with_suffix(".py")


def edited(path: Path) -> None:
    path.write_text(path.read_text("utf-8") + "\n# an edit\n", "utf-8")


def test_editing_any_module_the_per_article_stages_load_changes_their_fingerprint(package_copy):
    loaded = modules_loaded_by("digest.process", package_copy)
    assert {"digest.clean", "digest.text", "digest.lexicon", "digest.extract.quotes"} <= loaded
    for module in sorted(loaded):
        before = code_fingerprint("digest.process", root=package_copy)
        edited(module_path(package_copy, module))
        assert code_fingerprint("digest.process", root=package_copy) != before, module


def test_editing_a_module_the_per_article_stages_do_not_load_keeps_their_fingerprint(
    package_copy,
):
    loaded = modules_loaded_by("digest.process", package_copy)
    before = code_fingerprint("digest.process", root=package_copy)
    for module in ("digest.assign", "digest.summarize", "digest.render", "digest.site"):
        assert module not in loaded
        edited(module_path(package_copy, module))
    assert code_fingerprint("digest.process", root=package_copy) == before


BUILD_TWICE = """
import sys
import time
from pathlib import Path
from digest.cache import BuildCache
from digest.load import load_content
from digest.process import process_articles
cache = BuildCache(Path(sys.argv[2]))
process_articles(load_content(Path(sys.argv[1])), cache=cache)
print(cache.hits, cache.misses)
"""


def cached_run(package: Path, content: Path, cache: Path) -> tuple[int, int]:
    """(hits, misses) of the per-article stages run by the package copy in a new process."""
    result = subprocess.run(
        [sys.executable, "-c", BUILD_TWICE, str(content), str(cache)],
        cwd=package,
        env={**os.environ, "PYTHONPATH": str(package)},
        capture_output=True,
        text=True,
        check=True,
    )
    hits, misses = result.stdout.split()
    return int(hits), int(misses)


def test_an_edit_to_a_word_list_reprocesses_every_article_in_the_next_build(make_content, tmp_path):
    package = copy_of_package(tmp_path / "package")
    content, cache = make_content(ARTICLES), tmp_path / "cache"
    assert cached_run(package, content, cache) == (0, 2)
    edited(package / "digest" / "assign.py")
    assert cached_run(package, content, cache) == (2, 0)
    edited(package / "digest" / "lexicon.py")
    assert cached_run(package, content, cache) == (0, 2)


def test_an_article_comes_back_from_the_cache_equal_with_its_text_hash() -> None:
    article = Article("a", "2019/a.md", "Tariffs \u2014 25 % on \u201cgoods\u201d", "md", title="T")
    digest = article.text_digest
    restored = pickle.loads(pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL))
    assert restored == article
    assert restored.__dict__["text_digest"] == digest


def test_an_article_without_its_text_keeps_the_hash_of_its_text() -> None:
    article = Article("a", "2019/a.md", "Talks resume in Washington.", "md")
    stripped = article.without_text()
    assert stripped.text == ""
    assert stripped.text_digest == article.text_digest
    assert dataclasses.replace(stripped, text=article.text) == article


def test_the_import_closure_follows_every_form_of_import(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    for name in ("__init__", "a", "b", "c", "d", "e"):
        (package / f"{name}.py").write_text("", "utf-8")
    (package / "main.py").write_text(
        "from . import a\n"
        "from pkg.b import (  # brackets across lines\n    thing,\n    other as alias,\n)\n"
        "import pkg.c as c_module\n"
        "def later():\n    from .d import something\n"
        "if TYPE_CHECKING:\n    from pkg import e\n",
        "utf-8",
    )
    closure = {path.name for path in import_closure("pkg.main", root=tmp_path)}
    assert closure == {"__init__.py", "main.py", "a.py", "b.py", "c.py", "d.py", "e.py"}


COPIES = {
    "articles/wire.md": article(
        {"title": "Talks end", "outlet": "Wire", "published": "2019-05-10"}, WIRE_STORY
    ),
    "articles/paper.md": article(
        {"title": "Talks end in Washington", "outlet": "Paper", "published": "2019-05-10"},
        WIRE_STORY,
    ),
}


def test_an_edit_that_changes_no_text_finds_the_copies_without_comparing_texts(
    make_content, tmp_path, monkeypatch
):
    from digest import pipeline

    root = make_content(COPIES)
    first = pipeline.run(load_content(root), BuildCache(tmp_path / "cache"))
    assert len(first.duplicates) == 1  # one story, carried twice
    path = root / "articles/paper.md"
    headline = "title: Talks end in Washington"
    path.write_text(path.read_text("utf-8").replace(headline, "title: Talks end"), "utf-8")

    def compared(*args: object, **kwargs: object) -> dict[str, str]:
        raise AssertionError("texts compared again")

    monkeypatch.setattr(pipeline, "find_duplicates", compared)
    cache = BuildCache(tmp_path / "cache")
    again = pipeline.run(load_content(root), cache)
    assert again.duplicates == first.duplicates
    cache.prune()
    pairs = CachedTable(
        cache, fingerprint("checked pairs", pipeline.DEDUPE_CODE), pipeline.PAIR_SHARDS
    )
    assert pairs.known  # the comparisons stay for the next edit of a text


def test_a_new_headline_leaves_its_rounds_digest_as_remembered(make_content, tmp_path, monkeypatch):
    from digest import pipeline

    root = make_content(COPIES)
    first = pipeline.run(load_content(root), BuildCache(tmp_path / "cache"))
    path = root / "articles/paper.md"
    headline = "title: Talks end in Washington"
    path.write_text(path.read_text("utf-8").replace(headline, "title: Done"), "utf-8")

    def summarized(*args: object, **kwargs: object) -> object:
        raise AssertionError("a round summarized again")

    monkeypatch.setattr(pipeline, "summarize_round", summarized)
    again = pipeline.run(load_content(root), BuildCache(tmp_path / "cache"))
    assert again.digests == first.digests
    assert again.article("paper").title == "Done"
    assert "paper" in first.digests[0].article_ids


def test_outlet_templates_learned_on_all_cores_equal_those_learned_in_one(
    make_content, monkeypatch
):
    root = make_content({**ARTICLES, **COPIES})
    content = load_content(root)
    alone = process.outlet_templates(content)
    monkeypatch.setattr(process, "PARALLEL_ARTICLES", 1)
    assert process.outlet_templates(content) == alone


def test_a_rebuild_that_reprocesses_remembered_articles_reads_their_texts_again(
    make_content, tmp_path, monkeypatch
):
    from digest import load

    root = make_content(ARTICLES)
    time.sleep(load.RACY_SECONDS + 0.1)  # older files are remembered by the loader
    assert build_site(root, tmp_path / "site", tmp_path / "work") == 0
    first = (tmp_path / "site" / "api" / "articles.json").read_text("utf-8")
    monkeypatch.setattr(process, "PER_ARTICLE_CODE", "changed-for-test")
    assert build_site(root, tmp_path / "site", tmp_path / "work") == 0
    assert (tmp_path / "site" / "api" / "articles.json").read_text("utf-8") == first
