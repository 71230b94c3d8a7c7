"""Outlet template learning groups copies by line-set overlap without comparing every pair."""

from __future__ import annotations

import random

from digest.clean import _overlapping_pairs


def _every_pair(keysets: list[set[str]], share: float) -> list[tuple[int, int]]:
    return [
        (i, j)
        for i in range(len(keysets))
        for j in range(i + 1, len(keysets))
        if keysets[i]
        and keysets[j]
        and len(keysets[i] & keysets[j]) / min(len(keysets[i]), len(keysets[j])) >= share
    ]


def test_overlapping_pairs_are_those_a_comparison_of_every_pair_finds() -> None:
    rng = random.Random(7)
    furniture = [f"menu {n}" for n in range(4)]
    for share in (0.0, 0.3, 0.5, 0.75, 1.0, 1.5):
        keysets = []
        for _ in range(60):
            story = rng.randrange(12)  # copies of one story share most of their lines
            lines = {f"story {story} line {n}" for n in range(rng.randrange(0, 9))}
            lines |= set(rng.sample(furniture, rng.randrange(0, 4)))
            lines |= {f"own line {rng.random()}" for _ in range(rng.randrange(0, 3))}
            keysets.append(lines)
        assert _overlapping_pairs(keysets, share) == _every_pair(keysets, share), share
