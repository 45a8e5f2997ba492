"""The Twitch routes without a worker: what is refused and why, and that no answer carries a token."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from cryptography.fernet import Fernet

from chronicler.api import create_app
from chronicler.config.settings import Settings
from chronicler.store.twitch_grants import TwitchGrants, token_cipher

KEY = Fernet.generate_key().decode()
NOW = datetime.now(UTC)


def _app(settings: Settings, db, **changes):
    app = create_app(settings.model_copy(update=changes), db=db)
    app.config["TWITCH_CONNECT_WAIT"] = 0.2
    return app.test_client()


GRANT_MODE = {"twitch_client_id": "cid", "twitch_client_secret": "secret", "token_encryption_key": KEY}


def _grant(db, user_id: int, login: str, slot: str = "broadcaster", twitch_id: str = "1001") -> None:
    TwitchGrants(db, token_cipher(KEY)).save(
        slot=slot,  # type: ignore[arg-type]
        user_id=user_id,
        twitch_user_id=twitch_id,
        twitch_login=login,
        scopes=("channel:bot",),
        access_token=f"secret-access-{login}",
        refresh_token=f"secret-refresh-{login}",
        expires_at=NOW + timedelta(hours=4),
        at=NOW,
    )


def test_connecting_needs_a_registered_app(settings, db, auth):
    auth.create()
    client = _app(settings, db)
    answer = client.post("/api/twitch/connect", headers=auth.headers())
    assert answer.status_code == 409 and "TWITCH_CLIENT_ID" in answer.json["error"]["message"]
    status = client.get("/api/twitch", headers=auth.headers())
    assert status.json == {"bot": None, "broadcaster": None, "env_tokens": False}


def test_without_a_worker_the_connect_is_refused_in_time_and_cancelled(settings, db, auth):
    user = auth.create()
    client = _app(settings, db, **GRANT_MODE)
    answer = client.post("/api/twitch/connect", headers=auth.headers())
    assert answer.status_code == 503 and "chronicler twitch" in answer.json["error"]["message"]
    assert db.select_one("twitch_connect_requests", {"user_id": user})["status"] == "cancelled"


def test_a_session_needs_the_channel_proven_in_grant_mode(settings, db, auth):
    user = auth.create(twitch_channel="pixel_wren")
    client = _app(settings, db, **GRANT_MODE)
    refused = client.post("/api/sessions", headers=auth.headers())
    assert refused.status_code == 403 and "bot account is not connected" in refused.json["error"]["message"]
    _grant(db, user, "chronicler_bot", slot="bot", twitch_id="7")
    refused = client.post("/api/sessions", headers=auth.headers())
    assert refused.status_code == 403 and "connect twitch" in refused.json["error"]["message"]
    _grant(db, user, "pixel_wren")
    assert client.post("/api/sessions", headers=auth.headers()).status_code == 201


def test_another_account_is_refused_the_channel(settings, db, auth):
    owner = auth.create()
    _grant(db, owner, "chronicler_bot", slot="bot", twitch_id="7")
    _grant(db, owner, "pixel_wren")
    auth.create("copycat")
    client = _app(settings, db, **GRANT_MODE)
    refused = client.post("/api/sessions", json={"channel": "pixel_wren"}, headers=auth.headers("copycat"))
    assert refused.status_code == 409 and refused.json["error"]["code"] == "channel_taken"


def test_the_env_setup_and_synthetic_chat_need_no_grant(settings, db, auth):
    auth.create(twitch_channel="pixel_wren")
    env = {**GRANT_MODE, "twitch_bot_user_id": "42", "twitch_access_token": "env-token"}
    client = _app(settings, db, **env)
    assert client.post("/api/sessions", headers=auth.headers()).status_code == 201
    assert client.get("/api/twitch", headers=auth.headers()).json["env_tokens"] is True


def test_status_and_disconnect_never_show_a_token(settings, db, auth):
    user = auth.create()
    _grant(db, user, "chronicler_bot", slot="bot", twitch_id="7")
    _grant(db, user, "pixel_wren")
    client = _app(settings, db, **GRANT_MODE)
    status = client.get("/api/twitch", headers=auth.headers())
    assert (
        status.json["bot"]["login"] == "chronicler_bot"
        and status.json["broadcaster"]["status"] == "connected"
    )
    assert b"secret-" not in status.data
    gone = client.delete("/api/twitch/broadcaster", headers=auth.headers())
    assert gone.status_code == 200 and gone.json["broadcaster"] is None and b"secret-" not in gone.data
    assert db.count("twitch_revocations") == 2
    assert client.delete("/api/twitch/broadcaster", headers=auth.headers()).status_code == 404


def test_only_who_connected_the_bot_may_replace_it(settings, db, auth):
    first = auth.create()
    _grant(db, first, "chronicler_bot", slot="bot", twitch_id="7")
    auth.create("second")
    client = _app(settings, db, **GRANT_MODE)
    answer = client.post("/api/twitch/connect", json={"grant": "bot"}, headers=auth.headers("second"))
    assert answer.status_code == 403
    assert client.delete("/api/twitch/bot", headers=auth.headers("second")).status_code == 403


@pytest.mark.parametrize("grant", ["owner", "BOT", ""])
def test_a_grant_must_be_bot_or_broadcaster(settings, db, auth, grant):
    auth.create()
    client = _app(settings, db, **GRANT_MODE)
    answer = client.post("/api/twitch/connect", json={"grant": grant}, headers=auth.headers())
    assert answer.status_code in (400, 422)
