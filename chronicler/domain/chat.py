"""Chat events as every part of the product sees them, whatever source they came from.

They are immutable msgspec structs rather than frozen dataclasses: a busy channel makes tens of
thousands a second, and a struct is made in a tenth of the time (bench/ingest.py). Change one with
``msgspec.structs.replace``. A chat message is not tracked by the garbage collector (``gc=False``):
it holds only text, a time and a set of text, so it can never be part of a reference cycle, and
the collector's passes over tens of thousands of held messages were wasted work.

Besides what Twitch sends, a live source says whether it hears the chat at all (`ChatHeard`,
`ChatUnheard`): a bot that goes deaf (its connection gone, a subscription revoked, its token refused)
must not go unnoticed. Sources that cannot go deaf (a replay, the simulator) never yield them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

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


# Why chat went unheard: Twitch's connection (silent, dropped, not restored), a chat subscription Twitch
# revoked that could not be made again, or Twitch refusing the bot's authorization (its token).
UnheardReason = Literal["connection", "subscription", "authorization"]


class ChatUnheard(msgspec.Struct, frozen=True):
    """The channel's chat has gone unheard for longer than a keepalive window; told once per outage."""

    channel: str
    since: datetime  # the last moment chat was heard, timezone-aware UTC
    reason: UnheardReason
    detail: str = ""  # Twitch's own word for it (a close reason, a revocation status), for logs and notices


class ChatHeard(msgspec.Struct, frozen=True):
    """The channel's chat is heard: once the source is subscribed, and again after each outage it told."""

    channel: str
    at: datetime  # since when chat is heard (again), timezone-aware UTC
    unheard_seconds: float = 0.0  # how long the outage it ends lasted; 0 when the source just started


class RaidArrived(msgspec.Struct, frozen=True):
    """Another broadcaster raided the channel (EventSub ``channel.raid``): their viewers arrive at once.

    A moderator reads the next minutes of chat differently: the raiders' greetings and their raid
    message, posted by many newcomers at once, are a welcome, not a spam wave.
    """

    channel: str  # the raided broadcaster's login, lower-case
    from_login: str  # the raiding broadcaster's login, lower-case
    viewers: int
    at: datetime  # timezone-aware UTC


ChatEvent = ChatMessage | StreamOnline | StreamOffline | ChatUnheard | ChatHeard | RaidArrived
Hearing = ChatUnheard | ChatHeard
"""What a source says about hearing the chat at all, as opposed to what was said in it."""


def happened_at(event: ChatEvent) -> datetime:
    """When an event happened: a message's sending, chat going unheard, anything else's `at`."""
    if isinstance(event, ChatMessage):
        return event.sent_at
    if isinstance(event, ChatUnheard):
        return event.since
    return event.at
