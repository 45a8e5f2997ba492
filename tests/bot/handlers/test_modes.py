"""Modes: listed, switched on and off, tuned; replies say what changed."""

from __future__ import annotations

from chronicler.contract.commands import Command


async def test_modes_are_listed_in_order_with_what_they_do(run, fake_api):
    fake_api.modes["pixel_wren"]["steward"]["enabled"] = False
    reply = await run(Command(interaction_type="mode", action="list"))
    assert reply.chunks[0].splitlines() == [
        "Your modes (changes apply from the next session):",
        "• **Warden** is on — flags spam and scams for your review.",
        "• **Librarian** is on — finds clip-worthy moments and blog ideas.",
        "• **Hearthkeeper** is on — keeps a quiet chat company after 15 min of quiet.",
        "• **Steward** is off — answers chat's questions and mentions.",
        "• **Scribe** is on — writes the ledger when a session ends.",
    ]


async def test_turning_a_mode_off_and_on(run, fake_api):
    off = await run(Command(interaction_type="mode", action="disable", mode="warden"))
    assert off.chunks == ("The Warden is off. This applies from the next session.",)
    assert fake_api.calls("PATCH", "/api/modes/warden")[0].body == {"enabled": False}
    on = await run(Command(interaction_type="mode", action="enable", mode="warden"))
    assert on.chunks == (
        "The Warden is on: it flags spam and scams for your review. This applies from the next session.",
    )


async def test_changing_the_idle_time(run, fake_api):
    command = Command(interaction_type="mode", action="configure", mode="hearthkeeper", idle_minutes=20)
    reply = await run(command)
    assert reply.chunks == ("The Hearthkeeper now waits 20 minutes of quiet before it speaks.",)
    assert fake_api.calls("PATCH", "/api/modes/hearthkeeper")[0].body == {"idle_minutes": 20}
