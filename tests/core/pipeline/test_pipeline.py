"""The pipeline: duplicates skipped before the modes, backpressure when far ahead of PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

from core.pipeline import build_pipeline
from core.sessions import start_session
from tests.chronicle_data import chat

T0 = datetime(2026, 11, 20, 20, 0, tzinfo=UTC)


def test_duplicates_skip_the_modes_and_backpressure_says_when_to_flush(db):
    user_id = db.insert("users", {"username": "pixel_wren", "password_hash": "x"})["id"]
    session = start_session(db, user_id, channel="pixel_wren", default_channel=None)
    pipeline = build_pipeline(db, session, bot_login="chronicler_bot", high_water=10)
    messages = chat(pipeline.session, 12, start=T0)
    for m in messages[:10]:
        assert pipeline.process(m) is not None
    assert pipeline.process(messages[0]) is None and pipeline.duplicates == 1
    assert pipeline.backlogged
    pipeline.flush()
    assert not pipeline.backlogged and db.count("chat_messages") == 10
