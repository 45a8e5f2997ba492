"""Notices for a streamer, shown once in their next DM (e.g. "your ledger webhook answered 404")."""

from __future__ import annotations

from chronicler.store import Database


def leave_notice(db: Database, user_id: int, text: str) -> None:
    """Leave a notice, unless the same one is already waiting."""
    db.execute(
        "INSERT INTO notices (user_id, text) SELECT %(u)s, %(t)s WHERE NOT EXISTS"
        " (SELECT 1 FROM notices WHERE user_id = %(u)s AND text = %(t)s AND delivered_at IS NULL)",
        {"u": user_id, "t": text},
    )


def take_notices(db: Database, user_id: int) -> list[dict[str, str]]:
    """The waiting notices, oldest first, marked as delivered."""
    rows = db.fetch_all(
        "UPDATE notices SET delivered_at = now() WHERE user_id = %s AND delivered_at IS NULL"
        " RETURNING text, created_at",
        (user_id,),
    )
    rows.sort(key=lambda r: r["created_at"])
    return [{"text": r["text"], "created_at": r["created_at"].isoformat()} for r in rows]
