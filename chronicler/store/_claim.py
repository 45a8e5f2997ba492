"""Claiming work rows: lock them for this transaction and pass over those another transaction holds.

    with db.transaction():
        row = claim_one(db, "SELECT * FROM chat_outbox WHERE status = 'queued' ORDER BY id LIMIT 1")
        ...                                   # the row stays ours until the transaction ends

Every claim in the store goes through here, so that schedulers and workers running side by side
never take the same row, and none waits on a row another one is busy with.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from psycopg import sql

from chronicler.store import _sql
from chronicler.store._database import Database, Row


def lock_clause(of: str | None = None) -> sql.Composable:
    """The clause that claims rows: ` FOR UPDATE [OF alias] SKIP LOCKED`."""
    if of is None:
        return sql.SQL(" FOR UPDATE SKIP LOCKED")
    return sql.SQL(" FOR UPDATE OF {} SKIP LOCKED").format(_sql.identifier(of))


def claim(
    db: Database,
    query: str,
    params: Mapping[str, Any] | Sequence[Any] | None = None,
    *,
    of: str | None = None,
) -> list[Row]:
    """The rows of `query` not locked elsewhere, locked until the caller's transaction ends.

    `of` names the one table (or alias) of a join whose rows are claimed; the others are only read.
    """
    if not db.in_transaction:
        # Outside a transaction the lock would end with the statement: the row would not be claimed.
        raise RuntimeError("claim() must run inside db.transaction()")
    return db.fetch_all(sql.SQL(query) + lock_clause(of), params)


def claim_one(
    db: Database,
    query: str,
    params: Mapping[str, Any] | Sequence[Any] | None = None,
    *,
    of: str | None = None,
) -> Row | None:
    """The first row `claim()` gets, or None when there is none free."""
    rows = claim(db, query, params, of=of)
    return rows[0] if rows else None
