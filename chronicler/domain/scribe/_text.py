"""Chat text made safe for Discord markdown: one line, capped, minimally escaped, unable to ping or link."""

from __future__ import annotations

import re

ELLIPSIS = "…"

# Control characters (newlines included) would let a chatter start a new markdown block.
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")
_SPACES = re.compile(r"\s{2,}")
# Only what would format, link or break a line of Discord markdown or CommonMark; everything else
# is left as typed, so the file (and the console, which strips these) shows no backslashes:
# emphasis (`*`, `_` at a word's edge), code spans, links (`[`), strikethrough and spoilers (doubled
# `~`, `|`), a backslash that would escape what follows, and a quote or heading (`> `, `# `) at
# the text's start.
_MARKDOWN = re.compile(r"([*`\[])|(?<![^\W_])_|_(?![^\W_])|~~|\|\||\\(?=[!-/:-@\[-`{-~])|^(?:>|#+(?=\s))")
_MASS_MENTION = re.compile(r"@(everyone|here)", re.IGNORECASE)
# "<@123>" pings a user or role where Discord renders the text; a zero-width space breaks it unseen.
_TAG = re.compile(r"<(?=[@#])")
# Spam examples carry scam links; "defanging" them keeps them readable but not clickable.
_URL_SCHEME = re.compile(r"\b(h)tt(ps?)(:/{2})", re.IGNORECASE)


def one_line(text: str, limit: int | None = None) -> str:
    """Collapse control characters and runs of spaces, then cap at `limit` characters."""
    flat = _SPACES.sub(" ", _CONTROL.sub(" ", text)).strip()
    if limit is not None and len(flat) > limit:
        flat = flat[: max(limit - 1, 0)].rstrip() + ELLIPSIS
    return flat


def escape(text: str) -> str:
    """Escape what would format or link, defang URLs and neutralise @everyone/@here in untrusted text."""
    text = _URL_SCHEME.sub(r"\1xx\2\3", text)
    # A zero-width space after the @ stops the ping even where escapes are not honoured.
    text = _MASS_MENTION.sub("@\u200b\\1", text)
    text = _TAG.sub("<\u200b", text)
    return _MARKDOWN.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    # One backslash undoes a doubled marker too: "\~~" strikes nothing, "\##" heads nothing.
    return "\\" + match.group(0)


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
