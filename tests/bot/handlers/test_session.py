"""Starting, stopping and checking on a session: confirmations that say what changed."""

from __future__ import annotations

from chronicler.contract.commands import Command

START = Command(interaction_type="session", action="start")
STOP = Command(interaction_type="session", action="stop")
STATUS = Command(interaction_type="session", action="status")


async def test_start_says_what_is_being_chronicled_since_when_and_with_which_modes(run, fake_api):
    reply = await run(START)
    assert reply.chunks == (
        "Chronicling #pixel_wren since 20:03 — Warden, Librarian, Hearthkeeper and Steward on. "
        "The Scribe will write the ledger when you say “stop chronicling”.",
    )
    assert fake_api.calls("POST", "/api/sessions")[0].body == {}


async def test_start_shows_times_in_the_streamers_time_zone(run):
    reply = await run(START, timezone="Europe/Paris")
    assert reply.chunks[0].startswith("Chronicling #pixel_wren since 22:03")


async def test_start_passes_channel_and_theme_and_lists_only_modes_that_are_on(run, fake_api):
    fake_api.modes["pixel_wren"]["steward"]["enabled"] = False
    fake_api.modes["pixel_wren"]["scribe"]["enabled"] = False
    command = Command(
        interaction_type="session", action="start", channel="other_chan", theme="Celeste *any%*"
    )
    reply = await run(command)
    assert fake_api.calls("POST", "/api/sessions")[0].body == {
        "channel": "other_chan",
        "theme": "Celeste *any%*",
    }
    assert reply.chunks == (
        r"Chronicling #other_chan since 20:03 — Warden, Librarian and Hearthkeeper on. "
        r"Theme: Celeste \*any%\*.",
    )


async def test_start_while_a_session_runs_says_which(run, fake_api):
    fake_api.add_session(
        status="active", channel="pixel_wren", started_at="2024-04-30T19:00:00+00:00", ended_at=None
    )
    reply = await run(START)
    assert reply.chunks == (
        "I'm already chronicling #pixel_wren (since 19:00). "
        "Say “stop chronicling” first to start a new session.",
    )


async def test_start_without_any_channel_asks_for_one(run, fake_api):
    fake_api.users["pixel_wren"].twitch_channel = None
    reply = await run(START, channel=None)
    assert "Which channel should I chronicle?" in reply.chunks[0]
    assert "PATCH" not in reply.chunks[0]  # the API's wording is for API users, not for a DM


async def test_stop_says_when_and_how_long(run, fake_api):
    """No message count: the worker's last batch lands after the stop, and the ledger counts it."""
    fake_api.add_session(
        status="active", started_at="2024-04-30T17:00:00+00:00", ended_at=None, message_count=4321
    )
    reply = await run(STOP)
    assert reply.chunks == (
        "Stopped chronicling #pixel_wren: 17:00–20:03 (3 h 03 min). "
        "The Scribe is writing the ledger — ask “show the ledger” in a moment.",
    )


async def test_stop_with_nothing_running_says_so(run):
    reply = await run(STOP)
    assert reply.chunks == ("I'm not chronicling anything right now, so there was nothing to stop.",)


async def test_status_of_a_running_session(run, fake_api):
    fake_api.add_session(
        status="active",
        started_at="2024-04-30T19:58:00+00:00",
        ended_at=None,
        message_count=1,
        last_chat_at="2024-04-30T20:01:00+00:00",
        theme="speedruns",
    )
    reply = await run(STATUS)
    assert reply.chunks == (
        "Chronicling #pixel_wren since 19:58 — live for 5 min, 1 message so far, "
        "last chat at 20:01. Warden, Librarian, Hearthkeeper and Steward on. "
        "Theme: speedruns.",
    )


async def test_stop_says_the_duration_the_ledger_says(run, fake_api):
    # Synthetic chat runs on the stream's own clock, far past the 4 wall-clock minutes between start
    # and stop: the API's duration_seconds is the ledger's figure (to the last chat), and the reply says it.
    fake_api.add_session(
        status="active",
        started_at="2024-04-30T19:59:00+00:00",
        ended_at=None,
        last_chat_at="2024-04-30T21:34:00+00:00",
        duration_seconds=95 * 60,
    )
    reply = await run(STOP)
    assert "(1 h 35 min)" in reply.chunks[0] and "(4 min)" not in reply.chunks[0]


async def test_how_long_have_i_been_live(run, fake_api):
    fake_api.add_session(
        status="active", started_at="2024-04-30T18:28:00+00:00", ended_at=None, duration_seconds=5700
    )
    reply = await run(STATUS)
    assert reply.chunks[0].startswith("Chronicling #pixel_wren since 18:28 — live for 1 h 35 min, ")


async def test_status_in_spanish(run, fake_api):
    fake_api.add_session(
        status="active", started_at="2024-04-30T18:28:00+00:00", ended_at=None, message_count=2
    )
    reply = await run(STATUS, language="es")
    assert reply.chunks[0].startswith(
        "Registrando #pixel_wren desde las 18:28: en directo desde hace 1 h 35 min, 2 mensajes hasta ahora"
    )
    assert "Warden, Librarian, Hearthkeeper y Steward activos." in reply.chunks[0]


async def test_status_without_a_session_tells_about_the_last_one(run, fake_api):
    fake_api.add_session()
    reply = await run(STATUS)
    assert reply.chunks == (
        "I'm not chronicling right now. Last session: #pixel_wren, "
        "29 Apr 20:03–29 Apr 23:10 (3 h 07 min), 12,345 messages.",
    )
    assert fake_api.calls("GET", "/api/sessions")[0].query == {"status": "ended", "limit": "1"}


async def test_status_before_any_session(run):
    reply = await run(STATUS)
    assert reply.chunks[0].startswith("I'm not chronicling right now, and no stream has been chronicled yet.")
