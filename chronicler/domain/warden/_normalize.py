"""Normalisation: the one canonical, lower-case spelling of a chat message that every rule matches on."""

from __future__ import annotations

import html
import re
import unicodedata

from chronicler.domain.warden._domains import KNOWN_TLDS
from chronicler.domain.warden._homoglyphs import TABLE

# Top-level domains joined back even when spaced on both sides ("streamboo . com"): none of them is
# an English word, so "see you . com" style accidents cannot happen in ordinary sentences.
_CODE_TLDS = "com|net|org|biz|xyz|ru|su|ly|io|tk|ml|ga|cf|gq|pw|cc|ws|icu"
# Top-level domains that are also words ("gg", "live", "shop"): joined only when the dot is glued to
# them (".tv"), so a sentence like "nice. gg" stays two words.
_WORD_TLDS = "tv|gg|me|co|info|live|shop|site|store|online|stream|club|fun|top|link|click|space|pro|vip|buzz"

# "(dot)", "[.]", "{dot}", "<.>", "(d0t)" and friends, with any spaces around them.
_DOT_WORD = r"(?:dot|dott|d0t|d0tt)"
_BRACKETED_DOT = re.compile(rf"\s*[(\[{{<]\s*(?:{_DOT_WORD}|\.)\s*[)\]}}>]\s*")
# "streamboo dot com", "streamboo dott com", "streamboo d0t com"
# (but "the dot com bubble" is history, not a site)
_WORD_DOT = re.compile(rf"(?<=[a-z0-9])(?<!\bthe)(?<!\ba)\s+{_DOT_WORD}\s+(?=(?:{_CODE_TLDS})\b)")
# "streamboo .com", "streamboo. com", "streamboo . com", "www . site", "discord . gg"
_SPACED_DOT = re.compile(
    rf"(?<=[a-z0-9])(?:\s*\.\s*(?=(?:{_CODE_TLDS})\b)|\s+\.(?=(?:{_WORD_TLDS})\b))"
    r"|(?<=\bwww)\s*\.\s*|(?<=\bdiscord)\s*\.\s*(?=gg\b)"
)
# "streamboo*com": a star standing for the dot before a top-level domain, and stars inside a word
# ("s*treamboo") that only break it up for filters.
_STARRED_DOT = re.compile(rf"(?<=[a-z0-9])\*(?=(?:{_CODE_TLDS})\b)")
_STAR_IN_WORD = re.compile(r"(?<=[a-z0-9])\*+(?=[a-z0-9])")
# Three or more single letters or digits in a row, split by spaces or by one of . - _ * ·
# ("s t r e a m", "v.i.e.w.e.r.s", "f-o-l-l-o-w").
_SPACED_LETTERS = re.compile(r"(?<![a-z0-9])[a-z0-9](?:(?:\s+|\s*[.\-_*·]\s*)[a-z0-9](?![a-z0-9])){2,}")
_ELLIPSIS = re.compile(r"\.{2,}|…")
# Inside a run: a dot with spaces around it is a real domain dot written apart, and a wider
# space is the gap between two spaced-out words; any other separator is the spacing-out itself.
_RUN_SEPARATOR = re.compile(r"\s*[.\-_*·]\s*|\s+")
# "(remove the space)": the writer says outright that the spaces in the link are only there to get
# past filters, so in such a message every space next to a dot goes, and a top-level domain
# written apart ("c om") is joined.
_REMOVE_SPACES = re.compile(r"\bremove (?:the |all |all the )?spaces?\b")
_DOT_WITH_SPACES = re.compile(r"(?<=[a-z0-9])\s*\.\s*(?=[a-z0-9])")
_SPLIT_TLD = re.compile(r"(?<=[a-z0-9]\.)([a-z]{1,3}) ([a-z]{1,3})\b")
# The word "discord" broken up to slip past filters: "dis cord", "dis-cord", "dis.cord", "disc 0rd",
# "dls cord", "dis c0rd", "disrd", "discrod", glued to "on" ("ondis. cord"). Only a run ending in "rd" at a
# word's end: "disorder" and "discard" are words of their own.
_SPLIT_DISCORD = re.compile(
    r"(?<![a-z0-9])(on)?d[i1l!|]s(?:[\s.\-_*]*c)?(?:[\s.\-_*]*[o0])?[\s.\-_*]*r(?:[\s.\-_*]*[o0])?[\s.\-_*]*d(s?)"
    r"(?![a-z0-9])"
    # ...but not a domain: "dlscord.gg" must stay the look-alike it is.
    r"(?!\.[a-z0-9])"
)

