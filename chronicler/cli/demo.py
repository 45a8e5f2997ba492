"""`chronicler demo` (`make demo`): the whole product, non-interactively, on a throwaway database.

It prepares a fresh data folder, supervises the API, the chat simulator (a 45-minute stream played
flat out, quiet for 16 minutes a third of the way in, so the Hearthkeeper speaks and a regular then
answers it with a word to the Steward) and the scheduler, and holds the console's conversation with
scripted DMs: start chronicling, wait for the chat to be stored, ask for today's flags, stop, wait
for the Scribe's ledger. It prints every DM and reply, then the ledger and where its chart is, stops
everything and exits 0. Any step that does not happen ends it with exit 1 and what failed.
"""

from __future__ import annotations

import asyncio
import secrets
import socket
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import aiohttp
import click

from chronicler.bot.api_client import ApiClient, ApiUnavailable, ApiUserError, EndpointMissing
from chronicler.bot.auth import ProvidedAuthenticator, TokenProvider
from chronicler.bot.console import CONSOLE_USER, for_terminal
from chronicler.bot.conversation import Conversation
from chronicler.bot.factory import CONSOLE_DMS_PER_MINUTE, make_api_client
from chronicler.bot.ratelimit import RateLimiter
from chronicler.cli.bot import bot_settings, local_token_provider
from chronicler.cli.context import CliContext
from chronicler.cli.serve import logs_folder, prepare, product_children, wait_for_api
from chronicler.config.settings import Settings
from chronicler.contract.api import LedgerOut, Out, SessionDetailOut
from chronicler.contract.errors import ChroniclerError
from chronicler.nlp.factory import make_parser
from chronicler.runtime.supervisor import Supervisor, interrupt_on_termination
from chronicler.store import start_embedded

START = "start chronicling tonight's stream"
FLAGS = "show today's flagged messages"
STOP = "stop"

T = TypeVar("T")
M = TypeVar("M", bound=Out)


@dataclass(frozen=True)
class Patience:
    """How often the demo looks, and how long it waits, for each step."""

    every: float = 0.5
    settled_polls: int = 4  # the message count the same this many looks in a row: the stream is in
    chat: float = 45.0
    ledger: float = 45.0


class DemoFailed(ChroniclerError):
    """A step of the demo did not happen; the message says which."""


@click.command()
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Keep the demo's database, logs and ledger here (default: a fresh temporary folder).",
)
@click.option(
    "--minutes",
    type=click.IntRange(1, 240),
    default=45,
    show_default=True,
    help="Length of the synthetic stream (played as fast as it can be chronicled).",
)
@click.option("--seed", type=int, default=7, show_default=True, help="Same seed, same chat.")
@click.pass_obj
def demo(obj: CliContext, data_dir: Path | None, minutes: int, seed: int) -> None:
    """Chronicle a synthetic stream start to finish, non-interactively, and print its ledger."""
    began = time.monotonic()
    folder = data_dir or Path(tempfile.mkdtemp(prefix="chronicler-demo-"))
    settings = demo_settings(folder, free_port(), log_level=obj.settings.log_level)
    click.echo(f"Demo: a {minutes}-minute synthetic stream, chronicled on embedded defaults in {folder}\n")
    context = CliContext(settings)
    try:
        if data_dir is None:
            # This process joins the embedded server first and leaves it last, so at its exit the
            # throwaway database is deleted (pgserver keeps one handle per folder and process).
            start_embedded(settings.pg_data, delete_on_exit=True)
        simulate = ["simulate", "--speed", "0", "--minutes", str(minutes), "--seed", str(seed)]
        ledger = _run(context, simulate + quiet_stretch(minutes))
    except ChroniclerError as exc:  # DemoFailed among them
        raise click.ClickException(f"the demo failed: {exc} (logs in {logs_folder(settings)})") from exc
    finally:
        context.close()
    files = Path(ledger.markdown_path).parent if ledger.markdown_path else settings.export_path
    click.echo(f"\nDemo done in {time.monotonic() - began:.0f} s. The ledger's files are in {files}.")


def _run(context: CliContext, worker: list[str]) -> LedgerOut:
    """Prepare, supervise the parts, hold the conversation; the ledger. Everything is stopped after."""
    prepared = prepare(context)
    settings = prepared.settings
    children = product_children(settings, worker=worker, quiet={"api", "worker", "scheduler"})
    supervisor = Supervisor(children, echo=click.echo, log_dir=logs_folder(settings))
    with interrupt_on_termination():
        supervisor.start()
        try:
            wait_for_api(settings.api_url, supervisor)
            tokens = local_token_provider(context.db, settings, prepared.user)
            ledger = asyncio.run(converse(settings, tokens, supervisor, click.echo))
        finally:
            click.echo("\nstopping…")
            supervisor.stop()
    return ledger


def quiet_stretch(minutes: int) -> list[str]:
    """A silence the Hearthkeeper speaks in (16 minutes, a third of the way in), when the stream has room.

    The simulator's own long silences come 50 minutes in, later than the demo's stream ends.
    """
    start, length = minutes // 3, 16
    return ["--quiet-gap", f"{start}+{length}"] if start + length + 3 <= minutes else []


