"""The pipeline: duplicates skipped before the modes, backpressure when far ahead of PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

from chronicler.pipeline import build_pipeline
from chronicler.store.sessions import start_session
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


def test_backpressure_counts_only_what_no_flush_is_storing_yet(db):
    user_id = db.insert("users", {"username": "pixel_wren", "password_hash": "x"})["id"]
    session = start_session(db, user_id, channel="pixel_wren", default_channel=None)
    pipeline = build_pipeline(db, session, bot_login="chronicler_bot", high_water=10)
    messages = chat(pipeline.session, 25, start=T0)
    for m in messages[:15]:
        pipeline.process(m)
    assert pipeline.backlogged
    real = pipeline.recorder._store
    seen: list[bool] = []

    class ChatArrivesDuringTheStore:
        """The reader goes on while the first fifteen are stored: only what arrives meanwhile counts."""

        def store(self, *args):
            seen.append(pipeline.backlogged)
            for m in messages[15:24]:
                pipeline.process(m)
            seen.append(pipeline.backlogged)
            pipeline.process(messages[24])
            seen.append(pipeline.backlogged)
            return real.store(*args)

    pipeline.recorder._store = ChatArrivesDuringTheStore()
    assert pipeline.flush() == 15
    assert seen == [False, False, True]  # 0, 9, then 10 waiting for the next flush
    pipeline.recorder._store = real
    assert pipeline.backlogged and pipeline.recorder.waiting == 10
    assert pipeline.flush() == 10 and not pipeline.backlogged
    assert db.count("chat_messages") == 25
