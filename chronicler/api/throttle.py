"""Login throttling: failed attempts per username and all attempts per client address."""

from __future__ import annotations

import math
import time

from limits import RateLimitItem, parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from chronicler.contract.errors import RateLimited


class LoginThrottle:
    """Counts login attempts in moving windows; raises RateLimited with the seconds to wait."""

    def __init__(self, *, per_username: str, per_address: str, storage_uri: str = "memory://") -> None:
        self._limiter = MovingWindowRateLimiter(storage_from_string(storage_uri))
        self._per_username: RateLimitItem = parse(per_username)
        self._per_address: RateLimitItem = parse(per_address)

    def check(self, username: str, address: str) -> None:
        """Count this attempt against the address; refuse if either limit is used up."""
        if not self._limiter.hit(self._per_address, "address", address):
            raise self._refusal(self._per_address, "address", address)
        if not self._limiter.test(self._per_username, "username", username.lower()):
            raise self._refusal(self._per_username, "username", username.lower())

    def failed(self, username: str) -> None:
        """Count a failed password against the username (successes do not lock anyone out)."""
        self._limiter.hit(self._per_username, "username", username.lower())

    def _refusal(self, item: RateLimitItem, *keys: str) -> RateLimited:
        reset_at = self._limiter.get_window_stats(item, *keys).reset_time
        retry_after = max(1, math.ceil(reset_at - time.time()))
        return RateLimited(
            f"too many login attempts; try again in {retry_after} seconds", retry_after=retry_after
        )
