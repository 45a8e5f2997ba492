"""Scoring JSON lines with the Warden: one verdict line out for every line in, in order.

Input lines look like ``{"text": ..., "username"?: ..., "badges"?: [...], "first_message"?: bool,
"sent_at"?: ISO 8601}``. A line ``{"event": "raid", "from": login, "viewers": N, "sent_at"?: ...}``
says another channel raided this one: the Warden is told (its viewers' greetings are a welcome for
a few minutes) and the line is answered with an unflagged verdict plus ``"event": "raid"``. A blank
or unusable line is still answered, with the verdict of an unflagged message plus an ``"error"``,
so any labeled set can be scored line for line.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from chronicler.domain.chat import BADGES, ChatMessage, RaidArrived
from chronicler.domain.warden._errors import BadLineError
from chronicler.domain.warden._verdict import NOT_FLAGGED
from chronicler.domain.warden._warden import Warden

# Lines without a username cannot be told apart, so they share this login and never add up to a raid.
ANONYMOUS = "anonymous"


def check_lines(
    lines: Iterable[str],
    warden: Warden,
    *,
    channel: str = "jsonl",
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> Iterator[str]:
    """Yield one JSON verdict line (no newline) per input line, in the input's order."""
    for number, line in enumerate(lines, start=1):
        try:
            event = parse_event(line, number, channel=channel, clock=clock)
        except BadLineError as error:
            yield json.dumps({**NOT_FLAGGED.to_json(), "error": str(error)}, ensure_ascii=False)
            continue
        if isinstance(event, RaidArrived):
            warden.observe_raid(event)
            yield json.dumps({**NOT_FLAGGED.to_json(), "event": "raid"}, ensure_ascii=False)
            continue
        yield json.dumps(warden.check(event).to_json(), ensure_ascii=False)


def parse_event(
    line: str, number: int, *, channel: str, clock: Callable[[], datetime]
) -> ChatMessage | RaidArrived:
    """Turn one input line into a chat message or a raid, or raise BadLineError saying what is wrong."""
    data = _object(line)
    if "event" in data:
        return _raid(data, channel=channel, clock=clock)
    return _message(data, number, channel=channel, clock=clock)


def parse_line(line: str, number: int, *, channel: str, clock: Callable[[], datetime]) -> ChatMessage:
    """Turn one input line into a chat message, or raise BadLineError saying what is wrong."""
    return _message(_object(line), number, channel=channel, clock=clock)


def _object(line: str) -> dict[str, Any]:
    """The JSON object on one line, or BadLineError."""
    if not line.strip():
        raise BadLineError("blank line")
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        raise BadLineError(f"not valid JSON: {error.msg} at column {error.colno}") from error
    if not isinstance(data, dict):
        raise BadLineError(f"expected a JSON object, got {type(data).__name__}")
    return data


def _raid(data: dict[str, Any], *, channel: str, clock: Callable[[], datetime]) -> RaidArrived:
    """A `{"event": "raid", "from": login, "viewers": N, "sent_at"?: ...}` line as a raid into `channel`."""
    if data["event"] != "raid":
        raise BadLineError(f'unknown "event" {data["event"]!r}; only "raid" is known', field="event")
    raider = data.get("from")
    if not isinstance(raider, str) or not raider.strip().lstrip("@"):
        raise BadLineError('a raid needs "from": the raiding channel\'s login', field="from")
    viewers = data.get("viewers", 0)
    if isinstance(viewers, bool) or not isinstance(viewers, int) or viewers < 0:
        raise BadLineError('"viewers" must be a whole number, 0 or more', field="viewers")
    login = raider.strip().lstrip("@").lower()
    return RaidArrived(channel=channel, from_login=login, viewers=viewers, at=_sent_at(data, clock))


def _message(
    data: dict[str, Any], number: int, *, channel: str, clock: Callable[[], datetime]
) -> ChatMessage:
    """A chat message from one decoded line."""
    text = data.get("text")
    if not isinstance(text, str):
        raise BadLineError('"text" must be a string' if "text" in data else 'missing "text"', field="text")
    return ChatMessage(
        message_id=f"line-{number}",
        channel=channel,
        chatter_login=_username(data),
        text=text,
        sent_at=_sent_at(data, clock),
        badges=_badges(data),
        first_message=_first_message(data),
    )


def _username(data: dict[str, Any]) -> str:
    """The lower-cased login, or ANONYMOUS when none is given."""
    username = data.get("username")
    if username is None:
        return ANONYMOUS
    if not isinstance(username, str):
        raise BadLineError('"username" must be a string', field="username")
    return username.strip().lstrip("@").lower() or ANONYMOUS


def _badges(data: dict[str, Any]) -> frozenset[str]:
    """The badges that matter to the Warden; other Twitch badges are dropped, as on decoding."""
    badges = data.get("badges", [])
    if badges is None:
        return frozenset()
    if not isinstance(badges, list) or not all(isinstance(badge, str) for badge in badges):
        raise BadLineError('"badges" must be a list of strings', field="badges")
    return frozenset(badge.lower() for badge in badges) & BADGES


def _first_message(data: dict[str, Any]) -> bool:
    """Whether this is the chatter's first message in the channel; false when not given."""
    first = data.get("first_message", False)
    if first is None:
        return False
    if not isinstance(first, bool):
        raise BadLineError('"first_message" must be true or false', field="first_message")
    return first


def _sent_at(data: dict[str, Any], clock: Callable[[], datetime]) -> datetime:
    """When the message was sent: the line's "sent_at" (UTC if no zone is given), else the clock."""
    value = data.get("sent_at")
    if value is None:
        return clock()
    if not isinstance(value, str):
        raise BadLineError('"sent_at" must be an ISO 8601 string', field="sent_at")
    try:
        sent_at = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as error:
        raise BadLineError(f'"sent_at" is not an ISO 8601 time: {value!r}', field="sent_at") from error
    if sent_at.tzinfo is None:
        return sent_at.replace(tzinfo=UTC)
    return sent_at.astimezone(UTC)
