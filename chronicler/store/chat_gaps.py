"""Gaps in hearing a session's chat (the bot went deaf), opened and closed by the Twitch worker.

A session has at most one open gap (migration 0007): an outage is one gap however often the socket
flaps in it, and whoever opens it is the one to tell the streamer. The ledger sums the gaps.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from chronicler.domain.chat import UnheardReason
from chronicler.domain.scribe import UnheardChat
from chronicler.store import Database


@dataclass(frozen=True)
class GapOpened:
    """A gap that was just opened (or became the bot's authorization): whom to tell, and since when."""

    user_id: int
    channel: str
    timezone: str  # the streamer's, for the notice's times
    since: datetime


@dataclass(frozen=True)
class GapClosed:
    """A gap that was just closed: whom to tell, and how long chat went unheard."""

    user_id: int
    channel: str
    seconds: float


def open_gap(
    db: Database, session_id: int, *, since: datetime, reason: UnheardReason, detail: str = ""
) -> GapOpened | None:
    """Open the session's gap in hearing chat; None when one is open already (the outage goes on).

    An open gap for another reason becomes an authorization gap, and is returned as if opened: a refused
    token is the one cause that waits for the streamer, so they must hear of it even mid-outage.
    """
    params = {"s": session_id, "since": since, "reason": reason, "detail": detail}
    with db.transaction():
        row = db.fetch_one(
            "UPDATE chat_gaps SET reason = %(reason)s, detail = %(detail)s"
            " WHERE session_id = %(s)s AND heard_at IS NULL"
            " AND %(reason)s = 'authorization' AND reason <> 'authorization' RETURNING since",
            params,
        )
        if row is None:
            row = db.fetch_one(
                "INSERT INTO chat_gaps (session_id, since, reason, detail)"
                " VALUES (%(s)s, %(since)s, %(reason)s, %(detail)s)"
                " ON CONFLICT (session_id) WHERE heard_at IS NULL DO NOTHING RETURNING since",
                params,
            )
        if row is None:
            return None
        owner = db.fetch_one(
            "SELECT s.user_id, s.channel, u.timezone FROM stream_sessions s"
            " JOIN users u ON u.id = s.user_id WHERE s.id = %s",
            (session_id,),
        )
    assert owner is not None  # the gap's foreign key holds the session, and the session its user
    return GapOpened(owner["user_id"], owner["channel"], owner["timezone"], row["since"])


def close_gap(db: Database, session_id: int, *, at: datetime) -> GapClosed | None:
    """Close the session's open gap: chat heard again at `at`, or at the session's end if that came first.

    None when no gap was open.
    """
    row = db.fetch_one(
        "UPDATE chat_gaps g SET heard_at = greatest(g.since, least(coalesce(s.ended_at, %(at)s), %(at)s))"
        " FROM stream_sessions s WHERE s.id = g.session_id AND g.session_id = %(s)s AND g.heard_at IS NULL"
        " RETURNING s.user_id, s.channel, extract(epoch FROM g.heard_at - g.since) AS seconds",
        {"s": session_id, "at": at},
    )
    return None if row is None else GapClosed(row["user_id"], row["channel"], float(row["seconds"]))


def unheard_chat(db: Database, session_id: int) -> UnheardChat | None:
    """How long the session's chat went unheard, for its ledger (an open gap up to now); None if never."""
    rows = db.fetch_all(
        "SELECT g.reason, extract(epoch FROM coalesce(g.heard_at,"
        " greatest(g.since, least(coalesce(s.ended_at, now()), now()))) - g.since) AS seconds"
        " FROM chat_gaps g JOIN stream_sessions s ON s.id = g.session_id"
        " WHERE g.session_id = %s ORDER BY g.since, g.id",
        (session_id,),
    )
    if not rows:
        return None
    return UnheardChat(
        seconds=sum(float(r["seconds"]) for r in rows),
        gaps=len(rows),
        reasons=tuple(dict.fromkeys(r["reason"] for r in rows)),
    )
