"""Notices for a streamer, shown once: DMed at once if Discord is linked, else at their next turn."""

from __future__ import annotations

from psycopg import sql

from chronicler.store import Database
from chronicler.store._claim import lock_clause


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


def take_linked_notices(db: Database, limit: int = 50) -> list[dict[str, str]]:
    """The oldest waiting notices of streamers with a linked Discord account, marked as delivered."""
    # One statement, rows locked and skipped when another bot holds them: no notice is delivered twice.
    query = sql.SQL(
        "UPDATE notices n SET delivered_at = now() FROM users u"
        " WHERE u.id = n.user_id AND n.id IN ("
        "   SELECT w.id FROM notices w JOIN users wu ON wu.id = w.user_id"
        "   WHERE w.delivered_at IS NULL AND wu.discord_user_id IS NOT NULL"
        "   ORDER BY w.created_at, w.id LIMIT %s{lock})"
        " RETURNING n.id, u.discord_user_id, n.text, n.created_at"
    ).format(lock=lock_clause("w"))
    rows = db.fetch_all(query, (limit,))
    rows.sort(key=lambda r: (r["created_at"], r["id"]))
    return [
        {
            "discord_user_id": r["discord_user_id"],
            "text": r["text"],
            "created_at": r["created_at"].isoformat(),
        }
        for r in rows
    ]
