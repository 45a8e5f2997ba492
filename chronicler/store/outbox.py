"""The chat outbox: messages the bot will say in a channel, queued, claimed by one worker, then settled.

    queue_message(db, session_id, channel="pixel_wren", mode="hearthkeeper", text="...")
    message = claim_next_message(db)        # 'sending' now; no other worker gets it
    mark_sent(db, message.id, at=now) or mark_failed(db, message.id, "dropped by Twitch")
    fail_unsettled(db, "outcome unknown")    # at start-up: what a stopped worker left 'sending'

Nothing ever goes back to 'queued': a message is claimed once, so it is sent at most once. A 'sent'
message stays sent.

A trigger announces each queued message on `notifications.OUTBOX_CHANNEL` (migration 0002).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from chronicler.store import Database
from chronicler.store._claim import claim_one


@dataclass(frozen=True)
class OutboxMessage:
    """One claimed message: where it goes and what it says."""

    id: int
    channel: str
    text: str


def queue_message(db: Database, session_id: int, *, channel: str, mode: str, text: str) -> None:
    """Queue a message of `mode` for the session's channel."""
    db.insert(
        "chat_outbox",
        {"session_id": session_id, "channel": channel, "mode": mode, "text": text},
        returning=None,
    )


def claim_next_message(db: Database) -> OutboxMessage | None:
    """The oldest queued message, marked 'sending' with one more attempt; None when none is free.

    Claimed and marked in one transaction: two workers never send the same message, and a worker
    that dies after this leaves it 'sending' (sent or not, nobody knows) rather than sending it twice;
    `fail_unsettled` settles it when a worker starts again.
    """
    with db.transaction():
        # A replay's session never speaks in chat: what its modes would have said stays queued for it.
        row = claim_one(
            db,
            "SELECT o.id, o.channel, o.text FROM chat_outbox o JOIN stream_sessions s ON s.id = o.session_id"
            " WHERE o.status = 'queued' AND s.fed_by = 'worker' ORDER BY o.id LIMIT 1",
            of="o",
        )
        if row is None:
            return None
        db.execute(
            "UPDATE chat_outbox SET attempts = attempts + 1, status = 'sending' WHERE id = %s", (row["id"],)
        )
    return OutboxMessage(row["id"], row["channel"], row["text"])


def mark_sent(db: Database, outbox_id: int, *, at: datetime) -> None:
    """The message went out at `at`."""
    db.execute(
        "UPDATE chat_outbox SET status = 'sent', sent_at = %s, error = NULL WHERE id = %s", (at, outbox_id)
    )


def mark_failed(db: Database, outbox_id: int, error: str) -> None:
    """The message could not be sent, and why (a message recorded as sent stays sent)."""
    db.execute(
        "UPDATE chat_outbox SET status = 'failed', sent_at = NULL, error = %s"
        " WHERE id = %s AND status <> 'sent'",
        (error, outbox_id),
    )


def fail_unsettled(db: Database, error: str) -> int:
    """Mark every message still 'sending' failed with `error`; how many there were.

    For start-up: a worker that stopped between claiming and settling may or may not have got the
    message to Twitch, so it is not sent again. (Were another worker mid-send, its own verdict still
    lands afterwards, as `mark_sent` and `mark_failed` overwrite this one.)
    """
    return db.execute(
        "UPDATE chat_outbox SET status = 'failed', error = %s WHERE status = 'sending'", (error,)
    )


def fail_queued(db: Database, session_id: int, error: str) -> int:
    """Mark the session's queued messages failed with `error` (a replay's, never posted); how many."""
    return db.execute(
        "UPDATE chat_outbox SET status = 'failed', error = %s WHERE session_id = %s AND status = 'queued'",
        (error, session_id),
    )
