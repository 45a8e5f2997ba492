"""`chronicler twitch`, `simulate` and `replay`: the worker with a live, synthetic or replayed chat source."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import click

from chronicler.cli.context import CliContext, settings_database_url
from chronicler.cli.llm import writer_for
from chronicler.runtime.tuning import tune_for_ingest
from chronicler.store.sessions import StreamSession
from chronicler.twitch.anchored import AnchoredSource
from chronicler.twitch.replay import LogReplay, ReplayError
from chronicler.twitch.simulator import SimulatedChat
from chronicler.twitch.source import ChatSource
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


def simulated(speed: float, seed: int | None, minutes: int | None) -> Callable[[StreamSession], ChatSource]:
    """Synthetic chat for each session, dated from the session's start."""

    def factory(session: StreamSession) -> ChatSource:
        duration = timedelta(minutes=minutes) if minutes else None
        chat = SimulatedChat(
            session.channel, seed=seed, speed=speed, duration=duration, start=session.started_at
        )
        return AnchoredSource(chat, session.started_at)

    return factory


@click.command()
@click.pass_obj
def twitch(obj: CliContext) -> None:
    """The Twitch worker: live chat with Twitch credentials, else the chat simulator."""
    settings = obj.settings
    if not settings.twitch_configured:
        click.echo("no Twitch credentials: chronicling synthetic chat (see TWITCH_* in .env.example)")
        run_worker(obj, simulated(speed=1.0, seed=None, minutes=None), LoggingOutbox(click.echo))
        return
    from chronicler.twitch.live_worker import live_outbox, live_sources

    run_worker(obj, live_sources(settings), live_outbox(settings))


@click.command()
@click.option("--speed", default=60.0, show_default=True, help="Times faster than real time (0 = flat out).")
@click.option("--seed", type=int, help="Same seed, same chat.")
@click.option(
    "--minutes", type=click.IntRange(1, 24 * 60), help="Length of the synthetic stream (default: endless)."
)
@click.pass_obj
def simulate(obj: CliContext, speed: float, seed: int | None, minutes: int | None) -> None:
    """Chronicle synthetic chat for each active session.

    Quiet gaps, spikes, emote floods, a few spam bots.
    """
    run_worker(obj, simulated(speed, seed, minutes), LoggingOutbox(click.echo))


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--speed", default=1.0, show_default=True, help="Times faster than real time (0 = flat out).")
@click.option("--progress/--no-progress", default=True, help="Show a progress bar.")
@click.pass_obj
def replay(obj: CliContext, file: Path, speed: float, progress: bool) -> None:
    """Chronicle a chat log (CSV with time,username,message or JSON lines) into each active session."""
    try:
        LogReplay(file, speed=speed)  # fail now, clearly, on a file that is not a chat log
    except ReplayError as exc:
        raise click.ClickException(exc.message) from exc

    def factory(session: StreamSession) -> ChatSource:
        source = LogReplay(file, channel=session.channel, speed=speed, progress=progress)
        return AnchoredSource(source, session.started_at)

    run_worker(obj, factory, LoggingOutbox(click.echo))
