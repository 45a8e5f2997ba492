"""`chronicler clips LOG`: the Librarian's clip candidates in a chat log, best first, as JSON lines.

A log is CSV with a header (`offset_seconds,username,message` or `time,username,message`; other
columns are ignored) or JSON lines with the same keys; `-` reads it from standard input. Each
candidate prints as one line:

    {"start": 1234.0, "end": 1262.5, "peak": 1257.0, "score": 4.21, "kind": "funny", "reason": "..."}

in seconds from the log's start: for `offset_seconds` logs the offsets themselves (the VOD's own
clock), for `time` logs from the first line. The ranking is the live Librarian's (`detect_clips`).

By default it prints the stream's budget (`select_clips`): the best candidates, about one (0.95) per ten
minutes of the log's span and at least one when there is a real one, because a streamer reads a
few and a number over an absolute score could be none or dozens. `--all` prints every candidate
the detector found over the floor (`CLIP_FLOOR`), best first; `--top N` cuts either list to N.
A log that cannot be read ends with a message naming the line and status 2; nothing is stored.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import IO, Any

import click

from chronicler.domain.chat import ChatMessage
from chronicler.domain.librarian import CLIP_FLOOR, ClipCandidate, ClipConfig, detect_clips, select_clips

_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)  # offsets are placed on an arbitrary day; only differences matter
_CHANNEL = "log"


class BadLog(click.ClickException):
    """The input is not a chat log this command reads; exits with status 2."""

    exit_code = 2


@dataclass(frozen=True)
class ChatLog:
    """A log's messages in time order, and the moment its clock counts from."""

    messages: list[ChatMessage]
    origin: datetime


@click.command("clips")
@click.argument("log", type=click.File("r", encoding="utf-8"))
@click.option("--top", type=click.IntRange(min=1), default=None, help="Print only the N best candidates.")
@click.option(
    "--all", "every", is_flag=True, help="Print every candidate found, not only about one per 10 minutes."
)
def clips(log: IO[str], top: int | None, every: bool) -> None:
    """Clip candidates in a chat LOG (CSV or JSON lines; - for stdin), best first, one JSON line each."""
    chat = read_chat_log(log, getattr(log, "name", "-"))
    found = detect_clips(chat.messages, ClipConfig(min_score=CLIP_FLOOR))
    if not every:
        found = select_clips(found, chat.messages[-1].sent_at - chat.messages[0].sent_at)
    for candidate in found[:top]:
        click.echo(json.dumps(as_json(candidate, chat.origin), ensure_ascii=False))


def as_json(candidate: ClipCandidate, origin: datetime) -> dict[str, Any]:
    """One candidate as the command prints it: seconds from the log's start."""

    def seconds(at: datetime) -> float:
        return round((at - origin).total_seconds(), 1)

    return {
        "start": seconds(candidate.start),
        "end": seconds(candidate.end),
        "peak": seconds(candidate.peak or candidate.start),
        "score": candidate.score,
        "kind": candidate.kind,
        "reason": candidate.reason,
    }


def read_chat_log(file: IO[str], name: str = "-") -> ChatLog:
    """Every message of a CSV or JSON-lines log; raises BadLog naming the first bad line."""
    try:
        text = file.read()
    except UnicodeDecodeError as exc:
        raise BadLog(f"{name} is not UTF-8 text: {exc.reason}") from None
    first = next((line for line in text.splitlines() if line.strip()), "")
    if not first:
        raise BadLog(f"{name} is empty: no chat lines to read")
    rows = _json_rows(text, name) if first.lstrip().startswith("{") else _csv_rows(text, name)
    messages: list[ChatMessage] = []
    origin: datetime | None = None
    by_offset: bool | None = None
    for line, row in rows:
        offset = row.get("offset_seconds")
        stamp = row.get("time")
        if by_offset is None:
            by_offset = offset not in (None, "")
        if by_offset:
            sent_at = _EPOCH + timedelta(seconds=_number(offset, name, line))
        else:
            sent_at = _time(stamp, name, line)
        username, message = row.get("username"), row.get("message")
        if not isinstance(username, str) or not isinstance(message, str):
            raise BadLog(f"{name}, line {line}: needs a username and a message")
        messages.append(
            ChatMessage(
                message_id=f"line{line}",
                channel=_CHANNEL,
                chatter_login=username.strip().casefold() or f"anonymous{line}",
                text=message,
                sent_at=sent_at,
            )
        )
        if not by_offset and origin is None:
            origin = sent_at
    if not messages:
        raise BadLog(f"{name} has a header but no chat lines")
    messages.sort(key=lambda message: message.sent_at)
    return ChatLog(messages, _EPOCH if by_offset else (origin or messages[0].sent_at))


def _csv_rows(text: str, name: str) -> Iterator[tuple[int, dict[str, Any]]]:
    reader = csv.DictReader(io.StringIO(text))
    columns = set(reader.fieldnames or ())
    if not {"username", "message"} <= columns or not columns & {"offset_seconds", "time"}:
        raise BadLog(
            f"{name} is not a chat log: its header must name offset_seconds (or time), username and "
            f"message; it has {', '.join(sorted(columns)) or 'none'}"
        )
    for row in reader:
        yield reader.line_num, row


def _json_rows(text: str, name: str) -> Iterator[tuple[int, dict[str, Any]]]:
    for line, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise BadLog(f"{name}, line {line}: not JSON ({exc.msg})") from None
        if not isinstance(row, dict):
            raise BadLog(f"{name}, line {line}: expected a JSON object")
        yield line, row


def _number(value: Any, name: str, line: int) -> float:
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        raise BadLog(f"{name}, line {line}: offset_seconds {value!r} is not a number") from None
    if seconds != seconds or seconds in (float("inf"), float("-inf")):
        raise BadLog(f"{name}, line {line}: offset_seconds {value!r} is not a number")
    return seconds


def _time(value: Any, name: str, line: int) -> datetime:
    try:
        at = datetime.fromisoformat(str(value).strip())
    except ValueError:
        raise BadLog(f"{name}, line {line}: time {value!r} is not an ISO-8601 time") from None
    # A log without offsets is read as UTC, as `chronicler replay` reads it.
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at
