"""The worker follows sessions through LISTEN/NOTIFY, stores their chat, and sends the outbox."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from chronicler.domain.chat import ChatEvent, ChatMessage, StreamOffline
from chronicler.store import Database, sessions
from chronicler.twitch.worker import ChatWorker
from tests.waiting import until

T0 = datetime.now(UTC) - timedelta(minutes=5)


class ScriptedChat:
    """A chat source that yields given events, then waits until closed (like a live channel)."""

    def __init__(self, events: list[ChatEvent]) -> None:
        self._events = events
        self._closed = asyncio.Event()

    async def events(self) -> AsyncIterator[ChatEvent]:
        for event in self._events:
            yield event
        await self._closed.wait()

    async def aclose(self) -> None:
        self._closed.set()


class RecordingOutbox:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    async def send(self, channel: str, text: str) -> bool:
        self.sent.append((channel, text))
        return True


def _msg(i: int, text: str = "hello there", login: str = "viewer", **kw) -> ChatMessage:
    return ChatMessage(
        message_id=f"id-{i}",
        channel="pixel_wren",
        chatter_login=login,
        display_name=login,
        text=text,
        sent_at=T0 + timedelta(seconds=i),
        **kw,
    )


@pytest.fixture
def user_id(db: Database) -> int:
    return db.insert("users", {"username": "pixel_wren", "password_hash": "x"})["id"]


async def test_a_started_session_is_chronicled_and_finished_when_it_ends(db, database_url, user_id):
    chat = [
        _msg(1),
        _msg(1),  # delivered twice: stored once
        _msg(
            2,
            "Wanna become famous? Buy followers, primes and viewers on streamboo .com",
            login="spam_bot",
            first_message=True,
        ),
        _msg(3, "@chronicler_bot what game is this?", login="curious"),
        StreamOffline("pixel_wren", T0 + timedelta(seconds=4)),
    ]
    outbox = RecordingOutbox()
    worker = ChatWorker(
        db,
        database_url,
        source_factory=lambda s: ScriptedChat(chat),
        outbox=outbox,
        bot_login="chronicler_bot",
        flush_interval=0.05,
    )
    running = asyncio.create_task(worker.run())
    try:
        await asyncio.sleep(0.3)  # listening
        session = sessions.start_session(db, user_id, channel="pixel_wren", default_channel=None)
        await until(lambda: db.count("chat_messages") == 3)
        assert db.count("flags") == 1
        await until(
            lambda: db.select_one("stream_sessions", {"id": session.id})["went_offline_at"] is not None
        )
        await until(lambda: len(outbox.sent) == 1)  # the Steward answered the mention
        assert outbox.sent[0][0] == "pixel_wren"
        await until(lambda: db.select_one("chat_outbox", {"session_id": session.id})["status"] == "sent")
        sessions.end_session(db, user_id)
        await until(lambda: db.select_one("stream_sessions", {"id": session.id})["finalized_at"] is not None)
        assert worker.pipelines[session.id].duplicates == 1
    finally:
        running.cancel()
        await asyncio.gather(running, return_exceptions=True)


async def test_sessions_active_before_the_worker_starts_are_picked_up(db, database_url, user_id):
    session = sessions.start_session(db, user_id, channel="pixel_wren", default_channel=None)
    worker = ChatWorker(
        db,
        database_url,
        source_factory=lambda s: ScriptedChat([_msg(1)]),
        outbox=RecordingOutbox(),
        bot_login="chronicler_bot",
        flush_interval=0.05,
    )
    running = asyncio.create_task(worker.run())
    try:
        await until(lambda: db.count("chat_messages", {"session_id": session.id}) == 1)
    finally:
        running.cancel()
        await asyncio.gather(running, return_exceptions=True)
    # Cancelling the worker stores what it held; the session goes on (the next worker picks it up), so
    # it is not finalized: finalized_at says the ledger may be made, and chat may still come.
    assert db.count("chat_messages", {"session_id": session.id}) == 1
    assert db.select_one("stream_sessions", {"id": session.id})["finalized_at"] is None


async def test_a_failing_source_does_not_lose_what_was_read(db, database_url, user_id, caplog):
    class Breaks(ScriptedChat):
        async def events(self) -> AsyncIterator[ChatEvent]:
            yield _msg(1)
            yield _msg(2)
            raise ConnectionResetError("socket gone")

    session = sessions.start_session(db, user_id, channel="pixel_wren", default_channel=None)
    worker = ChatWorker(
        db,
        database_url,
        source_factory=lambda s: Breaks([]),
        outbox=RecordingOutbox(),
        bot_login="chronicler_bot",
        flush_interval=0.05,
    )
    running = asyncio.create_task(worker.run())
    try:
        await until(lambda: db.count("chat_messages") == 2)  # and the source is restarted meanwhile
        sessions.end_session(db, user_id)  # finalized once ended, never while still active
        await until(lambda: db.select_one("stream_sessions", {"id": session.id})["finalized_at"] is not None)
        assert db.count("chat_messages") == 2
        assert "socket gone" in caplog.text
    finally:
        running.cancel()
        await asyncio.gather(running, return_exceptions=True)
