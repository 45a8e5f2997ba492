"""Replaying a recorded chat log as if it were live chat, at real time or faster.

The public face:

- ``read_log(path, channel=None)`` reads a CSV or JSON-lines chat log into ``ChatMessage`` objects.
- ``LogReplay(path, ...)`` plays a log as a ``ChatSource`` (see ``twitch/source.py``).
- ``pace(events, ...)`` is the time compression both ``LogReplay`` and the simulator use.

Errors::

    core.errors.UserError
    ├── ReplayError     the file cannot be replayed: missing, unreadable, not a chat log (the
    │                   message names the missing columns) or no channel to attribute it to
    └── InvalidInput    a bad argument: ``speed`` or ``channel`` (``field`` names it)

Bad lines inside a good log are not errors: they are skipped, counted in ``ReadStats`` and logged
with their line number, and the replay goes on.

Time compression: with speed ``S > 0`` the source waits ``(t[i] - t[i-1]) / S`` real seconds between
events. When accelerated (``S > 1``) a single wait is capped at ``max_wait`` (default
``MAX_ACCELERATED_WAIT`` = 5 s), so a log with an overnight hole does not stall a fast replay; at
``S <= 1`` waits are true to the log unless a ``max_wait`` is given. ``S = 0`` plays as fast as possible.
"""

from __future__ import annotations

import asyncio
import csv
import json
import logging
import math
import re
import sys
import uuid
from collections.abc import (
    AsyncGenerator,
    AsyncIterator,
    Awaitable,
    Callable,
    Generator,
    Iterable,
    Iterator,
    Mapping,
)
from contextlib import aclosing
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import islice
from pathlib import Path
from typing import Any, Literal, Never

from tqdm import tqdm

from chronicler.contract.errors import ErrorCode, InvalidInput, UserError
from chronicler.contract.logins import normalize_login
from chronicler.domain.chat import (
    BADGES,
    ChatEvent,
    ChatMessage,
    RaidArrived,
    StreamOffline,
    StreamOnline,
    happened_at,
)
from chronicler.domain.notices import raiders

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]
"""How a source waits: ``asyncio.sleep`` in production, a recorder in tests."""

MAX_ACCELERATED_WAIT = 5.0
"""At speed > 1, the most real seconds one gap between two events may cost."""

REQUIRED_COLUMNS: tuple[str, ...] = ("time", "username", "message")
OFFSET_COLUMN = "offset_seconds"
"""Instead of ``time``: seconds into the VOD (chat exported from a VOD), placed on ``OFFSET_ORIGIN``."""
OFFSET_ORIGIN = datetime(2000, 1, 1, tzinfo=UTC)
"""Where offsets are placed: a fixed day, so replaying the same log again finds the same messages
(and stores none twice); only differences between times matter to the modes and the ledger."""

MAX_PROBLEMS_KEPT = 100  # skipped lines remembered in ReadStats.problems; all are counted
MAX_PROBLEMS_LOGGED = 20  # skipped lines logged one by one; a summary covers the rest
_LINE_COUNT_LIMIT = 256 * 1024 * 1024  # bigger files get a progress bar without a total
_YIELD_EVERY = 200  # events passed on without awaiting before letting other tasks run
_JSON_PROBE_LINES = 100  # lines searched for the first JSON object, which stands in for a header
_JSON_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json"})
_BADGE_SPLIT = re.compile(r"[,;|\s]+")
# Namespace of the ids made up for log lines without one; fixed so that replaying twice de-duplicates.
_LOG_ID_NAMESPACE = uuid.UUID("5f1d0b8e-63a4-4c55-9d6e-1f0c2a9b7e41")


class ReplayError(UserError):
    """The file cannot be replayed as chat; the message says why in words the user can act on."""

    code = ErrorCode.BAD_CHAT_LOG


@dataclass(frozen=True, slots=True)
class SkippedLine:
    """A line of a log that did not make a message, and why."""

    line: int
    reason: str


@dataclass
class ReadStats:
    """What reading a log has found so far; updated as the reader advances."""

    lines: int = 0  # physical lines consumed, header included
    messages: int = 0
    skipped: int = 0
    raids: int = 0  # of the messages, Twitch's raid notices, replayed as the raids they were
    problems: list[SkippedLine] = field(default_factory=list)  # the first MAX_PROBLEMS_KEPT


