"""Copy-paste raid detection: the same longer text from many chatters within a short window."""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime

_WORD = re.compile(r"[^\W_]+")

# Emotes and hype words a whole chat types at once; they do not make two messages "the same text".
_CHAT_NOISE: frozenset[str] = frozenset(
    """
    kekw lul lulw omegalul pog pogu pogchamp poggers poggies kappa keepo kreygasm residentsleeper
    biblethump pepehands pepelaugh monkas monkaw monkagiga monkah sadge copium hopium catjam ez clap
    claphd gg wp gachi gachibass gachihyper gachipls trihard trikool cmonbruh 4head 3head wutface
    dansgame notlikethis jebaited seemsgood feelsgoodman feelsbadman feelsweirdman feelsokayman
    weirdchamp pepega pepegaclap ayaya xd lol lmao rofl haha hahaha kekwait kek nice pag pogo
    babyrage smorc kkona anele bruh wtf omg hype f rip o7 hi hello bye gn gm yes no ok
""".split()
)


@dataclass(slots=True)
class _Track:
    """Who posted one text recently."""

    last_seen: float
    chatters: dict[str, float] = field(default_factory=dict)  # login -> when last posted


class RaidDetector:
    """Counts the distinct chatters who posted the same text lately, keeping a bounded amount of state.

    Only texts that could be a raid are tracked: ones carrying a link, and longer ones with several
    distinct words beyond emotes and hype, so "KEKW KEKW" or "LUL" spam by a whole chat never counts.
    """

    def __init__(self, *, window: float, size: int, min_words: int, min_chars: int, max_tracked: int) -> None:
        """Flag from `size` distinct chatters within `window` seconds; track at most `max_tracked` texts."""
        self._window = window
        self._size = size
        self._min_words = min_words
        self._min_chars = min_chars
        self._max_tracked = max_tracked
        self._tracks: OrderedDict[str, _Track] = OrderedDict()  # least recently posted first

    def might_count(self, text: str) -> bool:
        """Cheap pre-check: False when `text` (with no link) is surely too short to count as a raid."""
        return len(text) >= self._min_chars and text.count(" ") + 1 >= self._min_words

    def observe(self, channel: str, chatter: str, text: str, sent_at: datetime, has_link: bool) -> int:
        """Record one normalised message; return how many distinct chatters posted it within the window.

        Returns 0 for texts too short or too plain to count towards a raid.
        """
        if not has_link and not self.might_count(text):
            return 0
        words = _WORD.findall(text)
        if not has_link and len(set(words) - _CHAT_NOISE) < self._min_words:
            return 0
        at = sent_at.timestamp()
        self._forget_before(at - self._window)
        # Punctuation and emoji differences ("text!", "text !!") do not make a different text.
        key = channel + "\0" + " ".join(words)
        track = self._tracks.pop(key, None) or _Track(at)
        track.last_seen = max(track.last_seen, at)
        track.chatters[chatter] = at
        cutoff = at - self._window
        recent = {login: seen for login, seen in track.chatters.items() if seen >= cutoff}
        if len(recent) > 2 * self._size:
            # Past twice the raid size the answer cannot change; keep only the newest chatters.
            recent = dict(sorted(recent.items(), key=lambda item: item[1])[-2 * self._size :])
        track.chatters = recent
        self._tracks[key] = track
        while len(self._tracks) > self._max_tracked:
            self._tracks.popitem(last=False)
        return len(recent)

    def _forget_before(self, cutoff: float) -> None:
        """Drop texts nobody posted since `cutoff`."""
        while self._tracks:
            key, track = next(iter(self._tracks.items()))
            if track.last_seen >= cutoff:
                return
            del self._tracks[key]

    def __len__(self) -> int:
        """Number of texts currently tracked (bounded by max_tracked)."""
        return len(self._tracks)
