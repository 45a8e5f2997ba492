"""LiveChatSource through the EventSub faults the fake stages: nothing offered is lost or repeated.

Each scenario keeps chat flowing (a message every few milliseconds) through the fault, then counts:
*offered* is every chat message the fake put on the wire toward the client (`FakeTwitch.notifications`:
messages Twitch sent while no subscription was active, or into a dead path, were never offered and no
client could hear them); *received* is what `LiveChatSource.events()` yielded. Every scenario must
receive each offered message exactly once, and hear chat again quickly: *unheard* is the longest gap
between two messages received around the fault.

Timeouts are shortened through the source's constructor (production keeps its defaults: 10 s to
connect, 2 s of keepalive margin and of drain), and the fake's welcome announces a 1 s keepalive where
Twitch would say 10 s at least, so that no test waits long.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from chronicler.domain.chat import ChatMessage
from chronicler.runtime.backoff import Backoff
from chronicler.twitch.live import LiveChatSource, SubscriptionRevoked, TwitchCredentials
from tests.fakes.twitch_server import FakeTwitch
from tests.twitch.conftest import BOT_SCOPES, CHANNEL, STEP, credentials_for, make_source
from tests.twitch.sleeps import RecordingSleep

PACE = 0.005  # seconds between two chat messages
KEEPALIVE = 1  # what the fake's welcomes announce


@dataclass
class Counts:
    """What one scenario offered and received, and how long chat went unheard."""

    offered: set[str]
    received: list[str]
    unheard: float  # the longest gap between two received messages, in seconds
    arrivals: dict[str, float] = field(repr=False)

    @property
    def lost(self) -> set[str]:
        return self.offered - set(self.received)

    @property
    def duplicated(self) -> int:
        return len(self.received) - len(set(self.received))

    def first_after(self, moment: float) -> float:
        """When the first message received after `moment` (monotonic) arrived."""
        return min(t for t in self.arrivals.values() if t > moment)


class Chat:
    """A running source, a chatter talking at `PACE`, and a reader noting when each message arrives."""

    def __init__(self, fake: FakeTwitch, source: LiveChatSource) -> None:
        self.fake = fake
        self.source = source
        self.arrivals: dict[str, float] = {}
        self.received: list[str] = []
        self.error: BaseException | None = None
        self._talking = asyncio.Event()
        self._reader = asyncio.create_task(self._read())
        self._chatter: asyncio.Task[None] | None = None

    async def _read(self) -> None:
        try:
            async for event in self.source.events():
                if isinstance(event, ChatMessage):
                    self.received.append(event.message_id)
                    self.arrivals.setdefault(event.message_id, time.monotonic())
        except Exception as exc:
            self.error = exc

    async def _talk(self) -> None:
        for n in range(1_000_000):
            await self.fake.send_chat(CHANNEL, "viewer32", f"message {n}")
            await asyncio.sleep(PACE)

    async def start(self) -> None:
        """Wait for the source to subscribe, then start talking and let some chat through."""
        await self.fake.wait_for_subscriptions(4, timeout=STEP)
        self._chatter = asyncio.create_task(self._talk())
        await self.until(lambda: len(self.received) >= 20)

    async def until(self, check: Callable[[], bool], timeout: float = STEP) -> None:
        """Poll `check` until it holds; fail after `timeout` seconds."""
        async with asyncio.timeout(timeout):
            while not check():
                await asyncio.sleep(0.01)

    async def settle(self, seconds: float = 0.3) -> Counts:
        """Talk `seconds` more, stop, wait for everything offered to arrive, and count."""
        await asyncio.sleep(seconds)
        assert self._chatter is not None
        self._chatter.cancel()
        await asyncio.wait([self._chatter])
        offered = self.offered()
        try:
            await self.until(lambda: offered <= set(self.received), timeout=2.0)
        except TimeoutError:
            pass  # counted as lost below
        await asyncio.sleep(0.05)  # a late duplicate would show up here
        times = sorted(self.arrivals.values())
        unheard = max((b - a for a, b in zip(times, times[1:], strict=False)), default=0.0)
        return Counts(offered, list(self.received), unheard, dict(self.arrivals))

    def offered(self) -> set[str]:
        """Chat message ids the fake put on the wire toward the client."""
        return {
            frame["payload"]["event"]["message_id"]
            for frame in self.fake.notifications
            if frame["metadata"]["subscription_type"] == "channel.chat.message"
        }

    async def close(self) -> None:
        if self._chatter is not None:
            self._chatter.cancel()
        await self.source.aclose()
        await asyncio.wait_for(self._reader, STEP)


def fast_source(fake: FakeTwitch, credentials: TwitchCredentials, **options: Any) -> LiveChatSource:
    """A source with the test's short timings (production defaults are 10 s, 2 s and 2 s)."""
    timings: dict[str, Any] = {
        "connect_timeout": 1.0,
        "keepalive_margin": 0.3,
        "drain_grace": 0.5,
        "close_timeout": 0.5,
    }
    return make_source(fake, credentials, **{**timings, **options})


