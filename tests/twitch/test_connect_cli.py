"""`chronicler twitch connect` in a terminal: the same device flow, printed; the grant kept encrypted."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from cryptography.fernet import Fernet

from chronicler.cli.context import CliContext
from chronicler.cli.twitch import twitch
from chronicler.config.settings import Settings
from chronicler.store import Database
from chronicler.store.twitch_grants import TwitchGrants, token_cipher
from tests.fakes.twitch_oauth import FakeTwitchOAuth
from tests.fakes.twitch_server import FakeTwitch


class Fakes:
    """The fake Twitch and its OAuth on a loop of their own (the CLI runs its own asyncio.run)."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.twitch = FakeTwitch()
        self.oauth = FakeTwitchOAuth(self.twitch, interval=1)
        self.run(self.twitch.start())
        self.run(self.oauth.__aenter__())

    def run(self, coroutine):  # type: ignore[no-untyped-def]
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(10)

    def close(self) -> None:
        self.run(self.oauth.__aexit__(None, None, None))
        self.run(self.twitch.close())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)


@pytest.fixture
def fakes() -> Iterator[Fakes]:
    running = Fakes()
    yield running
    running.close()


def test_connect_in_a_terminal(db: Database, tmp_path: Path, fakes: Fakes) -> None:
    db.insert("users", {"username": "pixel_wren", "password_hash": "x"})
    key = Fernet.generate_key().decode()
    settings = Settings(
        app_env="test",
        jwt_secret="j" * 40,
        bot_api_secret="b" * 40,
        data_dir=tmp_path,
        token_encryption_key=key,
        twitch_client_id=fakes.twitch.client_id,
        twitch_auth_url=fakes.oauth.id_url,
    )

    def approve_when_asked() -> None:
        deadline = time.monotonic() + 10
        while not fakes.oauth.flows and time.monotonic() < deadline:
            time.sleep(0.02)
        fakes.oauth.approve(fakes.oauth.flow().user_code, "chronicler_bot")

    helper = threading.Thread(target=approve_when_asked)
    helper.start()
    result = CliRunner().invoke(twitch, ["connect", "--bot"], obj=CliContext(settings, opener=lambda _s: db))
    helper.join()
    assert result.exit_code == 0, result.output
    assert f"enter the code {fakes.oauth.flow().user_code}" in result.output
    assert "Connected: chronicler_bot (bot)" in result.output
    grant = TwitchGrants(db, token_cipher(key)).bot()
    assert grant is not None and grant.access_token in fakes.oauth.issued
    assert not any(token in result.output for token in fakes.oauth.issued)
