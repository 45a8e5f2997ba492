"""PostgreSQL access: a pooled `Database`, migrations, and the embedded server.

from chronicler.store import connect
db = connect(settings)            # starts the embedded server when DATABASE_URL is unset
with db.transaction():
    user = db.insert("users", {...})
"""

from __future__ import annotations

from chronicler.config.settings import Settings
from chronicler.store._database import Database, Row, UniqueViolation
from chronicler.store.embedded import start_embedded
from chronicler.store.migrations import upgrade

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
