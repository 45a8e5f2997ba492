"""How lively chat is: how many human messages the last minute held."""

from __future__ import annotations

from collections import deque
from datetime import datetime

from chronicler.domain.chat import ChatMessage
from chronicler.domain.policies._time import require_aware

_WINDOW_SECONDS = 60


class ChatActivity:
    """Counts human chat, to tell an idle chat from a busy one.

    Only humans count: `observe()` skips the logins in `known_bots` (put the Chronicler's own
    login there too), and `record()` is for callers that filtered already. Memory is bounded:
    messages are counted per second and only the last minute is kept, so the rate is exact to
    the second however busy the channel is.
    """

    def __init__(self, *, known_bots: frozenset[str] = frozenset()) -> None:
        self._bots = frozenset(login.lower() for login in known_bots)
        self._per_second: deque[list[int]] = deque()  # [epoch second, messages], oldest first

    def observe(self, message: ChatMessage) -> bool:
        """Record the message if a human sent it; True when it was recorded."""
        if message.chatter_login in self._bots:
            return False
        self.record(message.sent_at)
        return True

    def record(self, at: datetime) -> None:
        """Record one human message sent at `at`."""
        require_aware("at", at)
        second = int(at.timestamp())  # whole seconds since 1970: int() floors positive times
        buckets = self._per_second
        if buckets and buckets[-1][0] == second:
            buckets[-1][1] += 1
        elif not buckets or buckets[-1][0] < second:
            buckets.append([second, 1])
            while buckets[0][0] <= second - _WINDOW_SECONDS:
                buckets.popleft()
        else:
            self._record_late(second)

    def messages_per_minute(self, now: datetime) -> float:
        """Human messages in the minute up to `now`: sent in the 60 whole seconds ending with now's."""
        require_aware("now", now)
        current = int(now.timestamp())
        return float(
            sum(count for second, count in self._per_second if current - _WINDOW_SECONDS < second <= current)
        )

    def _record_late(self, second: int) -> None:
        """A message older than the newest one (delivered late): count it where it belongs."""
        buckets = self._per_second
        if second <= buckets[-1][0] - _WINDOW_SECONDS:
            return  # already outside every window that can still be asked about
        for position, bucket in enumerate(buckets):
            if bucket[0] == second:
                bucket[1] += 1
                return
            if bucket[0] > second:
                buckets.insert(position, [second, 1])
                return
