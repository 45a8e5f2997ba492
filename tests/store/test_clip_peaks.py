"""Migration 0013: a clip candidate keeps its peak and kind; the ledger and /api/clips use them, and fall
back (start + the reaction lag, the reason's first word) only for candidates stored before."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import psycopg
import pytest
from psycopg.types.json import Jsonb

from chronicler.domain.librarian import ClipCandidate
from chronicler.domain.scribe.data import REACTION_LAG
from chronicler.store import Database
from chronicler.store.chat import ChatStore
from chronicler.store.ledgers import gather
from chronicler.store.queries import list_clips
from chronicler.store.ranges import Window
from tests.chronicle_data import make_session
from tests.store.older_schema import migrate

START = datetime(2024, 3, 9, 20, 0, tzinfo=UTC)


@pytest.fixture
def user_id(db: Database) -> int:
    return int(db.insert("users", {"username": "streamer", "password_hash": "x"})["id"])


def _clip(minute: int, *, peak_after: int = 31, kind: str = "shock", score: float = 6.5) -> ClipCandidate:
    start = START + timedelta(minutes=minute)
    return ClipCandidate(
        start=start,
        end=start + timedelta(seconds=50),
        score=score,
        reason="Funny: said first, but the stored kind wins",  # a reason whose first word disagrees
        sample_messages=(),
        peak=start + timedelta(seconds=peak_after),
        kind=kind,  # type: ignore[arg-type]
    )


def _older_row(db: Database, user_id: int, session_id: int, reason: str) -> datetime:
    """A candidate stored as before migration 0013 (no peak, no kind), 30 minutes in; its start."""
    older = START + timedelta(minutes=30)
    db.insert(
        "clip_candidates",
        {
            "user_id": user_id,
            "session_id": session_id,
            "start_at": older,
            "end_at": older + timedelta(minutes=1),
            "score": 4.0,
            "reason": reason,
            "samples": Jsonb([]),
        },
        returning=None,
    )
    return older


def test_the_peak_and_kind_are_stored_and_read_back(db, user_id):
    session = make_session(db, user_id, started_at=START, ended_at=START + timedelta(hours=1))
    clip = _clip(10)
    ChatStore(db).store(session, [], [], [clip], frozenset())

    row = db.fetch_one("SELECT peak_at, kind FROM clip_candidates WHERE session_id = %s", (session.id,))
    assert row == {"peak_at": clip.peak, "kind": "shock"}


def test_the_ledger_marks_the_stored_peak_and_older_rows_where_chat_took_off(db, user_id):
    session = make_session(db, user_id, started_at=START, ended_at=START + timedelta(hours=1))
    ChatStore(db).store(session, [], [], [_clip(10, peak_after=44)], frozenset())
    older = _older_row(db, user_id, session.id, "Hype: stored before migration 0013")

    new, old = gather(db, session.id).clips

    assert new.peak == new.marked_at == START + timedelta(minutes=10, seconds=44)  # not start + 25 s
    assert new.kind == "shock"  # the stored kind, not the reason's "Funny"
    assert old.peak is None and old.marked_at == older + REACTION_LAG and old.kind == "hype"


def test_api_clips_carry_the_stored_peak_and_kind(db, user_id):
    session = make_session(db, user_id, started_at=START, ended_at=START + timedelta(hours=1))
    ChatStore(db).store(session, [], [], [_clip(10)], frozenset())
    _older_row(db, user_id, session.id, "Sad: an older row")

    old, new = list_clips(db, user_id, Window("session", session_id=session.id)).items

    assert (
        new["peak_at"] == (START + timedelta(minutes=10, seconds=31)).isoformat() and new["kind"] == "shock"
    )
    assert old["peak_at"] is None and old["kind"] == "sad"  # no peak made up; the kind from the reason


def test_migration_0013_keeps_older_candidates_with_no_peak_or_kind(fresh_url):
    migrate(fresh_url, before="0013")
    with psycopg.connect(fresh_url, autocommit=True) as conn:
        user = conn.execute("INSERT INTO users (username, password_hash) VALUES ('s', 'x') RETURNING id")
        user_id = user.fetchone()[0]  # type: ignore[index]
        session = conn.execute(
            "INSERT INTO stream_sessions (user_id, channel) VALUES (%s, 'pixel_wren') RETURNING id",
            (user_id,),
        )
        session_id = session.fetchone()[0]  # type: ignore[index]
        conn.execute(
            "INSERT INTO clip_candidates (user_id, session_id, start_at, end_at, score, reason)"
            " VALUES (%s, %s, %s, %s, 4.5, 'Funny: before')",
            (user_id, session_id, START, START + timedelta(seconds=40)),
        )
    migrate(fresh_url)
    with psycopg.connect(fresh_url, autocommit=True) as conn:
        row = conn.execute("SELECT score, reason, peak_at, kind FROM clip_candidates").fetchone()
    assert row == (4.5, "Funny: before", None, None)
