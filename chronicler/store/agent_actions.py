"""What the modes did in a session (a flag, a reply, an idle prompt), for the ledger and for pacing."""

from __future__ import annotations

from datetime import datetime

from chronicler.store import Database


def record_action(
    db: Database, session_id: int, *, mode: str, action_type: str, text: str, created_at: datetime
) -> None:
    """Keep one action of `mode`, dated by the caller's clock (the scheduler's, in its jobs)."""
    db.insert(
        "agent_actions",
        {
            "session_id": session_id,
            "mode": mode,
            "action_type": action_type,
            "text": text,
            "created_at": created_at,
        },
        returning=None,
    )


def last_action_at(db: Database, session_id: int, mode: str) -> datetime | None:
    """When `mode` last acted in the session, or None when it never did."""
    value: datetime | None = db.fetch_value(
        "SELECT max(created_at) FROM agent_actions WHERE session_id = %s AND mode = %s", (session_id, mode)
    )
    return value
