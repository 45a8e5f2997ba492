"""Migration 0009 on a database that already holds repeated clips and blog seeds: one of each is kept."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import psycopg

from tests.store.older_schema import migrate

AT = datetime(2024, 3, 9, 20, 0, tzinfo=UTC)


def test_repeats_left_by_earlier_versions_are_kept_once(fresh_url):
    migrate(fresh_url, before="0009")
    with psycopg.connect(fresh_url, autocommit=True) as conn:
        user = conn.execute(
            "INSERT INTO users (username, password_hash) VALUES ('streamer', 'x') RETURNING id"
        )
        user_id = user.fetchone()[0]
        session_id = conn.execute(
            "INSERT INTO stream_sessions (user_id, channel) VALUES (%s, 'pixel_wren') RETURNING id",
            (user_id,),
        ).fetchone()[0]
        for _ in range(2):  # a replay that played its log twice into one session
            for minute in (5, 9):
                conn.execute(
                    "INSERT INTO clip_candidates (user_id, session_id, start_at, end_at, score, reason)"
                    " VALUES (%s, %s, %s, %s, 3, 'clip it called')",
                    (
                        user_id,
                        session_id,
                        AT + timedelta(minutes=minute),
                        AT + timedelta(minutes=minute, seconds=40),
                    ),
                )
            conn.execute(
                "INSERT INTO blog_seeds (user_id, session_id, topic, description, related_message_ids)"
                " VALUES (%s, %s, 'greenhouse', 'again', %s)",
                (user_id, session_id, ["a", "b"]),
            )
    migrate(fresh_url)
    with psycopg.connect(fresh_url) as conn:
        assert conn.execute("SELECT count(*) FROM clip_candidates").fetchone()[0] == 2
        assert conn.execute("SELECT count(*) FROM blog_seeds").fetchone()[0] == 1
        assert conn.execute("SELECT fed_by FROM stream_sessions").fetchone()[0] == "worker"
