"""Stores a batch of decided chat in one transaction.

The new messages, their counts, and what the modes decided.
"""

from __future__ import annotations

import functools
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import msgspec
import psycopg
from psycopg import pq
from psycopg.adapt import Dumper
from psycopg.types.json import Jsonb

from chronicler.domain.chat import ChatMessage
from chronicler.domain.librarian import ClipCandidate, NotableMessage
from chronicler.domain.warden import Verdict
from chronicler.store import Database

__all__ = ["ChatStore", "Decided", "SessionKey"]


# Shapes, not the pipeline's classes: the store imports only the domain and the contract of ours.
class SessionKey(Protocol):
    """The session a batch belongs to, as much as storing needs (the pipeline's `SessionRef`)."""

    @property
    def id(self) -> int:
        """The session's id."""
        ...

    @property
    def user_id(self) -> int:
        """Its streamer's id."""
        ...

    @property
    def channel(self) -> str:
        """Its Twitch channel."""
        ...


class Decided(Protocol):
    """What the modes made of one message, as much as storing needs (the pipeline's `Decisions`)."""

    @property
    def verdict(self) -> Verdict | None:
        """The Warden's flag, if any."""
        ...

    @property
    def notables(self) -> Sequence[NotableMessage]:
        """Messages the Librarian kept."""
        ...

    @property
    def reply(self) -> str | None:
        """What the Steward will say, if anything."""
        ...


_COLUMNS = (
    "session_id",
    "channel",
    "twitch_message_id",
    "chatter_login",
    "chatter_id",
    "display_name",
    "text",
    "sent_at",
    "badges",
    "first_message",
)

_STAGING = """
CREATE TEMP TABLE IF NOT EXISTS incoming_chat (
    session_id bigint, channel text, twitch_message_id text, chatter_login text, chatter_id text,
    display_name text, text text, sent_at timestamptz, badges text[], first_message boolean
) ON COMMIT DELETE ROWS
"""

# Binary COPY: psycopg writes a row in a quarter of the time it takes in text, mostly because a
# timestamp needs no formatting (bench/ingest.py), and PostgreSQL need not parse it either.
_COPY_DIRECT = f"COPY chat_messages ({', '.join(_COLUMNS)}) FROM STDIN (FORMAT BINARY)"
_COPY_STAGED = f"COPY incoming_chat ({', '.join(_COLUMNS)}) FROM STDIN (FORMAT BINARY)"
_COPY_TYPES = ("int8", "text", "text", "text", "text", "text", "text", "timestamptz", "text[]", "bool")

# The staged rows not stored yet, inserted (a trigger counts them: migration 0006); how many were new,
# which of `decided` were, and the latest new message from a human.
_INSERT_STAGED = f"""
WITH new AS (
    INSERT INTO chat_messages ({", ".join(_COLUMNS)})
    SELECT {", ".join(_COLUMNS)} FROM incoming_chat
    ON CONFLICT (channel, twitch_message_id) DO NOTHING
    RETURNING twitch_message_id, chatter_login, sent_at
)
SELECT count(*)::int AS stored,
       array_agg(twitch_message_id) FILTER (WHERE twitch_message_id = ANY(%(decided)s::text[])) AS decided,
       max(sent_at) FILTER (WHERE NOT chatter_login = ANY(%(bots)s::text[])) AS last_human
FROM new
"""

# Known bots do not end a quiet stretch: the last human message is set here, not by the trigger.
_LAST_HUMAN = """
UPDATE stream_sessions SET last_human_at = greatest(last_human_at, %(at)s) WHERE id = %(sid)s
"""

# What the modes decided: one statement per table, its rows sent as one JSON document (encoded by
# msgspec in C). executemany made a round trip per few rows, each one waiting to take the GIL back,
# and psycopg builds arrays of parameters in Python: both cost more than the COPY of the whole batch.
_INSERT_FLAGS = """
INSERT INTO flags (user_id, session_id, twitch_message_id, chatter_login, display_name, text, sent_at, rule,
                   score, reason)
SELECT %(user)s, %(sid)s, * FROM json_to_recordset(%(rows)s::json) AS r(
    twitch_message_id text, chatter_login text, display_name text, text text, sent_at timestamptz, rule text,
    score real, reason text)
ON CONFLICT (session_id, twitch_message_id) DO NOTHING
"""
_INSERT_NOTABLES = """
INSERT INTO notable_messages (
    session_id, twitch_message_id, chatter_login, text, sent_at, kind, reply_to, reason)
SELECT %(sid)s, * FROM json_to_recordset(%(rows)s::json) AS r(
    twitch_message_id text, chatter_login text, text text, sent_at timestamptz, kind text, reply_to text,
    reason text)
"""
_INSERT_OUTBOX = """
INSERT INTO chat_outbox (session_id, channel, mode, text)
SELECT %(sid)s, %(channel)s, * FROM json_to_recordset(%(rows)s::json) AS r(mode text, text text)
"""
_INSERT_ACTIONS = """
INSERT INTO agent_actions (session_id, mode, action_type, trigger_message_id, text, created_at)
SELECT %(sid)s, * FROM json_to_recordset(%(rows)s::json) AS r(
    mode text, action_type text, trigger_message_id text, text text, created_at timestamptz)
"""


