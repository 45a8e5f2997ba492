"""Waiting in tests for something another thread, task or process does: polled, bounded, never a hang."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable


async def until(check: Callable[[], bool], timeout: float = 20.0) -> None:
    """Poll `check` (run in a thread: it may query the database) until it holds; fail after `timeout` s."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not await asyncio.to_thread(check):
        assert asyncio.get_running_loop().time() < deadline, "condition not met in time"
        await asyncio.sleep(0.05)


def wait_for(check: Callable[[], bool], timeout: float = 30.0) -> None:
    """The same, for synchronous tests."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.05)
