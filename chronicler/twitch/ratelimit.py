"""A sliding-window rate limiter for asyncio: at most N events in any window of T seconds."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable

__all__ = ["SlidingWindowLimiter"]


class SlidingWindowLimiter:
    """Lets at most `limit` callers through in any `window` seconds; the rest wait, first come first served.

    `clock` and `sleep` are injectable so tests can drive time by hand. Waiting sleeps exactly until
    the oldest counted event leaves the window, never polls.
    """

    def __init__(
        self,
        limit: int,
        window: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        if window <= 0:
            raise ValueError(f"window must be positive, not {window!r}")
        self._window = float(window)
        self._limit = _checked_limit(limit)
        self._clock = clock
        self._sleep = sleep
        self._granted: deque[float] = deque()  # clock readings of the slots handed out, oldest first
        self._turn = asyncio.Lock()  # asyncio.Lock wakes waiters in FIFO order

    @property
    def limit(self) -> int:
        """How many events the window holds."""
        return self._limit

    @limit.setter
    def limit(self, value: int) -> None:
        # Changing the limit keeps the history: lowering it mid-window makes the next callers wait.
        self._limit = _checked_limit(value)

    @property
    def window(self) -> float:
        """The window's length in seconds."""
        return self._window

    def delay(self) -> float:
        """Seconds until a slot is free (0.0 when one is free now); takes nothing."""
        return self._delay(self._clock())

    async def wait_for_slot(self) -> float:
        """Wait for a free slot and take it; returns the seconds spent waiting."""
        async with self._turn:
            started = self._clock()
            while (delay := self._delay(self._clock())) > 0:
                await self._sleep(delay)
            now = self._clock()
            self._granted.append(now)
            return now - started

    def _delay(self, now: float) -> float:
        granted = self._granted
        cutoff = now - self._window
        while granted and granted[0] <= cutoff:
            granted.popleft()
        if len(granted) < self._limit:
            return 0.0
        # A slot frees when all but limit-1 of the counted events have left the window.
        return granted[len(granted) - self._limit] + self._window - now


def _checked_limit(limit: int) -> int:
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise ValueError(f"limit must be a positive whole number, not {limit!r}")
    return limit
