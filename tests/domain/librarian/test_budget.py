"""The clip budget: a finished stream's best candidates, at most about one per ten minutes of it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chronicler.contract.errors import InvalidInput
from chronicler.domain.librarian import CLIP_FLOOR, PER_TEN_MINUTES, ClipCandidate, select_clips
from tests.domain.librarian.chatlog import at


def candidate(minute: float, score: float) -> ClipCandidate:
    """A candidate `minute` minutes into the stream, half a minute long."""
    return ClipCandidate(
        start=at(60 * minute), end=at(60 * minute + 30), score=score, reason="Funny: test", sample_messages=()
    )


def test_keeps_at_most_one_per_ten_minutes_best_first() -> None:
    found = [candidate(minute, score=1 + (minute * 7) % 11) for minute in range(0, 120, 3)]

    kept = select_clips(found, timedelta(hours=2))

    assert 1 <= len(kept) <= 12 and len(kept) == int(12 * PER_TEN_MINUTES)
    assert [clip.score for clip in kept] == sorted((clip.score for clip in found), reverse=True)[: len(kept)]


def test_a_short_stream_with_a_real_candidate_keeps_one() -> None:
    (kept,) = select_clips([candidate(2, 1.0), candidate(3, 4.0)], timedelta(minutes=5))

    assert kept.score == 4.0


def test_candidates_under_the_floor_are_dropped_however_few() -> None:
    weak = [candidate(minute, CLIP_FLOOR / 2) for minute in range(0, 60, 10)]

    assert select_clips(weak, timedelta(hours=1)) == []
    assert len(select_clips(weak, timedelta(hours=1), floor=0)) == 5


@pytest.mark.parametrize(
    ("settings", "field"),
    [
        ({"per_ten_minutes": 1.5}, "per_ten_minutes"),
        ({"per_ten_minutes": 0.0}, "per_ten_minutes"),
        ({"floor": -1.0}, "floor"),
    ],
)
def test_settings_out_of_range_are_refused(settings: dict[str, float], field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        select_clips([], timedelta(hours=1), **settings)

    assert caught.value.field == field
