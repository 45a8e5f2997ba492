"""What the pipeline tests that drive a running session share: a clock they move, and chat."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from chronicler.domain.chat import ChatMessage

CHANNEL = "pixel_wren"


@dataclass
class Clock:
    """Monotonic seconds that move when a test says so."""

    now: float = 0.0

    def __call__(self) -> float:
        return self.now


def chat(n: int, login: str, text: str, at: datetime) -> ChatMessage:
    """Message number `n` of the channel, by `login`, sent `at`."""
    return ChatMessage(
        message_id=f"m{n}",
        channel=CHANNEL,
        chatter_login=login,
        display_name=login,
        text=text,
        sent_at=at,
    )
