"""Decoding of Twitch EventSub WebSocket frames into `core.chat` events: pure, fast, no I/O.

Four subscription types matter to the product: ``channel.chat.message``, ``stream.online``,
``stream.offline`` and ``channel.raid`` (another broadcaster raiding the channel). Frames of any other
message or subscription type decode to ``None``; frames that claim to be one of ours but are not shaped
as Twitch documents raise `MalformedEvent`.

Chat messages are nearly all the traffic, so they have a fast path: `read_chat_notification` decodes
the raw frame in one typed pass, reading only the fields used. It answers ``None`` for anything it
does not accept, and the caller falls back to parsing the JSON and `decode_notification`, which
decodes everything else and explains what is malformed. Both give the same `ChatMessage`.

Choices worth knowing:

* Badges are reduced to `core.chat.BADGES`. ``founder`` counts as ``subscriber`` (founders are
  the channel's first subscribers and lose the subscriber badge to it) and ``lead_moderator`` as
  ``moderator``.
* ``first_message``: IRC's ``first-msg`` tag has no EventSub equivalent, and ``channel.chat.message``
  carries no first-time flag. The closest signal is ``message_type == "user_intro"`` (the
  "introduce yourself" message Twitch offers first-time chatters), so that is what sets it. Plain
  first messages therefore arrive with ``first_message=False``.
* ``sent_at``: chat events carry no timestamp of their own; the notification's
  ``metadata.message_timestamp`` (when Twitch sent it) is used, its nanoseconds rounded to the
  nearest microsecond.
* ``channel.raid`` becomes `RaidArrived`: the raided broadcaster (``to_broadcaster_user_login``) is the
  channel, the raider is ``from_broadcaster_user_login``, both lower-cased; like chat, raids carry no
  time of their own, so ``at`` is the notification's ``metadata.message_timestamp``.
* NUL characters are dropped from texts and names: no chat sends them, and PostgreSQL cannot store
  them (one would hold up every message stored with it).
* Shared-chat messages (``source_broadcaster_user_id`` set) are kept: they are shown in the channel's
  chat, and ``badges`` (not ``source_badges``) are the chatter's badges in this channel.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

import msgspec

from chronicler.domain.chat import ChatEvent, ChatMessage, RaidArrived, StreamOffline, StreamOnline
from chronicler.twitch import _chat_frame
from chronicler.twitch._errors import MalformedEvent

__all__ = [
    "CHANNEL_RAID",
    "CHAT_MESSAGE",
    "STREAM_OFFLINE",
    "STREAM_ONLINE",
    "MalformedEvent",
    "Notification",
    "decode_chat_message",
    "decode_notification",
    "notification_id",
    "read_chat_notification",
]

CHAT_MESSAGE = "channel.chat.message"
STREAM_ONLINE = "stream.online"
STREAM_OFFLINE = "stream.offline"
CHANNEL_RAID = "channel.raid"

# Twitch badge set ids worth keeping, and the product badge each one stands for.
_BADGES: dict[str, str] = {
    "broadcaster": "broadcaster",
    "moderator": "moderator",
    "lead_moderator": "moderator",
    "vip": "vip",
    "subscriber": "subscriber",
    "founder": "subscriber",
}
_NO_BADGES: frozenset[str] = frozenset()
_ONE_BADGE: dict[str, frozenset[str]] = {set_id: frozenset({badge}) for set_id, badge in _BADGES.items()}


class Notification(msgspec.Struct, frozen=True):
    """A decoded notification: Twitch's id for the delivery (repeated on redelivery) and its event."""

    delivery_id: str | None
    event: ChatEvent


