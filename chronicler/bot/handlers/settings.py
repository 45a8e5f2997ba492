"""The streamer's own settings: where ledgers go, and which Twitch channel is theirs."""

from __future__ import annotations

from chronicler.bot.context import Context
from chronicler.bot.registry import Registry
from chronicler.bot.replies import Reply
from chronicler.bot.streamer_api import StreamerApi
from chronicler.contract.commands import Command

handlers = Registry()


@handlers.handler(
    "settings", "set_webhook", examples=["set my webhook to https://discord.com/api/webhooks/…"]
)
async def set_webhook(command: Command, ctx: Context, api: StreamerApi) -> Reply:
    """Set the Discord webhook that receives ledgers."""
    profile = await api.update_me(webhook_url=command.url)
    # The API masks the token part of the URL; repeating the full URL would put a credential in chat.
    return Reply.text(f"Ledgers will go to your webhook {profile.webhook_url or '(set)'} from now on.")


@handlers.handler(
    "settings", "set_channel", examples=["set my channel to pixel_wren", "my twitch is twitch.tv/pixel_wren"]
)
async def set_channel(command: Command, ctx: Context, api: StreamerApi) -> Reply:
    """Set the Twitch channel chronicled by default."""
    profile = await api.update_me(twitch_channel=command.channel)
    return Reply.text(
        f"Your Twitch channel is now #{profile.twitch_channel or command.channel}. "
        "“start chronicling” will use it."
    )
