"""The listener: notifications on its channels as they come, and ServiceUnavailable when the server goes."""

from __future__ import annotations

import asyncio
import contextlib

import psycopg
import pytest

from chronicler.contract.errors import ServiceUnavailable
from chronicler.store import Database, sessions
from chronicler.store.notifications import (
    OUTBOX_CHANNEL,
    SESSIONS_CHANNEL,
    Listener,
    Notification,
    SessionChange,
    listen,
    session_change,
)
from chronicler.store.outbox import queue_message

NAME = "chronicler-test-listener"  # this test's listener in pg_stat_activity, whatever else runs


async def _next(listener: Listener, timeout: float = 5.0) -> Notification | None:
    """The next notification, or None when none came within `timeout`."""
    async with contextlib.aclosing(listener.notifications(timeout=timeout)) as notes:
        async for note in notes:
            return note
    return None


async def test_session_and_outbox_changes_arrive_on_their_channels(db: Database, database_url: str):
    user_id = db.insert("users", {"username": "pixel_wren", "password_hash": "x"})["id"]
    async with listen(database_url, [SESSIONS_CHANNEL, OUTBOX_CHANNEL], name=NAME) as listener:
        session = await asyncio.to_thread(
            sessions.start_session, db, user_id, channel="pixel_wren", default_channel=None
        )
        started = await _next(listener)
        assert started is not None and started.channel == SESSIONS_CHANNEL
        assert session_change(started.payload) == SessionChange(session.id, "active")
        assert session_change(started.payload).active

        await asyncio.to_thread(
            queue_message, db, session.id, channel="pixel_wren", mode="steward", text="hello"
        )
        assert await _next(listener) == Notification(OUTBOX_CHANNEL, "pixel_wren")

        await asyncio.to_thread(sessions.end_session, db, user_id)
        ended = await _next(listener)
        assert ended is not None and not session_change(ended.payload).active


async def test_other_channels_are_not_heard_and_the_wait_ends_at_the_timeout(db: Database, database_url: str):
    async with listen(database_url, [SESSIONS_CHANNEL], name=NAME) as listener:
        await asyncio.to_thread(db.fetch_value, "SELECT pg_notify('somebody_else', 'x')")
        loop = asyncio.get_running_loop()
        began = loop.time()
        assert [note async for note in listener.notifications(timeout=0.3)] == []
        assert 0.25 <= loop.time() - began < 3.0


async def test_an_unreachable_server_is_service_unavailable():
    with pytest.raises(ServiceUnavailable) as raised:
        async with listen("postgresql://127.0.0.1:1/nothing?connect_timeout=2", [SESSIONS_CHANNEL]):
            pass
    assert isinstance(raised.value.__cause__, psycopg.OperationalError)


async def test_a_connection_the_server_ends_is_service_unavailable(db: Database, database_url: str):
    async with listen(database_url, [SESSIONS_CHANNEL], name=NAME) as listener:
        ended = await asyncio.to_thread(
            db.fetch_all,
            "SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE application_name = %s",
            (NAME,),
        )
        assert [row["ended"] for row in ended] == [True]
        with pytest.raises(ServiceUnavailable) as raised:
            await _next(listener)
    assert isinstance(raised.value.__cause__, psycopg.OperationalError)
