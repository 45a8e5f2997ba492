"""LiveChatSource against the fake Twitch: real twitchio, real WebSocket, real Helix calls on 127.0.0.1."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime

import pytest

from chronicler.domain.chat import ChatMessage, StreamOffline, StreamOnline
from chronicler.twitch.live import (
    LiveChatSource,
    SubscriptionRevoked,
    TwitchAuthError,
    TwitchCredentials,
    TwitchUnavailable,
    UnknownChannel,
)
from tests.fakes.twitch_server import FakeTwitch, FakeUser
from tests.twitch.conftest import CHANNEL, STEP, Reader, credentials_for, make_source

# -- what arrives --


async def test_chat_arrives_as_chat_messages_with_their_fields(live: Reader, fake: FakeTwitch) -> None:
    badges = ("moderator", "subscriber/12", "bits/100")
    message_id = await fake.send_chat(CHANNEL, "Viewer32", "Hi chat", badges=badges)
    await fake.send_chat(CHANNEL, "newcomer", "hello, first time here", first=True)

    message = await live.next()
    assert isinstance(message, ChatMessage)
    assert message.message_id == message_id
    assert (message.channel, message.chatter_login, message.display_name) == (CHANNEL, "viewer32", "viewer32")
    assert message.chatter_id == fake.users["viewer32"].id
    assert message.text == "Hi chat"
    assert message.badges == frozenset({"moderator", "subscriber"})
    assert not message.first_message
    assert message.sent_at.tzinfo is not None
    assert abs((datetime.now(UTC) - message.sent_at).total_seconds()) < 60

    intro = await live.next()
    assert intro.chatter_login == "newcomer" and intro.first_message  # type: ignore[union-attr]


async def test_it_subscribes_as_the_bot_to_chat_and_stream_status(
    live: Reader, fake: FakeTwitch, bot: FakeUser
) -> None:
    broadcaster = fake.users[CHANNEL].id
    [session] = fake.sessions

    subscriptions = {s["type"]: s for s in fake.active_subscriptions()}

    assert set(subscriptions) == {"channel.chat.message", "stream.online", "stream.offline", "channel.raid"}
    chat_condition = subscriptions["channel.chat.message"]["condition"]
    assert chat_condition == {"broadcaster_user_id": broadcaster, "user_id": bot.id}
    assert subscriptions["stream.online"]["condition"] == {"broadcaster_user_id": broadcaster}
    assert subscriptions["stream.offline"]["condition"] == {"broadcaster_user_id": broadcaster}
    # Raids into the channel, version 1, the condition naming only the raided broadcaster.
    assert subscriptions["channel.raid"]["condition"] == {"to_broadcaster_user_id": broadcaster}
    assert subscriptions["channel.raid"]["version"] == "1"
    assert {s["transport"]["session_id"] for s in subscriptions.values()} == {session}


async def test_stream_online_and_offline_arrive(live: Reader, fake: FakeTwitch) -> None:
    started = datetime(2024, 5, 1, 18, 0, 0, 250000, tzinfo=UTC)

    await fake.stream_online(CHANNEL, started_at=started)
    await fake.stream_offline(CHANNEL)

    assert await live.next() == StreamOnline(channel=CHANNEL, at=started)
    offline = await live.next()
    assert isinstance(offline, StreamOffline) and offline.channel == CHANNEL


async def test_keepalives_produce_no_events(live: Reader, fake: FakeTwitch) -> None:
    for _ in range(3):
        await fake.send_keepalive()
    await fake.send_chat(CHANNEL, "viewer32", "still here")

    assert await live.texts(1) == ["still here"]


# -- at-least-once delivery --


async def test_a_message_delivered_twice_is_yielded_once(live: Reader, fake: FakeTwitch) -> None:
    await fake.send_chat(CHANNEL, "viewer32", "once", message_id="msg-1")
    await fake.send_chat(CHANNEL, "viewer32", "once", message_id="msg-1")
    await fake.send_chat(CHANNEL, "viewer32", "after")

    assert await live.texts(2) == ["once", "after"]


async def test_a_redelivered_notification_is_dropped_by_its_metadata_id(
    live: Reader, fake: FakeTwitch
) -> None:
    [frame] = await fake.notify(
        "stream.offline",
        {
            "broadcaster_user_id": fake.users[CHANNEL].id,
            "broadcaster_user_login": CHANNEL,
            "broadcaster_user_name": "Pixel_Wren",
        },
    )
    await fake.send_raw(frame)
    await fake.send_chat(CHANNEL, "viewer32", "after")

    assert isinstance(await live.next(), StreamOffline)
    assert await live.texts(1) == ["after"]


# -- surviving Twitch --


async def test_a_dropped_socket_reconnects_resubscribes_and_reads_on(live: Reader, fake: FakeTwitch) -> None:
    await fake.send_chat(CHANNEL, "viewer32", "before")
    [old] = fake.sessions

    await fake.drop_socket()
    resubscribed = await fake.wait_for_subscriptions(4, not_on=[old], timeout=STEP)
    await fake.send_chat(CHANNEL, "viewer32", "after")

    assert await live.texts(2) == ["before", "after"]
    assert {s["type"] for s in resubscribed} == {
        "channel.chat.message",
        "stream.online",
        "stream.offline",
        "channel.raid",
    }
    assert fake.sessions != [old]


@pytest.mark.parametrize("code", [4000, 4001, 4003, 4005])
async def test_every_close_code_leads_to_a_new_subscribed_session(
    live: Reader, fake: FakeTwitch, code: int
) -> None:
    [old] = fake.sessions

    await fake.close_socket(code)
    await fake.wait_for_subscriptions(4, not_on=[old], timeout=STEP)
    await fake.send_chat(CHANNEL, "viewer32", f"after {code}")

    assert await live.texts(1) == [f"after {code}"]


@pytest.mark.parametrize("same_session", [False, True], ids=["new session id", "same session id"])
async def test_session_reconnect_is_followed_without_losing_a_message(
    fake: FakeTwitch, credentials: TwitchCredentials, same_session: bool
) -> None:
    fake.same_session_on_reconnect = same_session
    async with make_source(fake, credentials, drain_grace=0.2) as source:
        reader = Reader(source)
        await fake.wait_for_subscriptions(4, timeout=STEP)
        [old] = fake.sessions

        await fake.reconnect()
        await fake.send_chat(CHANNEL, "viewer32", "sent on the old socket")  # before the client has moved
        # Moved once the client has used the reconnect URL and closed the old socket.
        await fake.wait_until(lambda: not fake.pending_reconnects and fake.open_sockets == 1, timeout=STEP)
        await fake.send_chat(CHANNEL, "viewer32", "sent on the new socket")

        assert await reader.texts(2) == ["sent on the old socket", "sent on the new socket"]
        assert len(fake.subscriptions) == 4  # Twitch carried them over: no resubscription
        assert len(fake.active_subscriptions()) == 4
        assert (fake.sessions == [old]) is same_session


async def test_an_unreachable_reconnect_url_falls_back_to_a_fresh_session(
    live: Reader, fake: FakeTwitch
) -> None:
    [old] = fake.sessions
    async with FakeTwitch() as gone:
        dead_url = gone.eventsub_url

    await fake.reconnect(reconnect_url=dead_url)
    await fake.wait_for_subscriptions(4, not_on=[old], timeout=STEP)
    await fake.send_chat(CHANNEL, "viewer32", "still reading")

    assert await live.texts(1) == ["still reading"]
    await fake.wait_for_sessions(1, timeout=STEP)


async def test_a_failed_resubscription_is_repaired_with_a_fresh_session(
    live: Reader, fake: FakeTwitch
) -> None:
    [old] = fake.sessions
    fake.fail_next("POST", "/helix/eventsub/subscriptions", 500, "Internal Server Error")

    await fake.drop_socket()
    await fake.wait_for_subscriptions(4, not_on=[old], timeout=STEP)
    await fake.send_chat(CHANNEL, "viewer32", "made it")

    assert await live.texts(1) == ["made it"]
    assert len(fake.sessions) == 1


async def test_an_expired_token_is_refreshed_when_resubscribing(
    live: Reader, fake: FakeTwitch, bot: FakeUser
) -> None:
    [old] = fake.sessions
    fake.expire_token(bot.access_token)

    await fake.drop_socket()
    await fake.wait_for_subscriptions(4, not_on=[old], timeout=STEP)
    await fake.send_chat(CHANNEL, "viewer32", "refreshed")

    assert await live.texts(1) == ["refreshed"]
    assert ("POST", "/oauth2/token") in fake.requests[2:]  # the refresh, after the start-up app token


async def test_withdrawn_authorization_ends_the_events_with_an_auth_error(
    live: Reader, fake: FakeTwitch, bot: FakeUser
) -> None:
    fake.revoke_authorization(bot.login)

    await fake.drop_socket()

    with pytest.raises(TwitchAuthError):
        await live.next()


# -- bad input from Twitch --


async def test_malformed_and_unknown_frames_are_logged_and_skipped(
    live: Reader, fake: FakeTwitch, caplog: pytest.LogCaptureFixture
) -> None:
    [session] = fake.sessions
    subscription = fake.active_subscriptions()[0]
    metadata = {
        "message_id": "m-1",
        "message_type": "notification",
        "message_timestamp": "2024-05-01T18:00:00Z",
        "subscription_type": "channel.chat.message",
        "subscription_version": "1",
    }
    caplog.set_level(logging.WARNING)

    await fake.send_raw("this is not JSON")
    await fake.send_raw("[1, 2, 3]")
    await fake.send_raw({"payload": {}})
    await fake.send_raw({"metadata": {**metadata, "message_type": "mystery"}, "payload": {}})
    no_login = {"subscription": subscription, "event": {"text": "?"}}
    await fake.send_raw({"metadata": metadata, "payload": no_login})
    await fake.send_raw(
        {
            "metadata": {**metadata, "message_id": "m-2", "subscription_type": "channel.follow"},
            "payload": {"subscription": subscription, "event": {"user_id": "1"}},
        }
    )
    await fake.send_raw({"metadata": {**metadata, "message_type": "session_welcome"}, "payload": {}})
    await fake.send_chat(CHANNEL, "viewer32", "the good one")

    assert await live.texts(1) == ["the good one"]
    assert fake.sessions == [session]  # the same connection read on
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("not JSON" in w for w in warnings)
    assert any("without metadata.message_type" in w for w in warnings)
    assert any("unknown type 'mystery'" in w for w in warnings)
    assert any("malformed EventSub notification" in w for w in warnings)
    assert any("'channel.follow'" in w for w in warnings)
    assert any("session_welcome without a session id" in w for w in warnings)


async def test_a_revoked_subscription_ends_the_events_with_an_error(live: Reader, fake: FakeTwitch) -> None:
    await fake.send_chat(CHANNEL, "viewer32", "last words")
    await fake.revoke("channel.chat.message", "authorization_revoked")

    assert await live.texts(1) == ["last words"]
    with pytest.raises(SubscriptionRevoked) as caught:
        await live.next()
    assert caught.value.reason == "authorization_revoked"
    assert caught.value.subscription_type == "channel.chat.message"


# -- start-up problems --


async def start(source: LiveChatSource) -> None:
    """Pull the first event, which is where start-up happens."""
    async with source:
        await asyncio.wait_for(anext(source.events()), STEP)


async def test_a_wrong_client_secret_is_an_auth_error(
    fake: FakeTwitch, credentials: TwitchCredentials
) -> None:
    bad = TwitchCredentials(**{**credentials.__dict__, "client_secret": "nope"})

    with pytest.raises(TwitchAuthError, match="client id and secret"):
        await start(make_source(fake, bad))


async def test_a_token_without_the_read_chat_scope_is_an_auth_error(fake: FakeTwitch) -> None:
    bot = fake.add_user("mute_bot", scopes=("user:write:chat",))

    with pytest.raises(TwitchAuthError, match="user:read:chat"):
        await start(make_source(fake, credentials_for(fake, bot)))


async def test_someone_elses_token_is_an_auth_error(fake: FakeTwitch, bot: FakeUser) -> None:
    other = fake.add_user("other_bot", scopes=("user:read:chat",))

    with pytest.raises(TwitchAuthError, match="not to the bot user"):
        await start(make_source(fake, credentials_for(fake, bot, access_token=other.access_token)))


async def test_a_rejected_token_is_an_auth_error_that_does_not_quote_secrets(
    fake: FakeTwitch, bot: FakeUser
) -> None:
    creds = credentials_for(fake, bot, access_token="bogus-token", refresh_token="bogus-refresh")

    with pytest.raises(TwitchAuthError) as caught:
        await start(make_source(fake, creds))
    assert "bogus" not in str(caught.value) and fake.client_secret not in str(caught.value)
    assert caught.value.__cause__ is None


async def test_an_unknown_channel_is_reported(fake: FakeTwitch, credentials: TwitchCredentials) -> None:
    with pytest.raises(UnknownChannel, match="nobody_streams_here"):
        await start(make_source(fake, credentials, channel="nobody_streams_here"))


async def test_an_unreachable_twitch_is_unavailable(credentials: TwitchCredentials) -> None:
    async with FakeTwitch() as gone:
        url = gone.id_url
    source = LiveChatSource(
        channel=CHANNEL,
        credentials=credentials,
        helix_url=url + "/helix",
        id_url=url,
        eventsub_url=url.replace("http", "ws") + "/ws",
    )

    with pytest.raises(TwitchUnavailable):
        await start(source)


async def test_an_unreachable_eventsub_is_unavailable(
    fake: FakeTwitch, credentials: TwitchCredentials
) -> None:
    async with FakeTwitch() as gone:
        url = gone.eventsub_url
    source = make_source(fake, credentials, eventsub_url=url)

    with pytest.raises(TwitchUnavailable, match="EventSub"):
        await start(source)
    assert fake.subscriptions == []


@pytest.mark.parametrize("channel", ["", "two words", "#hash", "x" * 26])
def test_a_channel_that_cannot_be_a_login_is_refused_at_once(
    credentials: TwitchCredentials, channel: str
) -> None:
    with pytest.raises(ValueError, match="not a Twitch login"):
        LiveChatSource(channel=channel, credentials=credentials)


def test_channel_names_are_normalised(credentials: TwitchCredentials) -> None:
    assert LiveChatSource(channel="  Pixel_Wren ", credentials=credentials).channel == "pixel_wren"


# -- closing --


async def test_aclose_ends_the_events_after_what_already_arrived(
    fake: FakeTwitch, credentials: TwitchCredentials
) -> None:
    source = make_source(fake, credentials)
    reader = Reader(source)
    await fake.wait_for_subscriptions(4, timeout=STEP)
    await fake.send_chat(CHANNEL, "viewer32", "one")
    await fake.send_chat(CHANNEL, "viewer32", "two")
    assert await reader.texts(2) == ["one", "two"]

    await source.aclose()

    assert await reader.ended()
    await fake.wait_for_sessions(0, timeout=STEP)


async def test_aclose_during_start_up_ends_quietly(fake: FakeTwitch, credentials: TwitchCredentials) -> None:
    source = make_source(fake, credentials)
    reader = Reader(source)
    await asyncio.sleep(0)  # let start-up begin

    await source.aclose()

    assert await reader.ended()
    await fake.wait_for_sessions(0, timeout=STEP)


async def test_events_can_be_iterated_only_once(live: Reader) -> None:
    with pytest.raises(RuntimeError, match="once"):
        await anext(live.source.events())


async def test_closing_an_unstarted_source_is_harmless(credentials: TwitchCredentials) -> None:
    source = LiveChatSource(channel=CHANNEL, credentials=credentials)

    await source.aclose()
    await source.aclose()

    assert [e async for e in source.events()] == []


def test_credentials_keep_secrets_out_of_repr(credentials: TwitchCredentials) -> None:
    shown = repr(credentials)

    assert credentials.client_id in shown
    assert credentials.access_token not in shown and credentials.client_secret not in shown
