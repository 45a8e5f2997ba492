"""What the ledger gathers of clips and notable discussion: best first, weak ones out, repeats folded."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from psycopg.types.json import Jsonb

from chronicler.domain.librarian import MIN_SCORE
from chronicler.store import Database
from chronicler.store.ledgers import NOTABLE_LINES, gather

T0 = datetime(2024, 5, 4, 18, 0, tzinfo=UTC)


def _session(db: Database) -> tuple[int, int]:
    user_id = db.insert("users", {"username": "pixel_wren", "password_hash": "x"})["id"]
    session_id = db.insert(
        "stream_sessions",
        {
            "user_id": user_id,
            "channel": "pixel_wren",
            "started_at": T0,
            "status": "ended",
            "ended_at": T0 + timedelta(hours=3),
        },
    )["id"]
    return user_id, session_id


def test_clips_are_gathered_best_first_and_weak_ones_are_left_out(db: Database) -> None:
    user_id, session_id = _session(db)
    for minute, score, reason in (
        (10, 3.5, "Hype: Pog"),
        (20, MIN_SCORE - 0.5, "chat spike"),
        (30, 7.25, "Funny: KEKW"),
        (40, MIN_SCORE, "an older reason"),
    ):
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

    clips = gather(db, session_id).clips

    assert [clip.score for clip in clips] == [7.25, 3.5, MIN_SCORE]
    assert [clip.kind for clip in clips] == ["funny", "hype", None]


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
