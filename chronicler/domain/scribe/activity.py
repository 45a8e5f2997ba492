"""Chat activity over the stream: messages per minute, and the quiet stretches between the busy ones."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from datetime import datetime

import numpy as np

from chronicler.domain.scribe.errors import LedgerError

# A minute counts as quiet when it has at most this fraction of the session's mean rate;
# relative, so a small channel's normal lull is not mistaken for a quiet stretch.
QUIET_FRACTION = 0.1


def per_minute_counts(times: Iterable[datetime], start: datetime, end: datetime) -> tuple[int, ...]:
    """Messages in each minute from `start` to `end`; minute i covers [start + i min, start + (i+1) min).

    Times before `start` or after `end` are left out; a message at exactly `end` counts in the
    last minute. A trailing partial minute is a minute of its own.
    """
    if start.tzinfo is None or end.tzinfo is None:
        raise LedgerError("start and end must be timezone-aware")
    span = (end - start).total_seconds()
    if span < 0:
        raise LedgerError("end is before start")
    minutes = math.ceil(span / 60)
    if minutes == 0:
        return ()
    seconds = np.fromiter(_epoch_seconds(times), dtype=np.float64) - start.timestamp()
    seconds = seconds[(seconds >= 0) & (seconds <= span)]
    index = np.minimum((seconds // 60).astype(np.int64), minutes - 1)
    return tuple(np.bincount(index, minlength=minutes).tolist())


def quiet_stretches(per_minute: tuple[int, ...], min_minutes: int) -> tuple[tuple[int, int], ...]:
    """Runs of at least `min_minutes` quiet minutes, as (first minute, minute after the last)."""
    if not per_minute:
        return ()
    threshold = math.floor(QUIET_FRACTION * sum(per_minute) / len(per_minute))
    stretches: list[tuple[int, int]] = []
    run_start: int | None = None
    for minute, count in enumerate((*per_minute, threshold + 1)):  # the sentinel closes a final run
        if count <= threshold:
            if run_start is None:
                run_start = minute
        elif run_start is not None:
            if minute - run_start >= min_minutes:
                stretches.append((run_start, minute))
            run_start = None
    return tuple(stretches)


def _epoch_seconds(times: Iterable[datetime]) -> Iterator[float]:
    for at in times:
        # A naive time would be read in the server's local zone and land in the wrong minute.
        if at.tzinfo is None:
            raise LedgerError(f"message time {at!r} is not timezone-aware")
        yield at.timestamp()
