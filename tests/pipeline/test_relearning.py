"""What the streamer teaches the Warden by answering flags takes effect during the same stream."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from chronicler.domain.chat import ChatMessage
from chronicler.pipeline import build_pipeline
from chronicler.store.flag_reviews import review_flag
from chronicler.store.mode_settings import update_mode
from chronicler.store.sessions import start_session
from tests.pipeline.helpers import Clock, chat

T0 = datetime(2026, 11, 20, 20, 0, tzinfo=UTC)
SPAM = "cheap viewers and followers at bestviewers.example/promo buy now"


def _message(n: int, login: str, text: str) -> ChatMessage:
    return chat(n, login, text, T0 + timedelta(seconds=n))


def _session(db):
    user_id = db.insert("users", {"username": "pixel_wren", "password_hash": "x"})["id"]
    return user_id, start_session(db, user_id, channel="pixel_wren", default_channel=None)


def test_a_dismissed_flag_trusts_its_chatter_from_the_next_look_on(db):
    user_id, session = _session(db)
    clock = Clock()
    pipeline = build_pipeline(db, session, bot_login="chronicler_bot", relearn_every=30, clock=clock)
    first = pipeline.process(_message(1, "wren_fan", SPAM))
    assert first is not None and first.verdict is not None  # the Warden flags it
    pipeline.flush()
    flag_id = db.fetch_value("SELECT id FROM flags")
    review_flag(db, user_id, flag_id, "dismissed")

    clock.now = 10  # before the next look: the session's Warden is unchanged
    pipeline.flush()
    again = pipeline.process(_message(2, "wren_fan", SPAM + " again"))
    assert again is not None and again.verdict is not None

    clock.now = 31
    pipeline.flush()
    trusted = pipeline.process(_message(3, "wren_fan", SPAM + " once more"))
    assert trusted is not None and trusted.verdict is None
    other = pipeline.process(_message(4, "someone_else", "totally different: " + SPAM))
    assert other is not None and other.verdict is not None  # only that chatter is trusted


def test_a_session_with_the_warden_off_never_looks(db):
    user_id, session = _session(db)
    update_mode(db, user_id, "warden", {"enabled": False})
    clock = Clock()
    pipeline = build_pipeline(db, session, bot_login="chronicler_bot", clock=clock)
    clock.now = 1000
    pipeline.flush()
    decisions = pipeline.process(_message(1, "spammer", SPAM))
    assert decisions is not None and decisions.verdict is None
