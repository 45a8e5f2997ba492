"""Simulated chat through the pipeline: the Hearthkeeper and Steward speak on the stream's own clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner

from chronicler.cli.context import CliContext
from chronicler.cli.demo import quiet_stretch
from chronicler.cli.twitch import simulate, simulated
from chronicler.domain.chat import ChatMessage
from chronicler.pipeline import build_pipeline
from chronicler.store import Database, sessions

# Far from the wall clock on purpose: nothing here may depend on it.
START = datetime(2024, 3, 9, 20, 0, tzinfo=UTC)


@pytest.fixture
def session(db: Database) -> sessions.StreamSession:
    user_id = db.insert(
        "users", {"username": "streamer", "password_hash": "x", "twitch_channel": "pixel_wren"}
    )["id"]
    row = db.insert("stream_sessions", {"user_id": user_id, "channel": "pixel_wren", "started_at": START})
    return sessions.StreamSession.from_row(row)


async def test_a_flat_out_simulation_with_a_quiet_stretch_gets_a_prompt_and_an_answer(db, settings, session):
    settings = settings.model_copy(update={"twitch_bot_login": "hearth_helper"})
    obj = CliContext(settings, _db=db)
    gap = ((timedelta(minutes=15), timedelta(minutes=16)),)
    source = simulated(obj, speed=0, seed=7, minutes=45, quiet_gaps=gap)(session)
    pipeline = build_pipeline(db, session, bot_login=settings.twitch_bot_login)
    async for event in source.events():
        if isinstance(event, ChatMessage):
            pipeline.process(event)
            pipeline.flush()  # stored as it goes, as the worker's flusher would
    pipeline.finish()
    [prompt] = db.fetch_all("SELECT * FROM agent_actions WHERE mode = 'hearthkeeper'")
    quiet_from = db.fetch_value(
        "SELECT max(sent_at) FROM chat_messages WHERE sent_at < %s AND chatter_login <> 'nightbot'",
        (prompt["created_at"],),
    )
    assert prompt["created_at"] == quiet_from + timedelta(minutes=15)
    assert START + timedelta(minutes=15) < prompt["created_at"] < START + timedelta(minutes=31)
    answered = db.fetch_all(
        "SELECT c.text FROM agent_actions a"
        " JOIN chat_messages c ON c.twitch_message_id = a.trigger_message_id WHERE a.mode = 'steward'"
    )
    assert any("@hearth_helper" in row["text"] for row in answered)
    assert db.count("chat_messages", {"text": "@sanctum_chronicler hi!"}) == 0


def test_the_demo_has_a_quiet_stretch_when_its_stream_has_room():
    assert quiet_stretch(45) == ["--quiet-gap", "15+16"]
    assert quiet_stretch(10) == []


def test_a_quiet_gap_that_is_no_gap_is_refused(settings):
    result = CliRunner().invoke(simulate, ["--quiet-gap", "20-17"], obj=CliContext(settings))
    assert result.exit_code == 2 and "MINUTES_IN+MINUTES_LONG" in result.output
