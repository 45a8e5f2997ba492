"""The recorder stores whole batches, skips duplicates and keeps aggregates.

It holds chat when the database is away.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import msgspec

from chronicler.domain.librarian import ClipCandidate, NotableMessage
from chronicler.domain.warden import Verdict
from chronicler.pipeline import ChatRecorder, ChatStore, Decisions
from chronicler.pipeline.modes import NOTHING
from chronicler.store import Database
from tests.chronicle_data import chat, make_session, record

T0 = datetime(2026, 11, 20, 20, 0, tzinfo=UTC)


def _user(db):
    return db.insert("users", {"username": "pixel_wren", "password_hash": "x"})["id"]


def test_messages_and_aggregates(db):
    session = make_session(db, _user(db), started_at=T0)
    messages = chat(session, 12, start=T0) + chat(session, 3, start=T0, login="other", prefix="o")
    assert record(db, session, messages, flagged={messages[0].message_id}) == 15
    assert db.count("chat_messages") == 15 and db.count("flags") == 1
    minutes = db.fetch_all("SELECT minute, messages FROM session_minutes ORDER BY minute")
    assert [m["messages"] for m in minutes] == [6 + 3, 6]
    chatters = {r["chatter_login"]: r["messages"] for r in db.select("session_chatters")}
    assert chatters == {"viewer": 12, "other": 3}
    row = db.select_one("stream_sessions", {"id": session.id})
    assert row["message_count"] == 15 and row["last_chat_at"] == messages[11].sent_at
    assert db.count("agent_actions", {"mode": "warden"}) == 1


def test_every_field_is_stored_as_it_came_through_either_copy(db):
    session = make_session(db, _user(db), started_at=T0)
    shapes = [
        dict(badges=frozenset(), chatter_id="4242"),
        dict(badges=frozenset({"vip"}), chatter_id=None),
        dict(badges=frozenset({"subscriber", "moderator"}), first_message=True),
        dict(badges=frozenset({"broadcaster"}), display_name="Ünïcode 名前"),
    ]
    messages = [
        msgspec.structs.replace(m, text=f"tab\there \\ «{i}» 🎉", **shape)
        for i, (m, shape) in enumerate(zip(chat(session, 4, start=T0), shapes, strict=False))
    ]
    record(db, session, messages[:2])
    record(db, session, messages)  # the first two again: this batch goes through staging

    rows = db.fetch_all("SELECT * FROM chat_messages ORDER BY sent_at")
    assert [
        (
            r["twitch_message_id"],
            r["chatter_login"],
            r["chatter_id"],
            r["display_name"],
            r["text"],
            r["sent_at"],
            sorted(r["badges"]),
            r["first_message"],
        )
        for r in rows
    ] == [
        (
            m.message_id,
            m.chatter_login,
            m.chatter_id,
            m.display_name,
            m.text,
            m.sent_at,
            sorted(m.badges),
            m.first_message,
        )
        for m in messages
    ]


def test_duplicates_are_stored_once_and_do_not_count_twice(db):
    session = make_session(db, _user(db), started_at=T0)
    messages = chat(session, 5, start=T0)
    record(db, session, messages, flagged={messages[0].message_id})
    assert record(db, session, messages + messages, flagged={messages[0].message_id}) == 0
    assert db.count("chat_messages") == 5 and db.count("flags") == 1
    assert db.select_one("stream_sessions", {"id": session.id})["message_count"] == 5
    assert sum(r["messages"] for r in db.select("session_minutes")) == 5


def test_a_batch_partly_stored_before_counts_only_its_new_messages(db):
    session = make_session(db, _user(db), started_at=T0)
    old = chat(session, 4, start=T0)
    record(db, session, old[:2], flagged={old[0].message_id})
    newcomer = msgspec.structs.replace(
        chat(session, 1, start=T0, login="newbie", prefix="n")[0], display_name="NewBie", first_message=True
    )
    bot = chat(session, 1, start=T0 + timedelta(minutes=5), login="nightbot", prefix="b")[0]
    recorder = ChatRecorder(db, session, bots=frozenset({"nightbot"}))
    for m in [*old, newcomer, bot]:  # old[0] and old[1] are redeliveries
        recorder.add(
            m,
            Decisions(verdict=Verdict(True, "link_shortener", 0.9, "short link")) if m is old[1] else NOTHING,
        )

    assert recorder.flush() == 4 and recorder.stored == 4
    assert (
        db.count("chat_messages") == 6 and db.count("flags") == 1
    )  # the redelivered old[1] is not flagged anew
    row = db.select_one("stream_sessions", {"id": session.id})
    assert row["message_count"] == 6
    assert row["last_chat_at"] == bot.sent_at and row["last_human_at"] == old[3].sent_at  # a bot is no human
    chatters = {r["chatter_login"]: r for r in db.select("session_chatters")}
    assert chatters["viewer"]["messages"] == 4 and not chatters["viewer"]["first_time"]
    assert chatters["newbie"]["display_name"] == "NewBie" and chatters["newbie"]["first_time"]
    assert sum(r["messages"] for r in db.select("session_minutes")) == 6


def test_a_redelivery_stamped_later_does_not_move_the_last_human_message(db):
    session = make_session(db, _user(db), started_at=T0)
    first = chat(session, 1, start=T0)[0]
    record(db, session, [first])
    again = msgspec.structs.replace(
        first, sent_at=T0 + timedelta(minutes=20)
    )  # the same message, delivered late

    assert record(db, session, [again]) == 0
    assert db.select_one("stream_sessions", {"id": session.id})["last_human_at"] == T0


def test_a_flush_inside_a_callers_transaction_counts_its_messages(db):
    session = make_session(db, _user(db), started_at=T0)
    with db.transaction():
        assert record(db, session, chat(session, 3, start=T0)) == 3

    assert db.select_one("stream_sessions", {"id": session.id})["message_count"] == 3
    assert sum(r["messages"] for r in db.select("session_minutes")) == 3


def test_clips_alone_are_stored(db):
    session = make_session(db, _user(db), started_at=T0)
    recorder = ChatRecorder(db, session)
    sample = chat(session, 1, start=T0)
    recorder.add_clips([ClipCandidate(T0, T0 + timedelta(seconds=25), 3.0, "chat spike", tuple(sample))])

    assert recorder.flush() == 0 and db.count("clip_candidates") == 1


def test_nothing_is_lost_while_the_database_is_away(db, database_url):
    session = make_session(db, _user(db), started_at=T0)
    down = Database("postgresql://nobody@127.0.0.1:1/none", min_size=1, max_size=1, timeout=0.5).open(
        wait=False
    )
    recorder = ChatRecorder(down, session)
    for m in chat(session, 10, start=T0):
        recorder.add(m, Decisions())
    assert recorder.flush() == 0 and recorder.pending == 10  # held, not dropped
    recorder._store = ChatStore(db)  # the database is back (same recorder, same held batch)
    assert recorder.flush() == 10 and recorder.pending == 0
    assert db.count("chat_messages") == 10


def test_a_full_buffer_drops_the_oldest_and_says_so(db, caplog):
    session = make_session(db, _user(db), started_at=T0)
    recorder = ChatRecorder(db, session, max_pending=5)
    flag = Decisions(verdict=Verdict(True, "viewer_selling", 0.9, "sells viewers"))
    for i, m in enumerate(chat(session, 8, start=T0)):
        recorder.add(m, flag if i % 2 == 0 else NOTHING)  # messages 0, 2, 4 and 6 flagged
    assert recorder.dropped == 3 and recorder.pending == 5
    assert "dropped" in caplog.text
    recorder.flush()
    assert [
        r["twitch_message_id"]
        for r in db.fetch_all("SELECT twitch_message_id FROM chat_messages ORDER BY sent_at")
    ] == [f"m{session.id}-{i}" for i in range(3, 8)]
    # A dropped message's decisions go with it.
    assert sorted(r["twitch_message_id"] for r in db.select("flags")) == [
        f"m{session.id}-4",
        f"m{session.id}-6",
    ]


def test_messages_added_while_a_full_buffer_is_flushed_are_kept(db):
    session = make_session(db, _user(db), started_at=T0)
    recorder = ChatRecorder(db, session, max_pending=4)
    messages = chat(session, 7, start=T0)
    flag = Decisions(verdict=Verdict(True, "viewer_selling", 0.9, "sells viewers"))
    for m in messages[:4]:
        recorder.add(m, flag)
    real = recorder._store

    class ChatArrivesDuringTheStore:
        """The reader adds three more while the first four are stored.

        The full buffer lets go of three of those four.
        """

        def store(self, *args):
            for m in messages[4:]:
                recorder.add(m, flag if m is messages[6] else NOTHING)
            return real.store(*args)

    recorder._store = ChatArrivesDuringTheStore()
    assert recorder.flush() == 4 and recorder.dropped == 3
    recorder._store = real
    # Held after the flush: the three that came during it, none of them lost, none stored twice.
    assert recorder.pending == 3 and recorder.flush() == 3
    assert db.count("chat_messages") == 7 and db.count("flags") == 5


def test_flushes_from_two_threads_store_each_message_once(db):
    import threading

    session = make_session(db, _user(db), started_at=T0)
    recorder = ChatRecorder(db, session)
    for m in chat(session, 2000, start=T0):
        recorder.add(m, Decisions())
    threads = [threading.Thread(target=recorder.flush) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert recorder.pending == 0 and recorder.stored == 2000 and db.count("chat_messages") == 2000


def test_every_decision_is_stored_with_its_agent_action(db):
    session = make_session(db, _user(db), started_at=T0)
    question, answer, spam, hello = chat(session, 4, start=T0)
    recorder = ChatRecorder(db, session)
    recorder.add(
        question, Decisions(notables=(NotableMessage(question, "question", None, "a question to chat"),))
    )
    recorder.add(
        answer, Decisions(notables=(NotableMessage(answer, "answer", question.message_id, "answers"),))
    )
    recorder.add(spam, Decisions(verdict=Verdict(True, "viewer_selling", 0.9, "sells viewers")))
    recorder.add(hello, Decisions(reply="Welcome in, viewer!"))

    assert recorder.flush() == 4
    assert [
        (r["twitch_message_id"], r["kind"], r["reply_to"], r["sent_at"])
        for r in db.fetch_all("SELECT * FROM notable_messages ORDER BY sent_at")
    ] == [
        (question.message_id, "question", None, question.sent_at),
        (answer.message_id, "answer", question.message_id, answer.sent_at),
    ]
    flag = db.select_one("flags", {"twitch_message_id": spam.message_id})
    assert (flag["rule"], flag["score"], flag["reason"], flag["text"], flag["user_id"]) == (
        "viewer_selling",
        0.9,
        "sells viewers",
        spam.text,
        session.user_id,
    )
    assert [(r["channel"], r["mode"], r["text"]) for r in db.select("chat_outbox")] == [
        (session.channel, "steward", "Welcome in, viewer!")
    ]
    assert [
        (r["mode"], r["action_type"], r["trigger_message_id"], r["created_at"])
        for r in db.fetch_all("SELECT * FROM agent_actions ORDER BY created_at")
    ] == [
        ("warden", "flag", spam.message_id, spam.sent_at),
        ("steward", "reply", hello.message_id, hello.sent_at),
    ]
