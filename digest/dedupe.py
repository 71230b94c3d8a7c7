"""Dedupe stage: find syndicated copies and re-published versions of one story.

Texts are cut into word shingles; MinHash signatures banded for LSH propose candidate pairs
in near-linear time, and each candidate is confirmed by the exact shingle *containment* of the
shorter text in the longer one. Containment rather than Jaccard, because the copies we see are
often excerpts of different lengths of the same story.

Copies are copies of one story published together, so a pair that shares only part of the
shorter text is confirmed on its story text alone: passages that other stories carry too
(official titles and bios, agency boilerplate) are discounted, a single shared sentence is not
enough, and two articles published far apart are never copies, whatever they share.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property, lru_cache
from typing import Any, Protocol

import numpy as np

from digest.lsh import HASH_MIX, BucketPairs, Keep, kept_pairs
from digest.text import paragraphs, sentences

SHINGLE_WORDS = 5
NUM_PERM = 128
MINHASH_PRIME = (1 << 32) - 5
"""Modulus of the random affine maps that stand for permutations: a prime below 2**32, so
that `a * h + b` with every term under it cannot overflow 64 bits."""
ESTIMATE_CHUNK = 20_000
"""Pairs whose containment is estimated at once: chunks keep memory flat."""
DUPLICATE_CONTAINMENT = 0.2
"""Share of the shorter text's shingles found in the longer one that makes two articles one
story. Chosen on the annotated corpus (README, `digest eval rounds`): its copies score 0.35
(two versions of one page that share only their opening), 0.81 and above; distinct articles
never above 0.06, even when they report the same round. 0.2 sits in that gap, nearer the
distinct side because shared 5-word runs are rare between independently written reports."""

CLEAR_COPY = 0.75
"""Containment from which a pair is the same text give or take a headline line, a byline or an
edit (the corpus's syndicated copies share 0.8 and more): such pairs make up one story when
stock passages are counted, and their shared text is not checked for stock passages, which
never make up three quarters of an article."""
MIN_SHARED_SENTENCES = 2
"""Sentences of the shorter text that a pair must both carry (story text, not stock passages):
one shared sentence is a quotation or a bio, not a copy."""
SENTENCE_SHARED = 0.5
"""Share of a sentence's shingles found in the other text that makes the sentence shared
(copies re-edit a word or two, which breaks a few shingles)."""
STOCK_OTHER_STORIES = 1
"""A passage that this many stories besides the pair's own carry is stock text (a title, a
bio, agency boilerplate), no evidence that the two are one story: a third, unrelated story
sharing a run of words shows the run is not this story's own."""
COPY_DAYS = timedelta(days=7)
"""Copies of a story are published within days of each other (wires syndicate the same day or
the next; a re-published page keeps its day); two articles published further apart are
different stories, even when one quotes the other at length."""

ESTIMATE_MARGIN = 0.75
"""Pairs whose estimated containment is below this share of the threshold are not checked
exactly: with 128 permutations the estimate errs by about 0.03, well inside that margin."""

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Candidate:
    """An article as the deduplicator sees it: id, text, and how to rank copies."""

    id: str
    source: str | Callable[[], str]
    """The text, or how to read it: a build reads only the texts of pairs it compares."""
    rank: tuple[object, ...]
    """Lower ranks are preferred as the original (e.g. earliest published, then longest)."""
    signature: bytes = b""
    """Precomputed `signature(text)`, or empty to compute it here."""
    key: str = ""
    """A hash of the text, by which compared pairs are remembered (empty: never)."""
    shingle_count: int = 0
    """Precomputed `shingle_count(text)`, or 0 to count here."""
    published: date | None = None
    """The publication day when known to the day: copies are published close together."""

    @cached_property
    def text(self) -> str:
        """The article's text."""
        return self.source if isinstance(self.source, str) else self.source()


RESAVE_ROWS = 64
"""The candidate pairs kept are saved again once this many articles were added, changed or
removed since they were last saved: any earlier state serves the next build (it redoes the
buckets of every row changed since), and writing the state (25 MB at 30,000 articles) took
0.2 s of a rebuild after a one-article edit."""


