"""A per-user sliding window: at most `limit` DMs in any `per`, and one friendly warning beyond it."""

from __future__ import annotations

import math
from collections import OrderedDict, deque
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Decision:
    """Whether a DM may be answered; when not, whether to say so (once per burst) and when to retry."""

    allowed: bool
    warn: bool = False
    retry_after_s: int = 0


class RateLimiter:
    """Counts each user's recent DMs; keeps at most `max_users` users (the least recent are forgotten)."""

    def __init__(
        self, limit: int = 10, per: timedelta = timedelta(minutes=1), *, max_users: int = 10_000
    ) -> None:
        if limit < 1:
            raise ValueError("limit must be at least 1")
        self.limit = limit
        self.per = per
        self._max_users = max_users
        self._seen: OrderedDict[str, deque[datetime]] = OrderedDict()
        self._warned: set[str] = set()

    def check(self, key: str, now: datetime) -> Decision:
        """Count this DM if it is allowed; refused DMs are not counted, so waiting always helps."""
        window = self._seen.get(key)
        if window is None:
            window = self._seen[key] = deque()
            self._forget_oldest()
        self._seen.move_to_end(key)
        while window and now - window[0] >= self.per:
            window.popleft()
        if len(window) < self.limit:
            window.append(now)
            self._warned.discard(key)
            return Decision(True)
        retry_after = math.ceil((window[0] + self.per - now).total_seconds())
        # Spamming must not make the bot spam back: only the first refused DM of a burst gets an answer.
        warn = key not in self._warned
        self._warned.add(key)
        return Decision(False, warn=warn, retry_after_s=max(retry_after, 1))

    def _forget_oldest(self) -> None:
        while len(self._seen) > self._max_users:
            key, _ = self._seen.popitem(last=False)
            self._warned.discard(key)
