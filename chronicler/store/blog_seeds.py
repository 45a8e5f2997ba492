"""Blog seeds: topics the Librarian proposed from a session's chat, kept when the session ends."""

from __future__ import annotations

from collections.abc import Sequence

from chronicler.domain.librarian import BlogSeed
from chronicler.store import Database


def add_blog_seeds(db: Database, *, user_id: int, session_id: int, seeds: Sequence[BlogSeed]) -> None:
    """Keep the seeds proposed for a session; one it or the same chat has already is kept once (0009)."""
    if not seeds:
        return
    db.execute_many(
        "INSERT INTO blog_seeds (user_id, session_id, topic, description, related_message_ids)"
        " VALUES (%s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
        [(user_id, session_id, s.topic, s.description, list(s.related_message_ids)) for s in seeds],
    )
