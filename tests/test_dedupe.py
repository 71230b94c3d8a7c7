"""Copy detection rules, on stories written for these tests."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta

import numpy as np

from digest import dedupe
from digest.dedupe import Candidate, find_duplicates

STORY = """\
Negotiators from both countries met for a second day in a riverside hotel on Friday, trading
draft texts on farm purchases and the pace of tariff cuts until late in the evening.

The American side pressed for written commitments on soybean and pork orders, officials said,
while the visiting team asked for a timetable to remove duties imposed the previous autumn.

Neither side described the talks as a breakthrough. One participant said the gap on
enforcement had narrowed but that lawyers would need several more weeks on the wording.

A further meeting was pencilled in for the following month, pending approval by both leaders.
"""

STOCK_BIO = """\
Wen Daoming is a member of the Standing Committee of the Provincial Party Committee, deputy head
of the central economic leading group and director of the national development commission.
He also chairs the joint working mechanism on commerce and the council on industrial policy.
"""
"""A two-sentence official biography that agencies repeat in every story naming this man."""


def candidate(id_: str, text: str, published: date | None = None, rank: int = 0) -> Candidate:
    return Candidate(id_, text, (rank,), published=published)


def test_a_syndicated_copy_with_its_own_headline_line_is_found():
    original = candidate("wire", STORY, date(2019, 5, 10))
    copy = candidate("paper", "By our trade reporter\n\n" + STORY, date(2019, 5, 11), rank=1)
    assert find_duplicates([original, copy]) == {"paper": "wire"}


def test_the_same_text_published_years_apart_is_not_a_copy(monkeypatch):
    first = candidate("first", STORY, date(2018, 5, 20))
    later = candidate("later", STORY, date(2020, 5, 9), rank=1)
    assert find_duplicates([first, later]) == {}
    # The rule switched off, the pair is a copy again: the test checks the rule.
    monkeypatch.setattr(dedupe, "COPY_DAYS", timedelta(days=10_000))
    assert find_duplicates([first, later]) == {"later": "first"}


def test_two_stored_versions_of_a_one_sentence_page_are_copies():
    line = "Both delegations arrived at the conference centre shortly before noon on Thursday."
    assert find_duplicates([candidate("page", line), candidate("again", line, rank=1)]) == {
        "again": "page"
    }


def test_one_shared_sentence_does_not_make_a_short_article_a_copy(monkeypatch):
    quoted = STORY.split("\n\n")[1]
    short = candidate(
        "brief",
        "Officials gave few details of the session.\n\n" + quoted + "\n\nMore talks are due.",
    )
    longer = candidate("report", STORY, rank=1)
    assert find_duplicates([short, longer]) == {}
    monkeypatch.setattr(dedupe, "MIN_SHARED_SENTENCES", 1)
    assert find_duplicates([short, longer]) == {"report": "brief"}


def test_a_stock_biography_that_other_stories_carry_does_not_make_a_copy(monkeypatch):
    call = candidate(
        "call",
        "The two chief negotiators spoke by telephone on Friday morning about the purchase "
        "agreement and agreed to keep in touch.\n\n" + STOCK_BIO,
    )
    statement = candidate(
        "statement",
        STORY + "\n\n" + STOCK_BIO + "\n\nThe statement was issued after midnight.",
        rank=1,
    )
    visit = candidate(
        "visit",
        "The delegation toured a car plant and a port before flying home on Sunday, local "
        "media reported, without meeting any foreign officials.\n\n" + STOCK_BIO,
        rank=2,
    )
    assert find_duplicates([call, statement, visit]) == {}
    # With stock passages counted as story text, the biography makes copies of all three.
    monkeypatch.setattr(dedupe, "STOCK_OTHER_STORIES", 10**9)
    assert find_duplicates([call, statement, visit]) != {}


def test_an_excerpt_sharing_the_opening_of_a_story_is_a_copy():
    # What only the two carry is story text, not stock, however little of the longer it is.
    opening = "\n\n".join(STORY.split("\n\n")[:2])
    excerpt = candidate(
        "excerpt",
        opening
        + "\n\nAnalysts at two banks said markets had priced in a long negotiation, and that "
        "exporters of machinery, chemicals and furniture were hedging against a breakdown. "
        "Freight rates on the main ocean routes fell for a third week as orders were delayed.",
    )
    full = candidate("full", STORY, rank=1)
    other = candidate(
        "other",
        "The official opened a trade fair on Tuesday and praised exhibitors from forty "
        "countries, before a closed-door lunch with provincial business leaders and a visit "
        "to a research campus on the edge of the city.",
        rank=2,
    )
    assert find_duplicates([excerpt, full, other]) == {"full": "excerpt"}


class _Memo(dict):
    """A PairMemo kept in memory, as the build cache keeps one between builds."""

    def put(self, entry: object, value: object) -> None:
        self[entry] = value


def test_a_rebuild_reads_no_unchanged_article_for_stock_passages(monkeypatch):
    def keyed(id_: str, text: str, rank: int) -> Candidate:
        return Candidate(id_, text, (rank,), key=f"key-{id_}")

    call = keyed(
        "call",
        "The two chief negotiators spoke by telephone on Friday morning about the purchase "
        "agreement and agreed to keep in touch.\n\n" + STOCK_BIO,
        0,
    )
    statement = keyed(
        "statement", STORY + "\n\n" + STOCK_BIO + "\n\nThe statement was issued after midnight.", 1
    )
    unrelated = keyed(
        "unrelated",
        "Port workers in the southern harbour ended a two-day strike on Wednesday after the "
        "operator agreed to review overtime rules and to hire forty more crane drivers.",
        2,
    )
    hashed: list[str] = []
    real = dedupe.shingle_hashes

    def counting(text: str):
        hashed.append(text)
        return real(text)

    monkeypatch.setattr(dedupe, "shingle_hashes", counting)
    pairs, stock = _Memo(), _Memo()
    first = find_duplicates([call, statement, unrelated], memo=pairs, stock_memo=stock)
    assert unrelated.text in hashed  # stock passages are counted over every article
    hashed.clear()
    again = find_duplicates([call, statement, unrelated], memo=pairs, stock_memo=stock)
    assert again == first
    assert unrelated.text not in hashed


def test_shingle_hashes_are_the_same_in_every_process():
    script = "from digest.dedupe import shingle_hashes; print(shingle_hashes('a b c d e f'))"
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1


def test_a_signature_is_kept_in_four_bytes_a_permutation():
    stored = dedupe.signature(STORY)
    assert isinstance(stored, bytes) and len(stored) == dedupe.NUM_PERM * 4
    original = Candidate("wire", STORY, (0,), signature=stored)
    copy_text = "By our trade reporter\n\n" + STORY
    copy = Candidate("paper", copy_text, (1,), signature=dedupe.signature(copy_text))
    assert find_duplicates([original, copy]) == {"paper": "wire"}


def test_containment_estimates_are_the_same_from_signatures_as_stored():
    # Estimates are made from the 4-byte stored values, not the 8-byte copy LSH keys need.
    texts = ["tariff talks resume in geneva " * 9, "tariff talks resume in geneva today " * 8]
    signatures = b"".join(dedupe.signature(t) for t in texts)
    stored = np.frombuffer(signatures, dtype=dedupe.SIGNATURE_TYPE).reshape(2, -1)
    wide = stored.astype(np.uint64)
    sizes = np.array([40.0, 50.0])
    estimate = dedupe._estimated_containment
    same = estimate(stored[:1], stored[1:], sizes[:1], sizes[1:])
    assert 0 < same[0] < 1
    assert np.array_equal(same, estimate(wide[:1], wide[1:], sizes[:1], sizes[1:]))


def test_stock_counts_are_distinct_stories_per_shingle():
    rng = np.random.default_rng(5)
    held = [np.unique(rng.integers(0, 30, rng.integers(0, 8))) for _ in range(40)]
    story = rng.integers(0, 12, 40).tolist()
    by_story: dict[int, list[np.ndarray]] = {}
    for found, owner in zip(held, story, strict=True):
        by_story.setdefault(owner, []).append(found)
    carried = np.concatenate([np.unique(np.concatenate(sets)) for sets in by_story.values()])
    expected = np.unique(carried, return_counts=True)
    values, counts = dedupe._story_counts(held, story)
    assert np.array_equal(values, expected[0]) and np.array_equal(counts, expected[1])
    nothing = dedupe._story_counts([np.empty(0, dtype=np.int64)] * 3, [0, 1, 1])
    assert [len(part) for part in nothing] == [0, 0]


class _Buckets:
    """A BucketMemo kept in memory, counting what is saved."""

    def __init__(self) -> None:
        self.state: dedupe.BucketPairs | None = None
        self.saved = 0

    def get(self) -> dedupe.BucketPairs | None:
        return self.state

    def put(self, pairs: dedupe.BucketPairs) -> None:
        self.state, self.saved = pairs, self.saved + 1

    def keep(self) -> None:
        pass


def test_the_candidate_pairs_are_saved_again_only_once_many_articles_changed(monkeypatch):
    def keyed(id_: str, text: str) -> Candidate:
        return Candidate(id_, text, (0,), key=f"{id_}:{hash(text)}")

    others = [keyed(f"story-{n}", STORY.replace("second", f"day {n} of a")) for n in range(3)]
    original = [keyed("wire", STORY), keyed("paper", STORY), *others]
    buckets = _Buckets()
    find_duplicates(original, buckets=buckets)
    assert buckets.saved == 1
    edited = [keyed("wire", STORY + "\nA last line added."), *original[1:]]
    assert find_duplicates(edited, buckets=buckets) == find_duplicates(edited)
    assert buckets.saved == 1  # one article changed: the older state still serves
    monkeypatch.setattr(dedupe, "RESAVE_ROWS", 2)  # the edit: one row gone, one new
    assert find_duplicates(edited, buckets=buckets) == find_duplicates(edited)
    assert buckets.saved == 2
