"""PostgreSQL access: a pooled `Database`, migrations, and the embedded server.

from chronicler.store import connect, database_url
db = connect(database_url(settings.database_url, settings.pg_data), pool_min=2, pool_max=10)
with db.transaction():
    user = db.insert("users", {...})

Everything that speaks SQL or psycopg lives in this package, behind named functions: the modules
are named for what they hold (sessions, outbox, deliveries, ...). It imports only the domain and
the contract of ours, so the rest of the product hands it plain values, never its settings.
"""

from __future__ import annotations

from pathlib import Path

from chronicler.store._database import Database, Row, UniqueViolation
from chronicler.store.embedded import start_embedded
from chronicler.store.migrations import upgrade

__all__ = ["Database", "Row", "UniqueViolation", "connect", "database_url", "start_embedded", "upgrade"]


def database_url(configured: str | None, pg_data: Path) -> str:
    """The server to use: the configured URL, or the embedded one kept in `pg_data` (started if need be)."""
    return configured or start_embedded(pg_data)


def connect(url: str, *, pool_min: int = 1, pool_max: int = 10, migrate: bool = True) -> Database:
    """An open pool on `url`, migrated to the latest schema by default."""
    if migrate:
        upgrade(url)
    return Database(url, min_size=pool_min, max_size=pool_max).open()
