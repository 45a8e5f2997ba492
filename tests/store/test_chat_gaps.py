"""Gaps in hearing a session's chat: one open at a time, closed by chat or by the session's end, summed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from chronicler.domain.scribe import UnheardChat
from chronicler.store import Database, sessions
from chronicler.store.chat_gaps import close_gap, open_gap, unheard_chat
from chronicler.store.ledgers import gather, make_ledger

T0 = datetime(2024, 11, 5, 20, 0, tzinfo=UTC)


@pytest.fixture
def session_id(db: Database) -> int:
    user = db.insert("users", {"username": "pixel_wren", "password_hash": "x", "timezone": "Europe/Paris"})
    assert user is not None
    session = sessions.start_session(db, user["id"], channel="pixel_wren", default_channel=None)
    db.execute("UPDATE stream_sessions SET started_at = %s WHERE id = %s", (T0, session.id))
    return session.id


def test_an_outage_opens_one_gap_however_often_it_is_told(db: Database, session_id: int) -> None:
    first = open_gap(db, session_id, since=T0 + timedelta(minutes=5), reason="connection", detail="4000")
    again = open_gap(db, session_id, since=T0 + timedelta(minutes=6), reason="connection")
    also = open_gap(db, session_id, since=T0 + timedelta(minutes=7), reason="subscription")

    assert first is not None and (first.channel, first.timezone) == ("pixel_wren", "Europe/Paris")
    assert first.since == T0 + timedelta(minutes=5)
    assert again is None and also is None
    assert db.count("chat_gaps") == 1


def test_a_refused_token_mid_outage_turns_the_gap_into_one_the_streamer_must_hear_of(
    db: Database, session_id: int
) -> None:
    open_gap(db, session_id, since=T0, reason="connection")

    escalated = open_gap(db, session_id, since=T0 + timedelta(seconds=30), reason="authorization")
    repeated = open_gap(db, session_id, since=T0 + timedelta(seconds=60), reason="authorization")

    assert escalated is not None and escalated.since == T0  # the outage keeps its start
    assert repeated is None
    [gap] = db.select("chat_gaps")
    assert gap["reason"] == "authorization"


def test_chat_heard_again_closes_the_gap_with_its_length(db: Database, session_id: int) -> None:
    open_gap(db, session_id, since=T0, reason="connection")

    closed = close_gap(db, session_id, at=T0 + timedelta(minutes=2, seconds=10))

    assert closed is not None and closed.channel == "pixel_wren" and closed.seconds == pytest.approx(130)
    assert close_gap(db, session_id, at=T0 + timedelta(minutes=3)) is None  # nothing open any more
    assert open_gap(db, session_id, since=T0 + timedelta(minutes=9), reason="connection") is not None


def test_a_gap_open_when_the_session_ends_ends_with_it(db: Database, session_id: int) -> None:
    user_id = db.fetch_value("SELECT user_id FROM stream_sessions WHERE id = %s", (session_id,))
    open_gap(db, session_id, since=T0 + timedelta(minutes=50), reason="authorization")
    sessions.end_session(db, user_id, at=T0 + timedelta(hours=1))

    closed = close_gap(db, session_id, at=T0 + timedelta(hours=3))  # the worker's finishing, later

    assert closed is not None and closed.seconds == pytest.approx(600)


def test_the_ledger_adds_the_gaps_up_and_names_each_reason_once(db: Database, session_id: int) -> None:
    assert unheard_chat(db, session_id) is None
    for start, seconds in ((5, 65), (40, 120)):
        since = T0 + timedelta(minutes=start)
        open_gap(db, session_id, since=since, reason="connection")
        close_gap(db, session_id, at=since + timedelta(seconds=seconds))

    assert unheard_chat(db, session_id) == UnheardChat(185.0, 2, ("connection",))


def test_a_ledger_of_a_session_with_a_gap_shows_the_line(
    db: Database, session_id: int, tmp_path: Path
) -> None:
    open_gap(db, session_id, since=T0 + timedelta(minutes=5), reason="connection")
    close_gap(db, session_id, at=T0 + timedelta(minutes=8, seconds=5))
    user_id = db.fetch_value("SELECT user_id FROM stream_sessions WHERE id = %s", (session_id,))
    sessions.end_session(db, user_id, at=T0 + timedelta(hours=1))

    ledger = make_ledger(db, session_id, tmp_path)

    line = "Chat was unheard for 3 min 5 s in 1 gap (Twitch's connection dropped)"
    assert f"- {line}" in ledger.markdown
    stored = db.fetch_value("SELECT data FROM ledgers WHERE session_id = %s", (session_id,))
    assert stored["unheard"]["summary"] == line and stored["unheard"]["seconds"] == pytest.approx(185)


def test_a_ledger_of_a_session_without_a_gap_shows_nothing_new(
    db: Database, session_id: int, tmp_path: Path
) -> None:
    user_id = db.fetch_value("SELECT user_id FROM stream_sessions WHERE id = %s", (session_id,))
    sessions.end_session(db, user_id, at=T0 + timedelta(hours=1))

    ledger = make_ledger(db, session_id, tmp_path)

    assert gather(db, session_id).unheard is None
    assert "unheard" not in ledger.markdown.lower()
    assert "unheard" not in db.fetch_value("SELECT data FROM ledgers WHERE session_id = %s", (session_id,))


def test_a_live_sessions_snapshot_counts_an_open_gap_up_to_now(db: Database, session_id: int) -> None:
    open_gap(db, session_id, since=datetime.now(UTC) - timedelta(seconds=90), reason="subscription")

    unheard = gather(db, session_id).unheard

    assert unheard is not None and unheard.gaps == 1 and unheard.reasons == ("subscription",)
    assert 90 <= unheard.seconds < 150
