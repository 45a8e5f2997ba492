"""`chronicler twitch` and `simulate`: the worker with a live or synthetic chat source.

Synthetic chat runs on its stream's own clock (dated from the session's start, at any speed), so its
Hearthkeeper measures quiet on that clock (`QuietWatch`), not on the scheduler's wall clock, and its
chatters mention the bot by its configured login. `chronicler replay` is in `cli.replay`.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Coroutine
from datetime import datetime, timedelta
from typing import Any

import click

from chronicler.cli.context import CliContext, settings_database_url
from chronicler.cli.llm import writer_for
from chronicler.domain.policies import Writer
from chronicler.domain.warden import load_known_bots
from chronicler.runtime.tuning import tune_for_ingest
from chronicler.scheduler.jobs import IdleCheck
from chronicler.store import Database
from chronicler.store.sessions import StreamSession
from chronicler.twitch.anchored import AnchoredSource
from chronicler.twitch.simulator import Scenario, SimulatedChat
from chronicler.twitch.source import ChatSource
from chronicler.twitch.stream_clock import QuietWatch
from chronicler.twitch.worker import ChatWorker, LoggingOutbox, MarkersFactory, Outbox


def run_worker(
    obj: CliContext,
    source_factory: Callable[[StreamSession], ChatSource],
    outbox: Outbox,
    beside: Callable[[], Coroutine[Any, Any, None]] | None = None,
    *,
    markers: MarkersFactory | None = None,
    markers_off: str = "synthetic chat",
) -> None:
    """Run the worker until Ctrl-C.

    Or until SIGINT from `chronicler run`, which may come while it is still starting.
    """
    settings = obj.settings
    try:
        tune_for_ingest()  # interpreter-wide, so here at the entry point and not in the library
        worker = ChatWorker(
            obj.db,
            settings_database_url(settings),
            source_factory=source_factory,
            outbox=outbox,
            bot_login=settings.twitch_bot_login,
            writer=writer_for(settings),
            # Chat PostgreSQL could not take yet, kept across restarts beside the rest of the product's data.
            journal_dir=settings.data_dir / "journal",
            markers=markers,
            markers_off=markers_off,
        )
        asyncio.run(_together(worker.run(), beside))
    except KeyboardInterrupt:
        click.echo("worker stopped")


async def _together(
    main: Coroutine[Any, Any, None], beside: Callable[[], Coroutine[Any, Any, None]] | None
) -> None:
    """Run `main`, and `beside` (the grant service) alongside it until `main` ends."""
    if beside is None:
        await main
        return
    helper = asyncio.create_task(beside(), name="twitch grants")
    try:
        await main
    finally:
        helper.cancel()
        await asyncio.gather(helper, return_exceptions=True)


def simulated(
    obj: CliContext,
    speed: float,
    seed: int | None,
    minutes: int | None,
    quiet_gaps: tuple[tuple[timedelta, timedelta], ...] | None = None,
) -> Callable[[StreamSession], ChatSource]:
    """Synthetic chat for each session, dated from the session's start, its quiet watched on its clock."""
    settings = obj.settings
    bot_login = settings.twitch_bot_login
    scenario = Scenario(bot_login=bot_login, quiet_gaps=quiet_gaps)
    writer = writer_for(settings)

    def factory(session: StreamSession) -> ChatSource:
        duration = timedelta(minutes=minutes) if minutes else None
        chat = SimulatedChat(
            session.channel,
            seed=seed,
            speed=speed,
            duration=duration,
            start=session.started_at,
            scenario=scenario,
        )
        return watched(
            obj.db, AnchoredSource(chat, session.started_at), session, bot_login=bot_login, writer=writer
        )

    return factory


def watched(
    db: Database, source: ChatSource, session: StreamSession, *, bot_login: str, writer: Writer | None
) -> ChatSource:
    """The source with the session's Hearthkeeper asked on the stream's own clock."""
    keeper = IdleCheck(db, writer=writer)

    def check(last_human: datetime, until: datetime) -> bool:
        return keeper.prompt_if_quiet(session.id, last_human_at=last_human, until=until)

    return QuietWatch(source, check, bots=load_known_bots() | {bot_login})


@click.group(invoke_without_command=True)
@click.pass_context
def twitch(ctx: click.Context) -> None:
    """The Twitch worker: live chat with Twitch credentials, else the chat simulator.

    Live chat reads as the bot account connected with "connect twitch" (a DM, or `chronicler twitch
    connect`), or, for a one-streamer install set up by hand, as the bot token in `.env`.
    """
    if ctx.invoked_subcommand is not None:
        return
    obj: CliContext = ctx.obj
    settings = obj.settings
    if settings.twitch_env_tokens:
        from chronicler.twitch.live_worker import live_outbox, live_sources

        run_worker(
            obj,
            live_sources(settings),
            live_outbox(settings),
            _grant_service(obj),
            markers_off="the .env setup reads chat with no broadcaster grant",
        )
        return
    if not settings.twitch_configured:
        click.echo("no Twitch credentials: chronicling synthetic chat (see TWITCH_* in .env.example)")
        simulate_chat = simulated(obj, speed=1.0, seed=None, minutes=None)
        run_worker(obj, simulate_chat, LoggingOutbox(click.echo), _grant_service(obj))
        return
    from chronicler.store.twitch_grants import TwitchGrants, token_cipher
    from chronicler.twitch.live_worker import (
        GrantedOutbox,
        bot_user_id_of,
        grant_service,
        granted_markers,
        granted_sources,
    )

    settings = obj.secured()
    assert settings.token_encryption_key is not None  # secured: generated, or refused in production
    service = grant_service(settings, obj.db)
    bot_id = bot_user_id_of(TwitchGrants(obj.db, token_cipher(settings.token_encryption_key)))
    sources = granted_sources(settings, service, bot_id)
    outbox = GrantedOutbox(settings, service, bot_id)
    run_worker(obj, sources, outbox, service.run, markers=granted_markers(settings, service))


