"""The ledger records refuse data that would render wrongly."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chronicler.domain.scribe import AgentLine, LedgerData, LedgerError, LedgerNumbers, LedgerSession

START = datetime(2024, 3, 10, 5, 0, tzinfo=UTC)


def test_naive_times_are_refused() -> None:
    with pytest.raises(LedgerError, match="started_at must be a timezone-aware"):
        LedgerSession(1, "c", None, datetime(2024, 3, 10), None)


def test_an_end_before_the_start_is_refused() -> None:
    with pytest.raises(LedgerError, match="before started_at"):
        LedgerSession(1, "c", None, START, START - timedelta(seconds=1))


def test_unknown_time_zones_are_refused() -> None:
    with pytest.raises(LedgerError, match="not an IANA time zone"):
        LedgerSession(1, "c", None, START, None, "Mars/Olympus_Mons")
    with pytest.raises(LedgerError, match="not an IANA time zone"):
        LedgerSession(1, "c", None, START, None, "../../etc/passwd")


def test_agent_lines_belong_to_the_hearthkeeper_or_the_steward() -> None:
    with pytest.raises(LedgerError, match="agent mode"):
        AgentLine("warden", START, "hello")


def test_negative_counts_and_a_zero_quiet_threshold_are_refused() -> None:
    session = LedgerSession(1, "c", None, START, None)
    numbers = LedgerNumbers(0, 0, 0, 0, 0.0)
    with pytest.raises(LedgerError, match="negative"):
        LedgerData(session, numbers, per_minute=(1, -1))
    with pytest.raises(LedgerError, match="quiet_minutes"):
        LedgerData(session, numbers, per_minute=(), quiet_minutes=0)


def test_numbers_from_per_minute_counts() -> None:
    numbers = LedgerNumbers.from_per_minute((3, 0, 9), chatters=4, first_time_chatters=1)

    assert numbers == LedgerNumbers(
        messages=12, chatters=4, first_time_chatters=1, peak_per_minute=9, mean_per_minute=4.0
    )
    assert LedgerNumbers.from_per_minute((), chatters=0, first_time_chatters=0).mean_per_minute == 0.0


def test_duration_and_zone() -> None:
    session = LedgerSession(1, "c", None, START, START + timedelta(hours=2), "America/New_York")

    assert session.duration == timedelta(hours=2)
    assert session.zone.key == "America/New_York"
    assert LedgerSession(1, "c", None, START, None).duration is None
