"""The audit keeps whether the LLM fell back and the model's raw answer to every attempt (issue 17)."""

from __future__ import annotations

from tests.api.test_interactions import RECORD


def test_fell_back_and_every_attempt_are_kept(client, auth):
    headers = auth.headers()
    record = RECORD | {"parser": "rules", "fell_back": True, "attempts": ["not json", '{"command": "nope"}']}

    assert client.post("/api/interactions", json=record, headers=headers).status_code == 201

    item = client.get("/api/interactions", headers=headers).json["items"][0]
    assert item["fell_back"] is True and item["attempts"] == ["not json", '{"command": "nope"}']


def test_a_record_from_an_older_bot_reads_as_no_fallback(client, auth):
    headers = auth.headers()
    client.post("/api/interactions", json=RECORD, headers=headers)

    item = client.get("/api/interactions", headers=headers).json["items"][0]
    assert item["fell_back"] is False and item["attempts"] == []


def test_too_many_attempts_are_refused(client, auth):
    record = RECORD | {"attempts": ["x"] * 6}

    assert client.post("/api/interactions", json=record, headers=auth.headers()).status_code == 422
