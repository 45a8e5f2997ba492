"""`chronicler replay FILE`: a recorded chat log chronicled once, as a session of its own, with its ledger.

The replay starts a session for the channel, dated from the log's first line, plays the log through
the modes once (as fast as it can be stored unless told `--speed N` or `--realtime`), ends the
session at the log's last line, makes its ledger and prints what it found. The chat keeps the log's
own times, and so does the Hearthkeeper: quiet is measured on the log's clock (`QuietWatch`). What
the Steward and Hearthkeeper would have said is in the ledger; a replay never speaks in chat.

A channel with a session already being chronicled is refused (the replay would mix its chat into a
live stream's ledger): end that session first. Chat already stored (the same log replayed again) is
skipped and counted; a replay that finds nothing new keeps nothing: its session is removed and the
earlier replay's ledger stands. A file that is not a chat log ends the command with status 2, before
anything is stored.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import click

from chronicler.cli.bot import local_user
from chronicler.cli.context import CliContext
from chronicler.cli.llm import writer_for
from chronicler.config.settings import Settings
from chronicler.contract.errors import ChroniclerError, InvalidInput
from chronicler.contract.logins import normalize_login
from chronicler.domain.chat import ChatMessage, happened_at
from chronicler.domain.policies import Writer
from chronicler.domain.warden import load_known_bots
from chronicler.pipeline import ChatPipeline, build_pipeline
from chronicler.runtime.tuning import tune_for_ingest
from chronicler.scheduler.jobs import IdleCheck
from chronicler.store import Database, outbox, sessions
from chronicler.store.ledgers import gather, make_ledger
from chronicler.store.users import User, find_by_channel
from chronicler.twitch.markers import SessionMarkers
from chronicler.twitch.replay import LogReplay, ReadStats, ReplayError, read_log
from chronicler.twitch.stream_clock import QuietWatch

NOT_POSTED = "a replay never speaks in chat"
FLUSH_EVERY = 0.2  # seconds between flushes while the log plays, as the worker does
STORE_PATIENCE = 60.0  # seconds the end of a replay waits for PostgreSQL to come back
_SEED_SAMPLE_SEED = 0  # the same log gives the same blog seeds, so a second replay finds them stored


class BadLog(click.ClickException):
    """The file is not a chat log that can be replayed: exit status 2, nothing stored."""

    exit_code = 2


@dataclass(frozen=True)
class ReplayOutcome:
    """What one replay did, for its summary."""

    session_id: int | None  # None: nothing new, the session was removed
    read: ReadStats
    stored: int
    duplicates: (
        int  # messages read and not stored: stored already (by an earlier replay) or repeated in the log
    )
    already_stored: int  # of those, the ones an earlier replay (or chronicle) had stored
    seconds: float
    interrupted: bool
    flags: int = 0
    clips: int = 0
    blog_seeds: int = 0
    steward_replies: int = 0
    hearthkeeper_prompts: int = 0
    ledger_id: int | None = None
    ledger_path: str | None = None


@click.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--channel", help="The channel the chat is replayed into (default: your channel).")
@click.option(
    "--user", "username", help="Whose session it is (default: the channel's streamer, or the only user)."
)
@click.option(
    "--speed",
    type=float,
    default=None,
    help="Times faster than the log's own pace [default: 0, as fast as it can be stored].",
)
@click.option("--realtime", is_flag=True, help="At the log's own pace (the same as --speed 1).")
@click.option("--progress/--no-progress", default=True, help="Show a progress line.")
@click.pass_obj
def replay(
    obj: CliContext,
    file: Path,
    channel: str | None,
    username: str | None,
    speed: float | None,
    realtime: bool,
    progress: bool,
) -> None:
    """Chronicle a chat log (CSV with time,username,message or JSON lines) as a session of its own."""
    if realtime and speed is not None:
        raise click.UsageError("--speed and --realtime contradict each other: give one")
    pace = 1.0 if realtime else (speed if speed is not None else 0.0)
    if channel is not None:
        channel = _channel(channel)
        _check_log(file, channel, pace)  # before the database is even opened
    db = obj.db
    user = _user(db, username, channel)
    channel = channel or user.twitch_channel
    if channel is None:
        raise click.UsageError(
            f"which channel is the log's? Say --channel NAME ({user.username} has none set)"
        )
    first = _check_log(file, channel, pace)
    settings = obj.settings
    tune_for_ingest()  # interpreter-wide, so here at the entry point and not in the library
    outcome = replay_log(
        db,
        settings,
        file,
        user=user,
        channel=channel,
        first_at=first,
        speed=pace,
        progress=progress,
        writer=writer_for(settings),
    )
    for line in summary(file, channel, outcome):
        click.echo(line)
    if outcome.interrupted:
        raise click.exceptions.Exit(130)


def replay_log(
    db: Database,
    settings: Settings,
    file: Path,
    *,
    user: User,
    channel: str,
    first_at: datetime,
    speed: float,
    progress: bool = False,
    writer: Writer | None = None,
    flush_every: float = FLUSH_EVERY,
) -> ReplayOutcome:
    """Start the replay's session, play the log through the modes once, end it and make its ledger."""
    session = _start(db, user, channel, first_at)
    began = time.monotonic()
    bot_login = settings.twitch_bot_login
    # Markers mark a live stream's present moment: a replay has none to mark (said once, as the worker does).
    SessionMarkers.off(session.id, session.channel, "a replayed log is not a live stream")
    built = build_pipeline(db, session, bot_login=bot_login, writer=writer)
    # The same sample of chat each time, so the same log proposes the same blog seeds (stored once).
    pipeline = ChatPipeline(
        built.runner, built.recorder, writer=writer, rng=random.Random(_SEED_SAMPLE_SEED).random
    )
    source = LogReplay(file, channel=channel, speed=speed, progress=progress)
    keeper = IdleCheck(db, writer=writer)
    watch = QuietWatch(
        source,
        lambda last_human, until: keeper.prompt_if_quiet(session.id, last_human_at=last_human, until=until),
        bots=load_known_bots() | {bot_login},
    )
    play = _Play(pipeline, watch, flush_every)
    interrupted = False
    try:
        asyncio.run(play.run())
    except KeyboardInterrupt:
        interrupted = True  # what was read is still stored and chronicled, up to where it stopped
    pipeline.finish()
    _store_the_rest(pipeline)
    read = source.stats
    stored = pipeline.recorder.stored
    outcome = ReplayOutcome(
        session_id=session.id,
        read=read,
        stored=stored,
        duplicates=play.messages - stored,
        already_stored=play.messages - stored - pipeline.duplicates,
        seconds=time.monotonic() - began,
        interrupted=interrupted,
    )
    ended_at = play.last_at or first_at
    if stored == 0 and play.messages > 0:
        sessions.delete_session(db, session.id)  # nothing new: its prompts and seeds would repeat the first's
        return replace(outcome, session_id=None)
    with db.transaction():
        sessions.end_session(
            db, user.id, reason="replay interrupted" if interrupted else "replay finished", at=ended_at
        )
        sessions.mark_finalized(db, session.id)
        outbox.fail_queued(db, session.id, NOT_POSTED)
        ledger = make_ledger(db, session.id, settings.export_path)
        sessions.mark_ledger_queued(db, session.id)  # made here: the scheduler need not, nor post it
    data = gather(db, session.id)
    return replace(
        outcome,
        flags=sum(group.count for group in data.flag_groups),
        clips=len(data.clips),
        blog_seeds=len(data.blog_seeds),
        steward_replies=sum(line.mode == "steward" for line in data.agent_lines),
        hearthkeeper_prompts=sum(line.mode == "hearthkeeper" for line in data.agent_lines),
        ledger_id=ledger.id,
        ledger_path=ledger.markdown_path,
    )


