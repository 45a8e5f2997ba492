"""The worker's chat outbox against the fake Helix: every message sent once, or failed with the reason."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest

from chronicler.domain.chat import ChatEvent
from chronicler.store import Database, outbox, sessions
from chronicler.twitch.live_worker import HelixOutbox
from chronicler.twitch.sender import ChatSender, TwitchCredentials
from chronicler.twitch.worker import ChatWorker, Outbox
from tests.fakes.twitch_server import FakeTwitch
from tests.twitch.conftest import CHANNEL
from tests.twitch.test_ratelimit import FakeClock
from tests.waiting import until

SEND = ("POST", "/helix/chat/messages")


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


class Recording:
    """An outbox that records what it is asked to send."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    async def send(self, channel: str, text: str) -> bool:
        self.sent.append((channel, text))
        return True


@pytest.fixture
def session_id(db: Database) -> int:
    """An active session on the fake's channel, for the outbox rows to belong to."""
    user_id = db.insert("users", {"username": CHANNEL, "password_hash": "x", "twitch_channel": CHANNEL})["id"]
    return sessions.start_session(db, user_id, channel=CHANNEL, default_channel=None).id


@pytest.fixture
def clock() -> FakeClock:
    """The sender's clocks: reads like a Unix time, and every wait on it passes at once."""
    clock = FakeClock()
    clock.now = 1_750_000_000.25
    return clock


def helix_outbox(
    fake: FakeTwitch, credentials: TwitchCredentials, clock: FakeClock, **options: Any
) -> HelixOutbox:
    sender = ChatSender(
        credentials=credentials,
        helix_url=fake.helix_url,
        id_url=fake.id_url,
        clock=clock,
        wall_clock=clock,
        sleep=clock.sleep,
        **options,
    )
    return HelixOutbox(sender)


def queue(db: Database, session_id: int, *texts: str) -> None:
    for text in texts:
        outbox.queue_message(db, session_id, channel=CHANNEL, mode="steward", text=text)


def rows(db: Database) -> list[dict[str, Any]]:
    return db.fetch_all("SELECT status, attempts, error, sent_at FROM chat_outbox ORDER BY id")


def settled(db: Database, count: int) -> bool:
    return (
        db.count("chat_outbox", {"status": "sent"}) + db.count("chat_outbox", {"status": "failed"}) == count
    )


async def run_worker(db: Database, database_url: str, sink: Outbox) -> asyncio.Task[None]:
    worker = ChatWorker(
        db, database_url, source_factory=lambda s: Quiet(), outbox=sink, bot_login="chronicler_bot"
    )
    return asyncio.create_task(worker.run())


async def stop(task: asyncio.Task[None], sink: Outbox) -> None:
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    if isinstance(sink, HelixOutbox):
        await sink.aclose()


async def test_under_429_every_queued_message_is_sent_once_after_the_reset(
    db, database_url, session_id, fake: FakeTwitch, credentials: TwitchCredentials, clock: FakeClock
):
    texts = [f"bot message {n}" for n in range(4)]
    queue(db, session_id, *texts)
    # Twitch's bucket is empty for the next two seconds: the first two tries are refused.
    fake.rate_limit_next(reset_at=clock.now + 2, times=2)
    sink = helix_outbox(fake, credentials, clock)

    running = await run_worker(db, database_url, sink)
    try:
        await until(lambda: settled(db, 4))
    finally:
        await stop(running, sink)

    assert [m["message"] for m in fake.sent_messages] == texts  # each once, in order
    assert [(r["status"], r["attempts"], r["error"]) for r in rows(db)] == [("sent", 1, None)] * 4
    assert fake.requests.count(SEND) == 6
    # Both refusals were waited out until Ratelimit-Reset (+ the margin), not retried at once.
    assert clock.sleeps == [pytest.approx(3.25), pytest.approx(0.5)]


async def test_a_5xx_then_success_is_sent_once(
    db, database_url, session_id, fake: FakeTwitch, credentials: TwitchCredentials, clock: FakeClock
):
    queue(db, session_id, "hello chat")
    fake.fail_next(*SEND, 502, "Bad Gateway")
    fake.fail_next(*SEND, 500, "Internal Server Error")
    sink = helix_outbox(fake, credentials, clock)

    running = await run_worker(db, database_url, sink)
    try:
        await until(lambda: settled(db, 1))
    finally:
        await stop(running, sink)

    assert [m["message"] for m in fake.sent_messages] == ["hello chat"]
    assert [r["status"] for r in rows(db)] == ["sent"]
    assert fake.requests.count(SEND) == 3 and clock.sleeps == [1.0, 2.0]  # the default backoff


async def test_a_timeout_after_sending_fails_the_message_and_never_resends_it(
    db, database_url, session_id, fake: FakeTwitch, credentials: TwitchCredentials, clock: FakeClock
):
    sink = helix_outbox(fake, credentials, clock, request_timeout=0.3)
    queue(db, session_id, "warm up the login")
    running = await run_worker(db, database_url, sink)
    try:
        await until(lambda: settled(db, 1))
        # Twitch posts the next message, but its answer comes after the sender stopped waiting.
        fake.answer_next_send_late(1.0)
        queue(db, session_id, "said once", "after it")
        await until(lambda: settled(db, 3))
        await asyncio.sleep(0.3)  # time for a resend, were there one
    finally:
        await stop(running, sink)

    assert [m["message"] for m in fake.sent_messages] == ["warm up the login", "said once", "after it"]
    unknown = rows(db)[1]
    assert unknown["status"] == "failed" and unknown["sent_at"] is None
    assert unknown["error"].startswith("SendOutcomeUnknown: ") and "may have posted" in unknown["error"]
    assert [r["status"] for r in rows(db)] == ["sent", "failed", "sent"]


async def test_a_message_left_sending_by_a_stopped_worker_is_failed_not_sent_again(
    db, database_url, session_id
):
    queue(db, session_id, "claimed when the last worker stopped", "still queued")
    assert outbox.claim_next_message(db) is not None  # the last worker claimed it, then stopped
    sink = Recording()

    running = await run_worker(db, database_url, sink)
    try:
        await until(lambda: settled(db, 2))
    finally:
        await stop(running, sink)

    assert sink.sent == [(CHANNEL, "still queued")]
    left, queued = rows(db)
    assert (left["status"], left["attempts"], left["sent_at"]) == ("failed", 1, None)
    assert left["error"].startswith("outcome unknown")
    assert (queued["status"], queued["attempts"]) == ("sent", 1)


def test_a_sent_message_stays_sent(db, session_id):
    queue(db, session_id, "hello")
    claimed = outbox.claim_next_message(db)
    assert claimed is not None
    at = db.fetch_value("SELECT now()")
    outbox.mark_sent(db, claimed.id, at=at)

    outbox.mark_failed(db, claimed.id, "a late verdict")
    assert outbox.fail_unsettled(db, "outcome unknown") == 0

    [row] = rows(db)
    assert (row["status"], row["sent_at"], row["error"]) == ("sent", at, None)
