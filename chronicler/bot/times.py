"""Showing the API's UTC timestamps in the streamer's own time zone, the way a person would say them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from chronicler.contract.api import RangeOut

# How a reply says a range: "Nothing flagged today", "Clip candidates in the last session".
RANGE_NAMES = {
    "current": "in this session",
    "last": "in the last session",
    "today": "today",
    "yesterday": "yesterday",
    "week": "this week",
    "all": "so far",
}


def zone(name: str | None) -> ZoneInfo:
    """The named IANA zone; UTC when the name is missing or unknown (a display must not fail)."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def parse_time(value: str | None) -> datetime | None:
    """An ISO-8601 timestamp from the API as an aware datetime (naive ones are UTC); None stays None."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def clock_time(value: str | None, tz: ZoneInfo, now: datetime) -> str:
    """'20:03' when it is today where the streamer lives, else '29 Apr 20:03'; '?' when unknown."""
    moment = parse_time(value)
    if moment is None:
        return "?"
    local = moment.astimezone(tz)
    if local.date() == now.astimezone(tz).date():
        return f"{local:%H:%M}"
    if local.year == now.astimezone(tz).year:
        return f"{local.day} {local:%b %H:%M}"
    return f"{local.day} {local:%b %Y %H:%M}"


def duration(start: str | None, end: str | None, now: datetime) -> str:
    """'2 h 05 min', '14 min' or '40 s' between two timestamps (`end` None: until now)."""
    began = parse_time(start)
    if began is None:
        return "?"
    finished = parse_time(end) or now
    seconds = max(int((finished - began) / timedelta(seconds=1)), 0)
    hours, rest = divmod(seconds, 3600)
    minutes = rest // 60
    if hours:
        return f"{hours} h {minutes:02d} min"
    return f"{minutes} min" if minutes else f"{seconds} s"


def offset(seconds: float | int | None) -> str:
    """Seconds into a stream as 'H:MM:SS' (what a VOD player shows)."""
    if seconds is None:
        return "?"
    total = max(int(seconds), 0)
    hours, rest = divmod(total, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"


def range_name(used: RangeOut | None, fallback: str | None = None) -> str:
    """How to say the range the API used: 'today', 'in the last session'..."""
    name = (used.name if used is not None else None) or fallback
    return RANGE_NAMES.get(name or "", f"for {name}" if name else "in the latest session")