def _store_the_rest(pipeline: ChatPipeline, patience: float = STORE_PATIENCE) -> None:
    """Flush until everything read is stored; while PostgreSQL is away, wait for it a while."""
    deadline = time.monotonic() + patience
    while not pipeline.recorder.settled:
        pipeline.flush()
        if pipeline.recorder.away:
            if time.monotonic() > deadline:
                raise click.ClickException(
                    f"PostgreSQL went away and did not come back within {patience:g} s: "
                    f"{pipeline.recorder.pending:,} messages read were not stored (the session stays open)"
                )
            time.sleep(0.5)


def summary(file: Path, channel: str, outcome: ReplayOutcome) -> list[str]:
    """The lines that tell what a replay did."""
    read = outcome.read
    how = "interrupted after" if outcome.interrupted else "replayed"
    lines = [
        f"{file.name} {how} {read.lines:,} lines into #{channel} in {outcome.seconds:.1f} s: "
        f"{read.messages:,} chat messages, {read.skipped:,} bad lines skipped",
    ]
    if read.raids:
        lines[0] += f" ({read.raids:,} of the messages Twitch's raid notices, replayed as raids)"
    if outcome.session_id is None:
        lines.append(
            f"already replayed: {outcome.already_stored:,} duplicates skipped; nothing new was stored, so no "
            "session was kept (the earlier replay's ledger stands)"
        )
        return lines
    stored = f"stored: {outcome.stored:,} messages, duplicates skipped: {outcome.duplicates:,}"
    if outcome.already_stored:
        stored += f" (already replayed: {outcome.already_stored:,} duplicates skipped)"
    lines += [
        stored,
        f"flags: {outcome.flags:,}, clip candidates: {outcome.clips:,}, blog seeds: {outcome.blog_seeds:,}",
        f"Steward replies: {outcome.steward_replies:,}, "
        f"Hearthkeeper prompts: {outcome.hearthkeeper_prompts:,} (in the ledger; {NOT_POSTED})",
        f"session {outcome.session_id}, ledger {outcome.ledger_id}: {outcome.ledger_path or '(no file)'}",
    ]
    return lines