def _candidate_pairs(
    matrix: np.ndarray, rows: Sequence[str], keep: Keep, buckets: BucketMemo | None
) -> np.ndarray:
    """`kept_pairs` of the signature `matrix` (rows keyed by `rows`), starting from the state
    `buckets` keeps, which is saved again once it is RESAVE_ROWS rows behind."""
    previous = buckets.get() if buckets is not None else None
    pairs, found = kept_pairs(matrix, rows, keep, previous)
    if buckets is not None and found is not None:
        if previous is not None and _rows_changed(previous.keys, found.keys) < RESAVE_ROWS:
            buckets.keep()  # still a close start for the next build
        else:
            buckets.put(found)
    return pairs


def _rows_changed(before: Sequence[str], after: Sequence[str]) -> int:
    """How many rows were added, changed or removed between two lists of row keys."""
    return len(set(before).symmetric_difference(after))


class BucketMemo(Protocol):
    """Where the candidate pairs one build kept are kept for the next (`lsh.BucketPairs`),
    so a rebuild proposes pairs again only in the buckets that changed."""

    def get(self) -> BucketPairs | None: ...

    def put(self, pairs: BucketPairs) -> None: ...

    def keep(self) -> None:
        """Keep what `get` gave for the next build."""


class PairMemo(Protocol):
    """Where exact containments of compared pairs are remembered between builds
    (cache.CachedTable is one), so a rebuild compares the texts of new pairs only."""

    def get(self, entry: Any) -> Any | None: ...

    def put(self, entry: Any, value: Any) -> None: ...


