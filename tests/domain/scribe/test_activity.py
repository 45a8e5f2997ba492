"""Messages per minute and quiet stretches."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from chronicler.domain.scribe import LedgerError, per_minute_counts, quiet_stretches

START = datetime(2024, 3, 10, 5, 0, tzinfo=UTC)


def _t(seconds: float) -> datetime:
    return START + timedelta(seconds=seconds)


def test_counts_fall_into_the_minute_they_belong_to() -> None:
    times = [_t(0), _t(59.9), _t(60), _t(61), _t(179)]

    assert per_minute_counts(times, START, _t(180)) == (2, 2, 1)


def test_times_outside_the_session_are_left_out_and_the_end_counts_in_the_last_minute() -> None:
    times = [_t(-1), _t(0), _t(120), _t(120.5)]

    assert per_minute_counts(times, START, _t(120)) == (1, 1)


def test_a_trailing_partial_minute_is_a_minute_of_its_own() -> None:
    assert per_minute_counts([_t(125)], START, _t(130)) == (0, 0, 1)


def test_times_in_other_zones_are_compared_as_instants() -> None:
    new_york = _t(90).astimezone(ZoneInfo("America/New_York"))

    assert per_minute_counts([new_york], START, _t(120)) == (0, 1)


def test_no_times_and_no_span() -> None:
    assert per_minute_counts([], START, _t(120)) == (0, 0)
    assert per_minute_counts([_t(0)], START, START) == ()


def test_naive_times_are_refused() -> None:
    with pytest.raises(LedgerError, match="timezone-aware"):
        per_minute_counts([datetime(2024, 3, 10, 5, 0)], START, _t(60))
    with pytest.raises(LedgerError, match="timezone-aware"):
        per_minute_counts([], datetime(2024, 3, 10, 5, 0), _t(60))


def test_end_before_start_is_refused() -> None:
    with pytest.raises(LedgerError, match="before"):
        per_minute_counts([], _t(60), START)


def test_quiet_stretches_are_long_runs_of_low_activity() -> None:
    busy, lull = [30] * 10, [1] * 15
    per_minute = tuple(busy + lull + busy + [0] * 14 + busy)

    # Mean is about 16, so a minute with at most 1 message is quiet; a 14-minute lull is too short.
    assert quiet_stretches(per_minute, 15) == ((10, 25),)
    assert quiet_stretches(per_minute, 14) == ((10, 25), (35, 49))


def test_a_quiet_stretch_can_run_to_the_end() -> None:
    assert quiet_stretches((10, 10, 0, 0, 0), 3) == ((2, 5),)
    assert quiet_stretches((), 15) == ()
