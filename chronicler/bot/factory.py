"""Building and running the bot: the Discord bot, or the console for the local streamer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TextIO

import aiohttp

from chronicler.bot.api_client import ApiClient
from chronicler.bot.auth import DiscordAuthenticator, ProvidedAuthenticator, TokenProvider
from chronicler.bot.console import Terminal, run_console
from chronicler.bot.conversation import Conversation
from chronicler.bot.discord_client import ChroniclerBot
from chronicler.bot.ratelimit import RateLimiter
from chronicler.nlp.result import Parser

# The console is the operator's own terminal (and scripts piped into it): a limit only against runaways.
CONSOLE_DMS_PER_MINUTE = 600


@dataclass(frozen=True)
class BotSettings:
    """What the bot needs to know, taken from the settings by the entry point (the bot reads no env)."""

    api_url: str
    bot_api_secret: str | None = None
    discord_token: str | None = None


def make_api_client(settings: BotSettings, session: aiohttp.ClientSession) -> ApiClient:
    """The API client at `settings.api_url`, with the bot's service secret."""
    return ApiClient(session, settings.api_url, bot_secret=settings.bot_api_secret)


def make_discord_conversation(client: ApiClient, parser: Parser) -> Conversation:
    """A conversation for Discord users (tokens through `/api/bot/token`)."""
    return Conversation(client, parser, DiscordAuthenticator(client))


async def serve_discord(settings: BotSettings, parser: Parser) -> None:
    """Connect to Discord and answer DMs until the client is closed."""
    if not settings.discord_token:
        raise ValueError("DISCORD_TOKEN is not set; the bot cannot log in to Discord")
    if not settings.bot_api_secret:
        raise ValueError("BOT_API_SECRET is not set; the bot cannot ask the API for tokens")
    async with aiohttp.ClientSession() as session:
        client = make_api_client(settings, session)
        bot = ChroniclerBot(make_discord_conversation(client, parser), api=client)
        async with bot:
            await bot.start(settings.discord_token)


async def serve_console(
    settings: BotSettings,
    parser: Parser,
    token_provider: TokenProvider,
    *,
    stdin: TextIO,
    stdout: TextIO,
    terminal: Terminal | None = None,
) -> None:
    """The conversation in a terminal, as the local streamer whose tokens `token_provider` mints.

    `terminal`: the one the rest of the process prints through, so that its lines go above the prompt.
    """
    async with aiohttp.ClientSession() as session:
        client = make_api_client(settings, session)
        await client.health()  # fail early and clearly when the API is not running
        conversation = Conversation(
            client,
            parser,
            ProvidedAuthenticator(token_provider),
            limiter=RateLimiter(limit=CONSOLE_DMS_PER_MINUTE),
        )
        await run_console(conversation, stdin=stdin, stdout=stdout, terminal=terminal)