@pytest.fixture
async def twitch() -> AsyncIterator[FakeTwitch]:
    """A fake Twitch whose welcomes announce a 1 s keepalive."""
    async with FakeTwitch(welcome_keepalive=KEEPALIVE, unused_timeout=1.0) as fake:
        fake.add_user(CHANNEL, display_name="Pixel_Wren")
        yield fake


@pytest.fixture
def creds(twitch: FakeTwitch) -> TwitchCredentials:
    return credentials_for(twitch, twitch.add_user("chronicler_bot", scopes=BOT_SCOPES))


def reconnect_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    """The INFO lines logged for reconnects."""
    return [
        r.getMessage()
        for r in caplog.records
        if r.levelno == logging.INFO and "reconnected on" in r.getMessage()
    ]


def report(name: str, counts: Counts, heard_after: float) -> None:
    """Figures for the record (shown with pytest -s)."""
    print(
        f"\n{name}: offered {len(counts.offered)}, received {len(counts.received)}, "
        f"lost {len(counts.lost)}, duplicated {counts.duplicated}, unheard {counts.unheard:.3f} s, "
        f"heard {heard_after:.3f} s after the fault was detectable"
    )


def assert_whole(counts: Counts) -> None:
    assert len(counts.offered) > 40  # the scenario did carry chat
    assert counts.lost == set()
    assert counts.duplicated == 0
    assert set(counts.received) <= counts.offered


# -- a reconnect URL that never answers --


@pytest.mark.parametrize("stall", ["handshake", "welcome"])
async def test_a_reconnect_url_that_never_answers_is_given_up_for_a_fresh_session_in_time(
    twitch: FakeTwitch, creds: TwitchCredentials, stall: str, caplog: pytest.LogCaptureFixture
) -> None:
    # Twitch's grace is longer than our connect timeout: the old socket delivers all along.
    caplog.set_level(logging.INFO, logger="chronicler.twitch.live")
    twitch.reconnect_grace = 3.0
    chat = Chat(twitch, fast_source(twitch, creds, connect_timeout=0.5))
    await chat.start()
    [old] = twitch.sessions

    asked_at = time.monotonic()
    await twitch.reconnect(stall=stall)
    await twitch.wait_for_subscriptions(4, not_on=[old], timeout=STEP)
    subscribed_after = time.monotonic() - asked_at
    counts = await chat.settle()
    await twitch.wait_for_sessions(1, timeout=STEP)  # the old one drained and closed by the client
    await chat.close()

    report(f"reconnect URL stalls at the {stall}, 3 s grace", counts, counts.unheard)
    assert_whole(counts)
    assert twitch.stalled_connections == 1
    assert 0.5 <= subscribed_after < 0.5 + 1.0  # production: 10 s timeout, heard within 12 s
    assert counts.unheard < 0.5  # the old socket delivered while the fresh session was opened
    assert not [code for _, code in twitch.closes if code in (4003, 4004)]
    [line] = reconnect_lines(caplog)
    assert "reconnect URL failed" in line and "unheard for" in line


