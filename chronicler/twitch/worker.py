"""The Twitch worker: follows sessions as they start and end, feeds each one's chat through the pipeline.

    worker = ChatWorker(db, database_url, source_factory=..., outbox=...)
    await worker.run()            # until cancelled

Sessions are followed through PostgreSQL LISTEN/NOTIFY (the `stream_sessions` trigger), with a slow
reconciliation as a safety net for notifications missed while the listening connection was down.
Each active session gets a task that reads its chat source, runs the modes, and flushes the
pipeline at least every 200 ms; when the session ends, the task finishes the pipeline (last clips,
blog seeds) and marks the session finalized. Queued bot messages (the chat outbox) are sent as
they appear, within the sender's rate limits.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Protocol

import psycopg

from chronicler.domain.chat import ChatMessage, StreamOffline, StreamOnline
from chronicler.pipeline import ChatPipeline, build_pipeline
from chronicler.store import Database
from chronicler.store.sessions import StreamSession
from chronicler.twitch.source import ChatSource

log = logging.getLogger(__name__)

SESSIONS_CHANNEL = "chronicler_sessions"
OUTBOX_CHANNEL = "chronicler_outbox"


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
    ) -> None:
        self._db = db
        self._url = database_url
        self._source_factory = source_factory
        self._outbox = outbox
        self._bot_login = bot_login
        self._flush_interval = flush_interval
        self._reconcile_interval = reconcile_interval
        self._writer = writer
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
        """LISTEN for session changes; reconnect with backoff when the connection drops."""
        delay = 1.0
        while True:
            try:
                conn = await psycopg.AsyncConnection.connect(self._url, autocommit=True)
            except psycopg.OperationalError as exc:
                log.warning("cannot listen for sessions (%s); retrying in %.0f s", exc, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30.0)
                continue
            delay = 1.0
            try:
                async with conn:
                    await conn.execute(f"LISTEN {SESSIONS_CHANNEL}")
                    await conn.execute(f"LISTEN {OUTBOX_CHANNEL}")
                    await self._reconcile()  # whatever changed while we were not listening
                    await self._listen(conn)
            except psycopg.OperationalError as exc:
                log.warning("lost the session listener (%s); reconnecting", exc)

    async def _listen(self, conn: psycopg.AsyncConnection) -> None:
        gen = conn.notifies(timeout=self._reconcile_interval)
        while True:
            async for note in gen:
                if note.channel == OUTBOX_CHANNEL:
                    self._wake_outbox.set()
                    continue
                change = json.loads(note.payload)
                if change["status"] == "active":
                    await self._start(change["id"])
                else:
                    self._end(change["id"])
            # The timeout passed with no notification: reconcile, then listen again.
            await self._reconcile()
            gen = conn.notifies(timeout=self._reconcile_interval)

    async def _reconcile(self) -> None:
        """Start tasks for active sessions without one; end tasks whose session is no longer active."""
        rows = await asyncio.to_thread(
            self._db.select, "stream_sessions", {"status": "active"}, columns=["id"]
        )
        active = {row["id"] for row in rows}
        for session_id in active - set(self._tasks):
            await self._start(session_id)
        for session_id in set(self._tasks) - active:
            self._end(session_id)

    async def _start(self, session_id: int) -> None:
        if session_id in self._tasks:
            return
        row = await asyncio.to_thread(self._db.select_one, "stream_sessions", {"id": session_id})
        if row is None or row["status"] != "active":
            return
        session = StreamSession.from_row(row)
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
        self._db.execute(
            "UPDATE stream_sessions SET finalized_at = now() WHERE id = %s", (pipeline.session.id,)
        )
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
            self._db.execute(
                "UPDATE stream_sessions SET went_offline_at = now()"
                " WHERE id = %s AND went_offline_at IS NULL",
                (session_id,),
            )
        else:
            self._db.execute("UPDATE stream_sessions SET went_offline_at = NULL WHERE id = %s", (session_id,))

    # -- the chat outbox -------------------------------------------------------------------

    async def _send_outbox(self) -> None:
        """Send queued messages as they appear (woken by NOTIFY, checked every few seconds anyway)."""
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
        claimed = await asyncio.to_thread(self._claim)
        if claimed is None:
            return False
        sent = False
        error = None
        try:
            sent = await self._outbox.send(claimed["channel"], claimed["text"])
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}"
            log.warning("could not send chat message %d: %s", claimed["id"], error)
        await asyncio.to_thread(self._settle, claimed["id"], sent, error)
        return True

    def _claim(self) -> dict[str, Any] | None:
        # SKIP LOCKED: two workers never send the same message.
        with self._db.transaction():
            row = self._db.fetch_one(
                "SELECT id, channel, text FROM chat_outbox WHERE status = 'queued' ORDER BY id"
                " LIMIT 1 FOR UPDATE SKIP LOCKED"
            )
            if row is not None:
                self._db.execute(
                    "UPDATE chat_outbox SET attempts = attempts + 1, status = 'sending' WHERE id = %s",
                    (row["id"],),
                )
        return row

    def _settle(self, outbox_id: int, sent: bool, error: str | None) -> None:
        self._db.execute(
            "UPDATE chat_outbox SET status = %s, sent_at = %s, error = %s WHERE id = %s",
            (
                "sent" if sent else "failed",
                datetime.now(UTC) if sent else None,
                None if sent else (error or "dropped by Twitch"),
                outbox_id,
            ),
        )
