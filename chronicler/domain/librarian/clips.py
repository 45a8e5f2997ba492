"""Clip candidates: moments when chat suddenly got busier, burst into emotes, or called for a clip.

Chat is counted in fixed buckets (25 s by default). When a bucket closes it is compared with the
median of the buckets before it (the last 10 minutes by default), so the detector adapts to the
channel: 40 messages in 25 s is a spike for a quiet channel and a lull for a busy one. A bucket is
"hot" when any of these holds:

- rate: it has `spike_ratio` times the usual number of messages (and enough messages and chatters
  that three friends joking around do not count);
- emotes: emote-only messages reach `spike_ratio` times their usual number and make up at least
  `emote_share` of the bucket;
- clip calls: `clip_callers` different chatters wrote "clip it", "CLIP THAT" and the like within
  `clip_call_window`.

Chat reacts after the moment happened, so a candidate starts `lead_in` before its first hot
bucket. Hot buckets whose windows overlap or nearly touch (`merge_gap`) make one candidate.
"""

from __future__ import annotations

import re
import statistics
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from chronicler.contract.errors import InvalidInput
from chronicler.domain.chat import ChatMessage
from chronicler.domain.librarian._emotes import emotes_in

# "clip it", "CLIP THAT", "someone clip this", "clip pls", "CLIPPED", a bare "clip!"; not "old clip".
_CLIP_CALL = re.compile(r"\bclip(?:\s*(?:it|that|this|pls|plz|please)\b|ped\b)|^\W*clip\W*$", re.IGNORECASE)
# How many of a bucket's latest messages are kept to choose samples from.
_SAMPLE_POOL = 40
_CLIP_BONUS_CAP = 5
_QUOTE_LIMIT = 60
_LONG_SAMPLE = 100
# Clip calls remembered for `clip_call_window`; a flood of them needs no more than this to count.
_MAX_CALLS = 100


@dataclass(frozen=True)
class ClipConfig:
    """How the ClipDetector reads chat; the defaults suit channels from a handful to thousands of chatters."""

    bucket: timedelta = timedelta(seconds=25)
    baseline_buckets: int = 24  # the rolling baseline: the median of this many buckets
    warmup_buckets: int = 4  # no rate or emote spikes until this many buckets give a baseline
    spike_ratio: float = 2.5
    min_messages: int = 10  # per bucket, for a rate or emote spike
    min_chatters: int = 4  # different chatters per bucket, for a rate or emote spike
    min_baseline: float = 2.0  # a floor under the baseline, so one message is not "10x" a quiet chat
    emote_share: float = 0.5
    clip_callers: int = 2
    clip_call_window: timedelta = timedelta(seconds=30)
    lead_in: timedelta = timedelta(seconds=20)
    merge_gap: timedelta = timedelta(seconds=10)
    sample_size: int = 5

    def __post_init__(self) -> None:
        positive_times = {"bucket": self.bucket, "clip_call_window": self.clip_call_window}
        for name, value in positive_times.items():
            if value <= timedelta(0):
                raise InvalidInput(f"{name} must be longer than zero", field=name)
        for name in ("lead_in", "merge_gap"):
            if getattr(self, name) < timedelta(0):
                raise InvalidInput(f"{name} cannot be negative", field=name)
        if self.baseline_buckets < 3:
            raise InvalidInput("baseline_buckets must be at least 3", field="baseline_buckets")
        if not 1 <= self.warmup_buckets <= self.baseline_buckets:
            raise InvalidInput(
                "warmup_buckets must be between 1 and baseline_buckets", field="warmup_buckets"
            )
        if self.spike_ratio <= 1:
            raise InvalidInput("spike_ratio must be above 1", field="spike_ratio")
        if not 0 < self.emote_share <= 1:
            raise InvalidInput("emote_share must be in (0, 1]", field="emote_share")
        if self.min_baseline <= 0:
            raise InvalidInput("min_baseline must be above 0", field="min_baseline")
        for name in ("min_messages", "min_chatters", "clip_callers", "sample_size"):
            if getattr(self, name) < 1:
                raise InvalidInput(f"{name} must be at least 1", field=name)


