"""The Warden itself: runs every check on a chat message and returns a verdict."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from chronicler.domain.chat import ChatMessage, RaidArrived
from chronicler.domain.warden._blocked import BlockedTerms
from chronicler.domain.warden._config import WardenConfig
from chronicler.domain.warden._links import LinkJudge, LinkKind
from chronicler.domain.warden._normalize import normalize
from chronicler.domain.warden._raids import RaidDetector
from chronicler.domain.warden._rules import GROUPS
from chronicler.domain.warden._screen import Screen
from chronicler.domain.warden._verdict import NOT_FLAGGED, Hit, Verdict, decide

_SCREEN = Screen(GROUPS)

# WardenConfig is frozen (tuples and frozensets inside), so one default instance can be shared.
_DEFAULT_CONFIG = WardenConfig()

# Chat repeats itself ("LULW" x 900): readings of this many recent distinct texts are kept.
_READINGS_CACHED = 4096

# What each kind of suspicious link is evidence of. An ordinary outside link is weak evidence:
# it never flags alone but strengthens a wording match in the same message.
_LINK_EVIDENCE: dict[LinkKind, tuple[str, float, str]] = {
    LinkKind.SHORTENER: ("link_shortener", 0.8, "hides where a link goes behind a shortener"),
    LinkKind.THROWAWAY: ("throwaway_domain", 0.75, "links to a throwaway domain"),
    LinkKind.LOOKALIKE: ("phishing_link", 0.9, "links to a look-alike of a trusted site"),
    LinkKind.DISCORD_INVITE: ("discord_scam", 0.75, "posts a Discord server invite"),
    LinkKind.OTHER_CHANNEL: ("self_promotion", 0.6, "links to another channel"),
    LinkKind.PLAIN: ("outside_link", 0.3, "carries an outside link"),
}
_FIRST_MESSAGE_LINK = ("first_message_link", 0.8, "first message in the channel carries a link")
_FIRST_MESSAGE = ("first_message", 0.3, "first message in the channel")
_RAID_SCORE = 0.85


@dataclass(frozen=True, slots=True)
class _Reading:
    """What a text says on its own, whoever posts it and whenever."""

    normalized: str
    hits: tuple[Hit, ...]
    first_link: tuple[int, int] | None  # where the first suspicious link sits, if any


class Warden:
    """Flags spam and scams in chat for the streamer's review; it never deletes or times out anything.

    One Warden per channel stream: it remembers recent messages to spot copy-paste raids.
    """

    def __init__(self, config: WardenConfig = _DEFAULT_CONFIG) -> None:
        """Compile the streamer's terms and domains once; `config` is kept as given."""
        self.config = config
        self._raids = RaidDetector(
            window=config.raid_window_seconds,
            size=config.raid_size,
            min_words=config.raid_min_words,
            min_chars=config.raid_min_chars,
            max_tracked=config.raid_max_tracked,
        )
        read = functools.partial(_read, BlockedTerms(config.blocked_terms), LinkJudge(config.allowed_domains))
        self._read = functools.lru_cache(maxsize=_READINGS_CACHED)(read)
        self._raid: RaidArrived | None = None  # the latest raid into this channel

    def observe_raid(self, raid: RaidArrived) -> None:
        """Another channel raided this one: its viewers' greetings in the next minutes are a welcome."""
        self._raid = raid

    def check(self, message: ChatMessage) -> Verdict:
        """Judge one message. Broadcaster, moderators, VIPs and known bots are never flagged."""
        if message.is_privileged or message.chatter_login in self.config.known_bots:
            return NOT_FLAGGED
        reading = self._read(message.text, message.channel)
        if not reading.hits and not self._raids.might_count(reading.normalized):
            return NOT_FLAGGED  # the bulk of chat: nothing suspicious and too short to be a raid
        hits = list(reading.hits)

        if message.first_message and reading.first_link is not None:
            hits.append(Hit(*_FIRST_MESSAGE_LINK, *reading.first_link))
        elif message.first_message and hits:
            # Spam accounts rarely say a second thing: a first message makes weak wording count.
            hits.append(Hit(*_FIRST_MESSAGE, 0, len(reading.normalized)))

        chatters = self._raids.observe(
            message.channel,
            message.chatter_login,
            reading.normalized,
            message.sent_at,
            reading.first_link is not None,
        )
        if chatters >= self.config.raid_size:
            label = (
                f"same text from {chatters} chatters within {self.config.raid_window_seconds:g}s"
                " (copy-paste raid)"
            )
            hits.append(Hit("copy_paste_raid", _RAID_SCORE, label, 0, len(reading.normalized)))

        return decide(hits, self.config.threshold, message.text, reading.normalized)


def _read(blocked: BlockedTerms, links: LinkJudge, text: str, channel: str) -> _Reading:
    """Run the checks that depend on the text alone (and the channel, for its own links)."""
    normalized = normalize(text)
    hits: list[Hit] = []

    found_term = blocked.find(normalized)
    if found_term is not None:
        term, (start, end) = found_term
        hits.append(Hit("blocked_term", 1.0, f"contains the blocked term '{term}'", start, end))

    for group in _SCREEN.groups(normalized):
        for rule in group.patterns:
            found = rule.search(normalized)
            if found is not None:
                hits.append(Hit(rule.rule, rule.score, rule.label, *found.span()))

    # Every link has a dot in it by now: normalisation put the "(dot)"s back.
    suspicious = links.links(normalized, channel) if "." in normalized else []
    for link in suspicious:
        name, score, label = _LINK_EVIDENCE[link.kind]
        hits.append(Hit(name, score, label, link.start, link.end))
    first_link = (suspicious[0].start, suspicious[0].end) if suspicious else None
    return _Reading(normalized, tuple(hits), first_link)
