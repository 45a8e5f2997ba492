"""A raid's first minutes: what its raiders post is a welcome and a paste, not a reaction to the stream.

When another channel raids, dozens of newcomers arrive at once: they paste the raid message, the
regulars greet them, everyone says "RAID". By voices per bucket that is the biggest moment of a
small stream, and no one would clip it. For `RAID_ECHO` after a raid the Librarian leaves out:

- a line naming the raid ("CHOOM RAID!", "welcome raiders", "hi raiders <3");
- a greeting ("hiii", "hello everyone");
- a text another chatter already posted since the raid (the paste; three words or more, so
  chat's own "LUL" from many chatters still counts).

Everything else counts as ever, so a real moment during those minutes is still found. After
`RAID_ECHO` "raid" is an ordinary word again (a raid boss, a raid night).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from chronicler.domain.chat import ChatMessage
from chronicler.domain.librarian._reactions import is_greeting

# How long after a raid its raiders keep pasting the raid message and greeting.
RAID_ECHO = timedelta(minutes=3)
_PASTE_MIN_WORDS = 3  # "hi" and "LUL" from many chatters are chat, not a raid's paste
_PASTE_TEXTS = 2000  # texts remembered during one raid; more is not a raid, and memory stays bounded
_NAMES_THE_RAID = re.compile(r"\braid(?:s|ers?|ing|ed)?\b", re.IGNORECASE)


class RaidEcho:
    """The minutes after one raid, and the texts posted since, to tell what the raid itself wrote."""

    def __init__(self, at: datetime) -> None:
        self.since = at
        self.until = at + RAID_ECHO
        self._first: dict[str, str] = {}  # normalised text -> the login that posted it first

    def over(self, at: datetime) -> bool:
        """Whether the raid's minutes are over at `at`."""
        return at > self.until

    def is_raid(self, message: ChatMessage) -> bool:
        """Whether this message is the raid's welcome or paste rather than chat (see the module)."""
        if message.sent_at < self.since:
            return False
        text = message.text
        if _NAMES_THE_RAID.search(text) or is_greeting(text):
            return True
        words = text.casefold().split()
        if len(words) < _PASTE_MIN_WORDS:
            return False
        key = " ".join(words)
        first = self._first.get(key)
        if first is None:
            if len(self._first) < _PASTE_TEXTS:
                self._first[key] = message.chatter_login
            return False
        return first != message.chatter_login
