"""The Hearthkeeper on the stream's own clock, for chat that does not run on the wall clock.

Simulated and replayed chat carries its stream's times: at 20 times real speed a quiet stretch of 18
minutes passes in 54 seconds, and played flat out in no time at all. The scheduler's idle check,
which measures quiet on the wall clock, cannot see such a stretch. ``QuietWatch`` measures it on the
stream's clock instead: it watches the events go by and, when the next one comes after a quiet stretch
(no human message for at least ``every``), asks its ``check`` whether the Hearthkeeper should have
spoken in it, passing the last human message and the time the quiet lasted until. The check
(``scheduler.IdleCheck.prompt_if_quiet`` in the product) dates the prompt when the quiet became long
enough, so it lands where it belongs on the stream's timeline, whatever the speed.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from datetime import datetime, timedelta

from chronicler.domain.chat import ChatEvent, ChatHeard, ChatMessage, ChatUnheard, happened_at
from chronicler.twitch.source import ChatSource

QuietCheck = Callable[[datetime, datetime], bool]
"""``check(last_human_at, until)``: True once that quiet stretch is settled (prompted, or never will be)."""

SHORTEST_IDLE = timedelta(minutes=1)
"""The shortest quiet the Hearthkeeper can be set to wait for: shorter stretches are not asked about."""


class QuietWatch:
    """Wraps a ChatSource on the stream's clock; asks ``check`` about each quiet stretch as it ends.

    Quiet is counted from the first event (the stream going online) or the last human message; the
    logins in ``bots`` (known bots, the Chronicler itself) do not end it. ``check`` runs on a thread
    (it may touch the database) before the event that ends the stretch is passed on.
    """

    def __init__(
        self,
        source: ChatSource,
        check: QuietCheck,
        *,
        bots: frozenset[str],
        every: timedelta = SHORTEST_IDLE,
    ) -> None:
        self._source = source
        self._check = check
        self._bots = bots
        self._every = every
        self.asked = 0  # how often check was asked, for tests and the curious

    async def events(self) -> AsyncIterator[ChatEvent]:
        """The wrapped events, unchanged, with the check asked in between."""
        last_human: datetime | None = None
        settled = False
        async for event in self._source.events():
            if isinstance(event, ChatUnheard | ChatHeard):
                yield event  # about hearing chat now, not about the stream's timeline
                continue
            at = happened_at(event)
            if last_human is None:
                last_human = at
            elif not settled and at - last_human >= self._every:
                self.asked += 1
                settled = await asyncio.to_thread(self._check, last_human, at)
            if isinstance(event, ChatMessage) and event.chatter_login not in self._bots and at > last_human:
                last_human, settled = at, False
            yield event

    async def aclose(self) -> None:
        """Close the wrapped source."""
        await self._source.aclose()
