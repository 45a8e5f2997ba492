"""Finding links in normalised chat text and sorting them into harmless and suspicious kinds."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass

from chronicler.domain.warden._domains import (
    BRANDS,
    DISCORD_INVITE_HOSTS,
    KNOWN_TLDS,
    OFFICIAL_HOSTS,
    SHORTENERS,
    THROWAWAY_TLDS,
    TWITCH_PAGES,
)
from chronicler.domain.warden._errors import ConfigError

_LINK = re.compile(
    r"(?P<scheme>https?://)?"
    # A bare domain must not continue a word, an e-mail address or a longer dotted name.
    r"(?<![\w@.\-])"
    r"(?P<host>(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,24}|xn--[a-z0-9\-]+)"
    r"|\d{1,3}(?:\.\d{1,3}){3})"
    r"(?![a-z0-9\-])(?::\d{1,5})?"
    r"(?P<path>[/?#][^\s]*)?"
)
_IPV4 = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
# Two words glued by a full stop where the second is no top-level domain ("memory.uncheck"): the
# writer leaves out the space after a full stop, so their "size.click" is two sentences, not a site.
# Endings spam links use most: written "Site.Com" they are still links.
_SPAM_TLDS = frozenset({"com", "net", "org", "biz", "xyz", "ru", "su", "ly", "io", "gg", "tv", "cc", "ws"})
_GLUED_WORDS = re.compile(r"(?<![\w./])[a-z]{2,}\.([a-z]{2,})(?![\w./])")
# Folds the usual letter swaps of look-alike domains ("dlscord", "paypa1", "disc0rd") together.
_SKELETON = str.maketrans({"0": "o", "1": "i", "l": "i", "3": "e", "5": "s", "-": None})
_BRAND_SKELETONS = tuple(brand.translate(_SKELETON) for brand in BRANDS)


class LinkKind(enum.Enum):
    """What a suspicious link points at; harmless links are never reported."""

    SHORTENER = "shortener"
    THROWAWAY = "throwaway"
    LOOKALIKE = "lookalike"
    DISCORD_INVITE = "discord_invite"
    OTHER_CHANNEL = "other_channel"  # somebody's Twitch or YouTube channel page
    PLAIN = "plain"  # an ordinary outside link: only suspicious in a first message


@dataclass(frozen=True, slots=True)
class Link:
    """One link found in a message."""

    host: str  # lower-case, without "www." or "m."
    path: str  # "" or starting with "/", "?" or "#"
    kind: LinkKind
    start: int  # where the link sits in the normalised text
    end: int
    bare: bool = False  # written as just "name.tld": no scheme, path, port or "www."


@dataclass(frozen=True, slots=True)
class _Allowance:
    """One allowed-domain setting: a domain with its subdomains, optionally only under a path."""

    domain: str
    path: str

    def covers(self, host: str, path: str) -> bool:
        """True when host/path falls under this allowance."""
        if host != self.domain and not host.endswith("." + self.domain):
            return False
        return not self.path or path == self.path or path.startswith(self.path + "/")


class LinkJudge:
    """Finds the links of a message and keeps the ones that are not plainly harmless."""

    def __init__(self, allowed_domains: Iterable[str] = ()) -> None:
        """Prepare the streamer's allowed domains ("mysite.com", "discord.gg/mychannel")."""
        self._allowed = tuple(_parse_allowance(entry) for entry in allowed_domains)

    def links(self, text: str, channel: str, original: str = "") -> list[Link]:
        """Suspicious links in normalised `text` posted in `channel`; harmless ones are left out.

        `original`, the text as written, tells a sentence break ("press Enter.Under the tab") from a
        bare domain: a capital right after the dot is how sentences start, not how links are typed.
        """
        found: list[Link] = []
        glued: bool | None = None  # whether the writer glues sentences together, worked out when needed
        for match in _LINK.finditer(text):
            host = match["host"]
            tld = host.rsplit(".", 1)[-1]
            if _IPV4.fullmatch(host):
                # "2.124.821.694 views" is a number; an address needs valid parts and a scheme, port or path.
                if not _is_address(host) or not (match["scheme"] or match["path"] or ":" in match.group()):
                    continue
            elif not match["scheme"] and tld not in KNOWN_TLDS:
                continue
            bare = not match["scheme"] and not match["path"] and ":" not in match.group()
            bare = bare and host.count(".") == 1 and not host.startswith("www.")
            if bare:
                if original and tld not in _SPAM_TLDS and _starts_sentence(original, host):
                    continue
                if glued is None:
                    glued = any(tail not in KNOWN_TLDS for tail in _GLUED_WORDS.findall(text))
                if glued:
                    continue
            host = _strip_prefix(host)
            path = match["path"] or ""
            kind = self._kind(host, tld, path, channel)
            if kind is not None:
                found.append(Link(host, path, kind, match.start(), match.end(), bare))
        return found

    def _kind(self, host: str, tld: str, path: str, channel: str) -> LinkKind | None:
        """Classify one link; None means harmless (allowed, or Twitch's own pages)."""
        if any(allowance.covers(host, path) for allowance in self._allowed):
            return None
        if host == "twitch.tv" or host.endswith(".twitch.tv"):
            return _twitch_kind(host, path, channel)
        if host in SHORTENERS:
            return LinkKind.SHORTENER
        if host in DISCORD_INVITE_HOSTS or (
            host in ("discord.com", "discordapp.com") and path.startswith("/invite")
        ):
            return LinkKind.DISCORD_INVITE
        if _looks_like_brand(host, tld):
            return LinkKind.LOOKALIKE
        if tld in THROWAWAY_TLDS or _IPV4.fullmatch(host) or "xn--" in host:
            return LinkKind.THROWAWAY
        if host in ("youtube.com", "youtu.be") and _is_channel_path(path):
            return LinkKind.OTHER_CHANNEL
        return LinkKind.PLAIN


