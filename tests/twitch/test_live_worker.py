"""The worker's live parts reach Twitch where the settings say: here, the fake Twitch."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from chronicler.config.settings import Settings
from chronicler.store.sessions import StreamSession
from chronicler.twitch import _helix
from chronicler.twitch.live_worker import live_outbox, live_sources
from tests.fakes.twitch_server import FakeTwitch, FakeUser
from tests.twitch.conftest import CHANNEL, STEP, Reader


def settings_for(fake: FakeTwitch, bot: FakeUser) -> Settings:
    """Settings with the bot's credentials and the fake's three URLs."""
    return Settings(
        twitch_client_id=fake.client_id,
        twitch_client_secret=fake.client_secret,
        twitch_bot_user_id=bot.id,
        twitch_access_token=bot.access_token,
        twitch_refresh_token=bot.refresh_token,
        twitch_eventsub_url=fake.eventsub_url,
        twitch_helix_url=fake.helix_url,
        twitch_auth_url=fake.id_url,
    )


def test_the_defaults_are_twitchs_own_urls() -> None:
    settings = Settings()
    assert settings.twitch_eventsub_url == _helix.EVENTSUB_URL
    assert settings.twitch_helix_url == _helix.HELIX_URL
    assert settings.twitch_auth_url == _helix.ID_URL


async def test_the_live_source_follows_the_settings_urls(fake: FakeTwitch, bot: FakeUser) -> None:
    session = StreamSession(
        id=1,
        user_id=1,
        channel=CHANNEL,
        theme=None,
        status="active",
        started_at=datetime.now(UTC),
        ended_at=None,
        last_chat_at=None,
        message_count=0,
    )
    source = live_sources(settings_for(fake, bot))(session)
    reader = Reader(source)  # type: ignore[arg-type]  # a LiveChatSource, typed as any ChatSource
    try:
        await fake.wait_for_subscriptions(4, timeout=STEP)  # logged in, subscribed, on the fake's socket
        await fake.send_chat(CHANNEL, "a_viewer", "hello from the fake")
        assert await reader.texts(1) == ["hello from the fake"]
    finally:
        await source.aclose()
        await asyncio.wait_for(reader.task, STEP)
    assert ("GET", "/oauth2/validate") in fake.requests and ("GET", "/helix/users") in fake.requests


async def test_the_outbox_follows_the_settings_urls(fake: FakeTwitch, bot: FakeUser) -> None:
    sink = live_outbox(settings_for(fake, bot))
    try:
        assert await asyncio.wait_for(sink.send(CHANNEL, "hello from the bot"), STEP)
    finally:
        await sink.aclose()
    [sent] = fake.sent_messages
    assert (sent["message"], sent["sender_id"]) == ("hello from the bot", bot.id)
