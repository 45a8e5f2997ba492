"""Reading a session's ledger and having it posted again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.chronicle_data import chat, make_session, record


def _ended(db, user_id: int, *, finalized: bool = True) -> int:
    start = datetime.now(UTC) - timedelta(hours=2)
    session = make_session(db, user_id, started_at=start)
    record(db, session, chat(session, 20, start=start, every=timedelta(minutes=3)))
    db.execute(
        "UPDATE stream_sessions SET status = 'ended', ended_at = now(), finalized_at = %s WHERE id = %s",
        (datetime.now(UTC) if finalized else None, session.id),
    )
    return session.id


def test_the_last_ledger_as_markdown_and_json(client, auth, db):
    headers = auth.headers()
    session_id = _ended(db, client.get("/api/me", headers=headers).json["id"])
    ledger = client.get("/api/sessions/last/ledger", headers=headers).json
    assert ledger["session_id"] == session_id and "pixel" in ledger["markdown"]
    assert ledger["chart_path"].endswith("chart.png")
    document = client.get(f"/api/sessions/{session_id}/ledger?format=json", headers=headers).json
    assert document["data"]["numbers"]["messages"] == 20
    assert client.get("/api/sessions/last/ledger?format=pdf", headers=headers).status_code == 400


def test_a_ledger_being_finished_is_not_ready_yet(client, auth, db):
    headers = auth.headers()
    _ended(db, client.get("/api/me", headers=headers).json["id"], finalized=False)
    response = client.get("/api/sessions/last/ledger", headers=headers)
    assert response.status_code == 404 and response.json["error"]["code"] == "no_ledger"


def test_a_live_session_gets_a_snapshot(client, auth, db):
    headers = auth.headers()
    user_id = client.get("/api/me", headers=headers).json["id"]
    make_session(db, user_id, started_at=datetime.now(UTC) - timedelta(minutes=10))
    assert client.get("/api/sessions/current/ledger", headers=headers).status_code == 200
    assert db.count("ledgers") == 0  # the final one is made at the end
    assert client.post("/api/sessions/current/ledger/post", headers=headers).status_code == 409


def test_post_again_queues_another_delivery(client, auth, db):
    headers = auth.headers()
    _ended(db, client.get("/api/me", headers=headers).json["id"])
    first = client.post("/api/sessions/last/ledger/post", headers=headers)
    second = client.post("/api/sessions/last/ledger/post", headers=headers)
    assert first.status_code == second.status_code == 202
    assert first.json == {"queued": True, "destination": "exports"}
    assert db.count("ledger_deliveries") == 2


def test_ledgers_are_owner_only(client, auth, db):
    a = auth.headers("streamer_a")
    b = auth.headers("streamer_b")
    session_id = _ended(db, client.get("/api/me", headers=a).json["id"])
    assert client.get(f"/api/sessions/{session_id}/ledger", headers=b).status_code == 404
    assert client.post(f"/api/sessions/{session_id}/ledger/post", headers=b).status_code == 404
    assert client.get("/api/sessions/last/ledger", headers=b).status_code == 404
    assert client.get("/api/sessions/abc/ledger", headers=a).status_code == 400


def test_post_again_with_a_broken_webhook_says_exports(client, auth, db):
    headers = auth.headers()
    user_id = client.get("/api/me", headers=headers).json["id"]
    _ended(db, user_id)
    db.execute(
        "UPDATE users SET webhook_url = 'https://discord.com/api/webhooks/1/abc', webhook_broken_at = now()"
    )
    assert client.post("/api/sessions/last/ledger/post", headers=headers).json["destination"] == "exports"
    db.execute("UPDATE users SET webhook_broken_at = NULL")
    assert client.post("/api/sessions/last/ledger/post", headers=headers).json["destination"] == "webhook"
