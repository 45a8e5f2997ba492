"""Writes chat and what the modes decided in short batches; a batch is stored whole or kept for retry."""

from __future__ import annotations

import functools
import logging
import threading
from collections import deque
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from core.chat import ChatMessage
from core.db import Database
from core.errors import ServiceUnavailable
from core.librarian import BlogSeed, ClipCandidate
from core.pipeline.modes import NOTHING, Decisions

log = logging.getLogger(__name__)

_COLUMNS = ("session_id", "channel", "twitch_message_id", "chatter_login", "chatter_id", "display_name",
            "text", "sent_at", "badges", "first_message")

_STAGING = """
CREATE TEMP TABLE IF NOT EXISTS incoming_chat (
    session_id bigint, channel text, twitch_message_id text, chatter_login text, chatter_id text,
    display_name text, text text, sent_at timestamptz, badges text[], first_message boolean
) ON COMMIT DELETE ROWS
"""

_COPY_DIRECT = f"COPY chat_messages ({', '.join(_COLUMNS)}) FROM STDIN"
_COPY_STAGED = f"COPY incoming_chat ({', '.join(_COLUMNS)}) FROM STDIN"

# The rows this transaction COPYed in: found through the (session_id, sent_at) index, told apart from
# earlier batches' rows in the same time range by their inserting transaction.
_NEW_COPIED = """
new AS (
    SELECT twitch_message_id, chatter_login, display_name, sent_at, first_message FROM chat_messages
    WHERE session_id = %(sid)s AND sent_at BETWEEN %(first)s AND %(last)s AND xmin = pg_current_xact_id()::xid
)"""

# The staged rows not stored yet, inserted.
_NEW_STAGED = f"""
new AS (
    INSERT INTO chat_messages ({', '.join(_COLUMNS)})
    SELECT {', '.join(_COLUMNS)} FROM incoming_chat
    ON CONFLICT (channel, twitch_message_id) DO NOTHING
    RETURNING twitch_message_id, chatter_login, display_name, sent_at, first_message
)"""

# Counts the new messages per minute, per chatter (a new chatter keeps the display name of their first
# message) and per session; known bots do not move the idle clock (last_human_at). Answers how many
# were new and which of `decided` were.
_COUNT_NEW = """
, minutes AS (
    INSERT INTO session_minutes (session_id, minute, messages)
    SELECT %(sid)s, date_trunc('minute', sent_at, 'UTC'), count(*) FROM new GROUP BY 2
    ON CONFLICT (session_id, minute) DO UPDATE SET messages = session_minutes.messages + EXCLUDED.messages
), chatters AS (
    INSERT INTO session_chatters (session_id, chatter_login, display_name, messages, first_time, first_seen_at)
    SELECT %(sid)s, chatter_login, (array_agg(display_name ORDER BY sent_at))[1], count(*), bool_or(first_message),
           min(sent_at)
    FROM new GROUP BY chatter_login
    ON CONFLICT (session_id, chatter_login) DO UPDATE SET
        messages = session_chatters.messages + EXCLUDED.messages,
        first_time = session_chatters.first_time OR EXCLUDED.first_time
), counted AS (
    UPDATE stream_sessions SET
        message_count = message_count + (SELECT count(*) FROM new),
        last_chat_at = greatest(last_chat_at, (SELECT max(sent_at) FROM new)),
        last_human_at = greatest(last_human_at,
                                 (SELECT max(sent_at) FROM new WHERE chatter_login <> ALL(%(bots)s::text[])))
    WHERE id = %(sid)s
)
SELECT (SELECT count(*) FROM new)::int AS stored,
       (SELECT array_agg(twitch_message_id) FROM new WHERE twitch_message_id = ANY(%(decided)s::text[])) AS decided
"""

_COUNT_COPIED = "WITH" + _NEW_COPIED + _COUNT_NEW
_COUNT_STAGED = "WITH" + _NEW_STAGED + _COUNT_NEW


@dataclass(frozen=True)
class SessionRef:
    """The session being recorded."""

    id: int
    user_id: int
    channel: str


@dataclass(slots=True)
class _Pending:
    message: ChatMessage
    decisions: Decisions


