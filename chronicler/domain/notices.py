"""Twitch's own notices (a raid, a subscription, a gifted sub) as chat logs keep them, told from chat.

Live, these reach the product as events of their own (EventSub ``channel.raid``) or not at all: they
are no chat message. A VOD's chat export (TwitchDownloader, the logs in ../shared/data) writes them
as lines of chat under the raider's or subscriber's name, in Twitch's fixed English wording:

    "38 raiders from Cozy_Lantern have joined!"
    "Pixel_Wren subscribed at Tier 1. They've subscribed for 12 months! <their own message>"
    "Pixel_Wren is gifting 5 Tier 1 Subs to Cozy_Lantern's community! They've gifted a total of 9 ..."
    "Pixel_Wren gifted a Tier 1 sub to Night_Owl!"

`twitch_notice` tells such a line, so a log is read as live chat is: a raid as a raid, a gift bomb's
fifty lines as no chat at all. Only the opening Twitch writes is matched, so a chatter saying
"I subscribed at tier 1 yesterday" or "raiders from the north have joined the fight" in a sentence
of their own is still chat.
"""

from __future__ import annotations

import re
from typing import Literal

NoticeKind = Literal["raid", "subscription"]

_NAME = r"[\w\-]+"  # a display name: letters (any script), digits, '_' ('-' in older exports)
# Twitch's wording, case and all: a chatter's "i subscribed at tier 1" is a sentence of their own.
_RAID = re.compile(rf"^\s*(\d[\d,.]*) raiders? from {_NAME} ha(?:ve|s) joined!")
_SUBSCRIPTION = re.compile(
    rf"""^\s*(?:An\ anonymous\ (?:user|gifter)|{_NAME})\ (?:
        subscribed\ (?:at\ Tier\ \d|with\ (?:Twitch\ )?Prime)\.
        | is\ gifting\ [\d,]+\ Tier\ \d\ Subs?\ to\ \S+\ community!
        | gifted\ a\ Tier\ \d\ sub\ to\ {_NAME}!
        | converted\ from\ a\ Prime\ sub\ to\ a\ Tier\ \d\ sub!
        | is\ (?:continuing\ the\ Gift\ Sub|paying\ forward\ the\ Gift)\ they\ got\b
    )""",
    re.VERBOSE,
)


def twitch_notice(text: str) -> NoticeKind | None:
    """Which of Twitch's notices this chat line is, or None for a line a chatter wrote."""
    if raiders(text) is not None:
        return "raid"
    if _SUBSCRIPTION.match(text):
        return "subscription"
    return None


def raiders(text: str) -> int | None:
    """How many raiders Twitch's raid notice says came, or None when the line is no raid notice."""
    found = _RAID.match(text) if "raider" in text else None
    return int(re.sub(r"[,.]", "", found.group(1))) if found else None
