"""Claiming rows: what one transaction holds, no other gets, and nobody waits for it."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from chronicler.store import Database
from chronicler.store._claim import claim, claim_one, lock_clause
from chronicler.store.outbox import claim_next_message, mark_failed, mark_sent, queue_message

QUEUED = "SELECT id FROM chat_outbox WHERE status = 'queued' ORDER BY id"


@pytest.fixture
def other(database_url: str) -> Iterator[Database]:
    """A second pool: its transactions are other connections than the `db` fixture's."""
    with Database(database_url, min_size=1, max_size=2) as second:
        yield second


def _session(db: Database) -> int:
    user_id = db.insert("users", {"username": "pixel_wren", "password_hash": "x"})["id"]
    return db.insert("stream_sessions", {"user_id": user_id, "channel": "pixel_wren"})["id"]


def _queue(db: Database, count: int) -> list[int]:
    session_id = _session(db)
    for n in range(count):
        queue_message(db, session_id, channel="pixel_wren", mode="steward", text=f"message {n}")
    return [row["id"] for row in db.fetch_all(QUEUED)]


def test_two_claimers_never_get_the_same_row(db, other):
    ids = _queue(db, 3)
    with db.transaction():
        first = claim_one(db, QUEUED + " LIMIT 1")
        with other.transaction():
            second = claim_one(other, QUEUED + " LIMIT 1")
            rest = [row["id"] for row in claim(other, QUEUED)]  # at once: nothing waits for the held row

    assert first is not None and second is not None
    assert first["id"] == ids[0] and second["id"] == ids[1]
    assert rest == ids[1:]


def test_a_claim_ends_with_its_transaction(db, other):
    ids = _queue(db, 2)
    with db.transaction():
        claim_one(db, QUEUED + " LIMIT 1")
    with other.transaction():
        assert [row["id"] for row in claim(other, QUEUED)] == ids


def test_of_claims_one_table_of_a_join_and_only_reads_the_others(db, other):
    session_id = _session(db)
    joined = "SELECT s.id, u.username FROM stream_sessions s JOIN users u ON u.id = s.user_id"
    with db.transaction():
        assert [row["id"] for row in claim(db, joined, of="s")] == [session_id]
        with other.transaction():
            assert claim(other, joined, of="s") == []  # the session is held
            assert len(claim(other, "SELECT id FROM users")) == 1  # its user is not


def test_a_claim_outside_a_transaction_is_refused(db):
    with pytest.raises(RuntimeError, match="inside db.transaction"):
        claim(db, QUEUED)


def test_the_lock_clause_takes_only_plain_names():
    assert lock_clause().as_string(None) == " FOR UPDATE SKIP LOCKED"
    assert lock_clause("d").as_string(None) == ' FOR UPDATE OF "d" SKIP LOCKED'
    with pytest.raises(ValueError):
        lock_clause("d; DROP TABLE users")


def test_workers_claiming_at_once_send_each_message_once(db):
    ids = _queue(db, 40)
    claimed: list[int] = []
    lock = threading.Lock()
    start = threading.Barrier(4)

    def worker() -> None:
        start.wait()
        while (message := claim_next_message(db)) is not None:
            with lock:
                claimed.append(message.id)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(claimed) == ids  # every message, none twice
    rows = db.select("chat_outbox", columns=["status", "attempts"])
    assert {(row["status"], row["attempts"]) for row in rows} == {("sending", 1)}


def test_a_claimed_message_is_settled_sent_or_failed(db):
    first, second = _queue(db, 2)
    sent, failed = claim_next_message(db), claim_next_message(db)
    assert sent is not None and failed is not None
    assert (sent.id, sent.channel, sent.text) == (first, "pixel_wren", "message 0") and failed.id == second
    assert claim_next_message(db) is None

    at = db.fetch_value("SELECT now()")
    mark_sent(db, sent.id, at=at)
    mark_failed(db, failed.id, "dropped by Twitch")

    rows = {row["id"]: row for row in db.select("chat_outbox")}
    assert (rows[first]["status"], rows[first]["sent_at"], rows[first]["error"]) == ("sent", at, None)
    assert (rows[second]["status"], rows[second]["sent_at"]) == ("failed", None)
    assert rows[second]["error"] == "dropped by Twitch"
