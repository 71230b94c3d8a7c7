"""The benchmark: a deterministic synthetic corpus, and timed builds of the real command."""

from __future__ import annotations

import re
from pathlib import Path

from digest import bench
from tests.support import REPO


def _files(folder: Path) -> dict[Path, bytes]:
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_same_seed_generates_the_same_corpus(tmp_path):
    bench.generate(tmp_path / "one", articles=30, rounds=3, seed=7)
    bench.generate(tmp_path / "two", articles=30, rounds=3, seed=7)
    assert _files(tmp_path / "one") == _files(tmp_path / "two")
    assert len(list((tmp_path / "one" / "articles").rglob("*.md"))) == 30


def test_bench_run_times_a_cold_build_and_rebuilds_and_leaves_the_corpus_as_it_was(tmp_path):
    corpus = tmp_path / "corpus"
    bench.generate(corpus, articles=24, rounds=3, seed=2)
    before = _files(corpus)
    lines = bench.run(corpus, tmp_path / "work", REPO / "mkdocs.yml")
    report = "\n".join(lines)
    assert lines[0].startswith("cold build: ") and "end to end" in lines[0]
    assert "rebuild after one article edit no page shows (a paragraph added): median" in report
    assert "rebuild after one article edit its round page shows" in report
    kinds = [line for line in lines if line.startswith("rebuild after")]
    changed = [re.search(r"docs files changed: ([0-9, ]+)\)", line) for line in kinds]
    unseen, shown = ([int(n) for n in m.group(1).split(", ")] for m in changed if m)
    assert unseen == [0, 0, 0] and all(n > 0 for n in shown)
    assert "mkdocs render" in report and "peak memory" in report and "search index" in report
    assert _files(corpus) == before


def test_a_sweep_reports_cold_rebuild_and_peak_memory_per_size(tmp_path):
    lines = bench.sweep([20], tmp_path / "work", REPO / "mkdocs.yml", seed=3)
    assert lines[0].split("\t") == [
        "articles",
        "rounds",
        "cold (s)",
        "rebuild median (s)",
        "rebuild, page changed, median (s)",
        "peak memory (MB)",
    ]
    articles, rounds, cold, rebuild, page_rebuild, peak = lines[1].split("\t")
    assert (articles, rounds) == ("20", "1")
    assert all(float(figure) > 0 for figure in (cold, rebuild, page_rebuild, peak))
