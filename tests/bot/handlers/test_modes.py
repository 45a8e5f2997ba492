"""Modes: listed, switched on and off, tuned; replies say what changed."""

from __future__ import annotations

from chronicler.contract.commands import Command


async def test_modes_are_listed_in_order_with_what_they_do(run, fake_api):
    fake_api.modes["pixel_wren"]["steward"]["enabled"] = False
    reply = await run(Command(interaction_type="mode", action="list"))
    assert reply.chunks[0].splitlines() == [
        "Your modes (a change applies at once, to the stream being chronicled too):",
        "• **Warden** is on — flags spam and scams for your review.",
        "• **Librarian** is on — finds clip-worthy moments and blog ideas.",
        "• **Hearthkeeper** is on — keeps a quiet chat company after 15 min of quiet.",
        "• **Steward** is off — answers chat's questions and mentions.",
        "• **Scribe** is on — writes the ledger when a session ends.",
    ]


async def test_turning_a_mode_off_and_on(run, fake_api):
    off = await run(Command(interaction_type="mode", action="disable", mode="warden"))
    assert off.chunks == ("The Warden is off from now on.",)
    assert fake_api.calls("PATCH", "/api/modes/warden")[0].body == {"enabled": False}
    on = await run(Command(interaction_type="mode", action="enable", mode="warden"))
    assert on.chunks == ("The Warden is on from now on: it flags spam and scams for your review.",)


async def test_a_change_from_now_on_during_a_stream_says_it_applies_tonight_too(run, fake_api):
    fake_api.add_session(status="active", ended_at=None)
    off = await run(Command(interaction_type="mode", action="disable", mode="steward"))
    assert off.chunks == ("The Steward is off from now on (tonight's stream included).",)
    assert fake_api.modes["pixel_wren"]["steward"]["enabled"] is False


async def test_a_mode_off_for_tonight_only(run, fake_api):
    fake_api.add_session(status="active", ended_at=None)
    command = Command(interaction_type="mode", action="disable", mode="steward", scope="tonight")
    off = await run(command)
    assert off.chunks == ("The Steward is off for tonight; it'll be back next stream.",)
    assert fake_api.calls("PATCH", "/api/modes/steward")[0].body == {"enabled": False, "scope": "tonight"}
    assert fake_api.modes["pixel_wren"]["steward"]["enabled"] is True  # the saved setting stays
    listed = await run(Command(interaction_type="mode", action="list"))
    assert "• **Steward** is on — answers chat's questions and mentions (but off for tonight)." in (
        listed.chunks[0].splitlines()
    )


async def test_tonight_without_a_stream_says_so(run, fake_api):
    command = Command(interaction_type="mode", action="disable", mode="hearthkeeper", scope="tonight")
    reply = await run(command)
    assert reply.chunks[0].startswith("I'm not chronicling right now, so there's no tonight to change.")
    assert "turn off the hearthkeeper" in reply.chunks[0]


async def test_changing_the_idle_time(run, fake_api):
    command = Command(interaction_type="mode", action="configure", mode="hearthkeeper", idle_minutes=20)
    reply = await run(command)
    assert reply.chunks == ("The Hearthkeeper now waits 20 minutes of quiet before it speaks.",)
    assert fake_api.calls("PATCH", "/api/modes/hearthkeeper")[0].body == {"idle_minutes": 20}


async def test_the_idle_time_is_confirmed_in_the_streamers_language(run, fake_api):
    command = Command(interaction_type="mode", action="configure", mode="hearthkeeper", idle_minutes=25)
    spanish = await run(command, language="es")
    assert spanish.chunks == ("El Hearthkeeper ahora espera 25 minutos de silencio antes de hablar.",)
    german = await run(command.model_copy(update={"idle_minutes": 1}), language="de")
    assert german.chunks == ("Der Hearthkeeper wartet jetzt 1 Minute Stille, bevor er etwas sagt.",)
