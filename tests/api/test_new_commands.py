"""Issue 17's endpoints: removing the webhook, the time zone, the recap, and durations as the ledger's."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from chronicler.store import ledgers, sessions

WEBHOOK = "https://discord.com/api/webhooks/123456789012345678/abcdefghijklmnopqrstuvwxyz"


def test_the_webhook_is_removed_with_null(client, auth, db):
    headers = auth.headers()
    assert client.patch("/api/me", json={"webhook_url": WEBHOOK}, headers=headers).json["webhook_url"]
    removed = client.patch("/api/me", json={"webhook_url": None}, headers=headers)
    assert removed.status_code == 200 and removed.json["webhook_url"] is None
    assert db.fetch_value("SELECT webhook_url FROM users") is None


def test_the_time_zone_is_checked_and_stored(client, auth, db):
    headers = auth.headers()
    changed = client.patch("/api/me", json={"timezone": "Europe/Berlin"}, headers=headers)
    assert changed.status_code == 200 and changed.json["timezone"] == "Europe/Berlin"
    bad = client.patch("/api/me", json={"timezone": "Mars/Olympus_Mons"}, headers=headers)
    assert bad.status_code == 400
    assert bad.json["error"]["field"] == "timezone" and "Mars/Olympus_Mons" in bad.json["error"]["message"]
    assert client.patch("/api/me", json={"timezone": None}, headers=headers).status_code == 400
    assert db.fetch_value("SELECT timezone FROM users") == "Europe/Berlin"


def test_profile_changes_need_a_token(client):
    assert client.patch("/api/me", json={"webhook_url": None}).status_code == 401
    assert client.patch("/api/me", json={"timezone": "UTC"}).status_code == 401


def _inject(client, headers, username, text, **extra):
    body = {"username": username, "text": text, **extra}
    response = client.post("/api/sessions/current/messages", json=body, headers=headers)
    assert response.status_code == 201, response.json
    return response.json


def test_the_recap_of_the_live_session(client, auth):
    headers = auth.headers()
    client.post("/api/sessions", json={"channel": "pixel_wren"}, headers=headers)
    for n in range(3):
        _inject(client, headers, "wren_fan", f"what a jump {n}")
    _inject(client, headers, "lurker_two", "hello chat")
    spam = _inject(
        client,
        headers,
        "streamboo_seller",
        "Wanna become famous? Buy followers, primes and viewers on streamboo .com",
        first_message=True,
    )
    assert spam["flagged"]
    recap = client.get("/api/sessions/current/recap", headers=headers)
    assert recap.status_code == 200, recap.json
    body = recap.json
    assert body["messages"] == 5 and body["chatters"] == 3
    assert body["top_chatters"][0] == {"login": "wren_fan", "messages": 3}
    assert body["flags"] == 1 and body["flags_open"] == 1
    assert body["clip_candidates"] == 0 and body["latest_clips"] == []
    assert body["session"]["channel"] == "pixel_wren" and body["session"]["status"] == "active"
    assert body["session"]["duration_seconds"] >= 0


def test_no_recap_without_a_live_session(client, auth):
    headers = auth.headers()
    response = client.get("/api/sessions/current/recap", headers=headers)
    assert response.status_code == 404 and response.json["error"]["code"] == "no_active_session"
    assert client.get("/api/sessions/current/recap").status_code == 401


def test_the_stop_duration_is_the_ledgers(client, auth, db, settings):
    # The synthetic stream's chat runs twenty times faster than the wall: four minutes between start
    # and stop held an hour and a half of the stream's own time, as the ledger counts it.
    headers = auth.headers()
    started = datetime.now(UTC) - timedelta(minutes=4)
    session_id = client.post("/api/sessions", json={"channel": "pixel_wren"}, headers=headers).json["id"]
    db.execute(
        "UPDATE stream_sessions SET started_at = %s, last_chat_at = %s WHERE id = %s",
        (started, started + timedelta(minutes=95), session_id),
    )
    ended = client.post("/api/sessions/current/end", headers=headers).json
    assert ended["duration_seconds"] == 95 * 60
    ledger = ledgers.make_ledger(db, session_id, settings.export_path)
    assert "**Duration:** 1h 35m" in ledger.markdown
    listed = client.get("/api/sessions", headers=headers).json["items"][0]
    assert listed["duration_seconds"] == 95 * 60


def test_a_session_without_chat_lasts_from_start_to_end(db):
    user_id = db.insert("users", {"username": "pixel_wren", "password_hash": "x"})["id"]
    session = sessions.start_session(db, user_id, channel="pixel_wren", default_channel=None)
    ended = sessions.end_session(db, user_id, at=session.started_at + timedelta(minutes=4, seconds=5))
    assert ended.duration_seconds(datetime.now(UTC)) == 245
