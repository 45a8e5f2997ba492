"""The chat pipeline: decoded messages in, the modes run, everything stored in short batches.

    pipeline = build_pipeline(db, session, bot_login="chronicler_bot", journal_dir=Path("data/journal"))
    pipeline.process(message)       # for every chat message, in arrival order
    pipeline.flush()                # at least every 200 ms (the worker's timer does it)
    pipeline.finish()               # at session end: last clips, blog seeds, a flush
    pipeline.stop()                 # or, the worker stopping: nothing left in memory only

A message is either stored or still held for retry: when PostgreSQL is away, `flush()` keeps the
batch and the next call tries again. Memory holds a bounded number; beyond it, chat goes to the
session's journal on disk (`journal.py`), stored by later flushes once PostgreSQL is back. Without a
journal, a full buffer drops the oldest messages, and the log says so.

What the streamer teaches the Warden by answering flags (`store.flag_reviews`) takes effect during the
stream: every `RELEARN_EVERY` seconds a flush looks whether the lessons changed, and if so the session
goes on with a Warden built from them. Modes turned on or off (for tonight or for good,
`store.mode_settings`) are looked for the same way, every `MODES_EVERY` seconds (`ModeWatch`).
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from pathlib import Path

from chronicler.contract.errors import ServiceUnavailable
from chronicler.domain.chat import ChatMessage
from chronicler.domain.librarian import propose_blog_seeds
from chronicler.domain.policies import Writer
from chronicler.domain.recent_ids import RecentIds
from chronicler.domain.warden import Warden, WardenConfig, load_known_bots
from chronicler.pipeline.journal import Journal
from chronicler.pipeline.modes import Decisions, ModeRunner
from chronicler.pipeline.recorder import ChatRecorder
from chronicler.pipeline.reservoir import Reservoir
from chronicler.pipeline.session_ref import SessionRef
from chronicler.store import Database
from chronicler.store.chat import ChatStore
from chronicler.store.flag_reviews import lessons_stamp
from chronicler.store.mode_settings import ModeSetting, session_modes
from chronicler.store.sessions import StreamSession
from chronicler.store.warden_settings import warden_config

__all__ = [
    "ChatPipeline",
    "ChatRecorder",
    "ChatStore",
    "Decisions",
    "Journal",
    "ModeRunner",
    "ModeWatch",
    "SessionRef",
    "WardenLessons",
    "build_pipeline",
]

log = logging.getLogger(__name__)

_SEED_SAMPLE = 20_000  # messages kept (a uniform sample) to propose blog seeds from at the end
RELEARN_EVERY = 30.0  # seconds between looks at what the streamer taught the Warden meanwhile
MODES_EVERY = 5.0  # seconds between looks at the modes the streamer turned on or off meanwhile


class WardenLessons:
    """A new Warden for the session whenever the streamer's answers on flags taught something new."""

    def __init__(
        self,
        db: Database,
        user_id: int,
        *,
        known_bots: frozenset[str],
        every: float = RELEARN_EVERY,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Start from the lessons as they are now (those the session's first Warden was built with)."""
        self._db = db
        self._user_id = user_id
        self._known_bots = known_bots
        self._every = every
        self._clock = clock
        self._stamp = lessons_stamp(db, user_id)
        self._next = clock() + every

    def newer(self) -> Warden | None:
        """A Warden with the newest lessons, when the interval passed and they changed; else None."""
        now = self._clock()
        if now < self._next:
            return None
        self._next = now + self._every
        stamp = lessons_stamp(self._db, self._user_id)
        if stamp == self._stamp:
            return None
        # Stamp first: a lesson landing while the config is built is seen at the next look.
        warden = Warden(warden_config(self._db, self._user_id, known_bots=self._known_bots))
        self._stamp = stamp
        return warden


class ModeWatch:
    """The session's modes anew whenever the streamer turned one on or off (or retuned the Steward)."""

    def __init__(
        self,
        db: Database,
        user_id: int,
        session_id: int,
        modes: dict[str, ModeSetting],
        *,
        every: float = MODES_EVERY,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Start from `modes`, those the session's runner was built with."""
        self._db = db
        self._user_id = user_id
        self._session_id = session_id
        self._modes = modes
        self._every = every
        self._clock = clock
        self._next = clock() + every

    def newer(self) -> dict[str, ModeSetting] | None:
        """The session's modes, when the interval passed and they changed; else None."""
        now = self._clock()
        if now < self._next:
            return None
        self._next = now + self._every
        modes = session_modes(self._db, self._user_id, self._session_id)
        if modes == self._modes:
            return None
        self._modes = modes
        return modes


class ChatPipeline:
    """One session's pipeline: de-duplication, the modes, and the recorder."""

    def __init__(
        self,
        runner: ModeRunner,
        recorder: ChatRecorder,
        *,
        writer: Writer | None = None,
        recent_ids: int = 50_000,
        rng: Callable[[], float] = random.random,
        high_water: int = 20_000,
        lessons: WardenLessons | None = None,
        modes: ModeWatch | None = None,
    ) -> None:
        self.runner = runner
        self._lessons = lessons
        self._modes = modes
        self.recorder = recorder
        self._writer = writer
        self._recent = RecentIds(recent_ids)
        self._sample: Reservoir[ChatMessage] = Reservoir(_SEED_SAMPLE, rng=rng)  # what blog seeds come from
        self._flagged_chatters: set[str] = set()  # left out of the blog seeds
        self.duplicates = 0
        self._high_water = high_water

    @property
    def backlogged(self) -> bool:
        """More waits than one flush should carry: the reader should wait for a flush (backpressure).

        What a flush is storing right now does not count: under load the next batch fills while this
        one is stored, and counting both made the reader wait on PostgreSQL about once a second when
        PostgreSQL was keeping up (bench/ingest.py). Nor is there any point while PostgreSQL is away
        and a journal takes what memory cannot: waiting would stall the reader, and a live socket
        behind it, for the whole outage.
        """
        recorder = self.recorder
        return recorder.waiting >= self._high_water and not (recorder.away and recorder.journaling)

    @property
    def session(self) -> SessionRef:
        """The session this pipeline records."""
        return self.recorder.session

    def process(self, message: ChatMessage) -> Decisions | None:
        """Run the modes over one message and hold it for storing; None for a duplicate delivery."""
        if self._recent.seen_before(message.message_id):
            self.duplicates += 1
            return None
        decisions = self.runner.handle(message)
        self.recorder.add(message, decisions)
        # Blog seeds never come from a chatter the Warden flagged: a scammer's other lines are bait too.
        if decisions.verdict is None:
            self._sample.offer(message)
        elif len(self._flagged_chatters) < _SEED_SAMPLE:
            self._flagged_chatters.add(message.chatter_login)
        return decisions

    def flush(self) -> int:
        """Store what is held; the number of new messages stored. Now and then, take new lessons and modes."""
        stored = self.recorder.flush()
        if self._modes is not None:
            try:
                modes = self._modes.newer()
            except ServiceUnavailable as exc:
                log.debug("session %s: cannot look at the modes yet: %s", self.session.id, exc)
            else:
                if modes is not None:
                    on = sorted(name for name, setting in modes.items() if setting.enabled)
                    log.info("session %s: the modes change; on now: %s", self.session.id, ", ".join(on))
                    self.recorder.add_clips(self.runner.apply(modes))
        if self._lessons is not None:
            try:
                warden = self._lessons.newer()
            except ServiceUnavailable as exc:  # chat is stored, or held, whatever this look finds
                log.debug("session %s: cannot look for new Warden lessons yet: %s", self.session.id, exc)
            else:
                if warden is not None:
                    log.info("session %s: the Warden takes what the streamer taught it", self.session.id)
                    self.runner.replace_warden(warden)
        return stored

    def finish(self) -> None:
        """Session end: close clip windows, propose blog seeds; they are held with the rest until stored."""
        self.recorder.add_clips(self.runner.finish())
        self.recorder.flush()
        try:
            flagged = self._flagged_chatters
            sample = [m for m in self._sample.items if m.chatter_login not in flagged]
            seeds = propose_blog_seeds(sample, writer=self._writer)
        except Exception:  # seeds are a bonus: never lose the session's end over them
            log.exception("could not propose blog seeds for session %s", self.session.id)
        else:
            self.recorder.hold_seeds(seeds)
            self.recorder.flush()

    def stop(self) -> None:
        """The worker stops: close clip windows; store what is held, or put it in the journal."""
        self.recorder.add_clips(self.runner.finish())
        self.recorder.close()


def build_pipeline(
    db: Database,
    session: StreamSession,
    *,
    bot_login: str,
    writer: Writer | None = None,
    known_bots: frozenset[str] | None = None,
    high_water: int = 20_000,
    max_pending: int = 50_000,
    journal_dir: Path | None = None,
    relearn_every: float = RELEARN_EVERY,
    modes_every: float = MODES_EVERY,
    watch_modes: bool = True,
    clock: Callable[[], float] = time.monotonic,
) -> ChatPipeline:
    """A pipeline for `session` with the streamer's mode and Warden settings.

    With `journal_dir`, chat beyond `max_pending` held goes to the session's journal there (and one an
    earlier run left is stored first); keep `max_pending` above twice `high_water`, so that only
    PostgreSQL being away, never its keeping pace, sends chat to disk. Flushes look for new Warden
    lessons every `relearn_every` seconds of `clock`, and (with `watch_modes`) for modes turned on
    or off every `modes_every` seconds.
    """
    bots = known_bots if known_bots is not None else load_known_bots()
    modes = session_modes(db, session.user_id, session.id)
    config: WardenConfig = warden_config(db, session.user_id, known_bots=bots)
    runner = ModeRunner(
        modes,
        warden=Warden(config),
        bot_login=bot_login,
        known_bots=bots,
        theme=session.theme,
        writer=writer,
        started_at=session.started_at,
    )
    recorder = ChatRecorder(
        db,
        SessionRef(session.id, session.user_id, session.channel),
        bots=bots | {bot_login},
        max_pending=max_pending,
        journal=Journal(journal_dir, session.id) if journal_dir is not None else None,
    )
    # Looked for even while the Warden is off: it may be turned on during the session.
    lessons = WardenLessons(db, session.user_id, known_bots=bots, every=relearn_every, clock=clock)
    watch = (
        ModeWatch(db, session.user_id, session.id, modes, every=modes_every, clock=clock)
        if watch_modes
        else None
    )
    return ChatPipeline(runner, recorder, writer=writer, high_water=high_water, lessons=lessons, modes=watch)
