"""PATCH /api/flags/<id>: the streamer answers a flag (spam or not); owner-only, idempotent, documented."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chronicler.store.warden_settings import warden_config
from tests.chronicle_data import chat, make_session, record


@pytest.fixture
def flagged(auth, client, db):
    """pixel_wren with two flags in an ended session: (user id, headers, flag ids oldest first)."""
    headers = auth.headers()
    user_id = client.get("/api/me", headers=headers).json["id"]
    now = datetime.now(UTC)
    session = make_session(
        db, user_id, started_at=now - timedelta(hours=2), ended_at=now - timedelta(hours=1)
    )
    messages = chat(session, 3, start=now - timedelta(hours=2), login="spammer")
    record(db, session, messages, flagged={messages[0].message_id, messages[1].message_id})
    items = client.get("/api/flags?range=all", headers=headers).json["items"]
    return user_id, headers, sorted(item["id"] for item in items)


def test_a_flag_is_dismissed_and_listed_with_its_answer(client, db, flagged):
    user_id, headers, (first, second) = flagged
    response = client.patch(f"/api/flags/{first}", json={"status": "dismissed"}, headers=headers)
    assert response.status_code == 200
    assert response.json["id"] == first and response.json["status"] == "dismissed"
    assert response.json["reviewed_at"] is not None
    listed = {i["id"]: i for i in client.get("/api/flags?range=all", headers=headers).json["items"]}
    assert listed[first]["status"] == "dismissed" and listed[first]["reviewed_at"]
    assert listed[second]["status"] == "open" and listed[second]["reviewed_at"] is None
    assert "spammer" in warden_config(db, user_id, known_bots=frozenset()).trusted_chatters


def test_the_same_answer_twice_changes_nothing(client, flagged):
    _, headers, (first, _) = flagged
    once = client.patch(f"/api/flags/{first}", json={"status": "confirmed"}, headers=headers)
    twice = client.patch(f"/api/flags/{first}", json={"status": "confirmed"}, headers=headers)
    assert once.status_code == twice.status_code == 200
    assert once.json == twice.json  # reviewed_at included: the first answer's time stays


def test_the_answer_can_be_changed(client, flagged):
    _, headers, (first, _) = flagged
    client.patch(f"/api/flags/{first}", json={"status": "dismissed"}, headers=headers)
    response = client.patch(f"/api/flags/{first}", json={"status": "confirmed"}, headers=headers)
    assert response.status_code == 200 and response.json["status"] == "confirmed"


def test_another_streamers_flag_is_not_found(client, auth, flagged):
    _, _, (first, _) = flagged
    stranger = auth.headers("someone_else")
    response = client.patch(f"/api/flags/{first}", json={"status": "dismissed"}, headers=stranger)
    assert response.status_code == 404
    assert response.json["error"]["code"] == "not_found"
    assert (
        client.patch("/api/flags/999999", json={"status": "dismissed"}, headers=stranger).status_code == 404
    )
    huge = client.patch(f"/api/flags/{2**70}", json={"status": "dismissed"}, headers=stranger)
    assert huge.status_code == 404


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"status": "open"}, 400, "invalid_input"),  # a flag is answered, never reopened
        ({"status": "spam"}, 400, "invalid_input"),
        ({"status": 1}, 422, "validation_error"),
        ({}, 422, "validation_error"),
        ({"status": "dismissed", "note": "x"}, 422, "validation_error"),
    ],
)
def test_a_bad_answer_is_refused_in_the_usual_error_format(client, flagged, body, status, code):
    _, headers, (first, _) = flagged
    response = client.patch(f"/api/flags/{first}", json=body, headers=headers)
    assert response.status_code == status
    assert response.json["error"]["code"] == code
    assert response.json["error"]["field"] == "status" or status == 422
    listed = client.get("/api/flags?range=all", headers=headers).json["items"]
    assert {i["status"] for i in listed} == {"open"}


def test_answering_needs_a_login(client, flagged):
    _, _, (first, _) = flagged
    assert client.patch(f"/api/flags/{first}", json={"status": "dismissed"}).status_code == 401


def test_the_openapi_document_describes_the_answer(client):
    spec = client.get("/api/openapi.json").json
    operation = spec["paths"]["/api/flags/{flag_id}"]["patch"]
    assert operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "FlagReviewBody"
    )
    assert set(operation["responses"]) >= {"200", "400", "401", "404", "422"}
    assert operation["security"] == [{"bearer": []}]
    body = spec["components"]["schemas"]["FlagReviewBody"]
    assert body["properties"]["status"]["enum"] == ["confirmed", "dismissed"]
    assert "reviewed_at" in spec["components"]["schemas"]["FlagOut"]["properties"]
