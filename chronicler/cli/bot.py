"""`chronicler bot` and `chronicler console`: the DM conversation on Discord, or in this terminal."""

from __future__ import annotations

import asyncio
import sys

import click

from chronicler.accounts import Accounts, User
from chronicler.bot.api_client import ApiError
from chronicler.bot.auth import TokenProvider
from chronicler.bot.console import Terminal
from chronicler.bot.factory import BotSettings, serve_console, serve_discord
from chronicler.cli.context import CliContext
from chronicler.cli.llm import llm_config
from chronicler.config.settings import Settings
from chronicler.nlp.factory import PARSER_KINDS, make_parser
from chronicler.nlp.result import Parser
from chronicler.store import Database
from chronicler.store.users import find_credentials, list_users

LOCAL_USER = "streamer"  # the account `chronicler run` creates on a fresh install

parser_option = click.option(
    "--parser",
    "parser_kind",
    type=click.Choice(PARSER_KINDS),
    default="auto",
    show_default=True,
    help="How DMs are read: the built-in rules, the LLM, or the LLM when one is configured.",
)


def parser_for(kind: str, settings: Settings) -> Parser:
    """The DM parser of this kind (`PARSER_KINDS`); a ClickException for bad or missing LLM settings."""
    try:
        return make_parser(kind, llm_config(settings))  # type: ignore[arg-type]
    except ValueError as exc:  # bad LLM settings, or --parser llm without an LLM
        raise click.ClickException(str(exc)) from exc


@click.command()
@parser_option
@click.pass_obj
def bot(obj: CliContext, parser_kind: str) -> None:
    """Run the Discord bot: it answers streamers' DMs through the API at API_URL (needs DISCORD_TOKEN)."""
    settings = obj.secured()
    if not settings.discord_token:
        raise click.ClickException(
            "DISCORD_TOKEN is not set. Create a bot at https://discord.com/developers/applications, "
            "enable the Message Content intent, and put its token in DISCORD_TOKEN — "
            "or try the same conversation in this terminal with `chronicler console`."
        )
    import discord  # only this command needs discord.py loaded

    try:
        asyncio.run(serve_discord(bot_settings(settings), parser_for(parser_kind, settings)))
    except discord.LoginFailure as exc:
        raise click.ClickException("Discord refused DISCORD_TOKEN; check the bot token") from exc
    except discord.PrivilegedIntentsRequired as exc:
        raise click.ClickException(
            "enable the Message Content intent for the bot in the Discord developer portal"
        ) from exc


@click.command()
@click.option(
    "--user", "username", help=f"The streamer to act as (default: the only one, or '{LOCAL_USER}')."
)
@parser_option
@click.pass_obj
def console(obj: CliContext, username: str | None, parser_kind: str) -> None:
    """Talk to the Chronicler in this terminal, as you would in a Discord DM (the API must be running)."""
    try:
        converse_in_terminal(obj, username, parser_kind)
    except KeyboardInterrupt:  # Ctrl-C: the console ends, quietly
        click.echo("")
        raise click.exceptions.Exit(130) from None


def converse_in_terminal(
    obj: CliContext, username: str | None, parser_kind: str, terminal: Terminal | None = None
) -> None:
    """The DM conversation on this terminal until Ctrl-D (`console`, and `run` without Discord).

    `terminal` (default: one on sys.stdin and sys.stdout) is the one the rest of this process prints
    through: while the console prompts, its lines appear above the prompt.
    """
    settings = obj.secured()
    user = local_user(obj.db, username)
    tokens = local_token_provider(obj.db, settings, user)
    terminal = terminal or Terminal(sys.stdin, sys.stdout)
    terminal.echo(f"as {user.username}, through the API at {settings.api_url}")
    try:
        asyncio.run(
            serve_console(
                bot_settings(settings),
                parser_for(parser_kind, settings),
                tokens,
                stdin=terminal.stdin,
                stdout=terminal.stdout,
                terminal=terminal,
            )
        )
    except ApiError as exc:
        raise click.ClickException(
            f"the API is not answering at {settings.api_url} ({exc}); start it with `chronicler run` first"
        ) from exc


def bot_settings(settings: Settings) -> BotSettings:
    """The part of the settings the bot uses."""
    return BotSettings(
        api_url=settings.api_url, bot_api_secret=settings.bot_api_secret, discord_token=settings.discord_token
    )


def local_token_provider(db: Database, settings: Settings, user: User) -> TokenProvider:
    """Fresh access tokens for a local streamer, minted with this machine's own secrets."""
    accounts = Accounts.from_settings(db, settings)

    async def token() -> str:
        """A fresh access token for the local streamer."""
        # The operator's own machine and secrets: mint the token directly, no link code needed.
        return accounts.access.issue(user.id)[0]

    return token


def local_user(db: Database, username: str | None) -> User:
    """The named user; else the only one; else the local default user."""
    if username is not None:
        found = find_credentials(db, username)
        if found is None:
            raise click.ClickException(f"no user named {username!r}")
        return found[0]
    first = list_users(db, limit=2)  # two are enough to tell "the only one" from "several"
    if len(first) == 1:
        return first[0]
    found = find_credentials(db, LOCAL_USER)
    if found is None:
        raise click.ClickException(
            "no user to act as: create one with `chronicler user add NAME`"
            if not first
            else "there are several users: choose one with --user NAME"
        )
    return found[0]
