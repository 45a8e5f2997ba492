"""The journal: chat past the memory bound goes to disk while PostgreSQL is away, and is stored once.

What it holds is read back as it was written; a line a crash cut short is skipped (and logged); storing
a journal again after a crash stores nothing twice, messages or decisions.
"""

from __future__ import annotations

import shutil
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import msgspec

from chronicler.domain.librarian import BlogSeed, ClipCandidate, NotableMessage
from chronicler.domain.warden import Verdict
from chronicler.pipeline import ChatPipeline, ChatRecorder, Decisions, Journal, SessionRef, build_pipeline
from chronicler.pipeline.journal import ClipRecord, MessageRecord, SeedsRecord, journaled_sessions
from chronicler.pipeline.modes import NOTHING
from chronicler.store import Database
from chronicler.store.sessions import start_session
from tests.chronicle_data import chat, make_session
from tests.waiting import wait_for

T0 = datetime(2026, 11, 20, 20, 0, tzinfo=UTC)
FLAG = Decisions(verdict=Verdict(True, "viewer_selling", 0.9, "sells viewers"))


def _user(db: Database) -> int:
    return db.insert("users", {"username": "pixel_wren", "password_hash": "x"})["id"]


def _down() -> Database:
    """A database that is not there: every attempt to store fails as when PostgreSQL is away."""
    return Database("postgresql://nobody@127.0.0.1:1/none", min_size=1, max_size=1, timeout=0.3).open(
        wait=False
    )


def _drain(recorder: ChatRecorder) -> None:
    """Flush until everything is stored (a flush stores one chunk of the journal)."""
    for _ in range(100):
        recorder.flush()
        if recorder.settled:
            return
    raise AssertionError("the recorder never settled")


def _ref(session_id: int) -> SessionRef:
    """A session for records that never reach the database."""
    return SessionRef(session_id, 1, "pixel_wren")


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_records_are_read_back_as_they_were_written(tmp_path: Path):
    m1, m2 = chat(_ref(7), 2, start=T0)
    notable = NotableMessage(m1, "question", None, "a question to chat")
    clip = ClipCandidate(T0, T0 + timedelta(seconds=25), 3.5, "chat spike", (m1, m2))
    seed = BlogSeed("speedruns", "chat kept asking about routes", (m1.message_id,))
    journal = Journal(tmp_path, 7)
    journal.append(
        [
            MessageRecord(m1, Verdict(True, "viewer_selling", 0.9, "sells viewers"), (notable,), "hi!"),
            MessageRecord(m2),
            ClipRecord(clip),
            SeedsRecord((seed,)),
        ]
    )
    journal.close()

    again = Journal(tmp_path, 7)  # as the next worker finds it
    assert again.backlog and journaled_sessions(tmp_path) == {7}
    chunk = again.next_chunk(100)
    assert chunk is not None and chunk.last
    assert chunk.messages == [m1, m2] and chunk.clips == [clip] and chunk.seeds == [seed]
    [(message, decided)] = chunk.decided
    assert message == m1 and decided.verdict == Verdict(True, "viewer_selling", 0.9, "sells viewers")
    assert decided.notables == (notable,) and decided.reply == "hi!"
    again.advance(chunk)
    assert not again.backlog and _files(tmp_path) == [] and journaled_sessions(tmp_path) == set()


def test_what_is_appended_while_a_journal_is_stored_waits_for_the_next_chunk(tmp_path: Path):
    first, later = chat(_ref(7), 2, start=T0)
    journal = Journal(tmp_path, 7)
    journal.append([MessageRecord(first)])
    chunk = journal.next_chunk(100)  # the file is renamed for draining; appends start a new one
    journal.append([MessageRecord(later)])
    assert chunk is not None and chunk.messages == [first]
    journal.advance(chunk)
    assert journal.backlog  # `later` is still to store
    chunk = journal.next_chunk(100)
    assert chunk is not None and chunk.messages == [later]
    journal.advance(chunk)
    journal.close()
    assert not journal.backlog and _files(tmp_path) == []