def read_chat_notification(data: str | bytes) -> Notification | None:
    """A raw frame carrying a well-formed chat message, decoded in one pass; ``None`` for any other frame."""
    try:
        frame = _chat_frame.decoder.decode(data)
    except (msgspec.ValidationError, msgspec.DecodeError):  # another kind of frame, or a broken one
        return None
    metadata, event = frame.metadata, frame.payload.event
    sent_at = metadata.message_timestamp
    if (
        metadata.message_type != "notification"
        or metadata.subscription_type != CHAT_MESSAGE
        or not (event.broadcaster_user_login and event.chatter_user_login and event.message_id)
        or sent_at.tzinfo is None
    ):
        return None
    message = _chat_message(
        event.broadcaster_user_login,
        event.chatter_user_login,
        event.message_id,
        event.message.text,
        sent_at if sent_at.tzinfo is UTC else sent_at.astimezone(UTC),
        display_name=event.chatter_user_name,
        chatter_id=event.chatter_user_id,
        badges=_frame_badges(event.badges),
        message_type=event.message_type,
    )
    return Notification(metadata.message_id or None, message)


def decode_chat_message(event: Mapping[str, Any], received_at: datetime | None = None) -> ChatMessage:
    """A ``channel.chat.message`` event as a `ChatMessage`; `received_at` (UTC) defaults to now."""
    try:
        channel = event["broadcaster_user_login"]
        login = event["chatter_user_login"]
        message_id = event["message_id"]
        text = event["message"]["text"]
    except (KeyError, TypeError) as exc:
        raise MalformedEvent(f"channel.chat.message event without {_missing(exc)}") from exc
    if not (
        type(channel) is str
        and channel
        and type(login) is str
        and login
        and type(message_id) is str
        and message_id
        and type(text) is str
    ):
        raise MalformedEvent("channel.chat.message event with an empty or non-text login, id or message")
    display_name = event.get("chatter_user_name")
    chatter_id = event.get("chatter_user_id")
    if (display_name is not None and type(display_name) is not str) or (
        chatter_id is not None and type(chatter_id) is not str
    ):
        raise MalformedEvent("channel.chat.message event with a non-text chatter name or id")
    return _chat_message(
        channel,
        login,
        message_id,
        text,
        received_at if received_at is not None else datetime.now(UTC),
        display_name=display_name,
        chatter_id=chatter_id,
        badges=_badges(event.get("badges")),
        message_type=event.get("message_type"),
    )


def _chat_message(
    channel: str,
    login: str,
    message_id: str,
    text: str,
    sent_at: datetime,
    *,
    display_name: str | None,
    chatter_id: str | None,
    badges: frozenset[str],
    message_type: object,
) -> ChatMessage:
    """The one place a chat event's validated fields become a `ChatMessage`, for both decoders."""
    if "\x00" in text:
        text = text.replace("\x00", "")
    if display_name and "\x00" in display_name:
        display_name = display_name.replace("\x00", "")
    return ChatMessage(
        message_id=message_id,
        channel=channel.lower(),
        chatter_login=login.lower(),
        text=text,
        sent_at=sent_at,
        display_name=display_name or login,
        chatter_id=chatter_id,
        badges=badges,
        first_message=message_type == "user_intro",
    )


def decode_notification(frame: Mapping[str, Any]) -> ChatEvent | None:
    """The event in a full WebSocket frame; ``None`` for non-notifications and types we ignore."""
    try:
        metadata = frame["metadata"]
        message_type = metadata["message_type"]
    except (KeyError, TypeError) as exc:
        raise MalformedEvent(f"EventSub frame without {_missing(exc)}") from exc
    if message_type != "notification":
        return None
    try:
        decoder = _DECODERS.get(metadata["subscription_type"])
        if decoder is None:
            return None
        event = frame["payload"]["event"]
        sent_at = metadata["message_timestamp"]
    except (KeyError, TypeError) as exc:
        raise MalformedEvent(f"EventSub notification without {_missing(exc)}") from exc
    return decoder(event, _timestamp(sent_at))


def notification_id(frame: Mapping[str, Any]) -> str | None:
    """The frame's ``metadata.message_id``: Twitch's id for this delivery, repeated on redelivery."""
    try:
        value = frame["metadata"]["message_id"]
    except (KeyError, TypeError):
        return None
    return value if type(value) is str and value else None


