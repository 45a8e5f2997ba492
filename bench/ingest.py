"""Ingest throughput: EventSub-shaped JSON through the modes into PostgreSQL.

Printed in one run, on the same rows:
  pipeline   decode each WebSocket frame (as the live socket: chat frames in one typed msgspec pass),
             run Warden + Librarian + Steward, store in batches
             (COPY + aggregates + decisions), flushing at least every 200 ms;
  raw COPY   the same rows COPYed straight into a twin of chat_messages (its keys and indexes, not the
             trigger that counts chat): what this machine can take at best;
  naive      one connection and one INSERT + COMMIT per message: the way not to do it.
Targets: pipeline >= 40,000 messages/s and >= 0.25 of the raw COPY rate; memory while ingesting
<= 150 MB (the peak RSS of a fresh process doing only the pipeline run, frames streamed from a file).

Beside the rate it prints where the time goes, in CPU per message: the reading thread (decoding and
the modes), the flushing thread (on the same GIL), and PostgreSQL's processes on this machine (on
the other core). Machines differ by two times and more in how fast they run the same instructions,
so these say which side sets the pace on the machine at hand.

    python -m bench.ingest [--messages 200000]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson
import psutil
import psycopg

from bench._support import peak_rss_mb, rss_mb, throwaway_database
from chronicler.domain.chat import ChatMessage
from chronicler.pipeline import build_pipeline
from chronicler.runtime.tuning import tune_for_ingest
from chronicler.store import Database
from chronicler.store.sessions import start_session
from chronicler.twitch.eventsub import decode_notification, read_chat_notification
from chronicler.twitch.simulator import synthesize

FLUSH_EVERY = 0.2


def frame(message: ChatMessage, n: int) -> dict:
    """A `channel.chat.message` notification as Twitch sends it over the WebSocket."""
    badges = [{"set_id": b, "id": "1", "info": ""} for b in sorted(message.badges)]
    return {
        "metadata": {
            "message_id": f"note-{n}",
            "message_type": "notification",
            "message_timestamp": message.sent_at.isoformat().replace("+00:00", "Z"),
            "subscription_type": "channel.chat.message",
            "subscription_version": "1",
        },
        "payload": {
            "subscription": {
                "id": "sub-1",
                "type": "channel.chat.message",
                "version": "1",
                "status": "enabled",
                "cost": 0,
                "condition": {"broadcaster_user_id": "1", "user_id": "2"},
                "transport": {"method": "websocket", "session_id": "s"},
                "created_at": "x",
            },
            "event": {
                "broadcaster_user_id": "1",
                "broadcaster_user_login": message.channel,
                "broadcaster_user_name": message.channel,
                "chatter_user_id": str(abs(hash(message.chatter_login))),
                "chatter_user_login": message.chatter_login,
                "chatter_user_name": message.display_name,
                "message_id": message.message_id,
                "message": {
                    "text": message.text,
                    "fragments": [
                        {
                            "type": "text",
                            "text": message.text,
                            "cheermote": None,
                            "emote": None,
                            "mention": None,
                        }
                    ],
                },
                "color": "#FF0000",
                "badges": badges,
                "message_type": "user_intro" if message.first_message else "text",
                "cheer": None,
                "reply": None,
                "channel_points_custom_reward_id": None,
            },
        },
    }


def write_frames(path: Path, count: int, start: datetime) -> list[ChatMessage]:
    """A synthetic stream as JSON lines of WebSocket frames; returns the messages for the other methods."""
    messages = []
    with path.open("w") as out:
        for n, message in enumerate(synthesize("bench_channel", seed=42, start=start)):
            if n == count:
                break
            out.write(json.dumps(frame(message, n)) + "\n")
            messages.append(message)
    return messages


@dataclass(frozen=True)
class IngestRun:
    """What the pipeline run measured, per message where it says so."""

    rate: float  # messages per second
    stored: int
    flagged: int
    peak_rss_mb: float  # the worker's memory, nothing of this benchmark's
    reader_us: float  # CPU of the thread that decodes and runs the modes
    flusher_us: float  # CPU of the thread that stores the batches


def pipeline_run(url: str, user_id: int, frames: Path) -> IngestRun:
    """In a fresh process, as the worker: decode + modes + storage from the frames file.

    A second thread flushes every 200 ms while the main one decodes and runs the modes, as in the
    worker, so PostgreSQL works on the other core.
    """
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(_ingest, (url, user_id, str(frames)))


def _ingest(url: str, user_id: int, frames: str) -> IngestRun:
    with Database(url, max_size=2) as db, tempfile.TemporaryDirectory() as journal:
        session = start_session(db, user_id, channel="bench_channel", default_channel=None)
        # With a journal, as the worker runs: it must cost nothing while PostgreSQL keeps up.
        pipeline = build_pipeline(db, session, bot_login="chronicler_bot", journal_dir=Path(journal))
        tune_for_ingest()
        done = threading.Event()
        flusher_cpu = 0.0

        def flush_every() -> None:
            # As the worker does: a flush starts 200 ms after the previous one started, or at once
            # when that one took longer, so that storing never idles while chat waits.
            nonlocal flusher_cpu
            took = 0.0
            while not done.wait(max(0.0, FLUSH_EVERY - took)):
                began = time.perf_counter()
                pipeline.flush()
                took = time.perf_counter() - began
            flusher_cpu = time.thread_time()

        flusher = threading.Thread(target=flush_every, daemon=True)
        started, reader_started = time.perf_counter(), time.thread_time()
        flusher.start()
        count = 0
        for line in _lines(frames):
            # As the live socket does: chat frames take the typed fast path, anything else is parsed.
            notification = read_chat_notification(line)
            event = (
                notification.event if notification is not None else decode_notification(orjson.loads(line))
            )
            if isinstance(event, ChatMessage):
                pipeline.process(event)
                count += 1
                if pipeline.backlogged:  # as the worker does: wait for the flush
                    pipeline.flush()
        done.set()
        flusher.join()
        pipeline.flush()
        elapsed = time.perf_counter() - started
        reader_cpu = time.thread_time() - reader_started
        assert pipeline.recorder.pending == 0 and pipeline.recorder.journaled == 0
        flagged = db.count("flags", {"session_id": session.id})
    return IngestRun(
        count / elapsed,
        pipeline.recorder.stored,
        flagged,
        peak_rss_mb(),
        reader_cpu / count * 1e6,
        flusher_cpu / count * 1e6,
    )


def postgres_cpu_seconds() -> float | None:
    """CPU used so far by the PostgreSQL processes on this machine; None when there are none.

    None means a remote server. Their children's too: a backend that has ended (the pipeline's,
    once its run is over) is counted in the postmaster's children's times.
    """
    total, found = 0.0, False
    for process in psutil.process_iter(["name", "cpu_times"]):
        times = process.info["cpu_times"]
        if (process.info["name"] or "").startswith("postgres") and times is not None:
            total += times.user + times.system + times.children_user + times.children_system
            found = True
    return total if found else None


def _lines(path: str, chunk: int = 4 << 20) -> Iterator[bytes]:
    """The file's lines, read 4 MB at a time.

    Not `for line in file`: that reads 8 KB at a time, and each read lets go of the GIL, so the
    flushing thread takes it and the reader waits to get it back, tens of thousands of times (this
    alone cost a third of the throughput). A socket under load hands over many frames per read too.
    """
    rest = b""
    with open(path, "rb") as file:
        while block := file.read(chunk):
            lines = (rest + block).split(b"\n")
            rest = lines.pop()
            yield from lines
    if rest:
        yield rest


def raw_copy(db: Database, user_id: int, messages: list[ChatMessage]) -> float:
    """Messages per second COPYed straight into a twin of chat_messages: its columns, keys and indexes.

    A twin, not chat_messages itself, whose trigger counts the rows (migration 0006): that counting is
    the pipeline's work, and the floor is the COPY alone.
    """
    session = start_session(db, user_id, channel="copy_channel", default_channel=None)
    db.execute("CREATE TABLE raw_copy_floor (LIKE chat_messages INCLUDING ALL)")
    rows = [
        (
            session.id,
            "copy_channel",
            m.message_id,
            m.chatter_login,
            m.chatter_id,
            m.display_name,
            m.text,
            m.sent_at,
            list(m.badges),
            m.first_message,
        )
        for m in messages
    ]
    started = time.perf_counter()
    db.bulk_insert(
        "raw_copy_floor",
        [
            "session_id",
            "channel",
            "twitch_message_id",
            "chatter_login",
            "chatter_id",
            "display_name",
            "text",
            "sent_at",
            "badges",
            "first_message",
        ],
        rows,
    )
    return len(rows) / (time.perf_counter() - started)


def naive(url: str, user_id: int, db: Database, messages: list[ChatMessage]) -> float:
    """Messages per second with a connection and an INSERT + COMMIT per message."""
    session = start_session(db, user_id, channel="naive_channel", default_channel=None)
    started = time.perf_counter()
    for m in messages:
        with psycopg.connect(url) as conn:
            conn.execute(
                "INSERT INTO chat_messages"
                " (session_id, channel, twitch_message_id, chatter_login, text, sent_at)"
                " VALUES (%s, %s, %s, %s, %s, %s)",
                (session.id, "naive_channel", m.message_id, m.chatter_login, m.text, m.sent_at),
            )
            conn.commit()
    return len(messages) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--messages", type=int, default=200_000)
    parser.add_argument("--naive-sample", type=int, default=1_000)
    args = parser.parse_args()
    with (
        throwaway_database("ingest") as url,
        Database(url, max_size=4) as db,
        tempfile.TemporaryDirectory() as folder,
    ):
        users = [db.insert("users", {"username": f"bench{i}", "password_hash": "x"})["id"] for i in range(3)]
        frames = Path(folder) / "frames.jsonl"
        messages = write_frames(frames, args.messages, datetime.now(UTC) - timedelta(hours=6))
        print(
            f"{len(messages):,} EventSub frames ({frames.stat().st_size / 1e6:.0f} MB on disk); "
            f"RSS before ingest {rss_mb():.0f} MB"
        )
        postgres_before = postgres_cpu_seconds()
        run = pipeline_run(url, users[0], frames)
        postgres_after = postgres_cpu_seconds()
        copy_rate = raw_copy(db, users[1], messages)
        naive_rate = naive(url, users[2], db, messages[: args.naive_sample])
    rate = run.rate
    print(
        f"pipeline  {rate:>10,.0f} msg/s  ({run.stored:,} stored, {run.flagged:,} flagged; "
        f"worker peak RSS {run.peak_rss_mb:.0f} MB)"
    )
    print(f"raw COPY  {copy_rate:>10,.0f} msg/s  (pipeline = {rate / copy_rate:.2f} of it)")
    print(
        f"naive     {naive_rate:>10,.0f} msg/s  "
        f"(pipeline = {rate / naive_rate:.0f}x it; {args.naive_sample:,} sampled)"
    )
    postgres = (
        "not on this machine"
        if postgres_before is None or postgres_after is None
        else f"{(postgres_after - postgres_before) / run.stored * 1e6:.1f} µs"
    )
    print(
        f"per message: {1e6 / rate:.1f} µs of wall clock; CPU: reader {run.reader_us:.1f} µs and flusher "
        f"{run.flusher_us:.1f} µs (one GIL), PostgreSQL {postgres}"
    )
    ok = rate >= 40_000 and rate / copy_rate >= 0.25 and run.peak_rss_mb <= 150
    print(f"targets (>= 40,000 msg/s, >= 0.25 of COPY, <= 150 MB): {'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    main()
