"""Mode settings per streamer."""

from __future__ import annotations


def test_defaults_and_changes(client, auth):
    headers = auth.headers()
    modes = {m["mode"]: m for m in client.get("/api/modes", headers=headers).json["items"]}
    assert set(modes) == {"warden", "librarian", "hearthkeeper", "steward", "scribe"}
    assert modes["hearthkeeper"]["idle_minutes"] == 15 and modes["steward"]["active_chat_threshold"] == 5
    changed = client.patch("/api/modes/hearthkeeper", json={"idle_minutes": 20}, headers=headers).json
    assert changed == {
        "mode": "hearthkeeper",
        "enabled": True,
        "idle_minutes": 20,
        "active_chat_threshold": 5,
        "session_enabled": None,  # no session is being chronicled
    }
    off = client.patch("/api/modes/steward", json={"enabled": False}, headers=headers).json
    assert off["enabled"] is False
    again = {m["mode"]: m for m in client.get("/api/modes", headers=headers).json["items"]}
    assert again["hearthkeeper"]["idle_minutes"] == 20 and again["steward"]["enabled"] is False


def test_bad_mode_changes(client, auth):
    headers = auth.headers()
    assert client.patch("/api/modes/bard", json={"enabled": True}, headers=headers).status_code == 404
    assert (
        client.patch("/api/modes/hearthkeeper", json={"idle_minutes": 0}, headers=headers).status_code == 400
    )
    assert (
        client.patch("/api/modes/hearthkeeper", json={"idle_minutes": "20"}, headers=headers).status_code
        == 422
    )


def test_modes_are_per_user(client, auth):
    a = auth.headers("streamer_a")
    b = auth.headers("streamer_b")
    client.patch("/api/modes/warden", json={"enabled": False}, headers=a)
    modes_b = {m["mode"]: m for m in client.get("/api/modes", headers=b).json["items"]}
    assert modes_b["warden"]["enabled"] is True


def test_warden_lists(client, auth, db):
    headers = auth.headers()
    assert client.get("/api/warden", headers=headers).json == {"blocked_terms": [], "allowed_domains": []}
    changed = client.patch(
        "/api/warden",
        json={"blocked_terms": ["free v*bucks"], "allowed_domains": ["pixelwren.art"]},
        headers=headers,
    )
    assert changed.status_code == 200
    assert client.get("/api/warden", headers=headers).json == {
        "blocked_terms": ["free v*bucks"],
        "allowed_domains": ["pixelwren.art"],
    }
    user_id = client.get("/api/me", headers=headers).json["id"]
    client.post("/api/sessions", json={"channel": "pixel_wren"}, headers=headers)
    verdict = client.post(
        "/api/sessions/current/messages",
        json={"username": "x", "text": "get FREE VBUCKS here"},
        headers=headers,
    ).json
    assert verdict["flagged"] and verdict["rule"] == "blocked_term"
    assert db.select_one("user_settings", {"user_id": user_id})["allowed_domains"] == ["pixelwren.art"]


def test_unusable_warden_entries_are_refused_and_nothing_changes(client, auth):
    headers = auth.headers()
    client.patch("/api/warden", json={"blocked_terms": ["ok term"]}, headers=headers)
    for body in (
        {"blocked_terms": ["*"]},
        {"blocked_terms": [""]},
        {"blocked_terms": "word"},
        {"allowed_domains": ["not a domain at all"]},
    ):
        response = client.patch("/api/warden", json=body, headers=headers)
        assert response.status_code in (400, 422), body
    assert client.get("/api/warden", headers=headers).json["blocked_terms"] == ["ok term"]


def _modes(client, headers):
    return {m["mode"]: m for m in client.get("/api/modes", headers=headers).json["items"]}


def test_a_mode_off_for_tonight_changes_only_the_live_session(client, auth, db):
    headers = auth.headers()
    assert client.post("/api/sessions", json={"channel": "pixel_wren"}, headers=headers).status_code == 201
    response = client.patch(
        "/api/modes/steward", json={"enabled": False, "scope": "tonight"}, headers=headers
    )
    assert response.status_code == 200
    assert response.json["enabled"] is True and response.json["session_enabled"] is False
    assert client.get("/api/sessions/current", headers=headers).json["modes"]["steward"] is False
    listed = _modes(client, headers)["steward"]
    assert listed["enabled"] is True and listed["session_enabled"] is False
    # The next session starts from the saved setting again.
    client.post("/api/sessions/current/end", headers=headers)
    started = client.post("/api/sessions", json={"channel": "pixel_wren"}, headers=headers).json
    assert started["modes"]["steward"] is True
    assert _modes(client, headers)["steward"]["session_enabled"] is True


def test_a_change_from_now_on_reaches_the_live_session_and_replaces_tonights(client, auth):
    headers = auth.headers()
    client.post("/api/sessions", json={"channel": "pixel_wren"}, headers=headers)
    client.patch("/api/modes/warden", json={"enabled": False, "scope": "tonight"}, headers=headers)
    response = client.patch("/api/modes/warden", json={"enabled": True, "scope": "always"}, headers=headers)
    assert response.json["enabled"] is True and response.json["session_enabled"] is True
    off = client.patch("/api/modes/hearthkeeper", json={"enabled": False}, headers=headers).json
    assert off["enabled"] is False and off["session_enabled"] is False
    assert client.get("/api/sessions/current", headers=headers).json["modes"]["hearthkeeper"] is False


def test_tonight_needs_a_live_session_and_only_turns_on_or_off(client, auth):
    headers = auth.headers()
    none = client.patch("/api/modes/steward", json={"enabled": False, "scope": "tonight"}, headers=headers)
    assert none.status_code == 404 and none.json["error"]["code"] == "no_active_session"
    client.post("/api/sessions", json={"channel": "pixel_wren"}, headers=headers)
    idle = client.patch(
        "/api/modes/hearthkeeper", json={"idle_minutes": 5, "scope": "tonight"}, headers=headers
    )
    assert idle.status_code == 400 and idle.json["error"]["field"] == "scope"
    bare = client.patch("/api/modes/steward", json={"scope": "tonight"}, headers=headers)
    assert bare.status_code == 400 and bare.json["error"]["field"] == "enabled"
    odd = client.patch("/api/modes/steward", json={"enabled": False, "scope": "forever"}, headers=headers)
    assert odd.status_code == 400 and odd.json["error"]["field"] == "scope"
    assert _modes(client, headers)["steward"]["session_enabled"] is True  # nothing changed


def test_changing_a_mode_needs_a_token(client):
    response = client.patch("/api/modes/steward", json={"enabled": False, "scope": "tonight"})
    assert response.status_code == 401
