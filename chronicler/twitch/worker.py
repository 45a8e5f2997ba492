"""The Twitch worker: follows sessions as they start and end, feeds each one's chat through the pipeline.

    worker = ChatWorker(db, database_url, source_factory=..., outbox=...)
    await worker.run()            # until cancelled

Sessions are followed through PostgreSQL notifications (`store.notifications`, sent by a trigger on
the sessions table), with a slow reconciliation as a safety net for notifications missed while the
listening connection was down.
Each active session gets a task that reads its chat source, runs the modes, and flushes the
pipeline at least every 200 ms; when the session ends, the task finishes the pipeline (last clips,
blog seeds) and marks the session finalized. Queued bot messages (the chat outbox) are sent as
they appear, within the sender's rate limits.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Protocol

from chronicler.contract.errors import ServiceUnavailable
from chronicler.domain.chat import ChatMessage, StreamOffline, StreamOnline
from chronicler.pipeline import ChatPipeline, build_pipeline
from chronicler.runtime.backoff import Backoff
from chronicler.store import Database, outbox, sessions
from chronicler.store.notifications import OUTBOX_CHANNEL, SESSIONS_CHANNEL, Listener, listen, session_change
from chronicler.store.sessions import StreamSession
from chronicler.twitch.source import ChatSource

log = logging.getLogger(__name__)

# Waits between attempts to open the listening connection while PostgreSQL is away.
LISTEN_BACKOFF = Backoff(first=1.0, maximum=30.0)


class Outbox(Protocol):
    """Where the bot's chat messages go: Helix in production, the log or a test double otherwise."""

    async def send(self, channel: str, text: str) -> bool:
        """Send one message in `channel`; False when Twitch dropped it."""
        ...


class LoggingOutbox:
    """Prints what the bot would say, for the simulator and replays without Twitch credentials."""

    def __init__(self, echo: Callable[[str], None] | None = None) -> None:
        self._echo = echo or (lambda line: log.info("%s", line))

    async def send(self, channel: str, text: str) -> bool:
        """'Send' by logging."""
        self._echo(f"[#{channel}] bot: {text}")
        return True


SourceFactory = Callable[[StreamSession], ChatSource]