def _grant_service(obj: CliContext) -> Callable[[], Coroutine[Any, Any, None]] | None:
    """The grant service's run, when an app is registered ("connect twitch" works without a secret)."""
    if not obj.settings.twitch_client_id:
        return None
    from chronicler.twitch.live_worker import grant_service

    return grant_service(obj.secured(), obj.db).run


@twitch.command("connect")
@click.option("--bot", "slot", flag_value="bot", help="Connect the bot account (once per installation).")
@click.option("--broadcaster", "slot", flag_value="broadcaster", help="Connect a streamer's channel.")
@click.option(
    "--user", "username", help="The streamer whose channel (or who connects the bot); default: the only one."
)
@click.pass_obj
def connect(obj: CliContext, slot: str | None, username: str | None) -> None:
    """Connect Twitch with the device flow: open the link, enter the code, and it is kept (encrypted)."""
    from chronicler.store.twitch_grants import TwitchGrants, token_cipher
    from chronicler.store.users import list_users
    from chronicler.twitch.live_worker import grant_service

    settings = obj.secured()
    if not settings.twitch_client_id:
        raise click.ClickException("set TWITCH_CLIENT_ID (register an application at dev.twitch.tv) first")
    assert settings.token_encryption_key is not None
    users = [u for u in list_users(obj.db, limit=1000) if username is None or u.username == username]
    if len(users) != 1:
        raise click.ClickException("say which streamer with --user NAME")
    user = users[0]
    grants = TwitchGrants(obj.db, token_cipher(settings.token_encryption_key))
    chosen = slot or ("broadcaster" if grants.bot() else "bot")
    request = grants.request_connect(user.id, "bot" if chosen == "bot" else "broadcaster")

    async def flow() -> None:
        service = grant_service(settings, obj.db)
        claimed = grants.claim_request(request.id)
        if claimed is not None:
            await service.begin(claimed)
        shown = grants.request(request.id)
        if shown is None or shown.user_code is None:
            raise click.ClickException(
                (shown.error if shown else None) or "Twitch did not start the connection"
            )
        click.echo(f"Open {shown.verification_uri} and enter the code {shown.user_code}")
        click.echo(
            "(sign in as the bot account)" if chosen == "bot" else f"(sign in as {user.username}'s channel)"
        )
        await service.wait_for_flows()

    asyncio.run(flow())
    done = grants.request(request.id)
    if done is None or done.status != "connected":
        raise click.ClickException((done.error if done else None) or "Twitch was not connected")
    grant = grants.bot() if chosen == "bot" else grants.broadcaster(user.id)
    click.echo(f"Connected: {grant.twitch_login if grant else '?'} ({chosen})")


@twitch.command("rotate-key")
@click.pass_obj
def rotate_key(obj: CliContext) -> None:
    """Re-encrypt every stored Twitch token with the first TOKEN_ENCRYPTION_KEY (then drop the old ones)."""
    from chronicler.store.twitch_grants import TwitchGrants, token_cipher

    settings = obj.secured()
    assert settings.token_encryption_key is not None
    count = TwitchGrants(obj.db, token_cipher(settings.token_encryption_key)).rotate_keys()
    click.echo(f"re-encrypted {count} Twitch grant(s) with the first key")


def _quiet_gap(
    _ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]
) -> tuple[tuple[timedelta, timedelta], ...] | None:
    """`--quiet-gap 20+17` (minutes in, minutes long) as the scenario's gaps; None for the default ones."""
    gaps = []
    for value in values:
        found = re.fullmatch(r"\s*(\d+)\s*\+\s*(\d+)\s*", value)
        if found is None or int(found[2]) == 0:
            raise click.BadParameter(f"{value!r}: say MINUTES_IN+MINUTES_LONG, such as 20+17")
        gaps.append((timedelta(minutes=int(found[1])), timedelta(minutes=int(found[2]))))
    return tuple(gaps) or None


@click.command()
@click.option("--speed", default=60.0, show_default=True, help="Times faster than real time (0 = flat out).")
@click.option("--seed", type=int, help="Same seed, same chat.")
@click.option(
    "--minutes", type=click.IntRange(1, 24 * 60), help="Length of the synthetic stream (default: endless)."
)
@click.option(
    "--quiet-gap",
    "quiet_gaps",
    multiple=True,
    callback=_quiet_gap,
    help="A silent stretch, MINUTES_IN+MINUTES_LONG (20+17); replaces the default ones. Repeatable.",
)
@click.pass_obj
def simulate(
    obj: CliContext,
    speed: float,
    seed: int | None,
    minutes: int | None,
    quiet_gaps: tuple[tuple[timedelta, timedelta], ...] | None,
) -> None:
    """Chronicle synthetic chat for each active session.

    Quiet gaps, spikes, emote floods, a few spam bots, mentions of the bot.
    """
    run_worker(obj, simulated(obj, speed, seed, minutes, quiet_gaps), LoggingOutbox(click.echo))
