"""Chat events as every part of the product sees them, whatever source they came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

# The badges that matter to the modes; Twitch sends many more, which are dropped on decoding.
BADGES: frozenset[str] = frozenset({"broadcaster", "moderator", "vip", "subscriber"})
PRIVILEGED_BADGES: frozenset[str] = frozenset({"broadcaster", "moderator", "vip"})


@dataclass(frozen=True, slots=True)
class ChatMessage:
    """One chat message in a channel."""

    message_id: str
    channel: str  # broadcaster login, lower-case
    chatter_login: str  # lower-case
    text: str
    sent_at: datetime  # timezone-aware, UTC
    display_name: str = ""
    chatter_id: str | None = None
    badges: frozenset[str] = field(default_factory=frozenset)
    first_message: bool = False

    @property
    def is_privileged(self) -> bool:
        """Broadcaster, moderators and VIPs: people the Warden never flags."""
        return not self.badges.isdisjoint(PRIVILEGED_BADGES)


@dataclass(frozen=True, slots=True)
class StreamOnline:
    """The channel went live."""

    channel: str
    at: datetime


@dataclass(frozen=True, slots=True)
class StreamOffline:
    """The channel went offline."""

    channel: str
    at: datetime


ChatEvent = ChatMessage | StreamOnline | StreamOffline
