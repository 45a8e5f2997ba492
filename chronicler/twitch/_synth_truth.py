"""The simulator's ground truth: what it injected and where, for checking what the pipeline found."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

SpikeKind = Literal["hype", "funny"]
SpamKind = Literal["buy_followers", "free_nitro", "cheap_viewers", "copy_raid"]


@dataclass(frozen=True, slots=True)
class Spike:
    """A hype moment: chat several times busier than around it, with emote floods and clip calls."""

    start: datetime
    end: datetime
    kind: SpikeKind


@dataclass(frozen=True, slots=True)
class QuietGap:
    """A stretch with no message at all, from start (inclusive) to end (exclusive)."""

    start: datetime
    end: datetime

    @property
    def length(self) -> timedelta:
        """How long chat stayed silent."""
        return self.end - self.start


@dataclass
class Truth:
    """What one synthetic stream contains, filled in as it is generated."""

    channel: str
    seed: int
    start: datetime
    end: datetime | None  # None for an endless stream
    bot_login: str
    spam: dict[str, SpamKind] = field(default_factory=dict)  # message id -> kind of scam
    spam_bots: set[str] = field(default_factory=set)  # logins of the spam accounts
    spikes: list[Spike] = field(default_factory=list)
    clip_calls: set[str] = field(default_factory=set)  # ids of "clip it" messages
    quiet_gaps: list[QuietGap] = field(default_factory=list)
    questions: set[str] = field(default_factory=set)  # ids of questions to the streamer
    bot_mentions: set[str] = field(default_factory=set)  # ids of messages naming bot_login
    first_timers: set[str] = field(default_factory=set)  # logins whose first message in the channel is here

    @property
    def spam_ids(self) -> frozenset[str]:
        """Ids of every message a spam bot posted."""
        return frozenset(self.spam)

    def long_quiet_gaps(self, at_least: timedelta = timedelta(minutes=15)) -> list[QuietGap]:
        """The quiet gaps long enough for the Hearthkeeper to speak in."""
        return [gap for gap in self.quiet_gaps if gap.length >= at_least]