def demo_settings(folder: Path, port: int, *, log_level: str = "INFO") -> Settings:
    """Embedded defaults in `folder`, the API on `port`; nothing from `.env` (no database, Twitch, LLM)."""
    return Settings(
        app_env="development",
        log_level=log_level,
        data_dir=folder,
        export_path=folder / "exports",
        api_port=port,
        api_url=f"http://127.0.0.1:{port}",
        # Made up for this run and handed to the parts directly: nothing is written or warned about.
        jwt_secret=secrets.token_urlsafe(48),
        bot_api_secret=secrets.token_urlsafe(48),
    )


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody is listening on (so the demo runs beside `make run`)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# -- the conversation --------------------------------------------------------------------------


async def converse(
    settings: Settings,
    tokens: TokenProvider,
    supervisor: Supervisor,
    echo: Callable[[str], None],
    patience: Patience = Patience(),
) -> LedgerOut:
    """The console's conversation with scripted DMs, waiting on the API between them; the ledger."""
    async with aiohttp.ClientSession() as session:
        api = ApiReader(make_api_client(bot_settings(settings), session), tokens)
        # As `bot.factory.serve_console` builds it: the console's provided tokens and its rate limit.
        conversation = Conversation(
            api.client,
            make_parser("rules"),
            ProvidedAuthenticator(tokens),
            limiter=RateLimiter(limit=CONSOLE_DMS_PER_MINUTE),
        )

        async def say(text: str) -> None:
            reply = await conversation.handle(CONSOLE_USER, text)
            echo(f"you> {text}")
            echo((for_terminal(reply) if reply is not None else "(no reply)") + "\n")

        try:
            await say(START)
            if await api.get(SessionDetailOut, "/api/sessions/current") is None:
                raise DemoFailed("the session did not start (see the reply above)")
            stored = await chat_settled(api, supervisor, patience)
            echo(f"(the simulated stream is in: {stored:,} messages stored)\n")
            await say(FLAGS)
            await say(STOP)
            ledger = await ledger_made(api, supervisor, patience)
        finally:
            await conversation.aclose()
    echo(f"== The Scribe's ledger of session {ledger.session_id} ==\n")
    echo(ledger.markdown.rstrip())
    echo(f"\nChart: {ledger.chart_path or '(none)'}")
    echo(f"Ledger: {ledger.markdown_path or '(not written to a file)'}")
    return ledger


class ApiReader:
    """GETs as the local streamer, through the bot's own client (so its errors are the bot's)."""

    def __init__(self, client: ApiClient, tokens: TokenProvider) -> None:
        self.client = client
        self._tokens = tokens

    async def get(self, model: type[M], path: str, params: dict[str, str | int] | None = None) -> M | None:
        """The body as `model`; None for a 404 of a missing thing; DemoFailed when the API lacks the route."""
        try:
            return await self.client.fetch(model, "GET", path, token=await self._tokens(), params=params)
        except EndpointMissing as exc:
            raise DemoFailed(f"this API has no GET {path} yet") from exc
        except ApiUserError as exc:
            if exc.status == 404:
                return None
            raise DemoFailed(f"GET {path} was refused: {exc}") from exc


async def chat_settled(api: ApiReader, supervisor: Supervisor, patience: Patience) -> int:
    """Wait until the session's stored messages stop growing; how many there are."""
    counts: list[int] = []

    async def settled() -> int | None:
        session = await api.get(SessionDetailOut, "/api/sessions/current")
        if session is None:  # the scheduler closed it already (its stream went offline): all is in
            return counts[-1] if counts and counts[-1] else None
        counts.append(session.message_count)
        recent = counts[-patience.settled_polls :]
        steady = len(recent) == patience.settled_polls and len(set(recent)) == 1
        return recent[0] if steady and recent[0] > 0 else None

    return await poll("the simulated chat being stored", settled, supervisor, patience.chat, patience.every)


async def ledger_made(api: ApiReader, supervisor: Supervisor, patience: Patience) -> LedgerOut:
    """Wait for the last session's ledger (404 `no_ledger` while the worker finishes the session)."""

    async def ledger() -> LedgerOut | None:
        """The ledger once it has words in it."""
        found = await api.get(LedgerOut, "/api/sessions/last/ledger", {"format": "markdown"})
        return found if found is not None and found.markdown.strip() else None

    return await poll("the ledger being written", ledger, supervisor, patience.ledger, patience.every)


async def poll(
    what: str, check: Callable[[], Awaitable[T | None]], supervisor: Supervisor, timeout: float, every: float
) -> T:
    """Call `check` until it gives something; DemoFailed when a part failed or `timeout` passed first."""
    deadline = time.monotonic() + timeout
    while True:
        if supervisor.failure:
            raise DemoFailed(supervisor.failure)
        try:
            found = await check()
        except ApiUnavailable:  # a part restarting: the supervisor says so if it keeps failing
            found = None
        if found is not None:
            return found
        if time.monotonic() >= deadline:
            raise DemoFailed(f"{what} did not happen within {timeout:g} s")
        await asyncio.sleep(every)