@pytest.mark.parametrize("stall", ["handshake", "welcome"])
async def test_the_old_sockets_4004_abandons_a_hanging_reconnect_at_once(
    twitch: FakeTwitch, creds: TwitchCredentials, stall: str, caplog: pytest.LogCaptureFixture
) -> None:
    # Twitch's grace runs out before our connect timeout: its 4004 must not wait for the timeout.
    caplog.set_level(logging.INFO, logger="chronicler.twitch.live")
    twitch.reconnect_grace = 0.5
    chat = Chat(twitch, fast_source(twitch, creds, connect_timeout=5.0))
    await chat.start()
    [old] = twitch.sessions

    asked_at = time.monotonic()
    await twitch.reconnect(stall=stall)
    await twitch.wait_for_subscriptions(4, not_on=[old], timeout=STEP)
    subscribed_after = time.monotonic() - asked_at
    counts = await chat.settle()
    await chat.close()

    grace_ended = asked_at + twitch.reconnect_grace
    heard = counts.first_after(grace_ended) - grace_ended
    report(f"reconnect URL stalls at the {stall}, 4004 first", counts, heard)
    assert_whole(counts)
    assert (old, 4004) in twitch.closes
    assert subscribed_after < twitch.reconnect_grace + 1.0  # not the 5 s connect timeout
    assert heard < 1.0  # target: 5 s
    [line] = reconnect_lines(caplog)
    assert "4004" in line and "while reconnecting" in line and "unheard for" in line


# -- a socket that goes silent --


async def test_a_silent_socket_is_aborted_after_the_welcomes_keepalive_and_replaced_within_twitchs_10_s(
    twitch: FakeTwitch, creds: TwitchCredentials, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="chronicler.twitch")
    # The source asks for a 10 s keepalive; the welcome says 1 s, and that is the deadline that counts.
    # A graceful close would wait 5 s for a reply the dead peer never sends; Twitch gives 1 s here
    # (10 s in production) to subscribe on the new session.
    twitch.unused_timeout = 1.0
    chat = Chat(twitch, fast_source(twitch, creds, keepalive_timeout=10, close_timeout=5.0))
    await chat.start()
    [old] = twitch.sessions

    twitch.silence()
    silenced_at = time.monotonic()
    await twitch.wait_for_subscriptions(4, not_on=[old], timeout=STEP)
    counts = await chat.settle()
    sessions = twitch.sessions
    await chat.close()

    detectable = max(t for t in counts.arrivals.values() if t <= silenced_at) + KEEPALIVE
    heard = counts.first_after(silenced_at) - detectable
    report("silent socket", counts, heard)
    assert_whole(counts)
    assert heard < 1.0  # target: 5 s; the margin here is 0.3 s
    assert old not in sessions  # the client cut the connection that would not answer
    assert not [code for _, code in twitch.closes if code == 4003]
    assert any("keepalive 1 s" in r.getMessage() and "aborting" in r.getMessage() for r in caplog.records)
    [line] = reconnect_lines(caplog)
    assert "nothing heard for" in line and "unheard for" in line


# -- frames still in flight on the old socket --


@pytest.mark.parametrize("skew", [0.05, 0.25])
async def test_frames_in_flight_on_the_old_socket_after_the_new_welcome_are_read(
    twitch: FakeTwitch, creds: TwitchCredentials, skew: float, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="chronicler.twitch.live")
    chat = Chat(twitch, fast_source(twitch, creds, drain_grace=1.0))
    await chat.start()

    await twitch.reconnect(in_flight=skew)
    await twitch.wait_until(lambda: not twitch.pending_reconnects, timeout=STEP)
    counts = await chat.settle(skew + 0.3)
    await twitch.wait_until(lambda: twitch.open_sockets == 1, timeout=STEP)  # drained, then closed
    await chat.close()

    report(f"{skew * 1000:.0f} ms in flight", counts, counts.unheard)
    assert twitch.late_frames > 0  # the scenario did put frames on the old path after the welcome
    assert_whole(counts)
    assert counts.unheard < 0.5
    assert len(twitch.subscriptions) == 4  # carried over: no resubscription
    [line] = reconnect_lines(caplog)
    assert "reason: session_reconnect" in line and "unheard for" in line


