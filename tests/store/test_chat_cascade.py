"""Chat messages have no foreign key; a trigger still removes them with their session.

A foreign key cost 40% of storing them.
"""

from __future__ import annotations

from datetime import UTC, datetime

from tests.chronicle_data import chat, make_session, record

T0 = datetime(2026, 11, 20, 20, 0, tzinfo=UTC)


def _user(db, name: str) -> int:
    return db.insert("users", {"username": name, "password_hash": "x"})["id"]


def test_a_deleted_session_takes_its_chat_and_only_its_chat(db):
    kept = make_session(db, _user(db, "pixel_wren"), started_at=T0)
    record(db, kept, chat(kept, 3, start=T0))
    gone = make_session(db, _user(db, "moss_fox"), channel="moss_fox", started_at=T0)
    record(db, gone, chat(gone, 4, start=T0))

    db.delete("stream_sessions", {"id": gone.id})

    assert db.count("chat_messages", {"session_id": gone.id}) == 0
    assert db.count("chat_messages", {"session_id": kept.id}) == 3


def test_a_deleted_account_takes_the_chat_of_all_its_sessions(db):
    user = _user(db, "pixel_wren")
    first = make_session(db, user, started_at=T0, ended_at=T0)
    record(db, first, chat(first, 2, start=T0))
    second = make_session(db, user, started_at=T0)
    record(db, second, chat(second, 2, start=T0, prefix="s"))

    db.delete("users", {"id": user})

    assert db.count("chat_messages") == 0
