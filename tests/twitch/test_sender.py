"""ChatSender against the fake Helix: what is sent, how the rate limit paces it, and how failures surface."""

from __future__ import annotations

import asyncio
import logging
import socket
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest

from chronicler.runtime.backoff import Backoff, is_transient
from chronicler.twitch._helix import may_have_arrived, routed_session, twitch_errors
from chronicler.twitch.sender import (
    MAX_MESSAGE_LENGTH,
    ChatSender,
    InvalidChatMessage,
    ModeratorMode,
    SendOutcomeUnknown,
    SendResult,
    SendRetry,
    TwitchAuthError,
    TwitchCredentials,
    TwitchRateLimited,
    TwitchRequestRejected,
    TwitchUnavailable,
)
from tests.fakes.twitch_server import FakeTwitch, FakeUser
from tests.twitch.conftest import BOT_SCOPES, CHANNEL, STEP, credentials_for
from tests.twitch.test_ratelimit import FakeClock


def make_sender(fake: FakeTwitch, credentials: TwitchCredentials, **options: Any) -> ChatSender:
    return ChatSender(credentials=credentials, helix_url=fake.helix_url, id_url=fake.id_url, **options)


@pytest.fixture
async def sender(fake: FakeTwitch, credentials: TwitchCredentials) -> AsyncIterator[ChatSender]:
    async with make_sender(fake, credentials) as chat:
        yield chat


@pytest.fixture
def channel_id(fake: FakeTwitch) -> str:
    return fake.users[CHANNEL].id


async def send(sender: ChatSender, channel_id: str, text: str) -> SendResult:
    return await asyncio.wait_for(sender.send(channel_id, text), STEP)


async def test_a_message_goes_out_through_helix_as_the_bot(
    sender: ChatSender, fake: FakeTwitch, bot: FakeUser, channel_id: str
) -> None:
    result = await send(sender, channel_id, "Chronicle saved: 1,204 messages.")

    assert result.sent and result.message_id and result.drop_reason is None and not result.truncated
    [received] = fake.sent_messages
    assert received["broadcaster_id"] == channel_id
    assert received["sender_id"] == bot.id
    assert received["message"] == "Chronicle saved: 1,204 messages."


async def test_long_text_is_cut_to_500_characters(
    sender: ChatSender, fake: FakeTwitch, channel_id: str
) -> None:
    result = await send(sender, channel_id, "ab" * 400)

    assert result.sent and result.truncated
    text = fake.sent_messages[0]["message"]
    assert len(text) == MAX_MESSAGE_LENGTH and text.endswith("…") and text.startswith("abab")


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
async def test_blank_text_is_refused_before_anything_is_sent(
    sender: ChatSender, fake: FakeTwitch, channel_id: str, text: str
) -> None:
    with pytest.raises(InvalidChatMessage, match="empty"):
        await send(sender, channel_id, text)
    assert fake.sent_messages == [] and fake.requests == []


async def test_a_message_twitch_drops_comes_back_unsent_with_the_reason(
    sender: ChatSender, fake: FakeTwitch, channel_id: str
) -> None:
    fake.drop_next_message("msg_rejected", "Your message is being checked by mods and has not been sent.")

    result = await send(sender, channel_id, "hello")

    assert not result.sent and result.message_id is None
    assert result.drop_reason == "msg_rejected: Your message is being checked by mods and has not been sent."


# -- rate limits --


async def test_the_21st_message_in_30_seconds_waits_for_the_window(
    fake: FakeTwitch, credentials: TwitchCredentials, channel_id: str
) -> None:
    clock = FakeClock()
    async with make_sender(fake, credentials, clock=clock, sleep=clock.sleep) as sender:
        results = [await send(sender, channel_id, f"message {n}") for n in range(21)]

    assert [r.waited for r in results[:20]] == [0.0] * 20
    assert results[20].waited == pytest.approx(30.0)
    assert len(fake.sent_messages) == 21