async def test_draining_ends_when_twitch_closes_the_old_socket(
    twitch: FakeTwitch, creds: TwitchCredentials
) -> None:
    chat = Chat(twitch, fast_source(twitch, creds, drain_grace=30.0))
    await chat.start()
    [old] = twitch.sessions

    await twitch.reconnect()
    await twitch.wait_until(lambda: not twitch.pending_reconnects, timeout=STEP)
    await twitch.close_socket(4004, session_id=old)
    await twitch.wait_until(lambda: twitch.open_sockets == 1, timeout=STEP)
    counts = await chat.settle()
    await chat.close()

    assert_whole(counts)
    assert len(twitch.subscriptions) == 4  # the old socket's end was no reason for a fresh session


# -- revocations --


@pytest.mark.parametrize("status", ["version_removed", "moderator_removed"])
async def test_a_revoked_chat_subscription_is_created_again_at_once(
    twitch: FakeTwitch, creds: TwitchCredentials, status: str
) -> None:
    chat = Chat(twitch, fast_source(twitch, creds))
    await chat.start()
    [session] = twitch.sessions

    revoked_at = time.monotonic()
    await twitch.revoke("channel.chat.message", status)
    await twitch.wait_for_subscriptions(4, timeout=STEP)
    counts = await chat.settle()
    statuses = [(s["type"], s["status"]) for s in twitch.subscriptions]
    sessions = twitch.sessions
    await chat.close()

    heard = counts.first_after(revoked_at) - revoked_at
    report(f"revoked: {status}", counts, heard)
    assert chat.error is None
    assert_whole(counts)
    assert heard < 1.0  # not the worker's 30 s reconcile
    assert statuses.count(("channel.chat.message", status)) == 1
    assert statuses.count(("channel.chat.message", "enabled")) == 1
    assert sessions == [session]  # on the same session


async def test_failed_resubscriptions_back_off(twitch: FakeTwitch, creds: TwitchCredentials) -> None:
    backoff = Backoff(first=0.5, maximum=4.0)
    sleep = RecordingSleep()
    chat = Chat(twitch, fast_source(twitch, creds, resubscribe_backoff=backoff, sleep=sleep))
    await chat.start()
    twitch.fail_next("POST", "/helix/eventsub/subscriptions", 500, "Internal Server Error", times=2)

    await twitch.revoke("stream.online", "version_removed")
    await twitch.wait_for_subscriptions(4, timeout=STEP)
    counts = await chat.settle()
    await chat.close()

    assert sleep.waits == [backoff.delay(1), backoff.delay(2)]
    assert chat.error is None
    assert_whole(counts)


@pytest.mark.parametrize("status", ["authorization_revoked", "user_removed"])
@pytest.mark.parametrize("kind", ["channel.chat.message", "stream.offline"])
async def test_a_revocation_no_retry_can_undo_stops_the_source_and_says_why(
    twitch: FakeTwitch, creds: TwitchCredentials, status: str, kind: str
) -> None:
    chat = Chat(twitch, fast_source(twitch, creds))
    await chat.start()

    await twitch.revoke(kind, status)
    await chat.until(lambda: chat.error is not None)
    await chat.close()

    assert isinstance(chat.error, SubscriptionRevoked)
    assert (chat.error.subscription_type, chat.error.reason) == (kind, status)
    assert status in str(chat.error)
    assert [s for s in twitch.subscriptions if s["type"] == kind and s["status"] == "enabled"] == []


# -- the log --


async def test_a_dropped_socket_is_logged_with_its_reason_and_silence(
    twitch: FakeTwitch, creds: TwitchCredentials, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="chronicler.twitch.live")
    chat = Chat(twitch, fast_source(twitch, creds))
    await chat.start()
    [old] = twitch.sessions

    await twitch.close_socket(4000)
    await twitch.wait_for_subscriptions(4, not_on=[old], timeout=STEP)
    counts = await chat.settle()
    await chat.close()

    assert_whole(counts)
    [line] = reconnect_lines(caplog)
    assert "closed by Twitch with 4000 (internal server error)" in line
    unheard = float(line.rsplit("unheard for ", 1)[1].removesuffix(" s"))
    assert 0 <= unheard < 1.0
