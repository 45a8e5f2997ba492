"""Issue 19 end to end: "connect twitch" in DMs → device flow on a fake Twitch → encrypted grant →
a session reading chat as that grant, across a forced refresh and a worker restart; no token leaks.

Everything is real but Twitch: the API over HTTP (waitress), the bot's conversation (as the console
runs it), the worker's grant service and chat worker, PostgreSQL.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from cryptography.fernet import Fernet

from chronicler.accounts import Accounts
from chronicler.bot.api_client import ApiClient
from chronicler.bot.auth import ProvidedAuthenticator
from chronicler.bot.conversation import Conversation
from chronicler.config.settings import Settings
from chronicler.contract.commands import Command
from chronicler.store import Database
from chronicler.store.twitch_grants import TwitchGrants, token_cipher
from chronicler.twitch.live_worker import GrantedOutbox, bot_user_id_of, grant_service, granted_sources
from chronicler.twitch.worker import ChatWorker
from tests.bot.fake_parser import PHRASES, PhraseParser
from tests.conftest import BOT_SECRET, TEST_SECRET
from tests.fakes.twitch_oauth import FakeTwitchOAuth
from tests.fakes.twitch_server import FakeTwitch
from tests.waiting import until

KEY = Fernet.generate_key().decode()
CHANNEL = "pixel_wren"


class SimClock:
    """Simulated seconds for Twitch's device-flow pacing: each sleep moves it on, and yields briefly."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds
        await asyncio.sleep(0.01)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        app_env="test",
        jwt_secret=TEST_SECRET,
        bot_api_secret=BOT_SECRET,
        bcrypt_rounds=4,
        data_dir=tmp_path / "data",
        export_path=tmp_path / "exports",
        twitch_client_id="fake-client-id",
        twitch_client_secret="fake-client-secret",
        token_encryption_key=KEY,
    )


@pytest.fixture
async def twitch() -> AsyncIterator[tuple[FakeTwitch, FakeTwitchOAuth, SimClock]]:
    clock = SimClock()
    async with FakeTwitch() as fake, FakeTwitchOAuth(fake, clock=clock, expires_in=10**6) as oauth:
        yield fake, oauth, clock


def _worker_settings(settings: Settings, fake: FakeTwitch, oauth: FakeTwitchOAuth) -> Settings:
    return settings.model_copy(
        update={
            "twitch_helix_url": fake.helix_url,
            "twitch_eventsub_url": fake.eventsub_url,
            "twitch_auth_url": oauth.id_url,
        }
    )


class Worker:
    """`chronicler twitch` in grant mode, as the CLI wires it: the chat worker and the grant service."""

    def __init__(self, settings: Settings, db: Database, database_url: str, clock: SimClock) -> None:
        self.service = grant_service(settings, db, clock=clock, sleep=clock.sleep)
        bot_id = bot_user_id_of(TwitchGrants(db, token_cipher(KEY)))
        self.outbox = GrantedOutbox(settings, self.service, bot_id)
        self.chat = ChatWorker(
            db,
            database_url,
            source_factory=granted_sources(settings, self.service, bot_id),
            outbox=self.outbox,
            bot_login="chronicler_bot",
            flush_interval=0.05,
        )
        self.tasks = [asyncio.create_task(self.service.run()), asyncio.create_task(self.chat.run())]

    async def stop(self) -> None:
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        await self.outbox.aclose()


def _conversation(
    http: aiohttp.ClientSession, api_url: str, accounts: Accounts, user_id: int
) -> Conversation:
    phrases = {
        **PHRASES,
        "connect twitch": Command(interaction_type="twitch", action="connect"),
        "connect the twitch bot account": Command(interaction_type="twitch", action="connect", grant="bot"),
        "disconnect twitch": Command(interaction_type="twitch", action="disconnect", grant="broadcaster"),
        "start chronicling #pixel_wren": Command(interaction_type="session", action="start", channel=CHANNEL),
    }

    async def token() -> str:
        return accounts.access.issue(user_id)[0]

    client = ApiClient(http, api_url, bot_secret=BOT_SECRET, timeout_s=20)
    return Conversation(client, PhraseParser(phrases), ProvidedAuthenticator(token))


