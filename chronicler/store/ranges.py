"""Named ranges ('current', 'last', 'today', 'yesterday', 'week', 'all') as a session or a time window."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from chronicler.contract.commands import RANGES
from chronicler.contract.errors import InvalidInput
from chronicler.store import Database
from chronicler.store.sessions import current_session, get_session, last_session


@dataclass(frozen=True)
class Window:
    """What a range selects: one session, or [start, end) in time (either bound may be open)."""

    name: str
    session_id: int | None = None
    start: datetime | None = None
    end: datetime | None = None


def resolve(
    db: Database, user_id: int, timezone: str, name: str | None, *, now: datetime | None = None
) -> Window:
    """Turn a range name into a window; by default the live session, or else the last one.

    'current' with nothing live is the last session too (a 404 when nothing was ever chronicled).
    """
    if name is None or name == "":
        # The live session, else the last one; a streamer who has chronicled nothing yet gets
        # everything, which is nothing: an empty list rather than a 404.
        name = "current" if current_session(db, user_id) else "last" if last_session(db, user_id) else "all"
    if name not in RANGES:
        raise InvalidInput(f"range is one of {', '.join(RANGES)}", field="range")
    if name == "current" and current_session(db, user_id) is None and last_session(db, user_id) is not None:
        # "tonight's flags", asked after the stream ended: the stream just chronicled, said as "last".
        name = "last"
    if name in ("current", "last"):
        session = get_session(db, user_id, name)
        return Window(name, session_id=session.id, start=session.started_at, end=session.ended_at)
    if name == "all":
        return Window(name)
    zone = ZoneInfo(timezone)
    today = (now or datetime.now(UTC)).astimezone(zone).date()
    first_day = {"today": today, "yesterday": today - timedelta(days=1), "week": today - timedelta(days=6)}[
        name
    ]
    last_day = today - timedelta(days=1) if name == "yesterday" else today
    # Midnight in the streamer's zone, so "today" means their today across DST changes.
    start = datetime.combine(first_day, time(), zone).astimezone(UTC)
    end = datetime.combine(last_day + timedelta(days=1), time(), zone).astimezone(UTC)
    return Window(name, start=start, end=end)
