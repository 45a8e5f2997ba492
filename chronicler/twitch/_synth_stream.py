"""The simulator's engine: one synthetic stream generated second by second, with its ground truth."""

from __future__ import annotations

import heapq
import math
import random
import uuid
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import count
from operator import attrgetter

import msgspec

from chronicler.domain.chat import ChatMessage
from chronicler.twitch import _synth_lines as lines
from chronicler.twitch._synth_cast import Cast, Chatter
from chronicler.twitch._synth_scenario import (
    LONG_QUIET_EVERY,
    LONG_QUIET_FIRST,
    LONG_QUIET_LENGTH,
    LONG_QUIET_MARGIN,
    Scenario,
)
from chronicler.twitch._synth_truth import QuietGap, SpamKind, Spike, SpikeKind, Truth

_QUESTION_SHARE = 0.04
_BOT_MENTION_SHARE = 0.006
_EMOTE_ONLY_SHARE = 0.12
_RETURNING_NEWCOMER_SHARE = 0.02
_BROADCASTER_SHARE = 0.015
# A silence this long is one the Hearthkeeper speaks in; the first word after it is to the bot.
_WAKING_SILENCE = timedelta(minutes=15)


class StreamSynthesizer:
    """One synthetic stream: its messages, second by second, and the truth of what they contain."""

    def __init__(
        self, channel: str, *, seed: int, start: datetime, duration: timedelta | None, scenario: Scenario
    ) -> None:
        self._rng = random.Random(seed)
        self._channel = channel
        self._start = start
        self._scenario = scenario
        self._total = None if duration is None else int(duration.total_seconds())
        end = None if self._total is None else start + timedelta(seconds=self._total)
        self.truth = Truth(channel=channel, seed=seed, start=start, end=end, bot_login=scenario.bot_login)
        self._cast = Cast(
            self._rng,
            channel,
            regulars=scenario.regulars,
            bot_login=scenario.bot_login,
            timer_bot=scenario.timer_bot,
        )
        self._quiet = _QuietPlan(self._rng, scenario, self._total)
        self._rate = _DriftingRate(self._rng, *scenario.rate_range)
        self._spike: _ActiveSpike | None = None
        self._next_spike = self._minutes(3, 12)
        self._next_spam = self._minutes(3, 15)
        self._spam_kinds = self._rng.sample(lines.SPAM_KINDS, len(lines.SPAM_KINDS))
        self._spam_launched = 0
        self._next_timer = self._minutes(8, 20)
        self._pending: list[_Pending] = []  # a heap by second
        self._sequence = count()
        self._unspoken: set[str] = set()  # fresh accounts that have not chatted yet
        self._recent_newcomers: deque[tuple[int, Chatter]] = deque(maxlen=40)
        self._last_gap: tuple[int, int] | None = None
        self._waking_at: int | None = None  # the end of a long silence, where a regular answers the bot

    def messages(self) -> Iterator[ChatMessage]:
        """The stream's messages in time order; endless when the stream has no duration."""
        seconds = count() if self._total is None else range(self._total)
        for second in seconds:
            yield from self._tick(second)

    def _tick(self, second: int) -> list[ChatMessage]:
        """The messages of one second of the stream."""
        if second % 60 == 0:
            self._rate.drift()
        gap = self._quiet.gap_at(second, busy=self._spike is not None or bool(self._pending))
        if gap is not None:
            self._enter_gap(gap)
            if self._next_spike < gap[1]:
                # Hype does not break out the moment a silence ends; let chat warm up first.
                self._next_spike = gap[1] + self._minutes(2, 6)
            # Whatever was scheduled into the silence never gets posted, so the gap stays empty.
            while self._pending and self._pending[0].second <= second:
                heapq.heappop(self._pending)
            return []
        spike = self._spike_at(second)
        self._maybe_spam(second)
        self._maybe_timer(second)
        base = self._rate.per_minute
        extra = spike.extra(second) if spike else 0.0
        batch = []
        for _ in range(_poisson(self._rng, (base + extra) / 60)):
            in_spike = spike is not None and self._rng.random() < extra / (base + extra)
            batch.append(
                self._spike_message(second, spike) if in_spike and spike else self._everyday_message(second)
            )
        while self._pending and self._pending[0].second <= second:
            batch.append(self._post(heapq.heappop(self._pending)))
        batch.sort(key=attrgetter("sent_at"))
        if self._waking_at is not None and second >= self._waking_at:
            self._waking_at = None
            batch.insert(0, self._waking_mention(second))
        return batch

    def _waking_mention(self, second: int) -> ChatMessage:
        """The first message after a long silence: a regular speaks to the bot (which has just spoken).

        First in its second, so chat is calm when the Steward weighs it, as it would be after a silence.
        """
        text = lines.bot_mention(self._rng, self._scenario.bot_login)
        message = msgspec.structs.replace(
            self._message(second, self._cast.regular(), text), sent_at=self._at(second)
        )
        self.truth.bot_mentions.add(message.message_id)
        return message

    def _enter_gap(self, gap: tuple[int, int]) -> None:
        """Record a quiet gap the first time the stream is in it."""
        if gap != self._last_gap:
            self._last_gap = gap
            end = gap[1] if self._total is None else min(gap[1], self._total)
            self.truth.quiet_gaps.append(QuietGap(start=self._at(gap[0]), end=self._at(end)))
            if timedelta(seconds=end - gap[0]) >= _WAKING_SILENCE:
                self._waking_at = end

    def _spike_at(self, second: int) -> _ActiveSpike | None:
        """The hype moment going on now, starting one when it is due and fits before the next silence."""
        if self._spike is not None and second >= self._spike.end:
            self._spike = None
        if self._spike is None and second >= self._next_spike:
            length = self._rng.randint(25, 75)
            if self._fits(second, length + 60):
                kind: SpikeKind = self._rng.choice(("hype", "funny"))
                self._spike = _ActiveSpike(second, second + length, kind, peak=self._rng.uniform(180, 420))
                self.truth.spikes.append(
                    Spike(start=self._at(second), end=self._at(second + length), kind=kind)
                )
                mean = self._scenario.spike_every.total_seconds()
                self._next_spike = second + length + int(max(300.0, self._rng.expovariate(1 / mean)))
            else:
                self._next_spike = second + 60
        return self._spike

    def _maybe_spam(self, second: int) -> None:
        """Launch the next scam when it is due, cycling through every kind of scam."""
        if second < self._next_spam or not self._fits(second, 180):
            return
        kind = self._spam_kinds[self._spam_launched % len(self._spam_kinds)]
        self._spam_launched += 1
        if kind == "copy_raid":
            # Several new accounts paste the same text within a few seconds of each other.
            text = lines.spam_text(self._rng, kind)
            for _ in range(self._rng.randint(4, 7)):
                self._schedule(second + self._rng.randint(0, 40), self._spam_account(), text, kind)
        else:
            account = self._spam_account()
            self._schedule(second, account, lines.spam_text(self._rng, kind), kind)
            if kind != "free_nitro" and self._rng.random() < 0.5:
                self._schedule(
                    second + self._rng.randint(20, 90), account, lines.spam_text(self._rng, kind), kind
                )
        self._next_spam = second + int(
            self._rng.uniform(0.6, 1.4) * self._scenario.spam_every.total_seconds()
        )

    def _spam_account(self) -> Chatter:
        """A throwaway account whose first message will be its scam."""
        account = self._cast.spam_account()
        self._unspoken.add(account.login)
        return account

    def _maybe_timer(self, second: int) -> None:
        """Let the timer bot post its plug when it is due."""
        bot = self._cast.timer_bot
        if bot is not None and second >= self._next_timer:
            self._schedule(second, bot, lines.timer_line(self._rng, self._channel), None)
            self._next_timer = (
                second + int(self._scenario.timer_every.total_seconds()) + self._rng.randint(-60, 60)
            )

    def _fits(self, second: int, length: int) -> bool:
        """Whether something lasting length seconds from now ends before the next long silence and the end."""
        upcoming = self._quiet.next_fixed_start(second)
        return (upcoming is None or upcoming > second + length) and (
            self._total is None or second + length <= self._total
        )

    def _everyday_message(self, second: int) -> ChatMessage:
        """An ordinary message: chatter, a question, a greeting, an emote, a word to the bot."""
        rng = self._rng
        chatter = self._speaker(second)
        if chatter is self._cast.broadcaster:
            return self._message(second, chatter, lines.streamer_line(rng, self._cast.regular().display_name))
        if chatter.login in self._unspoken and rng.random() < 0.3:
            return self._message(second, chatter, lines.greeting_from_newcomer(rng))
        roll = rng.random()
        if roll < _QUESTION_SHARE:
            message = self._message(second, chatter, lines.question(rng, self._channel))
            self.truth.questions.add(message.message_id)
        elif roll < _QUESTION_SHARE + _BOT_MENTION_SHARE:
            message = self._message(second, chatter, lines.bot_mention(rng, self._scenario.bot_login))
            self.truth.bot_mentions.add(message.message_id)
        elif roll < _QUESTION_SHARE + _BOT_MENTION_SHARE + _EMOTE_ONLY_SHARE:
            message = self._message(second, chatter, lines.emote_flood(rng))
        else:
            message = self._message(second, chatter, lines.everyday(rng))
        return message

    def _spike_message(self, second: int, spike: _ActiveSpike) -> ChatMessage:
        """A message of a hype moment: an emote flood, a shout or a clip call."""
        text, clip_call = lines.spike_line(self._rng, spike.kind, self._channel)
        message = self._message(second, self._speaker(second), text)
        if clip_call:
            self.truth.clip_calls.add(message.message_id)
        return message

    def _speaker(self, second: int) -> Chatter:
        """Who talks next: mostly regulars, sometimes a newcomer, now and then the streamer."""
        roll = self._rng.random()
        share = self._scenario.newcomer_share
        if roll < share:
            newcomer = self._cast.newcomer()
            self._unspoken.add(newcomer.login)
            self._recent_newcomers.append((second, newcomer))
            return newcomer
        if roll < share + _RETURNING_NEWCOMER_SHARE:
            # Only those who arrived in an earlier second, so their first message stays first in time.
            returning = [chatter for joined, chatter in self._recent_newcomers if joined < second]
            if returning:
                return self._rng.choice(returning)
        elif roll < share + _RETURNING_NEWCOMER_SHARE + _BROADCASTER_SHARE:
            return self._cast.broadcaster
        return self._cast.regular()

    def _schedule(self, second: int, chatter: Chatter, text: str, spam: SpamKind | None) -> None:
        """Post a message at a later second (or this one) unless the stream is silent then."""
        heapq.heappush(self._pending, _Pending(second, next(self._sequence), chatter, text, spam))

    def _post(self, pending: _Pending) -> ChatMessage:
        """Turn a scheduled message into a message, recording the spam it is."""
        message = self._message(pending.second, pending.chatter, pending.text)
        if pending.spam is not None:
            self.truth.spam[message.message_id] = pending.spam
            self.truth.spam_bots.add(message.chatter_login)
        return message

    def _message(self, second: int, chatter: Chatter, text: str) -> ChatMessage:
        """A message posted during that second, flagged first if the account never chatted before."""
        first = chatter.login in self._unspoken
        if first:
            self._unspoken.discard(chatter.login)
            self.truth.first_timers.add(chatter.login)
        return ChatMessage(
            message_id=str(uuid.UUID(int=self._rng.getrandbits(128), version=4)),
            channel=self._channel,
            chatter_login=chatter.login,
            text=text,
            sent_at=self._at(second) + timedelta(milliseconds=self._rng.randrange(1000)),
            display_name=chatter.display_name,
            chatter_id=chatter.chatter_id,
            badges=chatter.badges,
            first_message=first,
        )

    def _at(self, second: int) -> datetime:
        """The wall time of a second of the stream."""
        return self._start + timedelta(seconds=second)

    def _minutes(self, low: float, high: float) -> int:
        """A random moment between low and high minutes in, in seconds."""
        return int(self._rng.uniform(low, high) * 60)


