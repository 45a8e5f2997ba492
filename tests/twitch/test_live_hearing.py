"""LiveChatSource says whether it hears chat: ChatHeard when subscribed, ChatUnheard once per outage.

The fake's welcomes announce a 1 s keepalive and the source's margin is 0.3 s, so the keepalive window
(after which chat counts as unheard, and for which a new connection must hold before chat counts as
heard again) is 1.3 s here; Twitch's is 10 s and the default margin 2 s.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from chronicler.domain.chat import ChatHeard, ChatUnheard
from chronicler.runtime.backoff import Backoff
from chronicler.twitch.live import TwitchCredentials
from tests.fakes.twitch_server import FakeTwitch
from tests.twitch.conftest import BOT_SCOPES, CHANNEL, STEP, Reader, credentials_for, make_source

KEEPALIVE = 1  # what the fake's welcomes announce
MARGIN = 0.3
WINDOW = KEEPALIVE + MARGIN


@pytest.fixture
async def twitch() -> AsyncIterator[FakeTwitch]:
    async with FakeTwitch(welcome_keepalive=KEEPALIVE, unused_timeout=1.0) as fake:
        fake.add_user(CHANNEL, display_name="Pixel_Wren")
        yield fake


@pytest.fixture
def creds(twitch: FakeTwitch) -> TwitchCredentials:
    return credentials_for(twitch, twitch.add_user("chronicler_bot", scopes=BOT_SCOPES))


@pytest.fixture
async def reading(twitch: FakeTwitch, creds: TwitchCredentials) -> AsyncIterator[Callable[..., Reader]]:
    """Starts a source with short timings (and any others asked for) and a reader; closes them after."""
    readers: list[Reader] = []

    def start(**options: Any) -> Reader:
        timings: dict[str, Any] = {"connect_timeout": 1.0, "keepalive_margin": MARGIN, "drain_grace": 0.5}
        reader = Reader(make_source(twitch, creds, **{**timings, **options}))
        readers.append(reader)
        return reader

    yield start
    for reader in readers:
        await reader.source.aclose()
        await asyncio.wait_for(reader.task, STEP)


async def until(check: Callable[[], bool], timeout: float = STEP) -> None:
    async with asyncio.timeout(timeout):
        while not check():
            await asyncio.sleep(0.01)


async def chat_then(twitch: FakeTwitch, reader: Reader, text: str) -> datetime:
    """Send a chat message and wait until it is read: the last frame heard; when it was sent."""
    sent = datetime.now(UTC)
    await twitch.send_chat(CHANNEL, "viewer32", text)
    assert await reader.texts(1) == [text]
    return sent


def near(a: datetime, b: datetime, seconds: float) -> bool:
    return abs(a - b) <= timedelta(seconds=seconds)


async def test_a_started_source_says_it_hears_chat_first(
    twitch: FakeTwitch, reading: Callable[..., Reader]
) -> None:
    before = datetime.now(UTC)
    reader = reading()
    await twitch.wait_for_subscriptions(4, timeout=STEP)
    await until(lambda: bool(reader.hearing))

    [heard] = reader.hearing
    assert isinstance(heard, ChatHeard) and heard.channel == CHANNEL and heard.unheard_seconds == 0
    assert near(heard.at, before, 2.0)


async def test_a_silent_socket_is_told_unheard_once_and_heard_again_once_the_new_one_holds(
    twitch: FakeTwitch, reading: Callable[..., Reader]
) -> None:
    reader = reading()
    await twitch.wait_for_subscriptions(4, timeout=STEP)
    [old] = twitch.sessions
    last_heard = await chat_then(twitch, reader, "before the silence")

    twitch.silence()
    await until(lambda: len(reader.hearing) == 2)
    told_after = datetime.now(UTC) - last_heard
    await twitch.wait_for_subscriptions(4, not_on=[old], timeout=STEP)
    subscribed = datetime.now(UTC)
    await until(lambda: len(reader.hearing) == 3)
    heard_after = datetime.now(UTC) - subscribed

    _, unheard, heard = reader.hearing
    assert isinstance(unheard, ChatUnheard) and unheard.reason == "connection"
    assert "nothing heard for" in unheard.detail
    assert near(unheard.since, last_heard, 0.2)  # the last frame heard, not the moment it was noticed
    assert timedelta(seconds=WINDOW) <= told_after < timedelta(seconds=WINDOW + 0.7)
    assert isinstance(heard, ChatHeard)
    assert WINDOW <= heard.unheard_seconds < WINDOW + 1.0
    assert near(heard.at, unheard.since + timedelta(seconds=heard.unheard_seconds), 0.05)
    assert timedelta(seconds=WINDOW - 0.2) <= heard_after  # told once the new connection held
    assert await chat_then(twitch, reader, "after")  # and chat flows


async def test_an_ordinary_reconnect_is_no_outage(twitch: FakeTwitch, reading: Callable[..., Reader]) -> None:
    reader = reading()
    await twitch.wait_for_subscriptions(4, timeout=STEP)
    [old] = twitch.sessions

    await twitch.close_socket(4000)
    await twitch.wait_for_subscriptions(4, not_on=[old], timeout=STEP)
    await asyncio.sleep(WINDOW + 0.5)  # past the window from the last frame heard

    assert [type(e) for e in reader.hearing] == [ChatHeard]  # only the start
    assert await chat_then(twitch, reader, "after")


async def test_fresh_sessions_failing_past_the_window_are_an_outage(
    twitch: FakeTwitch, reading: Callable[..., Reader]
) -> None:
    reader = reading(restart_delays=(0.5,))
    await twitch.wait_for_subscriptions(4, timeout=STEP)
    [old] = twitch.sessions
    last_heard = await chat_then(twitch, reader, "before the drop")
    twitch.fail_next("POST", "/helix/eventsub/subscriptions", 500, "Internal Server Error", times=4)

    await twitch.drop_socket()
    await twitch.wait_for_subscriptions(4, not_on=[old], timeout=STEP)
    await until(lambda: len(reader.hearing) == 3)

    _, unheard, heard = reader.hearing
    assert isinstance(unheard, ChatUnheard) and unheard.reason == "connection"
    assert near(unheard.since, last_heard, 0.2)
    assert isinstance(heard, ChatHeard) and heard.unheard_seconds >= 4 * 0.5 - 0.5


async def test_a_flapping_connection_is_one_outage(
    twitch: FakeTwitch, reading: Callable[..., Reader]
) -> None:
    reader = reading()
    await twitch.wait_for_subscriptions(4, timeout=STEP)
    [first] = twitch.sessions
    last_heard = await chat_then(twitch, reader, "before the silence")

    twitch.silence()
    await twitch.wait_for_subscriptions(4, not_on=[first], timeout=STEP)
    [second] = [s for s in twitch.sessions if s != first]
    twitch.silence(session_id=second)  # dies again before it held for a window
    await twitch.wait_for_subscriptions(4, not_on=[first, second], timeout=STEP)
    await until(lambda: len(reader.hearing) == 3)
    await asyncio.sleep(WINDOW)  # nothing more to tell

    _, unheard, heard = reader.hearing
    assert len(reader.hearing) == 3
    assert isinstance(unheard, ChatUnheard) and near(unheard.since, last_heard, 0.2)
    assert isinstance(heard, ChatHeard) and heard.unheard_seconds >= 2 * WINDOW  # the whole outage


async def test_a_revoked_chat_subscription_not_restored_within_the_window_is_an_outage(
    twitch: FakeTwitch, reading: Callable[..., Reader]
) -> None:
    reader = reading(resubscribe_backoff=Backoff(first=0.6, maximum=0.6))
    await twitch.wait_for_subscriptions(4, timeout=STEP)
    [session] = twitch.sessions
    twitch.fail_next("POST", "/helix/eventsub/subscriptions", 500, "Internal Server Error", times=3)

    revoked = datetime.now(UTC)
    await twitch.revoke("channel.chat.message", "version_removed")
    await until(lambda: len(reader.hearing) == 3)

    _, unheard, heard = reader.hearing
    assert isinstance(unheard, ChatUnheard)
    assert (unheard.reason, unheard.detail) == ("subscription", "version_removed")
    assert near(unheard.since, revoked, 0.2)
    assert isinstance(heard, ChatHeard) and 3 * 0.6 - 0.3 <= heard.unheard_seconds < 3 * 0.6 + 1.0
    assert twitch.sessions == [session]  # made again on the same session
    assert await chat_then(twitch, reader, "after")


async def test_a_revoked_stream_subscription_leaves_chat_heard(
    twitch: FakeTwitch, reading: Callable[..., Reader]
) -> None:
    reader = reading(resubscribe_backoff=Backoff(first=0.6, maximum=0.6))
    await twitch.wait_for_subscriptions(4, timeout=STEP)
    twitch.fail_next("POST", "/helix/eventsub/subscriptions", 500, "Internal Server Error", times=3)

    await twitch.revoke("stream.offline", "version_removed")
    await twitch.wait_for_subscriptions(4, timeout=STEP)

    assert [type(e) for e in reader.hearing] == [ChatHeard]