# "code X on csgoprizes com", "visit growfast net": a domain with its dot dropped, after a word that
# points somewhere. Only there: "com" and "net" are words of their own in Portuguese and German.
_DROPPED_DOT = re.compile(
    r"\b((?:on|at|visit|site|via|go to)\s+[a-z0-9][a-z0-9-]{3,})\s+(com|net|org)\b(?![.\-])"
)

# Cheap, deliberately loose test for "might need any of the repairs above": a lone character between
# separators, a dot next to a space or bracket, or the word "dot". Most chat lines fail it.
_NEEDS_REPAIR = re.compile(
    r"[.\-_*·\s(\[{<](?:[a-z0-9.][.\-_*·\s)\]}>]|\.)|^[a-z0-9][.\-_*·\s]|d[o0]t|\.\s|[a-z0-9]\*[a-z0-9]"
)


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
    if (" com" in folded or " net" in folded or " org" in folded) and _DROPPED_DOT.search(folded):
        folded = _DROPPED_DOT.sub(r"\1.\2", folded)
    if "rd" in folded or "rod" in folded or "r0d" in folded:
        # Every spelling of the broken-up "discord" ends in "rd" ("discrod" in "rod"): most chat
        # lines have neither, and skip the search.
        folded = _SPLIT_DISCORD.sub(_join_discord, folded)
    return " ".join(folded.split())


def _repair(text: str) -> str:
    """Join spaced-out letters first, then put obfuscated dots back into domains."""
    # "....subscribe......to my...." : a run of dots separates words like a space does.
    text = _ELLIPSIS.sub(" ", text)
    if "*" in text:
        text = _STAR_IN_WORD.sub("", _STARRED_DOT.sub(".", text))
    text = _SPACED_LETTERS.sub(_join_letters, text)
    text = _BRACKETED_DOT.sub(".", text)
    text = _WORD_DOT.sub(".", text)
    text = _SPACED_DOT.sub(".", text)
    if "remove" in text and _REMOVE_SPACES.search(text):
        text = _SPLIT_TLD.sub(_join_tld, _DOT_WITH_SPACES.sub(".", text))
    return text


def _join_tld(match: re.Match[str]) -> str:
    """ "c om" after a dot -> "com" when the joined letters are a known top-level domain."""
    joined = match.group(1) + match.group(2)
    return joined if joined in KNOWN_TLDS else match.group()


def _join_discord(match: re.Match[str]) -> str:
    """ "dis   cord" -> "discord"; "ondis. cord" -> "on discord"."""
    word = "discord" + match.group(2)
    return "on " + word if match.group(1) else word


def _join_letters(match: re.Match[str]) -> str:
    """ "v.i.e.w.e.r.s" -> "viewers"; "s t r e a m b o o . c o m" -> "streamboo.com"."""
    return _RUN_SEPARATOR.sub(_separator, match.group())


def _separator(match: re.Match[str]) -> str:
    """Keep a spaced dot (" . ") and a wider gap between words ("b u y  v i e w s"); drop the rest."""
    sep = match.group()
    if sep.strip() == ".":
        return "." if sep != "." else ""
    return " " if len(sep) > 1 and sep.isspace() else ""
