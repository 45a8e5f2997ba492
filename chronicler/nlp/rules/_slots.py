"""Slot values taken from the text as typed: URLs, Twitch channel links, link codes, themes, quotes.

Each extractor replaces what it found by a placeholder ("<url:0>", "<theme:0>", ...) so that the words
inside (a theme called "Stop the Warden", a chatter quoted saying "turn off the warden") can never be
read as part of a command. Logins named in the words that remain are `_logins`' business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from chronicler.contract.logins import normalize_login

_URL = re.compile(r"<?(?P<url>https?://[^\s<>\"]+)>?", re.IGNORECASE)
_TWITCH = re.compile(
    r"(?:^|(?<=[\s(<]))(?:https?://)?(?:www\.|m\.)?twitch\.tv/(?P<login>[^\s/?#<>]*)"
    r"[^\s<>]*>?",
    re.IGNORECASE,
)
# A webhook URL pasted without its scheme: recognised only to ask for the full link.
_SCHEMELESS = re.compile(
    r"(?:^|(?<=\s))(?P<url>(?:(?:ptb|canary)\.)?discord(?:app)?\.com/api/webhooks/\S+)", re.IGNORECASE
)
_TRAILING = ".,;:!?)]}'\""

_CODE = re.compile(
    r"\b(?:link(?:ing)?(?:\s+code)?|code(?:\s+de\s+(?:liaison|connexion|lien))?"
    r"|c[oó]digo(?:\s+de\s+(?:vinculaci[oó]n|vincula[cç][aã]o|enlace|liga[cç][aã]o|conexi[oó]n|conex[aã]o))?"
    r"|vincula(?:r)?|lier|verkn[uü]pfen|(?:verkn[uü]pfungs|verbindungs|link)code)\b"
    r"(?:\s+(?:is|=|:|es|est|ist|é|e))?\s*[:=]?\s*"
    r"(?P<code>[A-Za-z0-9][A-Za-z0-9_-]{2,63})(?![\w-])",
    re.IGNORECASE,
)

_CLAUSE_END = r"[^.,;!?\n<>]"
_THEME = re.compile(
    r"\b(?:theme|topic)\b(?:\s+(?:for|of)\s+(?:tonight|today|(?:the|this|tonight's)\s+stream))?"
    rf"(?:\s+(?:is|will\s+be|to|as|=)|\s*[:=-])?\s*(?P<a>{_CLAUSE_END}+)"
    rf"|\bthemed\s*(?:as|around|on|:)?\s+(?P<b>{_CLAUSE_END}+)"
    rf"|\b(?:we're|we\s+are|were|i'm|im|i\s+am)\s+(?:gonna\s+be\s+|going\s+to\s+be\s+)?playing\s+"
    rf"(?P<c>{_CLAUSE_END}+)",
    re.IGNORECASE,
)
# Words trailing a theme that belong to the sentence, not the theme: "Hollow Knight tonight please".
_THEME_TAIL = re.compile(
    r"(?:\s+(?:tonight|today|now|please|pls|plz|thanks|thx|lol|again|on\s+stream|for\s+the\s+stream"
    r"|this\s+stream|tonight's\s+stream|with\s+chat))+$",
    re.IGNORECASE,
)
THEME_LIMIT = 200

_TYPED_PLACEHOLDER = re.compile(r"<([a-z]+):(\d+)>", re.IGNORECASE)
_QUOTED = re.compile(r"\"[^\"\n]*\"|(?<![\w'])'[^'\n]+'(?![\w'])")


@dataclass
class Found:
    """Values taken out of a message, in order; placeholders in the text point into these lists."""

    urls: list[str] = field(default_factory=list)
    twitch: list[str | None] = field(default_factory=list)  # None: a twitch.tv link without a login
    codes: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    theme_too_long: bool = False
    quotes: int = 0


# A link code as the bot shows it (XXXXX-XXXXX; ABCD-1234 in its help), letters and digits mixed.
BARE_CODE = re.compile(
    r"(?<![\w/-])((?=[A-Za-z0-9-]*\d)(?=[A-Za-z0-9-]*[A-Za-z])[A-Za-z0-9]{4,6}-[A-Za-z0-9]{4,6})(?![\w-])"
)


# A shop's or a giveaway's code ("use my promo code ZX81KL", "el código de mi cupón es 7TQ2MX"): never
# the link code, wherever it stands.
_SHOP_CODE = re.compile(
    r"\b(?:promo|discount|coupon|gift|creator|giveaway|cupom|cup[oó]n|rabatt|gutschein|r[ée]duc)"
)


def shop_code(text: str) -> bool:
    """True when `text` speaks of a shop's or a giveaway's code, not of the code that links accounts."""
    return _SHOP_CODE.search(text.lower()) is not None


def bare_codes(text: str) -> list[str]:
    """Link codes written anywhere in `text`, without the word "code" or "link" before them."""
    return BARE_CODE.findall(text)


# A code typed as the page showed it, in capitals, letters and digits mixed ("8HF3ZD", "MBV5-7QL"):
# read as the link code only where the DM is about linking and holds no other such word.
_SHOUTED_CODE = re.compile(
    r"(?<![\w/-])((?=[A-Z0-9-]*\d)(?=[A-Z0-9-]*[A-Z])[A-Z0-9]{2,8}(?:-[A-Z0-9]{2,8})?)(?![\w-])"
)


def shouted_codes(text: str) -> list[str]:
    """Words of `text` shaped like a link code typed in capitals, five characters or more."""
    return [code for code in _SHOUTED_CODE.findall(text) if len(code.replace("-", "")) >= 5]


def _looks_like_code(code: str) -> bool:
    # Link codes carry digits ("ABCD-1234") or are shouted ("QWERTY"); words like "my" or "please" are not.
    return any(c.isdigit() for c in code) or (code.isupper() and len(code) >= 4)


def extract(text: str) -> tuple[str, Found]:
    """Mask URLs, twitch links, link codes, the theme and quotes in `text` (case as typed)."""
    found = Found()
    text = _TYPED_PLACEHOLDER.sub(r"\1 \2", text)  # "<time:5>" typed by someone must not point anywhere

    def _twitch(match: re.Match[str]) -> str:
        try:
            found.twitch.append(normalize_login(match["login"]))
        except ValueError:
            found.twitch.append(None)
        return f" <chan:{len(found.twitch) - 1}> "

    def _url(match: re.Match[str]) -> str:
        url = match["url"].rstrip(_TRAILING)
        found.urls.append(url)
        # What the URL ends on stays in the text: the closing quote of "'set the webhook to <url>'".
        return f" <url:{len(found.urls) - 1}> {match['url'][len(url) :]}"

    def _code(match: re.Match[str]) -> str:
        if not _looks_like_code(match["code"]):
            return match[0]
        found.codes.append(match["code"])
        return f"{match[0][: match.start('code') - match.start()]} <code:{len(found.codes) - 1}> "

    text = _TWITCH.sub(_twitch, text)
    text = _URL.sub(_url, text)
    text = _SCHEMELESS.sub(_url, text)
    text = _CODE.sub(_code, text)
    text = _theme(text, found)
    text, found.quotes = _QUOTED.subn(" <quote:0> ", text)
    return text, found


def _theme(text: str, found: Found) -> str:
    match = _THEME.search(text)
    if match is None:
        return text
    group = next(name for name in ("a", "b", "c") if match[name] is not None)
    kept = _THEME_TAIL.sub("", match[group].rstrip())  # a prefix of the match: only a tail is cut
    value = kept.strip(" \t-")
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1].strip()  # theme: "cozy horror"
    if not any(c.isalnum() for c in value):
        return text
    found.themes.append(value)
    found.theme_too_long = len(value) > THEME_LIMIT
    # Mask the keyword and the value, but leave the trailing words ("tonight") to be read.
    end = match.start(group) + len(kept)
    return f"{text[: match.start()]} <theme:0> {text[end:]}"
