"""The scheduler follows the session's own modes: the Hearthkeeper off for tonight is silent tonight."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from chronicler.scheduler.jobs import IdleCheck
from chronicler.store.mode_settings import set_for_session, update_mode

NOW = datetime(2026, 12, 6, 21, 0, tzinfo=UTC)


def _quiet_session(db):
    user_id = db.insert("users", {"username": "pixel_wren", "password_hash": "x"})["id"]
    session_id = db.insert(
        "stream_sessions",
        {
            "user_id": user_id,
            "channel": "pixel_wren",
            "started_at": NOW - timedelta(hours=1),
            "heard_since": NOW - timedelta(hours=1),
            "last_human_at": NOW - timedelta(minutes=30),
        },
    )["id"]
    return user_id, session_id


def test_the_hearthkeeper_off_for_tonight_does_not_prompt(db):
    user_id, _ = _quiet_session(db)
    set_for_session(db, user_id, "hearthkeeper", enabled=False)
    assert IdleCheck(db, clock=lambda: NOW)() == 0
    assert db.count("chat_outbox") == 0


def test_the_hearthkeeper_on_for_tonight_prompts_though_saved_off(db):
    user_id, _ = _quiet_session(db)
    update_mode(db, user_id, "hearthkeeper", {"enabled": False})
    set_for_session(db, user_id, "hearthkeeper", enabled=True)
    assert IdleCheck(db, clock=lambda: NOW)() == 1
