"""A bounded memory of recently seen ids, for dropping Twitch's at-least-once redeliveries."""

from __future__ import annotations


class RecentIds:
    """Remembers the last `capacity` ids; the oldest are forgotten first."""

    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError(f"capacity must be at least 1, not {capacity!r}")
        self._capacity = capacity
        self._ids: dict[str, None] = {}  # a dict keeps insertion order: an O(1) ordered set

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
            del self._ids[next(iter(self._ids))]
        return False
