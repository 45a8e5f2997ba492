"""The fake Twitch speaks the documented wire format (other suites rely on it), seen by a raw client."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from tests.fakes.twitch_server import FakeTwitch, FakeUser
from tests.twitch.conftest import CHANNEL, STEP


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def receive(ws: aiohttp.ClientWebSocketResponse) -> dict[str, Any]:
    message = await asyncio.wait_for(ws.receive(), STEP)
    assert message.type is aiohttp.WSMsgType.TEXT, message
    return json.loads(message.data)


async def subscribe(http: aiohttp.ClientSession, fake: FakeTwitch, bot: FakeUser, session_id: str) -> Any:
    response = await http.post(
        f"{fake.helix_url}/eventsub/subscriptions",
        headers={"Authorization": f"Bearer {bot.access_token}", "Client-Id": fake.client_id},
        json={
            "type": "channel.chat.message",
            "version": "1",
            "condition": {"broadcaster_user_id": fake.users[CHANNEL].id, "user_id": bot.id},
            "transport": {"method": "websocket", "session_id": session_id},
        },
    )
    return response.status, await response.json()


async def test_a_connection_is_welcomed_with_a_session(fake: FakeTwitch, http: aiohttp.ClientSession) -> None:
    async with http.ws_connect(f"{fake.eventsub_url}?keepalive_timeout_seconds=30") as ws:
        welcome = await receive(ws)

    assert set(welcome["metadata"]) == {"message_id", "message_type", "message_timestamp"}
    assert welcome["metadata"]["message_type"] == "session_welcome"
    assert welcome["metadata"]["message_timestamp"].endswith("Z")
    session = welcome["payload"]["session"]
    assert set(session) == {
        "id",
        "status",
        "connected_at",
        "keepalive_timeout_seconds",
        "reconnect_url",
        "recovery_url",
    }
    assert (session["status"], session["keepalive_timeout_seconds"]) == ("connected", 30)


async def test_a_subscription_gets_notifications_in_twitchs_shape(
    fake: FakeTwitch, bot: FakeUser, http: aiohttp.ClientSession
) -> None:
    async with http.ws_connect(fake.eventsub_url) as ws:
        session_id = (await receive(ws))["payload"]["session"]["id"]
        status, body = await subscribe(http, fake, bot, session_id)
        await fake.send_chat(CHANNEL, "viewer32", "Hi chat", badges=("subscriber/12",))
        frame = await receive(ws)

    assert status == 202 and body["data"][0]["status"] == "enabled"
    assert frame["metadata"]["message_type"] == "notification"
    assert frame["metadata"]["subscription_type"] == "channel.chat.message"
    assert frame["metadata"]["subscription_version"] == "1"
    assert frame["payload"]["subscription"]["id"] == body["data"][0]["id"]
    event = frame["payload"]["event"]
    assert event["message"]["text"] == "Hi chat"
    assert event["badges"] == [{"set_id": "subscriber", "id": "12", "info": "12"}]
    assert {
        "broadcaster_user_id",
        "chatter_user_login",
        "message_id",
        "color",
        "cheer",
        "reply",
        "channel_points_custom_reward_id",
        "source_broadcaster_user_id",
    } <= set(event)


async def test_keepalives_fill_silences(http: aiohttp.ClientSession) -> None:
    async with FakeTwitch(keepalive_interval=0.05) as fake, http.ws_connect(fake.eventsub_url) as ws:
        await receive(ws)
        keepalive = await receive(ws)

    assert keepalive["metadata"]["message_type"] == "session_keepalive" and keepalive["payload"] == {}


async def test_a_client_that_sends_text_is_disconnected_with_4001(
    fake: FakeTwitch, http: aiohttp.ClientSession
) -> None:
    async with http.ws_connect(fake.eventsub_url) as ws:
        await receive(ws)
        await ws.send_str("hello?")
        closing = await asyncio.wait_for(ws.receive(), STEP)

    assert closing.type is aiohttp.WSMsgType.CLOSE and closing.data == 4001
    assert fake.received_frames == ["hello?"]


async def test_an_unused_connection_is_closed_with_4003(http: aiohttp.ClientSession) -> None:
    async with FakeTwitch(unused_timeout=0.05) as fake, http.ws_connect(fake.eventsub_url) as ws:
        await receive(ws)
        closing = await asyncio.wait_for(ws.receive(), STEP)

    assert closing.type is aiohttp.WSMsgType.CLOSE and closing.data == 4003


async def test_subscribing_for_an_unknown_session_is_refused(
    fake: FakeTwitch, bot: FakeUser, http: aiohttp.ClientSession
) -> None:
    status, body = await subscribe(http, fake, bot, "no-such-session")

    assert status == 400 and body["status"] == 400 and "session" in body["message"]


async def test_helix_wants_a_valid_token(fake: FakeTwitch, http: aiohttp.ClientSession) -> None:
    response = await http.get(
        f"{fake.helix_url}/users?login={CHANNEL}",
        headers={"Authorization": "Bearer nope", "Client-Id": fake.client_id},
    )

    assert response.status == 401
    assert await response.json() == {"error": "Unauthorized", "status": 401, "message": "Invalid OAuth token"}


async def test_subscriptions_are_disabled_when_their_socket_goes(
    fake: FakeTwitch, bot: FakeUser, http: aiohttp.ClientSession
) -> None:
    async with http.ws_connect(fake.eventsub_url) as ws:
        session_id = (await receive(ws))["payload"]["session"]["id"]
        await subscribe(http, fake, bot, session_id)
    await fake.wait_for_sessions(0, timeout=STEP)

    assert [s["status"] for s in fake.subscriptions] == ["websocket_disconnected"]
    assert fake.active_subscriptions() == []


async def moderated_channels(
    http: aiohttp.ClientSession, fake: FakeTwitch, user: FakeUser, query: str = ""
) -> tuple[int, Any]:
    response = await http.get(
        f"{fake.helix_url}/moderation/channels?user_id={user.id}{query}",
        headers={"Authorization": f"Bearer {user.access_token}", "Client-Id": fake.client_id},
    )
    return response.status, await response.json()


async def test_moderated_channels_come_in_pages_in_twitchs_shape(
    fake: FakeTwitch, http: aiohttp.ClientSession
) -> None:
    mod = fake.add_user("busy_mod", scopes=("user:read:moderated_channels",))
    fake.add_moderator(CHANNEL, "busy_mod")
    fake.add_moderator("other_channel", "busy_mod")

    status, first = await moderated_channels(http, fake, mod, "&first=1")
    _, last = await moderated_channels(http, fake, mod, f"&first=1&after={first['pagination']['cursor']}")

    assert status == 200
    assert first["data"] == [
        {
            "broadcaster_id": fake.users[CHANNEL].id,
            "broadcaster_login": CHANNEL,
            "broadcaster_name": "Pixel_Wren",
        }
    ]
    assert [c["broadcaster_login"] for c in last["data"]] == ["other_channel"]
    assert last["pagination"] == {}


async def test_moderated_channels_need_the_scope_and_the_users_own_token(
    fake: FakeTwitch, bot: FakeUser, http: aiohttp.ClientSession
) -> None:
    reader = fake.add_user("reader", scopes=("user:read:moderated_channels",))

    status, body = await moderated_channels(http, fake, bot)
    response = await http.get(
        f"{fake.helix_url}/moderation/channels?user_id={bot.id}",
        headers={"Authorization": f"Bearer {reader.access_token}", "Client-Id": fake.client_id},
    )

    assert (status, body["message"]) == (401, "Missing scope: user:read:moderated_channels")
    assert response.status == 401  # another user's channels, even with the scope


# -- the EventSub faults the fake stages --


async def welcomed(ws: aiohttp.ClientWebSocketResponse) -> str:
    """Read the welcome; returns the session id."""
    welcome = await receive(ws)
    assert welcome["metadata"]["message_type"] == "session_welcome"
    return str(welcome["payload"]["session"]["id"])


async def test_welcome_keepalive_overrides_what_the_client_asked(http: aiohttp.ClientSession) -> None:
    async with (
        FakeTwitch(welcome_keepalive=1) as fake,
        http.ws_connect(f"{fake.eventsub_url}?keepalive_timeout_seconds=30") as ws,
    ):
        welcome = await receive(ws)
        started = asyncio.get_running_loop().time()
        keepalive = await receive(ws)
        waited = asyncio.get_running_loop().time() - started

    assert welcome["payload"]["session"]["keepalive_timeout_seconds"] == 1
    assert keepalive["metadata"]["message_type"] == "session_keepalive"
    assert 0.8 < waited < 2.0


async def test_a_silenced_connection_sends_nothing_and_leaves_a_close_unanswered(
    fake: FakeTwitch, bot: FakeUser, http: aiohttp.ClientSession
) -> None:
    fake.keepalive_interval = 0.05
    timeout = aiohttp.ClientWSTimeout(ws_close=0.3)
    listening = await http.ws_connect(fake.eventsub_url)
    await subscribe(http, fake, bot, await welcomed(listening))
    closing = await http.ws_connect(fake.eventsub_url, timeout=timeout)
    await welcomed(closing)

    fake.silence()
    frames = await fake.notify("channel.chat.message", {"broadcaster_user_id": fake.users[CHANNEL].id})
    with pytest.raises(TimeoutError):
        await listening.receive(timeout=0.3)  # not even a keepalive
    started = asyncio.get_running_loop().time()
    await closing.close()  # waits out ws_close for an answer that never comes
    waited = asyncio.get_running_loop().time() - started
    await listening.close()  # after a receive timeout aiohttp does not wait for the answer
    await fake.wait_for_sessions(0, timeout=STEP)  # gone once the client side cut the connections

    assert frames == [] and fake.notifications == []  # swallowed, so never counted as offered
    assert waited >= 0.25
    assert closing.close_code == aiohttp.WSCloseCode.ABNORMAL_CLOSURE


async def test_a_reconnect_url_stalled_at_the_handshake_never_upgrades(
    fake: FakeTwitch, http: aiohttp.ClientSession
) -> None:
    async with http.ws_connect(fake.eventsub_url) as ws:
        await welcomed(ws)
        [url] = await fake.reconnect(stall="handshake")
        reconnect = await receive(ws)

        with pytest.raises(TimeoutError):
            async with asyncio.timeout(0.3):
                await http.ws_connect(url)

    assert reconnect["payload"]["session"]["reconnect_url"] == url
    assert fake.stalled_connections == 1


async def test_a_reconnect_url_stalled_at_the_welcome_sends_nothing_and_the_old_connection_gets_4004(
    http: aiohttp.ClientSession,
) -> None:
    async with (
        FakeTwitch(reconnect_grace=0.3) as fake,
        http.ws_connect(fake.eventsub_url) as old,
    ):
        old_id = await welcomed(old)
        [url] = await fake.reconnect(stall="welcome")
        await receive(old)  # session_reconnect
        async with http.ws_connect(url) as new:
            with pytest.raises(TimeoutError):
                await new.receive(timeout=0.2)
            closing = await asyncio.wait_for(old.receive(), STEP)

    assert closing.type is aiohttp.WSMsgType.CLOSE and closing.data == 4004
    assert (old_id, 4004) in fake.closes
    assert fake.stalled_connections == 1


async def test_frames_in_flight_arrive_on_the_old_connection_after_the_new_welcome(
    fake: FakeTwitch, bot: FakeUser, http: aiohttp.ClientSession
) -> None:
    async with http.ws_connect(fake.eventsub_url) as old:
        await subscribe(http, fake, bot, await welcomed(old))
        [url] = await fake.reconnect(in_flight=0.3)
        await receive(old)  # session_reconnect
        async with http.ws_connect(url) as new:
            await welcomed(new)
            await fake.send_chat(CHANNEL, "viewer32", "late", message_id="m-late")
            late = await receive(old)
            await asyncio.sleep(0.35)
            await fake.send_chat(CHANNEL, "viewer32", "on time", message_id="m-new")
            on_time = await receive(new)

    assert late["payload"]["event"]["message_id"] == "m-late"
    assert on_time["payload"]["event"]["message_id"] == "m-new"
    assert fake.late_frames == 1
    assert [f["payload"]["event"]["message_id"] for f in fake.notifications] == ["m-late", "m-new"]


@pytest.mark.parametrize("status", ["authorization_revoked", "user_removed", "version_removed"])
async def test_a_revocation_says_why_in_twitchs_shape(
    fake: FakeTwitch, bot: FakeUser, http: aiohttp.ClientSession, status: str
) -> None:
    async with http.ws_connect(fake.eventsub_url) as ws:
        _, body = await subscribe(http, fake, bot, await welcomed(ws))
        await fake.revoke("channel.chat.message", status)
        frame = await receive(ws)

    assert frame["metadata"]["message_type"] == "revocation"
    assert frame["metadata"]["subscription_type"] == "channel.chat.message"
    assert frame["metadata"]["subscription_version"] == "1"
    subscription = frame["payload"]["subscription"]
    assert (subscription["id"], subscription["status"]) == (body["data"][0]["id"], status)
    assert fake.active_subscriptions() == []


async def test_close_codes_the_fake_sends_are_noted(http: aiohttp.ClientSession) -> None:
    async with FakeTwitch(unused_timeout=0.05) as fake, http.ws_connect(fake.eventsub_url) as ws:
        session_id = await welcomed(ws)
        await asyncio.wait_for(ws.receive(), STEP)

    assert fake.closes == [(session_id, 4003)]
