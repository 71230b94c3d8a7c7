"""Candidate pairs for the near-duplicate search: MinHash signatures banded for LSH.

Two articles are candidates when their signatures agree on a whole band (a run of rows); for
each band, articles are grouped by that band's value ("bucket") by sorting, not in hash
tables. A bucket's pairs depend on its members alone, so the pairs one build kept are kept
bucket by bucket (`BucketPairs`), and the next build computes again only the buckets an
added, changed or removed article belongs to — 2 million candidate pairs at 30,000 articles
took over a second of every rebuild to propose and estimate.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

CANDIDATE_JACCARD = 0.1
"""LSH recall threshold: low, so that excerpts of very different lengths still meet."""
BANDS = 64
"""LSH bands of NUM_PERM // BANDS rows: what MinHashLSH picks for CANDIDATE_JACCARD at 128
permutations."""
MAX_BUCKET = 64
"""Buckets up to this size propose all their pairs; larger ones (text shared by many
articles), where all pairs would be millions, only neighbours (`BUCKET_WINDOW`)."""
BUCKET_WINDOW = 16
"""In a bucket over MAX_BUCKET, each member is paired with this many nearest members in
signature order, where near-identical texts sit side by side."""
REDO_SHARE = 0.2
"""When more than this share of the articles was added, changed or removed since the kept
pairs were found, all buckets are computed again: most of them are touched anyway."""

HASH_MIX = np.uint64(0x100000001B3)
"""Multiplier combining hashes into one (the FNV prime: odd, well mixed): a band's rows
here, a shingle's words in dedupe.py."""

Keep = Callable[[np.ndarray], np.ndarray]
"""Which of some pairs (an m × 2 array of row indices) to keep: a boolean mask."""


@dataclass(frozen=True)
class BucketPairs:
    """The pairs a build kept, each with the band and bucket that proposed it, and what the
    next build needs to tell which buckets changed since."""

    keys: tuple[str, ...]
    """The articles' keys (their texts' identity), in row order."""
    bands: np.ndarray
    """Each article's value in each band (rows × BANDS)."""
    band: np.ndarray
    """Of each kept pair (as proposed by one bucket; a pair proposed by several is listed
    once for each): the band of its bucket."""
    bucket: np.ndarray
    """… its bucket's value."""
    left: np.ndarray
    """… its first article (row index)."""
    right: np.ndarray
    """… its second article (a higher row index)."""


def band_values(matrix: np.ndarray) -> np.ndarray:
    """Each row's value in each band: its signature's rows of the band combined."""
    count, rows = matrix.shape[0], matrix.shape[1] // BANDS
    banded = matrix[:, : BANDS * rows].reshape(count, BANDS, rows)
    values = banded[:, :, 0].astype(np.uint64)
    for column in range(1, rows):
        values = values * HASH_MIX ^ banded[:, :, column]
    return values


def candidate_pairs(matrix: np.ndarray) -> np.ndarray:
    """Row pairs (i < j) whose signatures agree on a whole band: the LSH candidates."""
    pairs, _ = kept_pairs(matrix, (), lambda pairs: np.ones(len(pairs), dtype=bool))
    return pairs


def kept_pairs(
    matrix: np.ndarray,
    keys: Sequence[str],
    keep: Keep,
    previous: BucketPairs | None = None,
) -> tuple[np.ndarray, BucketPairs | None]:
    """The candidate pairs (sorted, i < j) that `keep` keeps, and what to pass as `previous`
    to the next call (None unless every row has a key of its own). With `previous`, the
    buckets no added, changed or removed row (by key) belongs to give the pairs they gave
    then."""
    count = matrix.shape[0]
    values = band_values(matrix)
    complete = bool(keys) and all(keys) and len(set(keys)) == len(keys)
    redo = _buckets_to_redo(values, keys, previous) if complete and previous else None
    if redo is None:
        band, bucket, codes = _proposed(values, matrix, keep, None)
        if not complete:
            return _pairs(codes, count), None
        return _pairs(codes, count), _kept_state(keys, values, band, bucket, codes, count)
    rows, reused, old_to_new = redo
    assert previous is not None
    band, bucket, codes = _proposed(values, matrix, keep, rows)
    left, right = old_to_new[previous.left[reused]], old_to_new[previous.right[reused]]
    band = np.concatenate([previous.band[reused], band])
    bucket = np.concatenate([previous.bucket[reused], bucket])
    codes = np.concatenate([left * count + right, codes])
    return _pairs(codes, count), _kept_state(keys, values, band, bucket, codes, count)


