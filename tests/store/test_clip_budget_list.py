"""/api/clips lists what each stream's ledger keeps: its best `clip_budget` over the floor, for the time
the stream has run so far when it is still going."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chronicler.domain.librarian import CLIP_FLOOR, ClipCandidate, clip_budget
from chronicler.store import Database
from chronicler.store.chat import ChatStore
from chronicler.store.ledgers import gather
from chronicler.store.queries import list_clips
from chronicler.store.ranges import Window
from tests.chronicle_data import make_session

START = datetime(2024, 3, 9, 20, 0, tzinfo=UTC)


@pytest.fixture
def user_id(db: Database) -> int:
    return int(db.insert("users", {"username": "streamer", "password_hash": "x"})["id"])


def _clip(minute: int, score: float) -> ClipCandidate:
    start = START + timedelta(minutes=minute)
    return ClipCandidate(start, start + timedelta(seconds=40), score, "Hype: chat took off", ())


def _scores(page_items: list[dict[str, object]]) -> list[float]:
    return sorted((float(str(item["score"])) for item in page_items), reverse=True)


def test_a_finished_stream_lists_exactly_what_its_ledger_keeps(db, user_id):
    session = make_session(db, user_id, started_at=START, ended_at=START + timedelta(minutes=30))
    # Two per ten minutes, one under the floor: a 30-minute stream keeps two, the best.
    clips = [
        _clip(m, s) for m, s in [(2, 3.0), (6, 9.0), (12, 1.0), (15, 5.0), (22, 2.0), (25, CLIP_FLOOR / 2)]
    ]
    ChatStore(db).store(session, [], [], clips, frozenset())

    listed = list_clips(db, user_id, Window("last", session_id=session.id)).items
    kept = gather(db, session.id).clips

    assert clip_budget(timedelta(minutes=30)) == 2
    assert _scores(listed) == [clip.score for clip in kept] == [9.0, 5.0]


def test_a_stream_in_progress_grows_its_budget_with_its_chat(db, user_id):
    session = make_session(db, user_id, started_at=START)
    ChatStore(db).store(
        session, [], [], [_clip(m, s) for m, s in [(3, 2.0), (8, 6.0), (14, 4.0)]], frozenset()
    )
    window = Window("current", session_id=session.id)

    db.execute(
        "UPDATE stream_sessions SET last_chat_at = %s WHERE id = %s",
        (START + timedelta(minutes=9), session.id),
    )
    assert _scores(list_clips(db, user_id, window).items) == [6.0]  # under ten minutes in: at least one

    db.execute(
        "UPDATE stream_sessions SET last_chat_at = %s WHERE id = %s",
        (START + timedelta(minutes=22), session.id),
    )
    assert _scores(list_clips(db, user_id, window).items) == [6.0, 4.0]


def test_every_stream_in_a_range_keeps_its_own_budget(db, user_id):
    first = make_session(db, user_id, started_at=START, ended_at=START + timedelta(minutes=12))
    second = make_session(
        db, user_id, started_at=START + timedelta(hours=2), ended_at=START + timedelta(hours=2, minutes=12)
    )
    ChatStore(db).store(first, [], [], [_clip(1, 2.0), _clip(5, 8.0)], frozenset())
    ChatStore(db).store(second, [], [], [_clip(121, 3.0), _clip(125, 1.5)], frozenset())

    listed = list_clips(db, user_id, Window("all")).items

    assert _scores(listed) == [8.0, 3.0]  # one each: a weak stream is not crowded out by a lively one
