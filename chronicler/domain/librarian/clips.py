"""Clip candidates: moments when many chatters suddenly reacted at once, ranked by how strongly.

Chat is counted in fixed buckets (10 s by default). When a bucket closes, its number of distinct
chatters ("voices") is compared with the median of the buckets before it (the last 10 minutes by
default), so the detector adapts to the channel: 40 chatters in 10 s is a moment for a small
channel and an ordinary stretch for a big one. Voices, not messages, because one chatter pasting
thirty lines is a spammer, not a reaction. A bucket is "hot" when:

- its voices reach `spike_ratio` times the usual number, and at least `min_chatters`; or
- they reach `reaction_ratio` times the usual number while most messages are reactions (laughter,
  hype, shock, sadness: `_reactions.py`, in several languages); or
- `clip_callers` different chatters wrote "clip it", "CLIP THAT" and the like within `clip_call_window`;
- in a small, slow chat (usually under `slow_below` chatters per bucket) the last `slow_buckets`
  buckets (30 s) are also judged together: there a reaction is a handful of chatters over half a
  minute, never enough in one bucket. That slower scale needs most messages to be reactions and
  `slow_min_chatters`, so a quiet chat's ordinary chatter is no moment; big chats never use it.

Hot buckets at most `merge_gap` apart make one candidate. Viewers react 20-30 s after the moment,
so a candidate starts `lag` before its first hot bucket (the spike's start); its peak is the middle
of its busiest bucket; it ends with the last message of its last hot bucket. A weaker candidate
starting within `echo_gap` of the last reported one's end is chat reacting again to the same moment
(the replay, the streamer's reaction) and is not reported, so it takes no place in the budget.

The score ranks candidates (see `_score`): how far above the usual the peak was, how likely the
burst is a reaction rather than talk, a copypasta or a raid's hellos (a small model fit on
hand-labelled fast chat, `_burst.py`), how many different chatters took part (one spammer scores
little), how long chat stayed hot, and clip calls. Candidates under `min_score` are not reported
(by default `MIN_SCORE`; the live pipeline stores those over `CLIP_FLOOR` and the ledger shows the
stream's budget). An absolute bar gives from none to more
than one candidate per ten minutes on real logs, so a finished stream's list is better cut by
`select_clips` (`_budget.py`): the best, 0.95 per ten minutes, over a lower floor, as
`chronicler clips` does (measured in bench/librarian.py).

Messages the Warden flagged never count (`feed(message, flagged=True)`): a scam copy-paste raid
is no highlight. Nor do commands to chat bots ("!join", "!uptime"): a giveaway is every chatter
at once. Nor does a raid: told by `observe_raid` (live, Twitch's raid event) or by Twitch's own
"N raiders from X have joined!" in a chat export, its first minutes' welcomes and pastes are left
out (`_raids.py`); Twitch's other notices in an export (subscriptions, gifted subs) are no chat
either. Each candidate carries the kind of reaction chat showed (funny, hype, shock, sad,
wholesome).
"""

from __future__ import annotations

import math
import statistics
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from chronicler.contract.errors import InvalidInput
from chronicler.domain.chat import ChatMessage
from chronicler.domain.librarian._burst import ChatTally, traits
from chronicler.domain.librarian._raids import RaidEcho
from chronicler.domain.librarian._reactions import KINDS, ReactionKind, dominant_kind, reaction_kinds

# How many of a bucket's latest messages are kept to choose samples from.
_SAMPLE_POOL = 40
_QUOTE_LIMIT = 60
_LONG_SAMPLE = 100
# Clip calls remembered for `clip_call_window`; a flood of them needs no more than this to count.
_MAX_CALLS = 100
# Chatters remembered per candidate; beyond this a candidate is plainly broad, and memory stays bounded.
_MAX_WINDOW_CHATTERS = 5000
# Each clip caller adds this much to the score, up to `_CALLER_CAP` callers.
_CALLER_BONUS = 1.0
_CALLER_CAP = 5
# The score's parts; see `_score`.
_SUSTAIN_STEP = 0.15
_SUSTAIN_CAP = 1.6
_BROAD_CHATTERS = 40  # breadth stops growing here, so a giant channel's every spike does not outrank all
_BROAD_MIN = 8
_BROAD_PER_USUAL = 6  # times the usual chatters per bucket that make a candidate fully broad

