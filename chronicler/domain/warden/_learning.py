"""What the Warden learns from the streamer's review of its flags.

A dismissed flag ("not spam") teaches two things: that chatter is trusted in this channel, and that
phrasing is fine here (its `phrasing_key`, so the same words with other names or numbers match too).
A confirmed flag adds the message's `learned_pattern` to the channel's own list: the message with
its variable parts (links, handles, numbers) as `*` wildcards, matched like a blocked term.
"""

from __future__ import annotations

import re

from chronicler.domain.warden._blocked import MAX_TERM_LENGTH, MAX_WILDCARDS
from chronicler.domain.warden._normalize import normalize

# Links, @handles, and words holding a digit ("nightowl87", "100usd"): what a campaign varies.
_VARIABLE = re.compile(r"\S*[./]\S*\w\S*|@\w+|\w*\d\w*")
_WILDCARDS = re.compile(r"\*(?:\W*\*)*")


def phrasing_key(text: str) -> str:
    """The words of `text` without what varies between copies (links, handles, numbers)."""
    return " ".join(_VARIABLE.sub(" ", normalize(text)).split())


def learned_pattern(text: str) -> str | None:
    """A blocked-term pattern for a confirmed spam message, or None when nothing distinctive is left.

    Variable parts become `*`; the pattern keeps at most MAX_WILDCARDS wildcards and
    MAX_TERM_LENGTH characters, so it obeys the limits of a streamer's own terms.
    """
    pattern = _WILDCARDS.sub("*", _VARIABLE.sub("*", normalize(text))).strip(" *")
    pieces = pattern.split("*")
    pattern = "*".join(pieces[: MAX_WILDCARDS + 1])[:MAX_TERM_LENGTH].strip(" *")
    return pattern if len(pattern.replace("*", "").strip()) >= 8 else None
