"""A deaf bot does not go unnoticed: the worker leaves the streamer one notice per outage, one when chat
is heard again, and keeps the session's gaps for its ledger.

Through the fake Twitch, whose welcomes announce a 1 s keepalive (Twitch's floor is 10 s), with the
source's margin at 0.3 s: chat counts as unheard after 1.3 s of silence here.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta

import pytest

from chronicler.domain.chat import ChatEvent, ChatHeard, ChatUnheard
from chronicler.domain.scribe import UnheardChat, render_markdown
from chronicler.store import Database, sessions
from chronicler.store.chat_gaps import unheard_chat
from chronicler.store.ledgers import gather
from chronicler.twitch.live import LiveChatSource, TwitchAuthError
from chronicler.twitch.source import ChatSource
from chronicler.twitch.worker import ChatWorker
from tests.fakes.twitch_server import FakeTwitch, FakeUser
from tests.twitch.conftest import BOT_SCOPES, CHANNEL, STEP, credentials_for
from tests.waiting import until

KEEPALIVE = 1  # what the fake's welcomes announce
MARGIN = 0.3
WINDOW = KEEPALIVE + MARGIN


class Quiet:
    """An outbox with nothing to send here."""

    async def send(self, channel: str, text: str) -> bool:
        return True


class Waits:
    """The worker's waits between source restarts, shortened and counted."""

    def __init__(self) -> None:
        self.count = 0

    async def __call__(self, seconds: float) -> None:
        self.count += 1
        await asyncio.sleep(min(seconds, 0.05))


@pytest.fixture
async def twitch() -> AsyncIterator[FakeTwitch]:
    async with FakeTwitch(welcome_keepalive=KEEPALIVE, unused_timeout=1.0) as fake:
        fake.add_user(CHANNEL, display_name="Pixel_Wren")
        yield fake


@pytest.fixture
def bot(twitch: FakeTwitch) -> FakeUser:
    return twitch.add_user("chronicler_bot", scopes=BOT_SCOPES)


@pytest.fixture
def user_id(db: Database) -> int:
    row = db.insert(
        "users",
        {
            "username": "pixel_wren",
            "password_hash": "x",
            "twitch_channel": CHANNEL,
            "timezone": "Europe/Paris",
        },
    )
    assert row is not None
    return int(row["id"])


class Running:
    """The worker on the fake Twitch, its waits shortened; stopped by `stop()`."""

    def __init__(self, db: Database, database_url: str, twitch: FakeTwitch, bot: FakeUser) -> None:
        credentials = credentials_for(twitch, bot)
        self.waits = Waits()
        self.worker = ChatWorker(
            db,
            database_url,
            source_factory=lambda s: LiveChatSource(
                channel=s.channel,
                credentials=credentials,
                helix_url=twitch.helix_url,
                eventsub_url=twitch.eventsub_url,
                id_url=twitch.id_url,
                restart_delays=(0.05,),
                connect_timeout=1.0,
                keepalive_margin=MARGIN,
                drain_grace=0.5,
                close_timeout=0.5,
            ),
            outbox=Quiet(),
            bot_login="chronicler_bot",
            flush_interval=0.05,
            sleep=self.waits,
        )
        self.task = asyncio.create_task(self.worker.run())

    async def stop(self) -> None:
        self.task.cancel()
        await asyncio.gather(self.task, return_exceptions=True)


@pytest.fixture
async def running(
    db: Database, database_url: str, twitch: FakeTwitch, bot: FakeUser
) -> AsyncIterator[Running]:
    worker = Running(db, database_url, twitch, bot)
    yield worker
    await worker.stop()


def notices(db: Database, user_id: int) -> list[str]:
    return [row["text"] for row in db.select("notices", {"user_id": user_id}, order_by="id")]


def heard_since(db: Database, session_id: int) -> datetime | None:
    """Since when the worker has heard the session's chat without a break."""
    row = db.select_one("stream_sessions", {"id": session_id})
    return None if row is None else row["heard_since"]


