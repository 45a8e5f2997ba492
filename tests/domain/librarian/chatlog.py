"""Chat for the Librarian's and the policies' tests: a message factory, synthetic streams, the real log."""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from functools import cache

import pytest

from chronicler.domain.chat import ChatMessage
from tests.shared_data import SHARED_DATA

START = datetime(2024, 5, 4, 18, 0, tzinfo=UTC)
CHANNEL = "pixel_wren"
REAL_LOG = SHARED_DATA / "chat" / "admiralbulldog_2019-04-30.csv"

_ids = itertools.count(1)

# Ordinary chat: varied, no emotes, nothing that reads as a question or a clip call.
CALM_LINES = (
    "nice jump there",
    "that boss looks tough",
    "love the music in this level",
    "good luck on the next run",
    "the lighting in this area is pretty",
    "that was a clean dash",
    "back from dinner",
    "this route feels faster",
)


def at(seconds: float, start: datetime = START) -> datetime:
    """A moment `seconds` into the stream."""
    return start + timedelta(seconds=seconds)


def message(
    text: str,
    *,
    login: str = "viewer",
    seconds: float = 0,
    display_name: str | None = None,
    badges: frozenset[str] = frozenset(),
    first_message: bool = False,
    channel: str = CHANNEL,
    sent_at: datetime | None = None,
) -> ChatMessage:
    """One chat message, `seconds` into the stream unless `sent_at` is given."""
    return ChatMessage(
        message_id=f"m{next(_ids)}",
        channel=channel,
        chatter_login=login,
        text=text,
        sent_at=sent_at or at(seconds),
        display_name=display_name if display_name is not None else login.capitalize(),
        badges=badges,
        first_message=first_message,
    )


def steady(start: float, end: float, *, every: float = 1.0, chatters: int = 30) -> Iterator[ChatMessage]:
    """Calm chat at one message every `every` seconds from `start` to `end`, from a rotating crowd."""
    for n in range(int((end - start) / every)):
        text = CALM_LINES[n % len(CALM_LINES)]
        yield message(text, login=f"regular{n % chatters}", seconds=start + n * every)


def burst(
    start: float, seconds: float, *, per_second: int = 10, lines: tuple[str, ...] = ("WHAT", "no way", "wow")
) -> Iterator[ChatMessage]:
    """A reaction: `per_second` messages a second for `seconds`, each from a different chatter."""
    for n in range(int(seconds * per_second)):
        yield message(lines[n % len(lines)], login=f"reactor{n}", seconds=start + n / per_second)


def in_order(*streams: Iterator[ChatMessage]) -> list[ChatMessage]:
    """Several streams merged by time, as chat would deliver them."""
    return sorted(itertools.chain(*streams), key=lambda m: m.sent_at)


@cache
def _read_real_log() -> tuple[ChatMessage, ...]:
    messages = []
    with REAL_LOG.open(encoding="utf-8", newline="") as file:
        for n, row in enumerate(csv.DictReader(file)):
            messages.append(
                ChatMessage(
                    message_id=f"real{n}",
                    channel=row["channel"],
                    chatter_login=row["username"],
                    text=row["message"],
                    sent_at=datetime.fromisoformat(row["time"]).replace(tzinfo=UTC),
                    display_name=row["username"],
                )
            )
    return tuple(messages)


def real_chat() -> tuple[ChatMessage, ...]:
    """The 26,323 messages of a real 3-hour stream from ../shared/data; skips the test when absent."""
    if not REAL_LOG.is_file():
        pytest.skip(f"real chat log not found at {REAL_LOG}")
    return _read_real_log()