class _Play:
    """The log played through the pipeline once, flushed as it goes."""

    def __init__(self, pipeline: ChatPipeline, watch: QuietWatch, flush_every: float) -> None:
        self._pipeline = pipeline
        self._watch = watch
        self._flush_every = flush_every
        self.messages = 0
        self.last_at: datetime | None = None  # the log's clock: its latest moment so far

    async def run(self) -> None:
        """Every event of the log; a flush every interval on a thread, and at once when backlogged."""
        flusher = asyncio.create_task(self._flush_forever())
        pipeline = self._pipeline
        try:
            async for event in self._watch.events():
                at = happened_at(event)
                self.last_at = at if self.last_at is None else max(self.last_at, at)
                if isinstance(event, ChatMessage):
                    self.messages += 1
                    pipeline.process(event)
                    if pipeline.backlogged:
                        await asyncio.to_thread(pipeline.flush)
        finally:
            flusher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await flusher
            await self._watch.aclose()

    async def _flush_forever(self) -> None:
        while True:
            await asyncio.sleep(self._flush_every)
            await asyncio.to_thread(self._pipeline.flush)


def _start(db: Database, user: User, channel: str, first_at: datetime) -> sessions.StreamSession:
    """The replay's own session; refused when the streamer or the channel has one being chronicled."""
    # A streamer chronicles one session at a time, so their own comes first: another --channel would
    # not help them, another --user would.
    own = sessions.current_session(db, user.id)
    if own is not None:
        raise click.ClickException(
            f"{user.username} is chronicling already (#{own.channel}, session {own.id}, since "
            f"{own.started_at:%Y-%m-%d %H:%M} UTC). A replay is a session of its own: end that one "
            "first (DM “stop”), or replay as another user with --user."
        )
    active = sessions.active_on_channel(db, channel)
    if active is not None:
        raise click.ClickException(
            f"#{channel} has a session being chronicled already (session {active.id}, since "
            f"{active.started_at:%Y-%m-%d %H:%M} UTC). A replay is a session of its own: end that one "
            "first, or replay into another channel with --channel."
        )
    try:
        return sessions.start_session(
            db, user.id, channel=channel, default_channel=None, replay_from=first_at
        )
    except ChroniclerError as exc:
        raise click.ClickException(f"cannot start the replay's session: {exc}") from exc


def _check_log(file: Path, channel: str, speed: float) -> datetime:
    """The log's first moment; BadLog (status 2) when the file cannot be replayed."""
    try:
        LogReplay(file, channel=channel, speed=speed)
        stats = ReadStats()
        first = next(iter(read_log(file, channel, stats=stats)), None)  # the rest is left unread
    except ReplayError as exc:
        raise BadLog(exc.message) from exc
    except InvalidInput as exc:
        raise click.BadParameter(exc.message, param_hint=f"--{exc.field or 'speed'}") from exc
    if first is None:
        raise BadLog(f"{file.name} holds no chat message that can be replayed ({stats.skipped:,} bad lines)")
    return first.sent_at


def _channel(name: str) -> str:
    """A channel name as Twitch spells it, or a usage error."""
    try:
        return normalize_login(name)
    except ValueError:
        raise click.BadParameter(f"{name!r} is not a Twitch channel name", param_hint="--channel") from None


def _user(db: Database, username: str | None, channel: str | None) -> User:
    """The named user; else the channel's streamer; else the only (or local) user."""
    if username is None and channel is not None:
        found = find_by_channel(db, channel)
        if found is not None:
            return found
    return local_user(db, username)
