"""A raid through the whole Twitch side: EventSub channel.raid in, the session's modes told, chat stored."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from datetime import datetime

import pytest

from chronicler.domain.chat import RaidArrived
from chronicler.store import Database, sessions
from chronicler.twitch.live import TwitchCredentials
from chronicler.twitch.worker import ChatWorker, LoggingOutbox
from tests.fakes.twitch_server import FakeTwitch
from tests.twitch.conftest import CHANNEL, STEP, make_source
from tests.waiting import until

PASTE = "cozy_lantern raid! sending love and good vibes from the cozy_lantern community <3"


@pytest.fixture
def user_id(db: Database) -> int:
    row = db.insert("users", {"username": "pixel_wren", "password_hash": "x", "twitch_channel": CHANNEL})
    return int(row["id"])


@pytest.fixture
async def worker(
    db, database_url, fake: FakeTwitch, credentials: TwitchCredentials
) -> AsyncIterator[ChatWorker]:
    """A running worker whose sessions read the fake Twitch."""
    chronicler = ChatWorker(
        db,
        database_url,
        outbox=LoggingOutbox(echo=lambda line: None),
        bot_login="chronicler_bot",
        flush_interval=0.05,
        source_factory=lambda s: make_source(fake, credentials, channel=s.channel),
    )
    running = asyncio.create_task(chronicler.run())
    yield chronicler
    running.cancel()
    await asyncio.gather(running, return_exceptions=True)


async def test_a_raid_reaches_the_sessions_modes_and_is_not_counted_as_chat(
    db: Database, user_id: int, fake: FakeTwitch, worker: ChatWorker
) -> None:
    session = sessions.start_session(db, user_id, channel=CHANNEL, default_channel=None)
    await fake.wait_for_subscriptions(4, timeout=STEP)
    await fake.send_chat(CHANNEL, "regular_viewer", "good evening chat")
    [frame] = await fake.raid(CHANNEL, "Cozy_Lantern", viewers=38)
    for i in range(12):
        await fake.send_chat(CHANNEL, f"cozy_raider{i}", PASTE, first=True)

    await until(lambda: db.count("chat_messages") == 13)
    runner = worker.pipelines[session.id].runner
    sent = frame["metadata"]["message_timestamp"]
    assert runner.last_raid == RaidArrived(
        CHANNEL, "cozy_lantern", 38, datetime.fromisoformat(sent.replace("000Z", "+00:00"))
    )
    await until(lambda: db.select_one("stream_sessions", {"id": session.id})["message_count"] == 13)


async def test_a_refused_raid_subscription_leaves_the_chat_chronicled(
    db: Database, user_id: int, fake: FakeTwitch, worker: ChatWorker, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    fake.refuse_subscriptions("channel.raid", 403, "subscription missing proper authorization")
    session = sessions.start_session(db, user_id, channel=CHANNEL, default_channel=None)
    await fake.wait_for_subscriptions(3, timeout=STEP)
    await fake.send_chat(CHANNEL, "regular_viewer", "good evening chat")
    await fake.send_chat(CHANNEL, "regular_viewer", "what are we playing?")

    await until(lambda: db.count("chat_messages", {"session_id": session.id}) == 2)
    assert db.count("chat_gaps") == 0  # chat was heard all along: nothing to tell the streamer
    assert worker.pipelines[session.id].runner.last_raid is None
    refused = [r.getMessage() for r in caplog.records if "channel.raid" in r.getMessage()]
    assert refused and all(
        r.levelno == logging.WARNING for r in caplog.records if "channel.raid" in r.getMessage()
    )
    assert "reading chat without it" in refused[0]