def check_pacing(speed: float, max_wait: float | None) -> float:
    """Return speed as a float if speed and max_wait are usable for ``pace``, else raise InvalidInput."""
    if not isinstance(speed, int | float) or not math.isfinite(speed) or speed < 0:
        raise InvalidInput(
            f"speed must be a number >= 0 (0 = as fast as possible), not {speed!r}", field="speed"
        )
    if max_wait is not None and not (isinstance(max_wait, int | float) and max_wait >= 0):
        raise InvalidInput(f"max_wait must be a number of seconds >= 0, not {max_wait!r}", field="max_wait")
    return float(speed)


def read_log(
    path: str | Path, channel: str | None = None, *, stats: ReadStats | None = None
) -> Iterator[ChatMessage]:
    """Read a CSV or JSON-lines chat log lazily; raises ReplayError at once if it is not a chat log.

    Columns (JSON keys): ``time``, ``username``, ``message``, and optionally ``channel``, ``badges``,
    ``display_name``, ``id`` and ``chatter_id``. Times are ISO-8601; without an offset they are UTC.
    A VOD export has ``offset_seconds`` instead of ``time``: seconds into the VOD, placed on
    ``OFFSET_ORIGIN`` (the same columns ``chronicler clips`` reads).
    A line without an ``id`` gets one made from the file name, line number and content, so reading
    the same log twice gives the same ids. A chatter's first line in the log is their first message.

    ``channel`` attributes every message to that channel, overriding a ``channel`` column; without
    it the log needs one. Pass ``stats`` to learn how many lines were read and skipped.
    """
    return _ChatLog.open(path, channel).messages(stats if stats is not None else ReadStats())


class LogReplay:
    """A chat log played back as a ChatSource, at real time, faster, or as fast as possible.

    Each channel goes online (``StreamOnline``) at its first message and offline (``StreamOffline``)
    after the log's last line; closing early ends the events without going offline.
    Every call of ``events()`` plays the log from the start.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        channel: str | None = None,
        speed: float = 1.0,
        progress: bool = False,
        sleep: Sleep = asyncio.sleep,
        max_wait: float | None = None,
    ) -> None:
        self._speed = check_pacing(speed, max_wait)
        self._log = _ChatLog.open(path, channel)
        self._progress = progress
        self._sleep = sleep
        self._max_wait = max_wait
        self._stop = asyncio.Event()
        self._readers: set[Generator[ChatMessage, None, None]] = set()
        self.stats = ReadStats()

    @property
    def path(self) -> Path:
        """The log being replayed."""
        return self._log.path

    async def events(self) -> AsyncIterator[ChatEvent]:
        """The log's messages, spaced as their times say, compressed by the speed."""
        if self._stop.is_set():
            return
        stats = self.stats = ReadStats()
        reader = self._log.messages(stats)
        self._readers.add(reader)
        total = _count_lines(self._log.path) if self._progress else None
        bar = progress_bar(self._progress, total=total, unit="line", desc=self._log.path.name)
        paced = pace(
            _on_air(reader, stats),
            speed=self._speed,
            sleep=self._sleep,
            stop=self._stop,
            max_wait=self._max_wait,
        )
        try:
            async with aclosing(paced):
                async for event in paced:
                    bar.update(stats.lines - bar.n)
                    yield event
        finally:
            bar.close()
            self._readers.discard(reader)
            reader.close()  # releases the file

    async def aclose(self) -> None:
        """Stop the replay, waking any wait in progress, and close the file."""
        self._stop.set()
        for reader in list(self._readers):
            reader.close()
        self._readers.clear()


