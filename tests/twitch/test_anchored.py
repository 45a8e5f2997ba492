"""Re-dating a replay to the session's start keeps its shape."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from chronicler.domain.chat import ChatMessage, StreamOffline
from chronicler.twitch.anchored import AnchoredSource


class ListSource:
    def __init__(self, events):
        self._events = events
        self.closed = False

    async def events(self):
        for event in self._events:
            yield event

    async def aclose(self):
        self.closed = True


async def test_first_event_lands_on_the_anchor_and_gaps_are_kept():
    t0 = datetime(2019, 4, 30, 8, 56, 59, tzinfo=UTC)
    anchor = datetime(2026, 11, 21, 20, 0, tzinfo=UTC)
    events = [
        ChatMessage("a", "c", "x", "hi", t0),
        ChatMessage("b", "c", "y", "yo", t0 + timedelta(minutes=20)),
        StreamOffline("c", t0 + timedelta(hours=3)),
    ]
    inner = ListSource(events)
    source = AnchoredSource(inner, anchor)
    out = [e async for e in source.events()]
    assert out[0].sent_at == anchor
    assert out[1].sent_at == anchor + timedelta(minutes=20)
    assert out[2].at == anchor + timedelta(hours=3)
    await source.aclose()
    assert inner.closed
