"""The scheduler's jobs against a real PostgreSQL and a fake Discord webhook."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from chronicler.pipeline import SessionRef
from chronicler.scheduler.jobs import AutoClose, DeliverLedgers, IdleCheck, MakeLedgers
from chronicler.scheduler.webhook import WebhookClient
from chronicler.store import Database
from chronicler.store.ledgers import make_ledger, queue_delivery
from chronicler.store.mode_settings import update_mode
from chronicler.store.sessions import mark_heard
from tests.chronicle_data import chat, record
from tests.fakes.discord_webhook import FakeDiscordWebhook, Reply

NOW = datetime(2026, 11, 21, 21, 0, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def user_id(db: Database) -> int:
    return db.insert(
        "users", {"username": "pixel_wren", "password_hash": "x", "twitch_channel": "pixel_wren"}
    )["id"]


def _session(db, user_id, *, started=NOW - timedelta(hours=1), **columns) -> int:
    session_id = db.insert(
        "stream_sessions",
        {
            "user_id": user_id,
            "channel": "pixel_wren",
            "theme": "cozy horror",
            "started_at": started,
            "heard_since": started,  # the worker has heard its chat from the start
            **columns,
        },
    )["id"]
    return session_id


# -- the Hearthkeeper's idle check ---------------------------------------------------------------------


def test_one_prompt_per_quiet_stretch(db, user_id):
    session_id = _session(db, user_id, last_human_at=NOW - timedelta(minutes=16))
    clock = Clock()
    check = IdleCheck(db, clock=clock)
    assert check() == 1
    assert check() == 0  # still the same quiet stretch
    clock.now += timedelta(minutes=30)
    assert check() == 0  # however long it lasts
    [queued] = db.select("chat_outbox", {"session_id": session_id})
    assert (
        queued["mode"] == "hearthkeeper" and queued["status"] == "queued" and 0 < len(queued["text"]) <= 500
    )
    assert db.count("agent_actions", {"session_id": session_id, "mode": "hearthkeeper"}) == 1
    # Someone speaks, then chat goes quiet again: a new stretch, a new prompt.
    db.execute("UPDATE stream_sessions SET last_human_at = %s", (clock.now,))
    clock.now += timedelta(minutes=15)
    assert check() == 1


def test_no_prompt_while_chat_is_active_or_the_hearthkeeper_is_off(db, user_id):
    _session(db, user_id, last_human_at=NOW - timedelta(minutes=14, seconds=59))
    check = IdleCheck(db, clock=Clock())
    assert check() == 0
    update_mode(db, user_id, "hearthkeeper", {"enabled": False})
    db.execute("UPDATE stream_sessions SET last_human_at = %s", (NOW - timedelta(hours=1),))
    assert check() == 0


def test_the_idle_threshold_is_the_streamers(db, user_id):
    update_mode(db, user_id, "hearthkeeper", {"idle_minutes": 5})
    _session(db, user_id, last_human_at=NOW - timedelta(minutes=5))
    assert IdleCheck(db, clock=Clock())() == 1


def test_a_silent_start_counts_from_the_start(db, user_id):
    _session(db, user_id, started=NOW - timedelta(minutes=20))
    assert IdleCheck(db, clock=Clock())() == 1


def test_chat_nobody_heard_is_not_quiet(db, user_id):
    # The program was stopped last night with the session open and started again just now: the hours
    # between were not heard, so the quiet is counted from when the worker listened again.
    session_id = _session(
        db, user_id, started=NOW - timedelta(hours=10), last_human_at=NOW - timedelta(hours=9)
    )
    clock = Clock()
    check = IdleCheck(db, clock=clock)
    mark_heard(db, session_id, since=NOW - timedelta(minutes=1))
    assert check() == 0
    clock.now += timedelta(minutes=14)
    assert check() == 1  # fifteen quiet minutes heard


def test_chat_no_worker_hears_is_never_quiet(db, user_id):
    # The worker stopped (it cleared heard_since) and the scheduler runs on: no prompt, however long.
    _session(db, user_id, last_human_at=NOW - timedelta(hours=9), heard_since=None)
    assert IdleCheck(db, clock=Clock())() == 0


def test_a_stretch_prompted_before_a_restart_is_not_prompted_again(db, user_id):
    session_id = _session(db, user_id, last_human_at=NOW - timedelta(minutes=20))
    clock = Clock()
    check = IdleCheck(db, clock=clock)
    assert check() == 1
    mark_heard(db, session_id, since=NOW + timedelta(minutes=1))  # the program restarted
    clock.now += timedelta(minutes=30)
    assert check() == 0  # nobody has spoken since that prompt


def test_two_schedulers_prompt_once(db, user_id):
    _session(db, user_id, last_human_at=NOW - timedelta(minutes=30))
    checks = [IdleCheck(db, clock=Clock()) for _ in range(2)]
    threads = [threading.Thread(target=c) for c in checks for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert db.count("chat_outbox") == 1


# -- closing stale sessions ------------------------------------------------------------------------------


def test_offline_and_silent_sessions_are_ended(db, user_id):
    offline = _session(
        db, user_id, went_offline_at=NOW - timedelta(minutes=3), last_chat_at=NOW - timedelta(minutes=4)
    )
    other = db.insert("users", {"username": "other", "password_hash": "x"})["id"]
    silent = _session(db, other, started=NOW - timedelta(hours=5), last_chat_at=NOW - timedelta(hours=3))
    third = db.insert("users", {"username": "third", "password_hash": "x"})["id"]
    recent = _session(db, third, went_offline_at=NOW - timedelta(minutes=1))  # may come back online
    assert AutoClose(db, clock=Clock())() == 2
    rows = {r["id"]: r for r in db.select("stream_sessions")}
    assert rows[offline]["status"] == "ended" and rows[offline]["end_reason"] == "stream went offline"
    assert rows[offline]["ended_at"] == NOW - timedelta(minutes=3)
    assert rows[silent]["status"] == "ended" and "silent" in rows[silent]["end_reason"]
    assert rows[recent]["status"] == "active"


# -- ledgers --------------------------------------------------------------------------------------------


def _ended_with_chat(db, user_id, *, finalized=True) -> int:
    start = NOW - timedelta(hours=2)
    session_id = _session(db, user_id, started=start)
    ref = SessionRef(session_id, user_id, "pixel_wren")
    messages = chat(ref, 50, start=start, every=timedelta(minutes=2))
    record(db, ref, messages, flagged={messages[3].message_id})
    db.execute(
        "UPDATE stream_sessions SET status = 'ended', ended_at = %s, finalized_at = %s WHERE id = %s",
        (NOW - timedelta(minutes=5), NOW - timedelta(minutes=5) if finalized else None, session_id),
    )
    return session_id


def test_ended_sessions_get_a_ledger_and_one_delivery(db, user_id, tmp_path):
    session_id = _ended_with_chat(db, user_id)
    make = MakeLedgers(db, tmp_path, clock=Clock())
    assert make() == 1
    assert make() == 0
    ledger = db.select_one("ledgers", {"session_id": session_id})
    assert "pixel\\_wren" in ledger["markdown"] or "pixel_wren" in ledger["markdown"]
    for path in ("markdown_path", "json_path", "chart_path"):
        assert Path(ledger[path]).is_file()
    assert Path(ledger["chart_path"]).read_bytes().startswith(b"\x89PNG")
    [delivery] = db.select("ledger_deliveries")
    assert (
        delivery["next_attempt_at"] == NOW
    )  # due by the scheduler's clock, which is what posting compares with


def test_a_session_still_being_finished_waits(db, user_id, tmp_path):
    _ended_with_chat(db, user_id, finalized=False)
    assert MakeLedgers(db, tmp_path, worker_grace=timedelta(minutes=10), clock=Clock())() == 0
    assert MakeLedgers(db, tmp_path, worker_grace=timedelta(minutes=1), clock=Clock())() == 1


def test_with_the_scribe_off_no_ledger_is_posted(db, user_id, tmp_path):
    update_mode(db, user_id, "scribe", {"enabled": False})
    _ended_with_chat(db, user_id)
    assert MakeLedgers(db, tmp_path, clock=Clock())() == 1
    assert db.count("ledger_deliveries") == 0


# -- delivery -------------------------------------------------------------------------------------------


def _queued(db, user_id, tmp_path, webhook_url: str | None) -> int:
    db.execute("UPDATE users SET webhook_url = %s WHERE id = %s", (webhook_url, user_id))
    session_id = _ended_with_chat(db, user_id)
    ledger = make_ledger(db, session_id, tmp_path)
    queue_delivery(db, ledger.id, user_id, due=NOW)
    return ledger.id


def _deliver(db, clock=None, **client_options) -> DeliverLedgers:
    client = WebhookClient(
        max_attempts=1, max_rate_limit_waits=0, allow_insecure_local=True, timeout_s=5, **client_options
    )
    return DeliverLedgers(db, client, clock=clock or Clock())


def test_posted_once_with_the_chart_attached(db, user_id, tmp_path):
    with FakeDiscordWebhook() as discord:
        _queued(db, user_id, tmp_path, discord.url)
        deliver = _deliver(db)
        assert deliver() == 1
        assert deliver() == 0
        [message] = discord.messages
        assert message.file("chart.png").data.startswith(b"\x89PNG")
        assert message.file("ledger.md").data.startswith(b"#")
        assert message.payload["embeds"][0]["footer"]["text"].startswith("ledger #ledger-")
    [row] = db.select("ledger_deliveries")
    assert row["status"] == "delivered" and row["destination"] == "webhook" and row["message_id"]


def test_rate_limited_waits_its_retry_after(db, user_id, tmp_path):
    clock = Clock()
    with FakeDiscordWebhook() as discord:
        discord.script(Reply.rate_limited(42.0))
        _queued(db, user_id, tmp_path, discord.url)
        deliver = _deliver(db, clock)
        assert deliver() == 0  # put off, not done: the job does not count it
        [row] = db.select("ledger_deliveries")
        assert row["status"] == "pending" and row["next_attempt_at"] >= NOW + timedelta(seconds=42)
        assert deliver() == 0  # not due yet
        clock.now += timedelta(seconds=43)
        assert deliver() == 1
        assert len(discord.messages) == 1


def test_server_errors_back_off_exponentially_then_give_up(db, user_id, tmp_path):
    clock = Clock()
    with FakeDiscordWebhook() as discord:
        discord.script(*[Reply.error(500)] * 10)
        _queued(db, user_id, tmp_path, discord.url)
        deliver = DeliverLedgers(
            db,
            WebhookClient(max_attempts=1, allow_insecure_local=True, timeout_s=5),
            max_attempts=3,
            base_delay=timedelta(seconds=5),
            clock=clock,
        )
        delays = []
        for _ in range(3):
            deliver()
            row = db.select_one("ledger_deliveries", {})
            if row["status"] != "pending":
                break
            delays.append((row["next_attempt_at"] - clock.now).total_seconds())
            clock.now = row["next_attempt_at"]
        assert delays == [5.0, 10.0]
        assert row["status"] == "failed"
        assert discord.messages == []
    # Told at the first failure (not only ten minutes later, at the last), and when it gave up.
    first, last = [n["text"] for n in db.select("notices", {"user_id": user_id}, order_by="id")]
    assert "just now (HTTP 500). I'll keep trying for about a minute" in first
    assert "after 3 tries (HTTP 500)" in last


def test_a_404_marks_the_webhook_broken_and_tells_the_streamer(db, user_id, tmp_path):
    with FakeDiscordWebhook() as discord:
        discord.delete()
        _queued(db, user_id, tmp_path, discord.url)
        _deliver(db)()
    assert db.select_one("ledger_deliveries", {})["status"] == "gone"
    assert db.select_one("users", {"id": user_id})["webhook_broken_at"] is not None
    [notice] = db.select("notices", {"user_id": user_id})
    assert "404" in notice["text"]


def test_without_a_webhook_the_ledger_goes_to_exports(db, user_id, tmp_path):
    _queued(db, user_id, tmp_path, None)
    assert _deliver(db)() == 1
    row = db.select_one("ledger_deliveries", {})
    assert row["status"] == "delivered" and row["destination"] == "exports"
    [notice] = db.select("notices", {"user_id": user_id})
    assert str(tmp_path) in notice["text"] and "chart.png" in notice["text"]


def test_two_schedulers_post_once(db, user_id, tmp_path):
    with FakeDiscordWebhook() as discord:
        discord.script(Reply.slow(0.5))
        _queued(db, user_id, tmp_path, discord.url)
        workers = [_deliver(db) for _ in range(2)]
        threads = [threading.Thread(target=w) for w in workers]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(discord.messages) == 1
        assert len(discord.received) == 1


def test_the_ledger_counts_every_stored_message(db, user_id, tmp_path):
    """Minutes count from the start's clock minute, so the last minute's messages are not cut off."""
    from chronicler.store.ledgers import gather

    start = NOW - timedelta(minutes=44, seconds=25)
    session_id = _session(db, user_id, started=start)
    ref = SessionRef(session_id, user_id, "pixel_wren")
    record(db, ref, chat(ref, 90, start=start + timedelta(seconds=5), every=timedelta(seconds=30)))
    db.execute(
        "UPDATE stream_sessions SET status = 'ended', ended_at = %s WHERE id = %s",
        (start + timedelta(minutes=30), session_id),
    )
    data = gather(db, session_id)
    assert sum(data.per_minute) == data.numbers.messages == 90
