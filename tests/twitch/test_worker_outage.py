"""PostgreSQL away while chat keeps coming: the worker lets nothing go, and finalizes a session once.

The worker logs in as a role of its own; an outage refuses that role's logins and cuts its connections
(pg_terminate_backend), so the worker sees a real PostgreSQL go away and come back while the test's own
connections still work (to end a session meanwhile, and to look). Outages last a second or two, and the
worker's waits are shortened (an injected sleep), so each test takes seconds.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from psycopg.conninfo import make_conninfo

from chronicler.domain.chat import ChatEvent, ChatMessage, StreamOffline
from chronicler.pipeline import Journal
from chronicler.pipeline.journal import MessageRecord
from chronicler.store import Database, sessions
from chronicler.twitch.worker import ChatWorker
from tests.waiting import until

ROLE = "chronicler_outage_worker"
T0 = datetime.now(UTC) - timedelta(minutes=30)
SPAM = "Wanna become famous? Buy followers, primes and viewers on streamboo .com"


class Outage:
    """Makes PostgreSQL go away for the worker's role, and come back."""

    def __init__(self, db: Database, url: str) -> None:
        self._db = db
        self.url = url  # the worker's: its pool and its listener

    def begin(self) -> None:
        self._db.execute(f"ALTER ROLE {ROLE} NOLOGIN")
        self._db.fetch_all(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (ROLE,)
        )

    def end(self) -> None:
        self._db.execute(f"ALTER ROLE {ROLE} LOGIN")


