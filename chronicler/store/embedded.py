"""The embedded PostgreSQL (installed by pip as `pgserver`), started on demand in a data folder.

Every process of the product that opens the same folder shares one server: pgserver keeps a list
of the processes using it and stops the server when the last one exits.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import logging
import os
import re
import warnings
from collections.abc import Iterator
from pathlib import Path

from chronicler.contract.errors import ServiceUnavailable

log = logging.getLogger(__name__)


def start_embedded(pg_data: Path, database: str = "chronicler", *, delete_on_exit: bool = False) -> str:
    """Start (or join) the embedded server in `pg_data` and return a URL for `database`.

    With `delete_on_exit` (tests, benchmarks) the folder is removed when the last process using it exits.
    """
    with _quiet_import():
        # imported here: only the embedded path needs the bundled binaries. From its defining module:
        # the package re-exports it without `__all__`, which mypy does not count as an export.
        from pgserver.postgres_server import get_server

    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", database):
        raise ValueError(f"not a database name: {database!r}")
    pg_data = pg_data.resolve()
    pg_data.mkdir(parents=True, exist_ok=True)
    _forget_dead_handles(pg_data)
    try:
        server = get_server(pg_data, cleanup_mode="delete" if delete_on_exit else "stop")
    except Exception as exc:  # pgserver raises bare exceptions with initdb/pg_ctl output
        raise ServiceUnavailable(f"could not start the embedded PostgreSQL in {pg_data}: {exc}") from exc
    # Registered after pgserver's own exit handler, so it runs first (last in, first out): a user that
    # was killed while this one ran must not make this one think it is not the last.
    atexit.register(_forget_dead_handles, pg_data)
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}';")
    if "(1 row)" not in exists:
        server.psql(f'CREATE DATABASE "{database}";')
        log.info("created database %s in the embedded PostgreSQL at %s", database, pg_data)
    return server.get_uri(database)


@contextlib.contextmanager
def _quiet_import() -> Iterator[None]:
    """pgserver imported without platformdirs' warning about XDG_RUNTIME_DIR (pgserver copes without it)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def _forget_dead_handles(pg_data: Path) -> None:
    """Drop processes that died without saying so from pgserver's list of the server's users.

    pgserver stops the server when the last process on its list exits; one killed by a signal never
    takes itself off, and from then on nobody is ever the last: the server ran on after every later
    `chronicler` command. Written back only when something was dropped, as a crash leaves behind.
    """
    with _quiet_import():
        from pgserver.postgres_server import PostgresServer

    # pgserver's own lock across processes: its users rewrite the list while the parts of `chronicler
    # run` start together, and a list read half-written is no list to judge.
    with PostgresServer._lock:
        _forget_dead_handles_locked(pg_data)


def _forget_dead_handles_locked(pg_data: Path) -> None:
    """`_forget_dead_handles`, under pgserver's lock."""
    handles = pg_data / ".handle_pids.json"
    try:
        pids = json.loads(handles.read_text())
    except OSError:
        return  # no list yet (a new folder)
    except ValueError:
        # pgserver writes the list by truncating the file first; under its lock, an empty list is one
        # whose writer was killed in between (a closed terminal, Ctrl-C twice), and pgserver then fails
        # on every later start. Its users are unknown, so none are listed: this process becomes the
        # last and stops the server.
        log.warning(
            "the embedded PostgreSQL's list of users in %s was unreadable; starting it afresh", handles
        )
        handles.write_text("[]")
        return
    if not isinstance(pids, list):
        return
    alive = [pid for pid in pids if isinstance(pid, int) and _running(pid)]
    if alive != pids:
        log.info(
            "the embedded PostgreSQL's users %s had exited without saying so", sorted(set(pids) - set(alive))
        )
        handles.write_text(json.dumps(alive))


def _running(pid: int) -> bool:
    """Whether a process with this id exists (one of another user's counts too)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
