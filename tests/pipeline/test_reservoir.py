"""The reservoir keeps a bounded, uniform sample of everything offered."""

from __future__ import annotations

import random

import pytest

from chronicler.pipeline.reservoir import Reservoir


def test_it_keeps_everything_until_full_then_stays_at_its_size():
    reservoir: Reservoir[int] = Reservoir(5, rng=random.Random(1).random)
    for i in range(3):
        reservoir.offer(i)
    assert reservoir.items == [0, 1, 2]
    for i in range(3, 10_000):
        reservoir.offer(i)
    assert len(reservoir.items) == 5 and len(set(reservoir.items)) == 5 and reservoir.offered == 10_000


def test_every_item_is_equally_likely_to_be_kept():
    # 4,000 streams of 100 items into reservoirs of 10: each item should be kept about 400 times.
    rng = random.Random(7)
    kept = [0] * 100
    for _ in range(4_000):
        reservoir: Reservoir[int] = Reservoir(10, rng=rng.random)
        for i in range(100):
            reservoir.offer(i)
        for i in reservoir.items:
            kept[i] += 1
    assert sum(kept) == 40_000
    # The binomial standard deviation is 19: the early, middle and late items all stay near 400.
    assert all(320 < count < 480 for count in kept), kept
    assert abs(sum(kept[:10]) - sum(kept[-10:])) < 300


def test_a_reservoir_needs_room():
    with pytest.raises(ValueError, match="at least one"):
        Reservoir(0)