class ChatRecorder:
    """Holds decided messages until `flush()` stores them; bounded, and loud when it must drop."""

    def __init__(self, db: Database, session: SessionRef, *, max_pending: int = 200_000,
                 bots: frozenset[str] = frozenset()) -> None:
        self._db = db
        self.session = session
        self._bots = sorted(bots)  # their messages do not end a quiet stretch
        self._max_pending = max_pending
        self._pending: deque[_Pending] = deque()
        self._clips: list[ClipCandidate] = []
        self.stored = 0
        self.dropped = 0
        self._flushing = threading.Lock()

    @property
    def pending(self) -> int:
        """Messages held, not yet stored."""
        return len(self._pending)

    def add(self, message: ChatMessage, decisions: Decisions) -> None:
        """Hold a message (and its decisions) for the next flush."""
        if len(self._pending) >= self._max_pending:
            self._pending.popleft()
            self.dropped += 1
            if self.dropped == 1 or self.dropped % 1000 == 0:
                log.error("the database has been away too long: %d chat messages dropped so far "
                          "(buffer of %d full)", self.dropped, self._max_pending)
        self._pending.append(_Pending(message, decisions))
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
        clips = list(self._clips)
        try:
            try:
                stored = self._store(batch, clips, staged=False)
            except psycopg.errors.UniqueViolation:  # some were stored before: delivery is at-least-once
                stored = self._store(batch, clips, staged=True)
        except ServiceUnavailable as exc:
            log.warning("could not store %d chat messages, keeping them for the next try: %s", len(batch), exc)
            return 0
        for _ in batch:
            self._pending.popleft()
        del self._clips[: len(clips)]
        self.stored += stored
        return stored

    def store_blog_seeds(self, seeds: list[BlogSeed]) -> None:
        """Keep the blog seeds proposed at session end."""
        if seeds:
            self._db.execute_many(
                "INSERT INTO blog_seeds (user_id, session_id, topic, description, related_message_ids)"
                " VALUES (%s, %s, %s, %s, %s)",
                [(self.session.user_id, self.session.id, s.topic, s.description, list(s.related_message_ids))
                 for s in seeds],
            )

    # -- the parts of one flush ---------------------------------------------------------------

    def _store(self, batch: list[_Pending], clips: list[ClipCandidate], *, staged: bool) -> int:
        """One transaction: the batch's new messages, their counts and decisions, the clips; how many were new."""
        with self._db.transaction() as conn:
            stored, decided = self._store_messages(conn, batch, staged=staged)
            self._store_decisions(conn, [p for p in batch if p.message.message_id in decided])
            self._store_clips(conn, clips)
        return stored

    def _store_messages(self, conn: Any, batch: list[_Pending], *, staged: bool) -> tuple[int, set[str]]:
        """Store the batch's new messages and count them in; how many were new, and the new ones with decisions.

        The batch is COPYed straight into chat_messages, or, when some of it is already stored, into a
        temporary table first, from which only the new messages are inserted. Either way one statement
        then counts exactly the new rows inside PostgreSQL: counting there, not here, keeps that work
        off this process's GIL, which the modes need (bench/ingest.py).
        """
        sid, channel = self.session.id, self.session.channel
        if staged:
            conn.execute(_STAGING)
        with conn.cursor() as cur:
            with cur.copy(_COPY_STAGED if staged else _COPY_DIRECT) as copy:
                for item in batch:
                    m = item.message
                    copy.write_row((sid, channel, m.message_id, m.chatter_login, m.chatter_id, m.display_name,
                                    m.text, m.sent_at, _array_literal(m.badges), m.first_message))
            decided = [item.message.message_id for item in batch if item.decisions is not NOTHING]
            times = [item.message.sent_at for item in batch]
            cur.execute(_COUNT_STAGED if staged else _COUNT_COPIED,
                        {"sid": sid, "bots": self._bots, "decided": decided, "first": min(times), "last": max(times)})
            row = cur.fetchone()
        assert row is not None
        return row["stored"], set(row["decided"] or ())

    def _store_decisions(self, conn: Any, fresh: list[_Pending]) -> None:
        """Flags, notable messages, Steward replies (outbox) and their agent actions."""
        s = self.session
        flags, notables, outbox, actions = [], [], [], []
        for item in fresh:
            m, d = item.message, item.decisions
            if d.verdict is not None:
                flags.append((s.user_id, s.id, m.message_id, m.chatter_login, m.display_name, m.text, m.sent_at,
                              d.verdict.rule, d.verdict.score, d.verdict.reason))
                actions.append((s.id, "warden", "flag", m.message_id, f"{d.verdict.rule}: {d.verdict.reason}",
                                m.sent_at))
            for n in d.notables:
                notables.append((s.id, n.message.message_id, n.message.chatter_login, n.message.text,
                                 n.message.sent_at, str(n.kind), n.reply_to, n.reason))
            if d.reply:
                outbox.append((s.id, s.channel, "steward", d.reply))
                actions.append((s.id, "steward", "reply", m.message_id, d.reply, m.sent_at))
        with conn.cursor() as cur:
            if flags:
                cur.executemany(
                    "INSERT INTO flags (user_id, session_id, twitch_message_id, chatter_login, display_name, text,"
                    " sent_at, rule, score, reason) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
                    " ON CONFLICT (session_id, twitch_message_id) DO NOTHING", flags)
            if notables:
                cur.executemany(
                    "INSERT INTO notable_messages (session_id, twitch_message_id, chatter_login, text, sent_at,"
                    " kind, reply_to, reason) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)", notables)
            if outbox:
                cur.executemany(
                    "INSERT INTO chat_outbox (session_id, channel, mode, text) VALUES (%s, %s, %s, %s)", outbox)
            if actions:
                cur.executemany(
                    "INSERT INTO agent_actions (session_id, mode, action_type, trigger_message_id, text, created_at)"
                    " VALUES (%s, %s, %s, %s, %s, %s)", actions)

    def _store_clips(self, conn: Any, clips: list[ClipCandidate]) -> None:
        if not clips:
            return
        s = self.session
        with conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO clip_candidates (user_id, session_id, start_at, end_at, score, reason, samples)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s)",
                [(s.user_id, s.id, c.start, c.end, c.score, c.reason,
                  Jsonb([f"{m.chatter_login}: {m.text}" for m in c.sample_messages])) for c in clips],
            )


@functools.cache
def _array_literal(badges: frozenset[str]) -> str:
    """A text[] literal for COPY: the few badge sets repeat endlessly, and the generic adapter is slow."""
    return "{" + ",".join(sorted(badges)) + "}"
