"""Raids into the channel (EventSub ``channel.raid``): decoded, delivered live, never in the way of chat."""

from __future__ import annotations

import asyncio
import copy
import logging
from datetime import UTC, datetime
from typing import Any

import orjson
import pytest

from chronicler.domain.chat import ChatHeard, RaidArrived
from chronicler.twitch.eventsub import MalformedEvent, decode_notification, read_chat_notification
from chronicler.twitch.live import TwitchCredentials
from tests.fakes.twitch_server import FakeTwitch
from tests.twitch.conftest import CHANNEL, STEP, Reader, make_source
from tests.twitch.sleeps import RecordingSleep

# The event of Twitch's channel.raid v1 reference example (logins as Twitch sends them, mixed case here to
# show they are lower-cased), and the notification frame around it.
RAID_EVENT: dict[str, Any] = {
    "from_broadcaster_user_id": "1234",
    "from_broadcaster_user_login": "This_Is_A_Raider",
    "from_broadcaster_user_name": "This_Is_A_Raider",
    "to_broadcaster_user_id": "1337",
    "to_broadcaster_user_login": "Cool_User",
    "to_broadcaster_user_name": "Cool_User",
    "viewers": 9001,
}


def raid_frame(event: Any, *, timestamp: str = "2023-11-06T18:11:47.634234626Z") -> dict[str, Any]:
    """A channel.raid notification as the WebSocket transport delivers it."""
    return {
        "metadata": {
            "message_id": "befa7b53-d79d-478f-86b9-120f112b044e",
            "message_type": "notification",
            "message_timestamp": timestamp,
            "subscription_type": "channel.raid",
            "subscription_version": "1",
        },
        "payload": {
            "subscription": {
                "id": "f1c2a387-161a-49f9-a165-0f21d7a4e1c4",
                "status": "enabled",
                "type": "channel.raid",
                "version": "1",
                "condition": {"to_broadcaster_user_id": "1337"},
                "transport": {"method": "websocket", "session_id": "AQoQexAWVYKSTIu4ec_2VAxyuhAB"},
                "created_at": "2023-11-06T18:11:47.492253549Z",
                "cost": 0,
            },
            "event": event,
        },
    }


def raid_event(**changes: Any) -> dict[str, Any]:
    """A copy of the documented raid event with some fields replaced (None: the field left out)."""
    event = copy.deepcopy(RAID_EVENT)
    for key, value in changes.items():
        if value is None:
            event.pop(key)
        else:
            event[key] = value
    return event


# -- decoding --


def test_a_raid_notification_becomes_a_raid_at_the_notification_time() -> None:
    raid = decode_notification(raid_frame(RAID_EVENT, timestamp="2023-11-06T18:11:47.634234626Z"))

    assert raid == RaidArrived(
        channel="cool_user",
        from_login="this_is_a_raider",
        viewers=9001,
        at=datetime(2023, 11, 6, 18, 11, 47, 634235, tzinfo=UTC),
    )


def test_a_raid_frame_is_left_to_the_generic_decoder_by_the_chat_fast_path() -> None:
    assert read_chat_notification(orjson.dumps(raid_frame(RAID_EVENT))) is None


def test_a_raid_of_no_viewers_is_still_a_raid() -> None:
    raid = decode_notification(raid_frame(raid_event(viewers=0)))

    assert isinstance(raid, RaidArrived) and raid.viewers == 0


@pytest.mark.parametrize(
    ("event", "complaint"),
    [
        (raid_event(to_broadcaster_user_login=None), "from_ and to_broadcaster_user_login"),
        (raid_event(from_broadcaster_user_login=""), "from_ and to_broadcaster_user_login"),
        (raid_event(to_broadcaster_user_login=1337), "from_ and to_broadcaster_user_login"),
        (raid_event(viewers=None), "viewers is not a count: None"),
        (raid_event(viewers="12"), "viewers is not a count: '12'"),
        (raid_event(viewers=12.5), "viewers is not a count"),
        (raid_event(viewers=True), "viewers is not a count: True"),
        (raid_event(viewers=-3), "viewers is not a count: -3"),
        (["not", "an", "object"], "not an object"),
    ],
)
def test_a_malformed_raid_event_raises_saying_what_is_wrong(event: Any, complaint: str) -> None:
    with pytest.raises(MalformedEvent, match=complaint.replace("(", r"\(")):
        decode_notification(raid_frame(event))


def test_a_raid_frame_without_a_timestamp_is_malformed() -> None:
    frame = raid_frame(RAID_EVENT)
    del frame["metadata"]["message_timestamp"]

    with pytest.raises(MalformedEvent, match="message_timestamp"):
        decode_notification(frame)


# -- the live source --


async def test_a_raid_sent_by_twitch_arrives_between_the_chat_around_it(
    live: Reader, fake: FakeTwitch
) -> None:
    raid = fake.add_user("Cozy_Lantern", display_name="Cozy_Lantern")
    await fake.send_chat(CHANNEL, "viewer32", "before")
    [frame] = await fake.raid(CHANNEL, raid.login, viewers=38)
    await fake.send_chat(CHANNEL, "cozy_fan", "cozy_lantern raid! sending love <3")

    assert await live.texts(1) == ["before"]
    arrived = await live.next()
    assert await live.texts(1) == ["cozy_lantern raid! sending love <3"]

    assert isinstance(arrived, RaidArrived)
    assert (arrived.channel, arrived.from_login, arrived.viewers) == (CHANNEL, "cozy_lantern", 38)
    sent = frame["metadata"]["message_timestamp"]
    assert arrived.at == datetime.fromisoformat(sent.replace("000Z", "+00:00"))


