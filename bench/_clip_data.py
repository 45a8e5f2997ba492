"""Semi-synthetic labelled streams for the clip benchmark: real background chat plus injected real reactions.

A real chat log (no labels) is the background. Into it go real labelled windows of fast chat from
../shared/data/reactions at known, spaced-out times: windows labelled with a reaction are the
highlights, "special topic" and "other" windows are fast chat that is no highlight (distractors).
Each window is rescaled to the background channel's size (its message rate and its chatters), and
its chatters are a mix of the background's own and new ones, so a reaction in a ten-chatter
channel is a handful of chatters, not three hundred. Viewers react about 25 s after the moment, so
the labelled moment sits 25 s before the window's chat begins. Everything is seeded: the same data
gives the same streams.

Stand-in, not ground truth: see the biases listed in bench/librarian.py's docstring.
"""

from __future__ import annotations

import random
import statistics
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bench.reactions import Window
from chronicler.domain.chat import ChatMessage

REACTION_LAG = 25.0  # seconds from the moment to the first reacting message
HIT_MARGIN = 30.0  # a candidate covers a moment within this many seconds of its ends
FIRST_AT = 10 * 60.0  # no injection in a stream's first ten minutes: the detector's warm-up
SPACING = (10 * 60.0, 25 * 60.0)  # seconds between two injected highlights
DISTRACTOR_CHANCE = 0.5  # between two highlights, the chance of a fast non-reaction window
# Labelled windows are fast chat: their VOD's median window runs about this many times the VOD's usual rate.
FAST = 3.0
MESSAGES_PER_CHATTER = 1.4  # in a reaction most chatters write once or twice
NEW_CHATTER_SHARE = 0.4  # reactions draw lurkers out: this share of reacting chatters is new


@dataclass(frozen=True)
class LabelledStream:
    """A background log with windows injected: its messages in time order and the highlight moments."""

    name: str
    messages: list[ChatMessage]
    moments: list[datetime]  # the injected highlights' moments
    distractors: list[datetime]  # where the non-reaction windows' "moments" were put
    minutes: float


def build_stream(
    name: str, background: Sequence[ChatMessage], highlights: Sequence[Window], others: Sequence[Window]
) -> LabelledStream:
    """Inject highlight and distractor windows into `background` at seeded, spaced-out times."""
    rng = random.Random(zlib.crc32(name.encode()))
    first, last = background[0].sent_at, background[-1].sent_at
    span = (last - first).total_seconds()
    rate = len(background) / max(span, 1.0)
    size = _channel_size(background)
    chatters = sorted({message.chatter_login for message in background})
    typical = _typical_rates([*highlights, *others])
    pool_h, pool_o = _cycle(highlights, rng), _cycle(others, rng)
    injected: list[ChatMessage] = []
    moments: list[datetime] = []
    distractors: list[datetime] = []
    at = FIRST_AT + rng.uniform(0, SPACING[0])
    while at < span - 120:
        moment = first + timedelta(seconds=at)
        moments.append(moment)
        injected += _inject(next(pool_h), moment, rate, size, typical, chatters, rng, f"{len(moments)}h")
        gap = rng.uniform(*SPACING)
        if rng.random() < DISTRACTOR_CHANCE and at + gap < span - 120:
            other = first + timedelta(seconds=at + gap * rng.uniform(0.35, 0.65))
            distractors.append(other)
            injected += _inject(
                next(pool_o), other, rate, size, typical, chatters, rng, f"{len(distractors)}o"
            )
        at += gap
    messages = sorted([*background, *injected], key=lambda message: message.sent_at)
    return LabelledStream(name, messages, moments, distractors, span / 60)


def _inject(
    window: Window,
    moment: datetime,
    rate: float,
    size: int,
    typical: dict[str, float],
    chatters: Sequence[str],
    rng: random.Random,
    tag: str,
) -> list[ChatMessage]:
    """One window's chat rescaled to the background's rate and size, beginning 25 s after `moment`."""
    seconds = max(window.end - window.start, 5.0)
    relative = len(window.texts) / seconds / typical[window.video]  # how fast, for its own VOD
    count = max(3, round(rate * FAST * relative * seconds))
    voices = max(2, min(round(count / MESSAGES_PER_CHATTER), max(3, round(0.7 * size))))
    count = max(count, voices)
    texts = list(window.texts) or ["lol"]
    offsets = sorted(rng.uniform(0, seconds) for _ in range(count))
    picked = [texts[n * len(texts) // count] for n in range(count)] if count <= len(texts) else None
    if picked is None:
        picked = [texts[n % len(texts)] for n in range(count)]
    new = round(voices * NEW_CHATTER_SHARE)
    known = rng.sample(list(chatters), min(voices - new, len(chatters)))
    logins = known + [f"newcomer_{tag}_{n}" for n in range(voices - len(known))]
    # Everyone who reacts writes at least once; the rest of the lines go to random reactors.
    authors = logins + [rng.choice(logins) for _ in range(count - len(logins))]
    rng.shuffle(authors)
    begin = moment + timedelta(seconds=REACTION_LAG)
    return [
        ChatMessage(f"inj{tag}_{n}", "bench", login, text, begin + timedelta(seconds=offset))
        for n, (offset, login, text) in enumerate(zip(offsets, authors, picked, strict=True))
    ]


def _channel_size(messages: Sequence[ChatMessage]) -> int:
    """The median number of different chatters in ten minutes of the log."""
    buckets: dict[int, set[str]] = {}
    origin = messages[0].sent_at
    for message in messages:
        index = int((message.sent_at - origin).total_seconds() // 600)
        buckets.setdefault(index, set()).add(message.chatter_login)
    return int(statistics.median(len(chatters) for chatters in buckets.values()))


def _typical_rates(windows: Sequence[Window]) -> dict[str, float]:
    """Each VOD's median window rate, messages per second."""
    rates: dict[str, list[float]] = {}
    for window in windows:
        rates.setdefault(window.video, []).append(len(window.texts) / max(window.end - window.start, 5.0))
    return {video: max(statistics.median(values), 0.1) for video, values in rates.items()}


def _cycle(windows: Sequence[Window], rng: random.Random) -> _Cycle:
    return _Cycle(list(windows), rng)


class _Cycle:
    """Windows in a seeded random order, reshuffled when used up."""

    def __init__(self, windows: list[Window], rng: random.Random) -> None:
        self._windows, self._rng, self._order = windows, rng, list[Window]()

    def __iter__(self) -> _Cycle:
        return self

    def __next__(self) -> Window:
        if not self._order:
            self._order = list(self._windows)
            self._rng.shuffle(self._order)
        return self._order.pop()


def covered(start: datetime, end: datetime, moment: datetime) -> bool:
    """Whether a candidate's stretch, widened by the margin, holds a moment."""
    margin = timedelta(seconds=HIT_MARGIN)
    return start - margin <= moment <= end + margin
