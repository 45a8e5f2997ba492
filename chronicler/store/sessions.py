"""Stream sessions: starting, ending and finding a streamer's chronicled streams."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from chronicler.contract.commands import normalize_login
from chronicler.contract.errors import Conflict, ErrorCode, InvalidInput, NotFound
from chronicler.store import Database, Row, UniqueViolation
from chronicler.store.mode_settings import enabled_modes


@dataclass(frozen=True)
class StreamSession:
    """One chronicled stream."""

    id: int
    user_id: int
    channel: str
    theme: str | None
    status: str
    started_at: datetime
    ended_at: datetime | None
    last_chat_at: datetime | None
    message_count: int
    end_reason: str | None = None

    @classmethod
    def from_row(cls, row: Row) -> StreamSession:
        """Build from a `stream_sessions` row."""
        return cls(**{name: row[name] for name in cls.__dataclass_fields__})

    @property
    def active(self) -> bool:
        """Still being chronicled."""
        return self.status == "active"

    def to_json(self, modes: dict[str, bool] | None = None) -> dict[str, Any]:
        """The API's session body."""
        return {
            "id": self.id,
            "channel": self.channel,
            "theme": self.theme,
            "status": self.status,
            "started_at": self.started_at.isoformat(),
            "ended_at": self.ended_at.isoformat() if self.ended_at else None,
            "end_reason": self.end_reason,
            "last_chat_at": self.last_chat_at.isoformat() if self.last_chat_at else None,
            "message_count": self.message_count,
            **({"modes": modes} if modes is not None else {}),
        }


def start_session(
    db: Database, user_id: int, *, channel: str | None, default_channel: str | None, theme: str | None = None
) -> StreamSession:
    """Start chronicling; Conflict when a session is already active."""
    chosen = channel or default_channel
    if not chosen:
        raise InvalidInput(
            "which channel? Set yours with PATCH /api/me (twitch_channel) or pass one",
            code=ErrorCode.NO_CHANNEL,
            field="channel",
        )
    try:
        chosen = normalize_login(chosen)
    except ValueError as exc:
        raise InvalidInput(str(exc), field="channel") from exc
    if theme is not None:
        theme = theme.strip() or None
        if theme is not None and len(theme) > 200:
            raise InvalidInput("theme is at most 200 characters", field="theme")
    try:
        row = db.insert("stream_sessions", {"user_id": user_id, "channel": chosen, "theme": theme})
    except UniqueViolation as exc:
        active = current_session(db, user_id)
        where = f" (#{active.channel} since {active.started_at:%H:%M} UTC)" if active else ""
        raise Conflict(
            f"a session is already being chronicled{where}; end it first", code=ErrorCode.SESSION_ACTIVE
        ) from exc
    return StreamSession.from_row(row)  # type: ignore[arg-type]


def end_session(
    db: Database, user_id: int, *, reason: str = "requested", at: datetime | None = None
) -> StreamSession:
    """End the active session; NotFound when there is none."""
    row = db.fetch_one(
        "UPDATE stream_sessions SET status = 'ended', ended_at = %s, end_reason = %s"
        " WHERE user_id = %s AND status = 'active' RETURNING *",
        (at or datetime.now(UTC), reason, user_id),
    )
    if row is None:
        raise NotFound("no session is being chronicled", code=ErrorCode.NO_ACTIVE_SESSION)
    return StreamSession.from_row(row)


def current_session(db: Database, user_id: int) -> StreamSession | None:
    """The active session, if any."""
    row = db.select_one("stream_sessions", {"user_id": user_id, "status": "active"})
    return None if row is None else StreamSession.from_row(row)


def last_session(db: Database, user_id: int) -> StreamSession | None:
    """The most recent ended session (the previous stream while one is live)."""
    row = db.fetch_one(
        "SELECT * FROM stream_sessions WHERE user_id = %s AND status = 'ended'"
        " ORDER BY started_at DESC, id DESC LIMIT 1",
        (user_id,),
    )
    return None if row is None else StreamSession.from_row(row)


def get_session(db: Database, user_id: int, ref: str) -> StreamSession:
    """A session by 'current', 'last' or id; another user's session is NotFound, like a missing one."""
    if ref == "current":
        found = current_session(db, user_id)
        if found is None:
            raise NotFound("no session is being chronicled", code=ErrorCode.NO_ACTIVE_SESSION)
        return found
    if ref == "last":
        found = last_session(db, user_id) or current_session(db, user_id)
        if found is None:
            raise NotFound("no stream has been chronicled yet", code=ErrorCode.NO_SESSION)
        return found
    if not ref.isdigit() or len(ref) > 18:
        raise InvalidInput("a session is 'current', 'last' or a number", field="session")
    row = db.select_one("stream_sessions", {"id": int(ref), "user_id": user_id})
    if row is None:
        raise NotFound("no such session", code=ErrorCode.NO_SESSION)
    return StreamSession.from_row(row)


def list_sessions(
    db: Database, user_id: int, *, status: str | None = None, limit: int = 20
) -> list[StreamSession]:
    """The streamer's sessions, newest first."""
    if status not in (None, "active", "ended"):
        raise InvalidInput("status is 'active' or 'ended'", field="status")
    where: dict[str, Any] = {"user_id": user_id}
    if status:
        where["status"] = status
    rows = db.select("stream_sessions", where, order_by=["-started_at", "-id"], limit=limit)
    return [StreamSession.from_row(r) for r in rows]


def session_modes(db: Database, user_id: int) -> dict[str, bool]:
    """Which modes are on, for confirmations such as 'Warden, Librarian ... on'."""
    return enabled_modes(db, user_id)
