"""The one interface every chat source (live Twitch, simulator, log replay) offers the pipeline."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Protocol

from chronicler.domain.chat import ChatEvent


class ChatSource(Protocol):
    """Yields the chat events of one channel until it is closed or runs out."""

    def events(self) -> AsyncIterator[ChatEvent]:
        """Chat events in the order they arrived."""
        ...

    async def aclose(self) -> None:
        """Stop reading and release connections."""
        ...