async def pace(
    events: Iterable[ChatEvent],
    *,
    speed: float,
    sleep: Sleep = asyncio.sleep,
    stop: asyncio.Event | None = None,
    max_wait: float | None = None,
) -> AsyncGenerator[ChatEvent, None]:
    """Pass events on spaced as their times say, divided by speed; end early once stop is set.

    ``max_wait`` caps one wait in real seconds; None means ``MAX_ACCELERATED_WAIT`` when speed > 1
    and no cap otherwise (``math.inf`` never caps).
    """
    stop = stop if stop is not None else asyncio.Event()
    cap = max_wait if max_wait is not None else (MAX_ACCELERATED_WAIT if speed > 1 else math.inf)
    iterator = iter(events)
    latest: datetime | None = None
    unawaited = 0
    stopped: asyncio.Future[bool] | None = None  # one watcher of stop serves every wait
    try:
        while not stop.is_set():
            try:
                event = next(iterator)
            except StopIteration:
                return
            at = happened_at(event)
            wait = 0.0
            if latest is not None and speed > 0:
                wait = min(max((at - latest).total_seconds(), 0.0) / speed, cap)
            # Measured from the latest time seen, so a line out of order is not waited for twice.
            latest = at if latest is None else max(latest, at)
            if wait > 0:
                stopped = stopped or asyncio.ensure_future(stop.wait())
                if await _sleep_unless_stopped(wait, sleep, stopped):
                    return
                unawaited = 0
            elif unawaited >= _YIELD_EVERY:
                # Without this a fast replay to a consumer that never awaits would starve the loop
                # and make task cancellation wait for the end of the log.
                await asyncio.sleep(0)
                unawaited = 0
            unawaited += 1
            yield event
    finally:
        if stopped is not None:
            stopped.cancel()


def progress_bar(enabled: bool, *, total: float | None, unit: str, desc: str) -> tqdm[Never]:
    """A tqdm bar on stderr, or a disabled one that costs nothing."""
    return tqdm(total=total, unit=unit, desc=desc, file=sys.stderr, disable=not enabled, dynamic_ncols=True)


async def _sleep_unless_stopped(seconds: float, sleep: Sleep, stopped: asyncio.Future[bool]) -> bool:
    """Sleep, waking early when stopped completes; True when it did."""
    sleeper = asyncio.ensure_future(sleep(seconds))
    try:
        either: set[asyncio.Future[Any]] = {sleeper, stopped}
        await asyncio.wait(either, return_when=asyncio.FIRST_COMPLETED)
    finally:
        sleeper.cancel()
    if sleeper.done() and not sleeper.cancelled():
        sleeper.result()  # an injected sleep that failed fails the replay
    return stopped.done()


def _on_air(messages: Iterable[ChatMessage], stats: ReadStats) -> Iterator[ChatEvent]:
    """Frame messages as a broadcast: a channel goes online at its first message, offline after the last.

    Twitch's raid notice, which a VOD's chat export keeps as a line of chat, is replayed as the raid
    it was (`RaidArrived`, as EventSub's ``channel.raid`` arrives live), not as a chatter's message.
    """
    last_seen: dict[str, datetime] = {}
    for message in messages:
        if message.channel not in last_seen:
            yield StreamOnline(channel=message.channel, at=message.sent_at)
        last_seen[message.channel] = max(last_seen.get(message.channel, message.sent_at), message.sent_at)
        viewers = raiders(message.text)
        if viewers is not None:
            stats.raids += 1
            yield RaidArrived(message.channel, message.chatter_login, viewers, message.sent_at)
            continue
        yield message
    for channel, at in sorted(last_seen.items(), key=lambda item: item[1]):
        yield StreamOffline(channel=channel, at=at)


def _count_lines(path: Path) -> int | None:
    """The file's physical line count, or None when the file is too big to count cheaply."""
    try:
        if path.stat().st_size > _LINE_COUNT_LIMIT:
            return None
        count, last = 0, b"\n"
        with path.open("rb") as file:
            while chunk := file.read(1 << 20):
                count += chunk.count(b"\n")
                last = chunk[-1:]
        return count + (last != b"\n")
    except OSError:
        return None  # the replay itself reports unreadable files


class _BadLine(Exception):
    """One line of a log cannot become a message; never escapes this module."""


