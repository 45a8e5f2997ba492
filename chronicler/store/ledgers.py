"""Ledgers: a session gathered from PostgreSQL, rendered by the Scribe, stored and posted.

Stored in the database, written to files, queued for posting.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from psycopg.types.json import Jsonb

from chronicler.contract.errors import ErrorCode, NotFound
from chronicler.domain.librarian import CLIP_FLOOR, clip_budget
from chronicler.domain.scribe import (
    AgentLine,
    ChatterCount,
    Condensed,
    FlagExample,
    FlagGroup,
    FlagReview,
    LedgerClip,
    LedgerData,
    LedgerNumbers,
    LedgerSeed,
    LedgerSession,
    NotableLine,
    condense,
    render_chart,
    render_markdown,
    to_json,
)
from chronicler.store import Database, Row, chat_gaps, flag_reviews

__all__ = [
    "Ledger",
    "gather",
    "get_ledger",
    "get_ledger_by_id",
    "make_ledger",
    "queue_delivery",
    "destination",
    "destination_of",
    "ledger_document",
    "to_json",
]
from chronicler.store.queries import reason_kind
from chronicler.store.sessions import StreamSession, get_session

TOP_CHATTERS = 10
FLAG_EXAMPLES = 3
NOTABLE_LINES = 30
NOTABLE_FETCH = 2000  # notable lines read to fold near-identical ones; the rest are only counted
MAX_MINUTES = 48 * 60  # a chart of two days at most, however long a session was left open


@dataclass(frozen=True)
class Ledger:
    """A stored ledger and where its files are."""

    id: int
    session_id: int
    markdown: str
    markdown_path: str | None
    json_path: str | None
    chart_path: str | None

    @classmethod
    def from_row(cls, row: Row) -> Ledger:
        """Build from a `ledgers` row."""
        return cls(
            row["id"],
            row["session_id"],
            row["markdown"],
            row["markdown_path"],
            row["json_path"],
            row["chart_path"],
        )


def gather(db: Database, session_id: int) -> LedgerData:
    """Everything the Scribe needs about one session, read from the aggregates and the modes' records."""
    row = db.fetch_one(
        "SELECT s.*, u.timezone FROM stream_sessions s JOIN users u ON u.id = s.user_id WHERE s.id = %s",
        (session_id,),
    )
    if row is None:
        raise NotFound("no such session", code=ErrorCode.NO_SESSION)
    started: datetime = row["started_at"]
    # Replays keep their own timeline, which may run past the moment "stop" was typed.
    ended = max(t for t in (row["ended_at"], row["last_chat_at"], started) if t is not None)
    session = LedgerSession(
        row["id"],
        row["channel"],
        row["theme"],
        started,
        ended if row["ended_at"] is not None else None,
        row["timezone"],
    )
    per_minute = _per_minute(db, session_id, started, ended)
    notable = _notable(db, session_id)
    chatters = (
        db.fetch_one(
            "SELECT count(*) AS chatters, count(*) FILTER (WHERE first_time) AS first_time"
            " FROM session_chatters WHERE session_id = %s",
            (session_id,),
        )
        or {}
    )
    return LedgerData(
        session=session,
        numbers=LedgerNumbers.from_per_minute(
            per_minute,
            chatters=int(chatters.get("chatters") or 0),
            first_time_chatters=int(chatters.get("first_time") or 0),
        ),
        per_minute=per_minute,
        top_chatters=tuple(
            ChatterCount(r["chatter_login"], r["display_name"] or r["chatter_login"], r["messages"])
            for r in db.fetch_all(
                "SELECT chatter_login, display_name, messages FROM session_chatters WHERE session_id = %s"
                " ORDER BY messages DESC, chatter_login LIMIT %s",
                (session_id, TOP_CHATTERS),
            )
        ),
        # Best first, as many as the stream's length allows (`clip_budget`, as `chronicler clips`
        # keeps), and none under the floor.
        clips=tuple(
            LedgerClip(
                r["start_at"],
                r["end_at"],
                r["score"],
                r["reason"],
                tuple(r["samples"]),
                # Stored since migration 0013; older rows have neither: the chart then marks them at
                # start + the reaction lag (`LedgerClip.marked_at`) and the kind is read off the reason.
                peak=r["peak_at"],
                kind=r["kind"] or reason_kind(r["reason"]),
            )
            for r in db.fetch_all(
                "SELECT * FROM clip_candidates WHERE session_id = %s AND score >= %s"
                " ORDER BY score DESC, start_at LIMIT %s",
                (session_id, CLIP_FLOOR, clip_budget(ended - started)),
            )
        ),
        flag_groups=_flag_groups(db, session_id),
        agent_lines=tuple(
            AgentLine(r["mode"], r["created_at"], r["text"], r["in_reply_to"])
            for r in db.fetch_all(
                "SELECT a.mode, a.created_at, a.text, c.text AS in_reply_to FROM agent_actions a"
                " JOIN stream_sessions s ON s.id = a.session_id"
                " LEFT JOIN chat_messages c"
                " ON c.channel = s.channel AND c.twitch_message_id = a.trigger_message_id"
                " WHERE a.session_id = %s AND a.mode IN ('hearthkeeper', 'steward')"
                " ORDER BY a.created_at, a.id",
                (session_id,),
            )
        ),
        notable=notable.lines,
        notable_more=notable.more,
        notable_repeats=notable.repeats,
        blog_seeds=tuple(
            LedgerSeed(r["topic"], r["description"])
            for r in db.select("blog_seeds", {"session_id": session_id}, order_by="id")
        ),
        unheard=chat_gaps.unheard_chat(db, session_id),
        review=_review(db, session_id),
    )