async def chat_stored(db: Database, twitch: FakeTwitch, count: int) -> None:
    """One more chat message, read and stored: the last frame heard before whatever the test does next."""
    await twitch.send_chat(CHANNEL, "viewer32", f"message {count}")
    await until(lambda: db.count("chat_messages") == count)


async def test_a_silent_socket_leaves_one_unheard_notice_one_heard_again_and_the_gap_for_the_ledger(
    db: Database, user_id: int, twitch: FakeTwitch, running: Running
) -> None:
    session = sessions.start_session(db, user_id, channel=CHANNEL, default_channel=None)
    await twitch.wait_for_subscriptions(4, timeout=STEP)
    [old] = twitch.sessions
    await chat_stored(db, twitch, 1)
    first_heard = heard_since(db, session.id)
    assert first_heard is not None and first_heard >= session.started_at

    twitch.silence()
    silenced = time.monotonic()
    await twitch.wait_for_subscriptions(4, not_on=[old], timeout=STEP)
    resubscribed = time.monotonic()
    await until(lambda: len(notices(db, user_id)) == 2)
    await asyncio.sleep(WINDOW)  # nothing more comes of this outage
    await chat_stored(db, twitch, 2)  # chat is heard and stored again

    unheard, heard = notices(db, user_id)
    # The Hearthkeeper counts quiet from here: the outage was no quiet chat.
    assert heard_since(db, session.id) > first_heard
    assert unheard.startswith("I have not heard chat in #pixel_wren since ")
    assert "CET" in unheard or "CEST" in unheard  # on the streamer's clock
    assert "reconnecting by myself" in unheard
    assert heard.startswith("Chat in #pixel_wren is heard again after ")
    gaps = await asyncio.to_thread(unheard_chat, db, session.id)
    assert gaps is not None and gaps.gaps == 1 and gaps.reasons == ("connection",)
    assert gaps.seconds >= KEEPALIVE
    assert gaps.seconds == pytest.approx(resubscribed - silenced, abs=0.5)

    sessions.end_session(db, user_id)
    await until(lambda: db.select_one("stream_sessions", {"id": session.id})["finalized_at"] is not None)
    await until(lambda: heard_since(db, session.id) is None)  # nobody hears its chat any more
    markdown = render_markdown(await asyncio.to_thread(gather, db, session.id))
    assert "- Chat was unheard for 1." in markdown and " s in 1 gap (Twitch's connection dropped)" in markdown


async def test_a_flapping_socket_within_one_outage_is_one_pair_of_notices(
    db: Database, user_id: int, twitch: FakeTwitch, running: Running
) -> None:
    session = sessions.start_session(db, user_id, channel=CHANNEL, default_channel=None)
    await twitch.wait_for_subscriptions(4, timeout=STEP)
    [first] = twitch.sessions
    await chat_stored(db, twitch, 1)

    twitch.silence()
    await twitch.wait_for_subscriptions(4, not_on=[first], timeout=STEP)
    [second] = [s for s in twitch.sessions if s != first]
    twitch.silence(session_id=second)  # it goes silent too, before it held
    await twitch.wait_for_subscriptions(4, not_on=[first, second], timeout=STEP)
    await until(lambda: len(notices(db, user_id)) == 2)
    await asyncio.sleep(WINDOW)
    await chat_stored(db, twitch, 2)

    unheard, heard = notices(db, user_id)
    assert "I have not heard chat" in unheard and "is heard again" in heard
    gaps = await asyncio.to_thread(unheard_chat, db, session.id)
    assert gaps is not None and gaps.gaps == 1 and gaps.seconds >= 2 * WINDOW