def test_past_the_memory_bound_chat_goes_to_the_journal_and_nothing_is_dropped(db, tmp_path: Path):
    session = make_session(db, _user(db), started_at=T0)
    messages = chat(session, 30, start=T0)
    down = _down()
    try:
        recorder = ChatRecorder(down, session, max_pending=10, journal=Journal(tmp_path, session.id))
        for i, m in enumerate(messages):
            recorder.add(m, FLAG if i % 5 == 0 else NOTHING)
        assert recorder.flush() == 0 and recorder.away
        assert recorder.pending == 10 and recorder.journaled == 20 and recorder.dropped == 0
        assert _files(tmp_path) == [f"{session.id}.jsonl"]
        recorder.close()  # the worker stops: memory goes to the journal as well
        assert recorder.pending == 0
    finally:
        down.close()

    again = ChatRecorder(db, session, journal=Journal(tmp_path, session.id))  # the next worker
    _drain(again)
    assert db.count("chat_messages") == 30 and db.count("flags") == 6  # the decisions came along
    assert _files(tmp_path) == []


def test_chat_held_in_memory_and_on_disk_is_stored_in_the_order_it_came(db, tmp_path: Path):
    session = make_session(db, _user(db), started_at=T0)
    messages = [
        msgspec.structs.replace(m, display_name=f"Viewer{i}")
        for i, m in enumerate(chat(session, 30, start=T0))
    ]
    down = _down()
    try:
        recorder = ChatRecorder(down, session, max_pending=10, journal=Journal(tmp_path, session.id))
        for m in messages[:20]:
            recorder.add(m, NOTHING)
        recorder.flush()  # fails: the first ten stay in memory, the next ten are on disk
        recorder.close()  # a stop: memory, the oldest, goes where it is stored first
    finally:
        down.close()
    # Stored five records a transaction: the order across transactions is what matters.
    again = ChatRecorder(db, session, max_pending=10, journal=Journal(tmp_path, session.id), chunk=5)
    for m in messages[20:]:
        again.add(m, NOTHING)  # the next worker reads on while the journal waits: after it, on disk
    assert again.pending == 0
    _drain(again)
    # A chatter keeps the name and time of the first message stored: that of the first message sent.
    [chatter] = db.select("session_chatters")
    assert (chatter["display_name"], chatter["first_seen_at"], chatter["messages"]) == (
        "Viewer0",
        messages[0].sent_at,
        30,
    )


def test_a_stop_while_a_flush_waits_on_the_database_does_not_wait_for_it(db, tmp_path: Path):
    session = make_session(db, _user(db), started_at=T0)
    slow = Database("postgresql://nobody@127.0.0.1:1/none", min_size=1, max_size=1, timeout=3.0).open(
        wait=False
    )
    try:
        recorder = ChatRecorder(slow, session, journal=Journal(tmp_path, session.id))
        for m in chat(session, 10, start=T0):
            recorder.add(m, NOTHING)
        flushing = threading.Thread(target=recorder.flush)
        flushing.start()
        wait_for(lambda: recorder.waiting == 0)  # the flush has taken the ten, and waits on the pool
        began = time.monotonic()
        recorder.close(wait=0.2)  # the process is about to be killed: the journal cannot wait 3 s
        assert time.monotonic() - began < 1.0
        flushing.join()
    finally:
        slow.close()
    _drain(ChatRecorder(db, session, journal=Journal(tmp_path, session.id)))
    assert db.count("chat_messages") == 10


def test_a_line_cut_short_by_a_crash_is_skipped_and_logged_and_the_rest_stored(db, tmp_path: Path, caplog):
    session = make_session(db, _user(db), started_at=T0)
    messages = chat(session, 5, start=T0)
    journal = Journal(tmp_path, session.id)
    journal.append(MessageRecord(m) for m in messages[:4])
    journal.close()
    with journal.path.open("ab") as f:  # the process died while writing the fifth
        f.write(b'{"k":"msg","m":{"message_id":"' + messages[4].message_id.encode())

    recorder = ChatRecorder(db, session, journal=Journal(tmp_path, session.id))
    _drain(recorder)
    assert db.count("chat_messages") == 4
    assert f"{session.id}.draining.jsonl: line 5 is unreadable" in caplog.text
    assert _files(tmp_path) == []