async def test_a_moderator_gets_100_per_30_seconds(
    fake: FakeTwitch, credentials: TwitchCredentials, channel_id: str
) -> None:
    clock = FakeClock()
    moderated = make_sender(
        fake, credentials, clock=clock, sleep=clock.sleep, moderator_channels=[channel_id]
    )
    async with moderated as sender:
        assert sender.limiter(channel_id).limit == 100
        results = [await send(sender, channel_id, f"message {n}") for n in range(21)]
        assert all(r.waited == 0.0 for r in results)

        sender.set_moderator(channel_id, False)
        assert sender.limiter(channel_id).limit == 20


async def test_the_bots_own_channel_counts_as_moderated(
    fake: FakeTwitch, credentials: TwitchCredentials, bot: FakeUser
) -> None:
    async with make_sender(fake, credentials) as sender:
        assert sender.limiter(bot.id).limit == 100
        assert sender.limiter("12345").limit == 20


async def test_limits_are_kept_per_channel(
    fake: FakeTwitch, credentials: TwitchCredentials, channel_id: str
) -> None:
    other = fake.add_user("other_channel").id
    clock = FakeClock()
    async with make_sender(fake, credentials, limit=1, clock=clock, sleep=clock.sleep) as sender:
        first = await send(sender, channel_id, "one")
        elsewhere = await send(sender, other, "one elsewhere")

    assert first.waited == 0.0 and elsewhere.waited == 0.0


async def test_a_burst_over_a_tiny_real_window_is_paced(
    fake: FakeTwitch, credentials: TwitchCredentials, channel_id: str
) -> None:
    window = 0.3
    async with make_sender(fake, credentials, limit=2, window=window) as sender:
        await sender.send(channel_id, "warm up the login")  # so the burst below measures only pacing
        started = time.monotonic()
        results = await asyncio.wait_for(
            asyncio.gather(*(sender.send(channel_id, f"burst {n}") for n in range(3))), STEP
        )
        elapsed = time.monotonic() - started

    assert len(fake.sent_messages) == 4
    assert sum(r.waited > 0 for r in results) >= 2
    # A lower bound the limiter guarantees (slow machines only make it larger): the burst's third message
    # cannot go out before one window after its first.
    assert elapsed >= window * 0.99


# -- failures --


async def test_a_token_without_the_write_scope_is_an_auth_error(fake: FakeTwitch, channel_id: str) -> None:
    reader_only = fake.add_user("reader_bot", scopes=("user:read:chat",))

    async with make_sender(fake, credentials_for(fake, reader_only)) as sender:
        with pytest.raises(TwitchAuthError, match="user:write:chat"):
            await send(sender, channel_id, "hello")
    assert fake.sent_messages == []


async def test_an_expired_token_is_refreshed_and_the_message_sent(
    sender: ChatSender, fake: FakeTwitch, bot: FakeUser, channel_id: str
) -> None:
    await send(sender, channel_id, "first")
    fake.expire_token(bot.access_token)

    result = await send(sender, channel_id, "after expiry")

    assert result.sent
    assert [m["message"] for m in fake.sent_messages] == ["first", "after expiry"]
    assert ("POST", "/oauth2/token") in fake.requests


async def test_withdrawn_authorization_is_an_auth_error(
    sender: ChatSender, fake: FakeTwitch, bot: FakeUser, channel_id: str
) -> None:
    await send(sender, channel_id, "first")
    fake.revoke_authorization(bot.login)

    with pytest.raises(TwitchAuthError):
        await send(sender, channel_id, "second")


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (400, TwitchRequestRejected),
        (403, TwitchAuthError),
        (422, TwitchRequestRejected),
        (429, TwitchUnavailable),
        (500, TwitchUnavailable),
    ],
)
async def test_helix_errors_are_mapped(
    sender: ChatSender, fake: FakeTwitch, channel_id: str, status: int, error: type[Exception]
) -> None:
    fake.fail_next("POST", "/helix/chat/messages", status, "nope")

    with pytest.raises(error, match="nope"):
        await send(sender, channel_id, "hello")


async def test_an_unknown_channel_id_is_a_rejected_request(sender: ChatSender) -> None:
    with pytest.raises(TwitchRequestRejected) as caught:
        await send(sender, "99999999", "hello")
    assert caught.value.http_status == 400