async def test_an_ordinary_reconnect_leaves_no_notice(
    db: Database, user_id: int, twitch: FakeTwitch, running: Running
) -> None:
    session = sessions.start_session(db, user_id, channel=CHANNEL, default_channel=None)
    await twitch.wait_for_subscriptions(4, timeout=STEP)
    [old] = twitch.sessions

    await twitch.close_socket(4000)
    await twitch.wait_for_subscriptions(4, not_on=[old], timeout=STEP)
    await asyncio.sleep(WINDOW + 0.3)
    await chat_stored(db, twitch, 1)

    assert notices(db, user_id) == []
    assert await asyncio.to_thread(unheard_chat, db, session.id) is None


async def test_revoked_authorization_leaves_one_notice_saying_what_to_do(
    db: Database, user_id: int, twitch: FakeTwitch, bot: FakeUser, running: Running
) -> None:
    session = sessions.start_session(db, user_id, channel=CHANNEL, default_channel=None)
    await twitch.wait_for_subscriptions(4, timeout=STEP)

    twitch.revoke_authorization(bot.login)  # the bot's tokens stop working: no restart can help
    await twitch.revoke("channel.chat.message", "authorization_revoked")
    await until(lambda: len(notices(db, user_id)) == 1)
    restarts = running.waits.count
    await until(lambda: running.waits.count >= restarts + 3)  # the source was restarted, and failed

    [notice] = notices(db, user_id)
    assert notice.startswith("I lost my authorization to read chat in #pixel_wren")
    assert "(authorization_revoked)" in notice and "will not fix itself" in notice
    assert "Re-authorize me" in notice and "restart the worker" in notice

    sessions.end_session(db, user_id)  # still deaf: the gap ends with the session
    await until(lambda: db.select_one("stream_sessions", {"id": session.id})["finalized_at"] is not None)
    gaps = await asyncio.to_thread(unheard_chat, db, session.id)
    assert gaps is not None and gaps.gaps == 1 and gaps.reasons == ("authorization",)
    assert len(notices(db, user_id)) == 1


class Scripted:
    """A chat source that yields given events, then fails with `error` or waits until closed."""

    def __init__(self, events: list[ChatEvent], error: Exception | None = None) -> None:
        self._events = events
        self._error = error
        self._closed = asyncio.Event()

    async def events(self) -> AsyncIterator[ChatEvent]:
        for event in self._events:
            yield event
        if self._error is not None:
            raise self._error
        await self._closed.wait()

    async def aclose(self) -> None:
        self._closed.set()


async def test_a_source_that_fails_is_unheard_until_a_restarted_one_hears_chat(
    db: Database, database_url: str, user_id: int
) -> None:
    # Chat goes unheard; then Twitch refuses the token (worth telling again: only the streamer can fix
    # that); a restarted source hears chat 90 s after the outage began.
    since = datetime.now(UTC) - timedelta(minutes=5)
    sources: Iterator[ChatSource] = iter(
        [
            Scripted(
                [ChatHeard(CHANNEL, since), ChatUnheard(CHANNEL, since, "connection", "lost its connection")],
                TwitchAuthError("the bot's token was refused"),
            ),
            Scripted([ChatHeard(CHANNEL, since + timedelta(seconds=90))]),
        ]
    )
    worker = ChatWorker(
        db,
        database_url,
        source_factory=lambda s: next(sources),
        outbox=Quiet(),
        bot_login="chronicler_bot",
        flush_interval=0.05,
        sleep=Waits(),
    )
    task = asyncio.create_task(worker.run())
    try:
        session = sessions.start_session(db, user_id, channel=CHANNEL, default_channel=None)
        await until(lambda: len(notices(db, user_id)) == 3)
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)

    lost, refused, heard = notices(db, user_id)
    assert lost.startswith("I have not heard chat in #pixel_wren since ")
    assert refused.startswith("I lost my authorization") and "the bot's token was refused" in refused
    assert heard.startswith("Chat in #pixel_wren is heard again after 1 min 30 s unheard.")
    gaps = await asyncio.to_thread(unheard_chat, db, session.id)
    assert gaps == UnheardChat(90.0, 1, ("authorization",))
