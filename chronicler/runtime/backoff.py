"""One way to wait between attempts: exponential delays with a cap, retrying transient errors only.

    policy = Backoff(first=1.0, maximum=30.0)
    policy.delay(3)                                          # 4.0: the wait after a third failure
    await retry_async(connect, policy=policy, attempts=5)    # ServiceUnavailable retried, the rest raised

Transient means `ServiceUnavailable` (the contract's one retryable kind): a bug or a refused input is
raised at once, since trying it again cannot help and would only hide it.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from chronicler.contract.errors import ServiceUnavailable

T = TypeVar("T")


@dataclass(frozen=True)
class Backoff:
    """Delays that grow by `factor` from `first` after each failure in a row, never above `maximum`."""

    first: float
    maximum: float
    factor: float = 2.0

    def delay(self, failures: int) -> float:
        """The wait after `failures` failures in a row (none: no wait)."""
        if failures <= 0:
            return 0.0
        # min() before the power would overflow only after ~1000 failures; cap the exponent instead.
        return min(self.first * self.factor ** min(failures - 1, 64), self.maximum)


def is_transient(exc: BaseException) -> bool:
    """Whether trying again later may succeed: a backing service was down."""
    return isinstance(exc, ServiceUnavailable)


def retry(
    call: Callable[[], T],
    *,
    policy: Backoff,
    attempts: int,
    sleep: Callable[[float], object] = time.sleep,
    transient: Callable[[BaseException], bool] = is_transient,
) -> T:
    """`call()`, tried up to `attempts` times while it fails transiently; the last error is raised."""
    for failures in range(1, attempts + 1):
        try:
            return call()
        except Exception as exc:
            if failures == attempts or not transient(exc):
                raise
            sleep(policy.delay(failures))
    raise AssertionError("unreachable: attempts must be at least 1")


async def retry_async(
    call: Callable[[], Awaitable[T]],
    *,
    policy: Backoff,
    attempts: int,
    sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    transient: Callable[[BaseException], bool] = is_transient,
) -> T:
    """`await call()`, tried up to `attempts` times while it fails transiently; the last error is raised."""
    for failures in range(1, attempts + 1):
        try:
            return await call()
        except Exception as exc:
            if failures == attempts or not transient(exc):
                raise
            await sleep(policy.delay(failures))
    raise AssertionError("unreachable: attempts must be at least 1")