@dataclass(order=True, frozen=True, slots=True)
class _Pending:
    """A message scheduled for a given second: a raid member's paste, a scammer's second try, a timer."""

    second: int
    sequence: int
    chatter: Chatter = field(compare=False)
    text: str = field(compare=False)
    spam: SpamKind | None = field(compare=False)


@dataclass(frozen=True, slots=True)
class _ActiveSpike:
    """A hype moment under way: the rate jumps to a peak fast and fades slowly."""

    start: int
    end: int
    kind: SpikeKind
    peak: float  # extra messages/min at the top

    def extra(self, second: int) -> float:
        """Messages/min on top of the base rate at that second."""
        x = (second - self.start) / (self.end - self.start)
        shape = x / 0.2 if x < 0.2 else 1.0 - 0.7 * (x - 0.2) / 0.8
        return self.peak * shape


class _DriftingRate:
    """Chat's base rate: a mean-reverting random walk in log space, kept within the scenario's range."""

    def __init__(self, rng: random.Random, low: float, high: float) -> None:
        self._rng = rng
        self._low, self._high = math.log(low), math.log(high)
        self._middle = (self._low + self._high) / 2
        self._log_rate = self._clamp(self._middle + rng.gauss(0, 0.3))

    @property
    def per_minute(self) -> float:
        """The base rate now, in messages per minute."""
        return math.exp(self._log_rate)

    def drift(self) -> None:
        """Move a minute's worth."""
        step = self._rng.gauss(0, 0.2) + 0.08 * (self._middle - self._log_rate)
        self._log_rate = self._clamp(self._log_rate + step)

    def _clamp(self, value: float) -> float:
        return min(max(value, self._low), self._high)