# A clip is one window of a streamer's chat: the same window again (a journal stored twice, the same log
# replayed) is the same clip, stored once (the unique index of migration 0009).
_INSERT_CLIP = """
INSERT INTO clip_candidates (user_id, session_id, start_at, end_at, score, reason, samples, peak_at, kind)
VALUES (%(user)s, %(sid)s, %(start)s, %(end)s, %(score)s, %(reason)s, %(samples)s, %(peak)s, %(kind)s)
ON CONFLICT DO NOTHING
"""


@dataclass(frozen=True, slots=True)
class _Batch:
    session: SessionKey
    messages: Sequence[ChatMessage]
    decided: Sequence[tuple[ChatMessage, Decided]]
    clips: Sequence[ClipCandidate]
    bots: frozenset[str]


class ChatStore:
    """Stores batches of decided chat; a batch is stored whole, or `ServiceUnavailable` stores none of it."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def store(
        self,
        session: SessionKey,
        messages: Sequence[ChatMessage],
        decided: Sequence[tuple[ChatMessage, Decided]],
        clips: Sequence[ClipCandidate],
        bots: frozenset[str],
    ) -> int:
        """Store `messages`, what the modes `decided` about some of them, and `clips`.

        Returns how many messages were new.
        """
        batch = _Batch(session, messages, decided, clips, bots)
        if self._db.in_transaction:
            # Inside a caller's transaction this one is a savepoint, whose rows the COPY path cannot
            # tell apart from earlier ones (it goes by the top transaction's id): stage instead.
            return self._store(batch, staged=True)
        try:
            return self._store(batch, staged=False)
        except psycopg.errors.UniqueViolation:  # some were stored before: delivery is at-least-once
            return self._store(batch, staged=True)

    def _store(self, batch: _Batch, *, staged: bool) -> int:
        """One transaction: the batch's new messages, their counts and decisions, the clips.

        Returns how many were new.
        """
        with self._db.transaction() as conn:
            stored, fresh = self._store_messages(conn, batch, staged=staged)
            decided = (
                batch.decided
                if fresh is None
                else [(m, d) for m, d in batch.decided if m.message_id in fresh]
            )
            self._store_decisions(conn, batch.session, decided)
            self._store_clips(conn, batch.session, batch.clips)
        return stored

    def _store_messages(self, conn: Any, batch: _Batch, *, staged: bool) -> tuple[int, set[str] | None]:
        """Store the batch's new messages; how many were new, and which decided ones (None: all of them).

        The batch is COPYed straight into chat_messages, or, when some of it is already stored, into a
        temporary table first, from which only the new messages are inserted. Either way PostgreSQL
        counts the new rows itself, in a trigger (migration 0006): that keeps the counting off this
        process's GIL, which the modes need (bench/ingest.py).
        """
        if not batch.messages:  # only clips to store (those closed at session end)
            return 0, set()
        sid, channel = batch.session.id, batch.session.channel
        if staged:
            conn.execute(_STAGING)
        with conn.cursor() as cur:
            cur.adapters.register_dumper(frozenset, _BadgesDumper)  # this cursor only
            with cur.copy(_COPY_STAGED if staged else _COPY_DIRECT) as copy:
                copy.set_types(_COPY_TYPES)
                for m in batch.messages:
                    copy.write_row(
                        (
                            sid,
                            channel,
                            m.message_id,
                            m.chatter_login,
                            m.chatter_id,
                            m.display_name,
                            m.text,
                            m.sent_at,
                            m.badges,
                            m.first_message,
                        )
                    )
            if staged:
                cur.execute(
                    _INSERT_STAGED,
                    {"decided": [m.message_id for m, _ in batch.decided], "bots": sorted(batch.bots)},
                )
                row = cur.fetchone()
                assert row is not None
                stored, fresh, last_human = row["stored"], set(row["decided"] or ()), row["last_human"]
            else:  # every message is new
                stored, fresh = len(batch.messages), None
                last_human = max(
                    (m.sent_at for m in batch.messages if m.chatter_login not in batch.bots), default=None
                )
            if last_human is not None:
                cur.execute(_LAST_HUMAN, {"at": last_human, "sid": sid})
        return stored, fresh

    def _store_decisions(
        self, conn: Any, s: SessionKey, fresh: Sequence[tuple[ChatMessage, Decided]]
    ) -> None:
        """Flags, notable messages, Steward replies (outbox) and their agent actions."""
        flags: list[dict[str, Any]] = []
        notables: list[dict[str, Any]] = []
        outbox: list[dict[str, Any]] = []
        actions: list[dict[str, Any]] = []
        for m, d in fresh:
            if d.verdict is not None:
                v = d.verdict
                flags.append(
                    {
                        "twitch_message_id": m.message_id,
                        "chatter_login": m.chatter_login,
                        "display_name": m.display_name,
                        "text": m.text,
                        "sent_at": m.sent_at,
                        "rule": v.rule,
                        "score": v.score,
                        "reason": v.reason,
                    }
                )
                actions.append(
                    {
                        "mode": "warden",
                        "action_type": "flag",
                        "trigger_message_id": m.message_id,
                        "text": f"{v.rule}: {v.reason}",
                        "created_at": m.sent_at,
                    }
                )
            for n in d.notables:
                notables.append(
                    {
                        "twitch_message_id": n.message.message_id,
                        "chatter_login": n.message.chatter_login,
                        "text": n.message.text,
                        "sent_at": n.message.sent_at,
                        "kind": str(n.kind),
                        "reply_to": n.reply_to,
                        "reason": n.reason,
                    }
                )
            if d.reply:
                outbox.append({"mode": "steward", "text": d.reply})
                actions.append(
                    {
                        "mode": "steward",
                        "action_type": "reply",
                        "trigger_message_id": m.message_id,
                        "text": d.reply,
                        "created_at": m.sent_at,
                    }
                )
        ids = {"user": s.user_id, "sid": s.id, "channel": s.channel}
        with conn.cursor() as cur:
            for statement, rows in (
                (_INSERT_FLAGS, flags),
                (_INSERT_NOTABLES, notables),
                (_INSERT_OUTBOX, outbox),
                (_INSERT_ACTIONS, actions),
            ):
                if rows:
                    cur.execute(statement, {**ids, "rows": _JSON.encode(rows).decode()})

    def _store_clips(self, conn: Any, s: SessionKey, clips: Sequence[ClipCandidate]) -> None:
        """The clip candidates the session has not got yet (a journal may be stored again after a crash)."""
        if not clips:
            return
        with conn.cursor() as cur:
            cur.executemany(
                _INSERT_CLIP,
                [
                    {
                        "user": s.user_id,
                        "sid": s.id,
                        "start": c.start,
                        "end": c.end,
                        "score": c.score,
                        "reason": c.reason,
                        "samples": Jsonb([f"{m.chatter_login}: {m.text}" for m in c.sample_messages]),
                        "peak": c.peak,  # where chat peaked and the reaction's kind (migration 0013)
                        "kind": c.kind,
                    }
                    for c in clips
                ],
            )


_JSON = msgspec.json.Encoder()
_TEXT_OID = 25
_TEXT_ARRAY_OID = 1009


class _BadgesDumper(Dumper):
    """A badge set as a binary ``text[]``: the few sets repeat endlessly, so each is encoded once."""

    format = pq.Format.BINARY
    oid = _TEXT_ARRAY_OID

    def dump(self, obj: frozenset[str]) -> bytes:
        return _binary_text_array(obj)


@functools.cache
def _binary_text_array(items: frozenset[str]) -> bytes:
    """PostgreSQL's binary array format (array_recv).

    Dimensions, no nulls, element type, then each element.
    """
    values = [item.encode() for item in sorted(items)]
    if not values:
        return struct.pack("!iiI", 0, 0, _TEXT_OID)
    header = struct.pack("!iiIii", 1, 0, _TEXT_OID, len(values), 1)
    return header + b"".join(struct.pack("!i", len(value)) + value for value in values)
