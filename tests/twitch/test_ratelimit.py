"""The sliding-window limiter, driven by a fake clock whose sleep advances time instantly."""

from __future__ import annotations

import asyncio

import pytest

from chronicler.twitch.ratelimit import SlidingWindowLimiter


class FakeClock:
    """A monotonic clock that only moves when something sleeps on it (or the test advances it)."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)


def limiter(limit: int = 20, window: float = 30.0, clock: FakeClock | None = None) -> SlidingWindowLimiter:
    clock = clock or FakeClock()
    return SlidingWindowLimiter(limit, window, clock=clock, sleep=clock.sleep)


async def test_the_first_limit_calls_pass_and_the_next_waits_out_the_window() -> None:
    clock = FakeClock()
    gate = limiter(20, 30.0, clock)

    waits = [await gate.wait_for_slot() for _ in range(20)]
    assert waits == [0.0] * 20 and clock.sleeps == []

    assert await gate.wait_for_slot() == pytest.approx(30.0)
    assert clock.sleeps == [pytest.approx(30.0)]


async def test_the_window_slides_with_the_oldest_event() -> None:
    clock = FakeClock()
    gate = limiter(3, 30.0, clock)
    for at in (0.0, 10.0, 20.0):
        clock.now = at
        await gate.wait_for_slot()

    clock.now = 25.0
    assert gate.delay() == pytest.approx(5.0)
    assert await gate.wait_for_slot() == pytest.approx(5.0)  # the t=0 event leaves at t=30
    assert gate.delay() == pytest.approx(10.0)  # then the t=10 one, at t=40


async def test_an_event_exactly_one_window_old_no_longer_counts() -> None:
    clock = FakeClock()
    gate = limiter(1, 30.0, clock)
    await gate.wait_for_slot()

    clock.now = 30.0
    assert gate.delay() == 0.0


async def test_waiters_are_served_in_arrival_order() -> None:
    clock = FakeClock()
    gate = limiter(1, 1.0, clock)
    order: list[int] = []

    async def caller(n: int) -> None:
        await gate.wait_for_slot()
        order.append(n)

    await asyncio.gather(*(caller(n) for n in range(5)))

    assert order == [0, 1, 2, 3, 4]
    assert clock.now == pytest.approx(4.0)  # one per second, no extra waiting
    assert len(clock.sleeps) == 4  # one sleep per wait: nothing polls


async def test_lowering_the_limit_mid_window_makes_callers_wait() -> None:
    clock = FakeClock()
    gate = limiter(100, 30.0, clock)
    for second in range(30):
        clock.now = float(second)
        await gate.wait_for_slot()

    gate.limit = 20
    # 30 events at t=0..29: a slot frees once 11 of them have left the window (the t=10 one, at t=40).
    assert gate.delay() == pytest.approx(40.0 - 29.0)

    gate.limit = 100
    assert gate.delay() == 0.0


async def test_a_cancelled_waiter_takes_no_slot() -> None:
    clock = FakeClock()
    blocked = asyncio.Event()

    async def never(seconds: float) -> None:
        blocked.set()
        await asyncio.Event().wait()

    gate = SlidingWindowLimiter(1, 30.0, clock=clock, sleep=never)
    await gate.wait_for_slot()
    waiter = asyncio.create_task(gate.wait_for_slot())
    await asyncio.wait_for(blocked.wait(), 5)
    waiter.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiter

    clock.now = 30.0
    # The slot is free and the turn released: the next caller goes through without waiting.
    assert await asyncio.wait_for(gate.wait_for_slot(), 5) == 0.0


@pytest.mark.parametrize(
    ("limit", "window"), [(0, 30.0), (-1, 30.0), (2.5, 30.0), (True, 30.0), (20, 0), (20, -1)]
)
def test_nonsense_settings_are_refused(limit: int, window: float) -> None:
    with pytest.raises(ValueError):
        SlidingWindowLimiter(limit, window)


def test_the_limit_cannot_be_set_to_nonsense() -> None:
    gate = SlidingWindowLimiter(20, 30.0)

    with pytest.raises(ValueError):
        gate.limit = 0
    assert gate.limit == 20 and gate.window == 30.0
