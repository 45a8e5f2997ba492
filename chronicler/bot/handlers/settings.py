"""The streamer's own settings: where ledgers go, which Twitch channel is theirs, their time zone."""

from __future__ import annotations

from datetime import datetime

from chronicler.bot import times
from chronicler.bot.api_client import ApiUserError
from chronicler.bot.context import Context
from chronicler.bot.registry import Registry
from chronicler.bot.replies import Reply, escape_chat
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


@handlers.handler(
    "settings", "remove_webhook", examples=["remove my webhook", "stop posting ledgers to discord"]
)
async def remove_webhook(command: Command, ctx: Context, api: StreamerApi) -> Reply:
    """Remove the ledger webhook (ledgers then go to the exports folder)."""
    before = await api.me()
    if before.webhook_url is None:
        return Reply.text(ctx.say("no_webhook"))
    await api.remove_webhook()
    return Reply.text(ctx.say("webhook_removed"))


@handlers.handler(
    "settings",
    "set_timezone",
    examples=["my time zone is Europe/Berlin", "set my timezone to America/Toronto"],
)
async def set_timezone(command: Command, ctx: Context, api: StreamerApi) -> Reply:
    """Set your time zone: the times in my replies, and what “today” means."""
    assert command.timezone is not None  # the contract requires it
    try:
        profile = await api.set_timezone(command.timezone)
    except ApiUserError as exc:
        if exc.status == 400:
            return Reply.text(ctx.say("timezone_unknown", timezone=escape_chat(command.timezone)))
        raise
    local = ctx.now.astimezone(times.zone(profile.timezone))
    return Reply.text(ctx.say("timezone_set", timezone=profile.timezone, time=_hhmm(local)))


def _hhmm(moment: datetime) -> str:
    """'21:03'."""
    return f"{moment:%H:%M}"