def make_ledger(db: Database, session_id: int, export_path: Path) -> Ledger:
    """Render a session's ledger, store it (replacing an older one) and write its three files."""
    data = gather(db, session_id)
    markdown = render_markdown(data)
    document = to_json(data)
    chart = render_chart(data)
    owner = db.fetch_one(
        "SELECT u.username FROM stream_sessions s JOIN users u ON u.id = s.user_id WHERE s.id = %s",
        (session_id,),
    )
    folder = export_path / (owner["username"] if owner else "unknown") / f"session-{session_id}"
    paths = _write_files(folder, markdown, document, chart)
    row = db.upsert(
        "ledgers",
        {
            "session_id": session_id,
            "user_id": _owner_id(db, session_id),
            "markdown": markdown,
            "data": Jsonb(document),
            "chart": chart,
            **paths,
            "created_at": datetime.now(UTC),
        },
        conflict=["session_id"],
    )
    assert row is not None
    return Ledger.from_row(row)


def get_ledger(
    db: Database,
    user_id: int,
    ref: str,
    export_path: Path,
    *,
    worker_grace: timedelta = timedelta(seconds=30),
) -> Ledger:
    """The ledger of a session ('current', 'last' or an id) of this streamer, made now if it has none.

    A live session gets an unstored snapshot. A session that just ended is still being finished by
    the Twitch worker (last clips, blog seeds): NotFound `no_ledger` until it is, or until the grace
    period shows no worker is running.
    """
    session: StreamSession = get_session(db, user_id, ref)
    row = db.select_one("ledgers", {"session_id": session.id})
    if row is not None:
        return Ledger.from_row(row)
    if session.active:
        data = gather(db, session.id)
        return Ledger(0, session.id, render_markdown(data), None, None, None)
    finalized = db.fetch_value("SELECT finalized_at FROM stream_sessions WHERE id = %s", (session.id,))
    if (
        finalized is None
        and session.ended_at is not None
        and datetime.now(UTC) - session.ended_at < worker_grace
    ):
        raise NotFound("the ledger is being written; ask again in a few seconds", code=ErrorCode.NO_LEDGER)
    with db.transaction():
        # The scheduler may be making this ledger now: take the session's row lock first, as it does,
        # then look again. In the other order the two inserts of the ledger deadlocked.
        db.fetch_one("SELECT id FROM stream_sessions WHERE id = %s FOR UPDATE", (session.id,))
        row = db.select_one("ledgers", {"session_id": session.id})
        if row is not None:
            return Ledger.from_row(row)
        return make_ledger(db, session.id, export_path)


def get_ledger_by_id(db: Database, ledger_id: int) -> Ledger:
    """A stored ledger."""
    row = db.select_one("ledgers", {"id": ledger_id})
    if row is None:
        raise NotFound("no such ledger", code=ErrorCode.NO_LEDGER)
    return Ledger.from_row(row)


def destination(webhook_url: str | None, webhook_broken_at: datetime | None) -> str:
    """Where a ledger goes: the streamer's webhook, or exports/ when there is none that works."""
    return "webhook" if webhook_url and webhook_broken_at is None else "exports"


def destination_of(db: Database, user_id: int) -> str:
    """Where this streamer's ledgers go now (exports/ for no such user)."""
    owner = db.select_one("users", {"id": user_id}, columns=["webhook_url", "webhook_broken_at"]) or {}
    return destination(owner.get("webhook_url"), owner.get("webhook_broken_at"))


def ledger_document(db: Database, session_id: int) -> dict[str, Any]:
    """The ledger's JSON document: the stored one, else gathered now (a live session's snapshot)."""
    stored = db.select_one("ledgers", {"session_id": session_id}, columns=["data"])
    if stored is not None:
        document: dict[str, Any] = stored["data"]
        return document
    return to_json(gather(db, session_id))


