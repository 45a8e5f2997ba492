"""Shared fixtures: a real PostgreSQL (embedded unless TEST_DATABASE_URL is set), the app, a client, auth."""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from flask import Flask
from flask.testing import FlaskClient
from waitress import wasyncore
from waitress.server import create_server

from chronicler.accounts import Accounts
from chronicler.api import create_app
from chronicler.config.settings import Settings
from chronicler.store import Database, start_embedded, upgrade

TEST_SECRET = "test-jwt-secret-that-is-long-enough-0123456789"
BOT_SECRET = "test-bot-secret-that-is-long-enough-0123456789"


@pytest.fixture(scope="session")
def database_url() -> str:
    """A migrated database for this test run: TEST_DATABASE_URL, or an embedded server in a temp folder."""
    url = os.environ.get("TEST_DATABASE_URL")
    if url is None:
        # Not under pytest's basetemp: pytest prunes old run folders, and the server outlives the session.
        folder = Path(tempfile.mkdtemp(prefix="chronicler-test-pg-"))
        url = start_embedded(folder, database="chronicler_test", delete_on_exit=True)
        _throwaway_durability(url)
    upgrade(url)
    return url


def _throwaway_durability(url: str) -> None:
    """The embedded test server is deleted after the run: skip fsync so per-test TRUNCATEs are cheap."""
    with psycopg.connect(url, autocommit=True) as conn:
        for setting in ("fsync", "synchronous_commit", "full_page_writes"):
            conn.execute(f"ALTER SYSTEM SET {setting} = off")
        conn.execute("SELECT pg_reload_conf()")


@pytest.fixture(scope="session")
def _pool(database_url: str) -> Iterator[Database]:
    with Database(database_url, min_size=1, max_size=8) as db:
        yield db


@pytest.fixture
def db(_pool: Database) -> Database:
    """The test database, emptied before each test so tests never see each other's rows."""
    tables = _pool.fetch_all(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE '%yoyo%'"
    )
    if tables:
        names = ", ".join(f'"{t["tablename"]}"' for t in tables)
        _pool.execute(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
    return _pool


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Test settings: secrets set, fast bcrypt, data in a temp folder."""
    return Settings(
        app_env="test",
        jwt_secret=TEST_SECRET,
        bot_api_secret=BOT_SECRET,
        bcrypt_rounds=4,  # cost 12 is the product default (tested); 4 keeps the suite fast
        data_dir=tmp_path / "data",
        export_path=tmp_path / "exports",
    )


@pytest.fixture
def accounts(db: Database, settings: Settings) -> Accounts:
    """The accounts service on the test database."""
    return Accounts.from_settings(db, settings)


@pytest.fixture
def app(settings: Settings, db: Database) -> Flask:
    """The API on the test database."""
    return create_app(settings, db=db)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client for the API."""
    return app.test_client()


@dataclass
class AuthActions:
    """Creates users and logs them in through the API, like flaskr's auth helper."""

    client: FlaskClient
    accounts: Accounts

    def create(self, username: str = "pixel_wren", password: str = "correct horse", **kw: Any) -> int:
        """Create a user directly and return its id."""
        return self.accounts.register(username, password, **kw).id

    def login(self, username: str = "pixel_wren", password: str = "correct horse") -> dict[str, Any]:
        """Log in through the API and return the token pair."""
        response = self.client.post("/api/login", json={"username": username, "password": password})
        assert response.status_code == 200, response.json
        return response.json

    def headers(self, username: str = "pixel_wren", password: str = "correct horse") -> dict[str, str]:
        """Create (if needed) and log in a user; Authorization headers for it."""
        from chronicler.store.users import find_credentials

        if find_credentials(self.accounts.db, username) is None:
            self.create(username, password)
        return {"Authorization": f"Bearer {self.login(username, password)['access_token']}"}


@pytest.fixture
def auth(client: FlaskClient, accounts: Accounts) -> AuthActions:
    """Create and log in users."""
    return AuthActions(client, accounts)


@pytest.fixture
def bot_headers() -> dict[str, str]:
    """Headers the Discord bot sends to its endpoints."""
    return {"X-Bot-Secret": BOT_SECRET}


@pytest.fixture
def live_api(app: Flask) -> Iterator[str]:
    """The API served over real HTTP (waitress, as in production) on 127.0.0.1; its base URL."""
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    # Its sockets are closed in the server's own thread: closed from this one, they raced the select()
    # the thread was in (EBADF there, a PytestUnhandledThreadExceptionWarning now and then).
    server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map))
    thread.join(timeout=5)
    server.task_dispatcher.shutdown()
