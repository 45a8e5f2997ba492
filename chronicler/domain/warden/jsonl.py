"""Scoring JSON lines with the Warden: one verdict line out for every line in, in order.

Input lines look like ``{"text": ..., "username"?: ..., "badges"?: [...], "first_message"?: bool,
"sent_at"?: ISO 8601}``. A blank or unusable line is still answered, with the verdict of an
unflagged message plus an ``"error"``, so any labeled set can be scored line for line.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from chronicler.domain.chat import BADGES, ChatMessage
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
            message = parse_line(line, number, channel=channel, clock=clock)
        except BadLineError as error:
            yield json.dumps({**NOT_FLAGGED.to_json(), "error": str(error)}, ensure_ascii=False)
            continue
        yield json.dumps(warden.check(message).to_json(), ensure_ascii=False)


def parse_line(line: str, number: int, *, channel: str, clock: Callable[[], datetime]) -> ChatMessage:
    """Turn one input line into a chat message, or raise BadLineError saying what is wrong."""
    if not line.strip():
        raise BadLineError("blank line")
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        raise BadLineError(f"not valid JSON: {error.msg} at column {error.colno}") from error
    if not isinstance(data, dict):
        raise BadLineError(f"expected a JSON object, got {type(data).__name__}")
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
