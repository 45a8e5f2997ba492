"""`chronicler twitch` and `simulate`: the worker with a live or synthetic chat source.

Synthetic chat runs on its stream's own clock (dated from the session's start, at any speed), so its
Hearthkeeper measures quiet on that clock (`QuietWatch`), not on the scheduler's wall clock, and its
chatters mention the bot by its configured login. `chronicler replay` is in `cli.replay`.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from datetime import datetime, timedelta

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
from chronicler.twitch.worker import ChatWorker, LoggingOutbox, Outbox


def run_worker(
    obj: CliContext, source_factory: Callable[[StreamSession], ChatSource], outbox: Outbox
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
        )
        asyncio.run(worker.run())
    except KeyboardInterrupt:
        click.echo("worker stopped")


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


@click.command()
@click.pass_obj
def twitch(obj: CliContext) -> None:
    """The Twitch worker: live chat with Twitch credentials, else the chat simulator."""
    settings = obj.settings
    if not settings.twitch_configured:
        click.echo("no Twitch credentials: chronicling synthetic chat (see TWITCH_* in .env.example)")
        run_worker(obj, simulated(obj, speed=1.0, seed=None, minutes=None), LoggingOutbox(click.echo))
        return
    from chronicler.twitch.live_worker import live_outbox, live_sources

    run_worker(obj, live_sources(settings), live_outbox(settings))


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
