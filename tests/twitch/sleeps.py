"""Injected sleeps for the paced chat sources: no test waits in real time."""

from __future__ import annotations

import asyncio


class RecordingSleep:
    """An injected sleep that records how long it was asked to wait and returns at once."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


class EndlessSleep:
    """An injected sleep standing for a very long wait; says when someone is waiting in it."""

    def __init__(self) -> None:
        self.entered = asyncio.Event()

    async def __call__(self, seconds: float) -> None:
        self.entered.set()
        await asyncio.Event().wait()
