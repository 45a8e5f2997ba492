"""A bounded memory of recently seen ids, for dropping Twitch's at-least-once redeliveries."""

from __future__ import annotations

from collections import OrderedDict


class RecentIds:
    """Remembers the last `capacity` ids; the oldest are forgotten first."""

    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError(f"capacity must be at least 1, not {capacity!r}")
        self._capacity = capacity
        # Not a plain dict: deleting a dict's oldest key leaves a dummy slot that every later
        # `next(iter(...))` walks over, which made each forget cost tens of microseconds at
        # 50,000 ids (bench/ingest.py). OrderedDict forgets its oldest in O(1).
        self._ids: OrderedDict[str, None] = OrderedDict()

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, key: object) -> bool:
        return key in self._ids

    def seen_before(self, key: str) -> bool:
        """Whether `key` is already remembered; remembers it either way."""
        if key in self._ids:
            return True
        self._ids[key] = None
        if len(self._ids) > self._capacity:
            self._ids.popitem(last=False)
        return False
