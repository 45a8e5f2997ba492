"""Holds chat and what the modes decided, and stores it in short batches.

A batch is stored whole or kept for retry.
"""

from __future__ import annotations

import logging
import threading
from collections import deque

from chronicler.contract.errors import ServiceUnavailable
from chronicler.domain.chat import ChatMessage
from chronicler.domain.librarian import BlogSeed, ClipCandidate
from chronicler.pipeline.modes import NOTHING, Decisions
from chronicler.pipeline.session_ref import SessionRef
from chronicler.store import Database
from chronicler.store.blog_seeds import add_blog_seeds
from chronicler.store.chat import ChatStore

log = logging.getLogger(__name__)


class ChatRecorder:
    """Holds decided messages until `flush()` stores them; bounded, and loud when it must drop."""

    def __init__(
        self,
        db: Database,
        session: SessionRef,
        *,
        max_pending: int = 200_000,
        bots: frozenset[str] = frozenset(),
    ) -> None:
        self._db = db
        self._store = ChatStore(db)
        self.session = session
        self._bots = bots  # their messages do not end a quiet stretch
        self._max_pending = max_pending
        self._pending: deque[ChatMessage] = deque()
        # The few held messages the modes acted on, with what they decided, in the same order.
        self._decided: deque[tuple[ChatMessage, Decisions]] = deque()
        self._clips: list[ClipCandidate] = []
        self.stored = 0
        self.dropped = 0
        self._dropped_decided = 0
        self._storing = 0  # messages of the batch a flush is storing now
        self._flushing = threading.Lock()

    @property
    def pending(self) -> int:
        """Messages held, not yet stored."""
        return len(self._pending)

    @property
    def waiting(self) -> int:
        """Messages held that no flush is storing yet (what the next flush will take)."""
        return max(0, len(self._pending) - self._storing)

    def add(self, message: ChatMessage, decisions: Decisions) -> None:
        """Hold a message (and its decisions) for the next flush."""
        if len(self._pending) >= self._max_pending:
            oldest = self._pending.popleft()
            if self._decided and self._decided[0][0] is oldest:
                self._decided.popleft()
                self._dropped_decided += 1
            self.dropped += 1
            if self.dropped == 1 or self.dropped % 1000 == 0:
                log.error(
                    "the database has been away too long: %d chat messages dropped so far "
                    "(buffer of %d full)",
                    self.dropped,
                    self._max_pending,
                )
        self._pending.append(message)
        if decisions is not NOTHING:
            self._decided.append((message, decisions))
            if decisions.clips:
                self._clips.extend(decisions.clips)

    def add_clips(self, clips: list[ClipCandidate]) -> None:
        """Hold clip candidates that closed outside a message (at session end)."""
        self._clips.extend(clips)

    def flush(self) -> int:
        """Store everything held in one transaction; on a database failure keep it all and return 0.

        Safe to call from several threads (the worker's timer and the session's end): one flush at a time.
        """
        with self._flushing:
            return self._flush()

    def _flush(self) -> int:
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
            log.warning(
                "could not store %d chat messages, keeping them for the next try: %s", len(batch), exc
            )
            return 0
        finally:
            self._storing = 0
        # Another thread may have added more meanwhile, and a full buffer dropped the oldest (the front of
        # this batch): forget exactly what was stored and is still held.
        for _ in range(len(batch) - min(self.dropped - dropped, len(batch))):
            self._pending.popleft()
        for _ in range(len(decided) - min(self._dropped_decided - dropped_decided, len(decided))):
            self._decided.popleft()
        del self._clips[: len(clips)]
        self.stored += stored
        return stored

    def store_blog_seeds(self, seeds: list[BlogSeed]) -> None:
        """Keep the blog seeds proposed at session end."""
        add_blog_seeds(self._db, user_id=self.session.user_id, session_id=self.session.id, seeds=seeds)