class ChatWorker:
    """Runs one pipeline per active session and sends the chat outbox."""

    def __init__(
        self,
        db: Database,
        database_url: str,
        *,
        source_factory: SourceFactory,
        outbox: Outbox,
        bot_login: str,
        flush_interval: float = 0.2,
        reconcile_interval: float = 30.0,
        writer: Callable[[str, str], str | None] | None = None,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        self._db = db
        self._url = database_url
        self._source_factory = source_factory
        self._outbox = outbox
        self._bot_login = bot_login
        self._flush_interval = flush_interval
        self._reconcile_interval = reconcile_interval
        self._writer = writer
        self._sleep = sleep  # tests pass one that records the waits
        self._tasks: dict[int, asyncio.Task[None]] = {}
        self._wake_outbox = asyncio.Event()
        self.pipelines: dict[int, ChatPipeline] = {}

    async def run(self) -> None:
        """Follow sessions and send the outbox until cancelled."""
        outbox = asyncio.create_task(self._send_outbox(), name="outbox")
        try:
            await self._follow()
        finally:
            outbox.cancel()
            await self.stop_all()

    async def stop_all(self) -> None:
        """End every session task (finishing their pipelines)."""
        tasks = list(self._tasks.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    # -- following sessions ----------------------------------------------------------------

    async def _follow(self) -> None:
        """Listen for session changes; reconnect when the connection drops, with backoff while it cannot."""
        failures = 0  # tries in a row that did not get as far as listening, caught up
        while True:
            try:
                async with listen(self._url, (SESSIONS_CHANNEL, OUTBOX_CHANNEL)) as listener:
                    await self._reconcile()  # whatever changed while we were not listening
                    failures = 0
                    await self._listen(listener)
            except ServiceUnavailable as exc:
                failures += 1
                if failures == 1:  # it worked until now: try again at once
                    log.warning("lost the session listener (%s); reconnecting", exc)
                    continue
                # Counted until a reconcile succeeds, so a database that answers the listener but not
                # the pool cannot make this loop spin.
                delay = LISTEN_BACKOFF.delay(failures - 1)
                log.warning("cannot listen for sessions (%s); retrying in %.0f s", exc, delay)
                await self._sleep(delay)

    async def _listen(self, listener: Listener) -> None:
        """Start and end session tasks as notifications say; reconcile whenever the interval passes."""
        while True:
            async for note in listener.notifications(timeout=self._reconcile_interval):
                if note.channel == OUTBOX_CHANNEL:
                    self._wake_outbox.set()
                    continue
                change = session_change(note.payload)
                if change.active:
                    await self._start(change.id)
                else:
                    self._end(change.id)
            # The interval passed: reconcile, then listen again.
            await self._reconcile()

    async def _reconcile(self) -> None:
        """Start tasks for active sessions without one; end tasks whose session is no longer active."""
        active = await asyncio.to_thread(sessions.active_session_ids, self._db)
        for session_id in active - set(self._tasks):
            await self._start(session_id)
        for session_id in set(self._tasks) - active:
            self._end(session_id)

    async def _start(self, session_id: int) -> None:
        """Start chronicling the session, unless a task has it already or it is no longer active."""
        if session_id in self._tasks:
            return
        session = await asyncio.to_thread(sessions.find_session, self._db, session_id)
        if session is None or not session.active:
            return
        log.info("chronicling #%s (session %d)", session.channel, session.id)
        task = asyncio.create_task(self._chronicle(session), name=f"session-{session.id}")
        self._tasks[session_id] = task

        def forget(_task: asyncio.Task[None]) -> None:
            self._tasks.pop(session_id, None)

        task.add_done_callback(forget)

    def _end(self, session_id: int) -> None:
        task = self._tasks.get(session_id)
        if task is not None:
            task.cancel()

    # -- one session -----------------------------------------------------------------------

    async def _chronicle(self, session: StreamSession) -> None:
        """Read the session's chat until it ends, then finish its pipeline."""
        pipeline = await asyncio.to_thread(
            build_pipeline, self._db, session, bot_login=self._bot_login, writer=self._writer
        )
        self.pipelines[session.id] = pipeline
        source = self._source_factory(session)
        flusher = asyncio.create_task(self._flush_every(pipeline), name=f"flush-{session.id}")
        try:
            async for event in source.events():
                if isinstance(event, ChatMessage):
                    pipeline.process(event)
                    if pipeline.backlogged:
                        # Reading faster than PostgreSQL stores (a replay flat out): wait for a flush
                        # rather than hold ever more in memory.
                        await asyncio.to_thread(pipeline.flush)
                elif isinstance(event, StreamOffline):
                    await asyncio.to_thread(self._set_offline, session.id, True)
                elif isinstance(event, StreamOnline):
                    log.info("#%s went live", event.channel)
                    await asyncio.to_thread(self._set_offline, session.id, False)
        except asyncio.CancelledError:
            pass
        except Exception:
            log.exception("chat source of session %d failed; finishing what was read", session.id)
        finally:
            flusher.cancel()
            with contextlib.suppress(Exception):
                await source.aclose()
            await asyncio.shield(asyncio.to_thread(self._finish, pipeline))

    async def _flush_every(self, pipeline: ChatPipeline) -> None:
        # A flush starts one interval after the previous one started, or at once when that one took
        # longer: under load, storing never sits idle while chat waits in memory.
        loop = asyncio.get_running_loop()
        while True:
            began = loop.time()
            await asyncio.to_thread(pipeline.flush)
            await asyncio.sleep(max(0.0, self._flush_interval - (loop.time() - began)))

    def _finish(self, pipeline: ChatPipeline) -> None:
        """Last clips, blog seeds, the final flush; then the session is ready for its ledger."""
        pipeline.finish()
        if pipeline.recorder.pending:
            log.error(
                "session %d ends with %d messages not stored (database away)",
                pipeline.session.id,
                pipeline.recorder.pending,
            )
        sessions.mark_finalized(self._db, pipeline.session.id)
        log.info(
            "session %d finished: %d messages stored, %d duplicates skipped",
            pipeline.session.id,
            pipeline.recorder.stored,
            pipeline.duplicates,
        )

    def _set_offline(self, session_id: int, offline: bool) -> None:
        """Mark (on the real clock: replays carry their own times) or clear the stream's going offline.

        The scheduler ends a session some minutes after its stream went offline, unless it came back.
        """
        if offline:
            sessions.mark_offline(self._db, session_id)
        else:
            sessions.mark_online(self._db, session_id)

    # -- the chat outbox -------------------------------------------------------------------

    async def _send_outbox(self) -> None:
        """Send queued messages as they appear (woken by a notification, checked every few seconds anyway)."""
        while True:
            try:
                while await self._send_one():
                    pass
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("sending the chat outbox failed; will retry")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake_outbox.wait(), timeout=5.0)
            self._wake_outbox.clear()

    async def _send_one(self) -> bool:
        """Claim and send the oldest queued message; False when there is none."""
        # Claimed (two workers never send the same message) and marked 'sending' in one go.
        claimed = await asyncio.to_thread(outbox.claim_next_message, self._db)
        if claimed is None:
            return False
        sent = False
        error = None
        try:
            sent = await self._outbox.send(claimed.channel, claimed.text)
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}"
            log.warning("could not send chat message %d: %s", claimed.id, error)
        await asyncio.to_thread(self._settle, claimed.id, sent, error)
        return True

    def _settle(self, outbox_id: int, sent: bool, error: str | None) -> None:
        """Record how sending went: sent now, or failed (a False from Twitch means it dropped it)."""
        if sent:
            outbox.mark_sent(self._db, outbox_id, at=datetime.now(UTC))
        else:
            outbox.mark_failed(self._db, outbox_id, error or "dropped by Twitch")
