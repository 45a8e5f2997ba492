"""GET/PATCH /api/me and the health check."""

from __future__ import annotations


def test_health(client):
    response = client.get("/health")
    assert response.status_code == 200 and response.json == {"status": "ok", "database": "ok"}


def test_profile_roundtrip(client, auth):
    headers = auth.headers()
    body = {
        "twitch_channel": "@Pixel_Wren",
        "timezone": "America/New_York",
        "webhook_url": "https://discord.com/api/webhooks/123/secret-token",
    }
    changed = client.patch("/api/me", json=body, headers=headers).json
    assert changed["twitch_channel"] == "pixel_wren"
    assert changed["timezone"] == "America/New_York"
    assert changed["webhook_url"] == "https://discord.com/api/webhooks/123/***"  # the token is a credential
    cleared = client.patch("/api/me", json={"webhook_url": None}, headers=headers).json
    assert cleared["webhook_url"] is None and cleared["twitch_channel"] == "pixel_wren"


def test_profile_never_shows_the_hash(client, auth):
    body = client.get("/api/me", headers=auth.headers()).get_data(as_text=True)
    assert "$2b$" not in body and "password" not in body
