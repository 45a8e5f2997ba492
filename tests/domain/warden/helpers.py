"""Plain helpers for the Warden tests: building chat messages and finding the shared data."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from chronicler.domain.chat import ChatMessage
from tests.shared_data import SHARED_DATA

START = datetime(2024, 5, 1, 20, 0, tzinfo=UTC)


def make_message(
    text: str,
    *,
    login: str = "somechatter",
    channel: str = "pixel_wren",
    badges: frozenset[str] | set[str] = frozenset(),
    first_message: bool = False,
    seconds: float = 0.0,
) -> ChatMessage:
    """A chat message in #pixel_wren, `seconds` after a fixed start time."""
    return ChatMessage(
        message_id=f"{login}-{seconds}",
        channel=channel,
        chatter_login=login,
        text=text,
        sent_at=START + timedelta(seconds=seconds),
        badges=frozenset(badges),
        first_message=first_message,
    )


def shared_data() -> Path:
    """The shared data folder, or skip the test when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"no shared data at {SHARED_DATA}")
    return SHARED_DATA
