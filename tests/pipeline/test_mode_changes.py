"""Modes turned on or off during a stream reach the running pipeline within seconds (issue 17).

"Turn off the steward for tonight" during an annoying stream must silence it tonight, not from the next
session on; "turn it off" (from now on) does the same and is saved. The pipeline looks every
`modes_every` seconds of its clock, as it looks for new Warden lessons.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from chronicler.domain.chat import ChatMessage
from chronicler.pipeline import Decisions, build_pipeline
from chronicler.store.mode_settings import get_modes, session_modes, set_for_session, update_mode
from chronicler.store.sessions import end_session, start_session
from tests.pipeline.helpers import Clock, chat

T0 = datetime(2026, 12, 6, 20, 0, tzinfo=UTC)
BOT = "chronicler_bot"
SPAM = "cheap viewers and followers at bestviewers.example/promo buy now"


def _message(n: int, login: str, text: str) -> ChatMessage:
    return chat(n, login, text, T0 + timedelta(minutes=n))  # far apart: no cooldown, no busy chat


def _question(n: int) -> ChatMessage:
    return _message(n, f"viewer{n}", f"@{BOT} hi, what game is this?")


def _session(db):
    user_id = db.insert("users", {"username": "pixel_wren", "password_hash": "x"})["id"]
    return user_id, start_session(db, user_id, channel="pixel_wren", default_channel=None)


def test_the_steward_off_for_tonight_goes_quiet_at_the_next_look(db):
    user_id, session = _session(db)
    clock = Clock()
    pipeline = build_pipeline(db, session, bot_login=BOT, modes_every=5, clock=clock)
    first = pipeline.process(_question(1))
    assert first is not None and first.reply  # the Steward answers

    set_for_session(db, user_id, "steward", enabled=False)
    clock.now = 2  # before the next look: it still answers
    pipeline.flush()
    still = pipeline.process(_question(2))
    assert still is not None and still.reply

    clock.now = 6
    pipeline.flush()
    quiet = pipeline.process(_question(3))
    assert quiet is not None and quiet.reply is None
    assert get_modes(db, user_id)["steward"].enabled  # the saved setting stays on

    # The next stream starts from the saved setting again: the Steward is back.
    end_session(db, user_id)
    following = start_session(db, user_id, channel="pixel_wren", default_channel=None)
    assert session_modes(db, user_id, following.id)["steward"].enabled
    again = build_pipeline(db, following, bot_login=BOT, clock=clock).process(_question(4))
    assert again is not None and again.reply


def test_a_change_from_now_on_reaches_the_running_session_and_back(db):
    user_id, session = _session(db)
    clock = Clock()
    pipeline = build_pipeline(db, session, bot_login=BOT, modes_every=5, clock=clock)
    update_mode(db, user_id, "steward", {"enabled": False})
    clock.now = 5
    pipeline.flush()
    assert pipeline.process(_question(1)).reply is None
    update_mode(db, user_id, "steward", {"enabled": True})
    clock.now = 10
    pipeline.flush()
    assert pipeline.process(_question(2)).reply


def test_the_warden_turned_on_mid_stream_flags_from_then_on(db):
    user_id, session = _session(db)
    update_mode(db, user_id, "warden", {"enabled": False})
    clock = Clock()
    pipeline = build_pipeline(db, session, bot_login=BOT, modes_every=5, clock=clock)
    assert pipeline.process(_message(1, "seller", SPAM)).verdict is None
    set_for_session(db, user_id, "warden", enabled=True)
    clock.now = 5
    pipeline.flush()
    flagged = pipeline.process(_message(2, "seller2", SPAM))
    assert flagged is not None and flagged.verdict is not None


def test_the_librarian_turned_off_keeps_what_it_found_and_finds_no_more(db):
    user_id, session = _session(db)
    clock = Clock()
    pipeline = build_pipeline(db, session, bot_login=BOT, modes_every=5, clock=clock)
    set_for_session(db, user_id, "librarian", enabled=False)
    clock.now = 5
    pipeline.flush()
    assert not pipeline.runner.enabled("librarian")
    burst = [
        ChatMessage(f"b{i}", "pixel_wren", f"fan{i}", "CLIP IT POGGERS", T0 + timedelta(seconds=i))
        for i in range(30)
    ]
    assert all(not (pipeline.process(m) or Decisions()).clips for m in burst)
    assert pipeline.runner.finish() == []


def test_a_pipeline_that_does_not_watch_keeps_its_modes(db):
    user_id, session = _session(db)
    clock = Clock()
    pipeline = build_pipeline(db, session, bot_login=BOT, watch_modes=False, clock=clock)
    set_for_session(db, user_id, "steward", enabled=False)
    clock.now = 100
    pipeline.flush()
    assert pipeline.runner.enabled("steward")
