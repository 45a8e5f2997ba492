"""Normalisation: the one canonical, lower-case spelling of a chat message that every rule matches on."""

from __future__ import annotations

import html
import re
import unicodedata

from chronicler.domain.warden._homoglyphs import TABLE

# Top-level domains joined back even when spaced on both sides ("streamboo . com"): none of them is
# an English word, so "see you . com" style accidents cannot happen in ordinary sentences.
_CODE_TLDS = "com|net|org|biz|xyz|ru|su|ly|io|tk|ml|ga|cf|gq|pw|cc|ws|icu"
# Top-level domains that are also words ("gg", "live", "shop"): joined only when the dot is glued to
# them (".tv"), so a sentence like "nice. gg" stays two words.
_WORD_TLDS = "tv|gg|me|co|info|live|shop|site|store|online|stream|club|fun|top|link|click|space|pro|vip|buzz"

# "(dot)", "[.]", "{dot}", "<.>" and friends, with any spaces around them.
_BRACKETED_DOT = re.compile(r"\s*[(\[{<]\s*(?:dot|\.)\s*[)\]}>]\s*")
# "streamboo dot com"
_WORD_DOT = re.compile(rf"(?<=[a-z0-9])\s+dot\s+(?=(?:{_CODE_TLDS})\b)")
# "streamboo .com", "streamboo. com", "streamboo . com", "www . site", "discord . gg"
_SPACED_DOT = re.compile(
    rf"(?<=[a-z0-9])(?:\s*\.\s*(?=(?:{_CODE_TLDS})\b)|\s+\.(?=(?:{_WORD_TLDS})\b))"
    r"|(?<=\bwww)\s*\.\s*|(?<=\bdiscord)\s*\.\s*(?=gg\b)"
)
# Three or more single letters or digits in a row, split by spaces or by one of . - _ * ·
# ("s t r e a m", "v.i.e.w.e.r.s", "f-o-l-l-o-w").
_SPACED_LETTERS = re.compile(r"(?<![a-z0-9])[a-z0-9](?:(?:\s+|\s*[.\-_*·]\s*)[a-z0-9](?![a-z0-9])){2,}")
_ELLIPSIS = re.compile(r"\.{2,}|…")
# Inside a run: a dot with spaces around it is a real domain dot written apart, and a wider
# space is the gap between two spaced-out words; any other separator is the spacing-out itself.
_RUN_SEPARATOR = re.compile(r"\s*[.\-_*·]\s*|\s+")

# Cheap, deliberately loose test for "might need any of the repairs above": a lone character between
# separators, a dot next to a space or bracket, or the word "dot". Most chat lines fail it.
_NEEDS_REPAIR = re.compile(r"[.\-_*·\s(\[{<](?:[a-z0-9.][.\-_*·\s)\]}>]|\.)|^[a-z0-9][.\-_*·\s]|dot|\.\s")


def normalize(text: str) -> str:
    """Return `text` lower-cased, look-alikes and invisibles resolved, spaced letters and domains rejoined.

    The result is meant for matching, not display: it keeps punctuation and digits, collapses all
    whitespace runs to one space and has no leading or trailing space.
    """
    if "&" in text:
        # Text copied out of web pages carries HTML escapes: "i&#39;ll sub back".
        text = html.unescape(text)
    if text.isascii():
        # Plain ASCII, the bulk of Twitch chat, cannot hold look-alikes or combining marks.
        folded = text.lower()
    else:
        decomposed = unicodedata.normalize("NFKD", text).translate(TABLE)
        # NFKD followed by NFC is NFKC with the marks and look-alikes dealt with in between.
        folded = unicodedata.normalize("NFC", decomposed).casefold()
    if _NEEDS_REPAIR.search(folded):
        folded = _repair(folded)
    return " ".join(folded.split())


def _repair(text: str) -> str:
    """Join spaced-out letters first, then put obfuscated dots back into domains."""
    # "....subscribe......to my...." : a run of dots separates words like a space does.
    text = _ELLIPSIS.sub(" ", text)
    text = _SPACED_LETTERS.sub(_join_letters, text)
    text = _BRACKETED_DOT.sub(".", text)
    text = _WORD_DOT.sub(".", text)
    return _SPACED_DOT.sub(".", text)


def _join_letters(match: re.Match[str]) -> str:
    """ "v.i.e.w.e.r.s" -> "viewers"; "s t r e a m b o o . c o m" -> "streamboo.com"."""
    return _RUN_SEPARATOR.sub(_separator, match.group())


def _separator(match: re.Match[str]) -> str:
    """Keep a spaced dot (" . ") and a wider gap between words ("b u y  v i e w s"); drop the rest."""
    sep = match.group()
    if sep.strip() == ".":
        return "." if sep != "." else ""
    return " " if len(sep) > 1 and sep.isspace() else ""