def _buckets_to_redo(
    values: np.ndarray, keys: Sequence[str], previous: BucketPairs
) -> tuple[list[np.ndarray], np.ndarray, np.ndarray] | None:
    """For each band, the rows of the buckets an added, changed or removed row belongs to
    (now or then), which of `previous`'s pairs came from other buckets, and each of its rows'
    row now (`_old_to_new`); None when `previous` does not fit or most buckets are
    touched."""
    if previous.bands.shape != (len(previous.keys), BANDS) or values.shape[1] != BANDS:
        return None
    old_to_new = _old_to_new(previous.keys, keys)
    new_rows = np.flatnonzero(~np.isin(np.arange(len(keys)), old_to_new))
    gone_rows = np.flatnonzero(old_to_new < 0)
    if len(new_rows) + len(gone_rows) > REDO_SHARE * len(keys):
        return None
    rows, reused = [], np.ones(len(previous.band), dtype=bool)
    for band in range(BANDS):
        touched = np.union1d(values[new_rows, band], previous.bands[gone_rows, band])
        rows.append(np.flatnonzero(np.isin(values[:, band], touched)))
        reused &= ~((previous.band == band) & np.isin(previous.bucket, touched))
    return rows, reused, old_to_new


def _old_to_new(old: Sequence[str], new: Sequence[str]) -> np.ndarray:
    """For each old row, its row now (by key), or -1 when its key is gone."""
    now = {key: row for row, key in enumerate(new)}
    return np.array([now.get(key, -1) for key in old], dtype=np.int64)


def _proposed(
    values: np.ndarray, matrix: np.ndarray, keep: Keep, rows: list[np.ndarray] | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The band, bucket and pair code (i * count + j) of every pair the buckets propose
    and `keep` keeps, band by band (a pair proposed by several buckets once for each);
    `rows[band]` limits a band to those rows (whole buckets), None to none."""
    count = matrix.shape[0]
    bands: list[np.ndarray] = []
    buckets: list[np.ndarray] = []
    codes: list[np.ndarray] = []
    for band in range(BANDS):
        chosen = np.arange(count) if rows is None else rows[band]
        column = values[chosen, band]
        order = chosen[np.argsort(column, kind="stable")]
        sorted_values = values[order, band]
        starts = np.flatnonzero(np.r_[True, sorted_values[1:] != sorted_values[:-1]])
        sizes = np.r_[starts[1:], len(order)] - starts
        found: list[tuple[np.ndarray, np.ndarray]] = []
        # Buckets of one size are paired together, without a Python loop per bucket.
        small = sizes[(sizes >= 2) & (sizes <= MAX_BUCKET)]
        for size in np.flatnonzero(np.bincount(small)).tolist() if small.size else []:
            firsts = starts[sizes == size]
            members = np.sort(order[firsts[:, None] + np.arange(size)], axis=1)
            left, right = np.triu_indices(size, k=1)
            pair_codes = members[:, left] * count + members[:, right]
            found.append((pair_codes.ravel(), np.repeat(sorted_values[firsts], len(left))))
        for first, size in zip(
            starts[sizes > MAX_BUCKET].tolist(), sizes[sizes > MAX_BUCKET].tolist(), strict=True
        ):
            pair_codes = _window_pairs(order[first : first + size], matrix, count)
            found.append((pair_codes, np.full(len(pair_codes), sorted_values[first])))
        for pair_codes, pair_buckets in found:
            kept = keep(np.stack([pair_codes // count, pair_codes % count], axis=1))
            codes.append(pair_codes[kept])
            buckets.append(pair_buckets[kept])
            bands.append(np.full(int(kept.sum()), band, dtype=np.int16))
    if not codes:
        return np.empty(0, np.int16), np.empty(0, np.uint64), np.empty(0, np.int64)
    return np.concatenate(bands), np.concatenate(buckets), np.concatenate(codes)


def _window_pairs(members: np.ndarray, matrix: np.ndarray, count: int) -> np.ndarray:
    """Pairs within a huge LSH bucket (text shared by many articles), encoded i * count + j
    (i < j): each member paired only with its BUCKET_WINDOW nearest neighbours in signature
    order."""
    by_signature = members[np.lexsort(matrix[members, :4].T[::-1])]
    pairs = []
    for offset in range(1, BUCKET_WINDOW + 1):
        first, second = by_signature[:-offset], by_signature[offset:]
        low, high = np.minimum(first, second), np.maximum(first, second)
        pairs.append(low * count + high)
    return np.concatenate(pairs)


def _pairs(codes: np.ndarray, count: int) -> np.ndarray:
    """Pair codes as sorted, distinct (i, j) rows."""
    # Sorted, then repeats dropped: numpy's hash-based unique is slower on a million codes.
    codes = np.sort(codes)
    unique = codes[np.r_[True, codes[1:] != codes[:-1]]] if codes.size else codes
    return np.stack([unique // count, unique % count], axis=1) if count else unique.reshape(0, 2)


def _kept_state(
    keys: Sequence[str],
    values: np.ndarray,
    band: np.ndarray,
    bucket: np.ndarray,
    codes: np.ndarray,
    count: int,
) -> BucketPairs:
    return BucketPairs(tuple(keys), values, band, bucket, codes // count, codes % count)
