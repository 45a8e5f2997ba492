"""Versioned schema migrations: ordered SQL files in `core/db/migrations/`, applied once each by yoyo."""

from __future__ import annotations

import logging
from pathlib import Path

import psycopg
from yoyo import get_backend, read_migrations
from yoyo.backends.base import DatabaseBackend

from chronicler.contract.errors import InvalidInput, ServiceUnavailable

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def _yoyo_url(url: str) -> str:
    """yoyo picks its psycopg 3 backend from the URL scheme."""
    scheme, sep, rest = url.partition("://")
    if not sep or scheme not in {"postgres", "postgresql", "postgresql+psycopg"}:
        raise InvalidInput("DATABASE_URL must be a postgresql:// URL", field="DATABASE_URL")
    return f"postgresql+psycopg://{rest}"


def _backend(url: str) -> DatabaseBackend:
    """yoyo's backend on `url`; a server that cannot be reached is an outage, said in one line."""
    try:
        return get_backend(_yoyo_url(url))
    except psycopg.OperationalError as exc:
        # psycopg names the host, the port and why (refused, no such host, password refused), never
        # the password itself; its second line is a hint the first already implies.
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ServiceUnavailable(f"cannot reach the database: {reason}") from exc


def upgrade(url: str) -> list[str]:
    """Apply every migration not applied yet, each in its own transaction; return their ids."""
    backend = _backend(url)
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
    backend = _backend(url)
    return [m.id for m in backend.to_apply(read_migrations(str(MIGRATIONS_DIR)))]
