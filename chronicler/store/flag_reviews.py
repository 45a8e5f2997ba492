"""The streamer's answers on flags (spam or not), and what each answer taught that streamer's Warden.

    review_flag(db, user_id, flag_id, "dismissed")   # the chatter trusted, the phrasing allowed
    review_flag(db, user_id, flag_id, "confirmed")   # undoes that, and learns the message's pattern
    lessons(db, user_id)                             # what warden_settings.warden_config() applies
    lessons_stamp(db, user_id)                       # changes whenever the lessons do

A lesson belongs to the answer that taught it, so changing the answer takes back exactly that; a value
stays learned while any other answer still teaches it. Each list keeps its newest values, up to a cap.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from chronicler.contract.api import REVIEW_STATUSES
from chronicler.contract.errors import InvalidInput, NotFound
from chronicler.domain.warden import learned_pattern, phrasing_key
from chronicler.store import Database

TRUSTED_CHATTER = "trusted_chatter"
ALLOWED_PHRASING = "allowed_phrasing"
LEARNED_PATTERN = "learned_pattern"
# The newest this many values of each kind are kept; an older one is forgotten (its rows deleted).
CAPS: dict[str, int] = {TRUSTED_CHATTER: 1000, ALLOWED_PHRASING: 1000, LEARNED_PATTERN: 200}

FLAG_COLUMNS = (
    "id, session_id, twitch_message_id AS message_id, chatter_login, display_name, text, sent_at, rule,"
    " score, reason, status, reviewed_at"
)


@dataclass(frozen=True)
class Lessons:
    """What a streamer's answers taught, oldest first within each list (the Warden's order: newest last)."""

    trusted_chatters: tuple[str, ...] = ()
    allowed_phrasings: tuple[str, ...] = ()
    learned_patterns: tuple[str, ...] = ()


def review_flag(
    db: Database,
    user_id: int,
    flag_id: int,
    status: str,
    *,
    now: datetime | None = None,
    caps: Mapping[str, int] = CAPS,
) -> dict[str, Any]:
    """Mark one of the streamer's flags; the flag as listed. The same answer again changes nothing.

    NotFound for a flag that is not theirs (someone else's is as unknown as a missing one);
    InvalidInput (`field` status) for an answer other than confirmed or dismissed.
    """
    if status not in REVIEW_STATUSES:
        raise InvalidInput(
            f"status must be {' or '.join(REVIEW_STATUSES)}, not {status[:40]!r}", field="status"
        )
    if not 0 < flag_id < 2**63:
        raise NotFound(f"no flag {flag_id}", field="flag_id")  # beyond bigint: no such row, not a 500
    with db.transaction():
        # Locked: two clicks on the same flag at once must not both teach.
        flag = db.fetch_one(
            f"SELECT {FLAG_COLUMNS} FROM flags WHERE id = %s AND user_id = %s FOR UPDATE", (flag_id, user_id)
        )
        if flag is None:
            raise NotFound(f"no flag {flag_id}", field="flag_id")
        if flag["status"] == status:
            return _jsonable(flag)
        flag = db.fetch_one(
            f"UPDATE flags SET status = %s, reviewed_at = %s WHERE id = %s RETURNING {FLAG_COLUMNS}",
            (status, now or datetime.now(UTC), flag_id),
        )
        assert flag is not None  # locked above
        db.execute("DELETE FROM warden_lessons WHERE flag_id = %s", (flag_id,))
        for kind, value in _taught(status, flag["chatter_login"], flag["text"]):
            db.execute(
                "INSERT INTO warden_lessons (user_id, flag_id, kind, value, learned_at)"
                " VALUES (%s, %s, %s, %s, %s)",
                (user_id, flag_id, kind, value, flag["reviewed_at"]),
            )
            _forget_beyond_cap(db, user_id, kind, caps[kind])
    return _jsonable(flag)


def lessons(db: Database, user_id: int, *, caps: Mapping[str, int] = CAPS) -> Lessons:
    """Each list's newest values, at most its cap, oldest first."""
    rows = db.fetch_all(
        "SELECT kind, value FROM warden_lessons WHERE user_id = %s"
        " GROUP BY kind, value ORDER BY kind, max(learned_at), value DESC",
        (user_id,),
    )
    found: dict[str, list[str]] = {kind: [] for kind in CAPS}
    for row in rows:
        found[row["kind"]].append(row["value"])
    return Lessons(
        trusted_chatters=_newest(found[TRUSTED_CHATTER], caps[TRUSTED_CHATTER]),
        allowed_phrasings=_newest(found[ALLOWED_PHRASING], caps[ALLOWED_PHRASING]),
        learned_patterns=_newest(found[LEARNED_PATTERN], caps[LEARNED_PATTERN]),
    )


def lessons_stamp(db: Database, user_id: int) -> tuple[int, int]:
    """(how many lesson rows, the newest row's id): any answer that teaches or unteaches changes it."""
    row = db.fetch_one(
        "SELECT count(*)::int AS n, coalesce(max(id), 0)::bigint AS newest FROM warden_lessons"
        " WHERE user_id = %s",
        (user_id,),
    )
    return (row["n"], row["newest"]) if row else (0, 0)


def review_counts(db: Database, session_id: int) -> dict[str, int]:
    """A session's flags by status: open, confirmed, dismissed (each present, zero when none)."""
    rows = db.fetch_all(
        "SELECT status, count(*)::int AS n FROM flags WHERE session_id = %s GROUP BY status", (session_id,)
    )
    counts = {"open": 0, **{status: 0 for status in REVIEW_STATUSES}}
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


def _newest(values: list[str], cap: int) -> tuple[str, ...]:
    """The last `cap` of `values` (oldest first), none when the cap is 0."""
    return tuple(values[-cap:]) if cap > 0 else ()


def _taught(status: str, chatter: str, text: str) -> Iterator[tuple[str, str]]:
    """(kind, value) of what one answer teaches."""
    if status == "dismissed":
        yield TRUSTED_CHATTER, chatter.lower()
        if key := phrasing_key(text):
            yield ALLOWED_PHRASING, key
    elif (pattern := learned_pattern(text)) is not None:
        yield LEARNED_PATTERN, pattern


def _forget_beyond_cap(db: Database, user_id: int, kind: str, cap: int) -> None:
    """Delete the rows of the values older than the newest `cap` of this kind."""
    db.execute(
        """
        DELETE FROM warden_lessons WHERE user_id = %(user_id)s AND kind = %(kind)s AND value IN (
            SELECT value FROM warden_lessons WHERE user_id = %(user_id)s AND kind = %(kind)s
            GROUP BY value ORDER BY max(learned_at) DESC, value OFFSET %(cap)s)
        """,
        {"user_id": user_id, "kind": kind, "cap": cap},
    )


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    """The row with its times as ISO 8601, as `store.queries` lists flags."""
    return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in row.items()}
