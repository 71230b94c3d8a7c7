"""Quality against the annotated corpus in ../shared/corpus (skipped where it is absent).

The thresholds are the issues' targets where the project meets them; round assignment is held
at its measured level as a regression guard (see README for why it is below the target).
"""

from __future__ import annotations

import re

import pytest

from digest.evaluate import eval_clean, eval_quotes, eval_rounds
from digest.load import load_reference
from tests.support import REPO, SHARED

CORPUS = SHARED / "corpus"
pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not (CORPUS / "articles").is_dir(), reason=f"{CORPUS} is absent"),
]


def summary(lines, label: str) -> dict[str, float]:
    """The numbers of the SUMMARY line starting with `label`, by the word before each."""
    line = next(line for line in lines if line.startswith(f"SUMMARY {label}"))
    return {key: float(value) for key, value in re.findall(r"([A-Za-z]\w*) ([0-9.]+)", line)}


@pytest.fixture(scope="module")
def reference():
    return load_reference(REPO / "content")


def test_cleaner_meets_the_corpus_targets(reference):
    lines = list(eval_clean(CORPUS, reference))
    scores = summary(lines, "digest")
    assert scores["F1"] >= 0.98
    removed = re.search(r"= ([0-9.]+)$", next(x for x in lines if "boilerplate" in x))
    assert float(removed.group(1)) >= 0.95
    rows = [x for x in lines[1:] if not x.startswith("SUMMARY")]
    per_article = [float(x.split("/")[-1]) for x in rows]
    assert min(per_article) >= 0.90


def test_quotation_extraction_meets_the_corpus_targets(reference):
    scores = summary(list(eval_quotes(CORPUS, reference)), "quotes")
    assert scores["F1"] >= 0.96
    assert scores["accuracy"] >= 0.92


def test_duplicates_meet_the_corpus_targets_and_assignment_holds_its_level(reference):
    line = next(x for x in eval_rounds(CORPUS, reference) if x.startswith("SUMMARY"))
    accuracy = float(re.search(r"accuracy \d+/\d+ = ([0-9.]+)", line).group(1))
    precision = float(re.search(r"precision ([0-9.]+)", line).group(1))
    recall = float(re.search(r"recall ([0-9.]+)", line).group(1))
    assert precision >= 0.95 and recall >= 0.95
    assert accuracy >= 0.95
