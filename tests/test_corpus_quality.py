"""Quality against the annotated corpus in ../shared/corpus (skipped where it is absent).

Each threshold is a regression guard at the level last measured on the 90-article corpus
(`digest eval clean|quotes|rounds|titles ../shared/corpus`), raised as the quality issues land; the
issues' targets are in README's quality section.
"""

from __future__ import annotations

import re

import pytest

from digest.evaluate import eval_clean, eval_pages, eval_quotes, eval_rounds, eval_titles
from digest.evaluate_scrapes import eval_scrapes
from digest.load import load_reference
from tests.support import REPO, SHARED

CORPUS = SHARED / "corpus"

# Measured on the 90 articles (issue 13): cleaning F1 1.0000, boilerplate removed 1.0000, worst
# article 1.000; quotation F1 0.9909, speakers 0.9926; titles 57/58 = 0.9828.
CLEAN_F1 = 0.999
BOILERPLATE_REMOVED = 0.998
WORST_ARTICLE_CLEAN_F1 = 0.99
QUOTES_F1 = 0.99
SPEAKER_ACCURACY = 0.99
ROUND_ACCURACY = 0.95
MAX_WRONG_ROUNDS = 0
"""Articles put in a round that is not theirs: a wrong round misleads readers (unassigned
ones are listed for an editor instead), so none is tolerated."""
COPY_PRECISION = 0.97
COPY_RECALL = 0.97
PAGE_DEFECT_SHARE = {
    "summary": 0.01,
    "statements": 0.0,
    "quotes": 0.0,
    "figures": 0.0,
    "topics": 0.0,
    "outcome": 0.0,
}
"""Most defects `digest eval pages` may find per section, as a share of the section's items
(a little above the measured level; issue 14's targets were 0.02 and 0.05). Measured on the 90
articles with the checks of pronoun credits, unattributed views, topic evidence printed again
under "Issues on the table" and outcomes retelling an earlier round's: summary 1/140 (a
deadline sentence the checks' own wording test takes for the outcome's news), statements 0/48,
quotes 0/45 (1/45 before a sentence quoting a remark shown whole was left out of What
happened: the tweet repeated it), figures 0/27, topics 0/54 (36/56 before evidence already
shown became a pointer), outcome 0/35 (1 before: the Busan deal retold as the next call's
outcome)."""
AT_A_GLANCE_SHOWN = {"outcome": 31, "next": 12}
"""Fewest of the 35 corpus pages with coverage that show an Outcome and a Next line (measured
32 and 13; before issue 14's rules on undated post-round coverage and next steps, 29 and 3)."""
TITLE_ACCURACY = 0.99
"""Headlines found on the corpus's raw pages: measured 58 / 58 (57 / 58 before wire flash
headlines, "*Title Case Flash", were read)."""
MADE_UP_TITLES = 0
BENCHMARK = SHARED / "html-benchmark"
SCRAPES_NEWS_CLEAN_F1 = 0.985
SCRAPES_NEWS_BOILERPLATE_REMOVED = 0.95
"""Cleaning of news pages the rules never saw (`digest eval scrapes ../shared/html-benchmark`):
measured F1 0.9889 with 95.9 % of boilerplate removed (0.9809 / 90.5 % before issue 13's
rules for restated leads, standfirsts parted by a caption, credits and offers)."""
pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not (CORPUS / "articles").is_dir(), reason=f"{CORPUS} is absent"),
]


def summary(lines, label: str) -> dict[str, float]:
    """The numbers of the SUMMARY line starting with `label`, by the word before each (the
    first of a word: "F1 …  min F1 …" gives the mean)."""
    line = next(line for line in lines if line.startswith(f"SUMMARY {label}"))
    scores: dict[str, float] = {}
    for key, value in re.findall(r"([A-Za-z]\w*) ([0-9.]+)", line):
        scores.setdefault(key, float(value))
    return scores


@pytest.fixture(scope="module")
def reference():
    return load_reference(REPO / "content")


def test_cleaning_holds_its_level(reference):
    lines = list(eval_clean(CORPUS, reference))
    scores = summary(lines, "digest")
    assert scores["F1"] >= CLEAN_F1
    removed = re.search(r"= ([0-9.]+)$", next(x for x in lines if "boilerplate" in x))
    assert float(removed.group(1)) >= BOILERPLATE_REMOVED
    rows = [x for x in lines[1:] if not x.startswith("SUMMARY")]
    per_article = [float(x.split("/")[-1]) for x in rows]
    assert min(per_article) >= WORST_ARTICLE_CLEAN_F1


def test_quotation_extraction_holds_its_level(reference):
    scores = summary(list(eval_quotes(CORPUS, reference)), "quotes")
    assert scores["F1"] >= QUOTES_F1
    assert scores["accuracy"] >= SPEAKER_ACCURACY


def test_copies_and_round_assignment_hold_their_level(reference):
    line = next(x for x in eval_rounds(CORPUS, reference) if x.startswith("SUMMARY"))
    accuracy = float(re.search(r"accuracy \d+/\d+ = ([0-9.]+)", line).group(1))
    precision = float(re.search(r"precision ([0-9.]+)", line).group(1))
    recall = float(re.search(r"recall ([0-9.]+)", line).group(1))
    wrong = int(re.search(r"wrong (\d+)", line).group(1))
    assert precision >= COPY_PRECISION and recall >= COPY_RECALL
    assert accuracy >= ROUND_ACCURACY
    assert wrong <= MAX_WRONG_ROUNDS


def test_round_pages_hold_their_level(reference):
    sections = {}
    info = ""
    for line in eval_pages(CORPUS, reference):
        info = line if line.startswith("INFO at a glance") else info
        if line.startswith("SECTION "):
            name = line.split()[1].rstrip(":")
            sections[name] = float(re.search(r"= ([0-9.]+)", line).group(1))
    for name, most in PAGE_DEFECT_SHARE.items():
        assert sections[name] <= most, (name, sections[name])
    shown = dict(re.findall(r"(outcome|next) on (\d+)", info))
    for name, fewest in AT_A_GLANCE_SHOWN.items():
        assert int(shown[name]) >= fewest, (name, shown[name])


def test_headline_finding_holds_its_level(reference):
    scores = summary(list(eval_titles(CORPUS, reference)), "titles")
    assert scores["accuracy"] >= TITLE_ACCURACY
    line = next(x for x in eval_titles(CORPUS, reference) if x.startswith("SUMMARY"))
    made_up = int(re.search(r"a title found for (\d+) of them", line).group(1))
    assert made_up <= MADE_UP_TITLES


@pytest.mark.skipif(not (BENCHMARK / "ground-truth.json").is_file(), reason=f"{BENCHMARK} absent")
def test_cleaning_of_unseen_news_scrapes_holds_its_level():
    line = next(x for x in eval_scrapes(BENCHMARK) if x.startswith("SUMMARY clean (news)"))
    assert summary([line], "clean (news)")["F1"] >= SCRAPES_NEWS_CLEAN_F1
    removed = float(re.search(r"= ([0-9.]+)", line).group(1))
    assert removed >= SCRAPES_NEWS_BOILERPLATE_REMOVED
