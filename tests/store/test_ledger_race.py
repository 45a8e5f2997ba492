"""The API asking for a ledger while the scheduler makes it: one waits for the other, neither fails."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from chronicler.contract.errors import ServiceUnavailable
from chronicler.store import Database, sessions
from chronicler.store.ledgers import Ledger, get_ledger, make_ledger


def test_a_ledger_asked_for_while_the_scheduler_makes_it_is_the_scheduler_s(db: Database, tmp_path: Path):
    user_id = db.insert("users", {"username": "pixel_wren", "password_hash": "x"})["id"]
    session = sessions.start_session(db, user_id, channel="pixel_wren", default_channel=None)
    sessions.end_session(db, user_id)
    sessions.mark_finalized(db, session.id)
    asked: list[Ledger | BaseException] = []

    def ask() -> None:
        """The API's GET .../ledger, from another connection of the pool."""
        try:
            asked.append(get_ledger(db, user_id, "last", tmp_path))
        except BaseException as exc:  # reported by the assertion below
            asked.append(exc)

    # The scheduler's make-ledgers job: the session claimed, then its ledger made, in one transaction.
    with db.transaction():
        awaiting = sessions.claim_awaiting_ledger(db, ended_before=datetime.now(UTC) + timedelta(hours=1))
        assert awaiting is not None and awaiting.id == session.id
        api = threading.Thread(target=ask)
        api.start()
        time.sleep(0.5)  # the API's request is under way, waiting on the session the job holds
        made = make_ledger(db, session.id, tmp_path)
    api.join(timeout=30)
    assert len(asked) == 1 and isinstance(asked[0], Ledger), asked
    assert asked[0].id == made.id


def test_a_deadlock_is_reported_as_a_transient_conflict_not_an_unreachable_database(db: Database):
    # Forced in one statement: PostgreSQL reports it as if it were detected.
    with pytest.raises(ServiceUnavailable, match="rolled back a conflicting request"):
        db.execute("DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = 'deadlock_detected'; END $$")
