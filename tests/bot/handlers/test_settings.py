"""Settings: the webhook (never echoed in full) and the Twitch channel."""

from __future__ import annotations

from chronicler.contract.commands import Command

WEBHOOK = "https://discord.com/api/webhooks/123456/very-secret-token"


async def test_setting_the_webhook_shows_it_masked(run, fake_api):
    reply = await run(Command(interaction_type="settings", action="set_webhook", url=WEBHOOK))
    assert reply.chunks == (
        "Ledgers will go to your webhook https://discord.com/api/webhooks/123456/*** from now on.",
    )
    assert "very-secret-token" not in reply.plain_text()
    assert fake_api.calls("PATCH", "/api/me")[0].body == {"webhook_url": WEBHOOK}


async def test_setting_the_channel(run, fake_api):
    command = Command(interaction_type="settings", action="set_channel", channel="twitch.tv/New_Chan")
    reply = await run(command)
    assert reply.chunks == ("Your Twitch channel is now #new_chan. “start chronicling” will use it.",)
    assert fake_api.users["pixel_wren"].twitch_channel == "new_chan"