# Under this score the ledger leaves a candidate out (older sessions stored weaker ones).
MIN_SCORE = 2.0


@dataclass(frozen=True)
class ClipConfig:
    """How the ClipDetector reads chat; the defaults suit channels from a handful to thousands of chatters."""

    bucket: timedelta = timedelta(seconds=10)
    baseline_buckets: int = 60  # the rolling baseline: the median of this many buckets
    warmup_buckets: int = 12  # no rate spikes until this many buckets give a baseline (2 minutes)
    spike_ratio: float = 2.5
    reaction_ratio: float = 1.8  # a lower bar when most of the bucket is reactions
    reaction_share: float = 0.5
    min_chatters: int = 4  # different chatters per bucket, so three friends joking do not count
    min_baseline: float = 1.5  # a floor under the baseline, so two chatters are not "10x" a quiet chat
    clip_callers: int = 2
    clip_call_window: timedelta = timedelta(seconds=30)
    lag: timedelta = timedelta(seconds=25)  # how long after the moment chat reacts
    # Hot buckets this close make one candidate: a reaction pauses for a breath and goes on (20 s split
    # TUNE's injected moments in two more often; 30 s ranked better there, 40-60 s no better).
    merge_gap: timedelta = timedelta(seconds=30)
    # A weaker burst that starts this soon after a reported candidate ended is its echo (chat laughing
    # again at the replay or at the streamer's reaction), not a moment of its own: it is not reported,
    # so it takes no place in the stream's budget. Set on TUNE (60 s; 90-120 s found fewer moments).
    echo_gap: timedelta = timedelta(seconds=60)
    min_score: float = MIN_SCORE
    sample_size: int = 5
    # The slower scale for small chats: distinct chatters over this many buckets (30 s), judged only
    # while the usual chatters per bucket are under `slow_below`; 1 bucket (or 0) turns it off.
    slow_buckets: int = 3
    slow_below: float = 1.5
    slow_min_chatters: int = 5

    def __post_init__(self) -> None:
        positive_times = {"bucket": self.bucket, "clip_call_window": self.clip_call_window}
        for name, value in positive_times.items():
            if value <= timedelta(0):
                raise InvalidInput(f"{name} must be longer than zero", field=name)
        for name in ("lag", "merge_gap", "echo_gap"):
            if getattr(self, name) < timedelta(0):
                raise InvalidInput(f"{name} cannot be negative", field=name)
        if self.baseline_buckets < 3:
            raise InvalidInput("baseline_buckets must be at least 3", field="baseline_buckets")
        if not 1 <= self.warmup_buckets <= self.baseline_buckets:
            raise InvalidInput(
                "warmup_buckets must be between 1 and baseline_buckets", field="warmup_buckets"
            )
        for name in ("spike_ratio", "reaction_ratio"):
            if getattr(self, name) <= 1:
                raise InvalidInput(f"{name} must be above 1", field=name)
        if not 0 < self.reaction_share <= 1:
            raise InvalidInput("reaction_share must be in (0, 1]", field="reaction_share")
        if self.min_baseline <= 0:
            raise InvalidInput("min_baseline must be above 0", field="min_baseline")
        if self.min_score < 0:
            raise InvalidInput("min_score cannot be negative", field="min_score")
        for name in ("min_chatters", "clip_callers", "sample_size", "slow_min_chatters"):
            if getattr(self, name) < 1:
                raise InvalidInput(f"{name} must be at least 1", field=name)
        if not 1 <= self.slow_buckets <= self.baseline_buckets:
            raise InvalidInput("slow_buckets must be between 1 and baseline_buckets", field="slow_buckets")
        if self.slow_below < 0:
            raise InvalidInput("slow_below cannot be negative", field="slow_below")


