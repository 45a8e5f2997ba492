"""Connecting Twitch from a DM: "connect twitch" (the OAuth device flow) and "disconnect twitch".

The reply carries Twitch's link and code, never a token. The API's worker polls Twitch while the
streamer is on its page; when it is done (or expired, or declined) the streamer gets a notice, which
the bot DMs at once.
"""

from __future__ import annotations

from chronicler.bot.api_client import ApiUserError
from chronicler.bot.context import Context
from chronicler.bot.registry import Registry
from chronicler.bot.replies import Reply, escape_chat
from chronicler.bot.streamer_api import StreamerApi
from chronicler.bot.wording import sentence
from chronicler.contract.commands import Command
from chronicler.contract.errors import ErrorCode

handlers = Registry()

WHY = {
    "bot": (
        "This connects the **bot account** the Chronicler reads and writes chat as, once for this"
        " installation: sign in to Twitch *as the bot account* (not as yourself). It asks to read and"
        " send chat as a bot (user:read:chat, user:write:chat, user:bot) and to see where it moderates,"
        " which lets it send 100 messages per 30 s there instead of 20."
    ),
    "broadcaster": (
        "This connects **your channel**, once: sign in to Twitch *as your channel*. It lets the bot"
        " into your chat (channel:bot), mark your strongest moments on the stream for the Highlighter"
        " (channel:manage:broadcast) and, later, make clips (clips:edit). It also proves the channel is"
        " yours, so nobody else here can chronicle it."
    ),
}


@handlers.handler(
    "twitch",
    "connect",
    examples=["connect twitch", "connect my twitch channel", "connect the twitch bot account"],
)
async def connect(command: Command, ctx: Context, api: StreamerApi) -> Reply:
    """Connect Twitch: the bot account (once per installation) or your channel, with a code on Twitch."""
    try:
        flow = await api.connect_twitch(command.grant)
    except ApiUserError as exc:
        if exc.status == 403:
            return Reply.text(sentence(exc.message))
        raise
    lines = [
        WHY.get(flow.grant, ""),
        f"Open {flow.verification_uri} and enter the code **{escape_chat(flow.user_code or '')}**"
        " (it lasts 30 minutes).",
        "I'll DM you as soon as Twitch says yes.",
    ]
    if flow.grant == "bot":
        lines.append("Then say “connect twitch” again to connect your own channel.")
    return Reply.text("\n".join(line for line in lines if line))


@handlers.handler(
    "twitch",
    "disconnect",
    examples=["disconnect twitch", "disconnect the twitch bot account"],
)
async def disconnect(command: Command, ctx: Context, api: StreamerApi) -> Reply:
    """Disconnect Twitch: the grant is revoked at Twitch and forgotten here."""
    grant = command.grant or "broadcaster"
    try:
        await api.disconnect_twitch(grant)
    except ApiUserError as exc:
        if exc.code is ErrorCode.NOT_FOUND:
            return Reply.text("Nothing to disconnect: that Twitch grant isn't connected.")
        if exc.status == 403:
            return Reply.text(sentence(exc.message))
        raise
    what = "The bot account" if grant == "bot" else "Your channel"
    return Reply.text(
        f"{what} is disconnected: I revoked the Chronicler's access at Twitch and forgot its tokens."
        " Say “connect twitch” to connect again."
    )
