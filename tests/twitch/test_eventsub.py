"""Decoding EventSub frames (shapes copied from Twitch's EventSub reference) into core.chat events."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

import orjson
import pytest

from chronicler.domain.chat import ChatMessage, StreamOffline, StreamOnline
from chronicler.twitch.eventsub import (
    MalformedEvent,
    Notification,
    decode_chat_message,
    decode_notification,
    notification_id,
    read_chat_notification,
)

CHAT_EVENT: dict[str, Any] = {
    "broadcaster_user_id": "1971641",
    "broadcaster_user_login": "streamer",
    "broadcaster_user_name": "streamer",
    "source_broadcaster_user_id": None,
    "source_broadcaster_user_login": None,
    "source_broadcaster_user_name": None,
    "chatter_user_id": "4145994",
    "chatter_user_login": "viewer32",
    "chatter_user_name": "viewer32",
    "message_id": "cc106a89-1814-919d-454c-f4f2f970aae7",
    "source_message_id": None,
    "is_source_only": None,
    "message": {
        "text": "Hi chat",
        "fragments": [{"type": "text", "text": "Hi chat", "cheermote": None, "emote": None, "mention": None}],
    },
    "color": "#00FF7F",
    "badges": [
        {"set_id": "moderator", "id": "1", "info": ""},
        {"set_id": "subscriber", "id": "12", "info": "16"},
        {"set_id": "sub-gifter", "id": "1", "info": ""},
    ],
    "source_badges": None,
    "message_type": "text",
    "cheer": None,
    "reply": None,
    "channel_points_custom_reward_id": None,
    "channel_points_animation_id": None,
}

REPLY_WITH_CHEER_EVENT: dict[str, Any] = {
    **CHAT_EVENT,
    "chatter_user_id": "141981764",
    "chatter_user_login": "twitchdev",
    "chatter_user_name": "TwitchDev",
    "message_id": "7c2f1d3e-55a0-4c83-8d1f-5e1b2c3d4e5f",
    "message": {
        "text": "@viewer32 Cheer100 Kappa thanks!",
        "fragments": [
            {
                "type": "mention",
                "text": "@viewer32",
                "cheermote": None,
                "emote": None,
                "mention": {"user_id": "4145994", "user_login": "viewer32", "user_name": "viewer32"},
            },
            {"type": "text", "text": " ", "cheermote": None, "emote": None, "mention": None},
            {
                "type": "cheermote",
                "text": "Cheer100",
                "emote": None,
                "mention": None,
                "cheermote": {"prefix": "cheer", "bits": 100, "tier": 100},
            },
            {"type": "text", "text": " ", "cheermote": None, "emote": None, "mention": None},
            {
                "type": "emote",
                "text": "Kappa",
                "cheermote": None,
                "mention": None,
                "emote": {"id": "25", "emote_set_id": "0", "owner_id": "0", "format": ["static"]},
            },
            {"type": "text", "text": " thanks!", "cheermote": None, "emote": None, "mention": None},
        ],
    },
    "badges": [{"set_id": "founder", "id": "0", "info": "3"}, {"set_id": "bits", "id": "100", "info": ""}],
    "cheer": {"bits": 100},
    "reply": {
        "parent_message_id": "cc106a89-1814-919d-454c-f4f2f970aae7",
        "parent_message_body": "Hi chat",
        "parent_user_id": "4145994",
        "parent_user_name": "viewer32",
        "parent_user_login": "viewer32",
        "thread_message_id": "cc106a89-1814-919d-454c-f4f2f970aae7",
        "thread_user_id": "4145994",
        "thread_user_name": "viewer32",
        "thread_user_login": "viewer32",
    },
}

ONLINE_EVENT = {
    "id": "9001",
    "broadcaster_user_id": "1337",
    "broadcaster_user_login": "cool_user",
    "broadcaster_user_name": "Cool_User",
    "type": "live",
    "started_at": "2020-10-11T10:11:12.123Z",
}

OFFLINE_EVENT = {
    "broadcaster_user_id": "1337",
    "broadcaster_user_login": "cool_user",
    "broadcaster_user_name": "Cool_User",
}


def notification(
    subscription_type: str, event: Any, *, timestamp: str = "2023-11-06T18:11:47.634234626Z"
) -> dict[str, Any]:
    """A full WebSocket notification frame, as Twitch sends it."""
    return {
        "metadata": {
            "message_id": "befa7b53-d79d-478f-86b9-120f112b044e",
            "message_type": "notification",
            "message_timestamp": timestamp,
            "subscription_type": subscription_type,
            "subscription_version": "1",
        },
        "payload": {
            "subscription": {
                "id": "f1c2a387-161a-49f9-a165-0f21d7a4e1c4",
                "status": "enabled",
                "type": subscription_type,
                "version": "1",
                "cost": 0,
                "condition": {"broadcaster_user_id": "1971641", "user_id": "2914196"},
                "transport": {"method": "websocket", "session_id": "AQoQexAWVYKSTIu4ec_2VAxyuhAB"},
                "created_at": "2023-11-06T18:11:47.492253549Z",
            },
            "event": event,
        },
    }


def chat_event(**changes: Any) -> dict[str, Any]:
    """A copy of the documented chat event with some fields replaced."""
    event = copy.deepcopy(CHAT_EVENT)
    event.update(changes)
    return event


def test_a_chat_notification_becomes_a_chat_message() -> None:
    message = decode_notification(notification("channel.chat.message", CHAT_EVENT))

    assert message == ChatMessage(
        message_id="cc106a89-1814-919d-454c-f4f2f970aae7",
        channel="streamer",
        chatter_login="viewer32",
        text="Hi chat",
        sent_at=datetime(2023, 11, 6, 18, 11, 47, 634235, tzinfo=UTC),  # ...634234626Z, to the nearest µs
        display_name="viewer32",
        chatter_id="4145994",
        badges=frozenset({"moderator", "subscriber"}),
        first_message=False,
    )
    assert message.is_privileged


def test_sent_at_is_the_notification_time_in_utc() -> None:
    frame = notification("channel.chat.message", CHAT_EVENT, timestamp="2024-03-01T12:00:00Z")

    message = decode_notification(frame)

    assert message is not None
    assert message.sent_at == datetime(2024, 3, 1, 12, 0, tzinfo=UTC)
    assert message.sent_at.utcoffset() is not None


def test_a_reply_with_a_cheer_keeps_the_whole_text_and_counts_founders_as_subscribers() -> None:
    message = decode_chat_message(REPLY_WITH_CHEER_EVENT)

    assert message.text == "@viewer32 Cheer100 Kappa thanks!"
    assert message.chatter_login == "twitchdev"
    assert message.display_name == "TwitchDev"
    assert message.badges == frozenset({"subscriber"})
    assert not message.is_privileged


@pytest.mark.parametrize(
    ("set_ids", "badges"),
    [
        (["broadcaster", "subscriber"], {"broadcaster", "subscriber"}),
        (["lead_moderator"], {"moderator"}),
        (["vip", "glhf-pledge", "premium"], {"vip"}),
        (["founder", "subscriber"], {"subscriber"}),
        (["partner", "turbo", "sub-gifter"], set()),
    ],
)
def test_badges_are_reduced_to_the_four_that_matter(set_ids: list[str], badges: set[str]) -> None:
    event = chat_event(badges=[{"set_id": s, "id": "1", "info": ""} for s in set_ids])

    assert decode_chat_message(event).badges == frozenset(badges)


def test_missing_or_null_badges_mean_none() -> None:
    assert decode_chat_message(chat_event(badges=None)).badges == frozenset()
    event = chat_event()
    del event["badges"]
    assert decode_chat_message(event).badges == frozenset()


def test_a_user_intro_is_a_first_message() -> None:
    assert decode_chat_message(chat_event(message_type="user_intro")).first_message
    assert not decode_chat_message(chat_event(message_type="channel_points_highlighted")).first_message


def test_logins_are_lower_cased_and_the_display_name_defaults_to_the_login() -> None:
    message = decode_chat_message(
        chat_event(broadcaster_user_login="Streamer", chatter_user_login="Viewer32", chatter_user_name=None)
    )

    assert message.channel == "streamer"
    assert (message.chatter_login, message.display_name) == ("viewer32", "Viewer32")


def test_without_a_time_the_message_is_stamped_now() -> None:
    before = datetime.now(UTC)
    message = decode_chat_message(CHAT_EVENT)

    assert before <= message.sent_at <= datetime.now(UTC)


def test_an_explicit_receive_time_is_used() -> None:
    at = datetime(2019, 4, 30, 20, 0, tzinfo=UTC)

    assert decode_chat_message(CHAT_EVENT, received_at=at).sent_at == at


def test_shared_chat_messages_from_another_channel_are_kept_with_this_channels_badges() -> None:
    event = chat_event(
        source_broadcaster_user_id="112233",
        source_broadcaster_user_login="partner_streamer",
        source_broadcaster_user_name="Partner_Streamer",
        source_message_id="0f8d5b4a-0000-4000-8000-000000000001",
        badges=[],
        source_badges=[{"set_id": "moderator", "id": "1", "info": ""}],
    )

    message = decode_chat_message(event)

    assert message.channel == "streamer"
    assert message.badges == frozenset()


def test_stream_online_uses_started_at() -> None:
    assert decode_notification(notification("stream.online", ONLINE_EVENT)) == StreamOnline(
        channel="cool_user", at=datetime(2020, 10, 11, 10, 11, 12, 123000, tzinfo=UTC)
    )


def test_stream_offline_uses_the_notification_time() -> None:
    frame = notification("stream.offline", OFFLINE_EVENT, timestamp="2020-10-11T14:00:00.5Z")

    assert decode_notification(frame) == StreamOffline(
        channel="cool_user", at=datetime(2020, 10, 11, 14, 0, 0, 500000, tzinfo=UTC)
    )


def test_frames_that_are_not_notifications_decode_to_none() -> None:
    keepalive = {
        "metadata": {
            "message_id": "84c1e79a-2a4b-4c13-ba0b-4312293e9308",
            "message_type": "session_keepalive",
            "message_timestamp": "2023-07-19T10:11:12.634234626Z",
        },
        "payload": {},
    }
    welcome = {
        "metadata": {**keepalive["metadata"], "message_type": "session_welcome"},
        "payload": {
            "session": {
                "id": "AQoQILE98gtqShGmLD7AM6yJThAB",
                "status": "connected",
                "connected_at": "2023-07-19T14:56:51.616329898Z",
                "keepalive_timeout_seconds": 10,
                "reconnect_url": None,
                "recovery_url": None,
            }
        },
    }

    assert decode_notification(keepalive) is None
    assert decode_notification(welcome) is None


def test_notifications_of_other_subscription_types_decode_to_none() -> None:
    follow = {
        "user_id": "1234",
        "user_login": "cool_user",
        "user_name": "Cool_User",
        "broadcaster_user_id": "1337",
        "broadcaster_user_login": "cooler_user",
        "broadcaster_user_name": "Cooler_User",
        "followed_at": "2020-07-15T18:16:11.17106713Z",
    }

    assert decode_notification(notification("channel.follow", follow)) is None


def test_notification_id_is_the_metadata_message_id() -> None:
    frame = notification("stream.offline", OFFLINE_EVENT)

    assert notification_id(frame) == "befa7b53-d79d-478f-86b9-120f112b044e"
    assert notification_id({"metadata": {}}) is None
    assert notification_id([]) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "event",
    [
        chat_event(chatter_user_login=None),
        chat_event(broadcaster_user_login=""),
        chat_event(message_id=42),
        chat_event(message="Hi chat"),
        chat_event(message={"fragments": []}),
        chat_event(badges="moderator"),
        chat_event(badges=[{"id": "1"}]),
        chat_event(badges=["moderator"]),
        chat_event(chatter_user_id=4145994),
        {k: v for k, v in CHAT_EVENT.items() if k != "chatter_user_login"},
        [],
        "not an event",
    ],
    ids=[
        "null login",
        "empty channel",
        "numeric id",
        "message is text",
        "no text",
        "badges not a list",
        "badge without set_id",
        "badge not an object",
        "numeric chatter id",
        "no login",
        "a list",
        "a string",
    ],
)
def test_malformed_chat_events_raise(event: Any) -> None:
    with pytest.raises(MalformedEvent):
        decode_chat_message(event)


@pytest.mark.parametrize(
    "frame",
    [
        {},
        {"payload": {}},
        {"metadata": None},
        {"metadata": {"message_type": "notification", "message_timestamp": "2023-11-06T18:11:47Z"}},
        notification("channel.chat.message", None),
        {"metadata": notification("stream.online", ONLINE_EVENT)["metadata"]},
        notification("channel.chat.message", CHAT_EVENT, timestamp="yesterday"),
        notification("channel.chat.message", CHAT_EVENT, timestamp="2023-11-06T18:11:47"),
        notification("stream.online", {**ONLINE_EVENT, "started_at": 1602411072}),
        notification("stream.offline", {"broadcaster_user_id": "1337"}),
        notification("stream.offline", ["cool_user"]),
        [],
    ],
    ids=[
        "empty",
        "no metadata",
        "null metadata",
        "no subscription type",
        "null event",
        "no payload",
        "bad timestamp",
        "naive timestamp",
        "numeric started_at",
        "no login",
        "event is a list",
        "a list",
    ],
)
def test_malformed_frames_raise(frame: Any) -> None:
    with pytest.raises(MalformedEvent):
        decode_notification(frame)


def test_malformed_event_is_a_value_error() -> None:
    assert issubclass(MalformedEvent, ValueError)


# -- the fast path for raw chat frames ------------------------------------------------------------

_CHAT_FRAMES = {
    "plain": notification("channel.chat.message", CHAT_EVENT),
    "reply with a cheer": notification("channel.chat.message", REPLY_WITH_CHEER_EVENT),
    "user intro": notification("channel.chat.message", chat_event(message_type="user_intro")),
    "no badges": notification("channel.chat.message", chat_event(badges=None)),
    "empty badges": notification("channel.chat.message", chat_event(badges=[])),
    "unknown badges only": notification("channel.chat.message", chat_event(badges=[{"set_id": "bits"}])),
    "upper-case login": notification("channel.chat.message", chat_event(chatter_user_login="ViEwEr32")),
    "no display name": notification("channel.chat.message", chat_event(chatter_user_name=None)),
    "empty display name": notification("channel.chat.message", chat_event(chatter_user_name="")),
    "no chatter id": notification("channel.chat.message", chat_event(chatter_user_id=None)),
    "offset timestamp": notification(
        "channel.chat.message", CHAT_EVENT, timestamp="2023-11-06T19:11:47+01:00"
    ),
    "unicode text": notification("channel.chat.message", chat_event(message={"text": "ｆｒｅｅ 👀\t\n"})),
    "NUL characters": notification(
        "channel.chat.message", chat_event(message={"text": "a\u0000b"}, chatter_user_name="Vie\u0000wer")
    ),
}


@pytest.mark.parametrize("frame", list(_CHAT_FRAMES.values()), ids=list(_CHAT_FRAMES))
def test_the_fast_path_decodes_chat_exactly_as_the_generic_decoder(frame: dict[str, Any]) -> None:
    fast = read_chat_notification(orjson.dumps(frame))

    assert fast == Notification(notification_id(frame), decode_notification(frame))
    assert read_chat_notification(orjson.dumps(frame).decode()) == fast  # text frames as well as bytes


def test_nul_characters_are_dropped_as_postgresql_cannot_store_them() -> None:
    message = decode_notification(_CHAT_FRAMES["NUL characters"])

    assert message is not None and (message.text, message.display_name) == ("ab", "Viewer")


_NOT_FOR_THE_FAST_PATH = {
    "keepalive": {
        "metadata": {
            "message_id": "k",
            "message_type": "session_keepalive",
            "message_timestamp": "2023-11-06T18:11:47Z",
        },
        "payload": {},
    },
    "stream online": notification("stream.online", ONLINE_EVENT),
    "chat type with a revocation": {
        **notification("channel.chat.message", CHAT_EVENT),
        "metadata": {
            **notification("channel.chat.message", CHAT_EVENT)["metadata"],
            "message_type": "revocation",
        },
    },
    "not JSON": b"{not json",
    "null login": notification("channel.chat.message", chat_event(chatter_user_login=None)),
    "empty channel": notification("channel.chat.message", chat_event(broadcaster_user_login="")),
    "numeric id": notification("channel.chat.message", chat_event(message_id=42)),
    "badge without set_id": notification("channel.chat.message", chat_event(badges=[{"id": "1"}])),
    "numeric badge set_id": notification("channel.chat.message", chat_event(badges=[{"set_id": 7}])),
    "bad timestamp": notification("channel.chat.message", CHAT_EVENT, timestamp="yesterday"),
    "naive timestamp": notification("channel.chat.message", CHAT_EVENT, timestamp="2023-11-06T18:11:47"),
}


@pytest.mark.parametrize("frame", list(_NOT_FOR_THE_FAST_PATH.values()), ids=list(_NOT_FOR_THE_FAST_PATH))
def test_the_fast_path_leaves_every_other_frame_to_the_generic_decoder(frame: Any) -> None:
    data = frame if isinstance(frame, bytes) else orjson.dumps(frame)

    assert read_chat_notification(data) is None