@dataclass(frozen=True)
class ClipCandidate:
    """A stretch of the stream worth a look for a clip, and why."""

    start: datetime  # the moment itself: the spike's start less the reaction lag
    end: datetime
    score: float  # see `_score`: 2 is a clear moment, 5 and more a strong one
    reason: str
    sample_messages: tuple[ChatMessage, ...]
    peak: datetime | None = None  # the middle of the busiest stretch of chat; None from older records
    kind: ReactionKind = "hype"
    chatters: int = 0  # different chatters in its hot stretch (at most 5000 are counted)


class _Bucket:
    """What one bucket of chat held; only counts, small maps and a bounded sample pool."""

    __slots__ = (
        "index",
        "count",
        "chatters",
        "tally",
        "kinds",
        "emotes",
        "recent",
        "callers",
        "last_at",
    )

    def __init__(self, index: int) -> None:
        self.index = index
        self.count = 0
        self.chatters: dict[str, int] = {}  # login -> messages
        self.tally = ChatTally()  # what its messages read like: reactions, greetings, questions...
        self.kinds: dict[ReactionKind, int] = {}
        self.emotes: dict[str, int] = {}
        self.recent: deque[ChatMessage] = deque(maxlen=_SAMPLE_POOL)
        self.callers: dict[str, ChatMessage] = {}  # login -> their clip call
        self.last_at = 0.0


class _Window:
    """The candidate being built from hot buckets close together."""

    __slots__ = (
        "spike_start",
        "end",
        "last_at",
        "hot",
        "peak_index",
        "peak_voices",
        "peak_ratio",
        "baseline",
        "samples",
        "tally",
        "kinds",
        "emotes",
        "chatters",
        "top_share",
        "callers",
        "span",
        "span_voices",
    )

    def __init__(self, spike_start: float, baseline: float) -> None:
        self.spike_start = spike_start
        self.end = spike_start  # end of the last hot bucket, for merging
        self.last_at = spike_start  # the last message in a hot bucket, for reporting
        self.hot = 0
        self.peak_index = 0
        self.peak_voices = 0
        self.peak_ratio = 0.0
        self.baseline = baseline
        self.samples: tuple[ChatMessage, ...] = ()
        self.tally = ChatTally()
        self.kinds: dict[ReactionKind, int] = {}
        self.emotes: dict[str, int] = {}
        self.chatters: set[str] = set()
        self.top_share = 0.0  # the largest share of one hot bucket's messages that one chatter wrote
        self.callers: dict[str, ChatMessage] = {}
        self.span = 0.0  # seconds of the slow scale that made it hot, 0 when the buckets alone did
        self.span_voices = 0


