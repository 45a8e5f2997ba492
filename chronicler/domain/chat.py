"""Chat events as every part of the product sees them, whatever source they came from.

They are immutable msgspec structs rather than frozen dataclasses: a busy channel makes tens of
thousands a second, and a struct is made in a tenth of the time (bench/ingest.py). Change one with
``msgspec.structs.replace``. A chat message is not tracked by the garbage collector (``gc=False``):
it holds only text, a time and a set of text, so it can never be part of a reference cycle, and
the collector's passes over tens of thousands of held messages were wasted work.
"""

from __future__ import annotations

from datetime import datetime

import msgspec

# The badges that matter to the modes; Twitch sends many more, which are dropped on decoding.
BADGES: frozenset[str] = frozenset({"broadcaster", "moderator", "vip", "subscriber"})
PRIVILEGED_BADGES: frozenset[str] = frozenset({"broadcaster", "moderator", "vip"})


class ChatMessage(msgspec.Struct, frozen=True, gc=False):
    """One chat message in a channel."""

    message_id: str
    channel: str  # broadcaster login, lower-case
    chatter_login: str  # lower-case
    text: str
    sent_at: datetime  # timezone-aware, UTC
    display_name: str = ""
    chatter_id: str | None = None
    badges: frozenset[str] = frozenset()
    first_message: bool = False

    @property
    def is_privileged(self) -> bool:
        """Broadcaster, moderators and VIPs: people the Warden never flags."""
        return not self.badges.isdisjoint(PRIVILEGED_BADGES)


class StreamOnline(msgspec.Struct, frozen=True):
    """The channel went live."""

    channel: str
    at: datetime


class StreamOffline(msgspec.Struct, frozen=True):
    """The channel went offline."""

    channel: str
    at: datetime


ChatEvent = ChatMessage | StreamOnline | StreamOffline
