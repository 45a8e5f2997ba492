"""A scheduler killed in the middle of a delivery: the next one posts it, exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from chronicler.store.ledgers import make_ledger, queue_delivery
from tests.chronicle_data import chat, make_session, record
from tests.fakes.discord_webhook import FakeDiscordWebhook, Reply
from tests.waiting import wait_for

ROOT = Path(__file__).resolve().parents[2]


def _scheduler(database_url: str, tmp_path: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "EXPORT_PATH": str(tmp_path / "exports"),
        "DATA_DIR": str(tmp_path / "data"),
        "ALLOW_LOCAL_WEBHOOKS": "true",
        "LOG_LEVEL": "WARNING",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "chronicler.cli.main", "--env-file", str(tmp_path / "none.env"), "scheduler"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def test_killed_mid_delivery_then_restarted_posts_exactly_once(db, database_url, tmp_path):
    user_id = db.insert("users", {"username": "pixel_wren", "password_hash": "x"})["id"]
    start = datetime.now(UTC) - timedelta(hours=1)
    session = make_session(db, user_id, started_at=start, ended_at=datetime.now(UTC))
    record(db, session, chat(session, 30, start=start, every=timedelta(minutes=1)))
    db.execute(
        "UPDATE stream_sessions SET finalized_at = now(), ledger_queued = true WHERE id = %s", (session.id,)
    )
    with FakeDiscordWebhook() as discord:
        db.execute("UPDATE users SET webhook_url = %s", (discord.url,))
        queue_delivery(db, make_ledger(db, session.id, tmp_path).id, user_id)
        discord.script(Reply.slow_to_receive(60))  # the first try hangs on its way to Discord...
        first = _scheduler(database_url, tmp_path)
        try:
            wait_for(lambda: discord.requests_started == 1)
            first.send_signal(signal.SIGKILL)  # ...and its scheduler is killed there
            first.wait(timeout=10)
        finally:
            first.kill()
        assert discord.messages == []
        assert db.select_one("ledger_deliveries", {})["status"] == "pending"  # claimed, not lost
        second = _scheduler(database_url, tmp_path)
        try:
            wait_for(lambda: len(discord.messages) == 1)
            wait_for(lambda: db.select_one("ledger_deliveries", {})["status"] == "delivered")
            time.sleep(1.0)  # long enough for a duplicate to show up, were there one
        finally:
            second.terminate()
            second.wait(timeout=10)
        assert len(discord.messages) == 1
        assert discord.messages[0].file("chart.png").data.startswith(b"\x89PNG")