class ClipDetector:
    """Finds clip candidates in a live chat, one message at a time, in bounded memory."""

    def __init__(self, config: ClipConfig | None = None) -> None:
        self._config = config = config or ClipConfig()
        self._size = config.bucket.total_seconds()
        self._lag = config.lag.total_seconds()
        self._merge_gap = config.merge_gap.total_seconds()
        self._echo_gap = config.echo_gap.total_seconds()
        # The last reported candidate's end and score, to tell its echo (see `ClipConfig.echo_gap`).
        self._last_end = -math.inf
        self._last_score = 0.0
        self._call_window = config.clip_call_window.total_seconds()
        self._voices: deque[int] = deque(maxlen=config.baseline_buckets)
        # The slower scale: the last `slow_buckets` closed buckets and the baseline of their voices.
        self._recent: deque[_Bucket] = deque(maxlen=config.slow_buckets)
        self._slow_voices: deque[int] = deque(maxlen=config.baseline_buckets)
        self._extended = -1  # the index of the last bucket added to a window
        self._calls: deque[tuple[float, ChatMessage]] = deque(maxlen=_MAX_CALLS)
        self._bucket: _Bucket | None = None
        self._window: _Window | None = None
        self._first_at = 0.0
        self._raid: RaidEcho | None = None  # the latest raid, while its raiders still greet and paste

    def feed(self, message: ChatMessage, *, flagged: bool = False) -> list[ClipCandidate]:
        """Count one message; return the candidates that this message proved to be over.

        A message the Warden flagged (`flagged`) is ignored: spam and scam raids are no highlight.
        So is a command to a chat bot ("!join", "!uptime"): a giveaway's entries are every chatter
        at once, and no reaction to the stream; so are a raid's welcomes and pastes, and Twitch's
        notices in a chat export (its raid notice starts a raid's minutes, as `observe_raid` does).
        A message older than the current bucket (chat delivered late) is counted in the current
        bucket rather than dropped.
        """
        at = message.sent_at
        if at.tzinfo is None:
            raise ValueError(f"message {message.message_id} has a naive sent_at; it must be timezone-aware")
        read = traits(message.text)
        if read.notice == "raid":
            self.observe_raid(at)
        if flagged or read.command or read.notice or self._raided(message):
            return []
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
        bucket.chatters[login] = bucket.chatters.get(login, 0) + 1
        bucket.recent.append(message)
        text = message.text
        read = bucket.tally.add(text)
        for kind in read.kinds:
            bucket.kinds[kind] = bucket.kinds.get(kind, 0) + 1
        for emote in read.emotes:
            bucket.emotes[emote] = bucket.emotes.get(emote, 0) + 1
        if read.clip_call:
            self._clip_call(bucket, seconds, message)
        return finished

    def observe_raid(self, at: datetime) -> None:
        """Another channel raided this one at `at`: leave its welcomes and pastes out for a few minutes."""
        self._raid = RaidEcho(at)

    def _raided(self, message: ChatMessage) -> bool:
        """Whether the message is the latest raid's welcome or paste; forgets the raid once it is over."""
        raid = self._raid
        if raid is None:
            return False
        if raid.over(message.sent_at):
            self._raid = None
            return False
        return raid.is_raid(message)

    def flush(self) -> list[ClipCandidate]:
        """Close the last bucket and return what is still open; call once when the session ends."""
        if self._bucket is None:
            return []
        self._close(self._bucket)
        window = self._window
        finished = self._finish(window) if window is not None else []
        self._bucket = self._window = None
        self._voices.clear()
        self._calls.clear()
        self._recent.clear()
        self._slow_voices.clear()
        self._last_end, self._last_score = -math.inf, 0.0
        self._raid = None
        return finished

    def _close_through(self, bucket: _Bucket, index: int) -> list[ClipCandidate]:
        """Close `bucket` and the empty ones after it, up to bucket `index`; return finished windows."""
        self._close(bucket)
        empty = index - bucket.index - 1
        if empty >= self._config.baseline_buckets:
            # After a break longer than the baseline the channel's usual pace is unknown: relearn it.
            self._voices.clear()
            self._slow_voices.clear()
            self._recent.clear()
        else:
            self._voices.extend([0] * empty)
            self._slow_empty(bucket.index, empty)
        window = self._window
        # No bucket from `index` on can join this window, so it is complete.
        if window is not None and index * self._size > window.end + self._merge_gap:
            self._window = None
            return self._finish(window)
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
        config = self._config
        voices = len(bucket.chatters)
        baseline = max(statistics.median(self._voices), config.min_baseline) if self._voices else 0.0
        ratio = voices / baseline if baseline else 0.0
        warm = len(self._voices) >= config.warmup_buckets
        reacting = bucket.tally.reactions >= config.reaction_share * bucket.count
        spiked = (
            warm
            and voices >= config.min_chatters
            and (ratio >= config.spike_ratio or (reacting and ratio >= config.reaction_ratio))
        )
        called = len(bucket.callers) >= config.clip_callers
        usual = statistics.median(self._voices) if self._voices else 0.0
        self._voices.append(voices)
        if config.slow_buckets > 1 and self._slow(bucket, quiet=usual < config.slow_below, fast=spiked):
            return
        if spiked or called:
            self._extend(bucket, ratio if warm else 1.0, baseline)

    def _slow(self, bucket: _Bucket, *, quiet: bool, fast: bool) -> bool:
        """Judge the last `slow_buckets` buckets together; True when they were hot and were added.

        In a small chat a reaction is a handful of chatters spread over half a minute, never enough
        in one 10 s bucket; only chats this quiet are judged so, so big channels are not flooded.
        """
        config = self._config
        recent = self._recent
        recent.append(bucket)
        lowest = bucket.index - config.slow_buckets + 1
        while recent[0].index < lowest:
            recent.popleft()
        voices = len(set().union(*(each.chatters for each in recent)))
        history = self._slow_voices
        baseline = max(statistics.median(history), config.min_baseline) if history else 0.0
        warm = len(history) >= config.warmup_buckets
        history.append(voices)
        if fast or not (quiet and warm and voices >= config.slow_min_chatters):
            return False
        ratio = voices / baseline
        count = sum(each.count for each in recent)
        reacting = sum(each.tally.reactions for each in recent) >= config.reaction_share * count
        if not reacting or ratio < config.reaction_ratio:
            return False
        span = self._size * config.slow_buckets
        for each in list(recent):
            if each.index > self._extended and each.count:
                self._extend(each, ratio, baseline, span=span, voices=voices)
        return True

    def _slow_empty(self, index: int, empty: int) -> None:
        """The slow scale's voices for `empty` silent buckets after bucket `index`."""
        for k in range(1, empty + 1):
            lowest = index + k - self._config.slow_buckets + 1
            still = [each.chatters for each in self._recent if each.index >= lowest]
            self._slow_voices.append(len(set().union(*still)) if still else 0)
            if not still:
                self._slow_voices.extend([0] * (empty - k))
                break

    def _extend(
        self, bucket: _Bucket, ratio: float, baseline: float, *, span: float = 0.0, voices: int = 0
    ) -> None:
        """Add a hot bucket to the open window, or open one (`span`, `voices`: the slow scale's)."""
        start = bucket.index * self._size
        self._extended = max(self._extended, bucket.index)
        window = self._window
        if window is None:
            window = self._window = _Window(start, baseline)
        if voices > window.span_voices:
            window.span_voices, window.span = voices, span
        window.end = start + self._size
        window.last_at = bucket.last_at
        window.hot += 1
        voices = len(bucket.chatters)
        if voices > window.peak_voices:
            window.peak_voices = voices
            window.peak_index = bucket.index
            window.samples = _samples(bucket, self._config.sample_size)
        window.peak_ratio = max(window.peak_ratio, ratio)
        window.tally.merge(bucket.tally)
        for kind, count in bucket.kinds.items():
            window.kinds[kind] = window.kinds.get(kind, 0) + count
        for emote, count in bucket.emotes.items():
            window.emotes[emote] = window.emotes.get(emote, 0) + count
        if len(window.chatters) < _MAX_WINDOW_CHATTERS:
            window.chatters.update(bucket.chatters)
        if bucket.count:
            window.top_share = max(window.top_share, max(bucket.chatters.values()) / bucket.count)
        for login, call in bucket.callers.items():
            window.callers.setdefault(login, call)

    def _finish(self, window: _Window) -> list[ClipCandidate]:
        """The window as a candidate, or nothing when it scores under `min_score` or is an echo."""
        score = _score(window)
        if score < self._config.min_score:
            return []
        start = max(window.spike_start - self._lag, self._first_at)
        if start - self._last_end < self._echo_gap and score <= self._last_score:
            return []
        self._last_end, self._last_score = max(window.last_at, start), score
        kind = dominant_kind(window.kinds)
        peak = window.peak_index * self._size + self._size / 2
        return [
            ClipCandidate(
                start=datetime.fromtimestamp(start, UTC),
                end=datetime.fromtimestamp(max(window.last_at, start), UTC),
                score=round(score, 2),
                reason=_reason(window, kind, window.span or self._size),
                sample_messages=window.samples,
                peak=datetime.fromtimestamp(peak, UTC),
                kind=kind,
                chatters=len(window.chatters),
            )
        ]