def shingles(text: str) -> set[str]:
    """Overlapping runs of SHINGLE_WORDS lower-cased words."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def shingle_count(text: str) -> int:
    """How many word shingles `text` has, counting repeats (at least 1)."""
    return max(len(_WORD.findall(text)) - SHINGLE_WORDS + 1, 1)


def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """NUM_PERM affine maps h -> (a * h + b) mod MINHASH_PRIME, fixed forever: their
    coefficients come from SHA-256, not from a random generator that could change."""
    values = [
        int.from_bytes(hashlib.sha256(f"minhash {i}".encode()).digest()[:8], "big")
        % (MINHASH_PRIME - 1)
        + 1
        for i in range(2 * NUM_PERM)
    ]
    coefficients = np.array(values, dtype=np.uint64)
    return coefficients[:NUM_PERM], coefficients[NUM_PERM:]


_SLOPES, _OFFSETS = _permutations()


SIGNATURE_TYPE = np.dtype("<u4")
"""How a signature's values are stored: every one is below MINHASH_PRIME < 2**32, so 4 bytes
each, 512 per article (as a tuple of Python ints one took 4.6 KB of memory: a third of what
a processed article holds in memory)."""


def signature(text: str) -> bytes:
    """The MinHash signature of a text's shingles (cacheable per article): for each of
    NUM_PERM random permutations of 32-bit shingle hashes, the smallest value (as
    SIGNATURE_TYPE values)."""
    # Each shingle's hash is the first 4 bytes of its SHA-1, read little-endian: joined and
    # read by numpy at once rather than converted one by one (15 % of the signature's time).
    first_bytes = [hashlib.sha1(s.encode()).digest()[:4] for s in shingles(text)]
    hashes = np.frombuffer(b"".join(first_bytes), dtype="<u4").astype(np.uint64)
    if not hashes.size:
        return np.full(NUM_PERM, MINHASH_PRIME, dtype=SIGNATURE_TYPE).tobytes()
    permuted = (hashes[:, None] % MINHASH_PRIME * _SLOPES + _OFFSETS) % MINHASH_PRIME
    return permuted.min(axis=0).astype(SIGNATURE_TYPE).tobytes()


def containment(a: np.ndarray, b: np.ndarray) -> float:
    """Share of the smaller shingle set found in the other (sets as sorted unique hashes)."""
    if not len(a) or not len(b):
        return 0.0
    shared = len(np.intersect1d(a, b, assume_unique=True))
    return shared / min(len(a), len(b))


def _estimated_containment(
    left: np.ndarray, right: np.ndarray, left_sizes: np.ndarray, right_sizes: np.ndarray
) -> np.ndarray:
    """Containment of each pair guessed from MinHash signatures (Jaccard) and shingle counts."""
    similarity = (left == right).mean(axis=1)
    overlap = similarity * (left_sizes + right_sizes) / (1.0 + similarity)
    return overlap / np.minimum(left_sizes, right_sizes)


def find_duplicates(
    candidates: Sequence[Candidate],
    threshold: float = DUPLICATE_CONTAINMENT,
    memo: PairMemo | None = None,
    stock_memo: PairMemo | None = None,
    buckets: BucketMemo | None = None,
) -> dict[str, str]:
    """Map each article that copies another to the original of its group.

    Groups are closed under "copies": if A copies B and B copies C, all three are one story.
    The original of a group is its lowest-ranked member. Articles with no copy are absent.
    Containments found in `memo` (by the pair's candidate keys) are not computed again; the
    ones computed are put there, and so are the sentence checks of clear copies. `stock_memo`
    remembers what each article holds of the passages counted for stock text
    (`_StoryCheck.story_text_pairs`), so a rebuild reads only the articles that changed;
    `buckets` the candidate pairs, so it proposes pairs only where articles changed.
    A pair whose containment reaches `threshold` is a copy only when it also passes
    `_StoryCheck` (publication days, story text beyond stock passages).
    """
    signatures = b"".join(c.signature or signature(c.text) for c in candidates)
    stored = np.frombuffer(signatures, dtype=SIGNATURE_TYPE).reshape(len(candidates), NUM_PERM)
    sizes = np.array(
        [c.shingle_count or shingle_count(c.text) for c in candidates], dtype=np.float64
    )

    def may_be_copies(pairs: np.ndarray) -> np.ndarray:
        kept = np.zeros(len(pairs), dtype=bool)
        for start in range(0, len(pairs), ESTIMATE_CHUNK):
            left, right = pairs[start : start + ESTIMATE_CHUNK].T
            # Compared as stored (4 bytes a value, not 8): the same answers from half the
            # memory read, for the two million candidate pairs of 30,000 articles.
            estimates = _estimated_containment(
                stored[left], stored[right], sizes[left], sizes[right]
            )
            kept[start : start + len(left)] = estimates >= threshold * ESTIMATE_MARGIN
        return kept

    keys = [c.key for c in candidates]
    # A row of the candidate pairs is one article's text: keyed by both, since copies share
    # a text (and so a key) and the pairs kept are told apart by row.
    rows = [f"{c.id}\n{c.key}" for c in candidates] if all(keys) else []
    # As stored (4 bytes a value): LSH widens only the band values it combines, and a copy of
    # the whole matrix in 8 bytes a value was 30 MB to allocate on every build.
    pairs = _candidate_pairs(stored, rows, may_be_copies, buckets)
    check = _StoryCheck(candidates, threshold)

    # Clear copies (dates allowing) join their stories at once; a pair whose two articles are
    # in one story already is not compared (the stories come out the same either way). Pairs
    # sharing less wait until the stories are known: stock passages are counted over them.
    stories = _Groups(len(candidates))
    unknown, partial = [], []

    def weigh(left_index: int, right_index: int, share: float) -> None:
        if share < threshold or not check.published_together(left_index, right_index):
            return
        if share < CLEAR_COPY:
            partial.append((left_index, right_index))
        elif clear_copy_shares_sentences(left_index, right_index):
            stories.join(left_index, right_index)

    def clear_copy_shares_sentences(left_index: int, right_index: int) -> bool:
        # In index order: which text is the shorter may depend on it when both are as long.
        entry = ("shares sentences", keys[left_index], keys[right_index])
        remembered = memo.get(entry) if memo is not None and all(entry[1:]) else None
        if remembered is not None:
            return bool(remembered)
        shared = check.shares_sentences(left_index, right_index)
        if memo is not None and all(entry[1:]):
            memo.put(entry, shared)
        return shared

    for left_index, right_index in pairs.tolist():
        left_key, right_key = keys[left_index], keys[right_index]
        pair = (left_key, right_key) if left_key <= right_key else (right_key, left_key)
        share = memo.get(pair) if memo is not None and left_key and right_key else None
        if share is None:
            unknown.append((left_index, right_index, pair))
        else:
            weigh(left_index, right_index, share)
    for left_index, right_index, pair in unknown:
        if stories.root(left_index) == stories.root(right_index):
            continue
        share = containment(check.shingle_set(left_index), check.shingle_set(right_index))
        if memo is not None and pair[0] and pair[1]:
            memo.put(pair, share)
        weigh(left_index, right_index, share)
    confirmed = check.story_text_pairs(partial, stories, stock_memo)
    for left_index, right_index in confirmed:
        stories.join(left_index, right_index)
    groups: dict[int, list[Candidate]] = {}
    for index, candidate in enumerate(candidates):
        groups.setdefault(stories.root(index), []).append(candidate)
    duplicates: dict[str, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        original = min(members, key=lambda c: (c.rank, c.id))
        duplicates.update({m.id: original.id for m in members if m.id != original.id})
    return duplicates


class _Groups:
    """Union-find over article indices."""

    def __init__(self, count: int) -> None:
        self.parent = list(range(count))

    def root(self, node: int) -> int:
        parent = self.parent
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def join(self, left: int, right: int) -> None:
        self.parent[self.root(right)] = self.root(left)


class _StoryCheck:
    """Whether two similar texts are copies of one story (see the module docstring)."""

    def __init__(self, candidates: Sequence[Candidate], threshold: float) -> None:
        self.candidates = candidates
        self.threshold = threshold
        self._shingle_sets: dict[int, np.ndarray] = {}

    def shingle_set(self, index: int) -> np.ndarray:
        """The article's shingles as sorted unique hashes (strings would take 10× the memory)."""
        if index not in self._shingle_sets:
            self._shingle_sets[index] = shingle_hashes(self.candidates[index].text)
        return self._shingle_sets[index]

    def _shorter(self, left: int, right: int) -> int:
        return min(left, right, key=lambda i: len(self.shingle_set(i)))

    def shares_sentences(self, left: int, right: int, shared: np.ndarray | None = None) -> bool:
        """Whether MIN_SHARED_SENTENCES sentences of the shorter text are mostly made of the
        `shared` shingles (by default, all shingles the two have in common)."""
        if shared is None:
            shared = np.intersect1d(self.shingle_set(left), self.shingle_set(right), True)
        longest = max(len(self.shingle_set(left)), len(self.shingle_set(right)))
        if len(shared) >= CLEAR_COPY * longest:
            return True  # two versions of one text, however short: nothing else to share
        text = self.candidates[self._shorter(left, right)].text
        return _shared_sentences(text, shared) >= MIN_SHARED_SENTENCES

    def published_together(self, left: int, right: int) -> bool:
        """Whether the two were published within COPY_DAYS (or a day is unknown)."""
        first, second = self.candidates[left].published, self.candidates[right].published
        return first is None or second is None or abs(first - second) <= COPY_DAYS

    def story_text_pairs(
        self,
        partial: Sequence[tuple[int, int]],
        stories: _Groups,
        memo: PairMemo | None = None,
    ) -> list[tuple[int, int]]:
        """The pairs of `partial` (sharing less than CLEAR_COPY) that share story text: at least
        the threshold of the shorter text and MIN_SHARED_SENTENCES of its sentences once stock
        passages are left out — shingles that some third story carries too (official titles,
        bios, boilerplate). `stories` groups the clear copies, so a syndicated story counts
        once. Every article is read only when some pair needs it, and then only when `memo`
        does not remember what it holds of these passages (by its key and the passages')."""
        if not partial:
            return []
        shared = {
            (left, right): np.intersect1d(
                self.shingle_set(left), self.shingle_set(right), assume_unique=True
            )
            for left, right in partial
        }
        wanted = np.unique(np.concatenate(list(shared.values())))
        wanted_key = hashlib.sha256(wanted.tobytes()).hexdigest()
        held: list[np.ndarray] = []
        for candidate in self.candidates:
            entry = (candidate.key, wanted_key)
            found = memo.get(entry) if memo is not None and candidate.key else None
            if found is None:
                # Not kept among the shingle sets: a cold build reads the whole archive here
                # (120 MB of shingles at 30,000 articles), and few of them are read again.
                found = np.intersect1d(shingle_hashes(candidate.text), wanted, True)
                if memo is not None and candidate.key:
                    memo.put(entry, found)
            held.append(found)
        values, story_counts = _story_counts(held, [stories.root(i) for i in range(len(held))])
        confirmed = []
        for (left, right), common in shared.items():
            own_stories = len({stories.root(left), stories.root(right)})
            counts = story_counts[np.searchsorted(values, common)]
            is_stock = counts - own_stories >= STOCK_OTHER_STORIES
            story_text, stock = common[~is_stock], common[is_stock]
            rest = np.setdiff1d(self.shingle_set(self._shorter(left, right)), stock, True)
            if (
                len(rest)
                and len(story_text) / len(rest) >= self.threshold
                and self.shares_sentences(left, right, story_text)
            ):
                confirmed.append((left, right))
        return confirmed


def _story_counts(
    held: Sequence[np.ndarray], story: Sequence[int]
) -> tuple[np.ndarray, np.ndarray]:
    """The shingles articles hold (sorted) and how many distinct stories hold each, from what
    each article holds (`held[i]`) and its story (`story[i]`). One sort over all of them: a
    unique per story took 27,000 numpy calls at 30,000 articles."""
    sizes = np.fromiter(map(len, held), dtype=np.int64, count=len(held))
    values = np.concatenate(held) if held else np.empty(0, dtype=np.int64)
    owners = np.repeat(np.asarray(story, dtype=np.int64), sizes)
    if not values.size:
        return np.unique(values, return_counts=True)
    order = np.lexsort((values, owners))
    values, owners = values[order], owners[order]
    first = np.r_[True, (values[1:] != values[:-1]) | (owners[1:] != owners[:-1])]
    return np.unique(values[first], return_counts=True)


@lru_cache(maxsize=1 << 16)
def _word_hash(word: str) -> int:
    """A word's 64-bit hash, the same in every process (Python's str hash is salted per
    process), so what an article holds of some shingles can be remembered between builds."""
    digest = hashlib.blake2b(word.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def shingle_hashes(text: str) -> np.ndarray:
    """The text's shingles as sorted unique 64-bit hashes, computed from word hashes with numpy
    (twice as fast as hashing shingle strings: every article is hashed when stock passages are
    counted), the same in every process."""
    signed = np.array([_word_hash(w) for w in _WORD.findall(text.lower())], dtype=np.int64)
    words = signed.view(np.uint64)
    if len(words) < SHINGLE_WORDS:
        whole = np.zeros(1 if len(words) else 0, dtype=np.uint64)
        for word in words:
            whole = whole * HASH_MIX ^ word
        return whole.view(np.int64)
    count = len(words) - SHINGLE_WORDS + 1
    combined = words[:count].copy()
    for offset in range(1, SHINGLE_WORDS):
        combined = combined * HASH_MIX ^ words[offset : offset + count]
    return np.unique(combined.view(np.int64))


def _shared_sentences(text: str, shared: np.ndarray) -> int:
    """How many sentences of `text` (of a shingle or more) are mostly made of `shared`."""
    count = 0
    for paragraph in paragraphs(text):
        for sentence in sentences(paragraph):
            if len(_WORD.findall(sentence)) < SHINGLE_WORDS:
                continue
            own = shingle_hashes(sentence)
            count += bool(np.isin(own, shared).mean() >= SENTENCE_SHARED)
    return count


def copies_of(duplicates: Mapping[str, str]) -> dict[str, list[str]]:
    """Invert `find_duplicates`: each original's copies, sorted."""
    result: dict[str, list[str]] = {}
    for copy, original in sorted(duplicates.items()):
        result.setdefault(original, []).append(copy)
    return result