async def test_the_raid_subscription_is_the_documented_one(live: Reader, fake: FakeTwitch) -> None:
    [raids] = [s for s in fake.active_subscriptions() if s["type"] == "channel.raid"]

    assert raids["version"] == "1"
    assert raids["condition"] == {"to_broadcaster_user_id": fake.users[CHANNEL].id}


async def test_a_raid_out_of_the_channel_is_not_delivered(live: Reader, fake: FakeTwitch) -> None:
    fake.add_user("someone_else")

    assert await fake.raid("someone_else", CHANNEL) == []  # only raids into the channel are subscribed to


async def test_a_raid_redelivered_by_twitch_arrives_once(live: Reader, fake: FakeTwitch) -> None:
    [frame] = await fake.raid(CHANNEL, "cozy_lantern")
    await fake.send_raw(frame)
    await fake.send_chat(CHANNEL, "viewer32", "after")

    assert isinstance(await live.next(), RaidArrived)
    assert await live.texts(1) == ["after"]


async def test_a_malformed_raid_is_logged_and_skipped_and_nothing_else_is_lost(
    live: Reader, fake: FakeTwitch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    broadcaster = fake.users[CHANNEL]
    bad = raid_event(to_broadcaster_user_id=broadcaster.id, to_broadcaster_user_login=CHANNEL, viewers="lots")

    await fake.send_chat(CHANNEL, "viewer32", "before")
    assert len(await fake.notify("channel.raid", bad)) == 1
    await fake.raid(CHANNEL, "cozy_lantern", viewers=5)
    await fake.send_chat(CHANNEL, "viewer32", "after")

    assert await live.texts(1) == ["before"]
    good = await live.next()
    assert isinstance(good, RaidArrived) and good.viewers == 5
    assert await live.texts(1) == ["after"]
    [warning] = [
        r.getMessage() for r in caplog.records if "malformed EventSub notification" in r.getMessage()
    ]
    assert "channel.raid event whose viewers is not a count: 'lots'" in warning


async def test_a_refused_raid_subscription_leaves_chat_read_and_says_so(
    fake: FakeTwitch, credentials: TwitchCredentials, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    fake.refuse_subscriptions("channel.raid", 403, "subscription missing proper authorization")
    source = make_source(fake, credentials)
    reader = Reader(source)
    try:
        await fake.wait_for_subscriptions(3, timeout=STEP)
        await fake.send_chat(CHANNEL, "viewer32", "chat goes on")

        assert await reader.texts(1) == ["chat goes on"]
        assert [type(event) for event in reader.hearing] == [ChatHeard]
        assert {s["type"] for s in fake.active_subscriptions()} == {
            "channel.chat.message",
            "stream.online",
            "stream.offline",
        }
        warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
        [refused] = [w for w in warnings if "channel.raid" in w]
        assert "subscription missing proper authorization" in refused
        assert "reading chat without it" in refused and "trying again" not in refused
        # A refusal is not tried again: one request, and nothing after it.
        await asyncio.sleep(0.1)
        assert sum(1 for method, path in fake.requests if path == "/helix/eventsub/subscriptions") == 4
    finally:
        await source.aclose()
        await asyncio.wait_for(reader.task, STEP)


async def test_a_raid_subscription_lost_to_an_outage_is_tried_again_in_the_background(
    fake: FakeTwitch, credentials: TwitchCredentials, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    # A 500 (twitchio would wait 3 s to try a 503 again): once at start-up, once in the background.
    fake.refuse_subscriptions("channel.raid", 500, "try later", times=2)
    sleep = RecordingSleep()
    source = make_source(fake, credentials, sleep=sleep)
    reader = Reader(source)
    try:
        await fake.wait_for_subscriptions(4, timeout=STEP)
        await fake.raid(CHANNEL, "cozy_lantern")

        assert isinstance(await reader.next(), RaidArrived)
        assert len(sleep.waits) == 1  # one failure in the background, backed off once
        warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
        assert any("channel.raid" in w and "trying again later" in w for w in warnings)
    finally:
        await source.aclose()
        await asyncio.wait_for(reader.task, STEP)


async def test_a_raid_subscription_revoked_for_good_leaves_chat_read(
    live: Reader, fake: FakeTwitch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)

    await fake.revoke("channel.raid", "user_removed")
    await fake.send_chat(CHANNEL, "viewer32", "still chronicled")

    assert await live.texts(1) == ["still chronicled"]
    assert any("revoked the channel.raid" in r.getMessage() for r in caplog.records)


async def test_a_raid_subscription_revoked_for_a_passing_reason_is_made_again(
    live: Reader, fake: FakeTwitch
) -> None:
    await fake.revoke("channel.raid", "version_removed")
    await fake.wait_until(
        lambda: sum(s["type"] == "channel.raid" for s in fake.active_subscriptions()) == 1, timeout=STEP
    )
    await fake.raid(CHANNEL, "cozy_lantern")

    assert isinstance(await live.next(), RaidArrived)