def detect_clips(
    messages: Iterable[ChatMessage],
    config: ClipConfig | None = None,
    *,
    flagged: frozenset[str] = frozenset(),
) -> list[ClipCandidate]:
    """All clip candidates in a finished stretch of chat, best first (`flagged`: message ids to ignore)."""
    detector = ClipDetector(config)
    candidates: list[ClipCandidate] = []
    for message in messages:
        candidates.extend(detector.feed(message, flagged=message.message_id in flagged))
    candidates.extend(detector.flush())
    return rank(candidates)


def rank(candidates: Iterable[ClipCandidate]) -> list[ClipCandidate]:
    """Best first: the highest score, then the earliest."""
    return sorted(candidates, key=lambda clip: (-clip.score, clip.start))


def _score(window: _Window) -> float:
    """How clip-worthy a window is.

    intensity x reaction x breadth x sustain, plus clip calls:

    - intensity: log2 of how many times the usual number of chatters the peak had, so 2x is 1 and
      8x is 3 (a giant channel's spike does not bury a small one's);
    - reaction: how likely this burst is a reaction rather than talk, a copypasta or a raid's
      hellos, by the model fit on labelled fast chat (`_burst.py`: reaction words and emotes,
      emote-only and shouted messages, short messages, few questions and greetings, clip calls),
      over a floor; greetings (a stream's start, a raid saying hello) take their share off;
    - breadth: how many different chatters took part, on a log scale, times how evenly they spoke
      (one chatter writing half the messages halves it);
    - sustain: chat that stays hot for several buckets marks a bigger moment;
    """
    intensity = math.log2(max(window.peak_ratio, 1.0)) if window.peak_ratio else 0.0
    reaction = window.tally.weight()
    # "Many chatters" is relative to the channel: eight is many for a handful, forty for thousands.
    enough = min(max(_BROAD_PER_USUAL * window.baseline, _BROAD_MIN), _BROAD_CHATTERS)
    broad = min(len(window.chatters), enough)
    breadth = math.log2(1 + broad) / math.log2(1 + enough) * (1 - window.top_share / 2)
    sustain = min(1 + _SUSTAIN_STEP * (window.hot - 1), _SUSTAIN_CAP)
    callers = min(len(window.callers), _CALLER_CAP) * _CALLER_BONUS
    return intensity * reaction * breadth * sustain + callers