@dataclass(frozen=True)
class ClipCandidate:
    """A stretch of the stream worth a look for a clip, and why."""

    start: datetime
    end: datetime
    score: float  # about "how many times busier than usual" at the peak, plus one per clip caller
    reason: str
    sample_messages: tuple[ChatMessage, ...]


class _Bucket:
    """What one bucket of chat held; only counts, small sets and a bounded sample pool."""

    __slots__ = (
        "index",
        "count",
        "chatters",
        "emote_messages",
        "emote_chatters",
        "emotes",
        "recent",
        "callers",
        "last_at",
    )

    def __init__(self, index: int) -> None:
        self.index = index
        self.count = 0
        self.chatters: set[str] = set()
        self.emote_messages = 0
        self.emote_chatters: set[str] = set()
        self.emotes: dict[str, int] = {}
        self.recent: deque[ChatMessage] = deque(maxlen=_SAMPLE_POOL)
        self.callers: dict[str, ChatMessage] = {}  # login -> their clip call
        self.last_at = 0.0


@dataclass
class _Signals:
    """A closed bucket's verdict."""

    score: float
    rate: tuple[float, int, float] | None  # (ratio, messages, baseline) when the rate spiked
    emote_burst: bool


class _Window:
    """The candidate being built from consecutive hot buckets."""

    __slots__ = (
        "start",
        "end",
        "last_at",
        "score",
        "samples",
        "rate",
        "emote_messages",
        "messages",
        "emotes",
        "callers",
    )

    def __init__(self, start: float, end: float) -> None:
        self.start = start
        self.end = end  # end of the last hot bucket, for merging
        self.last_at = start  # the last message in a hot bucket, for reporting
        self.score = 0.0
        self.samples: tuple[ChatMessage, ...] = ()
        self.rate: tuple[float, int, float] | None = None
        self.emote_messages = 0
        self.messages = 0
        self.emotes: dict[str, int] = {}
        self.callers: dict[str, ChatMessage] = {}


