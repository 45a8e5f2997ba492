"""Starting, ending and listing sessions; owner-only."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from chronicler.api import create_app
from chronicler.contract.errors import ServiceUnavailable


def _start(client, headers, **body):
    return client.post("/api/sessions", json=body, headers=headers)


def test_start_uses_the_profile_channel(client, auth):
    headers = auth.headers()
    client.patch("/api/me", json={"twitch_channel": "pixel_wren"}, headers=headers)
    response = _start(client, headers, theme="cozy horror")
    assert response.status_code == 201
    body = response.json
    assert body["channel"] == "pixel_wren" and body["theme"] == "cozy horror" and body["status"] == "active"
    assert body["modes"] == {
        "hearthkeeper": True,
        "steward": True,
        "warden": True,
        "librarian": True,
        "scribe": True,
    }


def test_start_without_any_channel_says_so(client, auth):
    response = _start(client, auth.headers())
    assert response.status_code == 400 and response.json["error"]["code"] == "no_channel"


def test_start_without_a_body(client, auth):
    headers = auth.headers()
    client.patch("/api/me", json={"twitch_channel": "pixel_wren"}, headers=headers)
    assert client.post("/api/sessions", headers=headers).status_code == 201


def test_a_second_start_is_a_409(client, auth):
    headers = auth.headers()
    assert _start(client, headers, channel="#Pixel_Wren").status_code == 201
    response = _start(client, headers, channel="other")
    assert response.status_code == 409 and response.json["error"]["code"] == "session_active"


def test_end_current_and_list(client, auth):
    headers = auth.headers()
    started = _start(client, headers, channel="pixel_wren").json
    assert client.get("/api/sessions/current", headers=headers).json["id"] == started["id"]
    ended = client.post("/api/sessions/current/end", headers=headers)
    assert ended.status_code == 200 and ended.json["status"] == "ended" and ended.json["ended_at"]
    missing = client.get("/api/sessions/current", headers=headers)
    assert missing.status_code == 404 and missing.json["error"]["code"] == "no_active_session"
    assert client.post("/api/sessions/current/end", headers=headers).status_code == 404
    _start(client, headers, channel="pixel_wren")
    listed = client.get("/api/sessions", headers=headers).json["items"]
    assert [s["status"] for s in listed] == ["active", "ended"]
    assert [s["status"] for s in client.get("/api/sessions?status=ended", headers=headers).json["items"]] == [
        "ended"
    ]


def test_bad_list_parameters(client, auth):
    headers = auth.headers()
    assert client.get("/api/sessions?status=paused", headers=headers).status_code == 400
    assert client.get("/api/sessions?limit=0", headers=headers).status_code == 400
    assert client.get("/api/sessions?limit=abc", headers=headers).status_code == 400


def test_bad_channels_and_themes(client, auth):
    headers = auth.headers()
    assert _start(client, headers, channel="not a channel!").status_code == 400
    assert _start(client, headers, channel="x", theme="t" * 201).status_code == 422
    assert _start(client, headers, channel=5).status_code == 422


def test_sessions_are_owner_only(client, auth):
    a = auth.headers("streamer_a")
    b = auth.headers("streamer_b")
    _start(client, a, channel="channel_a")
    assert client.get("/api/sessions/current", headers=b).status_code == 404
    assert client.get("/api/sessions", headers=b).json["items"] == []
    assert client.post("/api/sessions/current/end", headers=b).status_code == 404
    assert client.get("/api/sessions/current", headers=a).status_code == 200


def test_inject_needs_an_active_session(client, auth):
    response = client.post(
        "/api/sessions/current/messages", json={"username": "x", "text": "hi"}, headers=auth.headers()
    )
    assert response.status_code == 404


def test_injected_spam_is_flagged_and_stored_once(client, auth, db):
    headers = auth.headers()
    _start(client, headers, channel="pixel_wren")
    body = {
        "username": "spammer_99",
        "text": "Wanna become famous? Buy followers, primes and viewers on streamboo .com",
        "message_id": "abc-1",
        "first_message": True,
    }
    first = client.post("/api/sessions/current/messages", json=body, headers=headers)
    assert first.status_code == 201 and first.json["flagged"] and first.json["stored"]
    again = client.post("/api/sessions/current/messages", json=body, headers=headers)
    assert again.json["duplicate"] is True
    assert db.count("chat_messages") == 1 and db.count("flags") == 1
    flags = client.get("/api/flags", headers=headers).json["items"]
    assert flags[0]["chatter_login"] == "spammer_99" and flags[0]["rule"]


def test_injected_message_with_unknown_badge(client, auth):
    headers = auth.headers()
    _start(client, headers, channel="pixel_wren")
    response = client.post(
        "/api/sessions/current/messages",
        json={"username": "x", "text": "hi", "badges": ["king"]},
        headers=headers,
    )
    assert response.status_code == 400 and response.json["error"]["field"] == "badges"


def test_an_injected_message_from_no_twitch_login_is_refused_and_nothing_is_stored(client, auth, db):
    headers = auth.headers()
    _start(client, headers, channel="pixel_wren")
    response = client.post(
        "/api/sessions/current/messages", json={"username": "not a login!", "text": "hi"}, headers=headers
    )
    assert response.status_code == 400 and response.json["error"]["field"] == "username"
    assert db.count("chat_messages") == 0
    # Written as a mention or a channel link, it is the same login as live chat would give it.
    ok = client.post(
        "/api/sessions/current/messages", json={"username": "@Moss_Fan", "text": "hi"}, headers=headers
    )
    assert ok.status_code == 201
    assert db.select_one("chat_messages", {})["chatter_login"] == "moss_fan"


def test_an_injected_message_with_nul_characters_is_refused_and_nothing_is_stored(client, auth, db):
    headers = auth.headers()
    _start(client, headers, channel="pixel_wren")
    body = {"username": "viewer", "text": "buy followers at bit.ly/x\u0000"}
    response = client.post("/api/sessions/current/messages", json=body, headers=headers)
    assert response.status_code == 422 and response.is_json
    assert db.count("chat_messages") == 0 and db.count("flags") == 0


class _StoringFails:
    """The test database, except that the transaction chat is stored in finds the database gone."""

    def __init__(self, db) -> None:
        self._db = db

    def __getattr__(self, name: str):
        return getattr(self._db, name)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        raise ServiceUnavailable("the database is unreachable")
        yield


def test_an_injected_message_the_database_does_not_take_is_a_503_not_a_duplicate(client, auth, db, settings):
    headers = auth.headers()
    _start(client, headers, channel="pixel_wren")
    failing = create_app(settings, db=_StoringFails(db)).test_client()

    response = failing.post(
        "/api/sessions/current/messages", json={"username": "viewer", "text": "hi"}, headers=headers
    )

    assert response.status_code == 503 and response.json["error"]["code"] == "service_unavailable"
    assert "send it again" in response.json["error"]["message"]
    assert db.count("chat_messages") == 0
