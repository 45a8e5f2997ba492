"""Mode settings per streamer."""

from __future__ import annotations


def test_defaults_and_changes(client, auth):
    headers = auth.headers()
    modes = {m["mode"]: m for m in client.get("/api/modes", headers=headers).json["items"]}
    assert set(modes) == {"warden", "librarian", "hearthkeeper", "steward", "scribe"}
    assert modes["hearthkeeper"]["idle_minutes"] == 15 and modes["steward"]["active_chat_threshold"] == 5
    changed = client.patch("/api/modes/hearthkeeper", json={"idle_minutes": 20}, headers=headers).json
    assert changed == {"mode": "hearthkeeper", "enabled": True, "idle_minutes": 20, "active_chat_threshold": 5}
    off = client.patch("/api/modes/steward", json={"enabled": False}, headers=headers).json
    assert off["enabled"] is False
    again = {m["mode"]: m for m in client.get("/api/modes", headers=headers).json["items"]}
    assert again["hearthkeeper"]["idle_minutes"] == 20 and again["steward"]["enabled"] is False


def test_bad_mode_changes(client, auth):
    headers = auth.headers()
    assert client.patch("/api/modes/bard", json={"enabled": True}, headers=headers).status_code == 404
    assert client.patch("/api/modes/hearthkeeper", json={"idle_minutes": 0}, headers=headers).status_code == 400
    assert client.patch("/api/modes/hearthkeeper", json={"idle_minutes": "20"}, headers=headers).status_code == 422


def test_modes_are_per_user(client, auth):
    a = auth.headers("streamer_a")
    b = auth.headers("streamer_b")
    client.patch("/api/modes/warden", json={"enabled": False}, headers=a)
    modes_b = {m["mode"]: m for m in client.get("/api/modes", headers=b).json["items"]}
    assert modes_b["warden"]["enabled"] is True
