"""A uniform random sample of a stream of unknown length, in bounded memory (reservoir sampling)."""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Reservoir(Generic[T]):
    """Keeps `size` items, each item offered so far equally likely to be among them.

    Li's "Algorithm L": instead of drawing a random number for every item, it draws how many items
    to skip before the next one is kept, so an item that is not kept costs one comparison. The
    pipeline offers every chat message, tens of thousands a second.
    """

    def __init__(self, size: int, *, rng: Callable[[], float] = random.random) -> None:
        if size < 1:
            raise ValueError(f"a reservoir holds at least one item, not {size!r}")
        self._size = size
        self._rng = rng
        self.items: list[T] = []
        self.offered = 0
        self._weight = 1.0
        self._next = size  # the index of the next item to keep once the reservoir is full

    def offer(self, item: T) -> None:
        """Consider one more item of the stream."""
        index = self.offered
        self.offered = index + 1
        if index < self._size:
            self.items.append(item)
            if index + 1 == self._size:
                self._draw_weight()
                self._skip_from(index)
        elif index == self._next:
            self.items[int(self._rng() * self._size)] = item
            self._draw_weight()
            self._skip_from(index)

    def _draw_weight(self) -> None:
        self._weight *= math.exp(math.log(self._uniform()) / self._size)

    def _skip_from(self, index: int) -> None:
        # Items to pass over follow a geometric law with parameter `weight`.
        if self._weight >= 1.0:
            self._next = index + 1
        else:
            self._next = index + 1 + int(math.log(self._uniform()) / math.log1p(-self._weight))

    def _uniform(self) -> float:
        """A draw in (0, 1): log(0) is undefined."""
        value = self._rng()
        return value if value > 0.0 else 5e-324