@dataclass(frozen=True)
class _ChatLog:
    """A log file checked to be a chat log: its format, its columns and the channel to attribute it to.

    Logs are read one record per physical line: Twitch messages cannot contain line breaks, and
    reading line by line keeps one broken quote from swallowing the lines after it.
    """

    path: Path
    format: Literal["csv", "jsonl"]
    columns: tuple[str, ...]  # CSV only: the header, normalized
    channel: str | None  # the override, normalized

    @classmethod
    def open(cls, path: str | Path, channel: str | None) -> _ChatLog:
        """Check that path holds a chat log; raise ReplayError saying what is wrong if not."""
        path = Path(path)
        override = None
        if channel is not None:
            try:
                override = normalize_login(channel)
            except ValueError:
                raise InvalidInput(f"{channel!r} is not a Twitch channel name", field="channel") from None
        lines = _text_lines(path)
        try:
            first = next(((n, line) for n, line in lines if line.strip()), None)
            if first is None:
                raise ReplayError(f"{path.name} is empty: not a chat log")
            if path.suffix.lower() in _JSON_SUFFIXES or first[1].lstrip().startswith("{"):
                keys = _first_json_keys(path, first, lines)
                _require_columns(path, keys, override)
                return cls(path=path, format="jsonl", columns=(), channel=override)
            columns = tuple(_column_name(name) for name in next(csv.reader([first[1]])))
            _require_columns(path, columns, override)
            return cls(path=path, format="csv", columns=columns, channel=override)
        finally:
            lines.close()

    def messages(self, stats: ReadStats) -> Generator[ChatMessage, None, None]:
        """The log's messages in file order; bad lines are skipped, counted and logged."""
        seen: set[tuple[str, str]] = set()
        header_done = self.format == "jsonl"
        lines = _text_lines(self.path)
        try:
            for number, line in lines:
                stats.lines = number
                if not line.strip():
                    continue
                if not header_done:
                    header_done = True
                    continue
                try:
                    message = self._message(self._fields(line), number, seen)
                except _BadLine as bad:
                    self._skip(stats, number, str(bad))
                    continue
                stats.messages += 1
                yield message
        finally:
            lines.close()
        if stats.skipped:
            log.warning(
                "%s: skipped %d of %d lines that were not chat messages",
                self.path.name,
                stats.skipped,
                stats.lines,
            )

    def _fields(self, line: str) -> Mapping[str, Any]:
        """One line's values by column name."""
        if self.format == "jsonl":
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise _BadLine(f"not JSON ({error.msg})") from None
            if not isinstance(record, dict):
                raise _BadLine("not a JSON object")
            return {str(key).strip().lower(): value for key, value in record.items()}
        row = next(csv.reader([line]))
        width = len(self.columns)
        if len(row) > width and self.columns[-1] == "message":
            # An unquoted comma in the last column: the text after it is still the message.
            row = [*row[: width - 1], ",".join(row[width - 1 :])]
        if len(row) != width:
            raise _BadLine(f"{len(row)} fields where the header has {width}")
        return dict(zip(self.columns, row, strict=True))

    def _message(self, fields: Mapping[str, Any], number: int, seen: set[tuple[str, str]]) -> ChatMessage:
        """Build the message of one line; raise _BadLine saying what is wrong with it."""
        for column in REQUIRED_COLUMNS:
            if column not in fields and not (column == "time" and OFFSET_COLUMN in fields):
                raise _BadLine(f"no {column}")
        login = _login(fields, "username")
        channel = self.channel or _login(fields, "channel")
        if "time" in fields:
            sent_at = _parse_time(_text(fields, "time"))
        else:
            sent_at = _parse_offset(_text(fields, OFFSET_COLUMN))
        text = _clean(_text(fields, "message"))
        if not text:
            raise _BadLine("empty message")
        message_id = _text(fields, "id").strip() or str(
            uuid.uuid5(
                _LOG_ID_NAMESPACE, f"{self.path.name}:{number}:{channel}:{sent_at.isoformat()}:{login}:{text}"
            )
        )
        first = (channel, login) not in seen
        seen.add((channel, login))
        return ChatMessage(
            message_id=message_id,
            channel=channel,
            chatter_login=login,
            text=text,
            sent_at=sent_at,
            display_name=_clean(_text(fields, "display_name")),
            chatter_id=_text(fields, "chatter_id").strip() or None,
            badges=_parse_badges(fields.get("badges")),
            first_message=first,
        )

    def _skip(self, stats: ReadStats, number: int, reason: str) -> None:
        """Count a bad line, remember the first ones and log them with their line number."""
        stats.skipped += 1
        if len(stats.problems) < MAX_PROBLEMS_KEPT:
            stats.problems.append(SkippedLine(line=number, reason=reason))
        if stats.skipped <= MAX_PROBLEMS_LOGGED:
            log.warning("%s line %d skipped: %s", self.path.name, number, reason)


