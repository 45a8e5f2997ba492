"""Stream sessions: starting, ending and finding a streamer's chronicled streams."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from chronicler.contract.commands import normalize_login
from chronicler.contract.errors import Conflict, ErrorCode, InvalidInput, NotFound
from chronicler.store import Database, Row, UniqueViolation, mode_settings
from chronicler.store._claim import claim, claim_one
from chronicler.store.users import refuse_anothers_channel


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
    fed_by: str = "worker"  # 'replay': `chronicler replay` feeds it; the worker and scheduler leave it be

    @classmethod
    def from_row(cls, row: Row) -> StreamSession:
        """Build from a `stream_sessions` row."""
        return cls(**{name: row[name] for name in cls.__dataclass_fields__})

    @property
    def active(self) -> bool:
        """Still being chronicled."""
        return self.status == "active"

    def chronicled_until(self, now: datetime) -> datetime:
        """Where the session's span ends, as its ledger counts it: the later of its end and its last chat.

        Simulated and replayed chat keep the stream's own clock, which may run far past the moment
        "stop" was typed (synthetic chat runs twenty times faster than the wall's): the ledger's
        duration is the stream's, so the stop reply's and the status's are too. While the session
        runs, `now` stands in for its end.
        """
        end = self.ended_at if self.ended_at is not None else now
        return max(t for t in (end, self.last_chat_at, self.started_at) if t is not None)

    def duration_seconds(self, now: datetime) -> int:
        """How long the session has lasted, in whole seconds (`chronicled_until` minus the start)."""
        return max(int((self.chronicled_until(now) - self.started_at).total_seconds()), 0)


def start_session(
    db: Database,
    user_id: int,
    *,
    channel: str | None,
    default_channel: str | None,
    theme: str | None = None,
    replay_from: datetime | None = None,
) -> StreamSession:
    """Start chronicling; Conflict when a session is already active.

    `replay_from` starts a replay's session instead, at the log's first moment: fed by the replay, not
    the worker.
    """
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
    refuse_anothers_channel(db, user_id, chosen)
    if theme is not None:
        theme = theme.strip() or None
        if theme is not None and len(theme) > 200:
            raise InvalidInput("theme is at most 200 characters", field="theme")
    try:
        values: dict[str, Any] = {"user_id": user_id, "channel": chosen, "theme": theme}
        if replay_from is not None:
            values |= {"fed_by": "replay", "started_at": replay_from}
        row = db.insert("stream_sessions", values)
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
    # isascii: str.isdigit() also takes '¹' and '٣', which int() refuses or reads as another number.
    if not (ref.isascii() and ref.isdigit()) or len(ref) > 18:
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


def session_modes(db: Database, user_id: int, session_id: int | None = None) -> dict[str, bool]:
    """Which modes are on, for confirmations such as 'Warden, Librarian ... on'.

    With `session_id`, as that session runs them ("tonight" changes included); else the saved settings.
    """
    if session_id is None:
        return mode_settings.enabled_modes(db, user_id)
    return {name: s.enabled for name, s in mode_settings.session_modes(db, user_id, session_id).items()}


def recap_counts(db: Database, session_id: int) -> dict[str, int]:
    """What a session has found so far: clip candidates, and what the Steward and Hearthkeeper said."""
    row = db.fetch_one(
        "SELECT (SELECT count(*) FROM clip_candidates WHERE session_id = %(id)s)::int AS clips,"
        " (SELECT count(*) FROM agent_actions WHERE session_id = %(id)s AND mode = 'steward')::int"
        " AS steward,"
        " (SELECT count(*) FROM agent_actions WHERE session_id = %(id)s AND mode = 'hearthkeeper')::int"
        " AS hearthkeeper",
        {"id": session_id},
    )
    return {
        "clip_candidates": int(row["clips"]) if row else 0,
        "steward_replies": int(row["steward"]) if row else 0,
        "hearthkeeper_prompts": int(row["hearthkeeper"]) if row else 0,
    }


# -- what the worker and the scheduler keep of sessions ----------------------------------------------


@dataclass(frozen=True)
class QuietCandidate:
    """An active session as the idle check sees it: when a human last spoke, and since when chat is heard."""

    id: int
    user_id: int
    channel: str
    theme: str | None
    started_at: datetime
    last_human_at: datetime | None
    heard_since: datetime | None  # None: no worker hears its chat now


@dataclass(frozen=True)
class StaleSession:
    """An active session whose stream went offline or whose chat fell silent, claimed for ending."""

    id: int
    went_offline_at: datetime | None
    last_chat_at: datetime | None
    started_at: datetime


@dataclass(frozen=True)
class AwaitingLedger:
    """An ended session claimed for its ledger; `ledger_id` is set when one was made on request."""

    id: int
    user_id: int
    ledger_id: int | None


def active_session_ids(db: Database) -> set[int]:
    """The ids of every session being chronicled by the worker (a replay feeds and watches its own)."""
    rows = db.fetch_all("SELECT id FROM stream_sessions WHERE status = 'active' AND fed_by = 'worker'")
    return {row["id"] for row in rows}


def active_on_channel(db: Database, channel: str) -> StreamSession | None:
    """The session being chronicled on `channel`, whoever's it is, or None."""
    row = db.select_one("stream_sessions", {"channel": channel, "status": "active"})
    return None if row is None else StreamSession.from_row(row)


def find_session(db: Database, session_id: int) -> StreamSession | None:
    """A session by id, whoever owns it (for the worker), or None."""
    row = db.select_one("stream_sessions", {"id": session_id})
    return None if row is None else StreamSession.from_row(row)


def mark_finalized(db: Database, session_id: int) -> bool:
    """The worker's last flush of the ended session is stored: its ledger may be made.

    Written once: False, and nothing changed, while the session is active or once it was finalized.
    """
    # The conditions live in the statement, not in the caller: a stop, a restart replaying a journal and
    # the session's end may each get here, and the scheduler reads the first write as the signal.
    touched = db.execute(
        "UPDATE stream_sessions SET finalized_at = now()"
        " WHERE id = %s AND status = 'ended' AND finalized_at IS NULL",
        (session_id,),
    )
    return touched == 1


def mark_offline(db: Database, session_id: int) -> None:
    """The stream went offline, on the database's clock; the first time counts until it comes back."""
    db.execute(
        "UPDATE stream_sessions SET went_offline_at = now() WHERE id = %s AND went_offline_at IS NULL",
        (session_id,),
    )


def mark_online(db: Database, session_id: int) -> None:
    """The stream is live again: the session is no longer on its way to being ended."""
    db.execute("UPDATE stream_sessions SET went_offline_at = NULL WHERE id = %s", (session_id,))


def mark_heard(db: Database, session_id: int, *, since: datetime | None) -> None:
    """The worker hears the session's chat from `since` on (it started, or an outage ended); None: it
    no longer does (it stopped, or chat went unheard)."""
    db.execute("UPDATE stream_sessions SET heard_since = %s WHERE id = %s", (since, session_id))


def claim_quiet_candidate(db: Database, session_id: int, *, wait: bool = False) -> QuietCandidate | None:
    """The session, claimed for the caller's transaction if still active and not claimed elsewhere.

    With `wait`, a session another transaction holds (its chat being stored) is waited for, not passed
    over: the stream's-clock check is asked once per quiet stretch and must not miss it.
    """
    query = "SELECT * FROM stream_sessions WHERE id = %s AND status = 'active'"
    if wait:
        if not db.in_transaction:
            raise RuntimeError("claim_quiet_candidate() must run inside db.transaction()")
        row = db.fetch_one(query + " FOR UPDATE", (session_id,))
    else:
        row = claim_one(db, query, (session_id,))
    if row is None:
        return None
    return QuietCandidate(
        row["id"],
        row["user_id"],
        row["channel"],
        row["theme"],
        row["started_at"],
        row["last_human_at"],
        row["heard_since"],
    )


def claim_stale_sessions(
    db: Database, *, offline_before: datetime, silent_before: datetime
) -> list[StaleSession]:
    """Active sessions offline since before `offline_before` or silent since before `silent_before`."""
    rows = claim(
        db,
        """
        SELECT id, went_offline_at, last_chat_at, started_at FROM stream_sessions
        WHERE status = 'active' AND fed_by = 'worker'
          AND (went_offline_at <= %(offline_before)s
               OR coalesce(last_chat_at, started_at) <= %(silent_before)s)
        """,
        {"offline_before": offline_before, "silent_before": silent_before},
    )
    return [StaleSession(r["id"], r["went_offline_at"], r["last_chat_at"], r["started_at"]) for r in rows]


def close_session(db: Database, session_id: int, *, ended_at: datetime, reason: str) -> None:
    """End a session (the scheduler's closing, at a time it chose)."""
    db.execute(
        "UPDATE stream_sessions SET status = 'ended', ended_at = %s, end_reason = %s WHERE id = %s",
        (ended_at, reason, session_id),
    )


def claim_awaiting_ledger(db: Database, *, ended_before: datetime) -> AwaitingLedger | None:
    """The ended session longest without a queued ledger, once finished or ended before `ended_before`."""
    row = claim_one(
        db,
        """
        SELECT s.id, s.user_id, l.id AS ledger_id FROM stream_sessions s
        LEFT JOIN ledgers l ON l.session_id = s.id
        WHERE s.status = 'ended' AND NOT s.ledger_queued
          AND (s.finalized_at IS NOT NULL OR s.ended_at <= %s)
        ORDER BY s.ended_at LIMIT 1
        """,
        (ended_before,),
        of="s",
    )
    return None if row is None else AwaitingLedger(row["id"], row["user_id"], row["ledger_id"])


def mark_ledger_queued(db: Database, session_id: int) -> None:
    """The session's ledger is made and, when the Scribe is on, queued: not again."""
    db.execute("UPDATE stream_sessions SET ledger_queued = true WHERE id = %s", (session_id,))


def delete_session(db: Database, session_id: int) -> None:
    """Remove a session and all it holds (a replay that found nothing new keeps nothing)."""
    db.execute("DELETE FROM stream_sessions WHERE id = %s", (session_id,))
