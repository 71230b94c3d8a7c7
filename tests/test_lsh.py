"""Candidate pairs: the buckets an edit did not touch give the pairs they gave before."""

from __future__ import annotations

import numpy as np
import pytest

from digest import lsh


def _signatures(rng: np.random.Generator, rows: int) -> np.ndarray:
    """Signatures drawn from few values, so that bands collide often, with one family of
    near-identical rows large enough to make a bucket over MAX_BUCKET."""
    matrix = rng.integers(0, 3, size=(rows, 128), dtype=np.uint64)
    family = rng.integers(0, 1000, size=128, dtype=np.uint64)
    matrix[: lsh.MAX_BUCKET + 10, :8] = family[:8]
    return matrix


def _keep(matrix: np.ndarray):
    # Decided by the two rows' contents (as the real estimate is), not by their positions.
    def keep(pairs: np.ndarray) -> np.ndarray:
        return (matrix[pairs[:, 0], 5] + matrix[pairs[:, 1], 7]) % 3 != 0

    return keep


def _edited(
    rng: np.random.Generator, matrix: np.ndarray, keys: list[str], edit: int
) -> tuple[np.ndarray, list[str]]:
    """The rows with a few changed (new key), removed and inserted (a copy of the first
    among them: in all of its buckets)."""
    rows, names = list(matrix), list(keys)
    for number in range(3):
        at = int(rng.integers(len(rows)))
        rows[at] = rng.integers(0, 3, size=128, dtype=np.uint64)
        names[at] = f"edited-{edit}-{number}"
    for _ in range(2):
        at = int(rng.integers(len(rows)))
        del rows[at], names[at]
    for number in range(2):
        at = int(rng.integers(len(rows)))
        rows.insert(at, rows[0].copy() if number else rng.integers(0, 3, 128, dtype=np.uint64))
        names.insert(at, f"new-{edit}-{number}")
    return np.array(rows, dtype=np.uint64), names


@pytest.mark.parametrize("seed", range(6))
def test_pairs_updated_since_a_previous_build_equal_pairs_found_anew(seed):
    rng = np.random.default_rng(seed)
    matrix = _signatures(rng, 240)
    keys = [f"article-{n}" for n in range(len(matrix))]
    _, previous = lsh.kept_pairs(matrix, keys, _keep(matrix))
    for edit in range(3):
        matrix, keys = _edited(rng, matrix, keys, edit)
        updated, previous = lsh.kept_pairs(matrix, keys, _keep(matrix), previous)
        anew, _ = lsh.kept_pairs(matrix, keys, _keep(matrix))
        assert np.array_equal(updated, anew)
        assert len(anew)


def test_a_bucket_over_the_limit_pairs_only_neighbours():
    matrix = np.zeros((lsh.MAX_BUCKET + 1, 128), dtype=np.uint64)
    matrix[:, 8:] = np.arange(lsh.MAX_BUCKET + 1, dtype=np.uint64)[:, None]
    pairs = lsh.candidate_pairs(matrix)
    assert len(pairs) < (lsh.MAX_BUCKET + 1) * lsh.MAX_BUCKET // 2
    assert all(0 < j - i <= lsh.BUCKET_WINDOW for i, j in pairs.tolist())


@pytest.mark.parametrize("keys", [["a", "", "c"], ["a", "b", "a"]])
def test_without_a_distinct_key_for_every_row_nothing_is_kept_for_the_next_build(keys):
    matrix = np.zeros((3, 128), dtype=np.uint64)
    pairs, kept = lsh.kept_pairs(matrix, keys, lambda p: np.ones(len(p), dtype=bool))
    assert kept is None and pairs.tolist() == [[0, 1], [0, 2], [1, 2]]
