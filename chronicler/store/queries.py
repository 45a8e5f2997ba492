"""What the streamer asks about later: flags, clip candidates, blog seeds and chat statistics."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from chronicler.contract.commands import normalize_login
from chronicler.contract.errors import InvalidInput
from chronicler.domain.librarian import CLIP_FLOOR, KINDS, PER_TEN_MINUTES
from chronicler.store import Database
from chronicler.store.ranges import Window

MAX_LIMIT = 200


@dataclass(frozen=True)
class Page:
    """One page of results and the cursor of the next one."""

    items: list[dict[str, Any]]
    next_cursor: str | None


def list_flags(
    db: Database,
    user_id: int,
    window: Window,
    *,
    username: str | None = None,
    limit: int = 50,
    cursor: str | None = None,
) -> Page:
    """Flagged messages in the window, newest first."""
    extra, params = [], {}
    if username:
        try:
            params["login"] = normalize_login(username)
        except ValueError as exc:
            raise InvalidInput(str(exc), field="username") from exc
        extra.append("chatter_login = %(login)s")
    return _page(
        db,
        user_id,
        window,
        limit,
        cursor,
        select="SELECT id, session_id, twitch_message_id AS message_id, chatter_login, display_name, text,"
        " sent_at, rule, score, reason, status, reviewed_at FROM flags",
        time_column="sent_at",
        extra=extra,
        params=params,
    )


def list_clips(
    db: Database, user_id: int, window: Window, *, limit: int = 50, cursor: str | None = None
) -> Page:
    """Clip candidates in the window, newest first, with their offset into their stream, their peak
    (`peak_at`) and the kind of reaction (`kind`).

    Each stream shows what its ledger keeps: none under the Librarian's `CLIP_FLOOR`, and only its
    best `clip_budget` for the time it has run so far (a stream in progress grows its budget as it
    goes), so "clips?" mid-stream lists the moments, not every cheer. The bot shows each page best first.
    """
    page = _page(
        db,
        user_id,
        window,
        limit,
        cursor,
        extra=["c.score >= %(min_score)s", _WITHIN_BUDGET],
        params={"min_score": CLIP_FLOOR, "per_ten_minutes": PER_TEN_MINUTES},
        select="SELECT c.id, c.session_id, c.start_at, c.end_at, c.score, c.reason, c.samples,"
        " c.peak_at, c.kind, EXTRACT(EPOCH FROM c.start_at - s.started_at)::int AS offset_seconds"
        " FROM clip_candidates c JOIN stream_sessions s ON s.id = c.session_id",
        time_column="start_at",
        prefix="c.",
    )
    for item in page.items:
        item["start"], item["end"] = item.pop("start_at"), item.pop("end_at")
        # Stored since migration 0013; a row from before has no peak (none is made up for it) and its
        # kind is the one its reason starts with ("Funny: ..."), when it names one.
        if item["kind"] is None:
            item["kind"] = reason_kind(item["reason"])
    return page


# A candidate's place among its stream's candidates over the floor (best score first, the earlier
# first on a tie, as the ledger orders them) is under the stream's budget. The budget is
# `librarian.clip_budget` in SQL, over the same span the ledger uses (to the end, or to the last chat
# of a stream in progress); tests/store hold the two to the same count.
_WITHIN_BUDGET = (
    "(SELECT count(*) FROM clip_candidates k WHERE k.session_id = c.session_id AND k.score >= %(min_score)s"
    " AND (k.score > c.score OR (k.score = c.score AND (k.start_at, k.id) < (c.start_at, c.id))))"
    " < GREATEST(1, FLOOR(EXTRACT(EPOCH FROM GREATEST(s.ended_at, s.last_chat_at, s.started_at)"
    " - s.started_at) / 600 * %(per_ten_minutes)s))"
)


def reason_kind(reason: str) -> str | None:
    """The reaction kind a Librarian reason starts with ("Funny: ..."); None when it names none."""
    head, _, _ = reason.partition(":")
    kind = head.strip().casefold()
    return kind if kind in KINDS else None


def list_blog_seeds(
    db: Database, user_id: int, window: Window, *, limit: int = 50, cursor: str | None = None
) -> Page:
    """Blog seeds proposed in the window, newest first."""
    return _page(
        db,
        user_id,
        window,
        limit,
        cursor,
        select="SELECT id, session_id, topic, description, cardinality(related_message_ids) AS related_count,"
        " created_at FROM blog_seeds",
        time_column="created_at",
    )


def chat_stats(db: Database, user_id: int, window: Window, *, top: int = 10) -> dict[str, Any]:
    """Messages, chatters, new chatters, peak and mean messages per minute, top chatters."""
    if window.session_id is not None:
        scope = "s.id = %(session_id)s"
        params: dict[str, Any] = {"session_id": window.session_id, "user_id": user_id}
        minute_filter = ""
    else:
        scope = "s.user_id = %(user_id)s"
        params = {"user_id": user_id, "start": window.start, "end": window.end}
        minute_filter = _bounds("m.minute", window)
    minutes = (
        db.fetch_one(
            f"""
        WITH per_minute AS (
            SELECT m.session_id, m.minute, m.messages FROM session_minutes m
            WHERE m.session_id = ANY(ARRAY(SELECT s.id FROM stream_sessions s
                                           WHERE {scope} AND s.user_id = %(user_id)s)) {minute_filter}
        ), spans AS (
            SELECT session_id, EXTRACT(EPOCH FROM max(minute) - min(minute)) / 60 + 1 AS span
            FROM per_minute GROUP BY session_id
        )
        SELECT coalesce((SELECT sum(messages) FROM per_minute), 0) AS messages,
               coalesce((SELECT max(total) FROM (SELECT sum(messages) AS total FROM per_minute
                                                 GROUP BY minute) t), 0) AS peak,
               coalesce((SELECT sum(span) FROM spans), 0) AS minutes
        """,
            params,
        )
        or {}
    )
    session_filter = "" if window.session_id is not None else _overlap(window)
    # One hash aggregate per chatter feeds the counts and the top list (count(DISTINCT) would sort).
    chatters = (
        db.fetch_one(
            f"""
        WITH per_chatter AS (
            SELECT c.chatter_login, sum(c.messages)::int AS messages, bool_or(c.first_time) AS first_time
            FROM session_chatters c
            WHERE c.session_id = ANY(ARRAY(SELECT s.id FROM stream_sessions s
                                           WHERE {scope} AND s.user_id = %(user_id)s {session_filter}))
            GROUP BY c.chatter_login
        )
        SELECT count(*) AS chatters, count(*) FILTER (WHERE first_time) AS new_chatters,
               (SELECT coalesce(
                           json_agg(json_build_object('login', chatter_login, 'messages', messages)), '[]')
                FROM (SELECT chatter_login, messages FROM per_chatter
                      ORDER BY messages DESC, chatter_login LIMIT %(top)s) t) AS top
        FROM per_chatter
        """,
            {**params, "top": top},
        )
        or {}
    )
    messages = int(minutes.get("messages") or 0)
    span = float(minutes.get("minutes") or 0)
    return {
        "messages": messages,
        "chatters": int(chatters.get("chatters") or 0),
        "new_chatters": int(chatters.get("new_chatters") or 0),
        "peak_per_minute": int(minutes.get("peak") or 0),
        "mean_per_minute": round(messages / span, 2) if span else 0.0,
        "top_chatters": chatters.get("top") or [],
    }


def _page(
    db: Database,
    user_id: int,
    window: Window,
    limit: int,
    cursor: str | None,
    *,
    select: str,
    time_column: str,
    prefix: str = "",
    extra: list[str] | None = None,
    params: dict[str, Any] | None = None,
) -> Page:
    """Keyset pagination on (time, id) descending, scoped to the owner and the window."""
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput(f"limit is between 1 and {MAX_LIMIT}", field="limit")
    column = f"{prefix}{time_column}"
    conditions = [f"{prefix}user_id = %(user_id)s", *(extra or [])]
    values: dict[str, Any] = {"user_id": user_id, **(params or {}), "limit": limit + 1}
    if window.session_id is not None:
        conditions.append(f"{prefix}session_id = %(session_id)s")
        values["session_id"] = window.session_id
    else:
        bounds = _bounds(column, window)
        if bounds:
            conditions.append(bounds.removeprefix(" AND "))
            values.update(start=window.start, end=window.end)
    if cursor:
        at, last_id = decode_cursor(cursor)
        conditions.append(f"({column}, {prefix}id) < (%(c_at)s, %(c_id)s)")
        values.update(c_at=at, c_id=last_id)
    rows = db.fetch_all(
        f"{select} WHERE {' AND '.join(conditions)} ORDER BY {column} DESC, {prefix}id DESC LIMIT %(limit)s",
        values,
    )
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = encode_cursor(rows[-1][time_column], rows[-1]["id"]) if more else None
    return Page([_jsonable(r) for r in rows], next_cursor)


def _bounds(column: str, window: Window) -> str:
    parts = []
    if window.start is not None:
        parts.append(f"{column} >= %(start)s")
    if window.end is not None:
        parts.append(f"{column} < %(end)s")
    return "".join(f" AND {p}" for p in parts)


def _overlap(window: Window) -> str:
    """Sessions that overlap a time window count whole for chatter numbers (they are per session)."""
    parts = []
    if window.end is not None:
        parts.append("s.started_at < %(end)s")
    if window.start is not None:
        parts.append("coalesce(s.ended_at, 'infinity') >= %(start)s")
    return "".join(f" AND {p}" for p in parts)


def encode_cursor(at: datetime, row_id: int) -> str:
    """An opaque cursor for the row after which the next page starts."""
    return base64.urlsafe_b64encode(f"{at.isoformat()}|{row_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    """The position a cursor points at; InvalidInput for anything not made by encode_cursor."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        at, row_id = raw.split("|")
        return datetime.fromisoformat(at), int(row_id)
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise InvalidInput(
            "cursor is not valid; use next_cursor from the previous page", field="cursor"
        ) from exc


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in row.items()}
