"""PostgreSQL access: a pooled `Database`, migrations, and the embedded server.

    from core.db import connect
    db = connect(settings)            # starts the embedded server when DATABASE_URL is unset
    with db.transaction():
        user = db.insert("users", {...})
"""

from __future__ import annotations

from config.settings import Settings
from core.db._database import Database, Row, UniqueViolation
from core.db.embedded import start_embedded
from core.db.migrations import upgrade

__all__ = ["Database", "Row", "UniqueViolation", "connect", "database_url", "start_embedded", "upgrade"]


def database_url(settings: Settings) -> str:
    """The server to use: DATABASE_URL, or the embedded one under the data folder."""
    return settings.database_url or start_embedded(settings.pg_data)


def connect(settings: Settings, *, migrate: bool = True) -> Database:
    """An open pool on the configured database, migrated to the latest schema by default."""
    url = database_url(settings)
    if migrate:
        upgrade(url)
    return Database(url, min_size=settings.db_pool_min, max_size=settings.db_pool_max).open()
