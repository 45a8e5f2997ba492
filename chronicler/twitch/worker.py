"""The Twitch worker: follows sessions as they start and end, feeds each one's chat through the pipeline.

    worker = ChatWorker(db, database_url, source_factory=..., outbox=..., journal_dir=data / "journal")
    await worker.run()            # until cancelled

Sessions are followed through PostgreSQL notifications (`store.notifications`, sent by a trigger on
the sessions table), with a slow reconciliation as a safety net for notifications missed while the
listening connection was down.
Each active session gets a task that reads its chat source, runs the modes, and flushes the
pipeline at least every 200 ms; when the session ends, the task finishes the pipeline (last clips,
blog seeds), stores all of it, and only then marks the session finalized (once). Queued bot messages
(the chat outbox) are sent as they appear, within the sender's rate limits.

While PostgreSQL is away nothing read is let go: each session holds its chat in memory up to a
bound and in its journal beyond (`pipeline.journal`), whatever happens meanwhile (the stream going
offline, the session ending, the worker stopping: its last act puts whatever memory holds in the
journal). A journal left by a stopped worker is stored by the next one, once.

A deaf bot does not go unnoticed: when the source says chat is unheard (`ChatUnheard`), or fails
(a refused token, a final revocation, anything else), the session's gap in hearing is opened
(`store.chat_gaps`: at most one open per session, so one outage is one gap) and the streamer gets
one notice; when the source hears chat again (`ChatHeard`) the gap is closed and they get another.
Both are recorded by the flusher, so reading never waits on PostgreSQL for them; a gap still open
when the session ends is closed at its end. The ledger adds the gaps up.

A strong clip candidate closing while live chat is read gets a Twitch stream marker (`markers`, a
`SessionMarkers` per session: made in a task of its own, so a slow or refusing Twitch never holds up
chat). Without a `markers` factory (synthetic chat, the `.env` setup) each session says once, at INFO,
that it makes none (`markers_off`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections import deque
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import msgspec

from chronicler.contract.errors import ServiceUnavailable
from chronicler.domain.chat import (
    ChatHeard,
    ChatMessage,
    ChatUnheard,
    Hearing,
    RaidArrived,
    StreamOffline,
    StreamOnline,
    UnheardReason,
)
from chronicler.domain.hearing import heard_notice, unheard_notice
from chronicler.domain.warden import load_known_bots
from chronicler.pipeline import ChatPipeline, ChatRecorder, Journal, SessionRef, build_pipeline
from chronicler.pipeline.journal import journaled_sessions
from chronicler.runtime.backoff import Backoff
from chronicler.store import Database, chat_gaps, outbox, sessions
from chronicler.store.notices import leave_notice
from chronicler.store.notifications import OUTBOX_CHANNEL, SESSIONS_CHANNEL, Listener, listen, session_change
from chronicler.store.sessions import StreamSession
from chronicler.twitch._errors import SubscriptionRevoked, TwitchAuthError
from chronicler.twitch.markers import SessionMarkers
from chronicler.twitch.source import ChatSource

log = logging.getLogger(__name__)

# Waits between attempts to open the listening connection while PostgreSQL is away.
LISTEN_BACKOFF = Backoff(first=1.0, maximum=30.0)
# Waits between restarts of a session's chat source that failed (its own reconnecting gave up).
SOURCE_BACKOFF = Backoff(first=1.0, maximum=30.0)
# Chat a session holds in memory while PostgreSQL is away (15-25 MB); beyond, its journal takes it.
MAX_HELD = 50_000
# What a message left 'sending' by a stopped worker is failed with when the next one starts.
UNSETTLED_ERROR = "outcome unknown: the worker stopped while sending it (not sent again)"


class Outbox(Protocol):
    """Where the bot's chat messages go: Helix in production, the log or a test double otherwise."""

    async def send(self, channel: str, text: str) -> bool:
        """Send one message in `channel`; False when Twitch dropped it.

        Retrying is the outbox's own business, and it must never send a message twice; what it raises
        fails the message with that reason.
        """
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
MarkersFactory = Callable[[StreamSession], SessionMarkers]


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
        journal_dir: Path | None = None,
        max_held: int = MAX_HELD,
        markers: MarkersFactory | None = None,
        markers_off: str = "the chat is not read from Twitch",
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
        # Where sessions keep what memory may not hold (the command line passes the data folder's
        # `journal`); without one, beyond `max_held` the oldest held is dropped.
        self._journal_dir = journal_dir
        self._max_held = max_held
        # Stream markers at strong candidates, for live chat read with a broadcaster grant; else none.
        self._markers = markers
        self._markers_off = markers_off
        self._tasks: dict[int, asyncio.Task[None]] = {}
        self._ending: set[int] = set()  # sessions whose end their task is finishing
        self._replays: dict[int, asyncio.Task[None]] = {}  # journals left by an earlier run, being stored
        self._orphans: set[int] = set()  # journals of sessions that are gone, reported once
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
        """Stop every session task: each stores what it holds, or puts it in its journal."""
        tasks = [*self._tasks.values(), *self._replays.values()]
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
        await self._replay_journals(active)

    async def _start(self, session_id: int) -> None:
        """Start chronicling the session, unless a task has it already or it is no longer active."""
        if session_id in self._tasks:
            return
        session = await asyncio.to_thread(sessions.find_session, self._db, session_id)
        if session is None or not session.active or session.fed_by != "worker":
            return  # a replay's session is fed by `chronicler replay`, never by Twitch or the simulator
        log.info("chronicling #%s (session %d)", session.channel, session.id)
        task = asyncio.create_task(self._chronicle(session), name=f"session-{session.id}")
        self._tasks[session_id] = task

        def forget(_task: asyncio.Task[None]) -> None:
            self._tasks.pop(session_id, None)
            self._ending.discard(session_id)

        task.add_done_callback(forget)

    def _end(self, session_id: int) -> None:
        """The session ended: its task finishes it (once, however often this is heard)."""
        task = self._tasks.get(session_id)
        if task is not None and session_id not in self._ending:
            self._ending.add(session_id)
            task.cancel()

    # -- one session -----------------------------------------------------------------------

    async def _chronicle(self, session: StreamSession) -> None:
        """Read the session's chat until it ends, then finish and store it; on a stop, keep what is held."""
        try:
            # From now on chat is heard: quiet before it (the program down since last night) is not quiet.
            await asyncio.to_thread(sessions.mark_heard, self._db, session.id, since=datetime.now(UTC))
            pipeline = await asyncio.to_thread(self._pipeline_for, session)
        except ServiceUnavailable as exc:
            # Nothing read yet, and a journal an earlier run left stays on disk: the next reconcile retries.
            log.warning("cannot chronicle session %d yet: %s", session.id, exc)
            return
        self.pipelines[session.id] = pipeline
        markers = self._markers_for(session)
        presence = _Presence()
        hearing = _Hearing()
        flusher = asyncio.create_task(
            self._flush_every(pipeline, presence, hearing), name=f"flush-{session.id}"
        )
        try:
            try:
                await self._read(session, pipeline, presence, hearing, markers)
                await asyncio.Event().wait()  # the source has no more: hold on until the session ends
            except asyncio.CancelledError:
                if session.id not in self._ending:
                    raise  # the worker is stopping
                _uncancel()
            flusher.cancel()
            await self._finish(pipeline, hearing)
        except asyncio.CancelledError:
            pass  # the worker is stopping: the session goes on, or its end is not all stored yet
        finally:
            flusher.cancel()
            # Shielded: a stop must not leave chat in memory only, whatever else is cancelled.
            await asyncio.shield(_on_own_thread(pipeline.stop))
            await markers.aclose()
            await asyncio.shield(_on_own_thread(lambda: self._unheard_from_now(session.id)))

    def _unheard_from_now(self, session_id: int) -> None:
        """Nobody hears the session's chat any more (the worker stopped): the Hearthkeeper waits for it."""
        try:
            sessions.mark_heard(self._db, session_id, since=None)
        except ServiceUnavailable as exc:  # the next start marks it again; only the quiet count is off
            log.warning("session %d: cannot mark its chat unheard: %s", session_id, exc)

    def _markers_for(self, session: StreamSession) -> SessionMarkers:
        """The session's stream markers; none (said once) without a factory, or when making one fails."""
        if self._markers is None:
            return SessionMarkers.off(session.id, session.channel, self._markers_off)
        try:
            return self._markers(session)
        except Exception as exc:  # markers are a bonus: never lose the session over them
            log.exception("session %d: cannot make stream markers", session.id)
            return SessionMarkers.off(session.id, session.channel, f"{type(exc).__name__}: {exc}")

    def _pipeline_for(self, session: StreamSession) -> ChatPipeline:
        """The session's pipeline, bounded in memory, its journal in the journal folder."""
        return build_pipeline(
            self._db,
            session,
            bot_login=self._bot_login,
            writer=self._writer,
            # Backpressure below half the bound (a batch being stored, the next one waiting): while
            # PostgreSQL keeps up, nothing goes to disk. 20,000 at the default bound, as in bench/ingest.py.
            high_water=min(20_000, self._max_held * 2 // 5),
            max_pending=self._max_held,
            journal_dir=self._journal_dir,
        )

    async def _read(
        self,
        session: StreamSession,
        pipeline: ChatPipeline,
        presence: _Presence,
        hearing: _Hearing,
        markers: SessionMarkers,
    ) -> None:
        """Feed the session's chat to the pipeline until the source has no more; restart it when it fails."""
        failures = 0
        while True:
            source = self._source_factory(session)
            try:
                async for event in source.events():
                    failures = 0
                    if isinstance(event, ChatMessage):
                        decisions = pipeline.process(event)
                        if decisions is not None and decisions.clips:
                            markers.closed(decisions.clips)  # returns at once: Twitch is asked in a task
                        if pipeline.backlogged:
                            # Reading faster than PostgreSQL stores (a replay flat out): wait for a flush
                            # rather than hold ever more in memory.
                            await asyncio.to_thread(pipeline.flush)
                    elif isinstance(event, StreamOffline):
                        # Recorded by the flusher, which tries again while PostgreSQL is away.
                        presence.wanted = True
                    elif isinstance(event, StreamOnline):
                        log.info("#%s went live", event.channel)
                        presence.wanted = False
                    elif isinstance(event, ChatUnheard | ChatHeard):
                        hearing.pending.append(event)  # recorded by the flusher, with the notice
                    elif isinstance(event, RaidArrived):
                        # No chat: nothing is stored or counted; the modes read the next minutes with it.
                        log.info(
                            "#%s raided by %s with %d viewers", event.channel, event.from_login, event.viewers
                        )
                        pipeline.runner.observe_raid(event)
                return
            except Exception as exc:
                # Chat is unheard until a restarted source says otherwise (its first event is a ChatHeard).
                hearing.pending.append(_unheard_after(session.channel, exc))
                failures += 1
                delay = SOURCE_BACKOFF.delay(failures)
                log.exception(
                    "chat source of session %d failed; what was read is kept; restarting it in %.0f s",
                    session.id,
                    delay,
                )
            finally:
                with contextlib.suppress(Exception):
                    await source.aclose()
            await self._sleep(delay)

    async def _flush_every(self, pipeline: ChatPipeline, presence: _Presence, hearing: _Hearing) -> None:
        """Flush, and record the stream going offline or live and chat going unheard, until cancelled."""
        # A flush starts one interval after the previous one started, or at once when that one took
        # longer: under load, storing never sits idle while chat waits in memory.
        loop = asyncio.get_running_loop()
        while True:
            began = loop.time()
            try:
                await asyncio.to_thread(pipeline.flush)
                wanted = presence.wanted
                if wanted is not None:
                    await asyncio.to_thread(self._set_offline, pipeline.session.id, wanted)
                    if presence.wanted is wanted:  # not changed meanwhile
                        presence.wanted = None
                if hearing.pending:
                    await asyncio.to_thread(self._record_hearing, pipeline.session.id, hearing)
            except ServiceUnavailable as exc:
                log.debug("session %d: cannot record the stream's state yet: %s", pipeline.session.id, exc)
            except Exception:  # a bug must not stop the storing of chat for the rest of the session
                log.exception("flushing session %d failed; trying again", pipeline.session.id)
            await asyncio.sleep(max(0.0, self._flush_interval - (loop.time() - began)))

    async def _finish(self, pipeline: ChatPipeline, hearing: _Hearing) -> None:
        """The session ended: last clips and blog seeds; all of it stored; then, only then, finalized.

        While PostgreSQL is away this tries again at every flush interval, until a stop.
        """
        await asyncio.to_thread(pipeline.finish)
        while not await asyncio.to_thread(self._finalize, pipeline.recorder, pipeline.duplicates, hearing):
            await asyncio.sleep(self._pause(pipeline.recorder))

    def _pause(self, recorder: ChatRecorder) -> float:
        """The wait before the next step of a session's end: none while storing goes on, else an interval."""
        return 0.0 if not recorder.away and not recorder.settled else self._flush_interval

    def _finalize(self, recorder: ChatRecorder, duplicates: int = 0, hearing: _Hearing | None = None) -> bool:
        """A step towards an ended session's last flush; True once it is stored and the session finalized."""
        if not recorder.settled:
            recorder.flush()  # memory, seeds, and a chunk of the journal: the caller comes back for more
            if not recorder.settled:
                return False
        try:
            if hearing is not None:
                self._record_hearing(recorder.session.id, hearing)
            # A gap still open ends with the session, so that its ledger (made once finalized) counts it.
            chat_gaps.close_gap(self._db, recorder.session.id, at=datetime.now(UTC))
            # The scheduler and the API read finalized_at as "the worker's last flush is stored".
            sessions.mark_finalized(self._db, recorder.session.id)
        except ServiceUnavailable as exc:
            log.warning("session %d: all stored, cannot mark it finalized yet: %s", recorder.session.id, exc)
            return False
        log.info(
            "session %d finished: %d messages stored, %d duplicates skipped, %d through the journal",
            recorder.session.id,
            recorder.stored,
            duplicates,
            recorder.journaled,
        )
        return True

    def _record_hearing(self, session_id: int, hearing: _Hearing) -> None:
        """Record what the source said about hearing chat, in order, with the streamer's notices.

        Each event is taken off only once recorded: PostgreSQL away, it waits for the next try.
        """
        with hearing.lock:  # the flusher's last try may still run on its thread while the end is stored
            while hearing.pending:
                event = hearing.pending[0]
                try:
                    if isinstance(event, ChatUnheard):
                        self._open_gap(session_id, event)
                    else:
                        self._close_gap(session_id, event)
                except ServiceUnavailable:
                    raise  # kept for the next try
                except Exception:  # a bug: one event must not hold up the others, nor the session's end
                    log.exception("session %d: could not record %r; dropped", session_id, event)
                hearing.pending.popleft()

    def _open_gap(self, session_id: int, event: ChatUnheard) -> None:
        """Open the session's gap and tell the streamer, unless the outage was told already."""
        with self._db.transaction():
            sessions.mark_heard(self._db, session_id, since=None)  # an outage is no quiet chat
            opened = chat_gaps.open_gap(
                self._db, session_id, since=event.since, reason=event.reason, detail=event.detail
            )
            if opened is None:
                return  # one outage, one notice
            told = msgspec.structs.replace(event, since=opened.since)  # an outage told before keeps its start
            leave_notice(self._db, opened.user_id, unheard_notice(told, _zone(opened.timezone)))
        log.warning(
            "session %d: chat of #%s unheard since %s (%s: %s); the streamer is told",
            session_id,
            event.channel,
            opened.since.isoformat(timespec="seconds"),
            event.reason,
            event.detail,
        )

    def _close_gap(self, session_id: int, event: ChatHeard) -> None:
        """Close the session's open gap, if any, and tell the streamer chat is heard again."""
        with self._db.transaction():
            sessions.mark_heard(self._db, session_id, since=event.at)
            closed = chat_gaps.close_gap(self._db, session_id, at=event.at)
            if closed is None:
                return  # nothing was unheard (the source's first ChatHeard, most often)
            leave_notice(self._db, closed.user_id, heard_notice(closed.channel, closed.seconds))
        log.info(
            "session %d: chat of #%s heard again after %.1f s", session_id, closed.channel, closed.seconds
        )

    def _set_offline(self, session_id: int, offline: bool) -> None:
        """Mark (on the real clock: replays carry their own times) or clear the stream's going offline.

        The scheduler ends a session some minutes after its stream went offline, unless it came back.
        """
        if offline:
            sessions.mark_offline(self._db, session_id)
        else:
            sessions.mark_online(self._db, session_id)

    # -- journals an earlier run left --------------------------------------------------------

    async def _replay_journals(self, active: set[int]) -> None:
        """Store the journals of sessions no task follows (those of active ones, their task stores)."""
        if self._journal_dir is None:
            return
        left = await asyncio.to_thread(journaled_sessions, self._journal_dir)
        for session_id in left - active - set(self._tasks) - set(self._replays) - self._orphans:
            task = asyncio.create_task(self._replay(session_id), name=f"replay-{session_id}")
            self._replays[session_id] = task
            task.add_done_callback(self._forget_replay)

    def _forget_replay(self, task: asyncio.Task[None]) -> None:
        for session_id, replay in list(self._replays.items()):
            if replay is task:
                del self._replays[session_id]

    async def _replay(self, session_id: int) -> None:
        """Store a session's journal, then mark the session finalized: it ended while held on disk."""
        assert self._journal_dir is not None
        journal = Journal(self._journal_dir, session_id)
        try:
            session = await asyncio.to_thread(sessions.find_session, self._db, session_id)
        except ServiceUnavailable:
            return  # the next reconcile tries again
        if session is None:
            self._orphans.add(session_id)
            log.error("a journal of session %d, which no longer exists: left in %s", session_id, journal.path)
            return
        if session.active:
            return  # started meanwhile: its own task stores the journal
        log.info("storing the journal session %d left in %s", session_id, self._journal_dir)
        bots = load_known_bots() | {self._bot_login}
        ref = SessionRef(session.id, session.user_id, session.channel)
        recorder = ChatRecorder(self._db, ref, bots=bots, journal=journal)
        try:
            while not await asyncio.to_thread(self._finalize, recorder):
                await asyncio.sleep(self._pause(recorder))
        except asyncio.CancelledError:
            pass  # the worker is stopping: what is left stays in the journal
        finally:
            await asyncio.shield(_on_own_thread(recorder.close))

    # -- the chat outbox -------------------------------------------------------------------

    async def _send_outbox(self) -> None:
        """Send queued messages as they appear (woken by a notification, checked every few seconds anyway)."""
        leftovers_settled = False
        while True:
            try:
                if not leftovers_settled:
                    await asyncio.to_thread(self._fail_leftovers)
                    leftovers_settled = True
                while await self._send_one():
                    pass
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("sending the chat outbox failed; will retry")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake_outbox.wait(), timeout=5.0)
            self._wake_outbox.clear()

    def _fail_leftovers(self) -> None:
        """Settle what a stopped worker left 'sending': it may be in chat already, so it is not sent again."""
        count = outbox.fail_unsettled(self._db, UNSETTLED_ERROR)
        if count:
            log.warning(
                "%d chat message(s) were being sent when the worker last stopped; marked failed, not "
                "sent again (Twitch may or may not have posted them)",
                count,
            )

    async def _send_one(self) -> bool:
        """Claim and send the oldest queued message; False when there is none."""
        # Claimed (two workers never send the same message) and marked 'sending' in one go.
        claimed = await asyncio.to_thread(outbox.claim_next_message, self._db)
        if claimed is None:
            return False
        sent = False
        error = None
        try:
            # The outbox retries what cannot have gone out; whatever it raises is final for this message.
            sent = await self._outbox.send(claimed.channel, claimed.text)
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}"
            log.warning("could not send chat message %d: %s", claimed.id, error)
        await self._record(claimed.id, sent, error, datetime.now(UTC))
        return True

    async def _record(self, outbox_id: int, sent: bool, error: str | None, at: datetime) -> None:
        """Settle the message, waiting out a database that is away: the verdict is known only here."""
        failures = 0
        while True:
            try:
                await asyncio.to_thread(self._settle, outbox_id, sent, error, at)
                return
            except ServiceUnavailable as exc:
                failures += 1
                delay = LISTEN_BACKOFF.delay(failures)
                log.warning(
                    "could not record chat message %d as %s (%s); retrying in %.0f s",
                    outbox_id,
                    "sent" if sent else "failed",
                    exc,
                    delay,
                )
                await self._sleep(delay)

    def _settle(self, outbox_id: int, sent: bool, error: str | None, at: datetime) -> None:
        """Record how sending went: sent at `at`, or failed (a False from Twitch means it dropped it)."""
        if sent:
            outbox.mark_sent(self._db, outbox_id, at=at)
        else:
            outbox.mark_failed(self._db, outbox_id, error or "dropped by Twitch")


