"""The bounded memory of recent ids used to drop redeliveries."""

from __future__ import annotations

import pytest

from chronicler.domain.recent_ids import RecentIds


def test_an_id_is_new_once() -> None:
    recent = RecentIds(10)

    assert not recent.seen_before("a")
    assert recent.seen_before("a")


def test_the_oldest_ids_are_forgotten_beyond_capacity() -> None:
    recent = RecentIds(3)
    for key in "abcd":
        recent.seen_before(key)

    assert len(recent) == 3
    assert "a" not in recent and "d" in recent
    assert not recent.seen_before("a")  # forgotten, so new again


def test_capacity_must_be_positive() -> None:
    with pytest.raises(ValueError):
        RecentIds(0)
