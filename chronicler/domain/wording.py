"""Words the bot says: the optional LLM writer, made safe to call and safe to post, and template rotation.

A writer is any `writer(system, user) -> str | None` (the `ai` package wraps the configured LLM
as one). It is optional everywhere: None, an exception, or an empty answer all mean "use the
template", so a broken LLM never silences the bot or stops the stream pipeline.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from datetime import datetime

Writer = Callable[[str, str], str | None]

TWITCH_CHAT_LIMIT = 500
ELLIPSIS = "…"

log = logging.getLogger(__name__)

# A link as chat writes one: with a scheme, with www., or a bare domain under a common ending.
LINK = re.compile(
    r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|tv|gg|ly|io|net|org|me)(?:/\S*)?", re.IGNORECASE
)
# Twitch runs "/ban", ".timeout" and friends as commands, and "!cmd" wakes other bots.
_COMMAND_START = re.compile(r"^[\s/.!]+")


def ask_writer(writer: Writer | None, system: str, user: str) -> str | None:
    """The writer's answer with its ends trimmed, or None when there is none to use."""
    if writer is None:
        return None
    try:
        text = writer(system, user)
    except Exception:  # the writer is a plug-in; whatever breaks in it, the template still works
        log.warning("the writer failed; using the template wording", exc_info=True)
        return None
    if not isinstance(text, str) or not text.strip():
        return None
    return text.strip()


def one_line(text: str, limit: int) -> str:
    """Collapse all whitespace to single spaces and cap at `limit` characters, cutting at a word."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - len(ELLIPSIS)]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-") + ELLIPSIS


def fit_for_chat(text: str, limit: int = TWITCH_CHAT_LIMIT) -> str:
    """Text made safe to post in Twitch chat: one line, no links, no pings, no commands, capped.

    Returns "" when no words are left, which callers treat like a failed writer.
    """
    # Every "@" goes: "@name" would ping, and "bob" without it still reads well.
    text = LINK.sub("", text).replace("@", "")
    text = _COMMAND_START.sub("", " ".join(text.split()))
    if not any(char.isalnum() for char in text):
        return ""
    return one_line(text, min(limit, TWITCH_CHAT_LIMIT))


class Rotation:
    """Picks templates in turn so the bot does not repeat itself.

    The starting point comes from the clock, so a bot rebuilt for every session still varies;
    within one instance the same template never comes twice in a row.
    """

    def __init__(self) -> None:
        self._last: dict[str, int] = {}

    def pick(self, key: str, options: Sequence[str], now: datetime) -> str:
        """The next of `options` for `key` (e.g. "greeting"), never the one picked just before."""
        if not options:
            raise ValueError(f"no templates for {key!r}")
        last = self._last.get(key)
        index = (last + 1) if last is not None else int(now.timestamp() // 60)
        index %= len(options)
        self._last[key] = index
        return options[index]
