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


@dataclass(frozen=True, slots=True)
class Crowd:
    """Who posted one text within the window: how many distinct chatters, and how many of them new."""

    chatters: int
    newcomers: int  # chatters whose post of it was their first message in the channel


NOBODY = Crowd(0, 0)


@dataclass(slots=True)
class _Track:
    """Who posted one text recently."""

    last_seen: float
    chatters: dict[str, tuple[float, bool]] = field(default_factory=dict)  # login -> (when, first message)


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

    def observe(
        self, channel: str, chatter: str, text: str, sent_at: datetime, has_link: bool, first: bool = False
    ) -> Crowd:
        """Record one normalised message; return who posted it within the window (NOBODY if untracked).

        `first` says the message is the chatter's first in the channel. Texts too short or too plain
        to count towards a raid are not tracked.
        """
        if not has_link and not self.might_count(text):
            return NOBODY
        words = _WORD.findall(text)
        if not has_link and len(set(words) - _CHAT_NOISE) < self._min_words:
            return NOBODY
        at = sent_at.timestamp()
        self._forget_before(at - self._window)
        # Punctuation and emoji differences ("text!", "text !!") do not make a different text.
        key = channel + "\0" + " ".join(words)
        track = self._tracks.pop(key, None) or _Track(at)
        track.last_seen = max(track.last_seen, at)
        earlier = track.chatters.get(chatter)
        # Once new, always counted as new for this text: a newcomer repeating it is still a newcomer.
        track.chatters[chatter] = (at, first or (earlier is not None and earlier[1]))
        cutoff = at - self._window
        recent = {login: seen for login, seen in track.chatters.items() if seen[0] >= cutoff}
        if len(recent) > 2 * self._size:
            # Past twice the raid size the answer cannot change; keep only the newest chatters.
            recent = dict(sorted(recent.items(), key=lambda item: item[1][0])[-2 * self._size :])
        track.chatters = recent
        self._tracks[key] = track
        while len(self._tracks) > self._max_tracked:
            self._tracks.popitem(last=False)
        return Crowd(len(recent), sum(1 for _, new in recent.values() if new))

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
