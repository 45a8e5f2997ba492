"""What a streamer is told when the bot goes deaf and hears chat again, and the ledger's line."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from chronicler.domain.chat import ChatUnheard
from chronicler.domain.hearing import heard_notice, spoken_duration, unheard_notice, unheard_summary

SINCE = datetime(2024, 11, 5, 20, 4, 5, tzinfo=UTC)
PARIS = ZoneInfo("Europe/Paris")


@pytest.mark.parametrize(
    ("seconds", "said"),
    [
        (0.0, "0.0 s"),
        (1.34, "1.3 s"),
        (45.4, "45 s"),
        (60, "1 min"),
        (130, "2 min 10 s"),
        (185, "3 min 5 s"),
        (3600, "1 h"),
        (3900, "1 h 5 min"),
        (-3, "0.0 s"),
    ],
)
def test_durations_are_said_as_a_streamer_would_say_them(seconds: float, said: str) -> None:
    assert spoken_duration(seconds) == said


def test_the_ledger_line_counts_gaps_and_names_each_reason_once() -> None:
    assert (
        unheard_summary(185, 2, ["connection", "connection"])
        == "Chat was unheard for 3 min 5 s in 2 gaps (Twitch's connection dropped)"
    )
    assert unheard_summary(40, 1, ["connection", "authorization"]) == (
        "Chat was unheard for 40 s in 1 gap "
        "(Twitch's connection dropped; Twitch refused the bot's authorization)"
    )


def test_a_lost_connection_notice_says_since_when_what_the_bot_does_and_what_to_check() -> None:
    text = unheard_notice(ChatUnheard("pixel_wren", SINCE, "connection", "lost its connection"), PARIS)

    assert "#pixel_wren" in text
    assert "since 21:04:05 CET" in text  # the streamer's wall clock
    assert "reconnecting by myself" in text and "tell you when I hear chat again" in text
    assert "missing from this stream's ledger" in text and "check" in text


def test_a_lost_authorization_notice_says_it_will_not_fix_itself_and_how_to_re_authorize() -> None:
    event = ChatUnheard("pixel_wren", SINCE, "authorization", "authorization_revoked")

    text = unheard_notice(event, ZoneInfo("UTC"))

    assert text.startswith("I lost my authorization to read chat in #pixel_wren")
    assert "since 20:04:05 UTC" in text and "(authorization_revoked)" in text
    assert "will not fix itself" in text and "Re-authorize me" in text
    assert "TWITCH_ACCESS_TOKEN" in text and "restart the worker" in text


def test_a_revoked_subscription_notice_quotes_twitchs_reason_briefly() -> None:
    event = ChatUnheard("pixel_wren", SINCE, "subscription", "chat_user_banned\n" + "x" * 500)

    text = unheard_notice(event, ZoneInfo("UTC"))

    assert "revoked my chat subscription (chat_user_banned x" in text
    assert "\n" not in text and len(text) < 600
    assert "banned" in text and "I keep trying" in text


def test_chat_heard_again_says_how_long_it_was_unheard() -> None:
    assert heard_notice("pixel_wren", 130.2).startswith(
        "Chat in #pixel_wren is heard again after 2 min 10 s unheard."
    )