_KIND_VERBS: dict[ReactionKind, str] = {
    "funny": "laughing",
    "hype": "hyped",
    "shock": "shocked",
    "sad": "sad",
    "wholesome": "warm",
}
assert set(_KIND_VERBS) == set(KINDS)


def _reason(window: _Window, kind: ReactionKind, bucket_seconds: float) -> str:
    """One sentence a streamer understands: what chat did, with the numbers."""
    parts = [
        f"{len(window.chatters)} chatters at {window.peak_ratio:.1f}x the usual "
        f"({window.span_voices or window.peak_voices} in {bucket_seconds:g} s, "
        f"usually about {window.baseline:.0f})"
    ]
    if window.tally.reactions:
        share = round(100 * window.tally.reactions / max(window.tally.messages, 1))
        # The emotes that show this kind ("KEKW" for funny), not whatever else chat spammed.
        telling = [(name, n) for name, n in window.emotes.items() if kind in reaction_kinds(name)]
        top = sorted(telling, key=lambda item: (-item[1], item[0]))[:2]
        emotes = f", mostly {' and '.join(name for name, _ in top)}" if top else ""
        parts.append(f"{share}% of messages {_KIND_VERBS[kind]}{emotes}")
    if window.callers:
        first = next(iter(window.callers.values())).text
        quote = first if len(first) <= _QUOTE_LIMIT else first[: _QUOTE_LIMIT - 1].rstrip() + "…"
        parts.append(f"{len(window.callers)} chatters called for a clip (“{quote}”)")
    return f"{kind.capitalize()}: " + "; ".join(parts)


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
