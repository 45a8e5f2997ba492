"""The worker's session listener: back off while PostgreSQL is away, reconnect at once after a drop."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from chronicler.domain.chat import ChatEvent
from chronicler.store import Database, sessions
from chronicler.store.notifications import LISTENER_NAME
from chronicler.twitch.worker import ChatWorker
from tests.waiting import until

UNREACHABLE = "postgresql://127.0.0.1:1/nothing?connect_timeout=2"


class Quiet:
    """A chat source with nothing to say, open until closed."""

    def __init__(self) -> None:
        self._closed = asyncio.Event()

    async def events(self) -> AsyncIterator[ChatEvent]:
        await self._closed.wait()
        return
        yield  # an async generator that yields nothing

    async def aclose(self) -> None:
        self._closed.set()


class Silent:
    """An outbox that never has to send anything here."""

    async def send(self, channel: str, text: str) -> bool:
        return True


class Stop(Exception):
    """Ends the worker from the injected sleep."""


class Sleeps:
    """Records the waits; raises `Stop` once it has `limit` of them."""

    def __init__(self, limit: int = 1000) -> None:
        self.waits: list[float] = []
        self._limit = limit

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        if len(self.waits) >= self._limit:
            raise Stop
        await asyncio.sleep(0)


def _listeners(db: Database) -> set[int]:
    rows = db.fetch_all("SELECT pid FROM pg_stat_activity WHERE application_name = %s", (LISTENER_NAME,))
    return {row["pid"] for row in rows}


async def test_while_postgres_is_away_the_waits_double_up_to_thirty_seconds(db):
    sleeps = Sleeps(limit=7)
    worker = ChatWorker(
        db, UNREACHABLE, source_factory=lambda s: Quiet(), outbox=Silent(), bot_login="bot", sleep=sleeps
    )
    with pytest.raises(Stop):
        await asyncio.wait_for(worker.run(), timeout=60)
    assert sleeps.waits == [1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0]


async def test_after_a_dropped_listener_the_worker_reconnects_at_once_and_follows_sessions(db, database_url):
    user_id = db.insert("users", {"username": "pixel_wren", "password_hash": "x"})["id"]
    sleeps = Sleeps()
    worker = ChatWorker(
        db,
        database_url,
        source_factory=lambda s: Quiet(),
        outbox=Silent(),
        bot_login="bot",
        reconcile_interval=60.0,  # so only a notification can start the session in time
        sleep=sleeps,
    )
    others = _listeners(db)  # any still closing from earlier tests
    running = asyncio.create_task(worker.run())
    try:
        await until(lambda: bool(_listeners(db) - others))
        dropped = await asyncio.to_thread(lambda: _listeners(db) - others)
        await asyncio.to_thread(
            db.fetch_all,
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid = ANY(%s)",
            (list(dropped),),
        )
        await until(lambda: bool(_listeners(db) - dropped - others))

        session = sessions.start_session(db, user_id, channel="pixel_wren", default_channel=None)
        await until(lambda: session.id in worker.pipelines)
        assert sleeps.waits == []  # a drop is no outage: no backoff
    finally:
        running.cancel()
        await asyncio.gather(running, return_exceptions=True)


async def test_a_listener_that_connects_while_the_pool_cannot_query_still_backs_off(database_url):
    # The listener's own connection works, but every query through the pool fails: without counting
    # these as failures the worker would reconnect in a tight loop.
    broken_pool = Database(UNREACHABLE, min_size=0, timeout=0.2).open(wait=False)
    sleeps = Sleeps(limit=3)
    worker = ChatWorker(
        broken_pool,
        database_url,
        source_factory=lambda s: Quiet(),
        outbox=Silent(),
        bot_login="bot",
        sleep=sleeps,
    )
    try:
        with pytest.raises(Stop):
            await asyncio.wait_for(worker.run(), timeout=60)
    finally:
        broken_pool.close()
    assert sleeps.waits == [1.0, 2.0, 4.0]
