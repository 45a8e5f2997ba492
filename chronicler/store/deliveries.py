"""Ledger deliveries: each posting of a ledger, claimed by one scheduler, retried, then finished.

    with db.transaction():
        delivery = claim_due_delivery(db, due_by=now)     # held while it is posted
        ...
        finish_delivery(db, delivery.id, "delivered", destination="webhook", message_id=..., at=now)

Queued by `ledgers.queue_delivery`. Times are the scheduler's clock, never PostgreSQL's: due rows
are compared against the same clock that dated them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from chronicler.store import Database
from chronicler.store._claim import claim_one


@dataclass(frozen=True)
class DueDelivery:
    """A claimed delivery with what posting it needs: the ledger, its owner's webhook, the channel."""

    id: int
    idempotency_key: str
    attempts: int
    user_id: int
    session_id: int
    markdown: str
    data: dict[str, Any]  # the ledger's JSON document, as stored (scribe.to_json)
    chart: bytes
    markdown_path: str | None
    chart_path: str | None
    webhook_url: str | None
    webhook_broken_at: datetime | None
    channel: str


def claim_due_delivery(db: Database, *, due_by: datetime) -> DueDelivery | None:
    """The pending delivery due longest by `due_by`, held for the caller's transaction; None when none."""
    row = claim_one(
        db,
        """
        SELECT d.id, d.idempotency_key, d.attempts, d.user_id, l.session_id, l.markdown, l.data,
               l.chart, l.markdown_path, l.chart_path, u.webhook_url, u.webhook_broken_at, s.channel
        FROM ledger_deliveries d
        JOIN ledgers l ON l.id = d.ledger_id
        JOIN users u ON u.id = d.user_id
        JOIN stream_sessions s ON s.id = l.session_id
        WHERE d.status = 'pending' AND d.next_attempt_at <= %s
        ORDER BY d.next_attempt_at, d.id LIMIT 1
        """,
        (due_by,),
        of="d",
    )
    if row is None:
        return None
    return DueDelivery(
        id=row["id"],
        idempotency_key=row["idempotency_key"],
        attempts=row["attempts"],
        user_id=row["user_id"],
        session_id=row["session_id"],
        markdown=row["markdown"],
        data=row["data"],
        chart=bytes(row["chart"]),
        markdown_path=row["markdown_path"],
        chart_path=row["chart_path"],
        webhook_url=row["webhook_url"],
        webhook_broken_at=row["webhook_broken_at"],
        channel=row["channel"],
    )


def retry_delivery(db: Database, delivery_id: int, *, attempts: int, error: str, at: datetime) -> None:
    """Count a failed attempt and try again at `at`."""
    db.execute(
        "UPDATE ledger_deliveries SET attempts = %s, last_error = %s, next_attempt_at = %s WHERE id = %s",
        (attempts, error, at, delivery_id),
    )


def finish_delivery(
    db: Database,
    delivery_id: int,
    status: str,
    *,
    at: datetime,
    destination: str | None = None,
    message_id: str | None = None,
    error: str | None = None,
) -> None:
    """Close a delivery as 'delivered' (dated `at`), 'failed' or 'gone', counting its last attempt."""
    db.execute(
        "UPDATE ledger_deliveries SET status = %s, destination = %s, message_id = %s, last_error = %s,"
        " attempts = attempts + 1, delivered_at = CASE WHEN %s = 'delivered' THEN %s END WHERE id = %s",
        (status, destination, message_id, error, status, at, delivery_id),
    )
