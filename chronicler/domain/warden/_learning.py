"""What the Warden learns from the streamer's review of its flags.

A dismissed flag ("not spam") teaches two things: that chatter is trusted in this channel, and that
phrasing is fine here (its `phrasing_key`, so the same words with other names or numbers match too).
A confirmed flag adds the message's `learned_pattern` to the channel's own list: the message with
its variable parts (links, handles, numbers) as `*` wildcards, matched like a blocked term.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from chronicler.domain.warden._blocked import MAX_TERM_LENGTH, MAX_WILDCARDS, BlockedTerms
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


class LearnedPatterns:
    """The streamer's learned patterns, matched like blocked terms, with a cheap test in front of each.

    A pattern can only match where its longest literal piece occurs, and `in` finds that piece far
    faster than the wildcard matcher walks all the pieces: most patterns are ruled out by it alone,
    which keeps a full list of patterns (MAX_TERMS of them) well inside a message's time budget.
    """

    def __init__(self, patterns: Iterable[str]) -> None:
        """Check and prepare `patterns` (ConfigError, as for blocked terms, when one is unusable)."""
        self._patterns: list[tuple[str, BlockedTerms]] = []
        for pattern in patterns:
            pieces = [normalize(piece) for piece in pattern.split("*")]
            self._patterns.append((max(pieces, key=len), BlockedTerms([pattern])))

    def find(self, text: str) -> tuple[int, int] | None:
        """Where the first learned pattern (in the streamer's order) matches normalised `text`, or None."""
        for longest, term in self._patterns:
            if longest in text:
                found = term.find(text)
                if found is not None:
                    return found[1]
        return None