def queue_delivery(
    db: Database, ledger_id: int, user_id: int, *, again: bool = False, due: datetime | None = None
) -> str:
    """Queue a posting of the ledger, due at `due` (now); returns its key.

    Once per ledger unless `again` (the streamer asked).
    Due by the caller's clock, not PostgreSQL's: the scheduler that posts it compares against its own.
    """
    key = f"ledger-{ledger_id}" + (f"-again-{secrets.token_hex(4)}" if again else "")
    db.execute(
        "INSERT INTO ledger_deliveries (ledger_id, user_id, idempotency_key, next_attempt_at)"
        " VALUES (%s, %s, %s, %s)"
        " ON CONFLICT (idempotency_key) DO NOTHING",
        (ledger_id, user_id, key, due or datetime.now(UTC)),
    )
    return key


def _per_minute(db: Database, session_id: int, started: datetime, ended: datetime) -> tuple[int, ...]:
    """Messages in each minute since the start, from the per-minute aggregate."""
    base = started.replace(second=0, microsecond=0)
    # Minutes are whole clock minutes from the start's minute up to and including the end's.
    length = max(1, min(MAX_MINUTES, int((ended - base) // timedelta(minutes=1)) + 1))
    counts = [0] * length
    for r in db.fetch_all(
        "SELECT minute, messages FROM session_minutes WHERE session_id = %s", (session_id,)
    ):
        index = int((r["minute"] - base) / timedelta(minutes=1))
        if 0 <= index < length:
            counts[index] += r["messages"]
    return tuple(counts)


def _notable(db: Database, session_id: int) -> Condensed:
    """The first NOTABLE_LINES notable lines, near-identical ones folded, and how many were left out."""
    rows = db.fetch_all(
        "SELECT sent_at, chatter_login, text, kind FROM notable_messages WHERE session_id = %s"
        " ORDER BY sent_at, id LIMIT %s",
        (session_id, NOTABLE_FETCH),
    )
    condensed = condense(
        (NotableLine(r["sent_at"], r["chatter_login"], r["text"], r["kind"]) for r in rows), NOTABLE_LINES
    )
    if len(rows) < NOTABLE_FETCH:
        return condensed
    # Past what was read, every line counts as one more (whether it repeats one is not looked at).
    total = int(db.fetch_value("SELECT count(*) FROM notable_messages WHERE session_id = %s", (session_id,)))
    return Condensed(condensed.lines, condensed.more + total - len(rows), condensed.repeats)


def _flag_groups(db: Database, session_id: int) -> tuple[FlagGroup, ...]:
    """Flags by rule, the busiest rule first, each with its first few examples."""
    rows = db.fetch_all(
        """
        SELECT rule, count(*) OVER (PARTITION BY rule) AS total, chatter_login, text, sent_at, reason, score,
               row_number() OVER (PARTITION BY rule ORDER BY sent_at, id) AS n
        FROM flags WHERE session_id = %s
        """,
        (session_id,),
    )
    groups: dict[str, tuple[int, list[FlagExample]]] = {}
    for r in rows:
        total, examples = groups.setdefault(r["rule"], (r["total"], []))
        if r["n"] <= FLAG_EXAMPLES:
            examples.append(FlagExample(r["chatter_login"], r["text"], r["sent_at"], r["reason"], r["score"]))
    ordered = sorted(groups.items(), key=lambda item: (-item[1][0], item[0]))
    return tuple(
        FlagGroup(rule, total, tuple(sorted(ex, key=lambda e: e.at))) for rule, (total, ex) in ordered
    )


def _review(db: Database, session_id: int) -> FlagReview | None:
    """The streamer's answers on the session's flags so far; None when nothing was flagged."""
    counts = flag_reviews.review_counts(db, session_id)
    review = FlagReview(confirmed=counts["confirmed"], dismissed=counts["dismissed"], open=counts["open"])
    return review if review.total else None


def _owner_id(db: Database, session_id: int) -> int:
    return int(db.fetch_value("SELECT user_id FROM stream_sessions WHERE id = %s", (session_id,)))


def _write_files(folder: Path, markdown: str, document: dict[str, Any], chart: bytes) -> dict[str, str]:
    """ledger.md, ledger.json and chart.png.

    Each is written to a temporary name first so readers never see half a file.
    """
    folder.mkdir(parents=True, exist_ok=True)
    contents = {
        "markdown_path": ("ledger.md", markdown.encode()),
        "json_path": ("ledger.json", json.dumps(document, ensure_ascii=False, indent=2).encode()),
        "chart_path": ("chart.png", chart),
    }
    paths = {}
    for key, (name, data) in contents.items():
        target = folder / name
        partial = target.with_suffix(target.suffix + ".part")
        partial.write_bytes(data)
        partial.replace(target)
        paths[key] = str(target)
    return paths