async def test_sending_after_close_is_an_error(
    fake: FakeTwitch, credentials: TwitchCredentials, channel_id: str
) -> None:
    sender = make_sender(fake, credentials)
    await sender.aclose()

    with pytest.raises(RuntimeError, match="closed"):
        await send(sender, channel_id, "hello")


# -- the moderator allowance --

LOOKUP = ("GET", "/helix/moderation/channels")


def scoped_bot(fake: FakeTwitch) -> FakeUser:
    """A bot whose token may list the channels it moderates."""
    return fake.add_user("scoped_bot", scopes=(*BOT_SCOPES, "user:read:moderated_channels"))


async def test_auto_gives_100_per_30_seconds_where_twitch_says_the_bot_moderates(
    fake: FakeTwitch, channel_id: str
) -> None:
    bot = scoped_bot(fake)
    fake.add_moderator(CHANNEL, bot.login)
    clock = FakeClock()

    async with make_sender(
        fake, credentials_for(fake, bot), moderator="auto", clock=clock, sleep=clock.sleep
    ) as sender:
        results = [await send(sender, channel_id, f"message {n}") for n in range(21)]
        assert sender.limiter(channel_id).limit == 100

    assert all(r.waited == 0.0 for r in results)
    assert fake.requests.count(LOOKUP) == 1  # once when the channel's sending starts, not per message


async def test_auto_keeps_20_per_30_seconds_where_the_bot_does_not_moderate(
    fake: FakeTwitch, channel_id: str
) -> None:
    bot = scoped_bot(fake)
    fake.add_moderator("another_channel", bot.login)
    clock = FakeClock()

    async with make_sender(
        fake, credentials_for(fake, bot), moderator="auto", clock=clock, sleep=clock.sleep
    ) as sender:
        results = [await send(sender, channel_id, f"message {n}") for n in range(21)]
        assert sender.limiter(channel_id).limit == 20

    assert results[20].waited == pytest.approx(30.0)
    assert fake.requests.count(LOOKUP) == 1


async def test_auto_reads_every_page_of_moderated_channels(fake: FakeTwitch, channel_id: str) -> None:
    bot = scoped_bot(fake)
    for n in range(150):
        fake.add_moderator(f"channel_{n}", bot.login)
    fake.add_moderator(CHANNEL, bot.login)  # the 151st: on the second page of 100

    async with make_sender(fake, credentials_for(fake, bot), moderator="auto") as sender:
        await send(sender, channel_id, "hello")
        assert sender.limiter(channel_id).limit == 100

    assert fake.requests.count(LOOKUP) == 2


