"""A database migrated only up to an earlier version, to test what a migration does to old rows."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

import psycopg
from yoyo import get_backend, read_migrations

from chronicler.store.migrations import MIGRATIONS_DIR, _yoyo_url


@contextmanager
def empty_database(database_url: str) -> Iterator[str]:
    """An empty database beside the test one (its URL), dropped afterwards."""
    name = f"chronicler_older_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(urlsplit(database_url)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(database_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def migrate(url: str, *, before: str | None = None) -> None:
    """Apply the pending migrations, or only those numbered below `before` ("0013")."""
    backend = get_backend(_yoyo_url(url))
    migrations = read_migrations(str(MIGRATIONS_DIR))
    with backend.lock():
        pending = backend.to_apply(migrations)
        if before is not None:
            pending = pending.filter(lambda migration: migration.id < before)
        backend.apply_migrations(pending)
