"""The stored bot grant at work: refreshed on a 401 and before expiry, validated hourly, broken once
for good (one notice, no loop), and the sender's moderator allowance as that grant."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from cryptography.fernet import Fernet

from chronicler.config.settings import Settings
from chronicler.store import Database
from chronicler.store.twitch_grants import TwitchGrants, token_cipher
from chronicler.twitch._errors import TwitchAuthError
from chronicler.twitch.grants import GrantService
from chronicler.twitch.live_worker import GrantedOutbox, bot_user_id_of
from chronicler.twitch.oauth import TwitchOAuth
from tests.fakes.twitch_oauth import FakeTwitchOAuth
from tests.fakes.twitch_server import FakeTwitch, FakeUser

CHANNEL = "pixel_wren"
SCOPES = ("user:bot", "user:read:chat", "user:write:chat", "user:read:moderated_channels")


@pytest.fixture
async def twitch() -> AsyncIterator[tuple[FakeTwitch, FakeTwitchOAuth]]:
    async with FakeTwitch() as fake, FakeTwitchOAuth(fake) as oauth:
        fake.add_user(CHANNEL)
        yield fake, oauth


@pytest.fixture
def grants(db: Database) -> TwitchGrants:
    return TwitchGrants(db, token_cipher(Fernet.generate_key().decode()))


def _connect_bot(db: Database, grants: TwitchGrants, bot: FakeUser, *, expires_in: float = 14_400) -> int:
    user_id = db.insert("users", {"username": "operator", "password_hash": "x"})["id"]
    now = datetime.now(UTC)
    grants.save(
        slot="bot",
        user_id=user_id,
        twitch_user_id=bot.id,
        twitch_login=bot.login,
        scopes=bot.scopes,
        access_token=bot.access_token,
        refresh_token=bot.refresh_token,
        expires_at=now + timedelta(seconds=expires_in),
        at=now,
    )
    return int(user_id)


def _service(db: Database, grants: TwitchGrants, fake: FakeTwitch, oauth: FakeTwitchOAuth) -> GrantService:
    client = TwitchOAuth(client_id=fake.client_id, client_secret=fake.client_secret, id_url=oauth.id_url)
    return GrantService(db, grants, client)


def _settings(fake: FakeTwitch, oauth: FakeTwitchOAuth) -> Settings:
    return Settings(
        twitch_client_id=fake.client_id,
        twitch_client_secret=fake.client_secret,
        twitch_helix_url=fake.helix_url,
        twitch_auth_url=oauth.id_url,
    )


async def test_the_sender_refreshes_on_a_401_and_keeps_the_new_pair_first(db, grants, twitch):
    fake, oauth = twitch
    bot = fake.add_user("chronicler_bot", scopes=SCOPES)
    _connect_bot(db, grants, bot)
    service = _service(db, grants, fake, oauth)
    outbox = GrantedOutbox(_settings(fake, oauth), service, bot_user_id_of(grants))
    try:
        assert await outbox.send(CHANNEL, "hello chat")
        before = grants.bot()
        oauth.expire_access("chronicler_bot")
        assert await outbox.send(CHANNEL, "still here after a refresh")
        after = grants.bot()
        assert oauth.refreshes == 1
        assert before is not None and after is not None
        assert after.refresh_token != before.refresh_token and after.access_token == bot.access_token
        assert [m["message"] for m in fake.sent_messages] == ["hello chat", "still here after a refresh"]
    finally:
        await outbox.aclose()
        await service._oauth.aclose()


async def test_the_moderator_allowance_is_read_from_helix(db, grants, twitch):
    fake, oauth = twitch
    bot = fake.add_user("chronicler_bot", scopes=SCOPES)
    fake.add_moderator(CHANNEL, "chronicler_bot")
    _connect_bot(db, grants, bot)
    service = _service(db, grants, fake, oauth)
    outbox = GrantedOutbox(_settings(fake, oauth), service, bot_user_id_of(grants))
    try:
        assert await outbox.send(CHANNEL, "a moderator's hello")
        fake.add_user("someone_else")
        assert await outbox.send("someone_else", "a guest's hello")
        sender = outbox._outbox._sender  # type: ignore[union-attr]
        assert sender.limiter(fake.users[CHANNEL].id).limit == 100
        assert sender.limiter(fake.users["someone_else"].id).limit == 20
        assert ("GET", "/helix/moderation/channels") in fake.requests
    finally:
        await outbox.aclose()
        await service._oauth.aclose()


async def test_a_token_near_expiry_is_refreshed_before_use(db, grants, twitch):
    fake, oauth = twitch
    bot = fake.add_user("chronicler_bot", scopes=SCOPES)
    _connect_bot(db, grants, bot, expires_in=60)  # within the 5-minute margin
    service = _service(db, grants, fake, oauth)
    try:
        token = await service.keeper("bot").access_token()
        assert oauth.refreshes == 1 and token == bot.access_token
        assert await service.keeper("bot").access_token() == token  # now fresh: no second refresh
        assert oauth.refreshes == 1
    finally:
        await service._oauth.aclose()


async def test_hourly_validation_refreshes_a_refused_token(db, grants, twitch):
    fake, oauth = twitch
    bot = fake.add_user("chronicler_bot", scopes=SCOPES)
    _connect_bot(db, grants, bot)
    service = _service(db, grants, fake, oauth)
    try:
        await service.validate_all()
        assert oauth.refreshes == 0 and grants.bot().validated_at is not None  # type: ignore[union-attr]
        oauth.expire_access("chronicler_bot")
        await service.validate_all()
        assert oauth.refreshes == 1
        assert (await service._oauth.validate(grants.bot().access_token)).login == "chronicler_bot"  # type: ignore[union-attr]
    finally:
        await service._oauth.aclose()


async def test_a_refresh_refused_for_good_marks_it_broken_once_and_does_not_loop(db, grants, twitch):
    fake, oauth = twitch
    bot = fake.add_user("chronicler_bot", scopes=SCOPES)
    operator = _connect_bot(db, grants, bot)
    oauth.revoke_authorization("chronicler_bot")  # the bot account withdrew the app on Twitch
    service = _service(db, grants, fake, oauth)
    keeper = service.keeper("bot")
    try:
        for _ in range(3):
            with pytest.raises(TwitchAuthError):
                await keeper.refreshed(bot.access_token)
            await service.validate_all()
        token_calls = [r for r in oauth.requests if r[1] == "/oauth2/token"]
        assert len(token_calls) == 1  # tried once, then left broken
        grant = grants.bot()
        assert grant is not None and grant.broken
        notices = db.select("notices", {"user_id": operator})
        assert len(notices) == 1 and "connect twitch" in notices[0]["text"]
        assert bot.refresh_token not in notices[0]["text"]
    finally:
        await service._oauth.aclose()


async def test_a_device_flow_denied_or_expired_leaves_a_notice(db, grants, twitch):
    fake, oauth = twitch
    user = db.insert("users", {"username": "pixel_wren", "password_hash": "x"})["id"]
    clock = [0.0]

    async def sleep(seconds: float) -> None:
        clock[0] += seconds

    oauth.clock = lambda: clock[0]
    client = TwitchOAuth(client_id=fake.client_id, id_url=oauth.id_url)
    service = GrantService(db, grants, client, clock=lambda: clock[0], sleep=sleep)
    try:
        denied = grants.request_connect(user, "broadcaster")
        assert await service.take_requests() == 1
        oauth.deny(oauth.flow().user_code)
        await service.wait_for_flows()
        assert grants.request(denied.id).status == "failed"  # type: ignore[union-attr]
        oauth.expires_in = 12
        expired = grants.request_connect(user, "broadcaster")
        await service.take_requests()
        await service.wait_for_flows()
        assert grants.request(expired.id).status == "failed"  # type: ignore[union-attr]
        texts = [n["text"] for n in db.select("notices", {"user_id": user}, order_by="id")]
        assert texts == [
            "You declined on Twitch's page, so nothing was connected.",
            "The Twitch code expired before it was entered. DM me “connect twitch” again.",
        ]
        assert grants.broadcaster(user) is None
    finally:
        await client.aclose()
