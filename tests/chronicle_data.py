"""Helpers that put sessions and chat into the test database through the real recorder."""

from __future__ import annotations

from datetime import datetime, timedelta

from chronicler.domain.chat import ChatMessage
from chronicler.domain.warden import Verdict
from chronicler.pipeline import ChatRecorder, Decisions, SessionRef
from chronicler.store import Database


def make_session(
    db: Database,
    user_id: int,
    *,
    channel: str = "pixel_wren",
    started_at: datetime,
    ended_at: datetime | None = None,
) -> SessionRef:
    """A session row, ended when `ended_at` is given."""
    row = db.insert(
        "stream_sessions",
        {
            "user_id": user_id,
            "channel": channel,
            "started_at": started_at,
            "status": "ended" if ended_at else "active",
            "ended_at": ended_at,
        },
    )
    return SessionRef(row["id"], user_id, channel)


def chat(
    session: SessionRef,
    n: int,
    *,
    start: datetime,
    every: timedelta = timedelta(seconds=10),
    login: str = "viewer",
    prefix: str = "m",
) -> list[ChatMessage]:
    """`n` ordinary messages, one every `every`, from `login`."""
    return [
        ChatMessage(
            message_id=f"{prefix}{session.id}-{i}",
            channel=session.channel,
            chatter_login=login,
            display_name=login,
            text=f"message {i}",
            sent_at=start + i * every,
        )
        for i in range(n)
    ]


def record(
    db: Database, session: SessionRef, messages: list[ChatMessage], *, flagged: set[str] = frozenset()
) -> int:
    """Store messages (flagging those whose ids are in `flagged`) and return how many were new."""
    recorder = ChatRecorder(db, session)
    for m in messages:
        verdict = Verdict(True, "viewer_selling", 0.9, "sells viewers") if m.message_id in flagged else None
        recorder.add(m, Decisions(verdict=verdict))
    return recorder.flush()
