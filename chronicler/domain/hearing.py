"""Chat the bot could not hear: what the streamer is told, and the line a ledger gets.

A bot that goes deaf (Twitch's connection gone, a subscription revoked, its token refused) is the
most common complaint about Twitch bots, because nothing says so until someone notices. The worker
leaves the streamer one notice when an outage begins (`unheard_notice`) and one when chat is heard
again (`heard_notice`); the ledger says how long chat was unheard (`unheard_summary`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from chronicler.domain.chat import ChatUnheard
from chronicler.domain.wording import one_line

# What each reason means, as the ledger's parenthesis says it.
REASONS: dict[str, str] = {
    "connection": "Twitch's connection dropped",
    "subscription": "Twitch revoked the chat subscription",
    "authorization": "Twitch refused the bot's authorization",
}
# How much of Twitch's own wording a notice quotes.
DETAIL_CHARS = 120


def spoken_duration(seconds: float) -> str:
    """'2 min 10 s', '1 h 5 min', '45 s', '1.3 s': a span as a streamer would say it."""
    seconds = max(seconds, 0.0)
    if seconds < 10:
        # Short gaps only happen with short keepalives (tests); a tenth keeps them from reading "0 s".
        return f"{seconds:.1f} s"
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    if minutes:
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    return f"{secs} s"


def unheard_summary(seconds: float, gaps: int, reasons: Sequence[str]) -> str:
    """'Chat was unheard for 3 min 5 s in 2 gaps (Twitch's connection dropped)'."""
    causes = "; ".join(REASONS.get(reason, reason) for reason in dict.fromkeys(reasons))
    plural = "" if gaps == 1 else "s"
    return f"Chat was unheard for {spoken_duration(seconds)} in {gaps} gap{plural}" + (
        f" ({causes})" if causes else ""
    )


def unheard_notice(event: ChatUnheard, zone: ZoneInfo) -> str:
    """The notice for the start of an outage: what happened, since when, what the bot does, what to do."""
    since = _clock(event.since, zone)
    channel = event.channel
    detail = f" ({one_line(event.detail, DETAIL_CHARS)})" if event.detail.strip() else ""
    if event.reason == "authorization":
        return (
            f"I lost my authorization to read chat in #{channel}: since {since} Twitch refuses my "
            f"token{detail}, so I hear nothing there, and this will not fix itself. Re-authorize me: "
            "sign in to the bot's Twitch account, grant it access again (user:read:chat, "
            "user:write:chat, user:bot), put the new tokens in TWITCH_ACCESS_TOKEN and "
            "TWITCH_REFRESH_TOKEN, and restart the worker. I will tell you when I hear chat again."
        )
    if event.reason == "subscription":
        return (
            f"I have not heard chat in #{channel} since {since}: Twitch revoked my chat subscription"
            f"{detail} and it could not be made again yet. I keep trying and will tell you when I hear "
            "chat again. If this lasts, check that the bot is not banned from your chat; "
            "re-authorizing it fixes most other causes."
        )
    return (
        f"I have not heard chat in #{channel} since {since}: my connection to Twitch went silent or "
        "dropped. I am reconnecting by myself and will tell you when I hear chat again; messages sent "
        "meanwhile will be missing from this stream's ledger. If this lasts, check that the machine "
        "running the bot is online, and status.twitch.tv."
    )


def heard_notice(channel: str, unheard_seconds: float) -> str:
    """The notice for the end of an outage."""
    return (
        f"Chat in #{channel} is heard again after {spoken_duration(unheard_seconds)} unheard. "
        "Messages sent in that time are missing from this stream's ledger, which notes the gap."
    )


def _clock(at: datetime, zone: ZoneInfo) -> str:
    """'21:04:05 CET': a moment on the streamer's wall clock."""
    local = at.astimezone(zone)
    return f"{local:%H:%M:%S} {local.tzname()}"
