"""Holds chat and what the modes decided, and stores it in short batches.

A batch is stored whole or kept for retry. Memory holds at most `max_pending` messages: with a journal
(the worker's), what comes beyond goes to the session's file on disk, which later flushes store a chunk at
a time once PostgreSQL is back; without one (one-off pipelines, tests), the oldest is dropped, loudly.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque

from chronicler.contract.errors import ServiceUnavailable
from chronicler.domain.chat import ChatMessage
from chronicler.domain.librarian import BlogSeed, ClipCandidate
from chronicler.pipeline.journal import ClipRecord, Journal, MessageRecord, Record, SeedsRecord
from chronicler.pipeline.modes import NOTHING, Decisions
from chronicler.pipeline.session_ref import SessionRef
from chronicler.store import Database
from chronicler.store.blog_seeds import add_blog_seeds
from chronicler.store.chat import ChatStore

log = logging.getLogger(__name__)


class ChatRecorder:
    """Holds decided messages until `flush()` stores them; bounded in memory, journaled beyond."""

    def __init__(
        self,
        db: Database,
        session: SessionRef,
        *,
        max_pending: int = 50_000,
        bots: frozenset[str] = frozenset(),
        journal: Journal | None = None,
        chunk: int = 20_000,
    ) -> None:
        self._db = db
        self._store = ChatStore(db)
        self.session = session
        self._bots = bots  # their messages do not end a quiet stretch
        self._max_pending = max_pending
        self._journal = journal
        self._chunk = chunk  # journal records stored per transaction
        self._pending: deque[ChatMessage] = deque()
        # The few held messages the modes acted on, with what they decided, in the same order.
        self._decided: deque[tuple[ChatMessage, Decisions]] = deque()
        self._clips: list[ClipCandidate] = []
        self._seeds: list[BlogSeed] = []
        self.stored = 0
        self.dropped = 0
        self.journaled = 0  # messages the memory bound sent to the journal
        self._dropped_decided = 0
        self._storing = 0  # messages of the batch a flush is storing now
        self._away = False  # the last attempt to store failed
        self._journal_broken = False  # the journal could not be written: the bound drops again
        self._flushing = threading.Lock()

    @property
    def pending(self) -> int:
        """Messages held in memory, not yet stored."""
        return len(self._pending)

    @property
    def waiting(self) -> int:
        """Messages held that no flush is storing yet (what the next flush will take)."""
        return max(0, len(self._pending) - self._storing)

    @property
    def away(self) -> bool:
        """The last attempt to store failed: PostgreSQL is away."""
        return self._away

    @property
    def journaling(self) -> bool:
        """Chat beyond the memory bound goes to a journal (else the oldest held is dropped)."""
        return self._journal is not None and not self._journal_broken

    @property
    def settled(self) -> bool:
        """Nothing held anywhere: memory, blog seeds and journal all stored."""
        return (
            not self._pending
            and not self._clips
            and not self._seeds
            and (self._journal is None or not self._journal.backlog)
        )

    def add(self, message: ChatMessage, decisions: Decisions) -> None:
        """Hold a message (and its decisions) for the next flush."""
        full = len(self._pending) >= self._max_pending
        # Once the journal holds chat, chat goes on to it until it is all stored: memory then only
        # ever holds chat older than the journal's, and everything is stored in the order it came
        # (the counts keep a chatter's first display name and time: migration 0006).
        if full or (self._journal is not None and self._journal.backlog):
            if self._to_journal(message, decisions):
                return
            if full:
                self._drop_oldest()
        self._pending.append(message)
        if decisions is not NOTHING:
            self._decided.append((message, decisions))
            if decisions.clips:
                self._clips.extend(decisions.clips)

    def add_clips(self, clips: list[ClipCandidate]) -> None:
        """Hold clip candidates that closed outside a message (at session end)."""
        self._clips.extend(clips)

    def hold_seeds(self, seeds: list[BlogSeed]) -> None:
        """Hold the blog seeds proposed at session end, to be stored with the rest."""
        self._seeds.extend(seeds)

    def flush(self) -> int:
        """Store what memory holds in one transaction, then the blog seeds, then a chunk of the journal.

        The number of new messages stored. On a database failure everything is kept for the next call.
        Safe to call from several threads (the worker's timer and the session's end): one flush at a time.
        """
        with self._flushing:
            stored = self._flush_memory()
            if not self._away and self._seeds:
                self._flush_seeds()
            if not self._away and self._journal is not None and self._journal.backlog:
                stored += self._drain_one() or 0
            self._sync()
            return stored

    def close(self, *, wait: float = 2.0, budget: float = 3.0) -> None:
        """The last act (a stop): nothing may stay in memory only.

        Without a journal, one more flush. With one, everything held is written to it first, then as much of
        the journal stored as PostgreSQL takes within `budget` seconds; the rest waits for the next worker.
        Written first: an attempt to store may wait the pool's whole timeout when PostgreSQL has just gone,
        longer than a stop is given before the process is killed.
        """
        if self._journal is None:
            self.flush()
            return
        if not self._flushing.acquire(timeout=wait):
            # A flush is waiting on PostgreSQL: copy what is held without waiting for it. Whatever it stores
            # meanwhile is in the journal too, skipped as a duplicate when read back.
            self._spill(clear=False)
            return
        try:
            self._spill(clear=True)
            deadline = time.monotonic() + budget
            while not self._away and self._journal.backlog and time.monotonic() < deadline:
                if self._drain_one() is None:
                    break
        finally:
            try:
                self._journal.close()
            except OSError:
                log.exception("session %d: could not close the journal", self.session.id)
            self._flushing.release()

    # -- memory --------------------------------------------------------------------------------

    def _flush_memory(self) -> int:
        if not self._pending and not self._clips:
            return 0
        batch = list(self._pending)
        decided = list(self._decided)
        clips = list(self._clips)
        dropped, dropped_decided = self.dropped, self._dropped_decided
        self._storing = len(batch)
        try:
            stored = self._store.store(self.session, batch, decided, clips, self._bots)
        except ServiceUnavailable as exc:
            self._went_away(exc, f"{len(batch)} chat messages")
            return 0
        finally:
            self._storing = 0
        # Another thread may have added more meanwhile, and a full buffer without a journal dropped the
        # oldest (the front of this batch): forget exactly what was stored and is still held.
        for _ in range(len(batch) - min(self.dropped - dropped, len(batch))):
            self._pending.popleft()
        for _ in range(len(decided) - min(self._dropped_decided - dropped_decided, len(decided))):
            self._decided.popleft()
        del self._clips[: len(clips)]
        self.stored += stored
        self._came_back()
        return stored

    def _to_journal(self, message: ChatMessage, decisions: Decisions) -> bool:
        """Past the memory bound: the message goes to the journal; False when there is none to take it."""
        if self._journal is None or self._journal_broken:
            return False
        try:
            self._journal.append((_record(message, decisions),))
        except OSError:
            self._journal_broken = True
            log.exception(
                "session %d: cannot write the journal %s; beyond %d held in memory, chat is dropped",
                self.session.id,
                self._journal.path,
                self._max_pending,
            )
            return False
        if decisions.clips:
            self._clips.extend(decisions.clips)  # a few: they stay in memory
        self.journaled += 1
        if self.journaled == 1 or self.journaled % 10_000 == 0:
            log.warning(
                "session %d: chat goes to %s until PostgreSQL has stored it (%d so far; %d held in memory)",
                self.session.id,
                self._journal.path,
                self.journaled,
                len(self._pending),
            )
        return True

    def _drop_oldest(self) -> None:
        """Past the memory bound without a journal: let go of the oldest message, and say so."""
        oldest = self._pending.popleft()
        if self._decided and self._decided[0][0] is oldest:
            self._decided.popleft()
            self._dropped_decided += 1
        self.dropped += 1
        if self.dropped == 1 or self.dropped % 1000 == 0:
            log.error(
                "the database has been away too long: %d chat messages dropped so far (buffer of %d full)",
                self.dropped,
                self._max_pending,
            )

    def _spill(self, *, clear: bool) -> None:
        """Write everything held to the journal and sync it; with `clear`, memory then lets go of it."""
        assert self._journal is not None
        batch = list(self._pending)
        decided = list(self._decided)
        clips = list(self._clips)
        seeds = list(self._seeds)
        if not batch and not clips and not seeds:
            return
        of = {id(m): d for m, d in decided}
        records: list[Record] = [_record(m, of.get(id(m), NOTHING)) for m in batch]
        records += [ClipRecord(c) for c in clips]
        if seeds:
            records.append(SeedsRecord(tuple(seeds)))
        try:
            # What memory holds is older than all of the journal's (see add()): it is stored first. Not
            # while another thread may be draining (without `clear`): then it is appended.
            if not clear or not self._journal.append_oldest(records):
                self._journal.append(records)
            self._journal.sync()
        except OSError:
            log.exception(
                "session %d: could not write %d held chat messages to %s; storing them is all that is left",
                self.session.id,
                len(batch),
                self._journal.path,
            )
            if clear:
                self._flush_memory()
            return
        log.info(
            "session %d: kept in %s until stored: %d chat messages, %d clips, %d blog seeds",
            self.session.id,
            self._journal.path,
            len(batch),
            len(clips),
            len(seeds),
        )
        if clear:
            # The decided entries of these messages are the first ones (the same order).
            ids = {id(m) for m in batch}
            taken = sum(1 for m, _ in decided if id(m) in ids)
            for _ in batch:
                self._pending.popleft()
            for _ in range(taken):
                self._decided.popleft()
            del self._clips[: len(clips)]
            del self._seeds[: len(seeds)]

    # -- blog seeds and the journal -----------------------------------------------------------

    def _flush_seeds(self) -> None:
        seeds = list(self._seeds)
        try:
            self._store_seeds(seeds)
        except ServiceUnavailable as exc:
            self._went_away(exc, "the blog seeds")
            return
        del self._seeds[: len(seeds)]
        self._came_back()

    def _store_seeds(self, seeds: list[BlogSeed]) -> None:
        """Keep the session's blog seeds, unless it has some already (a journal read again after a crash)."""
        with self._db.transaction():
            if not self._db.exists("blog_seeds", {"session_id": self.session.id}):
                add_blog_seeds(
                    self._db, user_id=self.session.user_id, session_id=self.session.id, seeds=seeds
                )

    def _drain_one(self) -> int | None:
        """Store the journal's oldest chunk; how many of its messages were new (None: nothing stored)."""
        assert self._journal is not None
        try:
            chunk = self._journal.next_chunk(self._chunk)
        except OSError:
            log.exception(
                "session %d: cannot read the journal %s", self.session.id, self._journal.draining_path
            )
            return None
        if chunk is None:
            return None
        try:
            stored = 0
            if chunk.messages or chunk.clips:
                stored = self._store.store(
                    self.session, chunk.messages, chunk.decided, chunk.clips, self._bots
                )
            if chunk.seeds:
                self._store_seeds(chunk.seeds)
        except ServiceUnavailable as exc:
            self._went_away(exc, "the journal's chat")
            return None
        self._journal.advance(chunk)
        self.stored += stored
        self._came_back()
        if not self._journal.backlog:
            log.info("session %d: the journal is stored, and deleted", self.session.id)
        return stored

    def _sync(self) -> None:
        if self._journal is None:
            return
        try:
            self._journal.sync()
        except OSError:
            log.exception("session %d: cannot sync the journal %s", self.session.id, self._journal.path)

    # -- the database coming and going ----------------------------------------------------------

    def _went_away(self, exc: Exception, what: str) -> None:
        if not self._away:  # said once per outage, not at every retry
            log.warning(
                "session %d: could not store %s, keeping it all for the next try: %s",
                self.session.id,
                what,
                exc,
            )
        self._away = True

    def _came_back(self) -> None:
        if self._away:
            log.info("session %d: the database is back; storing what was held", self.session.id)
        self._away = False


def _record(message: ChatMessage, decisions: Decisions) -> MessageRecord:
    """A message and what storing it needs of the decisions (its clips are held apart)."""
    if decisions is NOTHING:
        return MessageRecord(message)
    return MessageRecord(message, decisions.verdict, tuple(decisions.notables), decisions.reply)
