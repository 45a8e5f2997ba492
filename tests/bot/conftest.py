"""Fixtures for the bot: a fake API on 127.0.0.1 (its URL a fixture of its own, so a run against the
real API only overrides `api_url`, `bot_secret` and `link_code`), an API client, a phrasebook parser,
a clock that moves only when told to, conversations built from them, and the discord.py client
on dpytest."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp
import discord
import discord.ext.test as dpytest
import pytest
from discord.ext.test import backend, callbacks
from flask import Flask

from chronicler.bot.api_client import ApiClient
from chronicler.bot.auth import DiscordAuthenticator, ProvidedTokens
from chronicler.bot.context import Context
from chronicler.bot.conversation import Conversation
from chronicler.bot.discord_client import ChroniclerBot
from chronicler.bot.handlers import build_registry
from chronicler.bot.registry import Registry
from chronicler.bot.replies import Reply
from chronicler.bot.streamer_api import StreamerApi
from chronicler.contract.api import UserOut
from chronicler.contract.commands import Command
from tests.api.contract_check import check_app, violations
from tests.bot.fake_api import FakeApi
from tests.bot.fake_parser import PhraseParser

BOT_SECRET = "bot-tests-service-secret-0123456789abcdef"
WREN = "111111111111111111"  # pixel_wren's Discord user id
STRANGER = "222222222222222222"


@dataclass
class FakeClock:
    """UTC time that moves only when a test says so."""

    now: datetime = datetime(2024, 4, 30, 20, 3, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def fake_api() -> Iterator[FakeApi]:
    """The fake API's state: pixel_wren exists (channel #pixel_wren), linked to nobody yet.

    A test that arranged it with something the real API could not send fails (see `contract_errors`).
    """
    api = FakeApi(bot_secret=BOT_SECRET)
    api.add_user("pixel_wren", channel="pixel_wren")
    yield api
    assert api.contract_errors == []


@pytest.fixture
def app(app: Flask) -> Iterator[Flask]:
    """The real API (for the tests that run the bot against it), every answer held to the contract."""
    yield check_app(app)
    assert violations(app) == []


@pytest.fixture
async def api_url(fake_api: FakeApi) -> AsyncIterator[str]:
    """Where the API answers."""
    async with fake_api.serve() as url:
        yield url


@pytest.fixture
def bot_secret() -> str:
    """The service secret the API expects from the bot."""
    return BOT_SECRET


@pytest.fixture
def link_code(fake_api: FakeApi) -> str:
    """A fresh one-time code for pixel_wren."""
    return fake_api.add_link_code("pixel_wren")


@pytest.fixture
def closed_url() -> str:
    """A 127.0.0.1 URL where nothing listens (connection refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    """One aiohttp session per test."""
    async with aiohttp.ClientSession() as session:
        yield session


@pytest.fixture
def client(http: aiohttp.ClientSession, api_url: str, bot_secret: str) -> ApiClient:
    """The bot's API client on the API under test."""
    return ApiClient(http, api_url, bot_secret=bot_secret, timeout_s=5)


@pytest.fixture
def clock() -> FakeClock:
    """The conversation's clock."""
    return FakeClock()


@pytest.fixture
def parser() -> PhraseParser:
    """The phrasebook parser."""
    return PhraseParser()


@pytest.fixture
async def conversation(
    client: ApiClient, parser: PhraseParser, clock: FakeClock
) -> AsyncIterator[Conversation]:
    """A Discord conversation on the API under test; audit records are waited for at the end."""
    conversation = Conversation(client, parser, DiscordAuthenticator(client, clock=clock), clock=clock)
    yield conversation
    await conversation.aclose()


@pytest.fixture
def linked(fake_api: FakeApi) -> str:
    """Link pixel_wren to WREN's Discord account directly in the fake; returns the Discord id."""
    fake_api.users["pixel_wren"].discord_user_id = WREN
    return WREN


# -- handlers, called directly ---------------------------------------------------------------------


@pytest.fixture
def registry() -> Registry:
    """Every handler."""
    return build_registry()


@pytest.fixture
def streamer_api(client: ApiClient, fake_api: FakeApi) -> StreamerApi:
    """The API as pixel_wren."""

    async def token() -> str:
        return fake_api.token_for("pixel_wren")

    return StreamerApi(client, ProvidedTokens(token))


@pytest.fixture
def run(registry: Registry, streamer_api: StreamerApi, clock: FakeClock) -> Callable[..., Any]:
    """`await run(Command(...), timezone=..., language=...)`: the handler's reply for pixel_wren."""

    async def dispatch(
        command: Command,
        *,
        timezone: str = "UTC",
        channel: str | None = "pixel_wren",
        language: str | None = None,
        webhook_url: str | None = None,
    ) -> Reply:
        async def no_link(code: str) -> UserOut:
            raise AssertionError("handlers other than link never link")

        profile = UserOut(
            id=1,
            username="pixel_wren",
            twitch_channel=channel,
            timezone=timezone,
            webhook_url=webhook_url,
            discord_linked=False,
            created_at="2024-04-01T12:00:00+00:00",
        )
        ctx = Context("console", profile, clock(), registry, link=no_link, language=language)
        return await registry.dispatch(command, ctx, streamer_api)

    return dispatch


# -- the Discord client on dpytest ------------------------------------------------------------------


@dataclass
class Dm:
    """One Discord user's DM channel with the bot."""

    user: discord.User
    channel: discord.DMChannel
    typing: list[int] = field(default_factory=list)

    async def say(self, text: str) -> list[discord.Message]:
        """Send `text` as this user; the bot's answers."""
        await dpytest.message(text, channel=self.channel, member=self.user)
        return sent_by_bot()


def sent_by_bot() -> list[discord.Message]:
    """What the bot sent since last asked, oldest first."""
    messages = []
    while not dpytest.sent_queue.empty():
        messages.append(dpytest.get_message())
    return messages


@pytest.fixture
def make_bot() -> Callable[[Conversation], Awaitable[ChroniclerBot]]:
    """Build a bot on `conversation`, wired to dpytest."""

    async def build(conversation: Conversation) -> ChroniclerBot:
        bot = ChroniclerBot(conversation)
        await bot._async_setup_hook()  # what login() would do: give the client its event loop
        dpytest.configure(bot)
        # dpytest 0.7 swaps in a connection state whose loop is unset; typing() schedules on it.
        bot._connection.loop = asyncio.get_running_loop()
        return bot

    return build


@pytest.fixture
async def dm(
    make_bot: Callable[[Conversation], Awaitable[ChroniclerBot]], conversation: Conversation
) -> AsyncIterator[Dm]:
    """A bot on the conversation under test, and a fresh Discord user to DM it."""
    await make_bot(conversation)
    user = backend.make_user("wren_discord", "0001")
    typing: list[int] = []

    async def on_typing(channel: discord.abc.Messageable) -> None:
        typing.append(channel.id)

    callbacks.set_callback(on_typing, "send_typing")
    yield Dm(user, await user.create_dm(), typing)
    callbacks.remove_callback("send_typing")
    await dpytest.empty_queue()
