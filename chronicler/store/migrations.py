"""Versioned schema migrations: ordered SQL files in `core/db/migrations/`, applied once each by yoyo."""

from __future__ import annotations

import logging
from pathlib import Path

from yoyo import get_backend, read_migrations

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def _yoyo_url(url: str) -> str:
    """yoyo picks its psycopg 3 backend from the URL scheme."""
    scheme, sep, rest = url.partition("://")
    if not sep or scheme not in {"postgres", "postgresql", "postgresql+psycopg"}:
        raise ValueError("DATABASE_URL must be a postgresql:// URL")
    return f"postgresql+psycopg://{rest}"


def upgrade(url: str) -> list[str]:
    """Apply every migration not applied yet, each in its own transaction; return their ids."""
    backend = get_backend(_yoyo_url(url))
    migrations = read_migrations(str(MIGRATIONS_DIR))
    # yoyo's lock makes two processes starting at once apply each migration exactly once.
    with backend.lock():
        pending = backend.to_apply(migrations)
        backend.apply_migrations(pending)
    applied = [m.id for m in pending]
    for migration_id in applied:
        log.info("applied migration %s", migration_id)
    return applied


def pending(url: str) -> list[str]:
    """Ids of the migrations not applied yet."""
    backend = get_backend(_yoyo_url(url))
    return [m.id for m in backend.to_apply(read_migrations(str(MIGRATIONS_DIR)))]