@pytest.mark.parametrize("cause", ["missing scope", "Twitch failing"])
async def test_a_refused_lookup_keeps_20_per_30_seconds_and_says_why_once(
    fake: FakeTwitch,
    credentials: TwitchCredentials,
    channel_id: str,
    cause: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    other = fake.add_user("other_channel").id
    if cause == "Twitch failing":
        fake.fail_next(*LOOKUP, 500, "Twitch is having a day", times=2)
    caplog.set_level(logging.INFO, logger="chronicler.twitch.sender")

    async with make_sender(fake, credentials, moderator="auto") as sender:
        first = await send(sender, channel_id, "hello")
        elsewhere = await send(sender, other, "hello there")
        assert sender.limiter(channel_id).limit == 20 and sender.limiter(other).limit == 20

    assert first.sent and elsewhere.sent  # a failed lookup never stops the message
    assert fake.requests.count(LOOKUP) == 2
    [warning] = [
        r for r in caplog.records if r.name == "chronicler.twitch.sender" and r.levelno >= logging.WARNING
    ]
    expected = "user:read:moderated_channels" if cause == "missing scope" else "Twitch is having a day"
    assert expected in warning.getMessage() and "20 messages per 30 s" in warning.getMessage()


@pytest.mark.parametrize(("setting", "limit"), [("yes", 100), ("no", 20)])
async def test_a_set_moderator_setting_is_used_without_asking_twitch(
    fake: FakeTwitch, credentials: TwitchCredentials, channel_id: str, setting: ModeratorMode, limit: int
) -> None:
    async with make_sender(fake, credentials, moderator=setting) as sender:
        await send(sender, channel_id, "hello")
        assert sender.limiter(channel_id).limit == limit

    assert LOOKUP not in fake.requests


async def test_auto_asks_again_after_the_refresh_interval(fake: FakeTwitch, channel_id: str) -> None:
    bot = scoped_bot(fake)
    clock = FakeClock()

    async with make_sender(
        fake, credentials_for(fake, bot), moderator="auto", moderator_refresh=600.0, clock=clock
    ) as sender:
        await send(sender, channel_id, "before")
        fake.add_moderator(CHANNEL, bot.login)  # the streamer mods the bot mid-stream
        clock.now += 599.0
        await send(sender, channel_id, "too soon to ask again")
        assert sender.limiter(channel_id).limit == 20
        clock.now += 1.0
        await send(sender, channel_id, "after")
        assert sender.limiter(channel_id).limit == 100

    assert fake.requests.count(LOOKUP) == 2


# -- retries: what is tried again, and what never is --

SEND = ("POST", "/helix/chat/messages")


def epoch_clock() -> FakeClock:
    """A fake clock reading like a Unix time (Ratelimit-Reset is one), moved only by sleeping on it."""
    clock = FakeClock()
    clock.now = 1_750_000_000.25
    return clock


def retrying_sender(
    fake: FakeTwitch, credentials: TwitchCredentials, clock: FakeClock, **options: Any
) -> ChatSender:
    """A sender whose waits (rate limit, backoff, Ratelimit-Reset) all pass on `clock` at once."""
    return make_sender(fake, credentials, clock=clock, wall_clock=clock, sleep=clock.sleep, **options)


async def deliver(sender: ChatSender, text: str) -> SendResult:
    return await asyncio.wait_for(sender.deliver(CHANNEL, text), STEP)


async def test_a_429_waits_until_ratelimit_reset_and_then_sends_once(
    fake: FakeTwitch, credentials: TwitchCredentials
) -> None:
    clock = epoch_clock()
    fake.rate_limit_next(reset_at=clock.now + 2)

    async with retrying_sender(fake, credentials, clock) as sender:
        result = await deliver(sender, "hello after the reset")

    assert result.sent
    assert [m["message"] for m in fake.sent_messages] == ["hello after the reset"]
    assert fake.requests.count(SEND) == 2
    # Ratelimit-Reset is whole seconds (ceil of now + 2, so 2.75 s away), plus a half-second margin.
    assert clock.sleeps == [pytest.approx(3.25)]


async def test_a_far_off_ratelimit_reset_is_waited_for_at_most_the_cap(
    fake: FakeTwitch, credentials: TwitchCredentials
) -> None:
    clock = epoch_clock()
    fake.rate_limit_next(reset_at=clock.now + 3600)

    retry = SendRetry(max_rate_limit_wait=60.0)
    async with retrying_sender(fake, credentials, clock, retry=retry) as sender:
        result = await deliver(sender, "hello")

    assert result.sent and clock.sleeps == [60.0]


async def test_a_429_without_ratelimit_reset_backs_off(
    fake: FakeTwitch, credentials: TwitchCredentials
) -> None:
    clock = epoch_clock()
    fake.fail_next(*SEND, 429, "slow down", times=2)

    async with retrying_sender(fake, credentials, clock) as sender:
        result = await deliver(sender, "hello")

    assert result.sent and clock.sleeps == [1.0, 2.0]
    assert len(fake.sent_messages) == 1


async def test_rate_limiting_that_never_ends_gives_up_after_the_attempts(
    fake: FakeTwitch, credentials: TwitchCredentials
) -> None:
    clock = epoch_clock()
    fake.rate_limit_next(reset_at=clock.now + 1, times=100)

    async with retrying_sender(fake, credentials, clock, retry=SendRetry(attempts=3)) as sender:
        with pytest.raises(TwitchRateLimited) as caught:
            await deliver(sender, "hello")

    assert caught.value.reset_at is not None
    assert fake.requests.count(SEND) == 3 and len(clock.sleeps) == 2
    assert fake.sent_messages == []


async def test_a_5xx_is_retried_with_backoff_and_the_message_sent_once(
    fake: FakeTwitch, credentials: TwitchCredentials
) -> None:
    clock = epoch_clock()
    fake.fail_next(*SEND, 500, "Twitch is having a day", times=2)
    retry = SendRetry(backoff=Backoff(first=0.5, maximum=30.0))

    async with retrying_sender(fake, credentials, clock, retry=retry) as sender:
        result = await deliver(sender, "hello")

    assert result.sent
    assert [m["message"] for m in fake.sent_messages] == ["hello"]
    assert clock.sleeps == [0.5, 1.0]


async def test_a_timeout_after_the_request_went_out_is_never_retried(
    fake: FakeTwitch, credentials: TwitchCredentials
) -> None:
    clock = epoch_clock()

    async with retrying_sender(fake, credentials, clock, request_timeout=0.3) as sender:
        await deliver(sender, "warm up the login")  # so the timeout below can only be the send's
        # Twitch posts the message, but its answer comes after the sender has stopped waiting.
        fake.answer_next_send_late(1.0)
        with pytest.raises(SendOutcomeUnknown, match="may have posted"):
            await deliver(sender, "hello once")

    assert [m["message"] for m in fake.sent_messages] == ["warm up the login", "hello once"]
    assert fake.requests.count(SEND) == 2 and clock.sleeps == []


async def test_a_connection_cut_before_the_answer_is_never_retried(
    fake: FakeTwitch, credentials: TwitchCredentials
) -> None:
    clock = epoch_clock()
    fake.cut_next_send()

    async with retrying_sender(fake, credentials, clock) as sender:
        with pytest.raises(SendOutcomeUnknown):
            await deliver(sender, "hello once")

    assert [m["message"] for m in fake.sent_messages] == ["hello once"]
    assert fake.requests.count(SEND) == 1


async def test_a_message_twitch_dropped_is_not_retried(
    fake: FakeTwitch, credentials: TwitchCredentials
) -> None:
    clock = epoch_clock()
    fake.drop_next_message("msg_duplicate", "You cannot send the same message twice in 30 s.")

    async with retrying_sender(fake, credentials, clock) as sender:
        result = await deliver(sender, "hello")

    assert not result.sent and result.drop_reason is not None and "msg_duplicate" in result.drop_reason
    assert fake.requests.count(SEND) == 1 and clock.sleeps == []


@pytest.mark.parametrize(("status", "error"), [(400, TwitchRequestRejected), (403, TwitchAuthError)])
async def test_a_refusal_is_final(
    fake: FakeTwitch, credentials: TwitchCredentials, status: int, error: type[Exception]
) -> None:
    clock = epoch_clock()
    fake.fail_next(*SEND, status, "no")

    async with retrying_sender(fake, credentials, clock) as sender:
        with pytest.raises(error):
            await deliver(sender, "hello")

    assert fake.requests.count(SEND) == 1 and clock.sleeps == []


async def test_an_unreachable_helix_is_retried_with_backoff_then_given_up(
    fake: FakeTwitch, credentials: TwitchCredentials, closed_port: int
) -> None:
    clock = epoch_clock()
    # Logging in works (OAuth is up); Helix refuses connections, so nothing can have been sent.
    sender = ChatSender(
        credentials=credentials,
        helix_url=f"http://127.0.0.1:{closed_port}/helix",
        id_url=fake.id_url,
        clock=clock,
        wall_clock=clock,
        sleep=clock.sleep,
    )
    async with sender:
        with pytest.raises(TwitchUnavailable, match="could not reach Twitch"):
            await deliver(sender, "hello")

    assert clock.sleeps == [1.0, 2.0, 4.0, 8.0]  # five attempts, the default


async def test_a_request_that_could_not_connect_is_known_not_to_have_reached_twitch(closed_port: int) -> None:
    async with routed_session() as session:
        with pytest.raises(TwitchUnavailable) as caught, twitch_errors("send a chat message"):
            await session.post(f"http://127.0.0.1:{closed_port}/helix/chat/messages", json={})

    assert not may_have_arrived(caught.value)  # so `deliver` may try it again


@pytest.fixture
def closed_port() -> int:
    """A local port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_only_a_message_known_not_to_have_gone_out_counts_as_transient() -> None:
    assert is_transient(TwitchRateLimited("429", reset_at=1_750_000_002.0))
    assert not is_transient(SendOutcomeUnknown("no answer; it may be in chat"))