def test_appending_after_a_line_cut_short_starts_a_line_of_its_own(db, tmp_path: Path):
    session = make_session(db, _user(db), started_at=T0)
    first, second = chat(session, 2, start=T0)
    journal = Journal(tmp_path, session.id)
    journal.append([MessageRecord(first)])
    journal.close()
    with journal.path.open("ab") as f:
        f.write(b'{"k":"msg","m":{"mess')  # a crash mid-write
    again = Journal(tmp_path, session.id)  # the next run holds more before PostgreSQL is back
    again.append([MessageRecord(second)])
    again.close()

    _drain(ChatRecorder(db, session, journal=Journal(tmp_path, session.id)))
    assert {r["twitch_message_id"] for r in db.select("chat_messages")} == {
        first.message_id,
        second.message_id,
    }


def test_a_journal_stored_again_after_a_crash_stores_nothing_twice(db, tmp_path: Path):
    session = make_session(db, _user(db), started_at=T0)
    question, answer, spam, hello = chat(session, 4, start=T0)
    journal = Journal(tmp_path, session.id)
    journal.append(
        [
            MessageRecord(question, notables=(NotableMessage(question, "question", None, "a question"),)),
            MessageRecord(answer),
            MessageRecord(spam, verdict=Verdict(True, "viewer_selling", 0.9, "sells viewers")),
            MessageRecord(hello, reply="Welcome in, viewer!"),
            ClipRecord(ClipCandidate(T0, T0 + timedelta(seconds=25), 3.0, "chat spike", (question,))),
            SeedsRecord((BlogSeed("routes", "chat asked about routes", (question.message_id,)),)),
        ]
    )
    journal.close()
    kept = tmp_path / "copy"
    shutil.copy(journal.path, kept)
    _drain(ChatRecorder(db, session, journal=Journal(tmp_path, session.id)))
    counts = {
        t: db.count(t)
        for t in (
            "chat_messages",
            "flags",
            "notable_messages",
            "chat_outbox",
            "agent_actions",
            "clip_candidates",
        )
    }
    counts["blog_seeds"] = db.count("blog_seeds")
    assert counts == {
        "chat_messages": 4,
        "flags": 1,
        "notable_messages": 1,
        "chat_outbox": 1,
        "agent_actions": 2,
        "clip_candidates": 1,
        "blog_seeds": 1,
    }

    shutil.move(kept, journal.path)  # stored, then the process died before deleting the file
    _drain(ChatRecorder(db, session, journal=Journal(tmp_path, session.id)))
    assert {t: db.count(t) for t in counts} == counts
    assert db.select_one("stream_sessions", {"id": session.id})["message_count"] == 4


def test_the_reader_does_not_wait_on_a_database_known_away_when_a_journal_takes_the_rest(db, tmp_path: Path):
    session = start_session(db, _user(db), channel="pixel_wren", default_channel=None)
    runner = build_pipeline(db, session, bot_login="bot").runner  # the streamer's modes
    ref = SessionRef(session.id, session.user_id, session.channel)
    down = _down()
    try:
        with_journal = ChatPipeline(
            runner, ChatRecorder(down, ref, journal=Journal(tmp_path, ref.id)), high_water=5
        )
        without = ChatPipeline(runner, ChatRecorder(down, ref), high_water=5)
        for pipeline in (with_journal, without):
            for m in chat(ref, 5, start=T0):
                pipeline.process(m)
            assert pipeline.backlogged  # PostgreSQL not known away yet: wait for a flush
            pipeline.flush()
        # Known away: waiting would stall the reader for the whole outage; the journal takes the rest.
        assert not with_journal.backlogged
        assert without.backlogged  # without a journal, waiting is all that saves chat from being dropped
        with_journal.stop()
    finally:
        down.close()
    assert journaled_sessions(tmp_path) == {session.id}