def _text_lines(path: Path) -> Generator[tuple[int, str], None, None]:
    """Numbered lines of a text file, BOM dropped; opening problems become ReplayError."""
    try:
        # Undecodable bytes become U+FFFD rather than costing the whole line or the whole replay.
        file = path.open(encoding="utf-8-sig", errors="replace")
    except OSError as error:
        raise ReplayError(f"cannot read {path}: {error.strerror or error}") from error
    return _numbered(file)


def _numbered(file: Any) -> Generator[tuple[int, str], None, None]:
    """Yield (line number, line without its end) and close the file when done or closed."""
    with file:
        for number, line in enumerate(file, start=1):
            yield number, line.rstrip("\r\n")


def _first_json_keys(path: Path, first: tuple[int, str], lines: Iterator[tuple[int, str]]) -> tuple[str, ...]:
    """The keys of the first JSON object, which plays the role a header plays in a CSV."""
    candidates = [first, *islice(lines, _JSON_PROBE_LINES)]
    for _, line in candidates:
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(record, dict):
            return tuple(str(key).strip().lower() for key in record)
    raise ReplayError(
        f"{path.name} is not a chat log: expected one JSON object per line, "
        f"found none on its first {len(candidates)} lines"
    )


def _require_columns(path: Path, columns: Iterable[str], channel: str | None) -> None:
    """Raise ReplayError naming the columns a chat log needs and this one lacks."""
    present = set(columns)
    if OFFSET_COLUMN in present:
        present.add("time")  # a VOD export: offsets stand in for times
    missing = [column for column in REQUIRED_COLUMNS if column not in present]
    if missing:
        found = ", ".join(column for column in columns if column) or "nothing"
        raise ReplayError(
            f"{path.name} is not a chat log: missing column(s) {', '.join(missing)} "
            f"(it needs time or {OFFSET_COLUMN}, username and message; found {found})"
        )
    if channel is None and "channel" not in present:
        raise ReplayError(f"{path.name} has no channel column: say which channel the log belongs to")


def _column_name(name: str) -> str:
    """Header names compare without case, surrounding spaces or a stray BOM."""
    return name.strip().lstrip("\ufeff").strip().lower()


def _text(fields: Mapping[str, Any], key: str) -> str:
    """A field as text; absent or null is empty; a number is its digits; anything else is a bad line."""
    value = fields.get(key)
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise _BadLine(f"{key} is not text")


def _login(fields: Mapping[str, Any], key: str) -> str:
    """A field holding a Twitch login, normalized."""
    raw = _text(fields, key)
    if not raw.strip():
        raise _BadLine(f"no {key}")
    try:
        return normalize_login(raw)
    except ValueError:
        raise _BadLine(f"{key} {raw!r} is not a Twitch login") from None


def _clean(text: str) -> str:
    """Trim, and drop NUL characters, which no chat sends and PostgreSQL cannot store."""
    return text.replace("\x00", "").strip()


def _parse_offset(value: str) -> datetime:
    """Seconds into the VOD (``offset_seconds``), placed on ``OFFSET_ORIGIN``."""
    try:
        seconds = float(value.strip())
    except ValueError:
        raise _BadLine(f"offset_seconds {value!r} is not a number") from None
    if not math.isfinite(seconds) or not 0 <= seconds < 10 * 365 * 86400:
        raise _BadLine(f"offset_seconds {value!r} is out of range")
    return OFFSET_ORIGIN + timedelta(seconds=seconds)


def _parse_time(value: str) -> datetime:
    """An ISO-8601 date-time as tz-aware UTC; one without an offset is taken to be UTC."""
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise _BadLine(f"time {value!r} is not an ISO-8601 date-time") from None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _parse_badges(value: Any) -> frozenset[str]:
    """Badges as 'moderator,subscriber/12' (Twitch IRC style) or a JSON list; keeps those in BADGES."""
    if value is None or value == "":
        return frozenset()
    items = value if isinstance(value, list) else _BADGE_SPLIT.split(str(value))
    names = (str(item).split("/", 1)[0].strip().lower() for item in items)
    return frozenset(name for name in names if name in BADGES)


__all__ = [
    "MAX_ACCELERATED_WAIT",
    "LogReplay",
    "ReadStats",
    "ReplayError",
    "SkippedLine",
    "Sleep",
    "check_pacing",
    "pace",
    "progress_bar",
    "read_log",
]
