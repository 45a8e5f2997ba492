"""What a handler knows besides the command: who asked, their profile, the time, the registry, and
which flags this conversation last listed (so "#2 is spam" can name one)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from chronicler.bot import languages, times
from chronicler.contract.api import UserOut

if TYPE_CHECKING:
    from chronicler.bot.registry import Registry


@dataclass
class ShownFlags:
    """The flags last listed to one streamer in this conversation, for answers that point at them."""

    ids: tuple[int, ...] = ()  # in the order shown: "#1" is ids[0]
    single: int | None = None  # what "that one" means: the only flag listed, or the last one answered

    def show(self, ids: tuple[int, ...]) -> None:
        """A new list was shown: its numbers replace the old ones."""
        self.ids = ids
        self.single = ids[0] if len(ids) == 1 else None


@dataclass(frozen=True)
class Context:
    """One DM's circumstances, handed to its handler."""

    user_key: str  # the Discord user id, or "console"
    profile: UserOut | None  # GET /api/me (webhook masked); None before the account is linked
    now: datetime  # aware, UTC
    registry: Registry
    link: Callable[[str], Awaitable[UserOut]]  # redeem a link code for this user
    flags_shown: ShownFlags = field(default_factory=ShownFlags)  # kept by the conversation, per user
    language: str | None = None  # the DM's, when the parser could tell: replies are given in it
    tz: ZoneInfo = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "tz", times.zone(self.profile.timezone if self.profile else None))

    @property
    def channel(self) -> str | None:
        """The streamer's Twitch channel, when they set one."""
        return self.profile.twitch_channel if self.profile else None

    def say(self, key: str, /, **values: object) -> str:
        """The reply template `key` in the streamer's language (English when it has none)."""
        return languages.phrase(key, self.language, **values)

    def time(self, value: str | None) -> str:
        """An API timestamp in the streamer's time zone ('20:03' today, '29 Apr 20:03' otherwise)."""
        return times.clock_time(value, self.tz, self.now)
