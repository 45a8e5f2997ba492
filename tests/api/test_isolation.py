"""User A can never read or change user B's data."""

from __future__ import annotations


def test_each_user_sees_only_their_profile(client, auth):
    a = auth.headers("streamer_a")
    b = auth.headers("streamer_b")
    assert client.get("/api/me", headers=a).json["username"] == "streamer_a"
    assert client.get("/api/me", headers=b).json["username"] == "streamer_b"


def test_a_patch_changes_only_the_callers_profile(client, auth):
    a = auth.headers("streamer_a")
    b = auth.headers("streamer_b")
    client.patch("/api/me", json={"twitch_channel": "channel_a", "timezone": "Europe/Paris"}, headers=a)
    assert client.get("/api/me", headers=b).json["twitch_channel"] is None
    assert client.get("/api/me", headers=b).json["timezone"] == "UTC"


def test_a_user_cannot_revoke_anothers_refresh_tokens(client, auth):
    auth.create("streamer_b")
    pair_b = auth.login("streamer_b")
    a = auth.headers("streamer_a")
    client.post("/api/logout", json={"refresh_token": pair_b["refresh_token"]}, headers=a)
    assert (
        client.post("/api/token/refresh", json={"refresh_token": pair_b["refresh_token"]}).status_code == 200
    )


def test_link_codes_link_their_own_creator(client, auth, bot_headers):
    auth.headers("streamer_a")
    b = auth.headers("streamer_b")
    code = client.post("/api/link-codes", headers=b).json["code"]
    client.post(
        "/api/bot/link", json={"discord_user_id": "123456789012345678", "code": code}, headers=bot_headers
    )
    token = client.post("/api/bot/token", json={"discord_user_id": "123456789012345678"}, headers=bot_headers)
    assert token.json["user"]["username"] == "streamer_b"


def test_one_channel_one_owner(client, auth):
    # Until Twitch proves who owns a channel, the first account to claim it keeps it: another
    # account can neither take it as its own nor chronicle it (and read its chat back).
    a = auth.headers("streamer_a")
    b = auth.headers("streamer_b")
    assert client.patch("/api/me", json={"twitch_channel": "Channel_A"}, headers=a).status_code == 200
    taken = client.patch("/api/me", json={"twitch_channel": "channel_a"}, headers=b)
    assert taken.status_code == 409 and taken.json["error"]["code"] == "channel_taken"
    assert taken.json["error"]["field"] == "twitch_channel"
    start = client.post("/api/sessions", json={"channel": "#channel_a"}, headers=b)
    assert start.status_code == 409 and start.json["error"]["code"] == "channel_taken"
    assert client.post("/api/sessions", json={"channel": "channel_a"}, headers=a).status_code == 201
    assert client.post("/api/sessions", json={"channel": "channel_b"}, headers=b).status_code == 201
