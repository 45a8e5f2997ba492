"""Versioned schema migrations: ordered SQL files in `core/db/migrations/`, applied once each by yoyo."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from yoyo import get_backend, read_migrations
from yoyo.backends.base import DatabaseBackend

from chronicler.contract.errors import InvalidInput, ServiceUnavailable

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")

# The key of our migration lock among the database's advisory locks: "chronicl" as a 64-bit number.
_MIGRATION_LOCK_KEY = 0x6368726F6E69636C
# How long a start waits for another process's migrations before it gives up and says so: they
# take well under a second, so a minute means the other process is stuck.
MIGRATION_LOCK_WAIT_S = 60.0


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


@contextmanager
def _migrating(url: str, wait_s: float) -> Iterator[None]:
    """Hold the database's migration lock: one process migrates at a time, the others wait for it.

    The lock is PostgreSQL's own (a session's advisory lock), so the server frees it the moment its
    holder's connection ends, however the holder ended. yoyo's lock is a row in a table instead: a
    process killed while it held it (SIGKILL, a closed terminal, a power cut) left the row, and every
    start after that failed with "run yoyo break-lock".
    """
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SELECT set_config('lock_timeout', %s, false)", (f"{round(wait_s * 1000)}ms",))
        try:
            conn.execute("SELECT pg_advisory_lock(%s)", (_MIGRATION_LOCK_KEY,))
        except psycopg.errors.LockNotAvailable as exc:
            raise ServiceUnavailable(
                f"another process has been migrating the database for over {wait_s:g} s; try again"
            ) from exc
        yield


def upgrade(url: str, *, lock_wait_s: float = MIGRATION_LOCK_WAIT_S) -> list[str]:
    """Apply every migration not applied yet, each in its own transaction; return their ids."""
    backend = _backend(url)
    migrations = read_migrations(str(MIGRATIONS_DIR))
    # Two processes starting at once apply each migration exactly once.
    with _migrating(url, lock_wait_s):
        # Whoever holds our lock is the only one that can hold yoyo's, so a yoyo lock row seen now
        # was left by a process that died while migrating. yoyo still takes its own row lock
        # (around its own bookkeeping too), which would otherwise wait on that row and fail.
        backend.break_lock()
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
