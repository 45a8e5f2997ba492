"""The clip budget: the best candidates of a finished stream, a fixed number per ten minutes of it.

A score over an absolute bar gives a number of candidates nobody can predict: on real logs from none
(a small, slow chat) to more than one per ten minutes (a big, lively one). A streamer reads a few
candidates, best first, and the owner's target is at most one per ten minutes of stream. So the
stream's length sets how many are kept (`PER_TEN_MINUTES`, a little under one, never over), and
the score only says which: every stream with a real candidate gets at least one. Candidates under
`CLIP_FLOOR` are too weak to be worth a look however few there are (a channel where nothing
happened should get nothing). Both were set on the TUNE streams of bench/librarian.py. The list a
streamer asks for during a stream keeps the same budget for the time the stream has run so far
(`store.queries.list_clips`); the floor is kept high enough that "nice" and "gg wp" from a handful of
chatters never fill a slow stream's one place.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import timedelta

from chronicler.contract.errors import InvalidInput
from chronicler.domain.librarian.clips import ClipCandidate, rank

PER_TEN_MINUTES = 0.95
CLIP_FLOOR = 0.75


def select_clips(
    candidates: Iterable[ClipCandidate],
    duration: timedelta,
    *,
    per_ten_minutes: float = PER_TEN_MINUTES,
    floor: float = CLIP_FLOOR,
) -> list[ClipCandidate]:
    """The best candidates over `floor`, `per_ten_minutes` per 10 minutes of `duration` (at least one)."""
    if not 0 < per_ten_minutes <= 1:
        raise InvalidInput("per_ten_minutes must be in (0, 1]", field="per_ten_minutes")
    if floor < 0:
        raise InvalidInput("floor cannot be negative", field="floor")
    if duration < timedelta(0):
        raise InvalidInput("duration cannot be negative", field="duration")
    budget = clip_budget(duration, per_ten_minutes)
    return [candidate for candidate in rank(candidates) if candidate.score >= floor][:budget]


def clip_budget(duration: timedelta, per_ten_minutes: float = PER_TEN_MINUTES) -> int:
    """How many candidates a stream of `duration` keeps: `per_ten_minutes` per 10 minutes, at least one."""
    return max(1, math.floor(max(duration, timedelta(0)) / timedelta(minutes=10) * per_ten_minutes))
