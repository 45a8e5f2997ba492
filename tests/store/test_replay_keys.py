"""Migration 0009: clips and blog seeds stored once however often found; replay sessions left alone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chronicler.domain.librarian import BlogSeed, ClipCandidate
from chronicler.store import Database, outbox, sessions
from chronicler.store.blog_seeds import add_blog_seeds
from chronicler.store.chat import ChatStore
from tests.chronicle_data import make_session

START = datetime(2024, 3, 9, 20, 0, tzinfo=UTC)


@pytest.fixture
def user_id(db: Database) -> int:
    return db.insert("users", {"username": "streamer", "password_hash": "x", "twitch_channel": "pixel_wren"})[
        "id"
    ]


def _clip(start: datetime, reason: str = "chat rate 4x the median") -> ClipCandidate:
    return ClipCandidate(
        start=start, end=start + timedelta(seconds=40), score=3.5, reason=reason, sample_messages=()
    )


def test_the_same_clip_window_is_stored_once_across_sessions(db, user_id):
    first = make_session(db, user_id, started_at=START, ended_at=START + timedelta(hours=1))
    second = make_session(db, user_id, started_at=START, ended_at=START + timedelta(hours=1))
    store = ChatStore(db)
    clip = _clip(START + timedelta(minutes=5))
    for session in (first, second, first):
        store.store(
            session,
            [],
            [],
            [clip, _clip(START + timedelta(minutes=5), "clip it called 6 times")],
            frozenset(),
        )
    assert db.count("clip_candidates") == 2  # two reasons, one window each, whichever session found it


def test_blog_seeds_are_kept_once_per_session_and_topic_and_once_per_chat(db, user_id):
    first = make_session(db, user_id, started_at=START, ended_at=START + timedelta(hours=1))
    second = make_session(db, user_id, started_at=START + timedelta(days=1))
    seed = BlogSeed(
        topic="greenhouse", description="Chat kept asking about it.", related_message_ids=("a", "b")
    )
    add_blog_seeds(db, user_id=user_id, session_id=first.id, seeds=[seed, seed])
    add_blog_seeds(db, user_id=user_id, session_id=first.id, seeds=[seed])
    add_blog_seeds(db, user_id=user_id, session_id=second.id, seeds=[seed])  # the same chat, replayed
    assert db.count("blog_seeds") == 1
    other_chat = BlogSeed(topic="greenhouse", description="Again, another night.", related_message_ids=("c",))
    add_blog_seeds(db, user_id=user_id, session_id=second.id, seeds=[other_chat])
    assert db.count("blog_seeds") == 2  # the same topic another night is another seed


def test_a_long_list_of_related_messages_fits_the_key(db, user_id):
    session = make_session(db, user_id, started_at=START)
    ids = tuple(f"{n:08d}-0000-4000-8000-000000000000" for n in range(400))
    seed = BlogSeed(topic="greenhouse", description="Much talk.", related_message_ids=ids)
    add_blog_seeds(db, user_id=user_id, session_id=session.id, seeds=[seed])
    assert db.count("blog_seeds") == 1


def test_a_replays_session_is_not_the_workers_nor_the_schedulers(db, user_id):
    replayed = sessions.start_session(
        db, user_id, channel="pixel_wren", default_channel=None, replay_from=START
    )
    assert (replayed.fed_by, replayed.started_at) == ("replay", START)
    assert sessions.active_session_ids(db) == set()
    assert sessions.active_on_channel(db, "pixel_wren") == replayed
    with db.transaction():
        stale = sessions.claim_stale_sessions(
            db, offline_before=datetime.now(UTC), silent_before=datetime.now(UTC)
        )  # its chat is five years old on the wall clock, and still it is not closed
    assert stale == []


def test_no_worker_claims_what_a_replay_would_have_said(db, user_id):
    replayed = sessions.start_session(
        db, user_id, channel="pixel_wren", default_channel=None, replay_from=START
    )
    outbox.queue_message(db, replayed.id, channel="pixel_wren", mode="steward", text="@tea_owl hi!")
    assert outbox.claim_next_message(db) is None
    assert outbox.fail_queued(db, replayed.id, "a replay never speaks in chat") == 1
    sessions.end_session(db, user_id, at=START + timedelta(hours=1))
    live = make_session(db, user_id, started_at=START + timedelta(days=1))
    outbox.queue_message(db, live.id, channel="pixel_wren", mode="steward", text="@tea_owl hello!")
    claimed = outbox.claim_next_message(db)
    assert claimed is not None and claimed.text == "@tea_owl hello!"


def test_deleting_a_session_takes_what_it_held(db, user_id):
    session = sessions.start_session(
        db, user_id, channel="pixel_wren", default_channel=None, replay_from=START
    )
    add_blog_seeds(
        db,
        user_id=user_id,
        session_id=session.id,
        seeds=[BlogSeed(topic="t", description="d", related_message_ids=())],
    )
    sessions.delete_session(db, session.id)
    assert db.count("stream_sessions") == 0 and db.count("blog_seeds") == 0
