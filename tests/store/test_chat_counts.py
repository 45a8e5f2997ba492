"""PostgreSQL counts stored chat itself (migration 0006).

Whatever inserts the rows, each new one counts once.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.chronicle_data import make_session

T0 = datetime(2026, 11, 20, 20, 0, tzinfo=UTC)

_INSERT = """
INSERT INTO chat_messages (session_id, channel, twitch_message_id, chatter_login, display_name, text, sent_at,
                           first_message)
VALUES (%s, %s, %s, %s, %s, 'hi', %s, %s)
ON CONFLICT (channel, twitch_message_id) DO NOTHING
"""


def _user(db, name: str) -> int:
    return db.insert("users", {"username": name, "password_hash": "x"})["id"]


def test_rows_inserted_by_any_statement_are_counted_per_minute_chatter_and_session(db):
    session = make_session(db, _user(db, "pixel_wren"), started_at=T0)
    db.execute(
        """
        INSERT INTO chat_messages (session_id, channel, twitch_message_id, chatter_login, display_name, text,
                                   sent_at, first_message)
        VALUES (%(s)s, 'pixel_wren', 'b', 'moss', 'MOSS', 'hi', %(t)s + interval '70 s', false),
               (%(s)s, 'pixel_wren', 'a', 'moss', 'Moss', 'hi', %(t)s + interval '50 s', false),
               (%(s)s, 'pixel_wren', 'c', 'wren', 'Wren', 'hi', %(t)s + interval '10 s', true)""",
        {"s": session.id, "t": T0},
    )

    minutes = db.fetch_all("SELECT minute, messages FROM session_minutes ORDER BY minute")
    assert [(m["minute"], m["messages"]) for m in minutes] == [(T0, 2), (T0 + timedelta(minutes=1), 1)]
    chatters = {c["chatter_login"]: c for c in db.select("session_chatters")}
    assert chatters["moss"]["messages"] == 2 and chatters["moss"]["display_name"] == "Moss"  # their earliest
    assert chatters["moss"]["first_seen_at"] == T0 + timedelta(seconds=50)
    assert chatters["wren"]["first_time"] is True and chatters["moss"]["first_time"] is False
    row = db.select_one("stream_sessions", {"id": session.id})
    assert row["message_count"] == 3 and row["last_chat_at"] == T0 + timedelta(seconds=70)


def test_skipped_duplicates_are_not_counted(db):
    session = make_session(db, _user(db, "pixel_wren"), started_at=T0)
    row = (session.id, session.channel, "a", "moss", "Moss", T0, False)
    db.execute(_INSERT, row)
    db.execute(_INSERT, row)

    assert db.count("chat_messages") == 1
    assert db.fetch_value("SELECT messages FROM session_chatters") == 1
    assert db.fetch_value("SELECT sum(messages) FROM session_minutes") == 1
    assert db.select_one("stream_sessions", {"id": session.id})["message_count"] == 1


def test_one_statement_with_two_sessions_counts_each_apart(db):
    first = make_session(db, _user(db, "pixel_wren"), started_at=T0)
    second = make_session(db, _user(db, "moss_fox"), channel="moss_fox", started_at=T0)
    db.execute(
        """
        INSERT INTO chat_messages (session_id, channel, twitch_message_id, chatter_login, text, sent_at)
        VALUES (%(a)s, 'pixel_wren', 'a1', 'moss', 'hi', %(t)s),
               (%(a)s, 'pixel_wren', 'a2', 'moss', 'hi', %(t)s),
               (%(b)s, 'moss_fox', 'b1', 'moss', 'hi', %(t)s)""",
        {"a": first.id, "b": second.id, "t": T0},
    )

    counts = {r["id"]: r["message_count"] for r in db.select("stream_sessions")}
    assert counts == {first.id: 2, second.id: 1}
    per_session = {r["session_id"]: r["messages"] for r in db.select("session_chatters")}
    assert per_session == {first.id: 2, second.id: 1}
