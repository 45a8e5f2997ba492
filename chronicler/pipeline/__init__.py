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
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from pathlib import Path

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
from chronicler.store.mode_settings import get_modes
from chronicler.store.sessions import StreamSession
from chronicler.store.warden_settings import warden_config

__all__ = [
    "ChatPipeline",
    "ChatRecorder",
    "ChatStore",
    "Decisions",
    "Journal",
    "ModeRunner",
    "SessionRef",
    "build_pipeline",
]

log = logging.getLogger(__name__)

_SEED_SAMPLE = 20_000  # messages kept (a uniform sample) to propose blog seeds from at the end


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
    ) -> None:
        self.runner = runner
        self.recorder = recorder
        self._writer = writer
        self._recent = RecentIds(recent_ids)
        self._sample: Reservoir[ChatMessage] = Reservoir(_SEED_SAMPLE, rng=rng)  # what blog seeds come from
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
        self._sample.offer(message)
        return decisions

    def flush(self) -> int:
        """Store what is held; the number of new messages stored."""
        return self.recorder.flush()

    def finish(self) -> None:
        """Session end: close clip windows, propose blog seeds; they are held with the rest until stored."""
        self.recorder.add_clips(self.runner.finish())
        self.recorder.flush()
        try:
            seeds = propose_blog_seeds(self._sample.items, writer=self._writer)
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
) -> ChatPipeline:
    """A pipeline for `session` with the streamer's mode and Warden settings.

    With `journal_dir`, chat beyond `max_pending` held goes to the session's journal there (and one an
    earlier run left is stored first); keep `max_pending` above twice `high_water`, so that only
    PostgreSQL being away, never its keeping pace, sends chat to disk.
    """
    bots = known_bots if known_bots is not None else load_known_bots()
    modes = get_modes(db, session.user_id)
    config: WardenConfig = warden_config(db, session.user_id, known_bots=bots)
    runner = ModeRunner(
        modes,
        warden=Warden(config),
        bot_login=bot_login,
        known_bots=bots,
        theme=session.theme,
        writer=writer,
    )
    recorder = ChatRecorder(
        db,
        SessionRef(session.id, session.user_id, session.channel),
        bots=bots | {bot_login},
        max_pending=max_pending,
        journal=Journal(journal_dir, session.id) if journal_dir is not None else None,
    )
    return ChatPipeline(runner, recorder, writer=writer, high_water=high_water)
