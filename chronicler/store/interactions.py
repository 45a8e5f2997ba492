"""The audit trail: every DM, how it was parsed, and the reply sent."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from psycopg.types.json import Jsonb

from chronicler.store import Database

_FIELDS = (
    "text",
    "parser",
    "model",
    "raw_output",
    "command",
    "retries",
    "errors",
    "latency_ms",
    "reply",
    "fell_back",
    "attempts",
)


def record_interaction(db: Database, user_id: int, record: dict[str, Any]) -> int:
    """Store one interaction for its owner; its id."""
    values = {name: record.get(name) for name in _FIELDS if record.get(name) is not None}
    if "command" in values:
        values["command"] = Jsonb(values["command"])
    row = db.insert("interactions", {"user_id": user_id, **values}, returning="id")
    assert row is not None
    return int(row["id"])


def recent_interactions(db: Database, user_id: int, *, limit: int = 20) -> list[dict[str, Any]]:
    """The owner's latest interactions, newest first."""
    rows = db.select("interactions", {"user_id": user_id}, order_by=["-created_at", "-id"], limit=limit)
    return [
        {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in row.items() if k != "user_id"}
        for row in rows
    ]