@pytest.fixture
def outage(db: Database, database_url: str) -> Iterator[Outage]:
    db.execute(f"DO $$ BEGIN CREATE ROLE {ROLE} LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
    db.execute(f"ALTER ROLE {ROLE} LOGIN")
    db.execute(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {ROLE}")
    db.execute(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {ROLE}")
    yield Outage(db, make_conninfo(database_url, user=ROLE))
    db.fetch_all("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (ROLE,))
    db.execute(f"DROP OWNED BY {ROLE}")
    db.execute(f"DROP ROLE {ROLE}")


@pytest.fixture
def finalizations(db: Database) -> Iterator[list[int]]:
    """Each time a session's finalized_at is written: how many of its messages were stored by then.

    A list that the test reads with `written()`: a trigger records, in the writing transaction itself.
    """
    db.execute("CREATE TABLE test_finalizations (id serial, session_id bigint, stored bigint)")
    db.execute(
        """
        CREATE FUNCTION test_finalization() RETURNS trigger SECURITY DEFINER AS $$
        BEGIN
            INSERT INTO test_finalizations (session_id, stored)
            VALUES (NEW.id, (SELECT count(*) FROM chat_messages WHERE session_id = NEW.id));
            RETURN NEW;
        END $$ LANGUAGE plpgsql
        """
    )
    db.execute(
        "CREATE TRIGGER test_finalization AFTER UPDATE OF finalized_at ON stream_sessions"
        " FOR EACH ROW WHEN (NEW.finalized_at IS DISTINCT FROM OLD.finalized_at)"
        " EXECUTE FUNCTION test_finalization()"
    )
    try:
        yield []
    finally:
        db.execute("DROP TRIGGER test_finalization ON stream_sessions")
        db.execute("DROP FUNCTION test_finalization()")
        db.execute("DROP TABLE test_finalizations")


def written(db: Database, session_id: int) -> list[int]:
    """How many messages were stored at each write of the session's finalized_at."""
    rows = db.fetch_all(
        "SELECT stored FROM test_finalizations WHERE session_id = %s ORDER BY id", (session_id,)
    )
    return [row["stored"] for row in rows]


class FedChat:
    """A live channel the test feeds event by event; a restarted source reads on from the same feed."""

    def __init__(self) -> None:
        self.feed: asyncio.Queue[ChatEvent] = asyncio.Queue()

    async def events(self) -> AsyncIterator[ChatEvent]:
        while True:
            yield await self.feed.get()

    async def aclose(self) -> None:
        pass

    def offer(self, messages: list[ChatMessage]) -> None:
        for m in messages:
            self.feed.put_nowait(m)


class Quiet:
    async def send(self, channel: str, text: str) -> bool:
        return True


async def short(seconds: float) -> None:
    """The worker's waits (listener backoff, retries), shortened so an outage test takes seconds."""
    await asyncio.sleep(min(seconds, 0.05))


def messages(start: int, stop: int) -> list[ChatMessage]:
    """Ordinary chat, with spam from a new account every 50th message (for the Warden to flag)."""
    return [
        ChatMessage(
            message_id=f"id-{i}",
            channel="pixel_wren",
            chatter_login=f"spam_bot_{i}" if i % 50 == 0 else f"viewer_{i % 7}",
            display_name="viewer",
            text=SPAM if i % 50 == 0 else f"chat line {i} about the boss fight",
            sent_at=T0 + timedelta(milliseconds=100 * i),
            first_message=i % 50 == 0,
        )
        for i in range(start, stop)
    ]


@pytest.fixture
def user_id(db: Database) -> int:
    return db.insert("users", {"username": "pixel_wren", "password_hash": "x"})["id"]


class Running:
    """A worker on the outage role's connections, with a journal folder and a small memory bound."""

    def __init__(self, outage: Outage, journal_dir: Path, chat: FedChat) -> None:
        self.db = Database(outage.url, min_size=1, max_size=4, timeout=0.5).open()
        self.worker = ChatWorker(
            self.db,
            outage.url,
            source_factory=lambda s: chat,
            outbox=Quiet(),
            bot_login="chronicler_bot",
            flush_interval=0.05,
            reconcile_interval=0.5,
            sleep=short,
            journal_dir=journal_dir,
            max_held=100,  # so that most of an outage's chat goes to the journal
        )
        self.task = asyncio.create_task(self.worker.run())

    async def stop(self) -> None:
        self.task.cancel()
        await asyncio.gather(self.task, return_exceptions=True)
        await asyncio.to_thread(self.db.close)


def journal_lines(folder: Path) -> int:
    return sum(len(p.read_bytes().splitlines()) for p in folder.glob("*.jsonl")) if folder.exists() else 0


async def test_chat_across_an_outage_and_the_stream_going_offline_is_all_stored(
    db, user_id, outage, finalizations, tmp_path
):
    journal_dir = tmp_path / "journal"
    chat = FedChat()
    running = Running(outage, journal_dir, chat)
    try:
        session = sessions.start_session(db, user_id, channel="pixel_wren", default_channel=None)
        await until(lambda: session.id in running.worker.pipelines)
        chat.offer(messages(0, 200))
        await until(lambda: db.count("chat_messages") == 200)

        await asyncio.to_thread(outage.begin)
        chat.offer(messages(200, 1000))
        chat.feed.put_nowait(StreamOffline("pixel_wren", T0 + timedelta(minutes=2)))
        recorder = running.worker.pipelines[session.id].recorder
        await until(lambda: recorder.journaled == 700)  # 100 held in memory, the rest on disk
        await asyncio.sleep(1.0)  # the outage goes on
        assert db.count("chat_messages") == 200 and recorder.dropped == 0
        assert db.select_one("stream_sessions", {"id": session.id})["went_offline_at"] is None

        await asyncio.to_thread(outage.end)
        await until(lambda: db.count("chat_messages") == 1000, timeout=30)
        await until(
            lambda: db.select_one("stream_sessions", {"id": session.id})["went_offline_at"] is not None
        )
        assert db.count("flags") == 20  # the Warden's decisions came through the journal too
        await until(lambda: journal_lines(journal_dir) == 0)
        assert db.select_one("stream_sessions", {"id": session.id})["finalized_at"] is None  # still active

        sessions.end_session(db, user_id)
        await until(lambda: db.select_one("stream_sessions", {"id": session.id})["finalized_at"] is not None)
    finally:
        await running.stop()
    assert written(db, session.id) == [1000]  # once, with everything stored
    assert list(journal_dir.iterdir()) == []


async def test_a_session_ended_during_an_outage_is_finalized_once_after_its_last_store(
    db, user_id, outage, finalizations, tmp_path
):
    journal_dir = tmp_path / "journal"
    chat = FedChat()
    running = Running(outage, journal_dir, chat)
    try:
        session = sessions.start_session(db, user_id, channel="pixel_wren", default_channel=None)
        await until(lambda: session.id in running.worker.pipelines)
        chat.offer(messages(0, 100))
        await until(lambda: db.count("chat_messages") == 100)

        await asyncio.to_thread(outage.begin)
        chat.offer(messages(100, 600))
        recorder = running.worker.pipelines[session.id].recorder
        await until(lambda: recorder.journaled == 400)
        sessions.end_session(db, user_id)  # the streamer ends it; the worker cannot hear of it yet
        await asyncio.sleep(1.0)
        assert db.select_one("stream_sessions", {"id": session.id})["finalized_at"] is None

        await asyncio.to_thread(outage.end)
        await until(
            lambda: db.select_one("stream_sessions", {"id": session.id})["finalized_at"] is not None,
            timeout=30,
        )
        assert db.count("chat_messages") == 600 and db.count("flags") == 12
    finally:
        await running.stop()  # a second stop, after the end: finalized_at is not written again
    assert written(db, session.id) == [600]
    assert list(journal_dir.iterdir()) == []


async def test_a_worker_stopped_during_an_outage_leaves_a_journal_the_next_one_stores_once(
    db, user_id, outage, finalizations, tmp_path
):
    journal_dir = tmp_path / "journal"
    chat = FedChat()
    running = Running(outage, journal_dir, chat)
    try:
        session = sessions.start_session(db, user_id, channel="pixel_wren", default_channel=None)
        await until(lambda: session.id in running.worker.pipelines)
        chat.offer(messages(0, 100))
        await until(lambda: db.count("chat_messages") == 100)
        await asyncio.to_thread(outage.begin)
        chat.offer(messages(100, 900))
        recorder = running.worker.pipelines[session.id].recorder
        await until(lambda: recorder.journaled == 700)
    finally:
        await running.stop()  # Ctrl-C with PostgreSQL away: what memory held goes to the journal too
    assert journal_lines(journal_dir) == 800 and db.count("chat_messages") == 100
    assert written(db, session.id) == []  # not finalized: neither ended nor stored

    sessions.end_session(db, user_id)  # while no worker runs
    await asyncio.to_thread(outage.end)
    for _ in range(2):  # the next worker stores the journal; the one after finds nothing left to do
        running = Running(outage, journal_dir, FedChat())
        try:
            await until(lambda: written(db, session.id) != [], timeout=30)
            await until(lambda: journal_lines(journal_dir) == 0)
        finally:
            await running.stop()
    assert db.count("chat_messages") == 900 and db.count("flags") == 18
    assert written(db, session.id) == [900]
    assert list(journal_dir.iterdir()) == []


async def test_a_journal_cut_short_by_a_crash_is_stored_but_for_its_last_line(
    db, user_id, outage, finalizations, tmp_path, caplog
):
    caplog.set_level(logging.INFO)
    session = sessions.start_session(db, user_id, channel="pixel_wren", default_channel=None)
    sessions.end_session(db, user_id)
    journal_dir = tmp_path / "journal"
    journal = Journal(journal_dir, session.id)
    journal.append(MessageRecord(m) for m in messages(1, 50))
    journal.close()
    with journal.path.open("ab") as f:  # the worker was killed while writing the 50th
        f.write(b'{"k":"msg","m":{"message_id":"id-50","chan')

    running = Running(outage, journal_dir, FedChat())
    try:
        await until(lambda: written(db, session.id) != [])
    finally:
        await running.stop()
    assert db.count("chat_messages") == 49 and written(db, session.id) == [49]
    assert "line 50 is unreadable" in caplog.text
    assert list(journal_dir.iterdir()) == []
