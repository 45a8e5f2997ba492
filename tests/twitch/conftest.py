"""Fixtures for the Twitch tests: a fake Twitch, the bot's credentials, and a live source reading from it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest

from chronicler.domain.chat import ChatEvent, ChatHeard, ChatUnheard, Hearing
from chronicler.twitch.live import LiveChatSource, TwitchCredentials
from tests.fakes.twitch_server import FakeTwitch, FakeUser

CHANNEL = "pixel_wren"
BOT_SCOPES = ("user:read:chat", "user:write:chat")
STEP = 5.0  # generous bound for anything that should happen "at once", so a failure never hangs the suite


@pytest.fixture
async def fake() -> AsyncIterator[FakeTwitch]:
    """A running fake Twitch with the channel's account."""
    async with FakeTwitch() as twitch:
        twitch.add_user(CHANNEL, display_name="Pixel_Wren")
        yield twitch


@pytest.fixture
def bot(fake: FakeTwitch) -> FakeUser:
    """The bot account, with the chat scopes."""
    return fake.add_user("chronicler_bot", scopes=BOT_SCOPES)


def credentials_for(fake: FakeTwitch, user: FakeUser, **changes: Any) -> TwitchCredentials:
    """Credentials the fake accepts for `user`, with any field overridden."""
    fields: dict[str, Any] = {
        "client_id": fake.client_id,
        "client_secret": fake.client_secret,
        "bot_user_id": user.id,
        "access_token": user.access_token,
        "refresh_token": user.refresh_token,
    }
    return TwitchCredentials(**{**fields, **changes})


@pytest.fixture
def credentials(fake: FakeTwitch, bot: FakeUser) -> TwitchCredentials:
    """The bot's credentials."""
    return credentials_for(fake, bot)


def make_source(fake: FakeTwitch, credentials: TwitchCredentials, **options: Any) -> LiveChatSource:
    """A LiveChatSource pointed at the fake, quick to restart."""
    settings: dict[str, Any] = {
        "channel": CHANNEL,
        "helix_url": fake.helix_url,
        "eventsub_url": fake.eventsub_url,
        "id_url": fake.id_url,
        "restart_delays": (0.05,),
    }
    return LiveChatSource(credentials=credentials, **{**settings, **options})


class Reader:
    """Drains a source's events() in the background so tests can await them one by one.

    What the source says about hearing chat (`ChatHeard`, `ChatUnheard`) is kept apart in `hearing`:
    `next()` hands over what Twitch sent.
    """

    _DONE = object()

    def __init__(self, source: LiveChatSource) -> None:
        self.source = source
        self.hearing: list[Hearing] = []
        self._items: asyncio.Queue[Any] = asyncio.Queue()
        self.task = asyncio.create_task(self._pump())

    async def _pump(self) -> None:
        try:
            async for event in self.source.events():
                if isinstance(event, ChatHeard | ChatUnheard):
                    self.hearing.append(event)
                    continue
                await self._items.put(event)
        except Exception as exc:  # handed to the test by next()
            await self._items.put(exc)
        finally:
            await self._items.put(self._DONE)

    async def next(self) -> ChatEvent:
        """The next event; raises what events() raised, or StopAsyncIteration when it ended."""
        item = await asyncio.wait_for(self._items.get(), STEP)
        if item is self._DONE:
            raise StopAsyncIteration
        if isinstance(item, Exception):
            raise item
        return item

    async def texts(self, count: int) -> list[str]:
        """The text of the next `count` events (all chat messages)."""
        return [(await self.next()).text for _ in range(count)]  # type: ignore[union-attr]

    async def ended(self) -> bool:
        """Whether events() finished (after everything before the end was read)."""
        try:
            await self.next()
        except StopAsyncIteration:
            return True
        return False


@pytest.fixture
async def live(fake: FakeTwitch, credentials: TwitchCredentials) -> AsyncIterator[Reader]:
    """A started source on the fake channel: logged in, connected and subscribed to all four events."""
    source = make_source(fake, credentials)
    reader = Reader(source)
    await fake.wait_for_subscriptions(4, timeout=STEP)
    yield reader
    await source.aclose()
    await asyncio.wait_for(reader.task, STEP)
