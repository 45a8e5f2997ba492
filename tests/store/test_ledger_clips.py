"""What the ledger gathers of clips and notable discussion: best first, weak ones out, as many clips as
the stream's length allows, repeats folded."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from psycopg.types.json import Jsonb

from chronicler.domain.librarian import CLIP_FLOOR, clip_budget
from chronicler.store import Database
from chronicler.store.ledgers import NOTABLE_LINES, gather

T0 = datetime(2024, 5, 4, 18, 0, tzinfo=UTC)


def _session(db: Database, hours: float = 3) -> tuple[int, int]:
    user_id = db.insert("users", {"username": "pixel_wren", "password_hash": "x"})["id"]
    session_id = db.insert(
        "stream_sessions",
        {
            "user_id": user_id,
            "channel": "pixel_wren",
            "started_at": T0,
            "status": "ended",
            "ended_at": T0 + timedelta(hours=hours),
        },
    )["id"]
    return user_id, session_id


def _clip(
    db: Database, user_id: int, session_id: int, minute: int, score: float, reason: str = "Hype: Pog"
) -> None:
    """A stored candidate `minute` minutes into the stream, 40 s long."""
    db.insert(
        "clip_candidates",
        {
            "user_id": user_id,
            "session_id": session_id,
            "start_at": T0 + timedelta(minutes=minute),
            "end_at": T0 + timedelta(minutes=minute, seconds=40),
            "score": score,
            "reason": reason,
            "samples": Jsonb([]),
        },
        returning=None,
    )


def test_clips_are_gathered_best_first_and_weak_ones_are_left_out(db: Database) -> None:
    user_id, session_id = _session(db)
    for minute, score, reason in (
        (10, 3.5, "Hype: Pog"),
        (20, CLIP_FLOOR - 0.25, "chat spike"),
        (30, 7.25, "Funny: KEKW"),
        (40, CLIP_FLOOR, "an older reason"),
    ):
        _clip(db, user_id, session_id, minute, score, reason)

    clips = gather(db, session_id).clips

    assert [clip.score for clip in clips] == [7.25, 3.5, CLIP_FLOOR]
    assert [clip.kind for clip in clips] == ["funny", "hype", None]


def test_a_short_stream_keeps_only_its_budget_of_clips(db: Database) -> None:
    user_id, session_id = _session(db, hours=0.5)  # 30 minutes: two candidates at 0.9 per 10 minutes
    for minute, score in ((2, 4.0), (9, 6.5), (16, 2.5), (23, 5.0)):
        _clip(db, user_id, session_id, minute, score)

    clips = gather(db, session_id).clips

    assert clip_budget(timedelta(minutes=30)) == 2
    assert [clip.score for clip in clips] == [6.5, 5.0]


def test_notable_discussion_folds_repeats_and_counts_what_it_cut(db: Database) -> None:
    _, session_id = _session(db)
    texts = ["what did i miss?"] * 10 + [f"topic{n} or topic{n + 1}?" for n in range(40)]
    for n, text in enumerate(texts):
        db.insert(
            "notable_messages",
            {
                "session_id": session_id,
                "twitch_message_id": f"m{n}",
                "chatter_login": f"chatter{n}",
                "text": text,
                "sent_at": T0 + timedelta(minutes=n),
                "kind": "question",
                "reason": "a question to chat",
            },
            returning=None,
        )

    data = gather(db, session_id)

    assert len(data.notable) == NOTABLE_LINES
    assert [line.text for line in data.notable].count("what did i miss?") == 1
    assert data.notable_repeats == 9 and data.notable_more == 40 + 1 - NOTABLE_LINES
