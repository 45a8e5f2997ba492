"""PostgreSQL notifications: one connection listening on channels, handing over what arrives.

    async with listen(url, [SESSIONS_CHANNEL, OUTBOX_CHANNEL]) as listener:
        while True:
            async for note in listener.notifications(timeout=30.0):
                ...                           # ends after 30 s, so the caller can reconcile
            ...

Opening the listener and reading from it raise `ServiceUnavailable` when the server cannot be
reached or the connection drops: the caller reconnects, and reconciles what it missed meanwhile
(a notification sent while nobody listens is gone).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql

from chronicler.contract.errors import ServiceUnavailable

# A session was started or its status changed; the payload is JSON with its id and status
# (the stream_sessions trigger, migration 0002).
SESSIONS_CHANNEL = "chronicler_sessions"
# A message was queued in the chat outbox; the payload is the Twitch channel it is for.
OUTBOX_CHANNEL = "chronicler_outbox"

LISTENER_NAME = "chronicler-listener"  # its application_name, to find it in pg_stat_activity


@dataclass(frozen=True)
class Notification:
    """One notification: the channel it came on and its payload."""

    channel: str
    payload: str


@dataclass(frozen=True)
class SessionChange:
    """What a `SESSIONS_CHANNEL` notification says: this session is now in this status."""

    id: int
    status: str

    @property
    def active(self) -> bool:
        """The session is being chronicled (started, or still going)."""
        return self.status == "active"


def session_change(payload: str) -> SessionChange:
    """Read a `SESSIONS_CHANNEL` payload."""
    change = json.loads(payload)
    return SessionChange(int(change["id"]), str(change["status"]))


class Listener:
    """A connection listening on some channels (made by `listen()`)."""

    def __init__(self, conn: psycopg.AsyncConnection[Any]) -> None:
        """Wrap a connection already listening."""
        self._conn = conn

    async def notifications(self, timeout: float) -> AsyncIterator[Notification]:
        """What arrives within the next `timeout` seconds, as it arrives; ServiceUnavailable on a drop."""
        try:
            # Closed here, not left to the garbage collector: the generator holds the connection's lock.
            async with contextlib.aclosing(self._conn.notifies(timeout=timeout)) as notes:
                async for note in notes:
                    yield Notification(note.channel, note.payload)
        except psycopg.OperationalError as exc:
            raise ServiceUnavailable(f"lost the listening connection: {exc}") from exc


@contextlib.asynccontextmanager
async def listen(url: str, channels: Sequence[str], *, name: str = LISTENER_NAME) -> AsyncIterator[Listener]:
    """A connection of its own (not the pool's: it waits for hours) listening on `channels`.

    ServiceUnavailable when the server cannot be reached or the connection drops.
    """
    try:
        conn = await psycopg.AsyncConnection.connect(url, autocommit=True, application_name=name)
    except psycopg.OperationalError as exc:
        raise ServiceUnavailable(f"cannot open a listening connection: {exc}") from exc
    try:
        async with conn:
            for channel in channels:
                await conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(channel)))
            yield Listener(conn)
    except psycopg.OperationalError as exc:
        raise ServiceUnavailable(f"lost the listening connection: {exc}") from exc
