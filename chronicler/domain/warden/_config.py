"""The Warden's settings and the shipped list of known good bots."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources

from chronicler.domain.warden._blocked import MAX_TERMS, BlockedTerms
from chronicler.domain.warden._errors import ConfigError
from chronicler.domain.warden._links import LinkJudge

# Learned patterns are matched like blocked terms and bounded the same way; past this many the Warden
# keeps the newest (the last in the tuple), so a long review history never slows chat down.
MAX_LEARNED_PATTERNS = MAX_TERMS


@functools.cache
def load_known_bots() -> frozenset[str]:
    """The logins of well-known legitimate chat bots shipped in known_bots.txt (lower-case)."""
    text = resources.files("chronicler.domain.warden").joinpath("known_bots.txt").read_text(encoding="utf-8")
    logins = (line.split("#", 1)[0].strip().lower() for line in text.splitlines())
    return frozenset(login for login in logins if login)


@dataclass(frozen=True)
class WardenConfig:
    """How the Warden judges one channel's chat; every field has a sensible default."""

    blocked_terms: tuple[str, ...] = ()  # '*' wildcards, case-insensitive, matched on normalised text
    allowed_domains: tuple[str, ...] = ()  # "mysite.com" (and its subdomains), "discord.gg/mychannel"
    known_bots: frozenset[str] = field(default_factory=load_known_bots)
    threshold: float = 0.7  # a message scoring at or above this is flagged
    raid_window_seconds: float = 30.0
    raid_size: int = 5  # distinct chatters posting the same text within the window
    raid_min_words: int = 5  # distinct words (emotes and hype words not counted) for a text to count
    raid_min_chars: int = 25
    raid_max_tracked: int = 5000  # texts remembered at once; the oldest are forgotten first
    # For this long after another channel raids this one, its viewers' greetings and raid message
    # (the same text from many newcomers) are a welcome, and their first words are not held against them.
    raid_welcome_seconds: float = 300.0
    # What the streamer taught by reviewing flags (see _learning.py): chatters and phrasings they
    # dismissed are never flagged again in their channel; patterns of confirmed spam flag like terms.
    trusted_chatters: frozenset[str] = frozenset()  # logins, lower-case
    allowed_phrasings: frozenset[str] = frozenset()  # phrasing_key() of dismissed messages
    learned_patterns: tuple[str, ...] = ()  # learned_pattern() of confirmed messages

    def __post_init__(self) -> None:
        """Accept any iterables for the collections, lower-case the bots, and reject unusable numbers."""
        # Callers may pass lists or sets; store tuples so the frozen config really cannot change.
        object.__setattr__(self, "blocked_terms", tuple(self.blocked_terms))
        object.__setattr__(self, "allowed_domains", tuple(self.allowed_domains))
        object.__setattr__(self, "known_bots", frozenset(login.lower() for login in self.known_bots))
        trusted = frozenset(login.lower() for login in self.trusted_chatters)
        object.__setattr__(self, "trusted_chatters", trusted)
        object.__setattr__(self, "allowed_phrasings", frozenset(self.allowed_phrasings))
        object.__setattr__(self, "learned_patterns", tuple(self.learned_patterns))
        if not 0.0 < self.threshold <= 1.0:
            raise ConfigError(
                f"threshold must be above 0 and at most 1, not {self.threshold}", field="threshold"
            )
        if self.raid_window_seconds <= 0:
            raise ConfigError(
                f"raid_window_seconds must be positive, not {self.raid_window_seconds}",
                field="raid_window_seconds",
            )
        if self.raid_size < 2:
            raise ConfigError(
                f"raid_size must be at least 2 chatters, not {self.raid_size}", field="raid_size"
            )
        if self.raid_min_words < 1 or self.raid_min_chars < 1:
            raise ConfigError(
                "raid_min_words and raid_min_chars must be at least 1",
                field="raid_min_words" if self.raid_min_words < 1 else "raid_min_chars",
            )
        if self.raid_welcome_seconds < 0:
            raise ConfigError(
                f"raid_welcome_seconds must not be negative, not {self.raid_welcome_seconds}",
                field="raid_welcome_seconds",
            )
        if self.raid_max_tracked < 1:
            raise ConfigError(
                f"raid_max_tracked must be at least 1, not {self.raid_max_tracked}", field="raid_max_tracked"
            )
        # Compiling once here makes a bad term or domain fail when the setting is made, not later.
        BlockedTerms(self.blocked_terms)
        LinkJudge(self.allowed_domains)
        try:
            BlockedTerms(self.learned_patterns[-MAX_LEARNED_PATTERNS:])
        except ConfigError as error:
            raise ConfigError(str(error), field="learned_patterns") from error
