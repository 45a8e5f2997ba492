"""The audit trail and notices: recorded for and readable by their owner only."""

from __future__ import annotations

from click.testing import CliRunner

from chronicler.cli.main import cli
from chronicler.store.notices import leave_notice

RECORD = {
    "text": "show today's flags",
    "parser": "llm",
    "model": "fake-model",
    "raw_output": '{"x": 1}',
    "command": {"interaction_type": "flags", "action": "list", "range": "today"},
    "retries": 1,
    "errors": ["invalid: missing action"],
    "latency_ms": 12.5,
    "reply": "No flags today.",
}


def test_record_and_read_back(client, auth):
    headers = auth.headers()
    created = client.post("/api/interactions", json=RECORD, headers=headers)
    assert created.status_code == 201
    items = client.get("/api/interactions", headers=headers).json["items"]
    assert len(items) == 1
    assert {k: items[0][k] for k in RECORD} == RECORD


def test_only_the_owner_sees_them(client, auth):
    a = auth.headers("streamer_a")
    b = auth.headers("streamer_b")
    client.post("/api/interactions", json=RECORD, headers=a)
    assert client.get("/api/interactions", headers=b).json["items"] == []


def test_bad_records_are_refused(client, auth):
    headers = auth.headers()
    assert (
        client.post("/api/interactions", json={**RECORD, "retries": -1}, headers=headers).status_code == 422
    )
    assert client.post("/api/interactions", json={"text": "x"}, headers=headers).status_code == 422
    assert client.get("/api/interactions?limit=500", headers=headers).status_code == 400


def test_notices_are_shown_once(client, auth, db):
    headers = auth.headers()
    user_id = client.get("/api/me", headers=headers).json["id"]
    leave_notice(db, user_id, "Your ledger webhook answered 404.")
    leave_notice(db, user_id, "Your ledger webhook answered 404.")  # not twice while waiting
    assert [n["text"] for n in client.get("/api/notices", headers=headers).json["items"]] == [
        "Your ledger webhook answered 404."
    ]
    assert client.get("/api/notices", headers=headers).json["items"] == []


def test_cli_lists_them(client, auth, database_url, tmp_path):
    headers = auth.headers()
    client.post("/api/interactions", json=RECORD, headers=headers)
    result = CliRunner().invoke(
        cli,
        ["--env-file", str(tmp_path / "none"), "interactions", "pixel_wren"],
        env={"DATABASE_URL": database_url, "DATA_DIR": str(tmp_path)},
    )
    assert result.exit_code == 0, result.output
    assert "show today's flags" in result.output and '"range": "today"' in result.output


def test_the_bot_takes_the_notices_of_linked_streamers_once(client, auth, accounts, db, bot_headers):
    linked = auth.create("linked_wren")
    unlinked = auth.create("unlinked_owl")
    code, _ = accounts.create_link_code(linked)
    accounts.link_discord(code, "123456789012345678")
    leave_notice(db, linked, "I have not heard chat in #linked_wren since 21:04.")
    leave_notice(db, unlinked, "Your ledger webhook answered 404.")
    leave_notice(db, linked, "Chat in #linked_wren is heard again.")

    assert client.get("/api/bot/notices").status_code == 401
    assert client.get("/api/bot/notices", headers={"X-Bot-Secret": "wrong"}).status_code == 401
    taken = client.get("/api/bot/notices", headers=bot_headers)
    assert taken.status_code == 200
    assert [(n["discord_user_id"], n["text"]) for n in taken.json["items"]] == [
        ("123456789012345678", "I have not heard chat in #linked_wren since 21:04."),
        ("123456789012345678", "Chat in #linked_wren is heard again."),
    ]
    assert client.get("/api/bot/notices", headers=bot_headers).json["items"] == []

    # The unlinked streamer's notice waits for their next DM or console turn, as before.
    headers = auth.headers("unlinked_owl")
    assert [n["text"] for n in client.get("/api/notices", headers=headers).json["items"]] == [
        "Your ledger webhook answered 404."
    ]
    assert client.get("/api/notices", headers=auth.headers("linked_wren")).json["items"] == []
