"""ChatActivity: the rate of human chat over the last minute."""

from __future__ import annotations

from datetime import datetime

import pytest

from chronicler.domain.policies import ChatActivity
from tests.domain.librarian.chatlog import at, message


def test_nothing_recorded_means_no_rate() -> None:
    activity = ChatActivity()

    assert activity.messages_per_minute(at(600)) == 0


def test_the_rate_covers_the_sixty_seconds_up_to_now() -> None:
    activity = ChatActivity()
    for seconds in (0, 1, 30, 59):
        activity.record(at(seconds))
    assert activity.messages_per_minute(at(59)) == 4

    activity.record(at(60))

    assert activity.messages_per_minute(at(60)) == 4  # the one at exactly 0 s is a minute old: out
    assert activity.messages_per_minute(at(200)) == 0


def test_bots_are_not_humans() -> None:
    activity = ChatActivity(known_bots=frozenset({"Nightbot", "chronicler"}))

    assert activity.observe(message("!uptime", login="nightbot")) is False
    assert activity.observe(message("hi all", login="chronicler")) is False
    assert activity.observe(message("hello", login="human", seconds=5)) is True
    assert activity.messages_per_minute(at(10)) == 1


def test_a_late_message_still_counts_in_the_last_minute() -> None:
    activity = ChatActivity()
    activity.record(at(50))
    activity.record(at(20))
    activity.record(at(-100))  # older than any window that can still be asked about

    assert activity.messages_per_minute(at(55)) == 2


def test_memory_stays_bounded_on_a_busy_channel() -> None:
    activity = ChatActivity()
    for n in range(20_000):
        activity.record(at(n * 0.05))

    assert activity.messages_per_minute(at(999.99)) == 1200
    assert len(activity._per_second) <= 60


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        ChatActivity().record(datetime(2024, 5, 4, 18, 0))