def _stream_online(event: Mapping[str, Any], sent_at: datetime) -> StreamOnline:
    started_at = _get(event, "started_at")
    return StreamOnline(
        channel=_channel(event), at=_timestamp(started_at) if started_at is not None else sent_at
    )


def _stream_offline(event: Mapping[str, Any], sent_at: datetime) -> StreamOffline:
    # stream.offline events carry no time of their own.
    return StreamOffline(channel=_channel(event), at=sent_at)


def _raid(event: Mapping[str, Any], sent_at: datetime) -> RaidArrived:
    # channel.raid v1: from_/to_broadcaster_user_{id,login,name} and viewers; no time of its own.
    channel = _get(event, "to_broadcaster_user_login")
    raider = _get(event, "from_broadcaster_user_login")
    viewers = _get(event, "viewers")
    if not (type(channel) is str and channel and type(raider) is str and raider):
        raise MalformedEvent("channel.raid event without a from_ and to_broadcaster_user_login")
    if type(viewers) is not int or viewers < 0:  # bool is no int here; a count is never negative
        raise MalformedEvent(f"channel.raid event whose viewers is not a count: {viewers!r}")
    return RaidArrived(channel=channel.lower(), from_login=raider.lower(), viewers=viewers, at=sent_at)


_DECODERS: dict[str, Callable[[Any, datetime], ChatEvent]] = {
    CHAT_MESSAGE: decode_chat_message,
    STREAM_ONLINE: _stream_online,
    STREAM_OFFLINE: _stream_offline,
    CHANNEL_RAID: _raid,
}


def _badges(raw: Any) -> frozenset[str]:
    if not raw:
        return _NO_BADGES
    if type(raw) is not list:
        raise MalformedEvent("chat badges are not a list")
    try:
        return _kept_badges([badge["set_id"] for badge in raw])
    except (KeyError, TypeError) as exc:  # a badge that is not an object, or without a hashable set_id
        raise MalformedEvent(f"chat badges without a usable set_id: {raw!r}") from exc


def _frame_badges(badges: list[_chat_frame.Badge] | None) -> frozenset[str]:
    """The fast path's `_kept_badges`, with nothing to build for the common case of one badge."""
    if not badges:
        return _NO_BADGES
    if len(badges) == 1:
        return _ONE_BADGE.get(badges[0].set_id, _NO_BADGES)
    return _kept_badges(badge.set_id for badge in badges)


def _kept_badges(set_ids: Iterable[Any]) -> frozenset[str]:
    """The product badges among Twitch badge set ids (anything unknown, even not text, is dropped)."""
    kept = frozenset(name for name in map(_BADGES.get, set_ids) if name is not None)
    return kept or _NO_BADGES


def _channel(event: Mapping[str, Any]) -> str:
    login = _get(event, "broadcaster_user_login")
    if type(login) is not str or not login:
        raise MalformedEvent("stream event without a broadcaster_user_login")
    return login.lower()


def _get(event: Mapping[str, Any], key: str) -> Any:
    try:
        return event.get(key)
    except AttributeError as exc:
        raise MalformedEvent(f"event is not an object: {event!r}") from exc


def _timestamp(value: Any) -> datetime:
    """Twitch's RFC 3339 timestamps (nanoseconds, ``Z``) as aware UTC datetimes."""
    if type(value) is not str:
        raise MalformedEvent(f"timestamp is not text: {value!r}")
    try:
        # As the fast path reads them (msgspec rounds nanoseconds; `fromisoformat` would cut them).
        parsed = msgspec.convert(value, datetime)
    except msgspec.ValidationError as exc:
        raise MalformedEvent(f"unreadable timestamp {value!r}") from exc
    if parsed.tzinfo is None:
        raise MalformedEvent(f"timestamp without a time zone: {value!r}")
    return parsed if parsed.tzinfo is UTC else parsed.astimezone(UTC)


def _missing(exc: KeyError | TypeError) -> str:
    """What a failed lookup was after, for the error message."""
    return repr(exc.args[0]) if isinstance(exc, KeyError) else "the expected objects"