class ClipDetector:
    """Finds clip candidates in a live chat, one message at a time, in bounded memory."""

    def __init__(self, config: ClipConfig | None = None) -> None:
        self._config = config = config or ClipConfig()
        self._size = config.bucket.total_seconds()
        self._lead_in = config.lead_in.total_seconds()
        self._merge_gap = config.merge_gap.total_seconds()
        self._call_window = config.clip_call_window.total_seconds()
        self._counts: deque[int] = deque(maxlen=config.baseline_buckets)
        self._emote_counts: deque[int] = deque(maxlen=config.baseline_buckets)
        self._calls: deque[tuple[float, ChatMessage]] = deque(maxlen=_MAX_CALLS)
        self._bucket: _Bucket | None = None
        self._window: _Window | None = None
        self._first_at = 0.0

    def feed(self, message: ChatMessage) -> list[ClipCandidate]:
        """Count one message; return the candidates that this message proved to be over.

        A message older than the current bucket (chat delivered late) is counted in the current
        bucket rather than dropped.
        """
        at = message.sent_at
        if at.tzinfo is None:
            raise ValueError(f"message {message.message_id} has a naive sent_at; it must be timezone-aware")
        seconds = at.timestamp()
        index = int(seconds // self._size)
        bucket = self._bucket
        finished: list[ClipCandidate] = []
        if bucket is None:
            bucket = self._bucket = _Bucket(index)
            self._first_at = seconds
        elif index > bucket.index:
            finished = self._close_through(bucket, index)
            bucket = self._bucket = _Bucket(index)
        bucket.count += 1
        if seconds > bucket.last_at:
            bucket.last_at = seconds
        login = message.chatter_login
        bucket.chatters.add(login)
        bucket.recent.append(message)
        text = message.text
        tokens = text.split()
        if tokens:
            emotes = emotes_in(tokens)
            # An emote message is mostly emotes: "PogChamp", "LUL LUL", not "that was a LUL moment".
            if emotes and len(emotes) * 2 >= len(set(tokens)):
                bucket.emote_messages += 1
                bucket.emote_chatters.add(login)
                counts = bucket.emotes
                for emote in emotes:
                    counts[emote] = counts.get(emote, 0) + 1
        if "clip" in text.lower() and _CLIP_CALL.search(text):
            self._clip_call(bucket, seconds, message)
        return finished

    def flush(self) -> list[ClipCandidate]:
        """Close the last bucket and return what is still open; call once when the session ends."""
        if self._bucket is None:
            return []
        self._close(self._bucket)
        finished = [self._finish(self._window)] if self._window is not None else []
        self._bucket = self._window = None
        self._counts.clear()
        self._emote_counts.clear()
        self._calls.clear()
        return finished

    def _close_through(self, bucket: _Bucket, index: int) -> list[ClipCandidate]:
        """Close `bucket` and the empty ones after it, up to bucket `index`; return finished windows."""
        self._close(bucket)
        empty = index - bucket.index - 1
        if empty >= self._config.baseline_buckets:
            # After a break longer than the baseline the channel's usual pace is unknown: relearn it.
            self._counts.clear()
            self._emote_counts.clear()
        else:
            self._counts.extend([0] * empty)
            self._emote_counts.extend([0] * empty)
        window = self._window
        # No bucket from `index` on can reach back to this window, so it is complete.
        if window is not None and index * self._size - self._lead_in > window.end + self._merge_gap:
            self._window = None
            return [self._finish(window)]
        return []

    def _clip_call(self, bucket: _Bucket, seconds: float, message: ChatMessage) -> None:
        calls = self._calls
        calls.append((seconds, message))
        while calls[0][0] < seconds - self._call_window:
            calls.popleft()
        callers = {call.chatter_login: call for _, call in calls}
        if len(callers) >= self._config.clip_callers:
            for login, call in callers.items():
                bucket.callers.setdefault(login, call)

    def _close(self, bucket: _Bucket) -> None:
        """Judge a finished bucket against the baseline, then add it to the baseline."""
        signals = self._judge(bucket)
        self._counts.append(bucket.count)
        self._emote_counts.append(bucket.emote_messages)
        if signals is not None:
            self._extend(bucket, signals)

    def _judge(self, bucket: _Bucket) -> _Signals | None:
        config = self._config
        rate: tuple[float, int, float] | None = None
        rate_ratio = 1.0
        emote_burst = False
        emote_ratio = 0.0
        if len(self._counts) >= config.warmup_buckets:
            baseline = max(statistics.median(self._counts), config.min_baseline)
            rate_ratio = bucket.count / baseline
            if (
                rate_ratio >= config.spike_ratio
                and bucket.count >= config.min_messages
                and len(bucket.chatters) >= config.min_chatters
            ):
                rate = (rate_ratio, bucket.count, baseline)
            emote_baseline = max(statistics.median(self._emote_counts), config.min_baseline)
            emote_ratio = bucket.emote_messages / emote_baseline
            emote_burst = (
                emote_ratio >= config.spike_ratio
                and bucket.emote_messages >= config.min_messages
                and len(bucket.emote_chatters) >= config.min_chatters
                and bucket.emote_messages >= config.emote_share * bucket.count
            )
        callers = len(bucket.callers) >= config.clip_callers
        if rate is None and not emote_burst and not callers:
            return None
        score = max(rate_ratio, emote_ratio if emote_burst else 0.0)
        if callers:
            score += min(len(bucket.callers), _CLIP_BONUS_CAP)
        return _Signals(score=score, rate=rate, emote_burst=emote_burst)

    def _extend(self, bucket: _Bucket, signals: _Signals) -> None:
        """Add a hot bucket to the open window, or open one."""
        start = max(bucket.index * self._size - self._lead_in, self._first_at)
        end = (bucket.index + 1) * self._size
        window = self._window
        if window is None:
            window = self._window = _Window(start, end)
        window.end = end
        window.last_at = bucket.last_at
        if signals.score > window.score:
            window.score = signals.score
            window.samples = _samples(bucket, self._config.sample_size)
        if signals.rate is not None and (window.rate is None or signals.rate[0] > window.rate[0]):
            window.rate = signals.rate
        if signals.emote_burst:
            window.emote_messages += bucket.emote_messages
            window.messages += bucket.count
            for emote, count in bucket.emotes.items():
                window.emotes[emote] = window.emotes.get(emote, 0) + count
        for login, call in bucket.callers.items():
            window.callers.setdefault(login, call)

    def _finish(self, window: _Window) -> ClipCandidate:
        return ClipCandidate(
            start=datetime.fromtimestamp(window.start, UTC),
            end=datetime.fromtimestamp(window.last_at, UTC),
            score=round(window.score, 2),
            reason=_reason(window, self._size),
            sample_messages=window.samples,
        )


def detect_clips(messages: Iterable[ChatMessage], config: ClipConfig | None = None) -> list[ClipCandidate]:
    """All clip candidates in a finished stretch of chat, in time order."""
    detector = ClipDetector(config)
    candidates: list[ClipCandidate] = []
    for message in messages:
        candidates.extend(detector.feed(message))
    candidates.extend(detector.flush())
    return candidates


def _reason(window: _Window, bucket_seconds: float) -> str:
    """One sentence a streamer understands: what chat did, with the numbers."""
    parts: list[str] = []
    if window.rate is not None:
        ratio, count, baseline = window.rate
        parts.append(
            f"chat ran {ratio:.1f}x its usual pace ({count} messages in {bucket_seconds:g} s, "
            f"usually about {baseline:.0f})"
        )
    if window.emote_messages:
        top = sorted(window.emotes.items(), key=lambda item: (-item[1], item[0]))[:2]
        parts.append(
            f"an emote burst ({window.emote_messages} of {window.messages} messages were emotes, "
            f"mostly {' and '.join(name for name, _ in top)})"
        )
    if window.callers:
        first = next(iter(window.callers.values())).text
        quote = first if len(first) <= _QUOTE_LIMIT else first[: _QUOTE_LIMIT - 1].rstrip() + "…"
        parts.append(f"{len(window.callers)} chatters called for a clip (“{quote}”)")
    sentence = "; ".join(parts)
    return sentence[:1].upper() + sentence[1:]


def _samples(bucket: _Bucket, size: int) -> tuple[ChatMessage, ...]:
    """The most telling messages of a hot bucket: clip calls, then what most of chat was saying."""
    pool = list(bucket.recent)
    keys = [frozenset(token.casefold() for token in message.text.split()) for message in pool]
    echoes: dict[str, int] = {}
    for words in keys:
        for word in words:
            echoes[word] = echoes.get(word, 0) + 1
    # A message that shares its words with many others is the reaction itself; short ones read best,
    # and a wall of repeated emotes reads worst.
    ranked = sorted(
        range(len(pool)),
        key=lambda i: (
            len(pool[i].text) > _LONG_SAMPLE,
            -sum(echoes[word] for word in keys[i]) / (len(keys[i]) or 1),
            len(pool[i].text),
        ),
    )
    picked: list[ChatMessage] = []
    seen_chatters: set[str] = set()
    seen_texts: set[str] = set()
    for message in (*bucket.callers.values(), *(pool[i] for i in ranked)):
        text = " ".join(message.text.casefold().split())
        if not text or message.chatter_login in seen_chatters or text in seen_texts:
            continue
        picked.append(message)
        seen_chatters.add(message.chatter_login)
        seen_texts.add(text)
        if len(picked) == size:
            break
    return tuple(picked)