async def test_connect_twitch_in_dms_then_chat_survives_refresh_and_restart(
    db, database_url, live_api, accounts, settings, twitch, caplog
):
    caplog.set_level(logging.DEBUG)
    fake, oauth, clock = twitch
    operator = accounts.register("operator", "correct horse").id
    streamer = accounts.register("pixel_wren", "correct horse").id
    worker = Worker(_worker_settings(settings, fake, oauth), db, database_url, clock)
    replies: list[str] = []
    try:
        async with aiohttp.ClientSession() as http:
            # Once per installation: the operator connects the bot account.
            admin = _conversation(http, live_api, accounts, operator)
            reply = await admin.handle("console", "connect the twitch bot account")
            assert reply is not None
            replies.append(reply.plain_text())
            assert "bot account" in replies[-1] and "https://www.twitch.tv/activate" in replies[-1]
            oauth.approve(oauth.flow().user_code, "chronicler_bot")
            await until(lambda: TwitchGrants(db, token_cipher(KEY)).bot() is not None)

            # The streamer's path, counted: DMs sent, and one visit to Twitch's page.
            me = _conversation(http, live_api, accounts, streamer)
            dms = 0

            async def dm(text: str) -> str:
                nonlocal dms
                dms += 1
                answer = await me.handle("console", text)
                assert answer is not None
                replies.append(answer.plain_text())
                return replies[-1]

            first = await dm("connect twitch")
            assert "your channel" in first and "channel:bot" in first
            user_code = oauth.flow().user_code
            assert user_code in first
            oauth.approve(user_code, CHANNEL)  # the visit to Twitch's page
            await until(lambda: TwitchGrants(db, token_cipher(KEY)).broadcaster(streamer) is not None)
            started = await dm("start chronicling")
            assert "Chronicling #pixel_wren" in started, started
            assert "Twitch connected: #pixel_wren is yours here" in started  # the notice, with the reply
            await fake.wait_for_subscriptions(4)
            await fake.send_chat(CHANNEL, "regular_viewer", "first!", message_id="m1")
            await until(lambda: db.count("chat_messages") == 1)
            assert dms <= 3, dms

            # Another account asking for the channel is refused.
            other = accounts.register("copycat", "correct horse").id
            thief = _conversation(http, live_api, accounts, other)
            refused = await thief.handle("console", "start chronicling #pixel_wren")
            assert refused is not None
            replies.append(refused.plain_text())
            assert "another streamer's channel" in replies[-1], replies[-1]
            assert db.count("stream_sessions", {"user_id": other}) == 0

            # A forced refresh: the bot's access token dies, the socket drops, the source resubscribes.
            stored = TwitchGrants(db, token_cipher(KEY)).bot()
            assert stored is not None
            oauth.expire_access("chronicler_bot")
            old_sessions = list(fake.sessions)
            await fake.drop_socket()
            await fake.wait_for_subscriptions(4, not_on=old_sessions)
            assert oauth.refreshes == 1
            fresh = TwitchGrants(db, token_cipher(KEY)).bot()
            assert fresh is not None and fresh.refresh_token != stored.refresh_token  # rotated, kept
            await fake.send_chat(CHANNEL, "regular_viewer", "still here", message_id="m2")
            await until(lambda: db.count("chat_messages") == 2)

            # A restart: a new worker reads the refreshed grant from the database and carries on.
            await worker.stop()
            worker = Worker(_worker_settings(settings, fake, oauth), db, database_url, clock)
            await fake.wait_for_subscriptions(4, not_on=list(fake.sessions))
            await fake.send_chat(CHANNEL, "regular_viewer", "after the restart", message_id="m3")
            await until(lambda: db.count("chat_messages") == 3)

            gone = await dm("disconnect twitch")
            assert "disconnected" in gone
            await until(lambda: db.count("twitch_revocations") == 0)
            await admin.aclose()
            await me.aclose()
            await thief.aclose()
    finally:
        await worker.stop()

    assert oauth.revoked, "disconnecting revokes at Twitch"
    # No token anywhere it could be read: DMs, notices, the audit trail, the log; ciphertext at rest.
    tokens = [t for t in oauth.issued if t]
    assert tokens
    audit = " ".join(str(row) for row in db.select("interactions"))
    notices = " ".join(str(row) for row in db.select("notices"))
    rows = db.fetch_all("SELECT access_token, refresh_token FROM twitch_grants")
    at_rest = b" ".join(bytes(r["access_token"]) + bytes(r["refresh_token"]) for r in rows)
    for token in tokens:
        assert token not in " ".join(replies)
        assert token not in audit and token not in notices
        assert token not in caplog.text
        assert token.encode() not in at_rest
    assert "copycat" not in notices
