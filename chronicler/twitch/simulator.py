"""Synthetic chat for running the product without Twitch.

``synthesize`` makes a deterministic stream for a seed: a base rate drifting between 5 and 60 messages a
minute, quiet gaps (one of 15+ minutes in any stream longer than about 75 minutes), hype spikes with
emote floods and "clip it" calls, regulars with stable logins and badges, first-time chatters, questions
to the streamer, mentions of the bot (by ``Scenario.bot_login``: the command line passes the configured
login; after a silence of 15+ minutes the first word is one), a timer bot, and spam bots posting
real-world Twitch scams.
``synthesize_with_truth`` also returns the ``Truth``: which messages are spam, where the spikes and quiet
gaps are. ``SimulatedChat`` plays such a stream as a ``ChatSource``, at real time or faster.

Errors: ``core.errors.InvalidInput`` for a bad channel, speed or scenario (``field`` names it).
"""

from __future__ import annotations

import asyncio
import math
import random
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from contextlib import aclosing
from datetime import UTC, datetime, timedelta
from itertools import chain

from chronicler.contract.errors import InvalidInput
from chronicler.contract.logins import normalize_login
from chronicler.domain.chat import ChatEvent, ChatMessage, StreamOffline, StreamOnline
from chronicler.twitch._synth_scenario import Scenario
from chronicler.twitch._synth_stream import StreamSynthesizer
from chronicler.twitch._synth_truth import QuietGap, SpamKind, Spike, SpikeKind, Truth
from chronicler.twitch.replay import Sleep, check_pacing, pace

DEFAULT_START = datetime(2024, 5, 4, 18, 0, tzinfo=UTC)
"""Where ``synthesize`` starts when not told, so that a seed alone fixes the whole stream."""


def synthesize(
    channel: str,
    *,
    seed: int | None = None,
    duration: timedelta | None = None,
    start: datetime | None = None,
    scenario: Scenario | None = None,
) -> Iterator[ChatMessage]:
    """The messages of a synthetic stream, in time order; the same for the same arguments and seed.

    ``duration`` None makes the stream endless; ``start`` defaults to ``DEFAULT_START``
    (a naive start is taken as UTC); ``seed`` None picks one at random.
    """
    return _synthesizer(channel, seed, duration, start or DEFAULT_START, scenario).messages()


def synthesize_with_truth(
    channel: str,
    *,
    duration: timedelta,
    seed: int | None = None,
    start: datetime | None = None,
    scenario: Scenario | None = None,
) -> tuple[list[ChatMessage], Truth]:
    """A whole synthetic stream and the truth of what was injected into it."""
    if duration is None:
        raise InvalidInput(
            "synthesize_with_truth needs a duration: an endless stream has no whole truth", field="duration"
        )
    synthesizer = _synthesizer(channel, seed, duration, start or DEFAULT_START, scenario)
    return list(synthesizer.messages()), synthesizer.truth


class SimulatedChat:
    """A synthetic stream played as a ChatSource: online, the messages, then offline at the end.

    Every call of ``events()`` plays the same stream from the start; ``truth`` tells what the
    current pass has injected so far. Unlike a log replay, waits are not capped by default
    (``max_wait`` = inf): the simulator's silences are designed, so stream time stays exactly
    proportional to real time at any speed.
    """

    def __init__(
        self,
        channel: str,
        *,
        seed: int | None = None,
        speed: float = 1.0,
        duration: timedelta | None = None,
        start: datetime | None = None,
        scenario: Scenario | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),  # for the default start
        sleep: Sleep = asyncio.sleep,
        max_wait: float = math.inf,
    ) -> None:
        self._speed = check_pacing(speed, max_wait)
        # Fixed here so that every pass, and a rerun with the reported seed, is the same stream.
        self._seed = seed if seed is not None else random.randrange(2**32)
        self._channel, self._duration, self._start, self._scenario = (
            channel,
            duration,
            start or clock(),
            scenario,
        )
        self._synthesizer = self._new_synthesizer()
        self._sleep = sleep
        self._max_wait = max_wait
        self._stop = asyncio.Event()

    @property
    def truth(self) -> Truth:
        """What the stream has injected so far: spam ids, spikes, quiet gaps..."""
        return self._synthesizer.truth

    @property
    def seed(self) -> int:
        """The seed of the stream, to replay it exactly."""
        return self._seed

    async def events(self) -> AsyncIterator[ChatEvent]:
        """The stream's events, spaced as their times say, compressed by the speed."""
        if self._stop.is_set():
            return
        synthesizer = self._synthesizer = self._new_synthesizer()
        truth = synthesizer.truth
        opening: list[ChatEvent] = [StreamOnline(truth.channel, truth.start)]
        ending: list[ChatEvent] = [] if truth.end is None else [StreamOffline(truth.channel, truth.end)]
        stream: Iterable[ChatEvent] = chain(opening, synthesizer.messages(), ending)
        paced = pace(stream, speed=self._speed, sleep=self._sleep, stop=self._stop, max_wait=self._max_wait)
        async with aclosing(paced):
            async for event in paced:
                yield event

    async def aclose(self) -> None:
        """Stop the stream, waking any wait in progress."""
        self._stop.set()

    def _new_synthesizer(self) -> StreamSynthesizer:
        """A fresh engine for one pass over the stream."""
        return _synthesizer(self._channel, self._seed, self._duration, self._start, self._scenario)


def _synthesizer(
    channel: str, seed: int | None, duration: timedelta | None, start: datetime, scenario: Scenario | None
) -> StreamSynthesizer:
    """Check the arguments and set up the engine."""
    try:
        login = normalize_login(channel)
    except ValueError:
        raise InvalidInput(f"{channel!r} is not a Twitch channel name", field="channel") from None
    if duration is not None and duration < timedelta(minutes=1):
        raise InvalidInput("a simulated stream lasts at least a minute", field="duration")
    start = start.replace(tzinfo=UTC) if start.tzinfo is None else start.astimezone(UTC)
    return StreamSynthesizer(
        login,
        seed=seed if seed is not None else random.randrange(2**32),
        start=start,
        duration=duration,
        scenario=scenario or Scenario(),
    )


__all__ = [
    "DEFAULT_START",
    "QuietGap",
    "Scenario",
    "SimulatedChat",
    "SpamKind",
    "Spike",
    "SpikeKind",
    "Truth",
    "synthesize",
    "synthesize_with_truth",
]