class _QuietPlan:
    """Where chat falls silent: fixed long gaps (the scenario's, or the default ones) and random lulls."""

    def __init__(self, rng: random.Random, scenario: Scenario, total: int | None) -> None:
        self._rng = rng
        self._total = total
        self._explicit = (
            None
            if scenario.quiet_gaps is None
            else [
                (_seconds(offset), _seconds(offset + length))
                for offset, length in sorted(scenario.quiet_gaps)
            ]
        )
        self._lull: tuple[int, int] | None = None
        self._next_lull = int(rng.uniform(15, 40) * 60)

    def gap_at(self, second: int, *, busy: bool) -> tuple[int, int] | None:
        """The (start, end) seconds of the silence second falls in, starting a lull when one is due."""
        fixed = self._fixed_containing(second)
        if fixed is not None:
            # A lull falling due in a long silence would extend it; chat gets a while back first.
            self._next_lull = max(self._next_lull, fixed[1] + 15 * 60)
            return fixed
        if self._lull is not None and self._lull[0] <= second < self._lull[1]:
            return self._lull
        if self._explicit is None and not busy and second >= self._next_lull:
            end = second + self._rng.randint(120, 360)
            upcoming = self.next_fixed_start(second)
            if (upcoming is None or upcoming > end + 300) and (
                self._total is None or end + 60 <= self._total
            ):
                self._lull = (second, end)
                self._next_lull = end + int(self._rng.uniform(25, 60) * 60)
                return self._lull
            self._next_lull = second + 60
        return None

    def next_fixed_start(self, second: int) -> int | None:
        """The start of the next fixed gap at or after second, or of the one under way; None if none."""
        under_way = self._fixed_containing(second)
        if under_way is not None:
            return under_way[0]
        if self._explicit is not None:
            return next((start for start, _ in self._explicit if start >= second), None)
        first, every = _seconds(LONG_QUIET_FIRST), _seconds(LONG_QUIET_EVERY)
        start = first if second <= first else first + math.ceil((second - first) / every) * every
        return start if self._default_fits(start) else None

    def _fixed_containing(self, second: int) -> tuple[int, int] | None:
        """The fixed gap that second falls in, if any."""
        if self._explicit is not None:
            return next(((start, end) for start, end in self._explicit if start <= second < end), None)
        first, every, length = (
            _seconds(LONG_QUIET_FIRST),
            _seconds(LONG_QUIET_EVERY),
            _seconds(LONG_QUIET_LENGTH),
        )
        if second < first:
            return None
        start = first + (second - first) // every * every
        if second < start + length and self._default_fits(start):
            return start, start + length
        return None

    def _default_fits(self, start: int) -> bool:
        """Default gaps are kept only when chat comes back before the stream ends."""
        end = start + _seconds(LONG_QUIET_LENGTH) + _seconds(LONG_QUIET_MARGIN)
        return self._total is None or end <= self._total


def _seconds(span: timedelta) -> int:
    return int(span.total_seconds())


def _poisson(rng: random.Random, mean: float) -> int:
    """A Poisson draw (Knuth's method; means here stay below ~10)."""
    if mean <= 0:
        return 0
    limit, k, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        k += 1
        product *= rng.random()
    return k
