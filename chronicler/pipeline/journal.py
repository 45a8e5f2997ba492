"""One session's chat that PostgreSQL has not taken yet, on disk: what memory may not hold while it is away.

    data/journal/<session id>.jsonl           appended to: chat past the memory bound, and after it until
                                              the journal is stored (so chat is stored in the order it came)
    data/journal/<session id>.draining.jsonl  being stored, oldest first: the file above, renamed when
                                              storing it begins; or, written at a stop, what memory held

Each line is one complete JSON record: a chat message with what the modes decided of it, a clip candidate,
or the session's blog seeds. A line a crash cut short is skipped, and logged, when the file is read back.

Storing a record twice costs nothing: chat_messages is unique on (channel, twitch_message_id), the store
keeps the decisions of new messages only, and skips clips and seeds it has already. So the journal only
needs at-least-once: a file is deleted once everything in it is stored, and whatever was stored before a
crash is skipped when the file is read again.

Writes go through a buffer and are forced to disk (fsync) by `sync()`, which the recorder calls after each
flush attempt (every 200 ms in the worker) and at a stop: an fsync per message would slow the reader down
just when chat piles up, while a power cut then costs at most the last interval's records. A file's name is
synced when it is created, and the appended file before it is renamed for draining.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import msgspec

from chronicler.domain.chat import ChatMessage
from chronicler.domain.librarian import BlogSeed, ClipCandidate, NotableMessage
from chronicler.domain.warden import Verdict

__all__ = ["Chunk", "ClipRecord", "Journal", "MessageRecord", "Record", "SeedsRecord", "journaled_sessions"]

log = logging.getLogger(__name__)


class MessageRecord(msgspec.Struct, frozen=True, tag="msg", tag_field="k", omit_defaults=True):
    """A chat message and what the modes decided of it (what storing it needs: no clips, held apart)."""

    m: ChatMessage
    verdict: Verdict | None = None
    notables: tuple[NotableMessage, ...] = ()
    reply: str | None = None

    @property
    def decided(self) -> bool:
        """Whether any mode acted on the message."""
        return self.verdict is not None or bool(self.notables) or self.reply is not None


class ClipRecord(msgspec.Struct, frozen=True, tag="clip", tag_field="k"):
    """A clip candidate."""

    clip: ClipCandidate


class SeedsRecord(msgspec.Struct, frozen=True, tag="seeds", tag_field="k"):
    """The blog seeds proposed when the session ended."""

    seeds: tuple[BlogSeed, ...]


Record = MessageRecord | ClipRecord | SeedsRecord

_ENCODER = msgspec.json.Encoder()
_DECODER = msgspec.json.Decoder(Record)
_NAME = re.compile(r"(\d+)(\.draining)?\.jsonl")


@dataclass
class Chunk:
    """Records read from the draining file, to be stored together; `advance()` once they are."""

    messages: list[ChatMessage] = field(default_factory=list)
    decided: list[tuple[ChatMessage, MessageRecord]] = field(default_factory=list)
    clips: list[ClipCandidate] = field(default_factory=list)
    seeds: list[BlogSeed] = field(default_factory=list)
    end: int = 0  # the offset in the draining file after these records
    lines: int = 0  # the draining file's lines up to `end`
    last: bool = False  # they reach the end of the draining file


def journaled_sessions(folder: Path) -> set[int]:
    """The sessions that have a journal in `folder`."""
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return set()
    return {int(match[1]) for name in names if (match := _NAME.fullmatch(name))}


class Journal:
    """The journal of one session.

    `append()`, `sync()` and `close()` may be called from any thread; `next_chunk()` and `advance()` from
    one at a time (the recorder calls them holding its flush lock).
    """

    def __init__(self, folder: Path, session_id: int) -> None:
        self.folder = folder
        self.session_id = session_id
        self.path = folder / f"{session_id}.jsonl"
        self.draining_path = folder / f"{session_id}.draining.jsonl"
        self._lock = threading.Lock()  # appends against the rotation that starts a drain
        self._out: BinaryIO | None = None
        self._unsynced = False
        self._offset = 0  # how much of the draining file is stored
        self._line = 0  # lines of the draining file read up to `_offset`, to name a bad one
        self._reported = 0  # bad lines up to here are logged already (a failed chunk is read again)
        self.appended = 0  # records written by this process
        # Looked up once: while PostgreSQL keeps up, the journal costs no syscall at all.
        self.backlog = self.path.exists() or self.draining_path.exists()

    def append(self, records: Iterable[Record]) -> None:
        """Add records at the end (buffered: `sync()` forces them to disk); OSError when the disk refuses."""
        lines = [_ENCODER.encode(record) for record in records]
        if not lines:
            return
        data = b"\n".join(lines) + b"\n"
        with self._lock:
            out = self._out if self._out is not None else self._open()
            out.write(data)
            self._unsynced = True
            self.backlog = True
            self.appended += len(lines)

    def append_oldest(self, records: Iterable[Record]) -> bool:
        """Write records older than everything the journal holds, as the file drained first.

        False, and nothing written, while a drain is under way (append then: order is lost, not records).
        """
        lines = [_ENCODER.encode(record) for record in records]
        with self._lock:
            if self.draining_path.exists():
                return False
            if lines:
                self.folder.mkdir(parents=True, exist_ok=True)
                with self.draining_path.open("xb") as out:
                    out.write(b"\n".join(lines) + b"\n")
                    out.flush()
                    os.fsync(out.fileno())
                self._sync_folder()
                self._offset = self._line = self._reported = 0
                self.backlog = True
                self.appended += len(lines)
            return True

    def sync(self) -> None:
        """Force what was appended to disk."""
        # Under the lock, appends wait for the fsync (a few ms, only while PostgreSQL is away): a stop may
        # sync from another thread than the flusher's, which may be rotating the file.
        with self._lock:
            if self._out is None or not self._unsynced:
                return
            self._out.flush()
            os.fsync(self._out.fileno())
            self._unsynced = False

    def close(self) -> None:
        """Sync and close the file appended to (the journal stays on disk until drained)."""
        self.sync()
        with self._lock:
            if self._out is not None:
                self._out.close()
                self._out = None

    def next_chunk(self, limit: int) -> Chunk | None:
        """Up to `limit` records not yet stored, from the oldest; None when none are left."""
        while self.backlog:
            if not self.draining_path.exists() and not self._rotate():
                return None
            chunk = self._read(limit)
            if chunk.messages or chunk.clips or chunk.seeds:
                return chunk
            self.advance(chunk)  # bad lines only: nothing to store
        return None

    def advance(self, chunk: Chunk) -> None:
        """The chunk is stored: move past it, and delete the draining file once it is all stored."""
        self._offset, self._line = chunk.end, chunk.lines
        if not chunk.last:
            return
        self.draining_path.unlink(missing_ok=True)
        self._offset = self._line = self._reported = 0
        with self._lock:
            self.backlog = self._out is not None or self.path.exists()

    def _rotate(self) -> bool:
        """Start draining what was appended so far (appends go to a new file); False when nothing was."""
        with self._lock:
            if self._out is not None:
                self._out.flush()
                os.fsync(self._out.fileno())
                self._out.close()
                self._out = None
                self._unsynced = False
            if not self.path.exists():
                self.backlog = False
                return False
            os.replace(self.path, self.draining_path)
        self._offset = self._line = self._reported = 0
        return True

    def _read(self, limit: int) -> Chunk:
        """Up to `limit` lines of the draining file from where storing got to; bad lines skipped."""
        chunk = Chunk()
        line_no = self._line
        with self.draining_path.open("rb") as f:
            f.seek(self._offset)
            for _ in range(limit):
                line = f.readline()
                if not line:
                    break
                line_no += 1
                if line.strip():
                    self._take(chunk, line, line_no)
            chunk.end = f.tell()
            chunk.last = not f.read(1)
        chunk.lines = line_no
        self._reported = max(self._reported, line_no)
        return chunk

    def _take(self, chunk: Chunk, line: bytes, line_no: int) -> None:
        """Add one line's record to the chunk, or log it as unreadable (once)."""
        try:
            record = _DECODER.decode(line)
        except msgspec.DecodeError as exc:
            if line_no > self._reported:
                log.warning(
                    "journal %s: line %d is unreadable (cut short by a crash?), skipped: %s",
                    self.draining_path,
                    line_no,
                    exc,
                )
            return
        if isinstance(record, MessageRecord):
            chunk.messages.append(record.m)
            if record.decided:
                chunk.decided.append((record.m, record))
        elif isinstance(record, ClipRecord):
            chunk.clips.append(record.clip)
        else:
            chunk.seeds.extend(record.seeds)

    def _open(self) -> BinaryIO:
        """The file appended to, created if need be (called holding the lock)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        created = not self.path.exists()
        out = self.path.open("ab")
        if not created:
            if self._ends_mid_line():
                out.write(b"\n")  # a crash cut the last line short: the next record starts a line of its own
        else:
            self._sync_folder()
        self._out = out
        return out

    def _sync_folder(self) -> None:
        """Force a new file's name to disk: a power cut would lose its records with it."""
        folder = os.open(self.folder, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)

    def _ends_mid_line(self) -> bool:
        """Whether the file appended to ends without a newline (left by a crash mid-write)."""
        with self.path.open("rb") as existing:
            size = existing.seek(0, os.SEEK_END)
            if size == 0:
                return False
            existing.seek(size - 1)
            return existing.read(1) != b"\n"
