"""Login throttling: failed attempts per username and all attempts per client address."""

from __future__ import annotations

import math
import threading
import time
from collections import Counter

from limits import RateLimitItem, parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from chronicler.contract.errors import RateLimited
from chronicler.domain.usernames import username_key


class LoginThrottle:
    """Counts login attempts in moving windows; raises RateLimited with the seconds to wait.

    Failed passwords count against the username, but only once bcrypt has said so, a quarter of a
    second later: attempts still being checked are counted too (`begin` to `end`), under one lock,
    so a burst of parallel attempts cannot all pass before the first failure lands.
    """

    def __init__(self, *, per_username: str, per_address: str, storage_uri: str = "memory://") -> None:
        self._limiter = MovingWindowRateLimiter(storage_from_string(storage_uri))
        self._per_username: RateLimitItem = parse(per_username)
        self._per_address: RateLimitItem = parse(per_address)
        self._lock = threading.Lock()
        self._checking: Counter[str] = Counter()  # attempts under way, by username key

    def begin(self, username: str, address: str) -> str:
        """Count this attempt against the address and hold a place for it; its username key."""
        key = username_key(username)
        with self._lock:
            if not self._limiter.hit(self._per_address, "address", address):
                raise self._refusal(self._per_address, "address", address)
            left = self._limiter.get_window_stats(self._per_username, "username", key).remaining
            if left - self._checking[key] <= 0:
                raise self._refusal(self._per_username, "username", key)
            self._checking[key] += 1
        return key

    def end(self, key: str, *, failed: bool) -> None:
        """The attempt begun for `key` is over; a failed password counts (successes lock no one out)."""
        with self._lock:
            self._checking[key] -= 1
            if not self._checking[key]:
                del self._checking[key]
            if failed:
                self._limiter.hit(self._per_username, "username", key)

    def _refusal(self, item: RateLimitItem, *keys: str) -> RateLimited:
        reset_at = self._limiter.get_window_stats(item, *keys).reset_time
        retry_after = max(1, math.ceil(reset_at - time.time()))
        return RateLimited(
            f"too many login attempts; try again in {retry_after} seconds", retry_after=retry_after
        )
