"""The Hearthkeeper on the stream's own clock: asked by the chat source, not by the wall clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chronicler.scheduler.jobs import IdleCheck
from chronicler.store import Database, sessions
from chronicler.store.mode_settings import update_mode

# Years away from the wall clock either way would do: only the stream's times count.
START = datetime(2019, 4, 30, 9, 0, tzinfo=UTC)


class FrozenWall:
    """A wall clock that must not matter: it says the same instant, far from the stream's."""

    def __call__(self) -> datetime:
        return datetime(2031, 1, 1, tzinfo=UTC)


@pytest.fixture
def session_id(db: Database) -> int:
    user_id = db.insert(
        "users", {"username": "streamer", "password_hash": "x", "twitch_channel": "pixel_wren"}
    )["id"]
    return db.insert("stream_sessions", {"user_id": user_id, "channel": "pixel_wren", "started_at": START})[
        "id"
    ]


def prompts(db: Database) -> list[dict]:
    return db.fetch_all("SELECT * FROM agent_actions WHERE mode = 'hearthkeeper' ORDER BY id")


def test_a_quiet_stretch_on_the_streams_clock_gets_one_prompt_dated_when_it_was_due(db, session_id):
    check = IdleCheck(db, clock=FrozenWall())
    last_human = START + timedelta(minutes=10)
    # Not yet: 14 minutes of quiet. The caller asks again later in the same stretch.
    assert (
        check.prompt_if_quiet(session_id, last_human_at=last_human, until=last_human + timedelta(minutes=14))
        is False
    )
    assert prompts(db) == []
    assert (
        check.prompt_if_quiet(session_id, last_human_at=last_human, until=last_human + timedelta(minutes=40))
        is True
    )
    [prompt] = prompts(db)
    assert prompt["created_at"] == last_human + timedelta(minutes=15)
    assert db.count("chat_outbox", {"mode": "hearthkeeper", "status": "queued"}) == 1
    # The same stretch asked about again: settled, no second prompt.
    assert (
        check.prompt_if_quiet(session_id, last_human_at=last_human, until=last_human + timedelta(hours=2))
        is True
    )
    assert len(prompts(db)) == 1
    # Someone spoke after the prompt; the next quiet stretch gets its own.
    later = last_human + timedelta(minutes=50)
    assert check.prompt_if_quiet(session_id, last_human_at=later, until=later + timedelta(minutes=16)) is True
    assert [p["created_at"] for p in prompts(db)] == [
        last_human + timedelta(minutes=15),
        later + timedelta(minutes=15),
    ]


def test_the_streamers_idle_minutes_and_switch_are_honoured(db, session_id):
    user_id = db.fetch_value("SELECT user_id FROM stream_sessions")
    update_mode(db, user_id, "hearthkeeper", {"idle_minutes": 20})
    check = IdleCheck(db, clock=FrozenWall())
    assert (
        check.prompt_if_quiet(session_id, last_human_at=START, until=START + timedelta(minutes=19)) is False
    )
    assert check.prompt_if_quiet(session_id, last_human_at=START, until=START + timedelta(minutes=21)) is True
    assert prompts(db)[0]["created_at"] == START + timedelta(minutes=20)
    update_mode(db, user_id, "hearthkeeper", {"enabled": False})
    late = START + timedelta(hours=1)
    assert (
        check.prompt_if_quiet(session_id, last_human_at=late, until=late + timedelta(hours=1)) is True
    )  # off: settled
    assert len(prompts(db)) == 1


def test_an_ended_session_is_settled_without_a_prompt(db, session_id):
    db.execute("UPDATE stream_sessions SET status = 'ended', ended_at = %s", (START + timedelta(hours=1),))
    check = IdleCheck(db, clock=FrozenWall())
    assert check.prompt_if_quiet(session_id, last_human_at=START, until=START + timedelta(hours=1)) is True
    assert prompts(db) == []


def test_the_wall_clock_job_leaves_a_replays_session_alone(db):
    user_id = db.insert("users", {"username": "streamer", "password_hash": "x"})["id"]
    sessions.start_session(db, user_id, channel="pixel_wren", default_channel=None, replay_from=START)
    # On the wall clock its 2019 chat has been quiet for years: the job must not prompt it.
    assert IdleCheck(db, clock=FrozenWall())() == 0
    assert prompts(db) == []
