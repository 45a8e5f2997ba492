"""How the ledger writes times: clock times in the streamer's zone, offsets and durations."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def local_time(at: datetime, zone: ZoneInfo) -> str:
    """'Sun 10 Mar 2024, 00:00 EST': a moment as the streamer's wall clock showed it."""
    # Built by hand rather than with %a/%b, which follow the process locale.
    local = at.astimezone(zone)
    return (
        f"{_WEEKDAYS[local.weekday()]} {local.day} {_MONTHS[local.month - 1]} {local.year}, "
        f"{local:%H:%M} {local.tzname()}"
    )


def clock(at: datetime, zone: ZoneInfo) -> str:
    """'14:05 EDT': the wall-clock time of a moment, without the date."""
    local = at.astimezone(zone)
    return f"{local:%H:%M} {local.tzname()}"


def offset(at: datetime, start: datetime) -> str:
    """'01:02:03': how far into the stream a moment is (negative before the start)."""
    seconds = int((at - start).total_seconds())
    sign = "-" if seconds < 0 else ""
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours:02d}:{minutes:02d}:{secs:02d}"


def minute_offset(minute: int) -> str:
    """'01:02:00': the offset at which minute `minute` of the stream starts."""
    hours, minutes = divmod(minute, 60)
    return f"{hours:02d}:{minutes:02d}:00"


def duration(span: timedelta) -> str:
    """'4h 02m' for long spans, '12m 30s' under an hour, '45s' under a minute."""
    seconds = max(int(span.total_seconds()), 0)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h {minutes:02d}m"
    if minutes:
        return f"{minutes}m {secs:02d}s"
    return f"{secs}s"
