"""The knobs of a synthetic stream: how busy chat is, where it goes quiet, how it spikes, spams, is raided."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from chronicler.contract.errors import InvalidInput
from chronicler.contract.logins import is_login

# Without explicit quiet gaps, chat goes silent for LONG_QUIET_LENGTH from LONG_QUIET_FIRST into the
# stream and every LONG_QUIET_EVERY after (longer than the Hearthkeeper's 15 minutes), keeping only
# gaps that end LONG_QUIET_MARGIN before the stream does; short lulls of a few minutes come on top.
LONG_QUIET_FIRST = timedelta(minutes=50)
LONG_QUIET_EVERY = timedelta(hours=2)
LONG_QUIET_LENGTH = timedelta(minutes=18)
LONG_QUIET_MARGIN = timedelta(minutes=5)


@dataclass(frozen=True)
class RaidPlan:
    """Another streamer raiding the channel: their viewers arrive at once, and some of them chat.

    Each of the `raiders` pastes the same friendly raid message and greets the channel within the first
    half minute (`_synth_lines.raid_burst`): to a Warden that was not told of the raid, a copy-paste raid.
    """

    at: timedelta = timedelta(minutes=20)  # from the start of the stream
    from_login: str = "cozy_lantern"  # the raiding broadcaster
    viewers: int = 38  # what Twitch's channel.raid says came along
    raiders: int = 12  # of those, the ones who chat

    def __post_init__(self) -> None:
        if self.at < timedelta(0):
            raise InvalidInput("a raid comes at or after the start of the stream", field="raid")
        if not is_login(self.from_login):
            raise InvalidInput(
                f"the raider must be a lower-case Twitch login, not {self.from_login!r}", field="raid"
            )
        if not 1 <= self.raiders <= self.viewers:
            raise InvalidInput("a raid needs 1 to `viewers` chatting raiders", field="raid")


@dataclass(frozen=True)
class Scenario:
    """What kind of stream to synthesize; the defaults give a mid-sized, lively channel."""

    rate_range: tuple[float, float] = (5.0, 60.0)  # messages/min the drifting base rate stays within
    # (offset from the start, length) of each silent stretch; None = the default placement above.
    # Explicit gaps replace the default ones and the random lulls alike.
    quiet_gaps: tuple[tuple[timedelta, timedelta], ...] | None = None
    spike_every: timedelta = timedelta(minutes=12)  # mean spacing of hype moments
    spam_every: timedelta = timedelta(minutes=20)  # mean spacing of spam attacks
    timer_every: timedelta = timedelta(minutes=20)  # the timer bot's period
    regulars: int = 150  # accounts that come back and chat, with stable logins and badges
    newcomer_share: float = 0.06  # share of everyday messages that are someone's first in the channel
    bot_login: str = "sanctum_chronicler"  # the assistant's own account, mentioned now and then
    timer_bot: str | None = "nightbot"  # a well-known bot posting socials on a timer; None for none
    raid: RaidPlan | None = RaidPlan()  # the one raid into the channel; None for none

    def __post_init__(self) -> None:
        low, high = self.rate_range
        if not 0 < low <= high:
            raise InvalidInput(
                f"rate_range must be 0 < low <= high, not {self.rate_range}", field="rate_range"
            )
        for name in ("bot_login", "timer_bot"):
            value = getattr(self, name)
            if value is not None and not is_login(value):
                raise InvalidInput(f"{name} must be a lower-case Twitch login, not {value!r}", field=name)
        if self.regulars < 10:
            raise InvalidInput("a stream needs at least 10 regulars", field="regulars")
        if not 0 <= self.newcomer_share < 1:
            raise InvalidInput("newcomer_share must be in [0, 1)", field="newcomer_share")
        for name in ("spike_every", "spam_every", "timer_every"):
            if getattr(self, name) < timedelta(minutes=1):
                raise InvalidInput(f"{name} must be at least a minute", field=name)
        previous_end = timedelta(0)
        for offset, length in sorted(self.quiet_gaps or ()):
            if offset < previous_end or length <= timedelta(0):
                raise InvalidInput(
                    "quiet gaps need an offset >= 0, a positive length and must not overlap",
                    field="quiet_gaps",
                )
            previous_end = offset + length
