"""Making chat text safe to place in Discord markdown: one line, capped, escaped, unable to ping or link."""

from __future__ import annotations

import re

ELLIPSIS = "…"

# Control characters (newlines included) would let a chatter start a new markdown block.
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")
_SPACES = re.compile(r"\s{2,}")
# Everything Discord (or CommonMark) could read as formatting, a masked link, a quote,
# a heading, a spoiler, a code span or the start of a <@mention>/<#channel>/<:emoji:>.
_MARKDOWN = re.compile(r"([\\*_~`|>#\[\]()<@])")
_MASS_MENTION = re.compile(r"@(everyone|here)", re.IGNORECASE)
# Spam examples carry scam links; "defanging" them keeps them readable but not clickable.
_URL_SCHEME = re.compile(r"\b(h)tt(ps?)(:/{2})", re.IGNORECASE)


def one_line(text: str, limit: int | None = None) -> str:
    """Collapse control characters and runs of spaces, then cap at `limit` characters."""
    flat = _SPACES.sub(" ", _CONTROL.sub(" ", text)).strip()
    if limit is not None and len(flat) > limit:
        flat = flat[: max(limit - 1, 0)].rstrip() + ELLIPSIS
    return flat


def escape(text: str) -> str:
    """Escape markdown, defang URLs and neutralise @everyone/@here in one line of untrusted text."""
    text = _URL_SCHEME.sub(r"\1xx\2\3", text)
    # A zero-width space after the @ stops the ping even where escapes are not honoured.
    text = _MASS_MENTION.sub("@\u200b\\1", text)
    return _MARKDOWN.sub(r"\\\1", text)


def safe(text: str, limit: int | None = None) -> str:
    """Untrusted text made ready for markdown: one line, capped before escaping, escaped."""
    # Capping before escaping means a cut can never split an escape sequence in two.
    return escape(one_line(text, limit))


def truncate(text: str, limit: int) -> str:
    """Cap already-rendered text at `limit` characters, ending with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 0)]
    # Never leave a dangling backslash that would escape the ellipsis.
    trailing = len(cut) - len(cut.rstrip("\\"))
    if trailing % 2:
        cut = cut[:-1]
    return cut + ELLIPSIS
