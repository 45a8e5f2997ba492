"""Replays and simulations keep their own timeline, moved so that it starts when the session started.

A log from 2019 replayed at --speed 60 then still reads as the three-hour stream it was: spikes,
quiet stretches and the ledger's chart keep their shape, only dated from the session's start.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, timedelta

import msgspec

from chronicler.domain.chat import ChatEvent, ChatHeard, ChatMessage, ChatUnheard
from chronicler.twitch.source import ChatSource


class AnchoredSource:
    """Wraps a ChatSource, shifting every event by the same offset: the first event lands on `anchor`."""

    def __init__(self, source: ChatSource, anchor: datetime) -> None:
        self._source = source
        self._anchor = anchor
        self._offset: timedelta | None = None

    async def events(self) -> AsyncIterator[ChatEvent]:
        """The wrapped events, re-dated."""
        async for event in self._source.events():
            if isinstance(event, ChatUnheard | ChatHeard):
                yield event  # about hearing the chat now, not about the stream's own timeline
                continue
            at = event.sent_at if isinstance(event, ChatMessage) else event.at
            if self._offset is None:
                self._offset = self._anchor - at
            if isinstance(event, ChatMessage):
                yield msgspec.structs.replace(event, sent_at=at + self._offset)
            else:
                yield msgspec.structs.replace(event, at=at + self._offset)

    async def aclose(self) -> None:
        """Close the wrapped source."""
        await self._source.aclose()