class _Presence:
    """The stream's going offline or live, as the source said, until PostgreSQL has recorded it."""

    def __init__(self) -> None:
        self.wanted: bool | None = None  # True: offline; False: live again; None: recorded


class _Hearing:
    """What the source said about hearing chat, in order, until PostgreSQL has recorded it."""

    def __init__(self) -> None:
        self.pending: deque[Hearing] = deque()  # appended on the loop, taken off on a thread
        self.lock = threading.Lock()  # one recorder at a time


def _unheard_after(channel: str, error: Exception) -> ChatUnheard:
    """Chat unheard from now on, because the source failed with `error`."""
    now = datetime.now(UTC)
    if isinstance(error, TwitchAuthError):
        return ChatUnheard(channel, now, "authorization", str(error))
    if isinstance(error, SubscriptionRevoked):
        # authorization_revoked: the streamer (or the bot's owner) withdrew the app's access.
        reason: UnheardReason = "authorization" if error.reason == "authorization_revoked" else "subscription"
        return ChatUnheard(channel, now, reason, error.reason)
    return ChatUnheard(channel, now, "connection", f"{type(error).__name__}: {error}")


def _zone(name: str) -> ZoneInfo:
    """The streamer's time zone, or UTC if the name is unknown here."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


async def _on_own_thread(call: Callable[[], None]) -> None:
    """Run `call` on a thread of its own, for a stop that has seconds before the process is killed.

    Not on the loop's shared executor: while PostgreSQL is away its few threads may all be waiting out the
    pool's timeout in flushes, and the journal must not queue behind them.
    """
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="stop")
    try:
        await asyncio.wrap_future(executor.submit(call))
    finally:
        executor.shutdown(wait=False)  # the interpreter still waits for it at exit


def _uncancel() -> None:
    """Carry on after a cancellation that was a request to finish rather than to stop."""
    task = asyncio.current_task()
    if task is not None:
        task.uncancel()
