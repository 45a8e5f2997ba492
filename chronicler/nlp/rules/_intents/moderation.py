"""Moderation requests: "timeout @x", "ban grumpy_otter", "mute rusty_hinge22 for me".

The bot flags, it never moderates: the handler answers politely, so this is a read-only candidate. The
verb must open a sentence (after "pls" or "can you" at most) and be followed by a login; "mute the
steward" names a mode, not a chatter, and "ban" said of anything else ("how do I ban someone") is talk.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from chronicler.contract.commands import MODES
from chronicler.nlp.rules._intents._base import Candidate
from chronicler.nlp.rules._logins import login_of
from chronicler.nlp.rules._utterance import Utterance

_REQUEST = re.compile(
    r"^(?:(?:pls|plz|please|yo|hey|ok|okay|can\s+(?:you|u)|could\s+(?:you|u)|just)\W+)*"
    r"(?:time\s*out|timeout|ban|permaban|perma\s*ban|kick|mute|block)\s+@?(?P<login>[a-z0-9_]{3,25})\b",
)
_SENTENCES = re.compile(r"[.!?;,\n]+")
# Words after the verb that are no chatter.
_NOT_LOGINS = frozenset(
    {
        *MODES,
        "the",
        "this",
        "that",
        "them",
        "him",
        "her",
        "everyone",
        "chat",
        "all",
        "me",
        "my",
        "someone",
        "off",
        "out",
        "up",
        "on",
    }
)
_SCORE = 0.9


def moderation(u: Utterance) -> Iterator[Candidate]:
    """Ban, time out, kick or mute a named chatter: answered with what the bot can do instead."""
    for sentence in _SENTENCES.split(u.text.lower()):
        match = _REQUEST.match(sentence.strip())
        if match is None or match["login"] in _NOT_LOGINS:
            continue
        login = login_of(match["login"]).value
        if login is not None:
            yield Candidate("moderate", None, _SCORE, {"username": login})
            return