def _starts_sentence(original: str, host: str) -> bool:
    """True when `host` ("land.am") stands in the original as "Land.Am": a full stop, then a capital."""
    label, _, tld = host.partition(".")
    return re.search(rf"(?i:{re.escape(label)})\.(?i:{re.escape(tld)})", original) is not None and (
        re.search(rf"(?i:{re.escape(label)})\.[A-Z]", original) is not None
    )


def _is_address(host: str) -> bool:
    """True for a dotted IPv4 address with every part in 0..255."""
    return all(int(part) <= 255 for part in host.split("."))


def _strip_prefix(host: str) -> str:
    """Drop the "www." and "m." that make no difference to where a link goes."""
    for prefix in ("www.", "m."):
        if host.startswith(prefix) and host.count(".") > 1:
            return host[len(prefix) :]
    return host


def _twitch_kind(host: str, path: str, channel: str) -> LinkKind | None:
    """Twitch itself, clips and this channel are fine; another channel's page is promotion."""
    if host != "twitch.tv":
        return None  # clips.twitch.tv, help.twitch.tv, dashboard.twitch.tv, ...
    segments = [segment for segment in re.split(r"[/?#]", path) if segment]
    if not segments or segments[0] in TWITCH_PAGES or segments[0] == channel:
        return None
    if len(segments) > 1 and segments[1] in ("clip", "clips", "videos", "v"):
        return None
    return LinkKind.OTHER_CHANNEL


def _is_channel_path(path: str) -> bool:
    """YouTube channel pages: /channel/..., /user/..., /c/..., /@name."""
    return path.startswith(("/channel/", "/user/", "/c/", "/@"))


def _looks_like_brand(host: str, tld: str) -> bool:
    """ "dlscord.gg", "steamcommunity-trade.ru", "twitch-drops.xyz": a trusted name on a foreign host."""
    if any(host == official or host.endswith("." + official) for official in OFFICIAL_HOSTS):
        return False
    labels = host.split(".")[:-1]
    for label in labels:
        skeleton = label.translate(_SKELETON)
        for brand in _BRAND_SKELETONS:
            if skeleton == brand or _one_typo_apart(skeleton, brand):
                return True
            if brand in skeleton and ("-" in label or tld in THROWAWAY_TLDS):
                return True
    return False


def _one_typo_apart(label: str, brand: str) -> bool:
    """ "steamcommunnity" vs "steamcommunity": one letter added, dropped or changed.

    Only for names of 7 letters or more: shorter ones ("twitch" and "switch") are too close to words.
    """
    if len(brand) < 7 or abs(len(label) - len(brand)) > 1 or label in (brand, brand + "s"):
        return False  # a plural ("discords.com") is usually a fan site, not a trap
    if len(label) == len(brand):
        return sum(a != b for a, b in zip(label, brand, strict=False)) == 1
    shorter, longer = sorted((label, brand), key=len)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


def _parse_allowance(entry: str) -> _Allowance:
    """Turn "https://www.MySite.com/shop/" into domain "mysite.com", path "/shop"."""
    text = entry.strip().lower()
    text = re.sub(r"^https?://", "", text)
    if not text or any(ch.isspace() for ch in text):
        raise ConfigError(
            f"allowed domain {entry!r} is not a domain (write it like 'example.com')", field="allowed_domains"
        )
    domain, _, path = text.partition("/")
    domain = domain.removeprefix("www.")
    if "." not in domain or not re.fullmatch(r"[a-z0-9.\-]+", domain):
        raise ConfigError(
            f"allowed domain {entry!r} is not a domain (write it like 'example.com')", field="allowed_domains"
        )
    path = "/" + path.strip("/") if path.strip("/") else ""
    return _Allowance(domain, path)
